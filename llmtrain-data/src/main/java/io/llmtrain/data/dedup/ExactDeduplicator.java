package io.llmtrain.data.dedup;

import static java.util.Objects.requireNonNull;

import com.ibm.icu.text.Normalizer2;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.OrderedProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;

/**
 * Drops documents whose normalized text (see {@link DedupConfig}) was seen before, keeping the
 * first occurrence in input order whatever the number of threads.
 *
 * <p>Each text is reduced to a 64-bit fingerprint in a single pass over its characters (a
 * second, slower pass only for the rare text with characters that Unicode normalization could
 * change, or with characters outside the Basic Multilingual Plane such as emoji) and
 * only the fingerprints are stored, in a {@link LongHashSet}: 10.7 to 16 bytes per distinct
 * document. 64 bits rather than 128: two distinct texts share a fingerprint with probability about
 * n²/2^65, below 3% for a whole billion distinct documents (and then one document is wrongly
 * dropped), while 128 bits would double the memory of every run.
 *
 * <p>{@link #analyze} (the hashing) is thread-safe; {@link #decide} updates the shared set and is
 * meant to be called in input order from one thread, as the pipeline does. It is synchronized so
 * that misuse from several threads cannot corrupt the set.
 */
public final class ExactDeduplicator implements OrderedProcessor<Long> {
  /** Rejection reason for a document whose normalized text appeared before. */
  public static final String REASON = "duplicate_exact";

  private static final long SEED = 0x6a09e667f3bcc908L;
  /** Returned by {@link #hashBasic} when the text needs {@link #hashCodePoints}. */
  private static final long NOT_BASIC = 0x8000_0000_0000_0001L;

  private final DedupConfig config;
  /** The folding table, marking characters that normalization could change if configured. */
  private final char[] table;
  /** The same folding without those marks, for text already normalized. */
  private final char[] plainTable;
  private final int foldFlags;
  /** What whitespace folds to when runs of it count as one space; else -1, matching nothing. */
  private final int spaceMark;
  private final Normalizer2 normalizer;
  private final LongHashSet fingerprints;
  private final LongObjectMap<String> firstIds;

  /** An exact deduplicator with the default configuration. */
  public ExactDeduplicator() {
    this(DedupConfig.defaults());
  }

  public ExactDeduplicator(DedupConfig config) {
    this.config = requireNonNull(config, "config");
    boolean collapseWhitespace = config.collapseWhitespace();
    this.spaceMark = collapseWhitespace ? ' ' : -1;
    int flags = (config.lowercase() ? CharFolding.LOWERCASE : 0)
        | (config.stripPunctuation() ? CharFolding.STRIP_PUNCTUATION : 0)
        | (collapseWhitespace ? CharFolding.SEPARATE_AT_SPACES : 0);
    this.plainTable = CharFolding.table(flags);
    switch (config.form()) {
      case NFC -> {
        normalizer = Normalizer2.getNFCInstance();
        flags |= CharFolding.CHECK_NFC;
      }
      case NFKC -> {
        normalizer = Normalizer2.getNFKCInstance();
        flags |= CharFolding.CHECK_NFKC;
      }
      default -> normalizer = null;
    }
    this.foldFlags = flags;
    this.table = CharFolding.table(flags);
    if (config.rememberIds()) {
      this.firstIds = new LongObjectMap<>(config.expectedDocuments());
      this.fingerprints = null;
    } else {
      this.fingerprints = new LongHashSet(config.expectedDocuments());
      this.firstIds = null;
    }
  }

  @Override
  public String name() {
    return DedupConfig.NAME;
  }

  public DedupConfig config() {
    return config;
  }

  /**
   * The 64-bit fingerprint of {@code text} under this configuration's normalization: equal for
   * texts that are duplicates of each other. Thread-safe.
   */
  public long fingerprint(CharSequence text) {
    String s = text.toString();
    long h = hashBasic(s);
    if (h == NOT_BASIC) {
      // rare: surrogates, or characters that normalization may change
      h = hashCodePoints(normalizer != null ? normalizer.normalize(s) : s);
    }
    return h;
  }

  /**
   * Hashes the folded text in one tight pass, or returns {@link #NOT_BASIC} on meeting a
   * surrogate or a character that normalization could change. (Should a text truly hash to that
   * value, {@link #hashCodePoints} gives the same value for it, so nothing is lost.)
   */
  private long hashBasic(String s) {
    char[] t = table;
    int space = spaceMark;
    int start = 0;
    int end = s.length();
    // leading and trailing whitespace, and anything dropped next to it, is not hashed
    while (start < end && isBlank(t[s.charAt(start)], space)) {
      start++;
    }
    while (end > start && isBlank(t[s.charAt(end - 1)], space)) {
      end--;
    }
    long h = SEED;
    long block = 0; // the last four units; each full block is mixed into h
    long length = 0;
    char previous = 0;
    for (int i = start; i < end; i++) {
      char c = t[s.charAt(i)];
      if (c >= CharFolding.FIRST_UNUSUAL) {
        if (c == CharFolding.DROP) {
          continue;
        }
        if (c == CharFolding.SPECIAL) {
          return NOT_BASIC;
        }
      }
      // a run of spaces is hashed as its first space; tested without a branch per operand
      if (((c ^ space) | (previous ^ space)) == 0) {
        continue;
      }
      previous = c;
      block = (block << 16) | c;
      if ((++length & 3) == 0) {
        h = Hash64.mixBlock(h, block);
      }
    }
    if ((length & 3) != 0) {
      h = Hash64.mixBlock(h, block);
    }
    return Hash64.finish(h ^ length);
  }

  /**
   * The general path, for normalized text: folds supplementary characters too, and hashes
   * exactly the units {@link #hashBasic} would for the same folded text.
   */
  private long hashCodePoints(String s) {
    char[] t = plainTable;
    int space = spaceMark;
    Emitter out = new Emitter();
    boolean spaceDue = false;
    for (int i = 0; i < s.length(); i++) {
      char c = t[s.charAt(i)];
      if (c == CharFolding.DROP) {
        continue;
      }
      if (c == space) {
        spaceDue = out.length > 0;
        continue;
      }
      int cp = c;
      if (c == CharFolding.SPECIAL) {
        cp = s.codePointAt(i); // a lone surrogate stays as it is
        if (cp > 0xFFFF) {
          i++;
          cp = CharFolding.foldCodePoint(cp, foldFlags);
          if (cp < 0) {
            continue;
          }
        }
      }
      if (spaceDue) {
        out.unit(' ');
        spaceDue = false;
      }
      if (cp > 0xFFFF) {
        out.unit(Character.highSurrogate(cp));
        out.unit(Character.lowSurrogate(cp));
      } else {
        out.unit((char) cp);
      }
    }
    return out.finish();
  }

  /** The hashing state of {@link #hashCodePoints}, fed one unit at a time. */
  private static final class Emitter {
    long h = SEED;
    long block;
    long length;

    void unit(char c) {
      block = (block << 16) | c;
      if ((++length & 3) == 0) {
        h = Hash64.mixBlock(h, block);
      }
    }

    long finish() {
      return Hash64.finish(((length & 3) != 0 ? Hash64.mixBlock(h, block) : h) ^ length);
    }
  }

  private static boolean isBlank(char folded, int space) {
    return folded == space || folded == CharFolding.DROP;
  }

  @Override
  public Long analyze(Document document, StageContext context) {
    return fingerprint(document.text());
  }

  @Override
  public synchronized Outcome decide(Document document, Long fingerprint, StageContext context) {
    long fp = fingerprint;
    if (fingerprints != null) {
      return fingerprints.add(fp)
          ? Outcome.keep(document)
          : Outcome.reject(REASON, "same normalized text as an earlier document");
    }
    String first = firstIds.putIfAbsent(fp, document.id());
    return first == null
        ? Outcome.keep(document)
        : Outcome.reject(REASON, "same normalized text as document '" + first + "'");
  }

  /** Number of distinct fingerprints seen so far. */
  public synchronized int size() {
    return fingerprints != null ? fingerprints.size() : firstIds.size();
  }

  /** Heap bytes of the fingerprint table (ids excluded when {@code rememberIds} is on). */
  public synchronized long memoryBytes() {
    return fingerprints != null ? fingerprints.memoryBytes() : firstIds.memoryBytes();
  }
}
