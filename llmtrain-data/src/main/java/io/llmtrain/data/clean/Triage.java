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
        f |= EMOJI | SYMBOL_RUN;
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

  /**
   * The flags of {@code text}. Written without branches on the characters: prose alternates
   * letters, spaces and punctuation unpredictably, and a mispredicted branch per word costs more
   * than the arithmetic here.
   */
  static int scan(char[] text, int minRun) {
    int flags = 0;
    int run = 0;
    int longest = 0;
    for (char c : text) {
      int f = FLAGS[c];
      flags |= f;
      // run + 1 after a symbol, 0 after anything else.
      run = (run + 1) & -((f >>> 6) & 1);
      longest = Math.max(longest, run);
    }
    flags &= ALL;
    if (longest >= minRun) {
      flags |= SYMBOL_RUN;
    }
    return flags;
  }
}
