package io.llmtrain.tokenize;

import io.llmtrain.tokenize.decoder.ByteLevelDecoder;
import io.llmtrain.tokenize.model.BpeModel;
import io.llmtrain.tokenize.pretokenizer.ByteLevel;
import io.llmtrain.tokenize.processor.ByteLevelProcessor;
import io.llmtrain.tokenize.processor.PostProcessor;
import io.llmtrain.tokenize.processor.ProcessorSequence;
import io.llmtrain.tokenize.processor.TemplateProcessing;
import io.llmtrain.tokenize.trainer.BpeTrainer;
import io.llmtrain.tokenize.trainer.BpeTrainerConfig;
import io.llmtrain.tokenize.trainer.WordCounter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Ready-made tokenizer layouts. The GPT-2 byte-level BPE layout: ByteLevel pre-tokenizer (GPT-2
 * regex, no prefix space), BPE model, ByteLevel post-processor (followed by a template adding
 * BOS/EOS when given) and ByteLevel decoder. Training one:
 *
 * <pre>{@code
 * BpeTrainerConfig cfg = BpeTrainerConfig.builder().vocabSize(8000)
 *     .specialTokens(List.of("<|endoftext|>")).build();
 * Tokenizer tok = Tokenizers.trainByteLevelBpe(List.of(Path.of("corpus.txt")), cfg, null, null, 2);
 * TokenizerJson.write(tok, Path.of("tokenizer.json"));
 * }</pre>
 */
public final class Tokenizers {
  private Tokenizers() {
  }

  /**
   * The GPT-2 layout around a trained model; the config's special tokens become added tokens.
   * {@code bos}/{@code eos} (each may be null) are added around every text when encoding with
   * special tokens; they must be among the model's tokens or the special tokens.
   */
  public static Tokenizer byteLevelBpe(BpeModel model, List<String> specialTokens, String bos,
      String eos) {
    Tokenizer.Builder b = Tokenizer.builder()
        .preTokenizer(ByteLevel.gpt2())
        .model(model)
        .decoder(ByteLevelDecoder.gpt2())
        .specialTokens(specialTokens);
    Tokenizer plain = b.build();
    PostProcessor post = new ByteLevelProcessor(true, false, true);
    if (bos != null || eos != null) {
      Map<String, Integer> ids = new LinkedHashMap<>();
      StringBuilder single = new StringBuilder();
      StringBuilder pair = new StringBuilder();
      if (bos != null) {
        ids.put(bos, idOf(plain, bos));
        single.append(bos).append(' ');
        pair.append(bos).append(' ');
      }
      single.append("$A");
      pair.append("$A");
      if (eos != null) {
        ids.put(eos, idOf(plain, eos));
        single.append(' ').append(eos);
        pair.append(' ').append(eos);
      }
      pair.append(bos != null ? " " + bos + ":1 $B:1" : " $B:1").append(eos != null ? " " + eos
          + ":1" : "");
      // as Llama 3's files: ByteLevel (offsets only) then the template
      post = new ProcessorSequence(List.of(post,
          TemplateProcessing.of(single.toString(), pair.toString(), ids)));
    }
    return b.postProcessor(post).build();
  }

  private static int idOf(Tokenizer t, String token) {
    int id = t.tokenToId(token);
    if (id < 0) {
      throw new IllegalArgumentException("'" + token + "' is neither a special token nor in the "
          + "vocabulary; add it to the trainer's specialTokens");
    }
    return id;
  }

  /** Trains a GPT-2 style byte-level BPE tokenizer on texts. */
  public static Tokenizer trainByteLevelBpe(Stream<String> texts, BpeTrainerConfig config,
      String bos, String eos) {
    WordCounter counter = WordCounter.builder().preTokenizer(ByteLevel.gpt2()).build();
    counter.addTexts(texts);
    BpeModel model = new BpeTrainer(config).train(counter.counts());
    return byteLevelBpe(model, config.specialTokens(), bos, eos);
  }

  /** Trains a GPT-2 style byte-level BPE tokenizer on UTF-8 text files, counting on threads. */
  public static Tokenizer trainByteLevelBpe(List<Path> files, BpeTrainerConfig config,
      String bos, String eos, int threads) throws IOException {
    WordCounter counter = WordCounter.builder().preTokenizer(ByteLevel.gpt2()).threads(threads)
        .build();
    for (Path f : files) {
      counter.addFile(f);
    }
    BpeModel model = new BpeTrainer(config).train(counter.counts());
    return byteLevelBpe(model, config.specialTokens(), bos, eos);
  }
}
