package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** tokenizer train, then pretrain on the text, resume, and generate: the lifecycle on the CLI. */
class PretrainCommandTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;

  @BeforeEach
  void capture() {
    oldOut = System.out;
    oldErr = System.err;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setOut(oldOut);
    System.setErr(oldErr);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return Main.commandLine().execute(args);
  }

  private String stdout() {
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void trainsATokenizerThenAModelResumesItAndGenerates() throws Exception {
    Path text = Path.of(getClass().getResource("/corpus/kjv-genesis.txt").toURI());
    Path tokenizer = dir.resolve("tokenizer.json");
    assertThat(run("tokenizer", "train", "--input", text.toString(), "--vocab-size", "512",
        "--output", tokenizer.toString(), "-q")).as(err.toString()).isZero();

    Path runDir = dir.resolve("run");
    String[] pretrain = {"pretrain", "--data", text.toString(), "--tokenizer",
        tokenizer.toString(), "--preset", "nano", "--steps", "20", "--batch-size", "8",
        "--block-size", "64", "--lr", "3e-3", "--eval-every", "10", "--checkpoint-every", "10",
        "--out", runDir.toString(), "-q"};
    assertThat(run(pretrain)).as(err.toString()).isZero();
    JsonNode first = Json.MAPPER.readTree(stdout());
    assertThat(first.get("steps").asLong()).isEqualTo(20);
    // Next-token loss starts at ln(512) = 6.24 for a uniform guess; 20 steps on Genesis beat it.
    assertThat(first.get("validation_loss").asDouble()).isLessThan(5.5);
    for (String f : new String[] {"model.json", "tokenizer.json", "metrics.jsonl", "report.html",
        "checkpoint-000020/model.safetensors", "data/train.bin"}) {
      assertThat(runDir.resolve(f)).as(f).exists();
    }
    assertThat(Files.list(runDir.resolve("tensorboard")).count()).isEqualTo(1);

    // Resume to 30 steps: it continues from the checkpoint of step 20.
    pretrain[8] = "30";
    assertThat(run(appendResume(pretrain))).as(err.toString()).isZero();
    assertThat(Json.MAPPER.readTree(stdout()).get("steps").asLong()).isEqualTo(30);
    assertThat(runDir.resolve("checkpoint-000030")).exists();

    String[] generate = {"generate", "--model", runDir.toString(), "--prompt", "And God said",
        "--max-tokens", "12", "--temperature", "0.8", "--top-k", "40", "--seed", "7"};
    assertThat(run(generate)).as(err.toString()).isZero();
    String text1 = stdout();
    assertThat(text1).startsWith("And God said");
    assertThat(text1.length()).isGreaterThan("And God said".length() + 5);
    assertThat(run(generate)).isZero();
    assertThat(stdout()).isEqualTo(text1); // seeded: the same text again

    // Export to the Hugging Face layout; the exported model scores the text as the run does.
    Path hf = dir.resolve("hf");
    assertThat(run("export", "--model", runDir.toString(), "--format", "hf", "--out",
        hf.toString())).as(err.toString()).isZero();
    for (String f : new String[] {"model.safetensors", "config.json", "tokenizer.json",
        "README.md"}) {
      assertThat(hf.resolve(f)).as(f).exists();
    }
    Path heldOut = Files.writeString(dir.resolve("held-out.txt"),
        "And the LORD God formed man of the dust of the ground.");
    assertThat(run("eval", "perplexity", "--model", runDir.toString(), "--data",
        heldOut.toString())).as(err.toString()).isZero();
    JsonNode fromRun = Json.MAPPER.readTree(stdout());
    assertThat(run("eval", "perplexity", "--model", hf.toString(), "--data",
        heldOut.toString())).as(err.toString()).isZero();
    JsonNode fromHf = Json.MAPPER.readTree(stdout());
    assertThat(fromHf.get("loss").asDouble()).isEqualTo(fromRun.get("loss").asDouble());
    assertThat(fromRun.get("perplexity").asDouble())
        .isEqualTo(Math.exp(fromRun.get("loss").asDouble()));
    assertThat(fromRun.get("tokens").asLong()).isGreaterThan(5);
  }

  private static String[] appendResume(String[] args) {
    String[] r = java.util.Arrays.copyOf(args, args.length + 1);
    r[args.length] = "--resume";
    return r;
  }
}
