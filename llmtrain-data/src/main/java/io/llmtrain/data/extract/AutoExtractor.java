package io.llmtrain.data.extract;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extracts e-mail or HTML per document and passes plain text through (processor
 * {@code extract}), for corpora that mix them: crawled dumps, support tickets, mailing-list
 * archives. A document's {@code format} metadata decides when present; otherwise its start:
 * a header block with at least two well-known RFC 822 fields is a message, markup that opens
 * with a doctype or a structural tag is a page. The chosen kind is recorded as metadata
 * {@code extracted_as} and counted.
 */
public final class AutoExtractor implements DocumentProcessor {
  /** What the content or metadata says a document is. */
  public enum Kind {
    EMAIL, HTML, TEXT
  }

  private static final Set<String> MAIL_HEADERS = Set.of("from", "to", "subject", "date",
      "received", "return-path", "message-id", "mime-version", "content-type", "delivered-to",
      "reply-to", "cc", "x-mailer", "in-reply-to", "references", "sender");
  private static final Pattern HEADER = Pattern.compile("([A-Za-z][A-Za-z0-9-]*):[ \\t]");
  private static final Pattern MARKUP = Pattern.compile(
      "^\\s*(?:<\\?xml[^>]*>\\s*)?(?:<!--.*?-->\\s*)*<(?:!doctype\\s+html|html|head|body|div|p|"
          + "table|section|article|main|span|h[1-6]|ul|meta|title|link|script|style)[\\s>/]",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private final ExtractConfig config;
  private final HtmlExtractor html;
  private final EmailExtractor email;

  public AutoExtractor(ExtractConfig config) {
    this.config = config;
    this.html = new HtmlExtractor(config.html());
    this.email = new EmailExtractor(config.email());
  }

  public AutoExtractor() {
    this(ExtractConfig.defaults());
  }

  public ExtractConfig config() {
    return config;
  }

  @Override
  public String name() {
    return ExtractConfig.NAME;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    Kind kind = kindOf(document);
    context.count(kind.name().toLowerCase(Locale.ROOT));
    Outcome out = switch (kind) {
      case EMAIL -> email.process(document, context);
      case HTML -> html.process(document, context);
      case TEXT -> Outcome.keep(document);
    };
    if (out instanceof Outcome.Kept k) {
      return Outcome.keep(k.document().withMetadata("extracted_as",
          kind.name().toLowerCase(Locale.ROOT)));
    }
    return out;
  }

  /** The kind a document is taken to be: its format metadata, else its content. */
  public Kind kindOf(Document document) {
    Object declared = document.metadata().get(config.formatField());
    if (declared != null) {
      switch (declared.toString().trim().toLowerCase(Locale.ROOT)) {
        case "email", "eml", "mail", "rfc822", "message/rfc822":
          return Kind.EMAIL;
        case "html", "htm", "text/html":
          return Kind.HTML;
        case "text", "txt", "plain", "text/plain":
          return Kind.TEXT;
        default:
          break; // unknown declarations fall back to the content
      }
    }
    return sniff(document.text());
  }

  /** Guesses the kind from the start of the text. */
  public static Kind sniff(String text) {
    if (looksLikeMail(text)) {
      return Kind.EMAIL;
    }
    String head = text.length() > 2048 ? text.substring(0, 2048) : text;
    return MARKUP.matcher(head).find() ? Kind.HTML : Kind.TEXT;
  }

  private static boolean looksLikeMail(String text) {
    int pos = 0;
    int len = text.length();
    if (text.startsWith("From ")) { // mbox separator line
      pos = lineEnd(text, 0) + 1;
    }
    int known = 0;
    int lines = 0;
    while (pos < len && lines < 200) {
      int end = lineEnd(text, pos);
      if (end == pos || (end == pos + 1 && text.charAt(pos) == '\r')) {
        break; // blank line ends the header block
      }
      char first = text.charAt(pos);
      if (first != ' ' && first != '\t') { // continuation lines belong to the previous field
        Matcher m = HEADER.matcher(text).region(pos, end);
        if (!m.lookingAt()) {
          return false;
        }
        if (MAIL_HEADERS.contains(m.group(1).toLowerCase(Locale.ROOT))) {
          known++;
        }
      } else if (lines == 0) {
        return false;
      }
      lines++;
      pos = end + 1;
    }
    return known >= 2;
  }

  private static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }
}
