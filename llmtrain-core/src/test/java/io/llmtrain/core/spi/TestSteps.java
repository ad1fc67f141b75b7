package io.llmtrain.core.spi;

import io.llmtrain.core.io.DataSource;
import io.llmtrain.core.io.ErrorPolicy;
import io.llmtrain.core.io.RecordReader;
import io.llmtrain.core.io.SourceRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Test lifecycle steps: a "tokenizer" that counts whitespace tokens of the corpus into a file, and
 * a "pretrainer" that needs those tokens. Enough to check how the pipeline wires steps together.
 */
public final class TestSteps {
  private TestSteps() {
  }

  public static final class CountTokens implements StepProvider {
    @Override
    public String name() {
      return "test-count";
    }

    @Override
    public StepKind kind() {
      return StepKind.TOKENIZE;
    }

    @Override
    public Step create(StageSpec spec) {
      Params.of(spec).finish();
      return new Step() {
        @Override
        public Set<String> requires() {
          return Set.of(Artifacts.CORPUS);
        }

        @Override
        public Set<String> produces() {
          return Set.of(Artifacts.TOKENS);
        }

        @Override
        public Result run(Context ctx) throws Exception {
          long tokens = 0;
          try (RecordReader r = DataSource.jsonl(ctx.artifact(Artifacts.CORPUS), "text")
              .open(ErrorPolicy.FAIL)) {
            for (SourceRecord rec = r.next(); rec != null; rec = r.next()) {
              tokens += ((SourceRecord.Read) rec).document().text().split("\\s+").length;
            }
          }
          Path out = Files.writeString(ctx.outputDirectory().resolve("tokens.txt"),
              Long.toString(tokens));
          return new Result(Map.of(Artifacts.TOKENS, out), Map.of("tokens", tokens));
        }
      };
    }
  }

  public static final class NeedsTokens implements StepProvider {
    @Override
    public String name() {
      return "test-train";
    }

    @Override
    public StepKind kind() {
      return StepKind.PRETRAIN;
    }

    @Override
    public Step create(StageSpec spec) {
      Params p = Params.of(spec);
      int steps = p.getInt("steps", 10, 1, 1_000_000);
      p.finish();
      return new Step() {
        @Override
        public Set<String> requires() {
          return Set.of(Artifacts.TOKENS);
        }

        @Override
        public Set<String> produces() {
          return Set.of(Artifacts.MODEL);
        }

        @Override
        public Result run(Context ctx) throws Exception {
          long tokens = Long.parseLong(Files.readString(ctx.artifact(Artifacts.TOKENS)));
          Path model = Files.writeString(ctx.outputDirectory().resolve("model.txt"),
              "seed=" + ctx.seed() + " steps=" + steps + " tokens=" + tokens);
          return new Result(Map.of(Artifacts.MODEL, model), Map.of("steps", steps));
        }
      };
    }
  }
}
