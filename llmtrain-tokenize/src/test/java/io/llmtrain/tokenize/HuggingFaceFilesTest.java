package io.llmtrain.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.pretokenizer.ByteLevel;
import io.llmtrain.tokenize.pretokenizer.Split;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hand-made files in the exact layouts of GPT-2's and Llama 3's tokenizer.json. */
class HuggingFaceFilesTest {

  static Path resource(String name) throws URISyntaxException {
    return Path.of(HuggingFaceFilesTest.class.getResource("/tokenize/" + name).toURI());
  }

  static List<String> texts() {
    List<String> t = new ArrayList<>(TestTexts.fixtureLines());
    t.add(TestTexts.fixture());
    t.addAll(TestTexts.EDGE_CASES.stream().filter(s -> !s.isEmpty()).toList());
    t.add("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nOlá, tudo bem?<|eot_id|>");
    t.add(" hello hello, the thing and the other 123 1234567 äh");
    return t;
  }

  static void assertSameIdsAsDjl(Path file, Tokenizer ours) throws Exception {
    for (boolean special : new boolean[] {false, true}) {
      try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file)
          .optAddSpecialTokens(special).optTruncation(false).optPadding(false).build()) {
        for (String t : texts()) {
          long[] theirs = hf.encode(t, special, false).getIds();
          int[] mine = ours.encode(t, special);
          assertThat(Arrays.stream(mine).asLongStream().toArray())
              .as("%s: ids of '%s' (special %s)", file.getFileName(), t, special)
              .isEqualTo(theirs);
          assertThat(ours.decode(mine, false)).isEqualTo(hf.decode(theirs, false));
        }
      }
    }
  }

  @Test
  void gpt2StyleFileLoadsAndEncodesAsDjl() throws Exception {
    Path file = resource("gpt2-style.json");
    Tokenizer t = TokenizerJson.read(file);
    assertThat(t.preTokenizer()).isInstanceOf(ByteLevel.class);
    assertThat(t.tokenToId("<|endoftext|>")).isEqualTo(305);
    // " the" merges Ġ+t, h+e, Ġt+he into one token
    assertThat(t.encodeToEncoding(" the", false).tokens()).containsExactly("Ġthe");
    assertThat(t.decode(t.encode("Olá, ação!", false), false)).isEqualTo("Olá, ação!");
    assertSameIdsAsDjl(file, t);
  }

  @Test
  void llama3StyleFileLoadsAndEncodesAsDjl() throws Exception {
    Path file = resource("llama3-style.json");
    Tokenizer t = TokenizerJson.read(file);
    int bos = t.tokenToId("<|begin_of_text|>");
    assertThat(t.encode("hi", true)[0]).isEqualTo(bos);
    // ignore_merges: a whole piece in the vocabulary wins even without a merge path to it
    assertThat(t.encodeToEncoding(" hello", false).tokens()).containsExactly("Ġhello");
    assertSameIdsAsDjl(file, t);
  }

  @Test
  void filesWrittenBackAreTheFilesRead(@TempDir Path dir) throws Exception {
    for (String name : List.of("gpt2-style.json", "llama3-style.json")) {
      Tokenizer t = TokenizerJson.read(resource(name));
      JsonNode original = Json.MAPPER.readTree(resource(name).toFile());
      JsonNode written = TokenizerJson.toJson(t);
      // identical except that merges are written in the modern pair form
      JsonNode origModel = original.get("model");
      assertThat(written.get("model").get("vocab")).isEqualTo(origModel.get("vocab"));
      for (int i = 0; i < origModel.get("merges").size(); i++) {
        JsonNode m = origModel.get("merges").get(i);
        String expected = m.isArray() ? m.get(0).asText() + " " + m.get(1).asText() : m.asText();
        JsonNode w = written.get("model").get("merges").get(i);
        assertThat(w.get(0).asText() + " " + w.get(1).asText()).isEqualTo(expected);
      }
      for (String field : List.of("added_tokens", "normalizer", "pre_tokenizer",
          "post_processor", "decoder")) {
        assertThat(written.get(field)).as("%s %s", name, field).isEqualTo(original.get(field));
      }
      Path out = dir.resolve(name);
      TokenizerJson.write(t, out);
      assertSameIdsAsDjl(out, TokenizerJson.read(out));
    }
  }

  @Test
  void regexesSplitAsOnigurumaDoes() {
    // GPT-2: a run of spaces gives all but the last to the whitespace piece
    assertThat(ByteLevel.gpt2().split("Hello   world")).containsExactly("Hello", "ĠĠ", "Ġworld");
    assertThat(ByteLevel.gpt2().split("I'm here\n\n")).containsExactly("I", "'m", "Ġhere", "ĊĊ");
    // GPT-4/Llama 3: digits in threes, case-insensitive contractions, newlines kept together
    assertThat(Split.gpt4().split("1234567 HE'S ok!\n\n  x")).containsExactly(
        "123", "456", "7", " HE", "'S", " ok", "!\n\n", " ", " x");
    assertThat(Split.gpt4().split("ação,São")).containsExactly("ação", ",São");
  }
}
