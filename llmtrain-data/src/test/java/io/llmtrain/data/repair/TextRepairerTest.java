package io.llmtrain.data.repair;

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
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextRepairerTest {
  private static final String CLEAN_PT = "A educação pública no Brasil enfrenta desafios "
      + "históricos.\n\tMas também há avanços: em São Paulo, as matrículas começam em março. "
      + "Ação, reação, «citação» e “aspas” — tudo certo. Emoji 😀 e 👍🏽 também.";

  private static Document repaired(TextRepairer r, Document d, TestContext ctx) {
    Outcome o = r.process(d, ctx);
    assertThat(o).isInstanceOf(Outcome.Kept.class);
    return ((Outcome.Kept) o).document();
  }

  @Test
  void returnsTheSameDocumentWhenNothingNeedsRepair() {
    Document d = Document.of("pt-1", CLEAN_PT, Map.of("lang", "pt"));
    TestContext ctx = new TestContext();
    assertThat(repaired(new TextRepairer(), d, ctx)).isSameAs(d);
    assertThat(ctx.counts).isEmpty();
    Document en = Document.of("en-1", "Plain English text, with a tab\tand lines\nonly.");
    assertThat(new TextRepairer().process(en)).isEqualTo(Outcome.keep(en));
  }

  @Test
  void repairsMojibakeAndCountsIt() {
    TestContext ctx = new TestContext();
    Document d = Document.of("m", "A educaÃ§Ã£o Ã© um direito, nÃ£o um privilÃ©gio.");
    assertThat(repaired(new TextRepairer(), d, ctx).text())
        .isEqualTo("A educação é um direito, não um privilégio.");
    assertThat(ctx.counts).containsEntry("mojibake_fixed", 5L);
  }

  @Test
  void removesControlCharactersAndNormalisesLineEnds() {
    TestContext ctx = new TestContext();
    String text = "First line\r\nSecond\u0000 line\rThird\u0007 line\u001B\fNext page\u000Bend\t.";
    Document d = repaired(new TextRepairer(), Document.of("c", text), ctx);
    assertThat(d.text()).isEqualTo("First line\nSecond line\nThird line\nNext page\nend\t.");
    assertThat(ctx.counts).containsEntry("control_chars_removed", 5L)
        .containsEntry("newlines_normalized", 2L);
  }

  @Test
  void readsC1ControlsAsTheWindows1252CharactersTheyWere() {
    TestContext ctx = new TestContext();
    String text = "It cost \u00806.50 \u0096 a bargain\u0085 or so they said\u0097really.\u0081";
    Document d = repaired(new TextRepairer(), Document.of("c1", text), ctx);
    assertThat(d.text()).isEqualTo("It cost €6.50 – a bargain… or so they said—really.");
    assertThat(ctx.counts).containsEntry("c1_controls_fixed", 4L)
        .containsEntry("control_chars_removed", 1L);
    RepairConfig noC1 = RepairConfig.builder().fixC1Controls(false).build();
    assertThat(new TextRepairer(noC1).repairText("a\u0096b\u0085c")).isEqualTo("ab\nc");
  }

  @Test
  void removesUnpairedSurrogatesButKeepsPairs() {
    TestContext ctx = new TestContext();
    String text = "ok \uD83D\uDE00 broken \uD83D and \uDE00 end\uD800";
    Document d = repaired(new TextRepairer(), Document.of("s", text), ctx);
    assertThat(d.text()).isEqualTo("ok \uD83D\uDE00 broken  and  end");
    assertThat(ctx.counts).containsEntry("surrogates_removed", 3L);
  }

  @Test
  void removesReplacementCharactersOnlyWhenAsked() {
    String text = "Inv\uFFFDlido: caf\uFFFD";
    assertThat(TextRepairer.repair(text)).isSameAs(text);
    TextRepairer r = new TextRepairer(RepairConfig.builder().removeReplacementChars(true).build());
    TestContext ctx = new TestContext();
    assertThat(repaired(r, Document.of("r", text), ctx).text()).isEqualTo("Invlido: caf");
    assertThat(ctx.counts).containsEntry("replacement_chars_removed", 2L);
  }

  @Test
  void removesZeroWidthCharactersAndByteOrderMarks() {
    TestContext ctx = new TestContext();
    String text = "\uFEFFZero\u200Bwidth\u2060 text, soft\u00ADhyphen, joiner\u200D here.";
    Document d = repaired(new TextRepairer(), Document.of("z", text), ctx);
    assertThat(d.text()).isEqualTo("Zerowidth text, softhyphen, joiner here.");
    assertThat(ctx.counts).containsEntry("zero_width_removed", 5L);
  }

  @Test
  void keepsJoinersThatShapeEmojiAndIndicText() {
    String family = "Família 👨\u200D👩\u200D👧 e क्\u200Dष";
    assertThat(TextRepairer.repair(family)).isSameAs(family);
  }

  @Test
  void repairsAByteOrderMarkThatWasItselfMojibake() {
    assertThat(TextRepairer.repair("ï»¿Olá, mundo")).isEqualTo("Olá, mundo");
  }

  @Test
  void everyRepairCanBeSwitchedOff() {
    RepairConfig off = RepairConfig.builder().fixMojibake(false).fixC1Controls(false)
        .removeControlChars(false).normalizeNewlines(false).removeSurrogates(false)
        .removeReplacementChars(false).removeZeroWidth(false).build();
    String messy = "nÃ£o\r\n\u0007\u0096\uD800\uFFFD\u200B";
    assertThat(new TextRepairer(off).repairText(messy)).isSameAs(messy);
    assertThat(new TextRepairer(RepairConfig.builder().fixMojibake(false).build())
        .repairText("nÃ£o\r\n")).isEqualTo("nÃ£o\n");
  }

  @Test
  void configRoundTripsThroughParams() {
    RepairConfig c = RepairConfig.builder().fixMojibake(false).removeReplacementChars(true)
        .build();
    RepairConfig back = RepairConfig.fromParams(Params.of(StageSpec.of("repair", c.params())));
    assertThat(back).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(RepairConfig.fromParams(Params.of(StageSpec.of("repair"))))
        .isEqualTo(RepairConfig.defaults());
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(RepairConfig.defaults().params()).containsEntry("fixMojibake", true)
        .containsEntry("removeReplacementChars", false);
  }

  @Test
  void rejectsUnknownAndInvalidParameters() {
    assertThatThrownBy(() -> RepairConfig.fromParams(
        Params.of(StageSpec.of("repair", Map.of("fixMojibak", true)))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("fixMojibak")
        .hasMessageContaining("fixMojibake");
    assertThatThrownBy(() -> RepairConfig.fromParams(
        Params.of(StageSpec.of("repair", Map.of("removeZeroWidth", "maybe")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("boolean");
  }

  @Test
  void isRegisteredAsProcessorRepair() {
    ProcessorProvider p = Plugins.get(ProcessorProvider.class, "repair");
    DocumentProcessor fromParams = p.create(StageSpec.of("repair",
        Map.of("removeReplacementChars", "true")));
    assertThat(fromParams.name()).isEqualTo("repair");
    assertThat(((TextRepairer) fromParams).config().removeReplacementChars()).isTrue();
    DocumentProcessor typed = p.create(RepairConfig.defaults());
    assertThat(((TextRepairer) typed).config()).isEqualTo(RepairConfig.defaults());
  }
}
