package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** tokenizer train, then pretrain on the text, resume, and generate: the lifecycle on the CLI. */
class PretrainCommandTest {
  @TempDir
  Path dir;

  @RegisterExtension
  final ConsoleCapture console = new ConsoleCapture();

  @Test
  void trainsATokenizerThenAModelResumesItAndGenerates() throws Exception {
    Path text = Path.of(getClass().getResource("/corpus/kjv-genesis.txt").toURI());
    Path tokenizer = dir.resolve("tokenizer.json");
    assertThat(console.run("tokenizer", "train", "--input", text.toString(), "--vocab-size", "512",
        "--output", tokenizer.toString(), "-q")).as(console.err()).isZero();

    Path runDir = dir.resolve("run");
    String[] pretrain = {"pretrain", "--data", text.toString(), "--tokenizer",
        tokenizer.toString(), "--preset", "nano", "--steps", "20", "--batch-size", "8",
        "--block-size", "64", "--lr", "3e-3", "--eval-every", "10", "--checkpoint-every", "10",
        "--out", runDir.toString(), "-q"};
    assertThat(console.run(pretrain)).as(console.err()).isZero();
    JsonNode first = Json.MAPPER.readTree(console.out());
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
    assertThat(console.run(appendResume(pretrain))).as(console.err()).isZero();
    assertThat(Json.MAPPER.readTree(console.out()).get("steps").asLong()).isEqualTo(30);
    assertThat(runDir.resolve("checkpoint-000030")).exists();

    String[] generate = {"generate", "--model", runDir.toString(), "--prompt", "And God said",
        "--max-tokens", "12", "--temperature", "0.8", "--top-k", "40", "--seed", "7"};
    assertThat(console.run(generate)).as(console.err()).isZero();
    String text1 = console.out();
    assertThat(text1).startsWith("And God said");
    assertThat(text1.length()).isGreaterThan("And God said".length() + 5);
    assertThat(console.run(generate)).isZero();
    assertThat(console.out()).isEqualTo(text1); // seeded: the same text again

    // Export to the Hugging Face layout; the exported model scores the text as the run does.
    Path hf = dir.resolve("hf");
    assertThat(console.run("export", "--model", runDir.toString(), "--format", "hf", "--out",
        hf.toString())).as(console.err()).isZero();
    for (String f : new String[] {"model.safetensors", "config.json", "tokenizer.json",
        "README.md"}) {
      assertThat(hf.resolve(f)).as(f).exists();
    }
    Path heldOut = Files.writeString(dir.resolve("held-out.txt"),
        "And the LORD God formed man of the dust of the ground.");
    assertThat(console.run("eval", "perplexity", "--model", runDir.toString(), "--data",
        heldOut.toString())).as(console.err()).isZero();
    JsonNode fromRun = Json.MAPPER.readTree(console.out());
    assertThat(console.run("eval", "perplexity", "--model", hf.toString(), "--data",
        heldOut.toString())).as(console.err()).isZero();
    JsonNode fromHf = Json.MAPPER.readTree(console.out());
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
