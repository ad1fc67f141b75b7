package io.llmtrain.data.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BoilerplateRemoverTest {
  private final BoilerplateRemover remover = BoilerplateRemover.withDefaults();

  @ParameterizedTest
  @ValueSource(strings = {
      "Click here to download the full report.",
      "To unsubscribe from this list, send a blank message to the list address.",
      "Copyright © 2024 Example Media Group. All rights reserved.",
      "Privacy Policy | Terms of Use | Contact",
      "This website uses cookies to ensure you get the best experience.",
      "Sent from my iPhone",
      "JavaScript is disabled in your browser.",
      "Please enable JavaScript to view the comments.",
      "Read more »",
      "[Read more...]",
      "Home | About us | Contact",
      "Share on Facebook  Share on Twitter",
      "Share this story | Leave a comment",
      "© 2023 Acme Inc.",
      "Copyright (c) 2019-2024 The Authors",
      "(c) 2021 Fundação Exemplo",
      "Clique aqui para baixar o arquivo.",
      "Para cancelar inscrição, acesse sua conta.",
      "© 2024 Jornal Exemplo. Todos os direitos reservados.",
      "Leia nossa Política de Privacidade e os Termos de Uso.",
      "Este site utiliza cookies para melhorar sua experiência.",
      "Enviado do meu iPhone",
      "Leia mais",
      "Saiba mais »",
      "Compartilhe no WhatsApp",
      "O JavaScript está desativado no seu navegador.",
      "------------------------------",
      "* * *",
      "=== === ===",
  })
  void removesBoilerplateLines(String line) {
    String doc = "Real content stays here.\n" + line + "\nAnd so does this.";
    assertThat(remover.apply(doc)).isEqualTo("Real content stays here.\nAnd so does this.");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "She baked chocolate chip cookies for the school fair.",
      "I read more books this year than in the previous five combined.",
      "The Copyright Act of 1976 changed how authors register their work.",
      "Os biscoitos (cookies) da vovó ficaram ótimos.",
      "Leia mais devagar para entender o texto.",
      "The regulator said the company's privacy policy, which it revised three times in two"
          + " years after complaints from users in several countries, still failed to explain"
          + " how location data is shared with advertisers.",
      "Option (c) is correct because the other two violate the constraint.",
      "I'll share this story and hopefully it'll help you see right and wrong decisions.",
      "Vou deixar um comentário no blog dela amanhã.",
      "You can enable JavaScript in the browser settings if a page looks broken.",
      "});",
      "...",
      "[...]",
      "He asked: \"More?\"",
  })
  void keepsContent(String line) {
    String doc = "First line.\n" + line + "\nLast line.";
    assertThat(remover.apply(doc)).isSameAs(doc);
  }

  @Test
  void removesLoremIpsumAtAnyLength() {
    String doc = "Title\nLorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod"
        + " tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis"
        + " nostrud exercitation ullamco laboris.\nEnd";
    assertThat(remover.apply(doc)).isEqualTo("Title\nEnd");
  }

  @Test
  void countsRemovedLinesAndCollapsesBlankLines() {
    EmojiRemoverTest.Counting counts = new EmojiRemoverTest.Counting();
    String doc = "Great recipe for bread.\n\nShare on Facebook\n\nKnead for ten minutes.\n\n"
        + "© 2024 Food Blog\n";
    String out = remover.apply(doc, counts);
    assertThat(out).isEqualTo("Great recipe for bread.\n\nKnead for ten minutes.\n\n");
    assertThat(counts.get(BoilerplateRemover.COUNTER_REMOVED)).isEqualTo(2);
  }

  @Test
  void handlesWindowsLineEndings() {
    assertThat(remover.apply("Hello,\r\nSent from my iPhone\r\nBye\r\n"))
        .isEqualTo("Hello,\r\nBye\r\n");
  }

  @Test
  void rejectsDocumentsThatWereOnlyBoilerplate() {
    Outcome outcome = remover.process(Document.of("d",
        "Click here to unsubscribe\n© 2024 Newsletter Inc.\n----------"));
    assertThat(((Outcome.Rejected) outcome).reason()).isEqualTo("boilerplate_only");
  }

  @Test
  void optionsAreConfigurable() {
    BoilerplateRemover custom = new BoilerplateRemover(BoilerplateConfig.builder()
        .languages(List.of("en")).maxLineWords(5).separatorLines(false).copyrightLines(false)
        .extraPhrases(List.of("posted by", "[line] top stories"))
        .extraPatterns(List.of("^Tags?:")).build());
    String doc = String.join("\n", "Keep me.", "Clique aqui", "----------", "© 2024 Acme",
        "Click here", "Click here to read the long version of this story", "Posted by admin",
        "Top Stories", "Top stories of the week", "Tags: news, tech");
    assertThat(custom.apply(doc)).isEqualTo(String.join("\n", "Keep me.", "Clique aqui",
        "----------", "© 2024 Acme", "Click here to read the long version of this story",
        "Top stories of the week"));
  }

  @Test
  void isIdempotent() {
    String doc = "Intro\n\nRead more\n\nBody\n© 2020 X\n\n\nFooter text stays\nUnsubscribe";
    String once = remover.apply(doc);
    assertThat(remover.apply(once)).isSameAs(once);
  }

  @Test
  void configRoundTripsAndRejectsBadParams() {
    BoilerplateConfig config = BoilerplateConfig.builder().languages(List.of("pt"))
        .maxLineWords(12).separatorLines(false).extraPhrases(List.of("[any] texto de teste"))
        .extraPatterns(List.of("(?i)^publicado em")).build();
    assertThat(BoilerplateConfig.fromParams(
        Params.of(StageSpec.of("boilerplate", config.params())))).isEqualTo(config);
    assertThatThrownBy(() -> BoilerplateConfig.fromParams(Params.of(StageSpec.of("boilerplate",
        Map.of("max_words", 10))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("max_words").hasMessageContaining("maxLineWords");
    assertThatThrownBy(() -> BoilerplateConfig.fromParams(Params.of(StageSpec.of("boilerplate",
        Map.of("extraPatterns", List.of("(unclosed")))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("(unclosed");
    assertThatThrownBy(() -> BoilerplateConfig.fromParams(Params.of(StageSpec.of("boilerplate",
        Map.of("languages", "de"))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("de");
    assertThatThrownBy(() -> new BoilerplateRemover(BoilerplateConfig.builder()
        .extraPhrases(List.of("[footer] x")).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[footer]");
  }
}
