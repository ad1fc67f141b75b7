package io.llmtrain.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TextDecodingTest {
  private static final String PT = "No princípio criou Deus os céus e a terra. A terra, porém, "
      + "estava sem forma e vazia; havia trevas sobre a face do abismo, e o Espírito de Deus "
      + "pairava por sobre as águas. Disse Deus: Haja luz; e houve luz. E viu Deus que a luz era "
      + "boa; e fez separação entre a luz e as trevas. Chamou Deus à luz Dia e às trevas, Noite.";

  @Test
  void validUtf8IsReadAsIs() {
    TextDecoding.Result r = TextDecoding.decode(PT.getBytes(StandardCharsets.UTF_8));
    assertThat(r.text()).isEqualTo(PT);
    assertThat(r.repaired()).isFalse();
  }

  @Test
  void utf8WithACorruptByteStaysUtf8AndIsMarkedRepaired() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    byte[] utf8 = (PT + " " + PT).getBytes(StandardCharsets.UTF_8);
    b.write(utf8, 0, 40);
    b.write(0xC3); // a lead byte whose continuation was lost
    b.write(utf8, 40, utf8.length - 40);
    TextDecoding.Result r = TextDecoding.decode(b.toByteArray());
    assertThat(r.repaired()).isTrue();
    assertThat(r.charset()).isEqualTo("UTF-8");
    assertThat(r.text()).contains("princípio", "céus", "Espírito", "águas", "\uFFFD")
        .hasSize(2 * PT.length() + 2);
  }

  @Test
  void legacyCharsetTextStillGoesToTheFallbackDecoder() {
    byte[] cp1252 = PT.getBytes(Charset.forName("windows-1252"));
    TextDecoding.Result r = TextDecoding.decode(cp1252);
    assertThat(r.repaired()).isTrue();
    assertThat(r.charset()).isNotEqualTo("UTF-8");
    assertThat(r.text()).isEqualTo(PT);
  }

  @Test
  void textWithManyBrokenAccentsIsNotMistakenForMostlyUtf8() {
    // Every other "ç" a lone Windows-1252 byte: one error per three good sequences.
    assertThat(mostlyUtf8(i -> i % 2 == 1)).isFalse();
    // One broken among twenty: a damaged UTF-8 text.
    assertThat(mostlyUtf8(i -> i == 9)).isTrue();
  }

  private static boolean mostlyUtf8(java.util.function.IntPredicate broken) {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    for (int i = 0; i < 10; i++) {
      b.writeBytes("a".getBytes(StandardCharsets.UTF_8));
      b.writeBytes(broken.test(i) ? new byte[] {(byte) 0xE7} : "ç".getBytes(StandardCharsets.UTF_8));
      b.writeBytes("ão ".getBytes(StandardCharsets.UTF_8));
    }
    byte[] bytes = b.toByteArray();
    return TextDecoding.mostlyUtf8(bytes, 0, bytes.length);
  }
}
