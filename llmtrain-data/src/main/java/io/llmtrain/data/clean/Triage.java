package io.llmtrain.data.clean;

/**
 * One cheap pass that tells the composite {@link Cleaner} which parts can have anything to do, so
 * that ordinary prose is read once here instead of once per part. Each flag is a superset: when
 * it is clear, the part would certainly find nothing.
 */
final class Triage {
  /** A run of at least {@code minRun} symbols: the symbols part may remove something. */
  static final int SYMBOL_RUN = 1;
  /** A pictograph, emoji component or surrogate pair: the emoji part may remove something. */
  static final int EMOJI = 2;
  /** An ASCII digit: IP addresses, phone and card numbers are possible. */
  static final int DIGIT = 4;
  /** An '@': e-mail addresses are possible. */
  static final int AT = 8;
  /** A ':': IPv6 addresses are possible. */
  static final int COLON = 16;

  static final int ALL = SYMBOL_RUN | EMOJI | DIGIT | AT | COLON;

  private Triage() {
  }

  /** Per character: the flags it raises on its own, plus {@link #SYMBOL_BIT} for symbols. */
  private static final byte[] FLAGS = new byte[0x10000];
  private static final int SYMBOL_BIT = 64;
  /** Raised by surrogates only; not part of {@link #ALL}. */
  private static final int SURROGATE_BIT = 32;

  static {
    for (int c = 0; c < 0x10000; c++) {
      byte cls = CharTables.classOf((char) c);
      int f = 0;
      if (cls == CharTables.SYMBOL) {
        f |= SYMBOL_BIT;
      } else if (cls == CharTables.EMOJI) {
        f |= EMOJI;
      } else if (cls == CharTables.SURROGATE) {
        // Supplementary symbols can extend a symbol run; let both parts look.
        f |= EMOJI | SYMBOL_RUN | SURROGATE_BIT;
      }
      if (c >= '0' && c <= '9') {
        f |= DIGIT;
      }
      if (c == '@') {
        f |= AT;
      }
      if (c == ':') {
        f |= COLON;
      }
      FLAGS[c] = (byte) f;
    }
  }

  /** The flags of {@code text}. */
  static int scan(char[] text, int minRun) {
    return flags(scanRuns(text, minRun));
  }

  /**
   * The flags of {@code text} and where its first run of {@code minRun} symbols starts, for
   * {@link #flags} and {@link #firstRun}. Once a run is found the rest of the text only needs its
   * flags, which is a shorter loop.
   */
  static long scanRuns(char[] text, int minRun) {
    int flags = 0;
    int run = 0;
    int firstRun = -1;
    int n = text.length;
    int i = 0;
    for (; i < n; i++) {
      int f = FLAGS[text[i]];
      flags |= f;
      // run + 1 after a symbol, 0 after anything else; the branch below is taken once at most.
      run = (run + 1) & -((f >>> 6) & 1);
      if (run >= minRun) {
        firstRun = i - run + 1;
        flags |= SYMBOL_RUN;
        i++;
        break;
      }
    }
    for (; i < n; i++) {
      flags |= FLAGS[text[i]];
    }
    if ((flags & SURROGATE_BIT) != 0) {
      // A supplementary symbol may make an earlier run long enough.
      firstRun = -1;
    }
    return (long) firstRun << 32 | (flags & ALL);
  }

  /** The flags of a {@link #scanRuns} result. */
  static int flags(long scanned) {
    return (int) scanned;
  }

  /**
   * Where the first run of {@code minRun} BMP symbols of a {@link #scanRuns} result starts, or
   * -1 when there is none or the text has surrogates (then the run is to be looked for from the
   * start).
   */
  static int firstRun(long scanned) {
    return (int) (scanned >> 32);
  }
}
