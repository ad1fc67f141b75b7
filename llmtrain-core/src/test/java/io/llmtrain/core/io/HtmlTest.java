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
}
