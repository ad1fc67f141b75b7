package io.llmtrain.data.extract;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HtmlExtractorTest {
  static final String NEWS_PAGE_EN = """
      <!DOCTYPE html>
      <html lang="en">
      <head>
        <meta charset="utf-8">
        <title>Council approves new cycle lanes | The Riverside Gazette</title>
        <style>body { font-family: Georgia; } .ad { display: block; }</style>
        <script>window.dataLayer = [{"page": "news"}]; function track() { return 1; }</script>
      </head>
      <body>
        <header class="site-header">
          <a href="/">The Riverside Gazette</a>
          <nav><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
            <li><a href="/weather">Weather</a></li></ul></nav>
        </header>
        <div class="cookie" role="banner">We use cookies to improve your experience. Accept?</div>
        <main>
          <article>
            <header><h1>Council approves new cycle lanes</h1></header>
            <p class="byline">By   Jane   Walker,
               transport correspondent</p>
            <p>The city council voted on Tuesday to build eleven kilometres of protected cycle
               lanes along the river, a plan that has divided shop owners &amp; residents.</p>
            <p>Supporters say the lanes will make <em>commuting</em> safer; critics worry about
               parking.<br>Work starts in <strong>March</strong>.</p>
            <blockquote>&ldquo;This is a good day for everyone who walks or cycles,&rdquo; said
               the mayor.</blockquote>
            <h2>What happens next</h2>
            <ul>
              <li>Public consultation until 30 January</li>
              <li>Construction in three phases</li>
            </ul>
            <pre>  Phase 1:  Bridge Street
        Phase 2:  Mill Road</pre>
            <div style="display: none">Hidden keyword stuffing cheap flights</div>
            <p hidden>Also hidden.</p>
          </article>
          <aside><h3>Most read</h3><p>Ten things to do this weekend</p></aside>
        </main>
        <form action="/subscribe"><label>Email</label><input name="e"><button>Subscribe</button></form>
        <footer role="contentinfo"><p>&copy; 2024 The Riverside Gazette. All rights reserved.</p></footer>
        <noscript>Please enable JavaScript.</noscript>
        <iframe src="https://ads.example.com/banner"></iframe>
      </body>
      </html>
      """;

  static final String RECIPE_PAGE_PT = """
      <html><head><title>Pão de queijo mineiro – Receitas da Vó</title></head>
      <body>
      <div id="menu" role="navigation"><a href="/">Início</a> | <a href="/doces">Doces</a></div>
      <div class="conteudo">
        <h1>Pão de queijo mineiro</h1>
        <div>Rende 30 unidades&nbsp;&middot;&nbsp;Preparo: 40 minutos</div>
        <p>O pão de queijo é uma das receitas mais queridas de Minas Gerais. A massa leva
        polvilho, leite, óleo, ovos e queijo meia-cura ralado.</p>
        <table>
          <tr><th>Ingrediente</th><th>Quantidade</th></tr>
          <tr><td>Polvilho azedo</td><td>500 g</td></tr>
          <tr><td>Queijo meia-cura</td><td>250 g</td></tr>
        </table>
        <p>Asse em forno pré-aquecido a 180&nbsp;°C por cerca de 25 minutos, até dourar.</p>
      </div>
      <aside class="anuncio">Compre panelas com 50% de desconto!</aside>
      <footer>Receitas da Vó &copy; 2024 · Política de privacidade</footer>
      <script type="application/ld+json">{"@type": "Recipe"}</script>
      </body></html>
      """;

  private static String text(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Kept.class);
    return ((Outcome.Kept) o).document().text();
  }

  @Test
  void extractsTheArticleOfAnEnglishNewsPageWithoutBoilerplate() {
    TestContext ctx = new TestContext();
    String text = text(new HtmlExtractor().process(Document.of("en", NEWS_PAGE_EN), ctx));
    assertThat(text).isEqualTo("""
        Council approves new cycle lanes

        By Jane Walker, transport correspondent

        The city council voted on Tuesday to build eleven kilometres of protected cycle lanes \
        along the river, a plan that has divided shop owners & residents.

        Supporters say the lanes will make commuting safer; critics worry about parking.
        Work starts in March.

        \u201CThis is a good day for everyone who walks or cycles,\u201D said the mayor.

        What happens next

        Public consultation until 30 January
        Construction in three phases

          Phase 1:  Bridge Street
          Phase 2:  Mill Road""");
    // nav, banner, aside, form, footer, noscript, iframe, the hidden div and p, the site header
    assertThat(ctx.counts).containsEntry("elements_removed", 9L);
  }

  @Test
  void extractsAPortugueseRecipeWithTablesAsTabSeparatedLines() {
    String text = HtmlExtractor.toText(RECIPE_PAGE_PT);
    assertThat(text).isEqualTo("""
        Pão de queijo mineiro

        Rende 30 unidades · Preparo: 40 minutos

        O pão de queijo é uma das receitas mais queridas de Minas Gerais. A massa leva \
        polvilho, leite, óleo, ovos e queijo meia-cura ralado.

        Ingrediente\tQuantidade
        Polvilho azedo\t500 g
        Queijo meia-cura\t250 g

        Asse em forno pré-aquecido a 180 °C por cerca de 25 minutos, até dourar.""");
  }

  @Test
  void keepsTheTitleWhenAskedUnlessTheTextAlreadyStartsWithIt() {
    HtmlExtractor withTitle = new HtmlExtractor(HtmlConfig.builder().keepTitle(true).build());
    assertThat(withTitle.extract(RECIPE_PAGE_PT).text())
        .startsWith("Pão de queijo mineiro – Receitas da Vó\n\nPão de queijo mineiro\n\n");
    String page = "<title>Notas de aula</title><p>Notas de aula</p><p>Capítulo 1.</p>";
    assertThat(withTitle.extract(page).text()).isEqualTo("Notas de aula\n\nCapítulo 1.");
    assertThat(new HtmlExtractor().extract(page).title()).isEqualTo("Notas de aula");
  }

  @Test
  void removesExtraSelectorsFromTheConfiguration() {
    HtmlConfig c = HtmlConfig.builder().removeSelectors(List.of("div.conteudo > div", "table"))
        .build();
    TestContext ctx = new TestContext();
    String text = text(new HtmlExtractor(c).process(Document.of("pt", RECIPE_PAGE_PT), ctx));
    assertThat(text).doesNotContain("Rende 30", "Polvilho azedo").contains("O pão de queijo é");
    assertThat(ctx.counts.get("elements_removed")).isGreaterThanOrEqualTo(5L);
  }

  @Test
  void collapsesWhitespaceAndDecodesEntities() {
    assertThat(HtmlExtractor.toText("<p>  Tom&nbsp;&amp;\n\n  Jerry&#8217;s   <b>big</b>"
        + "<i>day</i> &lt;3  </p>")).isEqualTo("Tom & Jerry\u2019s bigday <3");
    assertThat(HtmlExtractor.toText("<div>linha um</div><div>linha dois</div>"
        + "<p>parágrafo</p>texto solto<br><br>depois de duas quebras"))
        .isEqualTo("linha um\nlinha dois\n\nparágrafo\n\ntexto solto\n\ndepois de duas quebras");
  }

  @Test
  void dropsTextHiddenByThePagesStyleSheetButNotByPrintOrMobileRules() {
    String page = """
        <html><head><style>
          .seo, #stuffing { display : none }
          p.tiny { visibility: hidden; }
          @media print { .no-print { display: none } }
          @media (max-width: 600px) { .wide-only { display: none; } }
        </style></head><body>
        <p>Texto visível sobre a feira de livros.</p>
        <div class="box seo">livros grátis pdf download</div>
        <div id="stuffing">cheap flights cheap hotels</div>
        <p class="tiny">tiny hidden words</p>
        <p class="no-print">Compartilhe esta página.</p>
        <p class="wide-only">A tabela completa está abaixo.</p>
        <div role="dialog">Aceite os cookies para continuar.</div>
        </body></html>""";
    assertThat(HtmlExtractor.toText(page)).isEqualTo("Texto visível sobre a feira de livros."
        + "\n\nCompartilhe esta página.\n\nA tabela completa está abaixo.");
  }

  @Test
  void keepsTheArticleOfAPageWrappedInOneForm() {
    String aspNet = "<body><form id=\"aspnetForm\" method=\"post\"><input type=\"hidden\" "
        + "name=\"__VIEWSTATE\" value=\"abc\"><h1>Relatório anual</h1><p>O lucro cresceu 12% "
        + "em 2023.</p><button>Enviar</button></form></body>";
    assertThat(HtmlExtractor.toText(aspNet)).isEqualTo("Relatório anual\n\nO lucro cresceu 12% "
        + "em 2023.");
  }

  @Test
  void rejectsPagesWithNothingButBoilerplate() {
    String page = "<html><head><title>Loading</title><script>location.href='/app'</script>"
        + "</head><body><nav><a href='/'>Home</a></nav><div aria-hidden=\"true\">x</div>"
        + "<footer>© 2024</footer></body></html>";
    Outcome o = new HtmlExtractor().process(Document.of("empty", page));
    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) o).reason()).isEqualTo("html_empty");
    assertThat(new HtmlExtractor().process(Document.of("blank", "  \n")))
        .isInstanceOf(Outcome.Rejected.class);
  }

  @Test
  void passesTextThatIsNotHtmlThroughUnchanged() {
    Document plain = Document.of("p", "Uma linha.\n\nOutro parágrafo, sem marcação alguma.");
    assertThat(((Outcome.Kept) new HtmlExtractor().process(plain)).document()).isSameAs(plain);
  }

  @Test
  void configRoundTripsThroughParamsAndChecksSelectors() {
    HtmlConfig c = HtmlConfig.builder().keepTitle(true)
        .removeSelectors(List.of("div.ad", " #comments ", "")).build();
    assertThat(c.removeSelectors()).containsExactly("div.ad", "#comments");
    assertThat(HtmlConfig.fromParams(Params.of(StageSpec.of("html", c.params())))).isEqualTo(c)
        .hasSameHashCodeAs(c);
    assertThat(HtmlConfig.fromParams(Params.of(StageSpec.of("html",
        Map.of("removeSelectors", "div.ad, #comments", "keepTitle", "true"))))).isEqualTo(c);
    assertThatThrownBy(() -> HtmlConfig.builder().removeSelectors(List.of("div[")).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("div[");
    assertThatThrownBy(() -> HtmlConfig.fromParams(Params.of(StageSpec.of("html",
        Map.of("removeSelectors", "p:nonsense(")))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("removeSelectors");
    assertThatThrownBy(() -> HtmlConfig.fromParams(Params.of(StageSpec.of("html",
        Map.of("keepTitles", true)))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("keepTitle");
  }

  @Test
  void isRegisteredAsProcessorHtml() {
    DocumentProcessor p = Plugins.get(ProcessorProvider.class, "html")
        .create(StageSpec.of("html", Map.of("keepTitle", true)));
    assertThat(p.name()).isEqualTo("html");
    assertThat(((HtmlExtractor) p).config().keepTitle()).isTrue();
  }
}
