package io.llmtrain.data.clean;

/** The Luhn (mod 10) check digit test used by payment card numbers. */
public final class Luhn {
  private Luhn() {
  }

  /**
   * True when the digits of {@code number} pass the Luhn check. Spaces and dashes are ignored;
   * any other non-digit, or fewer than two digits, makes the number invalid.
   */
  public static boolean isValid(CharSequence number) {
    int sum = 0;
    int digits = 0;
    for (int i = number.length() - 1; i >= 0; i--) {
      char c = number.charAt(i);
      if (c == ' ' || c == '-') {
        continue;
      }
      if (c < '0' || c > '9') {
        return false;
      }
      int d = c - '0';
      if ((digits & 1) == 1) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      digits++;
    }
    return digits >= 2 && sum % 10 == 0;
  }
}
