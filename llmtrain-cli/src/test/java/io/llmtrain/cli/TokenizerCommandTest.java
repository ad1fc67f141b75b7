package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.tokens.ShardSidecar;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmtrain tokenizer encode} and {@code decode} end to end on the fixture tokenizer. */
class TokenizerCommandTest {
  static final String TEXT = "In the beginning God created the heaven and the earth.\n"
      + "No princípio criou Deus os céus e a terra; a ação e a canção não acabam.\n"
      + "太初に神は天と地とを創造された。🌍✨\n";

  @TempDir
  Path dir;

  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  private static String tokenizer() throws URISyntaxException {
    return Path.of(TokenizerCommandTest.class.getResource("/tokenizers/byte-bpe.json").toURI())
        .toString();
  }

  @Test
  void plainTextEncodesToAShardThatDecodesToTheSameText() throws Exception {
    Path input = Files.writeString(dir.resolve("genesis.txt"), TEXT);
    Path ids = dir.resolve("ids.bin");
    assertThat(console.run("tokenizer", "encode", "--tokenizer", tokenizer(), "--input",
        input.toString(), "--output", ids.toString(), "--threads", "2"))
        .as(console.err()).isZero();
    JsonNode stats = Json.MAPPER.readTree(console.out());
    long bytes = TEXT.getBytes(StandardCharsets.UTF_8).length;
    assertThat(stats.get("documents").asLong()).isEqualTo(1);
    assertThat(stats.get("bytes").asLong()).isEqualTo(bytes);
    long tokens = stats.get("tokens").asLong();
    assertThat(tokens).isBetween(bytes / 4, bytes - 1);
    assertThat(stats.get("bytes_per_token").asDouble())
        .isCloseTo((double) bytes / tokens, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(stats.get("eos_id").asInt()).isEqualTo(316);
    assertThat(Files.size(ids)).isEqualTo((tokens + 1) * 2);
    ShardSidecar sc = ShardSidecar.read(dir.resolve("ids.json"));
    assertThat(sc.tokens()).isEqualTo(tokens + 1);
    assertThat(sc.sources()).singleElement()
        .satisfies(s -> assertThat(s.bytes()).isEqualTo(bytes));

    assertThat(console.run("tokenizer", "decode", "--tokenizer", tokenizer(), "--input",
        ids.toString()))
        .as(console.err()).isZero();
    assertThat(console.out()).isEqualTo(TEXT);
  }

  @Test
  void jsonlDocumentsWithATextFieldRoundTripSeparatedByLines() throws Exception {
    Path input = Files.writeString(dir.resolve("docs.jsonl"),
        "{\"id\":\"1\",\"body\":\"Olá, mundo!\"}\n{\"id\":\"2\",\"body\":\"the end 🎉\"}\n");
    Path ids = dir.resolve("out/ids.bin");
    assertThat(console.run("tokenizer", "encode", "--tokenizer", tokenizer(), "--input",
        input.toString(), "--text-field", "body", "--output", ids.toString()))
        .as(console.err()).isZero();
    assertThat(Json.MAPPER.readTree(console.out()).get("documents").asLong()).isEqualTo(2);
    assertThat(console.run("tokenizer", "decode", "--tokenizer", tokenizer(), "--input",
        ids.toString()))
        .isZero();
    assertThat(console.out()).isEqualTo("Olá, mundo!\nthe end 🎉");
  }

  @Test
  void withoutOutputItOnlyCountsAndBadInputIsAClearError() throws Exception {
    Path input = Files.writeString(dir.resolve("a.txt"), "the and of");
    assertThat(console.run("tokenizer", "encode", "--tokenizer", tokenizer(), "--input",
        input.toString())).isZero();
    // " and" and " of" are single tokens in the fixture: t+he, Ġand, Ġof.
    assertThat(Json.MAPPER.readTree(console.out()).get("tokens").asLong()).isEqualTo(4);
    try (var files = Files.list(dir)) {
      assertThat(files).hasSize(1);
    }

    Path broken = Files.writeString(dir.resolve("broken.json"), "{\"model\": 3}");
    assertThat(console.run("tokenizer", "encode", "--tokenizer", broken.toString(), "--input",
        input.toString())).isEqualTo(2);
    assertThat(console.err()).contains("broken.json")
        .contains("field 'model'");

    assertThat(console.run("tokenizer", "encode", "--tokenizer", tokenizer(), "--input",
        input.toString(), "--eos-token", "<nope>")).isEqualTo(2);
    assertThat(console.err()).contains("--eos-token <nope>");

    assertThat(console.run("tokenizer", "decode", "--tokenizer", tokenizer(), "--input",
        dir.resolve("missing.bin").toString())).isEqualTo(2);
    assertThat(console.err()).contains("missing.json");
  }

  @Test
  void trainsEachModelThenEncodesWithEitherEncoderToTheSameShard() throws Exception {
    // A corpus of a few hundred lines of varied text, made from the fixture and a public-domain
    // verse list, with one line of invalid UTF-8 that is repaired and counted.
    StringBuilder corpus = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      corpus.append(TEXT);
      corpus.append("Verse ").append(i).append(": and the evening and the morning were the day ")
          .append(i % 7).append(".\n");
    }
    Path text = dir.resolve("corpus.txt");
    Files.write(text, concat(corpus.toString().getBytes(StandardCharsets.UTF_8),
        new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28, '\n'}));
    for (String model : new String[] {"bpe", "wordpiece", "unigram"}) {
      Path json = dir.resolve(model + ".json");
      assertThat(console.run("tokenizer", "train", "--input", text.toString(), "--model", model,
          "--vocab-size", "300", "--output", json.toString()))
          .as(console.err()).isZero();
      JsonNode trained = Json.MAPPER.readTree(console.out());
      // WordPiece and Unigram stop early when so small a corpus has nothing more to offer.
      assertThat(trained.get("vocab_size").asInt()).as(model)
          .isBetween(model.equals("bpe") ? 300 : 150, 300);
      assertThat(trained.get("repaired_lines").asLong()).isEqualTo(1);
      assertThat(Files.exists(dir.resolve(model + ".provenance.json"))).isTrue();

      byte[][] shards = new byte[2][];
      String[] encoders = {"java", "rust"};
      for (int e = 0; e < 2; e++) {
        Path ids = dir.resolve(model + "-" + encoders[e] + ".bin");
        assertThat(console.run("tokenizer", "encode", "--tokenizer", json.toString(), "--input",
            text.toString(), "--output", ids.toString(), "--encoder", encoders[e],
            "--eos-token", trained.get("eos_token").asText(), "-q"))
            .as(console.err()).isZero();
        assertThat(Json.MAPPER.readTree(console.out()).get("encoder").asText())
            .isEqualTo(encoders[e]);
        shards[e] = Files.readAllBytes(ids);
      }
      assertThat(shards[0]).as(model).isEqualTo(shards[1]);
    }
    // byte-level BPE gives the text back exactly (the repaired line aside)
    assertThat(console.run("tokenizer", "decode", "--tokenizer", dir.resolve("bpe.json").toString(),
        "--input", dir.resolve("bpe-java.bin").toString(), "--encoder", "java")).isZero();
    assertThat(console.out()).startsWith(corpus.toString());
  }

  @Test
  void trainsLlamaStyleLayoutsWithABosTemplate() throws Exception {
    Path text = Files.writeString(dir.resolve("t.txt"), TEXT.repeat(30));
    Path json = dir.resolve("llama2.json");
    assertThat(console.run("tokenizer", "train", "--input", text.toString(), "--split", "metaspace",
        "--template", "<s> $A", "--vocab-size", "400", "--output", json.toString()))
        .as(console.err()).isZero();
    io.llmtrain.tokenize.Tokenizer t = io.llmtrain.tokenize.json.TokenizerJson.read(json);
    assertThat(t.encode("In the beginning", true)[0]).isEqualTo(t.tokenToId("<s>"));
    assertThat(console.run("tokenizer", "train", "--input", text.toString(), "--split", "gpt5",
        "--vocab-size", "400", "--output", json.toString())).isEqualTo(2);
    assertThat(console.err()).contains("byteLevel, gpt4, metaspace");
  }

  @Test
  void trainRefusesAVocabularySmallerThanTheAlphabet() throws Exception {
    Path text = Files.writeString(dir.resolve("t.txt"), TEXT);
    assertThat(console.run("tokenizer", "train", "--input", text.toString(), "--vocab-size", "50",
        "--output", dir.resolve("t.json").toString())).isEqualTo(2);
    assertThat(console.err()).contains("alphabet");
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
