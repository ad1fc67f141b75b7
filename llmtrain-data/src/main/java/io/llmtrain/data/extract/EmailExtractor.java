package io.llmtrain.data.extract;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import io.llmtrain.data.extract.MailCharsets.Decoded;
import io.llmtrain.data.extract.MailCharsets.Source;
import io.llmtrain.data.repair.Windows1252;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.james.mime4j.MimeException;
import org.apache.james.mime4j.codec.DecodeMonitor;
import org.apache.james.mime4j.codec.DecoderUtil;
import org.apache.james.mime4j.parser.AbstractContentHandler;
import org.apache.james.mime4j.parser.MimeStreamParser;
import org.apache.james.mime4j.stream.BodyDescriptor;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;
import org.apache.james.mime4j.stream.NameValuePair;
import org.apache.james.mime4j.stream.RawBody;
import org.apache.james.mime4j.stream.RawField;
import org.apache.james.mime4j.stream.RawFieldParser;
import org.apache.james.mime4j.util.ByteSequence;
import org.apache.james.mime4j.util.MimeUtil;

/**
 * Extracts the body text of a raw RFC 822 / MIME e-mail message (processor {@code email}), with
 * Apache James mime4j.
 *
 * <p>Headers are dropped, except the Subject, which by default becomes the first line. Multipart
 * messages are walked to any depth: of a {@code multipart/alternative}, the {@code text/plain}
 * version is taken (unless it is a stub a quarter the length of the HTML version, as in mail that
 * says "view this message in an HTML reader"), otherwise the HTML one, converted by
 * {@link HtmlExtractor}; the text parts of other multiparts and of attached messages are joined by
 * blank lines. Quoted-printable and base64 are decoded and declared charsets honoured; see
 * {@link MailCharsets#decode} for what happens when they are missing or wrong. Attachments
 * ({@code Content-Disposition: attachment}, and any part that is not text) are skipped and counted.
 *
 * <p>Malformed mail never makes it fail: a multipart whose boundary is never found is re-read with
 * the boundary its body actually uses, a message cut short keeps what came before the cut, and
 * input with no header at all is taken as plain text. A message without any text part is rejected
 * as {@code email_no_text}.
 *
 * <p>Documents hold text, not bytes, so the message is turned back into bytes first: with
 * {@link Windows1252} when every character allows it (this restores the original bytes of a
 * message that was read as Latin-1 or Windows-1252, so declared charsets apply), and as UTF-8
 * otherwise (the message was already decoded; its 8-bit text is kept as it is, while
 * quoted-printable and base64 parts, still ASCII, are decoded with their declared charsets).
 *
 * <p>Metadata added: {@code content_type} and {@code content_charset} of the first text part used.
 * Counters: {@code attachments_skipped}, {@code html_parts_converted}, {@code charset_detected}
 * (no usable declared charset, so it was detected), {@code malformed_messages} (mime4j gave up or
 * a boundary had to be guessed). Thread-safe.
 */
public final class EmailExtractor implements DocumentProcessor {
  private static final EmailExtractor DEFAULT = new EmailExtractor(EmailConfig.defaults());

  /** Deeper nesting than this is not mail but an attack on the parser. */
  private static final int MAX_DEPTH = 40;
  /** A text/plain part shorter than this share of its HTML alternative is a stub. */
  private static final double STUB_RATIO = 0.25;
  private static final int MAX_PREAMBLE = 4 << 20;

  private static final MimeConfig MIME_CONFIG = MimeConfig.custom()
      .setStrictParsing(false)
      .setMaxLineLen(-1)
      .setMaxHeaderCount(-1)
      .setMaxHeaderLen(-1)
      .setMaxContentLen(-1)
      .build();

  private final EmailConfig config;
  private final HtmlExtractor html = new HtmlExtractor(HtmlConfig.defaults());

  public EmailExtractor(EmailConfig config) {
    this.config = requireNonNull(config, "config");
  }

  public EmailExtractor() {
    this(EmailConfig.defaults());
  }

  /** The body text of a message with the default configuration; empty if it has none. */
  public static String toText(String message) {
    return DEFAULT.extract(message).text();
  }

  public EmailConfig config() {
    return config;
  }

  @Override
  public String name() {
    return EmailConfig.NAME;
  }

  /**
   * What extraction found. {@code text} is empty when the message has no text part;
   * {@code contentType} and {@code charset} describe the first text part used (null if none).
   */
  public record Extraction(String text, String subject, String contentType, String charset,
      int textParts, int attachmentsSkipped, int htmlPartsConverted, boolean charsetDetected,
      boolean malformed) {
  }

  /** Extracts the text of a message given as text (see the class comment on how it is read). */
  public Extraction extract(String message) {
    requireNonNull(message, "message");
    if (Windows1252.canEncode(message)) {
      return extract(Windows1252.encode(message), Source.WESTERN_TEXT, message);
    }
    return extract(message.getBytes(StandardCharsets.UTF_8), Source.DECODED_TEXT, message);
  }

  /** Extracts the text of a message given as its original bytes, as read from a .eml file. */
  public Extraction extract(byte[] message) {
    requireNonNull(message, "message");
    return extract(message, Source.RAW, null);
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    Extraction e = extract(document.text());
    if (e.attachmentsSkipped() > 0) {
      context.count("attachments_skipped", e.attachmentsSkipped());
    }
    if (e.htmlPartsConverted() > 0) {
      context.count("html_parts_converted", e.htmlPartsConverted());
    }
    if (e.charsetDetected()) {
      context.count("charset_detected");
    }
    if (e.malformed()) {
      context.count("malformed_messages");
    }
    if (e.text().isEmpty()) {
      return Outcome.reject("email_no_text", e.textParts() == 0
          ? "no text part (" + e.attachmentsSkipped() + " attachments skipped)"
          : "the text parts are empty");
    }
    Document out = document.withText(e.text()).withMetadata("content_type", e.contentType());
    return Outcome.keep(out.withMetadata("content_charset", e.charset()));
  }

  private Extraction extract(byte[] bytes, Source source, String asText) {
    Walk walk = new Walk(source);
    Part root = parse(bytes, walk);
    List<Piece> pieces = new ArrayList<>();
    if (root.fieldCount == 0) {
      // Not a message at all (mime4j skipped every line as a broken header): plain text.
      String text = asText != null ? asText : rawText(bytes, walk);
      pieces.add(plain(text, "text/plain", "UTF-8"));
      walk.textParts++;
    } else {
      collect(root, walk, pieces, 0);
    }
    StringBuilder body = new StringBuilder();
    for (Piece p : pieces) {
      if (!p.text.isEmpty()) {
        body.append(body.length() > 0 ? "\n\n" : "").append(p.text);
      }
    }
    String subject = root.subject == null ? "" : decodeSubject(root.subject, source);
    String text = body.toString();
    if (!text.isEmpty() && config.keepSubject() && !subject.isEmpty()) {
      text = subject + "\n\n" + text;
    }
    Piece first = pieces.stream().filter(p -> !p.text.isEmpty()).findFirst()
        .orElse(pieces.isEmpty() ? null : pieces.get(0));
    return new Extraction(text, subject, first == null ? null : first.contentType,
        first == null ? null : first.charset, walk.textParts, walk.attachments,
        walk.htmlConverted, walk.detected, walk.malformed);
  }

  private String rawText(byte[] bytes, Walk walk) {
    Decoded d = MailCharsets.decode(bytes, null, true, walk.source, config.detectCharset());
    return d.text().replace("\r\n", "\n").strip();
  }

  /** Parses bytes into a tree of parts; whatever was read before an error is kept. */
  private Part parse(byte[] bytes, Walk walk) {
    Collector collector = new Collector(walk);
    MimeStreamParser parser = new MimeStreamParser(MIME_CONFIG, DecodeMonitor.SILENT, null);
    parser.setContentDecoding(true);
    parser.setRecurse();
    parser.setContentHandler(collector);
    try {
      parser.parse(new ByteArrayInputStream(bytes));
    } catch (MimeException | IOException | RuntimeException e) {
      // Broken beyond what mime4j tolerates (such as a boundary longer than it accepts): keep the
      // parts read so far.
      walk.malformed = true;
    }
    return collector.root != null ? collector.root : new Part(null);
  }

  /** Adds the text of a part and everything in it to {@code out}. */
  private void collect(Part part, Walk walk, List<Piece> out, int depth) {
    if (depth > MAX_DEPTH) {
      walk.malformed = true;
      return;
    }
    if (part.multipart) {
      if (part.children.isEmpty()) {
        recoverBrokenMultipart(part, walk, out, depth);
      } else if ("multipart/alternative".equals(part.mimeType)) {
        out.addAll(chooseAlternative(part, walk, depth));
      } else {
        for (Part child : part.children) {
          collect(child, walk, out, depth + 1);
        }
      }
    } else if (!part.children.isEmpty()) {
      // An attached message (message/rfc822), parsed as a message of its own.
      if (config.includeAttachedMessages() || depth == 0) {
        collect(part.children.get(0), walk, out, depth + 1);
      } else {
        walk.attachments++;
      }
    } else if (part.body != null) {
      walk.textParts++;
      out.add(textOf(part, walk));
    }
  }

  private List<Piece> chooseAlternative(Part part, Walk walk, int depth) {
    // The plain version first: when it is at least a quarter of the size of the largest other
    // version's raw bodies, it is no stub, and the HTML need not be parsed at all.
    List<Piece> plain = null;
    int plainIndex = -1;
    for (int i = 0; i < part.children.size() && plain == null; i++) {
      Part child = part.children.get(i);
      if (!child.multipart && child.children.isEmpty() && child.body != null
          && "text/plain".equals(child.mimeType)) {
        List<Piece> pieces = new ArrayList<>();
        collect(child, walk, pieces, depth + 1);
        if (length(pieces) > 0 && pieces.get(0).contentType.equals("text/plain")) {
          plain = pieces;
          plainIndex = i;
        }
      }
    }
    if (plain != null) {
      long largestOther = 0;
      for (int i = 0; i < part.children.size(); i++) {
        if (i != plainIndex) {
          largestOther = Math.max(largestOther, rawTextBytes(part.children.get(i)));
        }
      }
      if (length(plain) >= STUB_RATIO * largestOther) {
        return plain;
      }
    }
    List<List<Piece>> versions = new ArrayList<>();
    int richest = 0;
    for (int i = 0; i < part.children.size(); i++) {
      List<Piece> pieces = i == plainIndex ? plain : new ArrayList<>();
      if (i != plainIndex) {
        collect(part.children.get(i), walk, pieces, depth + 1);
      }
      if (length(pieces) > 0) {
        versions.add(pieces);
        richest = Math.max(richest, length(pieces));
      }
    }
    if (plain != null && length(plain) >= STUB_RATIO * richest) {
      return plain;
    }
    // RFC 2046: alternatives come in order of increasing faithfulness; take the last with text.
    return versions.isEmpty() ? List.of() : versions.get(versions.size() - 1);
  }

  /** The bytes of all text bodies in a part: a bound on the length of its text. */
  private static long rawTextBytes(Part part) {
    long n = part.body == null ? 0 : part.body.length;
    for (Part child : part.children) {
      n += rawTextBytes(child);
    }
    return n;
  }

  private static int length(List<Piece> pieces) {
    int n = 0;
    for (Piece p : pieces) {
      n += p.text.length();
    }
    return n;
  }

  /**
   * A multipart in which no boundary line was found: its whole body came back as the preamble.
   * The usual cause is a boundary parameter that does not match the lines, so read it again with
   * the boundary the lines use; failing that, the preamble is the text.
   */
  private void recoverBrokenMultipart(Part part, Walk walk, List<Piece> out, int depth) {
    if (part.preamble == null || part.preamble.length == 0) {
      return;
    }
    walk.malformed = true;
    String boundary = depth < MAX_DEPTH / 2 ? guessBoundary(part.preamble) : null;
    if (boundary != null) {
      byte[] header = ("Content-Type: " + part.mimeType + "; boundary=\"" + boundary
          + "\"\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
      byte[] reparse = new byte[header.length + part.preamble.length];
      System.arraycopy(header, 0, reparse, 0, header.length);
      System.arraycopy(part.preamble, 0, reparse, header.length, part.preamble.length);
      Part recovered = parse(reparse, walk);
      if (!recovered.children.isEmpty()) {
        collect(recovered, walk, out, depth + 1);
        return;
      }
    }
    Part asText = new Part(part.parent);
    asText.body = part.preamble;
    walk.textParts++;
    out.add(textOf(asText, walk));
  }

  /** The most frequent "--token" line of a body, without a closing "--"; null if none. */
  static String guessBoundary(byte[] body) {
    Map<String, Integer> counts = new HashMap<>();
    int n = body.length;
    int lineStart = 0;
    for (int i = 0; i <= n; i++) {
      if (i == n || body[i] == '\n') {
        int end = i;
        if (end > lineStart && body[end - 1] == '\r') {
          end--;
        }
        if (end - lineStart > 2 && end - lineStart <= 72 && body[lineStart] == '-'
            && body[lineStart + 1] == '-') {
          String token = new String(body, lineStart + 2, end - lineStart - 2,
              StandardCharsets.ISO_8859_1).strip();
          if (token.endsWith("--")) {
            token = token.substring(0, token.length() - 2);
          }
          if (isBoundaryToken(token)) {
            counts.merge(token, 1, Integer::sum);
          }
        }
        lineStart = i + 1;
      }
    }
    String best = null;
    int bestCount = 1;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }

  /** RFC 2046 boundary characters; rules out signature separators ("-- ") and rulers. */
  private static boolean isBoundaryToken(String s) {
    if (s.isEmpty()) {
      return false;
    }
    boolean hasAlphanumeric = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isLetterOrDigit(c) && c < 0x80) {
        hasAlphanumeric = true;
      } else if ("'()+_,-./:=? ".indexOf(c) < 0) {
        return false;
      }
    }
    return hasAlphanumeric;
  }

  private Piece textOf(Part part, Walk walk) {
    Decoded d = MailCharsets.decode(part.body, part.declaredCharset, part.transferEncoded,
        walk.source, config.detectCharset());
    walk.detected |= d.detected();
    String text = d.text();
    boolean isHtml = "text/html".equals(part.mimeType) || looksLikeHtml(text);
    if (isHtml) {
      walk.htmlConverted++;
      return new Piece(html.extract(text).text(), "text/html", d.charset());
    }
    return plain(text, part.mimeType == null ? "text/plain" : part.mimeType, d.charset());
  }

  private static Piece plain(String text, String contentType, String charset) {
    String t = text.indexOf('\r') >= 0 ? text.replace("\r\n", "\n") : text;
    if (t.contains("-----BEGIN PGP ")) {
      t = stripPgpArmor(t);
    }
    return new Piece(t.strip(), contentType, charset);
  }

  /**
   * Removes inline OpenPGP armor (RFC 4880): signature, encrypted-message and key blocks, which
   * are base64, and the header of a clear-signed message, whose dash-escaped lines ("- --") are
   * restored.
   */
  static String stripPgpArmor(String text) {
    StringBuilder out = new StringBuilder(text.length());
    String skipUntil = null;
    boolean signed = false;
    boolean inSignedHeader = false;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (skipUntil != null) {
        if (trimmed.equals(skipUntil)) {
          skipUntil = null;
        }
        continue;
      }
      if (inSignedHeader) {
        // "Hash: SHA1" lines, up to the blank line that starts the signed text.
        inSignedHeader = !trimmed.isEmpty();
        continue;
      }
      if (trimmed.equals("-----BEGIN PGP SIGNED MESSAGE-----")) {
        signed = true;
        inSignedHeader = true;
        continue;
      }
      if (trimmed.startsWith("-----BEGIN PGP ") && trimmed.endsWith("-----")) {
        skipUntil = "-----END " + trimmed.substring("-----BEGIN ".length());
        continue;
      }
      out.append(signed && line.startsWith("- ") ? line.substring(2) : line).append('\n');
    }
    return out.toString();
  }

  /** Spam often sends HTML labelled text/plain. */
  private static boolean looksLikeHtml(String text) {
    int i = 0;
    int n = Math.min(text.length(), 512);
    while (i < n && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return text.regionMatches(true, i, "<html", 0, 5)
        || text.regionMatches(true, i, "<!doctype html", 0, 14);
  }

  private static String decodeSubject(byte[] raw, Source source) {
    String value;
    if (source == Source.DECODED_TEXT || MailCharsets.isValidUtf8(raw)) {
      value = new String(raw, StandardCharsets.UTF_8);
    } else {
      value = Windows1252.decode(raw);
    }
    value = MimeUtil.unfold(value).replace('\t', ' ');
    if (value.contains("=?")) {
      value = DecoderUtil.decodeEncodedWords(value, DecodeMonitor.SILENT);
    }
    return value.replaceAll("[\\p{Cntrl}]", " ").strip();
  }

  /** A piece of text and the part it came from. */
  private record Piece(String text, String contentType, String charset) {
  }

  /** State shared by one extraction. */
  private static final class Walk {
    final Source source;
    int textParts;
    int attachments;
    int htmlConverted;
    boolean detected;
    boolean malformed;

    Walk(Source source) {
      this.source = source;
    }
  }

  /** One entity of the message: the message itself, a body part, or an attached message. */
  private static final class Part {
    final Part parent;
    final List<Part> children = new ArrayList<>(2);
    int fieldCount;
    String mimeType;
    String declaredCharset;
    boolean transferEncoded;
    boolean attachment;
    boolean multipart;
    byte[] body;
    byte[] preamble;
    byte[] subject;

    Part(Part parent) {
      this.parent = parent;
    }
  }

  /** Builds the tree of parts from mime4j's events, keeping only the bytes of text bodies. */
  private static final class Collector extends AbstractContentHandler {
    private final Walk walk;
    Part root;
    private Part current;

    Collector(Walk walk) {
      this.walk = walk;
    }

    private void open() {
      Part p = new Part(current);
      if (current == null) {
        root = p;
      } else {
        current.children.add(p);
      }
      current = p;
    }

    private void close() {
      if (current != null && current.parent != null) {
        current = current.parent;
      }
    }

    @Override
    public void startMessage() {
      open();
    }

    @Override
    public void endMessage() {
      close();
    }

    @Override
    public void startBodyPart() {
      open();
    }

    @Override
    public void endBodyPart() {
      close();
    }

    @Override
    public void field(Field field) {
      Part p = current;
      p.fieldCount++;
      String name = field.getName().toLowerCase(Locale.ROOT);
      switch (name) {
        case "content-type" -> p.declaredCharset = parameters(field).get("charset");
        case "content-disposition" -> p.attachment =
            "attachment".equalsIgnoreCase(value(field));
        case "subject" -> {
          if (p == root && p.subject == null) {
            p.subject = bodyBytes(field);
          }
        }
        default -> {
        }
      }
    }

    @Override
    public void startMultipart(BodyDescriptor bd) {
      current.multipart = true;
      current.mimeType = mimeType(bd);
    }

    @Override
    public void preamble(InputStream is) throws IOException {
      current.preamble = is.readNBytes(MAX_PREAMBLE);
    }

    @Override
    public void body(BodyDescriptor bd, InputStream is) throws IOException {
      Part p = current;
      p.mimeType = mimeType(bd);
      String encoding = bd.getTransferEncoding();
      p.transferEncoded = "quoted-printable".equals(encoding) || "base64".equals(encoding);
      boolean text = "text/plain".equals(p.mimeType) || "text/html".equals(p.mimeType);
      if (text && !p.attachment) {
        p.body = is.readAllBytes();
      } else if (!MimeUtil.isMessage(p.mimeType)) {
        walk.attachments++;
      }
    }

    /** The type/subtype alone: "TEXT/PLAIN charset=US-ASCII" (no ';') is text/plain too. */
    private static String mimeType(BodyDescriptor bd) {
      String t = bd.getMimeType();
      for (int i = 0; i < t.length(); i++) {
        char c = t.charAt(i);
        if (c == ' ' || c == '\t' || c == ';' || c == ',') {
          return t.substring(0, i);
        }
      }
      return t;
    }

    private static RawField raw(Field field) {
      return field instanceof RawField r ? r : new RawField(field.getName(), field.getBody());
    }

    private static String value(Field field) {
      String v = RawFieldParser.DEFAULT.parseRawBody(raw(field)).getValue();
      return v == null ? "" : v.trim();
    }

    private static Map<String, String> parameters(Field field) {
      RawBody body = RawFieldParser.DEFAULT.parseRawBody(raw(field));
      Map<String, String> params = new HashMap<>();
      for (NameValuePair p : body.getParams()) {
        if (p.getName() != null && p.getValue() != null) {
          params.putIfAbsent(p.getName().toLowerCase(Locale.ROOT), p.getValue());
        }
      }
      return params;
    }

    /** The field's value as the bytes it was written in (mime4j's string is ISO-8859-1). */
    private static byte[] bodyBytes(Field field) {
      ByteSequence raw = field.getRaw();
      if (raw == null) {
        return field.getBody().getBytes(StandardCharsets.UTF_8);
      }
      byte[] all = raw.toByteArray();
      int colon = 0;
      while (colon < all.length && all[colon] != ':') {
        colon++;
      }
      int start = Math.min(colon + 1, all.length);
      byte[] value = new byte[all.length - start];
      System.arraycopy(all, start, value, 0, value.length);
      return value;
    }
  }
}
