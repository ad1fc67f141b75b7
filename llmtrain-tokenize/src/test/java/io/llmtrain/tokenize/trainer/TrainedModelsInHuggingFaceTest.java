package io.llmtrain.tokenize.trainer;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.model.Model;
import io.llmtrain.tokenize.model.UnigramModel;
import io.llmtrain.tokenize.model.WordPieceModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Models our trainers learn, saved in a minimal hand-written {@code tokenizer.json}, load in the
 * Hugging Face Rust tokenizer (through DJL) and encode the sample text to the ids of our models.
 */
class TrainedModelsInHuggingFaceTest {
  private static final String TEXT = TestWordCounts.sample();
  private static final String METASPACE = "{\"type\":\"Metaspace\",\"replacement\":\"\u2581\","
      + "\"prepend_scheme\":\"always\",\"split\":true}";

  @TempDir
  Path dir;

  private HuggingFaceTokenizer load(Model model, String normalizer, String preTokenizer,
      String decoder) throws Exception {
    String json = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,\"added_tokens\":[],"
        + "\"normalizer\":" + normalizer + ",\"pre_tokenizer\":" + preTokenizer
        + ",\"post_processor\":null,\"decoder\":" + decoder + ",\"model\":"
        + Json.MAPPER.writeValueAsString(model.toJson()) + "}";
    Path file = dir.resolve("tokenizer.json");
    Files.writeString(file, json);
    return HuggingFaceTokenizer.newInstance(file, Map.of("addSpecialTokens", "false"));
  }

  private static int[] djlIds(HuggingFaceTokenizer tokenizer, String text) {
    return Arrays.stream(tokenizer.encode(text, false, false).getIds()).mapToInt(l -> (int) l)
        .toArray();
  }

  private static int[] ids(List<Model.Token> tokens) {
    return tokens.stream().mapToInt(Model.Token::id).toArray();
  }

  @Test
  void trainedUnigramEncodesLikeTheRustTokenizer() throws Exception {
    UnigramModel m = new UnigramTrainer(UnigramTrainerConfig.builder().vocabSize(500).build())
        .train(TestWordCounts.metaspace(TEXT));
    try (HuggingFaceTokenizer hf = load(m, "null", METASPACE, METASPACE)) {
      for (String line : TEXT.split("\n")) {
        List<Model.Token> ours = new ArrayList<>();
        for (String word : line.split(" ")) {
          ours.addAll(m.tokenize("\u2581" + word));
        }
        assertThat(djlIds(hf, line)).as(line).containsExactly(ids(ours));
      }
      // Text the model never saw, with characters outside its alphabet.
      String unseen = "Uma ponte nova 🚀 sobre o rio Tejo, ou the bridges of Königsberg";
      List<Model.Token> ours = new ArrayList<>();
      for (String word : unseen.split(" ")) {
        ours.addAll(m.tokenize("\u2581" + word));
      }
      assertThat(djlIds(hf, unseen)).containsExactly(ids(ours));
    }
  }

  @Test
  void trainedWordPieceEncodesLikeTheRustTokenizer() throws Exception {
    WordPieceModel m = new WordPieceTrainer(WordPieceTrainerConfig.builder().vocabSize(700)
        .build()).train(TestWordCounts.bert(TEXT));
    Pattern word = Pattern.compile("[\\p{L}\\p{M}\\p{N}]+|[^\\s\\p{L}\\p{M}\\p{N}]");
    try (HuggingFaceTokenizer hf = load(m, "{\"type\":\"Lowercase\"}",
        "{\"type\":\"BertPreTokenizer\"}",
        "{\"type\":\"WordPiece\",\"prefix\":\"##\",\"cleanup\":true}")) {
      List<String> lines = new ArrayList<>(List.of(TEXT.split("\n")));
      lines.add("Unbelievable bridges, açaí; the Königsberg river 🚀 flows.");
      for (String line : lines) {
        List<Model.Token> ours = new ArrayList<>();
        Matcher matcher = word.matcher(line.toLowerCase(Locale.ROOT));
        while (matcher.find()) {
          ours.addAll(m.tokenize(matcher.group()));
        }
        assertThat(djlIds(hf, line)).as(line).containsExactly(ids(ours));
      }
    }
  }
}
