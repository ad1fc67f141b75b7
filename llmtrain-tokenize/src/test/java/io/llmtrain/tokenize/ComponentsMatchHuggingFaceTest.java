package io.llmtrain.tokenize;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import io.llmtrain.tokenize.decoder.BpeDecoder;
import io.llmtrain.tokenize.decoder.ByteFallback;
import io.llmtrain.tokenize.decoder.Decoder;
import io.llmtrain.tokenize.decoder.DecoderSequence;
import io.llmtrain.tokenize.decoder.Fuse;
import io.llmtrain.tokenize.decoder.MetaspaceDecoder;
import io.llmtrain.tokenize.decoder.ReplaceDecoder;
import io.llmtrain.tokenize.decoder.Strip;
import io.llmtrain.tokenize.decoder.WordPieceDecoder;
import io.llmtrain.tokenize.json.TokenizerJson;
import io.llmtrain.tokenize.model.BpeModel;
import io.llmtrain.tokenize.normalizer.BertNormalizer;
import io.llmtrain.tokenize.normalizer.Lowercase;
import io.llmtrain.tokenize.normalizer.Normalizer;
import io.llmtrain.tokenize.normalizer.NormalizerSequence;
import io.llmtrain.tokenize.normalizer.Prepend;
import io.llmtrain.tokenize.normalizer.Replace;
import io.llmtrain.tokenize.normalizer.StripAccents;
import io.llmtrain.tokenize.normalizer.UnicodeNormalizer;
import io.llmtrain.tokenize.pretokenizer.BertPreTokenizer;
import io.llmtrain.tokenize.pretokenizer.Digits;
import io.llmtrain.tokenize.pretokenizer.Metaspace;
import io.llmtrain.tokenize.pretokenizer.PreTokenizer;
import io.llmtrain.tokenize.pretokenizer.PreTokenizerSequence;
import io.llmtrain.tokenize.pretokenizer.Punctuation;
import io.llmtrain.tokenize.pretokenizer.Split;
import io.llmtrain.tokenize.pretokenizer.SplitBehavior;
import io.llmtrain.tokenize.pretokenizer.SplitPattern;
import io.llmtrain.tokenize.pretokenizer.Whitespace;
import io.llmtrain.tokenize.pretokenizer.WhitespaceSplit;
import io.llmtrain.tokenize.processor.BertProcessing;
import io.llmtrain.tokenize.processor.PostProcessor;
import io.llmtrain.tokenize.processor.RobertaProcessing;
import io.llmtrain.tokenize.processor.TemplateProcessing;
import io.llmtrain.tokenize.trainer.BpeTrainer;
import io.llmtrain.tokenize.trainer.BpeTrainerConfig;
import io.llmtrain.tokenize.trainer.WordCounter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each normalizer, pre-tokenizer, post-processor and decoder, in tokenizers we train and write,
 * loaded by Hugging Face's Rust code through DJL: same ids and same decoded text.
 */
class ComponentsMatchHuggingFaceTest {
  @TempDir
  Path dir;

  static final List<String> BYTE_TOKENS = IntStream.range(0, 256)
      .mapToObj(b -> String.format("<0x%02X>", b)).toList();

  private void check(String name, Normalizer n, PreTokenizer p, PostProcessor post, Decoder d,
      BpeTrainerConfig.Builder cfg, UnaryOperator<BpeModel.Builder> options,
      List<String> specials) throws Exception {
    WordCounter counter = WordCounter.builder().normalizer(n).preTokenizer(p).build();
    counter.addTexts(TestTexts.fixtureLines());
    BpeModel trained = new BpeTrainer(cfg.initialAlphabet("").build()).train(counter.counts());
    BpeModel model = options.apply(BpeModel.builder().vocab(trained.vocab())
        .merges(trained.merges()).continuingSubwordPrefix(trained.continuingSubwordPrefix())
        .endOfWordSuffix(trained.endOfWordSuffix())).build();
    Tokenizer ours = Tokenizer.builder().normalizer(n).preTokenizer(p).model(model)
        .postProcessor(post).decoder(d).specialTokens(specials).build();
    Path file = dir.resolve(name + ".json");
    TokenizerJson.write(ours, file);
    Tokenizer reread = TokenizerJson.read(file);
    List<String> texts = new ArrayList<>(TestTexts.fixtureLines());
    texts.addAll(TestTexts.EDGE_CASES.stream().filter(s -> !s.isEmpty()).toList());
    texts.add("Unseen: Ωμέγα ∑ 𝔘 ☃ and Ágata 42");
    // special tokens inside text: the stretches around them are normalized and split apart
    texts.add("Olá<eos> mundo <s>fim</s> [CLS]início [SEP] <unk>x<eos>");
    texts.add("<eos>começo com especial");
    try (HuggingFaceTokenizer hf = HuggingFaceTokenizer.builder().optTokenizerPath(file)
        .optTruncation(false).optPadding(false).build()) {
      for (boolean special : new boolean[] {false, true}) {
        for (String t : texts) {
          long[] theirs = hf.encode(t, special, false).getIds();
          int[] mine = reread.encode(t, special);
          assertThat(Arrays.stream(mine).asLongStream().toArray())
              .as("%s: ids of '%s' (special %s)", name, t, special).isEqualTo(theirs);
          assertThat(reread.decode(mine, special))
              .as("%s: decode of '%s'", name, t).isEqualTo(hf.decode(theirs, special));
        }
      }
    }
  }

  @Test
  void bertStyle() throws Exception {
    check("bert", BertNormalizer.uncased(), BertPreTokenizer.INSTANCE,
        new BertProcessing("[SEP]", 2, "[CLS]", 1), new WordPieceDecoder("##", true),
        BpeTrainerConfig.builder().vocabSize(300).specialTokens(List.of("[UNK]", "[CLS]",
            "[SEP]")).continuingSubwordPrefix("##"), b -> b.unkToken("[UNK]"),
        List.of("[UNK]", "[CLS]", "[SEP]"));
  }

  @Test
  void lowercasedWordsWithEndOfWordSuffixAndTemplate() throws Exception {
    check("suffix", new NormalizerSequence(List.of(UnicodeNormalizer.NFKC, Lowercase.INSTANCE)),
        Whitespace.INSTANCE,
        TemplateProcessing.of("<s> $A </s>", "<s> $A </s> $B:1 </s>:1", Map.of("<s>", 1,
            "</s>", 2)),
        new BpeDecoder("</w>"),
        BpeTrainerConfig.builder().vocabSize(250).specialTokens(List.of("<unk>", "<s>", "</s>"))
            .endOfWordSuffix("</w>"), b -> b.unkToken("<unk>").fuseUnk(true),
        List.of("<unk>", "<s>", "</s>"));
  }

  @Test
  void accentsStrippedDigitsAndRoberta() throws Exception {
    check("roberta", new NormalizerSequence(List.of(UnicodeNormalizer.NFD, StripAccents.INSTANCE)),
        new PreTokenizerSequence(List.of(WhitespaceSplit.INSTANCE, new Digits(true),
            new Punctuation(SplitBehavior.MergedWithPrevious))),
        new RobertaProcessing("</s>", 2, "<s>", 1, true, false), Fuse.INSTANCE,
        BpeTrainerConfig.builder().vocabSize(260).specialTokens(List.of("<unk>", "<s>",
            "</s>")), b -> b.unkToken("<unk>"), List.of("<unk>", "<s>", "</s>"));
  }

  @Test
  void llama2StyleByteFallback() throws Exception {
    List<String> specials = new ArrayList<>(List.of("<unk>", "<s>", "</s>"));
    specials.addAll(BYTE_TOKENS);
    Decoder decoder = new DecoderSequence(List.of(
        new ReplaceDecoder(SplitPattern.literal("▁"), " "), ByteFallback.INSTANCE, Fuse.INSTANCE,
        new Strip(' ', 1, 0)));
    check("llama2", new NormalizerSequence(List.of(new Prepend("▁"),
            new Replace(SplitPattern.literal(" "), "▁"))), null,
        TemplateProcessing.of("<s> $A", "<s> $A <s> $B:1", Map.of("<s>", 1)), decoder,
        BpeTrainerConfig.builder().vocabSize(420).specialTokens(specials).limitAlphabet(50),
        b -> b.unkToken("<unk>").byteFallback(true).fuseUnk(true),
        List.of("<unk>", "<s>", "</s>"));
  }

  @Test
  void metaspaceAndSplitBehaviors() throws Exception {
    check("metaspace", null, new PreTokenizerSequence(List.of(
            new Split(SplitPattern.regex("\\d+"), SplitBehavior.Contiguous, false),
            new Metaspace('▁', Metaspace.PrependScheme.FIRST, true))),
        null, new MetaspaceDecoder('▁', Metaspace.PrependScheme.FIRST, true),
        BpeTrainerConfig.builder().vocabSize(300).specialTokens(List.of("<unk>", "<eos>")),
        b -> b.unkToken("<unk>"), List.of("<unk>", "<eos>"));
    check("split-next", null, new PreTokenizerSequence(List.of(
            new Split(SplitPattern.literal(" "), SplitBehavior.MergedWithNext, false),
            new Split(SplitPattern.regex("[aeiou]"), SplitBehavior.Removed, true),
            new Split(SplitPattern.regex("\\p{P}"), SplitBehavior.MergedWithPrevious, false))),
        null, null,
        BpeTrainerConfig.builder().vocabSize(280).specialTokens(List.of("<unk>")),
        b -> b.unkToken("<unk>"), List.of("<unk>"));
  }
}
