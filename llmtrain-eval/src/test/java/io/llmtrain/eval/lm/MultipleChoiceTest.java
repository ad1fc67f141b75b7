package io.llmtrain.eval.lm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.llmtrain.core.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipleChoiceTest extends WithTrainedModel {
  @TempDir
  Path dir;

  // Each right choice ends a sentence the model was trained on; the others end other sentences.
  static final String ITEMS = String.join("\n",
      "{\"context\": \"The cat sat on the warm mat by the\", "
          + "\"choices\": [\"station at seven.\", \"kitchen door.\", \"old house.\"], "
          + "\"label\": 1}",
      "{\"context\": \"My brother plays the violin every\", "
          + "\"choices\": [\"evening after dinner.\", \"morning.\"], \"label\": 0}",
      "",
      "{\"context\": \"She planted roses along the fence behind the\", "
          + "\"choices\": [\"kitchen door.\", \"whole valley below.\", \"old house.\"], "
          + "\"label\": 2}",
      "{\"context\": \"He drinks a cup of black coffee every\", "
          + "\"choices\": [\"morning.\", \"evening after dinner.\", \"🙂 day.\"], \"label\": 0}");

  /** The log-likelihood of " choice" after the context, from a forward pass written here. */
  private static double logLikelihood(String context, String choice) {
    int[] ctx = model.encode(context);
    int[] whole = model.encode(context + " " + choice);
    assertThat(Arrays.copyOf(whole, ctx.length)).isEqualTo(ctx); // no merge across the gap
    assertThat(whole.length).isLessThanOrEqualTo(model.model().contextLength()); // no cut
    int[] input = Arrays.copyOf(whole, whole.length - 1);
    float[] logits = model.logits(input);
    int vocab = model.model().vocabSize();
    double ll = 0;
    for (int t = ctx.length; t < whole.length; t++) {
      int row = (t - 1) * vocab;
      double max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < vocab; v++) {
        max = Math.max(max, logits[row + v]);
      }
      double z = 0;
      for (int v = 0; v < vocab; v++) {
        z += Math.exp(logits[row + v] - max);
      }
      ll += logits[row + whole[t]] - max - Math.log(z);
    }
    return ll;
  }

  @Test
  void aTrainedModelPrefersTheContinuationItHasSeen() throws Exception {
    List<MultipleChoice.Item> items = MultipleChoice.read(
        Files.writeString(dir.resolve("mc.jsonl"), ITEMS));
    assertThat(items).hasSize(4);
    MultipleChoice.Result r = MultipleChoice.evaluate(model, items);
    assertThat(r.items()).extracting(MultipleChoice.ItemResult::prediction)
        .containsExactly(1, 0, 2, 0);
    assertThat(r.acc()).isEqualTo(1.0);

    int right = 0;
    int rightNorm = 0;
    for (int i = 0; i < items.size(); i++) {
      MultipleChoice.Item item = items.get(i);
      MultipleChoice.ItemResult ir = r.items().get(i);
      int best = 0;
      int bestNorm = 0;
      for (int c = 0; c < item.choices().size(); c++) {
        String choice = item.choices().get(c);
        double ll = logLikelihood(item.context(), choice);
        assertThat(ir.logLikelihoods().get(c)).isCloseTo(ll, within(1e-4));
        double[] lls = ir.logLikelihoods().stream().mapToDouble(d -> d).toArray();
        if (lls[c] > lls[best]) {
          best = c;
        }
        int chars = choice.codePointCount(0, choice.length());
        String bestChoice = item.choices().get(bestNorm);
        if (lls[c] / chars > lls[bestNorm] / bestChoice.codePointCount(0, bestChoice.length())) {
          bestNorm = c;
        }
      }
      assertThat(ir.prediction()).isEqualTo(best);
      assertThat(ir.predictionNorm()).isEqualTo(bestNorm);
      right += best == item.label() ? 1 : 0;
      rightNorm += bestNorm == item.label() ? 1 : 0;
    }
    assertThat(r.acc()).isEqualTo((double) right / items.size());
    assertThat(r.accNorm()).isEqualTo((double) rightNorm / items.size());
    // A memorised sentence's ending is the greedy continuation.
    assertThat(r.items().get(0).greedy()).containsExactly(false, true, false);
  }

  @Test
  void trailingWhitespaceOfTheContextMovesOntoTheContinuation() {
    double[] withDelimiter = MultipleChoice.logLikelihood(model,
        "The baker opens his shop before the", " sun rises.");
    double[] fromContext = MultipleChoice.logLikelihood(model,
        "The baker opens his shop before the ", "sun rises.");
    assertThat(fromContext).containsExactly(withDelimiter);
    MultipleChoice.Item spaced = new MultipleChoice.Item("The baker opens his shop before the ",
        List.of("sun rises.", "river."), 0);
    MultipleChoice.Item plain = new MultipleChoice.Item("The baker opens his shop before the",
        List.of("sun rises.", "river."), 0);
    assertThat(MultipleChoice.evaluate(model, List.of(spaced), "").items())
        .isEqualTo(MultipleChoice.evaluate(model, List.of(plain)).items());
  }

  @Test
  void badItemsAreRefusedNamingFileLineAndField() throws Exception {
    String good = "{\"context\": \"a\", \"choices\": [\"b\", \"c\"], \"label\": 0}\n";
    assertThatThrownBy(() -> MultipleChoice.read(Files.writeString(dir.resolve("bad1.jsonl"),
        good + "{\"context\": \"a\", \"choices\": [\"b\"\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("bad1.jsonl:2")
        .hasMessageContaining("invalid JSON");
    assertThatThrownBy(() -> MultipleChoice.read(Files.writeString(dir.resolve("bad2.jsonl"),
        good + "\n{\"context\": \"a\", \"label\": 0}\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("bad2.jsonl:3")
        .hasMessageContaining("field 'choices'").hasMessageContaining("missing");
    assertThatThrownBy(() -> MultipleChoice.read(Files.writeString(dir.resolve("bad3.jsonl"),
        "{\"context\": \"a\", \"choices\": [\"b\", \"c\"], \"label\": 2}\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("bad3.jsonl:1")
        .hasMessageContaining("field 'label'").hasMessageContaining("out of range");
    assertThatThrownBy(() -> MultipleChoice.read(Files.writeString(dir.resolve("bad4.jsonl"),
        "{\"context\": \"a\", \"choices\": [\"b\", 3], \"label\": \"0\"}\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("field 'choices'")
        .hasMessageContaining("element 1");
    assertThatThrownBy(() -> MultipleChoice.read(Files.writeString(dir.resolve("bad5.jsonl"),
        "{\"context\": 7, \"choices\": [\"b\", \"c\"], \"label\": 0}\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("field 'context'");
    assertThatThrownBy(() -> MultipleChoice.read(Files.writeString(dir.resolve("bad6.jsonl"),
        "{\"context\": \"a\", \"choices\": [\"b\", \"c\"], \"label\": 0.5}\n")))
        .isInstanceOf(InputException.class).hasMessageContaining("field 'label'")
        .hasMessageContaining("integer");
    assertThatThrownBy(() -> MultipleChoice.read(Files.writeString(dir.resolve("empty.jsonl"),
        "\n"))).isInstanceOf(InputException.class).hasMessageContaining("empty.jsonl")
        .hasMessageContaining("no items");
    assertThatThrownBy(() -> MultipleChoice.read(dir.resolve("absent.jsonl")))
        .isInstanceOf(InputException.class).hasMessageContaining("no such file");
  }
}
