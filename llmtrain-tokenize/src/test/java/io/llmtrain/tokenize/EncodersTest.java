package io.llmtrain.tokenize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.json.TokenizerJsonException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EncodersTest {
  @TempDir
  Path dir;

  private static Path fixture() throws Exception {
    return Path.of(EncodersTest.class.getResource("/tokenizers/byte-bpe.json").toURI());
  }

  @Test
  void autoEncodesWithJavaAndBothGiveTheSameIds() throws Exception {
    String text = "In the beginning God created the heaven and the earth. Ação, 太初 🌍";
    try (Encoders.Opened auto = Encoders.open(fixture(), Encoders.Kind.AUTO, 1);
        Encoders.Opened rust = Encoders.open(fixture(), Encoders.Kind.RUST, 1)) {
      assertThat(auto.kind()).isEqualTo(Encoders.Kind.JAVA);
      assertThat(rust.kind()).isEqualTo(Encoders.Kind.RUST);
      assertThat(auto.encoder().encode(text, false))
          .containsExactly(rust.encoder().encode(text, false));
    }
  }

  @Test
  void loneSurrogatesEncodeAsTheReplacementCharacterInBoth() throws Exception {
    String text = "broken \uD800 pair \uDC00 end";
    try (Encoders.Opened java = Encoders.open(fixture(), Encoders.Kind.JAVA, 1);
        Encoders.Opened rust = Encoders.open(fixture(), Encoders.Kind.RUST, 1)) {
      assertThat(java.encoder().encode(text, false))
          .containsExactly(rust.encoder().encode(text, false))
          .containsExactly(java.encoder().encode("broken \uFFFD pair \uFFFD end", false));
    }
  }

  @Test
  void autoFallsBackToRustForAComponentOnlyHuggingFaceImplements() throws Exception {
    // The Strip normalizer is Hugging Face's; the Java tokenizer does not have it.
    ObjectNode root = (ObjectNode) Json.MAPPER.readTree(fixture().toFile());
    root.set("normalizer", Json.MAPPER.createObjectNode().put("type", "Strip")
        .put("strip_left", true).put("strip_right", true));
    Path file = dir.resolve("strip.json");
    Files.writeString(file, Json.MAPPER.writeValueAsString(root));
    try (Encoders.Opened auto = Encoders.open(file, Encoders.Kind.AUTO, 1);
        Encoders.Opened plain = Encoders.open(fixture(), Encoders.Kind.JAVA, 1)) {
      assertThat(auto.kind()).isEqualTo(Encoders.Kind.RUST);
      assertThat(auto.encoder().encode("   light  ", false))
          .containsExactly(plain.encoder().encode("light", false));
    }
    assertThatThrownBy(() -> Encoders.open(file, Encoders.Kind.JAVA, 1))
        .isInstanceOf(TokenizerJsonException.class).hasMessageContaining("normalizer.type");
  }
}
