package io.llmtrain.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.llmtrain.core.model.CausalLanguageModel;

/**
 * A tiny real causal language model for trainer tests: {@code logits_t = W·tanh(E[x_t] +
 * P[x_{t-1}]) + b}, a bigram-plus-one model. Position t sees tokens t and t-1 only, so it is
 * causal, and it can learn English letter statistics, so loss falls.
 */
final class TinyCausalLm implements CausalLanguageModel {
  private final Net net;
  private final int vocab;
  private final int context;

  TinyCausalLm(NDManager manager, int vocab, int width, int context) {
    this(manager, vocab, width, context, false);
  }

  /** With {@code leaky}, one operation starts from a parameter: its result outlives the step. */
  TinyCausalLm(NDManager manager, int vocab, int width, int context, boolean leaky) {
    this.vocab = vocab;
    this.context = context;
    this.net = new Net(vocab, width, leaky);
    net.setInitializer(new NormalInitializer(0.1f), Parameter.Type.WEIGHT);
    net.initialize(manager, DataType.FLOAT32, new Shape(1, context));
  }

  static final class Net extends AbstractBlock {
    private final int vocab;
    private final Parameter tok;
    private final Parameter prev;
    private final Parameter headWeight;
    private final Parameter headBias;
    private final boolean leaky;

    Net(int vocab, int width, boolean leaky) {
      this.vocab = vocab;
      this.leaky = leaky;
      tok = addParameter(Parameter.builder().setName("tok").setType(Parameter.Type.WEIGHT)
          .optShape(new Shape(vocab, width)).build());
      prev = addParameter(Parameter.builder().setName("prev").setType(Parameter.Type.WEIGHT)
          .optShape(new Shape(vocab, width)).build());
      headWeight = addParameter(Parameter.builder().setName("head_weight")
          .setType(Parameter.Type.WEIGHT).optShape(new Shape(width, vocab)).build());
      headBias = addParameter(Parameter.builder().setName("head_bias")
          .setType(Parameter.Type.BIAS).optShape(new Shape(vocab)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
        PairList<String, Object> params) {
      NDArray ids = inputs.singletonOrThrow();
      NDArray oneHot = ids.oneHot(vocab).toType(DataType.FLOAT32, false);
      long b = ids.getShape().get(0);
      NDArray none = oneHot.getManager().zeros(new Shape(b, 1, vocab));
      NDArray shifted = NDArrays.concat(new NDList(none,
          oneHot.get(":, :-1, :")), 1);
      NDArray device = ids;
      NDArray e = oneHot.matMul(ps.getValue(tok, device.getDevice(), training))
          .add(shifted.matMul(ps.getValue(prev, device.getDevice(), training)));
      NDArray h = e.tanh();
      if (leaky) {
        NDArray bias = ps.getValue(headBias, device.getDevice(), training);
        h = h.add(bias.sum().mul(0));
      }
      // Every operation starts from an input-derived array: results of operations on a
      // parameter would land in the parameters' manager and outlive the step.
      NDArray logits = h.matMul(ps.getValue(headWeight, device.getDevice(), training)).add(ps.getValue(headBias, device.getDevice(), training));
      return new NDList(logits);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
      return new Shape[] {new Shape(inputShapes[0].get(0), inputShapes[0].get(1), vocab)};
    }
  }

  @Override
  public Block block() {
    return net;
  }

  @Override
  public int vocabSize() {
    return vocab;
  }

  @Override
  public int contextLength() {
    return context;
  }

  @Override
  public boolean decays(String parameterName) {
    return parameterName.equals("head_weight");
  }

  @Override
  public long parameterCount() {
    long n = 0;
    for (var p : net.getParameters()) {
      n += p.getValue().getShape().size();
    }
    return n;
  }

  @Override
  public double flopsPerToken() {
    return 6.0 * parameterCount();
  }
}
