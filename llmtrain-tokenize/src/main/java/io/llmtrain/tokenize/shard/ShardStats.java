package io.llmtrain.tokenize.shard;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link ShardEncoder} run produced.
 *
 * @param documents documents encoded
 * @param tokens tokens of the texts, without the end-of-document ids (what compression is
 *     measured on)
 * @param bytes UTF-8 bytes of the texts
 * @param shardTokens tokens written to shards, end-of-document ids included (0 without output)
 * @param shards the shard files written, in order (empty without output)
 */
public record ShardStats(long documents, long tokens, long bytes, long shardTokens,
    List<Path> shards) {
  public ShardStats {
    shards = List.copyOf(shards);
  }

  /** UTF-8 bytes per token: higher is better compression; 0 when there are no tokens. */
  public double bytesPerToken() {
    return tokens == 0 ? 0 : (double) bytes / tokens;
  }

  /** The figures as a JSON-ready map with snake_case keys, as the command line prints them. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("documents", documents);
    m.put("tokens", tokens);
    m.put("bytes", bytes);
    m.put("bytes_per_token", Math.round(bytesPerToken() * 10_000) / 10_000.0);
    m.put("shard_tokens", shardTokens);
    m.put("shards", shards.stream().map(Path::toString).toList());
    return m;
  }
}
