package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code llmtrain eval bleu|chrf|rouge} on files and JSONL, and their refusals. */
class EvalCommandTest {
  @TempDir
  Path dir;

  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  // sacrebleu's documented example
  private static final List<String> HYPS = List.of("The dog bit the man.",
      "It wasn't surprising.", "The man had just bitten him.");
  private static final List<String> REF1 = List.of("The dog bit the man.",
      "It was not unexpected.", "The man bit him first.");
  private static final List<String> REF2 = List.of("The dog had bit the man.",
      "No one was surprised.", "The man had bitten the dog.");

  @Test
  void bleuAndChrfOnLineAlignedFilesMatchSacrebleu() throws Exception {
    Path hyp = Files.write(dir.resolve("hyp.txt"), HYPS);
    Path r1 = Files.write(dir.resolve("r1.txt"), REF1);
    Path r2 = Files.write(dir.resolve("r2.txt"), REF2);
    assertThat(console.run("eval", "bleu", "--hyp", hyp.toString(), "--ref", r1.toString(),
        r2.toString())).as(console.err()).isZero();
    assertThat(Json.MAPPER.readTree(console.stdoutLines().get(0)).get("score").asDouble())
        .isCloseTo(48.530827009929865, within(1e-6));
    assertThat(console.run("eval", "chrf", "--hyp", hyp.toString(), "--ref", r1.toString(),
        r2.toString(), "--per-line")).as(console.err()).isZero();
    List<String> lines = console.stdoutLines();
    assertThat(lines).hasSize(4);
    assertThat(Json.MAPPER.readTree(lines.get(0)).get("line").asInt()).isEqualTo(1);
    assertThat(Json.MAPPER.readTree(lines.get(3)).get("score").asDouble())
        .isCloseTo(59.72751782684763, within(1e-6));
  }

  @Test
  void rougeFromJsonlPerLine() throws Exception {
    Path jsonl = Files.writeString(dir.resolve("pairs.jsonl"),
        "{\"hyp\": \"The quick brown dog jumps on the log.\", "
            + "\"refs\": [\"The quick brown fox jumps over the lazy dog\"]}\n");
    assertThat(console.run("eval", "rouge", "--jsonl", jsonl.toString(), "--stem", "--per-line"))
        .as(console.err()).isZero();
    assertThat(console.stdoutLines()).hasSize(2);
    JsonNode line = Json.MAPPER.readTree(console.stdoutLines().get(0));
    assertThat(line.toString()).contains("rouge1", "rougeL");
  }

  @Test
  void badInputIsRefusedNamingFileAndLine() throws Exception {
    Path hyp = Files.write(dir.resolve("hyp.txt"), HYPS);
    Path shortRef = Files.write(dir.resolve("short.txt"), REF1.subList(0, 2));
    assertThat(console.run("eval", "bleu", "--hyp", hyp.toString(), "--ref", shortRef.toString()))
        .isNotZero();
    assertThat(console.err()).contains("short.txt", "2 lines");
    Path empty = Files.writeString(dir.resolve("empty.txt"), "");
    assertThat(console.run("eval", "bleu", "--hyp", empty.toString(), "--ref", empty.toString()))
        .isNotZero();
    assertThat(console.err()).contains("empty.txt", "empty");
    Path bad = Files.writeString(dir.resolve("bad.jsonl"),
        "{\"hyp\": \"a\", \"refs\": [\"a\"]}\n{\"hyp\": \"b\", \"refs\": \n");
    assertThat(console.run("eval", "chrf", "--jsonl", bad.toString())).isNotZero();
    assertThat(console.err()).contains("bad.jsonl", "2");
  }

  @Test
  void contaminationReportsEvaluationItemsCopiedFromTraining() throws Exception {
    Path train = Files.writeString(dir.resolve("train.txt"), "In the beginning God created the "
        + "heaven and the earth.\nAnd the earth was without form, and void; and darkness was "
        + "upon the face of the deep.\n");
    Path eval = Files.write(dir.resolve("eval.txt"), List.of(
        "Who created the heaven? No princípio criou Deus os céus e a terra.",
        "Complete: in the beginning God created the heaven and the earth, and the earth was"));
    assertThat(console.run("eval", "contamination", "--train", train.toString(), "--eval",
        eval.toString())).as(console.err()).isZero();
    JsonNode r = Json.MAPPER.readTree(console.stdoutLines().get(0));
    assertThat(r.get("items").asInt()).isEqualTo(2);
    assertThat(r.get("contaminated").asInt()).isEqualTo(1);
    assertThat(r.get("contaminated_items").get(0).get("line").asInt()).isEqualTo(2);
  }
}
