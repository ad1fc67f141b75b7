package io.llmtrain.tokenize.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.llmtrain.core.ConfigException;
import io.llmtrain.core.Pipeline;
import io.llmtrain.core.PipelineReport;
import io.llmtrain.core.StepReport;
import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.Json;
import io.llmtrain.core.spi.Artifacts;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.tokenize.Tokenizer;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.json.TokenizerProvenance;
import io.llmtrain.core.tokens.TokenDataset;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenizeStepTest {
  @TempDir
  Path dir;

  private static Path genesis() throws URISyntaxException {
    return Path.of(TokenizeStepTest.class.getResource("/corpus/kjv-genesis.txt").toURI());
  }

  @Test
  void trainsATokenizerOnThePreparedCorpusAndEncodesItIntoShards() throws Exception {
    PipelineReport report = Pipeline.from(DataSource.lines(genesis()))
        .tokenize(TokenizeConfig.bpe(700))
        .workDirectory(dir)
        .seed(11)
        .run();
    StepReport step = report.steps().get(0);
    Path json = step.artifacts().get(Artifacts.TOKENIZER);
    Tokenizer tokenizer = TokenizerJson.read(json);
    assertThat(tokenizer.vocabSize()).isEqualTo(700);

    // Every verse is a document, followed by the end-of-text id, in input order.
    List<String> verses = Files.readAllLines(genesis());
    TokenDataset tokens = TokenDataset.open(step.artifacts().get(Artifacts.TOKENS));
    {
      assertThat(tokens.documents()).isEqualTo(verses.size());
      assertThat(step.metrics()).containsEntry("tokens", tokens.size() - verses.size());
      int eos = tokenizer.tokenToId("<|endoftext|>");
      assertThat(tokens.eosId()).isEqualTo(eos);
      int[] first = tokens.window(0, tokenizer.encode(verses.get(0), false).length + 1);
      assertThat(first[first.length - 1]).isEqualTo(eos);
      assertThat(tokenizer.decode(Arrays.copyOf(first, first.length - 1), false))
          .isEqualTo(verses.get(0));
    }
    // Provenance: the recipe, the corpus hash and the seed travel with the tokenizer.
    JsonNode provenance = Json.MAPPER.readTree(TokenizerProvenance.sidecar(json).toFile());
    assertThat(provenance.get("recipe").get("vocabSize").asInt()).isEqualTo(700);
    assertThat(provenance.get("inputs").get(0).get("sha256").asText()).hasSize(64);
    assertThat(provenance.get("statistics").get("seed").asLong()).isEqualTo(11);
    assertThat(step.metrics().get("bytes_per_token")).isInstanceOf(Double.class);
  }

  @Test
  void javaAndRustEncodersWriteIdenticalShards() throws Exception {
    Path[] shards = new Path[2];
    int i = 0;
    for (String encoder : new String[] {"java", "rust"}) {
      Path work = dir.resolve(encoder);
      PipelineReport report = Pipeline.from(DataSource.lines(genesis()))
          .tokenize(StageSpec.of("unigram", Map.of("vocabSize", 600, "encoder", encoder)))
          .workDirectory(work)
          .run();
      assertThat(report.steps().get(0).metrics()).containsEntry("encoder", encoder);
      shards[i++] = report.steps().get(0).artifacts().get(Artifacts.TOKENS).resolve("corpus.bin");
    }
    assertThat(Files.readAllBytes(shards[0])).isEqualTo(Files.readAllBytes(shards[1]));
  }

  @Test
  void aPretrainedTokenizerIsCopiedIntoTheRunAndUsed() throws Exception {
    Path trained = dir.resolve("wp/tokenizer.json");
    Tokenizer wp = io.llmtrain.tokenize.TokenizerRecipe
        .builder(io.llmtrain.tokenize.TokenizerRecipe.ModelType.WORDPIECE).vocabSize(500).build()
        .trainOnFiles(List.of(genesis()));
    TokenizerJson.write(wp, trained);
    // A BERT vocabulary has none of the usual end-of-text tokens: refused, not guessed.
    assertThatThrownBy(() -> Pipeline.from(DataSource.lines(genesis()))
        .tokenize(TokenizeConfig.pretrained(trained)).workDirectory(dir.resolve("run1")).run())
        .hasMessageContaining("end-of-document");

    Tokenizer bpe = io.llmtrain.tokenize.TokenizerRecipe
        .builder(io.llmtrain.tokenize.TokenizerRecipe.ModelType.BPE).vocabSize(400).build()
        .trainOnFiles(List.of(genesis()));
    Path bpeJson = dir.resolve("bpe/tokenizer.json");
    TokenizerJson.write(bpe, bpeJson);
    PipelineReport report = Pipeline.from(DataSource.lines(genesis()))
        .tokenize(StageSpec.of("pretrained", Map.of("tokenizer", bpeJson.toString())))
        .workDirectory(dir.resolve("run2")).run();
    Path copied = report.steps().get(0).artifacts().get(Artifacts.TOKENIZER);
    assertThat(copied).isNotEqualTo(bpeJson);
    assertThat(Files.readString(copied)).isEqualTo(Files.readString(bpeJson));
  }

  @Test
  void badParametersAreRefusedBeforeAnyWork() {
    assertThatThrownBy(() -> Pipeline.from(DataSource.lines(genesis()))
        .tokenize(StageSpec.of("bpe", Map.of("vocabsize", 500))).workDirectory(dir).validate())
        .isInstanceOf(ConfigException.class).hasMessageContaining("vocabsize")
        .hasMessageContaining("vocabSize");
    assertThatThrownBy(() -> Pipeline.from(DataSource.lines(genesis()))
        .tokenize(StageSpec.of("bpe", Map.of("tokenizer", "x.json"))).workDirectory(dir)
        .validate())
        .isInstanceOf(ConfigException.class).hasMessageContaining("pretrained");
    assertThatThrownBy(() -> Pipeline.from(DataSource.lines(genesis()))
        .tokenize(StageSpec.of("sentencepiece")).workDirectory(dir).validate())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bpe").hasMessageContaining("pretrained")
        .hasMessageContaining("unigram").hasMessageContaining("wordpiece");
    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void configRoundTripsThroughItsParameters() {
    TokenizeConfig c = TokenizeConfig.unigram(4000).withEncoder(io.llmtrain.tokenize.Encoders.Kind.JAVA);
    assertThat(TokenizeConfig.fromSpec(StageSpec.of(c.name(), c.params()))).isEqualTo(c);
    TokenizeConfig p = TokenizeConfig.pretrained(Path.of("gpt2/tokenizer.json"));
    assertThat(TokenizeConfig.fromSpec(StageSpec.of(p.name(), p.params()))).isEqualTo(p);
  }
}
