package io.llmtrain.data.clean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CleanerTest {
  private final Cleaner cleaner = Cleaner.withDefaults();
  private final Cleaner masking = new Cleaner(CleanConfig.builder()
      .offensive(OffensiveConfig.builder().mode(OffensiveConfig.Mode.MASK).build()).build());

  private static final String NEWSLETTER = String.join("\n",
      "Hi Ana 👋🏽,",
      "",
      "Our spring sale starts Monday!!!!!!! Prices from $19.99 🎉🎉",
      "=-=-=-=-=-=-=-=-=-=-",
      "Questions? Write to support@shop-example.com or call (555) 123-4567.",
      "Your card 4111 1111 1111 1111 was charged on 2024-03-01.",
      "",
      "Click here to unsubscribe.",
      "© 2024 Shop Example Inc. All rights reserved.");

  @Test
  void cleansATypicalNewsletter() {
    EmojiRemoverTest.Counting counts = new EmojiRemoverTest.Counting();
    Outcome outcome = cleaner.process(Document.of("n1", NEWSLETTER), counts);
    String text = ((Outcome.Kept) outcome).document().text();
    assertThat(text).isEqualTo(String.join("\n",
        "Hi Ana,",
        "",
        "Our spring sale starts Monday! Prices from $19.99",
        "Questions? Write to [EMAIL] or call [PHONE].",
        "Your card [CARD] was charged on 2024-03-01.",
        ""));
    assertThat(counts.all()).containsAllEntriesOf(Map.of(
        "symbol_runs_removed", 2L, "emoji_removed", 3L, "pii_email", 1L, "pii_phone", 1L,
        "pii_card", 1L, "boilerplate_lines_removed", 2L));
  }

  @Test
  void cleansPortugueseText() {
    String doc = String.join("\n",
        "Olá, pessoal!!!!!! 😀",
        "A reunião será na sexta; dúvidas: joao.silva@empresa.com.br ou (11) 91234-5678.",
        "Servidor de testes: 10.0.0.12",
        "Leia mais »",
        "Enviado do meu iPhone");
    assertThat(cleaner.apply(doc)).contains(String.join("\n",
        "Olá, pessoal!",
        "A reunião será na sexta; dúvidas: [EMAIL] ou [PHONE].",
        "Servidor de testes: [IP]"));
  }

  @Test
  void masksOrRejectsOffensiveText() {
    String rude = "Que porra é essa? Essa merda não funciona, caralho.";
    assertThat(cleaner.apply(rude)).isEmpty();
    assertThat(masking.apply(rude))
        .contains("Que **** é essa? Essa **** não funciona, ****.");
    Outcome outcome = cleaner.process(Document.of("r", rude));
    assertThat(((Outcome.Rejected) outcome).reason()).isEqualTo("offensive_ratio");
  }

  @Test
  void judgesOffensiveRatioOnTheTextThatIsKept() {
    // Boilerplate lines are gone before the ratio is taken.
    String doc = "Click here to unsubscribe from this damn list of offers.\n"
        + "Fine words. ".repeat(50);
    assertThat(cleaner.apply(doc)).isPresent();
  }

  @Test
  void rejectsWithThePartThatEmptiedTheDocument() {
    assertThat(reason("#$%&*@!~^^ =-=-=-=-")).isEqualTo("symbols_only");
    assertThat(reason("🎉🥳🎂")).isEqualTo("emoji_only");
    assertThat(reason("Sent from my iPhone\n\nUnsubscribe")).isEqualTo("boilerplate_only");
  }

  private String reason(String text) {
    return ((Outcome.Rejected) cleaner.process(Document.of("x", text))).reason();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "In the beginning God created the heaven and the earth.",
      "Ge1:1 In the beginning God created the heaven and the earth.\nGe1:2 And the earth was"
          + " without form, and void; and darkness was upon the face of the deep.",
      "The meeting moved to 10:30 on 2024-05-02; see section 3.2.1 and pay $1,250.00 (about"
          + " R$ 6.300,00). Version 2.4.1 fixed it -- finally... right?!",
      "Ontem, às 14h, o preço do pão subiu 5% -- um absurdo (segundo o jornal).",
  })
  void leavesOrdinaryProseAsTheSameDocument(String text) {
    Document doc = Document.of("p", text);
    assertThat(((Outcome.Kept) cleaner.process(doc)).document()).isSameAs(doc);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Hi!!!!!!! 🎉 ~~~~~ fuck this shit!!!!! a@b.com\n***\nRead more »",
      "Wow 🎉!!!!!!! and !!!🎉!!! and ~~~~~ 555-123-4567 and fuck!!",
      "--- 🎉 ---\nfuck\nClick here 👉 now\n\n\n© 2024 🎉 Foo\nLine with puta merda, caralho!",
      "Oi 👋🏻 tudo bem?! 🇧🇷🇧🇷 Família 👨‍👩‍👧 ok!!!🎉!!! 1️⃣ (11) 91234-5678...... fim",
      "Email me at x.y@z.com~~~~~ or ~~~~~john@doe.org!!!!!! 192.168.0.1~~~~~",
      "A\n\n=====\n\nB\n\nShare on Facebook\n\nC\r\nSent from my iPhone\r\n",
      // Found in real mail: placeholders and masks glued to symbols.
      "boundary=\"==_part.1@mail.example.com==_\" and mailto:a@b.com++++ Resource",
      "alt=3D'call 555-123-4567'></td> and a piss-poor, shit-first restaurant/shit hole",
      "Point is, she *fucking* knew** it; ****-makers and /var/log/shit.log?",
  })
  void cleaningTwiceEqualsCleaningOnce(String text) {
    for (Cleaner c : List.of(cleaner, masking)) {
      Optional<String> once = c.apply(text);
      if (once.isPresent()) {
        assertThat(c.apply(once.get())).contains(once.get());
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "Intro line.\nfuck\nClick here, you shit\nSent from my iPhone, porra\nKeep it, caralho.",
      "Read more, damn\nShare on Facebook\nfilho da puta\n\nA normal paragraph about bread.",
      "Home | fuck | Contact\n© 2024 Shit Corp\nMerda! Um texto longo o bastante para ficar.",
  })
  void fusedPassesEqualRunningThePartsOneAfterAnother(String text) {
    OffensiveConfig maskConfig = OffensiveConfig.builder().mode(OffensiveConfig.Mode.MASK).build();
    OffensiveFilter offensive = new OffensiveFilter(maskConfig);
    BoilerplateRemover boilerplate = BoilerplateRemover.withDefaults();
    String sequential = boilerplate.apply(offensive.mask(PiiRedactor.withDefaults().apply(
        EmojiRemover.withDefaults().apply(SymbolRunRemover.withDefaults().apply(text)))));
    Optional<String> fused = masking.apply(text);
    if (sequential.isBlank()) {
      assertThat(fused).isEmpty();
    } else {
      assertThat(fused).contains(sequential);
    }
    // Reject mode: the ratio is the one over the text that boilerplate keeps.
    OffensiveFilter judge = OffensiveFilter.withDefaults();
    String kept = boilerplate.apply(text);
    boolean rejectedSequentially = !kept.isBlank() && judge.isOffensive(kept);
    Outcome outcome = cleaner.process(Document.of("t", text));
    if (outcome instanceof Outcome.Rejected r && r.reason().equals("offensive_ratio")) {
      assertThat(rejectedSequentially).isTrue();
    } else if (outcome instanceof Outcome.Kept) {
      assertThat(rejectedSequentially).isFalse();
    }
  }

  @Test
  void givesTheSameResultsFromManyThreads() throws Exception {
    List<String> texts = new ArrayList<>();
    String[] parts = {NEWSLETTER, "Que porra é essa?", "Oi 👋🏽 (11) 91234-5678", "Read more »",
        "Plain words about the weather.", "fuck!!!!!! ~~~~~ a@b.com", "=====", "© 2024 X"};
    for (int i = 0; i < 400; i++) {
      texts.add(parts[i % parts.length] + "\n" + parts[(i * 7 + 3) % parts.length] + " #" + i);
    }
    List<Cleaner> both = List.of(cleaner, masking);
    for (Cleaner c : both) {
      List<String> sequential = texts.stream().map(t -> String.valueOf(c.apply(t))).toList();
      ExecutorService pool = Executors.newFixedThreadPool(4);
      try {
        List<Future<String>> futures = new ArrayList<>();
        for (String t : texts) {
          futures.add(pool.submit(() -> String.valueOf(c.apply(t))));
        }
        for (int i = 0; i < texts.size(); i++) {
          assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
        }
      } finally {
        pool.shutdown();
      }
    }
  }

  @Test
  void partsCanBeSwitchedOff() {
    Cleaner onlyPii = new Cleaner(CleanConfig.builder().symbolsEnabled(false)
        .emojiEnabled(false).offensiveEnabled(false).boilerplateEnabled(false).build());
    assertThat(onlyPii.apply("Hey 🎉 ~~~~~ shit a@b.com\nRead more"))
        .contains("Hey 🎉 ~~~~~ shit [EMAIL]\nRead more");
  }

  @Test
  void registeredUnderItsNamesAndBuiltFromParams() {
    for (String name : List.of("clean", "symbols", "emoji", "pii", "offensive", "boilerplate")) {
      ProcessorProvider provider = Plugins.get(ProcessorProvider.class, name);
      DocumentProcessor processor = provider.create(StageSpec.of(name));
      assertThat(processor.name()).isEqualTo(name);
      assertThat(provider.description()).isNotBlank();
    }
    DocumentProcessor p = Plugins.get(ProcessorProvider.class, "clean").create(StageSpec.of(
        "clean", Map.of("emoji.mode", "replace", "pii", "false", "offensive.mode", "mask")));
    assertThat(((Outcome.Kept) p.process(Document.of("d", "Oi 🎉 a@b.com, porra!")))
        .document().text()).isEqualTo("Oi [EMOJI] a@b.com, ****!");
  }

  @Test
  void configRoundTripsThroughParams() {
    CleanConfig config = CleanConfig.builder()
        .symbols(SymbolsConfig.builder().minRun(6).build())
        .emoji(EmojiConfig.builder().mode(EmojiConfig.Mode.REPLACE).replacement("<e>").build())
        .pii(PiiConfig.builder().card(false).build())
        .offensive(OffensiveConfig.builder().mode(OffensiveConfig.Mode.MASK).build())
        .boilerplate(BoilerplateConfig.builder().languages(List.of("pt")).build())
        .boilerplateEnabled(false).build();
    CleanConfig back = CleanConfig.fromParams(Params.of(StageSpec.of("clean", config.params())));
    assertThat(back).isEqualTo(config);
    assertThat(back.boilerplateEnabled()).isFalse();
    assertThat(back.boilerplate().languages()).containsExactly("pt");
    assertThat(CleanConfig.fromParams(Params.of(StageSpec.of("clean", Map.of()))))
        .isEqualTo(CleanConfig.defaults());
    assertThat(config.params().keySet()).startsWith("symbols", "symbols.minRun", "emoji");
  }

  @Test
  void rejectsUnknownAndInvalidParams() {
    assertThatThrownBy(() -> CleanConfig.fromParams(Params.of(StageSpec.of("clean",
        Map.of("emoji.modes", "remove"))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("emoji.modes").hasMessageContaining("emoji.mode")
        .hasMessageContaining("boilerplate.maxLineWords");
    assertThatThrownBy(() -> CleanConfig.fromParams(Params.of(StageSpec.of("clean",
        Map.of("minRun", 3))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("symbols.minRun");
    assertThatThrownBy(() -> CleanConfig.fromParams(Params.of(StageSpec.of("clean",
        Map.of("symbols.minRun", 0))))).isInstanceOf(ConfigException.class);
  }

  @Test
  void rejectsMarkersThatAnotherPartWouldChange() {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("offensive.mode", "mask");
    params.put("offensive.mask", "🤬");
    assertThatThrownBy(() -> CleanConfig.fromParams(Params.of(StageSpec.of("clean", params))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("offensive.mask");
    assertThatThrownBy(() -> CleanConfig.builder().emoji(EmojiConfig.builder()
        .mode(EmojiConfig.Mode.REPLACE).replacement("555-123-4567").build()).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("emoji.replacement");
  }

  @Test
  void symbolRunsTreatMarkersAsWords() {
    // Even with short runs counting as noise, masks and placeholders glued to symbols survive.
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("offensive.mode", "mask");
    params.put("symbols.minRun", 3);
    Cleaner strict = new Cleaner(CleanConfig.fromParams(Params.of(StageSpec.of("clean", params))));
    String text =
        "A shit-poor fix, fuck/shit, *fuck* and mail a@b.com~~~~ or (555) 123-4567'></td>";
    String once = strict.apply(text).orElseThrow();
    assertThat(once).contains("****-poor", "****/****", "*****", "[EMAIL]", "[PHONE]");
    assertThat(strict.apply(once)).contains(once);
  }
}
