package io.llmtrain.data.repair;

import static org.assertj.core.api.Assertions.assertThat;

import io.llmtrain.core.io.TextDecoding;
import io.llmtrain.core.spi.ByteDecoder;
import io.llmtrain.core.spi.Plugins;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IcuByteDecoderTest {
  private final IcuByteDecoder decoder = new IcuByteDecoder();

  private ByteDecoder.Decoded decode(String text, String charset) {
    byte[] bytes = text.getBytes(Charset.forName(charset));
    return decoder.decode(bytes, 0, bytes.length);
  }

  @Test
  void readsLatin1PortugueseAsWindows1252() {
    String text = "A educação pública no Brasil enfrenta desafios históricos, mas também há "
        + "avanços. Em São Paulo, a secretaria anunciou que as matrículas começam em março.";
    ByteDecoder.Decoded d = decode(text, "ISO-8859-1");
    assertThat(d.text()).isEqualTo(text);
    assertThat(d.charset()).isEqualTo("windows-1252");
  }

  @Test
  void readsWindows1252CurlyQuotesAndDashes() {
    String text = "He said \u201Cit\u2019s fine\u201D and left \u2013 quickly\u2026 for \u20AC5.";
    ByteDecoder.Decoded d = decode(text, "windows-1252");
    assertThat(d.text()).isEqualTo(text);
    assertThat(d.charset()).isEqualTo("windows-1252");
  }

  @Test
  void fallsBackToWindows1252ForTooLittleEvidence() {
    ByteDecoder.Decoded d = decode("café", "ISO-8859-1");
    assertThat(d.text()).isEqualTo("café");
    assertThat(d.charset()).isEqualTo("windows-1252");
  }

  @Test
  void shortInputIsNotMistakenForACentralEuropeanCharset() {
    // ISO-8859-2 and -9 read these bytes too; on a short text the detector cannot tell.
    String text = "Não há ação sem reação.";
    assertThat(decode(text, "ISO-8859-1").text()).isEqualTo(text);
  }

  @Test
  void detectsCyrillicAndEastAsianCharsets() {
    String russian = "Привет, как дела? Это пример текста на русском языке для проверки "
        + "определения кодировки, достаточно длинный для уверенного результата.";
    assertThat(decode(russian, "windows-1251").text()).isEqualTo(russian);
    assertThat(decode(russian, "KOI8-R").text()).isEqualTo(russian);
    String chinese = "这是一个中文文本的例子，用于测试字符集检测功能是否正常工作。";
    ByteDecoder.Decoded gb = decode(chinese, "GB2312");
    assertThat(gb.text()).isEqualTo(chinese);
    assertThat(gb.charset()).isEqualTo("GB18030");
    String japanese = "これは日本語のテキストです。文字コードの判定を試しています。";
    assertThat(decode(japanese, "Shift_JIS").text()).isEqualTo(japanese);
  }

  @Test
  void honoursAUtf16ByteOrderMark() {
    byte[] bytes = "\uFEFFOlá".getBytes(StandardCharsets.UTF_16LE);
    assertThat(decoder.decode(bytes, 0, bytes.length).text()).isEqualTo("\uFEFFOlá");
  }

  @Test
  void decodesASliceOfALargerBuffer() {
    byte[] line = "{\"text\":\"Olá\"}\n{\"text\":\"ação\"}".getBytes(StandardCharsets.ISO_8859_1);
    int start = 15;
    assertThat(decoder.decode(line, start, line.length - start).text())
        .isEqualTo("{\"text\":\"ação\"}");
  }

  @Test
  void isTheFallbackTheCoreReadersUse() {
    assertThat(Plugins.all(ByteDecoder.class)).containsKey("icu");
    assertThat(TextDecoding.fallback()).isInstanceOf(IcuByteDecoder.class);
    byte[] latin1 = "Coração de estudante".getBytes(StandardCharsets.ISO_8859_1);
    TextDecoding.Result r = TextDecoding.decode(latin1);
    assertThat(r.repaired()).isTrue();
    assertThat(r.text()).isEqualTo("Coração de estudante");
  }
}
