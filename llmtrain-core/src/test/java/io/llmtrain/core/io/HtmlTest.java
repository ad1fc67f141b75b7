package io.llmtrain.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {
  @Test
  void markupAndQuotesBecomeEntitiesAndOtherTextIsKept() {
    assertThat(Html.escape("<script>alert('x')</script> & \"quoted\""))
        .isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot;");
    assertThat(Html.escape("ação — 太初 🎉 a<b")).isEqualTo("ação — 太初 🎉 a&lt;b");
    assertThat(Html.escape("&amp;")).isEqualTo("&amp;amp;"); // not idempotent: escape once
    assertThat(Html.escape("")).isEmpty();
  }

  @Test
  void aPageStartsWithTheEscapedTitleAndThePagesOwnRulesInTheSharedStyleSheet() {
    StringBuilder h = new StringBuilder();
    Html.startPage(h, "run <a&b>", ".mine{color:red}\n");
    String page = h.toString();
    assertThat(page).startsWith("<!DOCTYPE html>\n")
        .contains("<title>run &lt;a&amp;b&gt;</title>", ".mine{color:red}\n", "footer{")
        .endsWith("<body>\n<h1>run &lt;a&amp;b&gt;</h1>\n");
    assertThat(page.indexOf(".mine")).isBetween(page.indexOf("<style>"), page.indexOf("</style>"));
  }
}
