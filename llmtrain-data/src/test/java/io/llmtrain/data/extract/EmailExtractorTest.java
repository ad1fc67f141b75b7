package io.llmtrain.data.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Document;
import io.llmtrain.core.io.TextDecoding;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StageSpec;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class EmailExtractorTest {
  private final EmailExtractor extractor = new EmailExtractor();

  private static final String PLAIN = """
      From: Ana Souza <ana.souza@example.com>
      To: Bruno Lima <bruno@example.org>
      Subject: Lunch on Friday
      Date: Mon, 7 Oct 2024 09:15:02 +0100
      Message-ID: <c0ffee.42@example.com>

      Hi Bruno,

      Are we still on for lunch on Friday? The new Italian place near the station
      opens at noon, and I can book a table for two.

      Cheers,
      Ana
      """;

  private static String base64Lines(String text, Charset charset) {
    return Base64.getMimeEncoder(76, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(text.getBytes(charset));
  }

  private static String text(Outcome o) {
    assertThat(o).isInstanceOf(Outcome.Kept.class);
    return ((Outcome.Kept) o).document().text();
  }

  @Test
  void extractsAPlainMessageWithItsSubjectAndNoOtherHeaders() {
    Outcome o = extractor.process(Document.of("m1", PLAIN, Map.of("source", "inbox")));
    Document d = ((Outcome.Kept) o).document();
    assertThat(d.text()).isEqualTo("""
        Lunch on Friday

        Hi Bruno,

        Are we still on for lunch on Friday? The new Italian place near the station
        opens at noon, and I can book a table for two.

        Cheers,
        Ana""");
    assertThat(d.metadata()).containsEntry("source", "inbox")
        .containsEntry("content_type", "text/plain").containsEntry("content_charset", "US-ASCII");
  }

  @Test
  void leavesTheSubjectOutWhenAsked() {
    EmailExtractor noSubject = new EmailExtractor(EmailConfig.builder().keepSubject(false).build());
    assertThat(noSubject.extract(PLAIN).text()).startsWith("Hi Bruno,").doesNotContain("Lunch on");
    assertThat(noSubject.extract(PLAIN).subject()).isEqualTo("Lunch on Friday");
  }

  @Test
  void decodesQuotedPrintableLatin1PortugueseAndAnEncodedWordSubject() {
    String message = """
        From: =?ISO-8859-1?Q?Jo=E3o_Gon=E7alves?= <joao@example.com.br>
        To: equipe@example.com.br
        Subject: =?ISO-8859-1?Q?Reuni=E3o_de_planejamento?=
        MIME-Version: 1.0
        Content-Type: text/plain; charset=ISO-8859-1
        Content-Transfer-Encoding: quoted-printable

        Ol=E1, pessoal!

        A reuni=E3o de planejamento ser=E1 na ter=E7a-feira, =E0s 14h, na sala de confer=
        =EAncias. N=E3o esque=E7am os relat=F3rios.

        Abra=E7os,
        Jo=E3o
        """;
    EmailExtractor.Extraction e = extractor.extract(message);
    assertThat(e.text()).isEqualTo("""
        Reunião de planejamento

        Olá, pessoal!

        A reunião de planejamento será na terça-feira, às 14h, na sala de conferências. Não \
        esqueçam os relatórios.

        Abraços,
        João""");
    assertThat(e.charset()).isEqualTo("windows-1252");
  }

  @Test
  void decodesBase64Utf8() {
    String body = "Bom dia!\n\nO relatório de vendas de setembro já está disponível na pasta "
        + "compartilhada. Crescemos 12% em relação a agosto — parabéns a todos.\n";
    String message = "From: diretoria@example.com.br\nSubject: =?UTF-8?B?"
        + Base64.getEncoder().encodeToString("Relatório de setembro ✔".getBytes(StandardCharsets.UTF_8))
        + "?=\nMIME-Version: 1.0\nContent-Type: text/plain; charset=\"utf-8\"\n"
        + "Content-Transfer-Encoding: base64\n\n" + base64Lines(body, StandardCharsets.UTF_8) + "\n";
    assertThat(extractor.extract(message).text()).isEqualTo("Relatório de setembro ✔\n\n"
        + "Bom dia!\n\nO relatório de vendas de setembro já está disponível na pasta "
        + "compartilhada. Crescemos 12% em relação a agosto — parabéns a todos.");
  }

  static final String ALTERNATIVE = """
      From: newsletter@bookshop.example
      Subject: New arrivals this week
      MIME-Version: 1.0
      Content-Type: multipart/alternative; boundary="b1_alt"

      This is a multi-part message in MIME format.

      --b1_alt
      Content-Type: text/plain; charset=us-ascii

      This week we have three new novels in the window, including a debut
      set in Lisbon. Come and browse on Saturday morning.

      --b1_alt
      Content-Type: text/html; charset=us-ascii

      <html><body><p>This week we have <b>three new novels</b> in the window, including a
      debut set in Lisbon.</p><p>Come and browse on Saturday morning.</p>
      <p style="font-size:9px">HTML-ONLY-MARKER</p></body></html>
      --b1_alt--
      """;

  @Test
  void prefersThePlainTextOfAMultipartAlternative() {
    TestContext ctx = new TestContext();
    String text = text(extractor.process(Document.of("alt", ALTERNATIVE), ctx));
    assertThat(text).isEqualTo("New arrivals this week\n\nThis week we have three new novels in "
        + "the window, including a debut\nset in Lisbon. Come and browse on Saturday morning.");
    assertThat(ctx.counts).doesNotContainKey("html_parts_converted");
  }

  @Test
  void takesTheHtmlVersionWhenThePlainOneIsAStub() {
    String message = """
        From: offers@travel.example
        Subject: Autumn city breaks
        Content-Type: multipart/alternative; boundary="XyZ"

        --XyZ
        Content-Type: text/plain

        View this email in your browser.
        --XyZ
        Content-Type: text/html; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        <html><head><style>p{color:#333}</style></head><body>
        <p>Spend a long weekend in Porto this autumn: three nights in a riverside hotel, =
        breakfast included, from 189 pounds per person.</p>
        <p>Prices include return flights from Bristol and a guided walk through the Ribeira =
        district on your first morning.</p>
        </body></html>
        --XyZ--
        """;
    TestContext ctx = new TestContext();
    EmailExtractor.Extraction e = extractor.extract(message);
    assertThat(e.text()).isEqualTo("Autumn city breaks\n\nSpend a long weekend in Porto this "
        + "autumn: three nights in a riverside hotel, breakfast included, from 189 pounds per "
        + "person.\n\nPrices include return flights from Bristol and a guided walk through the "
        + "Ribeira district on your first morning.");
    assertThat(e.contentType()).isEqualTo("text/html");
    text(extractor.process(Document.of("stub", message), ctx));
    assertThat(ctx.counts).containsEntry("html_parts_converted", 1L);
  }

  @Test
  void convertsAnHtmlOnlyMessage() {
    String message = """
        From: avisos@prefeitura.example.gov.br
        Subject: Coleta de lixo no feriado
        Content-Type: text/html; charset="iso-8859-1"
        Content-Transfer-Encoding: quoted-printable

        <html><body><script>var x=3D1;</script><h2>Coleta de lixo no feriado</h2>
        <p>Na pr=F3xima segunda-feira n=E3o haver=E1 coleta de lixo. O servi=E7o volta ao =
        normal na ter=E7a-feira.</p><footer>Prefeitura Municipal</footer></body></html>
        """;
    assertThat(new EmailExtractor(EmailConfig.builder().keepSubject(false).build())
        .extract(message).text()).isEqualTo("Coleta de lixo no feriado\n\nNa próxima "
        + "segunda-feira não haverá coleta de lixo. O serviço volta ao normal na terça-feira.");
  }

  static final String NESTED_WITH_ATTACHMENTS = """
      From: Carla Mendes <carla@studio.example>
      To: cliente@example.com
      Subject: Orçamento do projeto
      MIME-Version: 1.0
      Content-Type: multipart/mixed; boundary="outer-123"

      --outer-123
      Content-Type: multipart/alternative; boundary="inner-456"

      --inner-456
      Content-Type: text/plain; charset=utf-8
      Content-Transfer-Encoding: 8bit

      Segue em anexo o orçamento do projeto da nova cozinha.
      O prazo de execução é de seis semanas.

      --inner-456
      Content-Type: text/html; charset=utf-8

      <p>Segue em anexo o orçamento do projeto da nova cozinha.</p>
      --inner-456--

      --outer-123
      Content-Type: application/pdf; name="orcamento.pdf"
      Content-Disposition: attachment; filename="orcamento.pdf"
      Content-Transfer-Encoding: base64

      JVBERi0xLjQKJeLjz9MKMSAwIG9iago8PCAvVHlwZSAvQ2F0YWxvZyA+PgplbmRvYmoK
      --outer-123
      Content-Type: text/plain; name="notas.txt"
      Content-Disposition: attachment; filename="notas.txt"

      Texto de um arquivo anexado, que não faz parte da mensagem.
      --outer-123
      Content-Type: image/jpeg; name="planta.jpg"
      Content-Transfer-Encoding: base64

      /9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8U
      --outer-123--
      """;

  @Test
  void walksNestedMultipartsAndSkipsAttachments() {
    TestContext ctx = new TestContext();
    String text = text(extractor.process(Document.of("nested", NESTED_WITH_ATTACHMENTS), ctx));
    assertThat(text).isEqualTo("Orçamento do projeto\n\nSegue em anexo o orçamento do projeto "
        + "da nova cozinha.\nO prazo de execução é de seis semanas.");
    assertThat(ctx.counts).containsEntry("attachments_skipped", 3L);
  }

  @Test
  void includesTheBodyOfAForwardedMessageUnlessAsked() {
    String message = """
        From: paulo@example.com
        Subject: Fwd: Horário da academia
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="fw"

        --fw
        Content-Type: text/plain; charset=utf-8

        Olha só o novo horário.
        --fw
        Content-Type: message/rfc822

        From: academia@example.com
        Subject: Novo horário
        Content-Type: text/plain; charset=utf-8

        A partir de segunda-feira abrimos às 6h e fechamos às 23h.
        --fw--
        """;
    assertThat(extractor.extract(message).text()).isEqualTo("Fwd: Horário da academia\n\n"
        + "Olha só o novo horário.\n\nA partir de segunda-feira abrimos às 6h e fechamos às 23h.");
    EmailExtractor.Extraction without = new EmailExtractor(EmailConfig.builder()
        .includeAttachedMessages(false).build()).extract(message);
    assertThat(without.text()).isEqualTo("Fwd: Horário da academia\n\nOlha só o novo horário.");
    assertThat(without.attachmentsSkipped()).isEqualTo(1);
  }

  @Test
  void recoversAMultipartWhoseBoundaryParameterDoesNotMatchItsLines() {
    String message = """
        From: sales@widgets.example
        Subject: Quote
        Content-Type: multipart/mixed; boundary="----=_NextPart_000_0012"

        This is a multi-part message in MIME format.

        ------=_NextPart_000_0013
        Content-Type: text/plain; charset="windows-1252"
        Content-Transfer-Encoding: quoted-printable

        Thanks for your enquiry =96 the quote for 200 widgets is attached.
        ------=_NextPart_000_0013
        Content-Type: application/octet-stream; name="quote.xls"
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment

        0M8R4KGxGuEAAAAAAAAAAAAAAAAAAAAAPgADAP7/CQAGAAAAAAAAAAAAAAABAAAA
        ------=_NextPart_000_0013--
        """;
    TestContext ctx = new TestContext();
    String text = text(extractor.process(Document.of("broken", message), ctx));
    assertThat(text).isEqualTo("Quote\n\nThanks for your enquiry \u2013 the quote for 200 widgets "
        + "is attached.");
    assertThat(ctx.counts).containsEntry("malformed_messages", 1L)
        .containsEntry("attachments_skipped", 1L);
  }

  @Test
  void keepsWhatCameBeforeACut() {
    String message = """
        From: a@example.com
        Subject: Notes
        Content-Type: multipart/mixed; boundary="cut"

        --cut
        Content-Type: text/plain

        The first part arrived whole.
        --cut
        Content-Type: text/plain

        The second part was cut off in the mid""";
    assertThat(extractor.extract(message).text()).isEqualTo(
        "Notes\n\nThe first part arrived whole.\n\nThe second part was cut off in the mid");
  }

  @Test
  void removesInlinePgpSignaturesFromClearSignedMail() {
    String message = """
        From: waider@example.ie
        Subject: Re: finding a file in zip archives

        -----BEGIN PGP SIGNED MESSAGE-----
        Hash: SHA1

        Loop over the archives and grep the listing:

        for i in *.zip; do unzip -l "$i" | grep -q report && echo "$i"; done

        - --
        Waider
        -----BEGIN PGP SIGNATURE-----
        Version: GnuPG v1.0.6 (GNU/Linux)

        iQEVAwUBPW5AmaHbXyzZsAb3AQH+qQgA1vnUjJUwGDa1yCRQd3vZAnhkCF0KDBBA
        =KYCm
        -----END PGP SIGNATURE-----
        """;
    assertThat(extractor.extract(message).text()).isEqualTo("""
        Re: finding a file in zip archives

        Loop over the archives and grep the listing:

        for i in *.zip; do unzip -l "$i" | grep -q report && echo "$i"; done

        --
        Waider""");
  }

  @Test
  void readsAContentTypeWithoutItsSemicolon() {
    String message = "From: x@example.com\nContent-Type: TEXT/PLAIN charset=US-ASCII\n\n"
        + "Body of a message from a sloppy mailer.\n";
    assertThat(extractor.extract(message).text())
        .isEqualTo("Body of a message from a sloppy mailer.");
  }

  @Test
  void treatsHtmlSentAsPlainTextAsHtml() {
    String message = "From: promo@example.com\nSubject: Oferta\n\n"
        + "<HTML><BODY><P>Descontos de at&eacute; 50% s&oacute; hoje.</P></BODY></HTML>\n";
    assertThat(extractor.extract(message).text()).isEqualTo("Oferta\n\nDescontos de até 50% só "
        + "hoje.");
  }

  @Test
  void skipsAnMboxFromLineAndTakesTextWithoutAnyHeaderAsPlainText() {
    assertThat(extractor.extract("From ana@example.com  Mon Oct  7 09:15:02 2024\n" + PLAIN)
        .text()).startsWith("Lunch on Friday\n\nHi Bruno,");
    String notMail = "Just a note to myself.\n\nBuy bread, milk and coffee on the way home.";
    assertThat(extractor.extract(notMail).text()).isEqualTo(notMail);
  }

  @Test
  void rejectsAMessageWithoutAnyTextPart() {
    String message = """
        From: scanner@office.example
        Subject: Scanned document
        Content-Type: multipart/mixed; boundary="s"

        --s
        Content-Type: application/pdf; name="scan0001.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQKJeLjz9MK
        --s--
        """;
    Outcome o = extractor.process(Document.of("scan", message));
    assertThat(o).isInstanceOf(Outcome.Rejected.class);
    assertThat(((Outcome.Rejected) o).reason()).isEqualTo("email_no_text");
    assertThat(((Outcome.Rejected) o).detail()).contains("1 attachments");
  }

  @Test
  void readsTheOriginalBytesOfAMessageThatWasReadAsLatin1() {
    // An 8-bit UTF-8 body, read by someone as Latin-1: the text shows "Ã§" where "ç" was.
    String utf8Message = "Subject: Ol\u00e1\nContent-Type: text/plain; charset=utf-8\n"
        + "Content-Transfer-Encoding: 8bit\n\nA previs\u00e3o \u00e9 de sol e calor \u2014 "
        + "aproveitem.\n";
    String seenAsLatin1 = new String(utf8Message.getBytes(StandardCharsets.UTF_8),
        StandardCharsets.ISO_8859_1);
    assertThat(seenAsLatin1).contains("previsÃ£o");
    assertThat(extractor.extract(seenAsLatin1).text())
        .isEqualTo("Olá\n\nA previsão é de sol e calor — aproveitem.");
  }

  @Test
  void keepsTheTextOfAMessageThatWasAlreadyDecoded() {
    // Read correctly as UTF-8 already, with characters no single-byte charset has: the declared
    // Latin-1 must not be applied a second time.
    String message = "Subject: Viagem\nContent-Type: text/plain; charset=iso-8859-1\n"
        + "Content-Transfer-Encoding: 8bit\n\nFomos a Tóquio (東京) e voltamos cansados.\n";
    EmailExtractor.Extraction e = extractor.extract(message);
    assertThat(e.text()).isEqualTo("Viagem\n\nFomos a Tóquio (東京) e voltamos cansados.");
    // Quoted-printable parts are still ASCII, so their declared charset applies.
    String twoParts = """
        Subject: Viagem
        Content-Type: multipart/mixed; boundary="p"

        --p
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: 8bit

        Fomos a Tóquio (東京) e voltamos cansados.
        --p
        Content-Type: text/plain; charset=iso-8859-1
        Content-Transfer-Encoding: quoted-printable

        Voltamos em mar=E7o, depois de tr=EAs semanas.
        --p--
        """;
    assertThat(extractor.extract(twoParts).text()).isEqualTo("Viagem\n\nFomos a Tóquio (東京) e "
        + "voltamos cansados.\n\nVoltamos em março, depois de três semanas.");
  }

  @Test
  void honoursADeclaredCharsetOnRawBytes() {
    byte[] header = ("Subject: =?KOI8-R?B?" + Base64.getEncoder().encodeToString(
        "Привет".getBytes(Charset.forName("KOI8-R"))) + "?=\nContent-Type: text/plain; "
        + "charset=koi8-r\nContent-Transfer-Encoding: 8bit\n\n")
        .getBytes(StandardCharsets.US_ASCII);
    byte[] body = "Встреча переносится на пятницу.\n".getBytes(Charset.forName("KOI8-R"));
    byte[] message = new byte[header.length + body.length];
    System.arraycopy(header, 0, message, 0, header.length);
    System.arraycopy(body, 0, message, header.length, body.length);
    EmailExtractor.Extraction e = extractor.extract(message);
    assertThat(e.text()).isEqualTo("Привет\n\nВстреча переносится на пятницу.");
    assertThat(e.charset()).isEqualTo("KOI8-R");
    // The same message after a reader turned its bytes into Windows-1252 text.
    assertThat(extractor.extract(TextDecoding.decode(message).text()).text())
        .isEqualTo(e.text());
  }

  @Test
  void detectsTheCharsetOfAnUndeclaredBase64Body() {
    String body = "Prezados, informamos que o prazo de inscrição no concurso foi prorrogado até "
        + "o dia 15. As provas serão aplicadas em março, nas escolas estaduais da região.\n";
    String message = "Subject: Aviso\nContent-Transfer-Encoding: base64\n\n"
        + base64Lines(body, StandardCharsets.ISO_8859_1) + "\n";
    TestContext ctx = new TestContext();
    String text = text(extractor.process(Document.of("undeclared", message), ctx));
    assertThat(text).isEqualTo("Aviso\n\n" + body.strip());
    assertThat(ctx.counts).containsEntry("charset_detected", 1L);
  }

  static Stream<String> malformedMessages() {
    return Stream.of("", "\n\n\n", "Subject: only a subject\n\n",
      "Content-Type: multipart/mixed; boundary=\"x\"\n\n--x\n--x--\n",
      "Content-Type: multipart/mixed\n\nno boundary at all\n",
      "Content-Type: multipart/alternative; boundary=\"" + "b".repeat(200) + "\"\n\n--"
          + "b".repeat(200) + "\nContent-Type: text/plain\n\nlong boundary\n",
      "Content-Type: text/plain; charset=no-such-charset\nContent-Transfer-Encoding: base64\n\n"
          + "!!!not base64!!!\n",
      "Content-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\n<p>=ZZ=\n",
      "From: a\n\u0000\u0001\u0002binary\uFFFD\uD800 junk",
      "Content-Type: multipart/mixed; boundary=\"n\"\n\n" + "--n\nContent-Type: multipart/mixed; "
          + "boundary=\"n\"\n\n".repeat(100) + "deep\n");
  }

  @ParameterizedTest
  @MethodSource("malformedMessages")
  void neverFailsOnMalformedInput(String message) {
    Outcome o = extractor.process(Document.of("bad", message));
    assertThat(o).isNotNull();
  }

  @Test
  void extractsTextFromEveryFixtureMessage() throws IOException {
    for (String name : new String[] {"email-alternative-en.eml", "email-qp-latin1-pt.eml",
        "email-base64-utf8-pt.eml", "email-html-only-8bit-pt.eml", "email-attachment-en.eml",
        "email-spam.eml"}) {
      byte[] bytes;
      try (InputStream in = getClass().getResourceAsStream("/fixtures/dirty/" + name)) {
        assertThat(in).as(name).isNotNull();
        bytes = in.readAllBytes();
      }
      // As the pipeline sees it (decoded by the core reader) and as raw bytes: the same text.
      String asText = extractor.extract(TextDecoding.decode(bytes).text()).text();
      assertThat(asText).as(name).isNotBlank().isEqualTo(extractor.extract(bytes).text())
          .doesNotContain("Content-Type", "=?", "=E3", "<p>", "\r", "\uFFFD");
    }
  }

  @Test
  void givesTheSameResultsFromManyThreadsAtOnce() throws Exception {
    String[] messages = {PLAIN, ALTERNATIVE, NESTED_WITH_ATTACHMENTS,
        new String(ALTERNATIVE.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)};
    String[] expected = new String[messages.length];
    for (int i = 0; i < messages.length; i++) {
      expected[i] = extractor.extract(messages[i]).text();
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (int t = 0; t < 200; t++) {
        int i = t % messages.length;
        results.add(pool.submit(() -> extractor.extract(messages[i]).text().equals(expected[i])));
      }
      for (Future<Boolean> f : results) {
        assertThat(f.get()).isTrue();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void configRoundTripsThroughParams() {
    EmailConfig c = EmailConfig.builder().keepSubject(false).detectCharset(false).build();
    assertThat(EmailConfig.fromParams(Params.of(StageSpec.of("email", c.params())))).isEqualTo(c)
        .hasSameHashCodeAs(c);
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(EmailConfig.defaults().params()).containsEntry("keepSubject", true)
        .containsEntry("includeAttachedMessages", true).containsEntry("detectCharset", true);
    assertThatThrownBy(() -> EmailConfig.fromParams(Params.of(StageSpec.of("email",
        Map.of("keepSubjects", false))))).isInstanceOf(ConfigException.class)
        .hasMessageContaining("keepSubject");
  }

  @Test
  void isRegisteredAsProcessorEmail() {
    DocumentProcessor p = Plugins.get(ProcessorProvider.class, "email")
        .create(StageSpec.of("email", Map.of("keepSubject", "false")));
    assertThat(p.name()).isEqualTo("email");
    assertThat(text(p.process(Document.of("m", PLAIN)))).startsWith("Hi Bruno,");
  }
}
