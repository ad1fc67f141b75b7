package io.llmtrain.data.normalize;

import static java.util.Objects.requireNonNull;

import com.ibm.icu.text.Normalizer2;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.data.normalize.NormalizeConfig.Form;
import java.util.Locale;

/**
 * The {@code normalize} stage: Unicode normalization, punctuation and whitespace
 * standardization, lower-casing, accent stripping and placeholders, each switched by
 * {@link NormalizeConfig}. Usable on its own:
 *
 * <pre>{@code
 * TextNormalizer normalizer = new TextNormalizer(NormalizeConfig.builder()
 *     .lowercase(true).placeholders(Placeholder.URL, Placeholder.DATE).build());
 * normalizer.normalize("See “HTTPS://Example.com/a” — 3 de março de 2024…");
 * // "see \"[URL]\" - [DATE]..."
 * }</pre>
 *
 * <p>Steps run in this order, which is what makes the result idempotent
 * ({@code normalize(normalize(x)).equals(normalize(x))} for every configuration):
 * <ol>
 *   <li>Unicode form (NFC or NFKC), so every later step sees one encoding; NFKC can produce
 *       characters such as the em dash that the next step maps.</li>
 *   <li>Punctuation and whitespace, in one scan ({@link PunctuationAndWhitespace}).</li>
 *   <li>Lower-casing, then accent stripping (a Turkish "İ" must become "i" before its dot could
 *       be taken for an accent); the form is restored if either leaves the text unnormalized.</li>
 *   <li>Placeholders: URLs, then e-mail addresses (a URL may contain an '@'), dates, numbers (a
 *       date is made of numbers). They see text that is already lower-cased and stripped, so the
 *       tokens come out upper-case; lower-casing spares the tokens of enabled placeholders, so a
 *       second pass leaves them as they are. None of them adds or removes line breaks.</li>
 * </ol>
 *
 * <p>The processor never rejects a document. It counts {@code changed} documents and each
 * replacement as {@code placeholders_url}, {@code placeholders_email}, {@code placeholders_date}
 * and {@code placeholders_number}. Thread-safe and stateless.
 */
public final class TextNormalizer implements DocumentProcessor {
  private static final String[] COUNTERS = new String[Placeholder.values().length];

  static {
    for (Placeholder kind : Placeholder.values()) {
      COUNTERS[kind.ordinal()] = "placeholders_" + kind.key();
    }
  }

  private static final TextNormalizer DEFAULT = new TextNormalizer(NormalizeConfig.defaults());

  private final NormalizeConfig config;
  private final Normalizer2 normalizer;
  /** Below this code unit every char is stable under the configured form. */
  private final char formStableBelow;
  private final PunctuationAndWhitespace punctuationAndWhitespace;
  private final Locale locale;
  private final boolean url;
  private final boolean email;
  private final boolean date;
  private final boolean number;

  public TextNormalizer(NormalizeConfig config) {
    this.config = requireNonNull(config, "config");
    this.normalizer = switch (config.form()) {
      case NFC -> Normalizer2.getNFCInstance();
      case NFKC -> Normalizer2.getNFKCInstance();
      case NONE -> null;
    };
    // No char below U+0300 takes part in canonical composition; NFKC also folds U+00A0 and up.
    this.formStableBelow = config.form() == Form.NFKC ? '\u00A0' : '\u0300';
    this.punctuationAndWhitespace = new PunctuationAndWhitespace(config.punctuation(),
        config.whitespace(), config.emDash());
    this.locale = config.locale();
    this.url = config.placeholders().contains(Placeholder.URL);
    this.email = config.placeholders().contains(Placeholder.EMAIL);
    this.date = config.placeholders().contains(Placeholder.DATE);
    this.number = config.placeholders().contains(Placeholder.NUMBER);
  }

  /** A normalizer with {@link NormalizeConfig#defaults()}. */
  public static TextNormalizer defaults() {
    return DEFAULT;
  }

  public NormalizeConfig config() {
    return config;
  }

  @Override
  public String name() {
    return NormalizeConfig.NAME;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    String text = document.text();
    int[] counts = new int[COUNTERS.length];
    String normalized = normalize(text, counts);
    if (normalized == text) {
      return Outcome.keep(document);
    }
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] > 0) {
        context.count(COUNTERS[k], counts[k]);
      }
    }
    // Every step returns its input instance unless it changed something.
    context.count("changed");
    return Outcome.keep(document.withText(normalized));
  }

  /** Normalizes one text; returns the same instance when nothing changes. */
  public String normalize(String text) {
    return normalize(requireNonNull(text, "text"), null);
  }

  private String normalize(String text, int[] counts) {
    String s = applyForm(text);
    s = punctuationAndWhitespace.apply(s);
    String beforeCaseAndAccents = s;
    if (config.lowercase()) {
      s = lowerCase(s);
    }
    if (config.stripAccents()) {
      s = AccentStripper.strip(s);
    }
    if (s != beforeCaseAndAccents) {
      s = applyForm(s);
    }
    if (url) {
      s = replace(UrlFinder.find(s), Placeholder.URL, counts);
    }
    if (email && s.indexOf('@') >= 0) {
      s = replace(EmailFinder.find(s), Placeholder.EMAIL, counts);
    }
    if ((date || number) && hasAsciiDigit(s)) {
      if (date) {
        s = replace(DateFinder.find(s), Placeholder.DATE, counts);
      }
      if (number) {
        s = replace(NumberFinder.find(s), Placeholder.NUMBER, counts);
      }
    }
    return s;
  }

  private static String replace(Replacements r, Placeholder kind, int[] counts) {
    if (counts != null) {
      counts[kind.ordinal()] += r.count();
    }
    return r.result();
  }

  private String applyForm(String s) {
    if (normalizer == null) {
      return s;
    }
    int n = s.length();
    int i = 0;
    while (i < n && s.charAt(i) < formStableBelow) {
      i++;
    }
    if (i == n || normalizer.isNormalized(s)) {
      return s;
    }
    return normalizer.normalize(s);
  }

  /**
   * Lower-cases the text except the tokens of the enabled placeholders, which must stay
   * upper-case when normalized text is normalized again.
   */
  private String lowerCase(String s) {
    if (config.placeholders().isEmpty() || s.indexOf('[') < 0) {
      return lowerCaseSegment(s);
    }
    StringBuilder out = null;
    int copied = 0;
    for (int open = s.indexOf('['); open >= 0; open = s.indexOf('[', open + 1)) {
      String token = tokenAt(s, open);
      if (token == null) {
        continue;
      }
      String segment = s.substring(copied, open);
      String lowered = lowerCaseSegment(segment);
      if (out == null && lowered != segment) {
        out = new StringBuilder(s.length()).append(s, 0, copied);
      }
      if (out != null) {
        out.append(lowered).append(token);
      }
      copied = open + token.length();
      open = copied - 1;
    }
    String tail = s.substring(copied);
    String loweredTail = lowerCaseSegment(tail);
    if (out == null) {
      return loweredTail == tail ? s : s.substring(0, copied) + loweredTail;
    }
    return out.append(loweredTail).toString();
  }

  /** Lower-cases; the same instance when nothing changes (which toLowerCase does not promise). */
  private String lowerCaseSegment(String s) {
    String lowered = s.toLowerCase(locale);
    return lowered == s || !lowered.equals(s) ? lowered : s;
  }

  private String tokenAt(String s, int open) {
    for (Placeholder kind : config.placeholders()) {
      if (s.startsWith(kind.token(), open)) {
        return kind.token();
      }
    }
    return null;
  }

  private static boolean hasAsciiDigit(String s) {
    for (int i = 0, n = s.length(); i < n; i++) {
      char c = s.charAt(i);
      if (c <= '9' && c >= '0') {
        return true;
      }
    }
    return false;
  }
}
