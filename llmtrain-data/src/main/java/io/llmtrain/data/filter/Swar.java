package io.llmtrain.data.filter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Eight Latin-1 characters at a time in a {@code long} ("SIMD within a register"), for the scans
 * that dominate on ordinary prose: finding where a short word ends, hashing it, and folding text
 * to lower case. Byte i of a loaded word is character i.
 */
final class Swar {
  private Swar() {
  }

  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long LOW_7 = 0x7f7f7f7f7f7f7f7fL;

  /** The eight bytes at {@code i}. */
  static long load(byte[] b, int i) {
    return (long) LONGS.get(b, i);
  }

  static void store(byte[] b, int i, long x) {
    LONGS.set(b, i, x);
  }

  /** The high bit of each byte of {@code x} that is not an ASCII letter. */
  static long nonLetters(long x) {
    long low7 = (x | 0x2020202020202020L) & LOW_7; // letters folded to lower case
    long atLeastA = low7 + 0x1f1f1f1f1f1f1f1fL; // high bit set where low7 >= 'a' (no carries)
    long pastZ = low7 + 0x0505050505050505L; // high bit set where low7 > 'z'
    long letters = atLeastA & ~pastZ & ~x & HIGH_BITS; // and the byte itself below 0x80
    return ~letters & HIGH_BITS;
  }

  /** The high bit of each byte of {@code x} equal to {@code b} (eight copies of it). */
  static long equal(long x, long b) {
    long v = x ^ b;
    // (v & 0x7f) + 0x7f cannot carry into the next byte; its high bit, or v's, means nonzero.
    return ~(((v & LOW_7) + LOW_7) | v) & HIGH_BITS;
  }

  /** Every byte of {@code x} whose high bit is set in {@code highBits}, as 0xff; others 0. */
  static long bytes(long highBits) {
    return (highBits >>> 7) * 0xff;
  }

  /**
   * The lower case of each ASCII letter, spaces kept, every other byte 0: {@code C4}'s folded
   * text, eight Latin-1 characters at a time.
   */
  static long fold(long x) {
    long letters = bytes(~nonLetters(x) & HIGH_BITS);
    long spaces = bytes(equal(x, 0x2020202020202020L));
    return ((x | 0x2020202020202020L) & letters) | (x & spaces);
  }

  /** 31^k and its inverse modulo 2^32. */
  private static final int[] INVERSE_POWERS = new int[9];

  static {
    int q = 1;
    int inverseOf31 = 0xbdef7bdf; // 31 * 0xbdef7bdf == 1 (mod 2^32)
    for (int k = 0; k <= 8; k++) {
      INVERSE_POWERS[k] = q;
      q *= inverseOf31;
    }
  }

  private static final int P1 = 31;
  private static final int P2 = P1 * 31;
  private static final int P3 = P2 * 31;
  private static final int P4 = P3 * 31;
  private static final int P5 = P4 * 31;
  private static final int P6 = P5 * 31;
  private static final int P7 = P6 * 31;

  /**
   * {@link String#hashCode()} of the first {@code n} (1 to 7) characters of {@code x}. The
   * terms are summed as for eight characters, which is the hash times 31^(8-n); the inverse
   * power undoes that.
   */
  static int hash(long x, int n) {
    long v = x & ((1L << (n << 3)) - 1);
    int h = (int) (v & 0xff) * P7
        + (int) ((v >>> 8) & 0xff) * P6
        + (int) ((v >>> 16) & 0xff) * P5
        + (int) ((v >>> 24) & 0xff) * P4
        + (int) ((v >>> 32) & 0xff) * P3
        + (int) ((v >>> 40) & 0xff) * P2
        + (int) ((v >>> 48) & 0xff) * P1;
    return h * INVERSE_POWERS[8 - n];
  }
}
