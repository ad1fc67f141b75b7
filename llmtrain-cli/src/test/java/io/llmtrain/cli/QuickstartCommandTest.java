package io.llmtrain.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.io.Json;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.core.tokens.TokenDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The README's first command, end to end on the embedded corpus: data, tokenizer, model. */
class QuickstartCommandTest {
  @TempDir
  Path dir;

  @RegisterExtension
  final ConsoleCapture capture = new ConsoleCapture();

  @Test
  void preparesTheEmbeddedCorpusThenTrainsATokenizerAndWritesTokenShards() throws Exception {
    int code = capture.run("quickstart", "--out", dir.toString(), "--threads", "2");
    String console = capture.out();
    assertThat(code).as(console).isZero();

    // Data stages: every input document is kept or rejected with a reason.
    JsonNode report = Json.MAPPER.readTree(dir.resolve("prepare-report.json").toFile());
    long kept = Files.readAllLines(dir.resolve("prepared.jsonl")).size();
    long rejected = Files.readAllLines(dir.resolve("rejected.jsonl")).size();
    assertThat(report.get("documents_out").asLong()).isEqualTo(kept);
    assertThat(report.get("documents_in").asLong()).isEqualTo(kept + rejected);
    assertThat(console).contains("duplicate_exact", "duplicate_near", "malformed_json");

    // Tokenization: the tokenizer encodes the corpus into one shard, a document per verse list.
    Path step = dir.resolve("run/01-tokenize-bpe");
    Tokenizer tokenizer = TokenizerJson.read(step.resolve("tokenizer.json"));
    assertThat(tokenizer.vocabSize()).isEqualTo(QuickstartCommand.VOCAB_SIZE);
    TokenDataset tokens = TokenDataset.open(step.resolve("tokens"));
    assertThat(tokens.documents()).isEqualTo(kept);
    String sample = QuickstartCommand.SAMPLE;
    assertThat(tokenizer.decode(tokenizer.encode(sample, false), false)).isEqualTo(sample);
    // Trained on the King James text, its words are whole tokens.
    assertThat(tokenizer.encode(sample, false).length).isLessThan(sample.length() / 3);

    // Pretraining: a checkpoint of the last step, and a validation loss below a uniform guess.
    Path run = dir.resolve("run/02-pretrain-gpt");
    assertThat(io.llmtrain.core.train.ModelRun.latestCheckpoint(run).getFileName().toString())
        .isEqualTo(String.format("checkpoint-%06d", QuickstartCommand.PRETRAIN_STEPS));
    assertThat(run.resolve("report.html")).exists();
    assertThat(console).contains("Model: GPT (nano)", QuickstartCommand.PROMPT);

    // Evaluation: the held-out tokens scored, the report written and readable.
    Path evaluation = dir.resolve("run/03-evaluate-model");
    var result = io.llmtrain.eval.report.EvaluationReport.readJson(
        evaluation.resolve("evaluation.json"));
    var loss = result.metric("held-out", "loss");
    assertThat(loss.items()).isPositive();
    assertThat(result.metric("held-out", "perplexity").value())
        .isCloseTo(Math.exp(loss.value()), org.assertj.core.api.Assertions.within(1e-9));
    assertThat(evaluation.resolve("evaluation.html")).exists();
    assertThat(console).contains("held-out tokens the model never trained on");
  }
}
