package io.llmtrain.data.extract;

import static java.util.Objects.requireNonNull;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jsoup.select.QueryParser;
import org.jsoup.select.Selector;

/**
 * Configuration of HTML-to-text extraction (processor {@code html}, {@link HtmlExtractor}).
 * Defaults:
 *
 * <ul>
 *   <li>{@code keepTitle = false}: when true, the page's {@code <title>} becomes the first
 *       paragraph (unless the text already starts with it). Titles are often site names ("Home |
 *       Example Corp"), so they are left out by default.
 *   <li>{@code removeSelectors = []}: extra CSS selectors (jsoup syntax, such as
 *       {@code div.cookie-banner} or {@code #comments}) whose elements are removed along with the
 *       built-in boilerplate. Checked when the configuration is built.
 * </ul>
 */
public final class HtmlConfig implements StageSpec {
  public static final String NAME = "html";

  private final boolean keepTitle;
  private final List<String> removeSelectors;

  private HtmlConfig(Builder b) {
    this.keepTitle = b.keepTitle;
    this.removeSelectors = b.removeSelectors;
  }

  public static HtmlConfig defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Reads a configuration from plugin parameters, rejecting unknown keys and bad values. */
  public static HtmlConfig fromParams(Params p) {
    HtmlConfig d = defaults();
    Builder b = builder()
        .keepTitle(p.getBoolean("keepTitle", d.keepTitle));
    List<String> selectors = p.getList("removeSelectors", d.removeSelectors);
    p.finish();
    try {
      return b.removeSelectors(selectors).build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Parameter 'removeSelectors' of 'html': " + e.getMessage());
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("keepTitle", keepTitle);
    m.put("removeSelectors", removeSelectors);
    return Collections.unmodifiableMap(m);
  }

  public boolean keepTitle() {
    return keepTitle;
  }

  public List<String> removeSelectors() {
    return removeSelectors;
  }

  public Builder toBuilder() {
    return builder().keepTitle(keepTitle).removeSelectors(removeSelectors);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HtmlConfig c && keepTitle == c.keepTitle
        && removeSelectors.equals(c.removeSelectors);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keepTitle, removeSelectors);
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds an {@link HtmlConfig}; starts from the defaults. */
  public static final class Builder {
    private boolean keepTitle = false;
    private List<String> removeSelectors = List.of();

    private Builder() {
    }

    public Builder keepTitle(boolean v) {
      this.keepTitle = v;
      return this;
    }

    /** Replaces the extra selectors; blanks are dropped. */
    public Builder removeSelectors(List<String> selectors) {
      requireNonNull(selectors, "selectors");
      this.removeSelectors = selectors.stream().map(String::trim).filter(s -> !s.isEmpty())
          .toList();
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @throws IllegalArgumentException if a selector is not valid CSS for jsoup
     */
    public HtmlConfig build() {
      for (String s : removeSelectors) {
        try {
          QueryParser.parse(s);
        } catch (Selector.SelectorParseException e) {
          throw new IllegalArgumentException("'" + s + "' is not a valid CSS selector: "
              + e.getMessage(), e);
        }
      }
      return new HtmlConfig(this);
    }
  }
}
