package io.llmtrain.data.dedup;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.OrderedProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;

/**
 * Drops near duplicates found with MinHash LSH (see {@link MinHasher} and
 * {@link NearDedupConfig}), keeping the first occurrence in input order whatever the number of
 * threads.
 *
 * <p>{@link #analyze} computes a document's signature and band keys on the worker pool (the
 * expensive part). {@link #decide} then looks the band keys up, in input order on one thread: a
 * document with a band key seen before is rejected with {@value #REASON}; otherwise its keys are
 * remembered. Only band keys are stored, 8 bytes each in one {@link LongHashSet} per band, never
 * texts or signatures: with the default 14 bands that is 14 x 10.7 to 16, so 150 to 225 bytes per
 * remembered document (0.15 to 0.23 GB per million documents), 150 when {@code expectedDocuments}
 * is set.
 *
 * <p>By default only kept documents are remembered; see {@link NearDedupConfig} for
 * {@code transitive}. Documents without any word are kept, never compared, and counted as
 * {@code no_words}.
 *
 * <p>{@link #decide} is synchronized so that misuse from several threads cannot corrupt the
 * tables, but results are only deterministic when it is called in input order.
 */
public final class MinHashDeduplicator implements OrderedProcessor<long[]> {
  /** Rejection reason for a near duplicate of an earlier document. */
  public static final String REASON = "duplicate_near";

  private final NearDedupConfig config;
  private final MinHasher hasher;
  private final LongHashSet[] seen;
  private final LongObjectMap<String>[] firstIds;

  /** A near-duplicate detector with the default configuration. */
  public MinHashDeduplicator() {
    this(NearDedupConfig.defaults());
  }

  @SuppressWarnings({"unchecked", "rawtypes"}) // an array of a generic type
  public MinHashDeduplicator(NearDedupConfig config) {
    this.config = requireNonNull(config, "config");
    this.hasher = new MinHasher(config);
    int bands = config.bands();
    if (config.rememberIds()) {
      firstIds = new LongObjectMap[bands];
      for (int b = 0; b < bands; b++) {
        firstIds[b] = new LongObjectMap<>(config.expectedDocuments());
      }
      seen = null;
    } else {
      seen = new LongHashSet[bands];
      for (int b = 0; b < bands; b++) {
        seen[b] = new LongHashSet(config.expectedDocuments());
      }
      firstIds = null;
    }
  }

  @Override
  public String name() {
    return NearDedupConfig.NAME;
  }

  public NearDedupConfig config() {
    return config;
  }

  /** The hasher, for computing signatures and similarities outside a pipeline. */
  public MinHasher hasher() {
    return hasher;
  }

  /** The band keys of the document's text; empty when it has no word. Thread-safe. */
  @Override
  public long[] analyze(Document document, StageContext context) {
    return hasher.bandKeys(document.text());
  }

  @Override
  public synchronized Outcome decide(Document document, long[] bandKeys,
      StageContext context) {
    if (bandKeys.length == 0) {
      context.count("no_words");
      return Outcome.keep(document);
    }
    int matching = 0;
    String earlier = null;
    for (int b = 0; b < bandKeys.length; b++) {
      if (seen != null) {
        if (seen[b].contains(bandKeys[b])) {
          matching++;
        }
      } else {
        String id = firstIds[b].get(bandKeys[b]);
        if (id != null) {
          matching++;
          earlier = earlier == null ? id : earlier;
        }
      }
    }
    if (matching == 0 || config.transitive()) {
      remember(document, bandKeys);
    }
    if (matching == 0) {
      return Outcome.keep(document);
    }
    String of = earlier == null ? "an earlier document" : "document '" + earlier + "'";
    return Outcome.reject(REASON, "near duplicate of " + of + ": " + matching + " of "
        + bandKeys.length + " LSH bands match");
  }

  private void remember(Document document, long[] bandKeys) {
    for (int b = 0; b < bandKeys.length; b++) {
      if (seen != null) {
        seen[b].add(bandKeys[b]);
      } else {
        firstIds[b].putIfAbsent(bandKeys[b], document.id());
      }
    }
  }

  /** Number of band keys remembered, over all bands. */
  public synchronized long storedKeys() {
    long n = 0;
    for (int b = 0; b < config.bands(); b++) {
      n += seen != null ? seen[b].size() : firstIds[b].size();
    }
    return n;
  }

  /** Heap bytes of the band tables (ids excluded when {@code rememberIds} is on). */
  public synchronized long memoryBytes() {
    long bytes = 0;
    for (int b = 0; b < config.bands(); b++) {
      bytes += seen != null ? seen[b].memoryBytes() : firstIds[b].memoryBytes();
    }
    return bytes;
  }
}
