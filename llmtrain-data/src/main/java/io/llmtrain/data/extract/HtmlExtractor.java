package io.llmtrain.data.extract;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.Evaluator;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.QueryParser;

/**
 * Turns an HTML page into plain text (processor {@code html}), with jsoup.
 *
 * <p>Boilerplate is dropped: scripts, styles, navigation, page headers and footers, sidebars,
 * forms and their controls, embedded frames and media, elements marked {@code role="navigation"},
 * {@code "banner"}, {@code "contentinfo"}, {@code "complementary"}, {@code "search"} or
 * {@code "menu"}, {@code "dialog"} (cookie and newsletter pop-ups), and hidden elements
 * ({@code hidden}, {@code aria-hidden="true"}, {@code display:none} or {@code visibility:hidden}
 * inline or by a class or id rule of the page's style sheet), plus any extra CSS selectors of the
 * {@link HtmlConfig}. A {@code <header>} inside an {@code <article>} or {@code <main>} is the
 * article's own heading and is kept. A form that holds the whole page (ASP.NET pages wrap
 * everything in one) is kept when it contains paragraphs or headings; its controls still go.
 *
 * <p>Layout becomes line structure: paragraphs, headings, lists, tables, quotations and
 * preformatted blocks are separated by a blank line, other blocks ({@code div}, {@code li},
 * {@code tr}...) and {@code <br>} end a line, two {@code <br>} in a row make a blank line, and
 * table cells are separated by a tab. Whitespace inside lines collapses to single spaces (the
 * no-break space included) except inside {@code <pre>}; entities are decoded.
 *
 * <p>Text with neither {@code '<'} nor {@code '&'} is not HTML and is returned unchanged, as the
 * same document. A page with no text left is rejected as {@code html_empty}. Counter:
 * {@code elements_removed} (boilerplate subtrees dropped). Thread-safe.
 */
public final class HtmlExtractor implements DocumentProcessor {
  private static final HtmlExtractor DEFAULT = new HtmlExtractor(HtmlConfig.defaults());

  private static final Set<String> BOILERPLATE = Set.of("script", "style", "noscript", "nav",
      "header", "footer", "aside", "form", "iframe", "frame", "svg", "math", "template", "button",
      "select", "textarea", "input", "option", "dialog", "menu", "object", "embed", "canvas",
      "audio", "video", "map");
  private static final Set<String> BOILERPLATE_ROLES = Set.of("navigation", "banner",
      "contentinfo", "complementary", "search", "menu", "menubar", "dialog", "alertdialog");
  private static final Pattern SIMPLE_SELECTOR = Pattern.compile("[a-z0-9]*([.#])([\\w-]+)",
      Pattern.CASE_INSENSITIVE);
  private static final Set<String> PARAGRAPHS = Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6",
      "blockquote", "pre", "ul", "ol", "dl", "table", "figure", "hr", "address", "section",
      "article", "main", "header", "details", "fieldset", "center");
  private static final Set<String> LINES = Set.of("div", "li", "tr", "dt", "dd", "caption",
      "figcaption", "summary", "legend", "body", "thead", "tbody", "tfoot");

  /** Only tag tests, which keep no state, so one instance serves all threads. */
  private static final Evaluator PAGE_CONTENT = QueryParser.parse("p, h1, h2, h3, article, main");

  private final HtmlConfig config;
  /** jsoup evaluators may memoise per traversal, so each thread gets its own. */
  private final ThreadLocal<Evaluator> extraSelectors;

  public HtmlExtractor(HtmlConfig config) {
    this.config = requireNonNull(config, "config");
    String joined = String.join(", ", config.removeSelectors());
    this.extraSelectors = joined.isEmpty() ? null
        : ThreadLocal.withInitial(() -> QueryParser.parse(joined));
  }

  public HtmlExtractor() {
    this(HtmlConfig.defaults());
  }

  /** The text of an HTML page with the default configuration; empty if none is left. */
  public static String toText(String html) {
    return DEFAULT.extract(html).text();
  }

  public HtmlConfig config() {
    return config;
  }

  @Override
  public String name() {
    return HtmlConfig.NAME;
  }

  /** What extraction produced. */
  public record Extraction(String text, String title, int elementsRemoved) {
  }

  /** Extracts the text of a page; the text is empty when nothing is left. */
  public Extraction extract(String html) {
    org.jsoup.nodes.Document page = Jsoup.parse(html);
    int removed = 0;
    if (extraSelectors != null) {
      Elements extra = page.select(extraSelectors.get());
      for (Element e : extra) {
        e.remove();
      }
      removed += extra.size();
    }
    String title = page.title();
    TextCollector collector = new TextCollector(hiddenByStylesheet(page));
    NodeTraversor.filter(collector, page);
    removed += collector.removed;
    String text = collector.finish();
    if (config.keepTitle() && !title.isEmpty() && !startsWithIgnoringCase(text, title)) {
      text = text.isEmpty() ? title : title + "\n\n" + text;
    }
    return new Extraction(text, title, removed);
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    String html = document.text();
    if (html.indexOf('<') < 0 && html.indexOf('&') < 0) {
      return html.isBlank() ? Outcome.reject("html_empty", "no text") : Outcome.keep(document);
    }
    Extraction e = extract(html);
    if (e.elementsRemoved() > 0) {
      context.count("elements_removed", e.elementsRemoved());
    }
    if (e.text().isEmpty()) {
      return Outcome.reject("html_empty", "no text left after removing markup and boilerplate ("
          + e.elementsRemoved() + " elements removed)");
    }
    return Outcome.keep(document.withText(e.text()));
  }

  private static boolean startsWithIgnoringCase(String text, String prefix) {
    return text.regionMatches(true, 0, prefix, 0, prefix.length());
  }

  /**
   * Classes and ids that the page's own style sheets hide ({@code .promo { display: none }}), a
   * common way to hide keyword stuffing. Only simple selectors ({@code .name}, {@code #name},
   * {@code tag.name}) of top-level rules count: rules inside {@code @media} apply to print or
   * small screens only.
   */
  static Set<String> hiddenByStylesheet(org.jsoup.nodes.Document page) {
    Set<String> hidden = null;
    for (Element style : page.getElementsByTag("style")) {
      String css = style.data();
      if (!css.contains("none") && !css.contains("hidden")) {
        continue;
      }
      // Top-level rules only: the selectors before a '{' at depth 0, the declarations up to its
      // '}'. Blocks of at-rules (@media, @supports) are skipped whole.
      int depth = 0;
      int ruleStart = 0;
      int bodyStart = -1;
      boolean atRule = false;
      for (int i = 0; i < css.length(); i++) {
        char c = css.charAt(i);
        if (c == '{') {
          if (depth == 0) {
            String selectors = css.substring(ruleStart, i);
            atRule = selectors.contains("@");
            bodyStart = i + 1;
          }
          depth++;
        } else if (c == '}' && depth > 0) {
          depth--;
          if (depth == 0) {
            if (!atRule && hidesElement(css.substring(bodyStart, i))) {
              for (String selector : css.substring(ruleStart, bodyStart - 1).split(",")) {
                Matcher simple = SIMPLE_SELECTOR.matcher(selector.strip());
                if (simple.matches()) {
                  if (hidden == null) {
                    hidden = new HashSet<>();
                  }
                  hidden.add(simple.group(1) + simple.group(2).toLowerCase(Locale.ROOT));
                }
              }
            }
            ruleStart = i + 1;
          }
        } else if (c == ';' && depth == 0) {
          // "@import url(x);" and similar statements end without a block.
          ruleStart = i + 1;
        }
      }
    }
    return hidden == null ? Set.of() : hidden;
  }

  /** Whether an element and everything in it is boilerplate. */
  static boolean isBoilerplate(Element e, Set<String> hiddenSelectors) {
    String tag = e.normalName();
    if (BOILERPLATE.contains(tag)) {
      if (tag.equals("header")) {
        return !insideArticle(e);
      }
      if (tag.equals("form")) {
        return e.selectFirst(PAGE_CONTENT) == null;
      }
      return true;
    }
    if (e.attributesSize() == 0) {
      return false;
    }
    if (e.hasAttr("hidden") || "true".equalsIgnoreCase(e.attr("aria-hidden"))) {
      return true;
    }
    String role = e.attr("role");
    if (!role.isEmpty() && BOILERPLATE_ROLES.contains(role.trim().toLowerCase(Locale.ROOT))) {
      return true;
    }
    String style = e.attr("style");
    if (!style.isEmpty() && hidesElement(style)) {
      return true;
    }
    return !hiddenSelectors.isEmpty() && hiddenByClassOrId(e, hiddenSelectors);
  }

  private static boolean hiddenByClassOrId(Element e, Set<String> hiddenSelectors) {
    String id = e.id();
    if (!id.isEmpty() && hiddenSelectors.contains("#" + id.toLowerCase(Locale.ROOT))) {
      return true;
    }
    String classes = e.className();
    if (classes.isEmpty()) {
      return false;
    }
    for (String c : classes.split("\\s+")) {
      if (!c.isEmpty() && hiddenSelectors.contains("." + c.toLowerCase(Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  private static boolean insideArticle(Element e) {
    for (Element p = e.parent(); p != null; p = p.parent()) {
      String tag = p.normalName();
      if (tag.equals("article") || tag.equals("main")) {
        return true;
      }
    }
    return false;
  }

  /** CSS declarations that hide the element: display:none or visibility:hidden. */
  private static boolean hidesElement(String style) {
    if (!style.contains("none") && !style.contains("hidden") && !style.contains("NONE")
        && !style.contains("HIDDEN")) {
      return false;
    }
    String compact = style.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
    return compact.contains("display:none") || compact.contains("visibility:hidden");
  }

  /**
   * Walks the page once, skipping boilerplate subtrees, and writes text with line structure. Line
   * and paragraph breaks are only requested, and written before the next text, so markup never
   * produces leading, trailing or repeated blank lines.
   */
  private static final class TextCollector implements NodeFilter {
    private final StringBuilder out = new StringBuilder();
    /** Newlines owed before the next text: 0, 1 (line break) or 2 (blank line). */
    private int pendingNewlines;
    /** Separator owed before the next text on the same line: 0, ' ' or '\t'. */
    private char pendingSeparator;
    private int preDepth;
    private final Set<String> hiddenSelectors;
    int removed;

    TextCollector(Set<String> hiddenSelectors) {
      this.hiddenSelectors = hiddenSelectors;
    }

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode t) {
        append(t.getWholeText());
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element e)) {
        // Comments, doctype, script data.
        return node instanceof org.jsoup.nodes.Document ? FilterResult.CONTINUE
            : FilterResult.SKIP_ENTIRELY;
      }
      String tag = e.normalName();
      if (tag.equals("head")) {
        // The title is read separately; nothing else in the head is text.
        return FilterResult.SKIP_ENTIRELY;
      }
      if (isBoilerplate(e, hiddenSelectors)) {
        removed++;
        return FilterResult.SKIP_ENTIRELY;
      }
      if (tag.equals("br")) {
        pendingNewlines = Math.min(2, pendingNewlines + 1);
      } else if (tag.equals("td") || tag.equals("th")) {
        if (e.previousElementSibling() != null) {
          pendingSeparator = '\t';
        }
      } else if (tag.equals("img")) {
        // An image stands between the words around it.
        pendingSeparator = pendingSeparator == 0 ? ' ' : pendingSeparator;
      } else {
        breakAround(tag);
        if (tag.equals("pre")) {
          preDepth++;
        }
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (node instanceof Element e) {
        String tag = e.normalName();
        breakAround(tag);
        if (tag.equals("pre")) {
          preDepth--;
        }
      }
      return FilterResult.CONTINUE;
    }

    private void breakAround(String tag) {
      if (PARAGRAPHS.contains(tag)) {
        pendingNewlines = 2;
      } else if (LINES.contains(tag)) {
        pendingNewlines = Math.max(pendingNewlines, 1);
      }
    }

    private void append(String text) {
      int n = text.length();
      for (int i = 0; i < n; i++) {
        char c = text.charAt(i);
        if (preDepth > 0) {
          if (c == '\r') {
            continue;
          }
        } else if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f'
            || c == '\u00A0') {
          if (pendingSeparator == 0) {
            pendingSeparator = ' ';
          }
          continue;
        }
        flushBreaks();
        out.append(c);
      }
    }

    private void flushBreaks() {
      if (out.length() == 0) {
        pendingNewlines = 0;
        pendingSeparator = 0;
        return;
      }
      if (pendingNewlines > 0) {
        trimTrailingWhitespace();
        out.append(pendingNewlines == 2 ? "\n\n" : "\n");
      } else if (pendingSeparator != 0) {
        char last = out.charAt(out.length() - 1);
        if (last != '\n' && last != ' ' && last != '\t') {
          out.append(pendingSeparator);
        }
      }
      pendingNewlines = 0;
      pendingSeparator = 0;
    }

    private void trimTrailingWhitespace() {
      int end = out.length();
      while (end > 0 && Character.isWhitespace(out.charAt(end - 1))) {
        end--;
      }
      out.setLength(end);
    }

    String finish() {
      trimTrailingWhitespace();
      int start = 0;
      while (start < out.length() && Character.isWhitespace(out.charAt(start))) {
        start++;
      }
      return out.substring(start);
    }
  }
}
