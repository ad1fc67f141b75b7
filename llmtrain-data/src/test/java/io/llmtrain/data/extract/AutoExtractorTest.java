package io.llmtrain.data.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AutoExtractorTest {
  private final AutoExtractor extractor = new AutoExtractor();

  private static String fixture(String name) throws IOException {
    try (InputStream in = AutoExtractorTest.class.getResourceAsStream("/fixtures/dirty/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void recognisesMessagesPagesAndPlainTextByContent() throws IOException {
    assertThat(AutoExtractor.sniff(fixture("email-alternative-en.eml")))
        .isEqualTo(AutoExtractor.Kind.EMAIL);
    assertThat(AutoExtractor.sniff(fixture("email-qp-latin1-pt.eml")))
        .isEqualTo(AutoExtractor.Kind.EMAIL);
    assertThat(AutoExtractor.sniff(fixture("page-article-en.html")))
        .isEqualTo(AutoExtractor.Kind.HTML);
    assertThat(AutoExtractor.sniff(fixture("page-noticia-pt.html")))
        .isEqualTo(AutoExtractor.Kind.HTML);
    assertThat(AutoExtractor.sniff("Subject: a letter we once wrote\nIt began like a header."))
        .isEqualTo(AutoExtractor.Kind.TEXT);
    assertThat(AutoExtractor.sniff("Nota: a reunião foi adiada.\nData: amanhã.\n\nAté logo."))
        .isEqualTo(AutoExtractor.Kind.TEXT);
    assertThat(AutoExtractor.sniff("Use <p> tags for paragraphs, the guide says."))
        .isEqualTo(AutoExtractor.Kind.TEXT);
  }

  @Test
  void extractsEachKindAndRecordsWhatItDid() throws IOException {
    TestContext ctx = new TestContext();
    Document mail = Document.of("m", fixture("email-alternative-en.eml"));
    Document page = Document.of("p", fixture("page-article-en.html"));
    Document text = Document.of("t", "The tide came in before dawn. The boats were ready.");
    Document mailText = ((Outcome.Kept) extractor.process(mail, ctx)).document();
    Document pageText = ((Outcome.Kept) extractor.process(page, ctx)).document();
    Outcome plain = extractor.process(text, ctx);

    assertThat(mailText.text()).doesNotContain("Content-Type:").doesNotContain("MIME-Version");
    assertThat(mailText.metadata()).containsEntry("extracted_as", "email");
    assertThat(pageText.text()).doesNotContain("<p>").doesNotContain("<script");
    assertThat(pageText.metadata()).containsEntry("extracted_as", "html");
    assertThat(((Outcome.Kept) plain).document().text()).isEqualTo(text.text());
    assertThat(ctx.counts).containsEntry("email", 1L).containsEntry("html", 1L)
        .containsEntry("text", 1L);
  }

  @Test
  void formatMetadataOverridesTheContent() {
    Document declaredText = Document.of("a", "<p>Literal markup, kept as written.</p>",
        Map.of("format", "text"));
    assertThat(((Outcome.Kept) extractor.process(declaredText)).document().text())
        .isEqualTo("<p>Literal markup, kept as written.</p>");
    Document declaredHtml = Document.of("b", "Fish &amp; chips on Friday.",
        Map.of("format", "html"));
    assertThat(((Outcome.Kept) extractor.process(declaredHtml)).document().text())
        .isEqualTo("Fish & chips on Friday.");
  }

  @Test
  void configRoundTripsAndNestedParametersAreChecked() {
    ExtractConfig cfg = ExtractConfig.builder().formatField("kind")
        .html(HtmlConfig.builder().keepTitle(true).build()).build();
    assertThat(ExtractConfig.fromParams(Params.of(StageSpec.of("extract", cfg.params()))))
        .isEqualTo(cfg);
    assertThatThrownBy(() -> ExtractConfig.fromParams(Params.of(StageSpec.of("extract",
        Map.of("html", Map.of("keepTitel", true))))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("keepTitel").hasMessageContaining("extract.html");
  }
}
