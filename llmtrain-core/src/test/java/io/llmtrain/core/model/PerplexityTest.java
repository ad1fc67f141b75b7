package io.llmtrain.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import ai.djl.training.loss.Loss;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PerplexityTest {

  @Test
  void equalsExpOfTheMeanCrossEntropyComputedByDjl() {
    GptConfig c = GptConfig.preset("nano").toBuilder().layers(1).width(32).heads(2)
        .contextLength(16).vocabSize(50).build();
    int[] tokens = new Random(3).ints(40, 0, 50).toArray(); // 3 windows: 16, 16, 7 predictions
    try (NDManager m = NDManager.newBaseManager()) {
      GptModel model = GptModel.create(c, m, 9);
      Perplexity.Result r = Perplexity.of(model, tokens, m);
      assertThat(r.tokens()).isEqualTo(39);
      double sum = 0;
      for (int start = 0; start + 1 < tokens.length; start += 16) {
        int end = Math.min(tokens.length, start + 17);
        int[] in = Arrays.copyOfRange(tokens, start, end - 1);
        int[] target = Arrays.copyOfRange(tokens, start + 1, end);
        try (NDManager s = m.newSubManager()) {
          NDArray logits = model.block().forward(new ParameterStore(s, false),
              new NDList(s.create(in, new Shape(1, in.length))), false).singletonOrThrow();
          NDArray loss = Loss.softmaxCrossEntropyLoss().evaluate(
              new NDList(s.create(target, new Shape(target.length))),
              new NDList(logits.reshape(target.length, 50)));
          sum += loss.getFloat() * target.length; // DJL averages per window
        }
      }
      assertThat(r.loss()).isCloseTo(sum / 39, within(1e-5));
      assertThat(r.perplexity()).isCloseTo(Math.exp(sum / 39), within(1e-3));
    }
  }

  @Test
  void aSlidingWindowPredictsEachTokenOnceFromTheContextItsWindowGives() {
    GptConfig c = GptConfig.preset("nano").toBuilder().layers(1).width(32).heads(2)
        .contextLength(16).vocabSize(50).build();
    int[] tokens = new Random(5).ints(45, 0, 50).toArray();
    try (NDManager m = NDManager.newBaseManager()) {
      GptModel model = GptModel.create(c, m, 11);
      Perplexity.Result whole = Perplexity.of(model, tokens, m);
      assertThat(Perplexity.of(model, tokens, 16, m)).isEqualTo(whole);
      for (int stride : new int[] {1, 5, 16}) {
        Perplexity.Result r = Perplexity.of(model, tokens, stride, m);
        assertThat(r.tokens()).isEqualTo(44);
        // Independently: windows begin at 0, stride, 2 stride...; target j belongs to the first
        // whose end (begin + 16) reaches it, and is predicted from that window's tokens before
        // it, one forward per target.
        double sum = 0;
        long correct = 0;
        for (int j = 1; j < tokens.length; j++) {
          int begin = 0;
          while (begin + 16 < j) {
            begin += stride;
          }
          int[] in = Arrays.copyOfRange(tokens, begin, j);
          try (NDManager s = m.newSubManager()) {
            NDArray logits = model.block().forward(new ParameterStore(s, false),
                new NDList(s.create(in, new Shape(1, in.length))), false).singletonOrThrow()
                .get(0, in.length - 1);
            NDArray logSoftmax = logits.logSoftmax(0);
            sum -= logSoftmax.getFloat(tokens[j]);
            if (logits.argMax().getLong() == tokens[j]) {
              correct++;
            }
          }
        }
        assertThat(r.loss()).as("stride %d", stride).isCloseTo(sum / 44, within(1e-5));
        assertThat(r.correct()).as("stride %d", stride).isEqualTo(correct);
      }
    }
  }
}
