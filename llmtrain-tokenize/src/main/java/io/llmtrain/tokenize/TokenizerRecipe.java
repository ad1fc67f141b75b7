package io.llmtrain.tokenize;

import static com.google.common.base.Preconditions.checkArgument;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.spi.Params;
import io.llmtrain.core.spi.StageSpec;
import io.llmtrain.tokenize.decoder.ByteFallback;
import io.llmtrain.tokenize.decoder.DecoderSequence;
import io.llmtrain.tokenize.decoder.Fuse;
import io.llmtrain.tokenize.decoder.MetaspaceDecoder;
import io.llmtrain.tokenize.decoder.ReplaceDecoder;
import io.llmtrain.tokenize.decoder.Strip;
import io.llmtrain.tokenize.decoder.WordPieceDecoder;
import io.llmtrain.tokenize.model.BpeModel;
import io.llmtrain.tokenize.model.UnigramModel;
import io.llmtrain.tokenize.model.WordPieceModel;
import io.llmtrain.tokenize.normalizer.BertNormalizer;
import io.llmtrain.tokenize.normalizer.Lowercase;
import io.llmtrain.tokenize.normalizer.Normalizer;
import io.llmtrain.tokenize.normalizer.NormalizerSequence;
import io.llmtrain.tokenize.normalizer.UnicodeNormalizer;
import io.llmtrain.tokenize.pretokenizer.BertPreTokenizer;
import io.llmtrain.tokenize.pretokenizer.ByteLevel;
import io.llmtrain.tokenize.pretokenizer.Metaspace;
import io.llmtrain.tokenize.pretokenizer.PreTokenizer;
import io.llmtrain.tokenize.pretokenizer.PreTokenizerSequence;
import io.llmtrain.tokenize.pretokenizer.Split;
import io.llmtrain.tokenize.pretokenizer.SplitPattern;
import io.llmtrain.tokenize.processor.BertProcessing;
import io.llmtrain.tokenize.processor.ByteLevelProcessor;
import io.llmtrain.tokenize.processor.PostProcessor;
import io.llmtrain.tokenize.processor.ProcessorSequence;
import io.llmtrain.tokenize.processor.TemplateProcessing;
import io.llmtrain.tokenize.trainer.BpeTrainer;
import io.llmtrain.tokenize.trainer.BpeTrainerConfig;
import io.llmtrain.tokenize.trainer.UnigramTrainer;
import io.llmtrain.tokenize.trainer.UnigramTrainerConfig;
import io.llmtrain.tokenize.trainer.WordCounter;
import io.llmtrain.tokenize.trainer.WordCounts;
import io.llmtrain.tokenize.trainer.WordPieceTrainer;
import io.llmtrain.tokenize.trainer.WordPieceTrainerConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * A whole tokenizer trained in the layout its model is known by, so a user picks a model and a
 * vocabulary size and gets a {@code tokenizer.json} that loads anywhere:
 *
 * <table>
 *   <caption>Layouts</caption>
 *   <tr><th>model</th><th>as</th><th>normalizer, pre-tokenizer, decoder, post-processor</th>
 *       <th>special tokens (first = EOS between documents)</th></tr>
 *   <tr><td>bpe</td><td>GPT-2</td><td>none, ByteLevel, ByteLevel, ByteLevel</td>
 *       <td>{@code <|endoftext|>}</td></tr>
 *   <tr><td>bpe, split gpt4</td><td>Llama 3</td><td>none, Split (GPT-4 pattern) + ByteLevel,
 *       ByteLevel, ByteLevel</td><td>{@code <|endoftext|>}</td></tr>
 *   <tr><td>bpe, split metaspace</td><td>SentencePiece BPE, Llama 2</td><td>NFKC, Metaspace,
 *       ByteFallback + Fuse + Metaspace, none; byte fallback</td>
 *       <td>{@code </s> <unk> <s>}</td></tr>
 *   <tr><td>wordpiece</td><td>BERT</td><td>BertNormalizer, BertPreTokenizer, WordPiece,
 *       BertProcessing</td><td>[SEP] [UNK] [CLS] [PAD] [MASK]</td></tr>
 *   <tr><td>unigram</td><td>SentencePiece</td><td>NFKC, Metaspace, Metaspace, none</td>
 *       <td>{@code </s> <unk> <s>}</td></tr>
 * </table>
 *
 * <p>{@code template} replaces the post-processor, e.g. {@code "<s> $A </s>"} to add BOS and EOS.
 *
 * <p>Immutable; the parameters are those of {@code bin/llmtrain tokenizer train} and of the
 * pipeline's {@code .tokenize(...)} step.
 */
public final class TokenizerRecipe implements StageSpec {

  /** The tokenizer models a recipe can train. */
  public enum ModelType {
    BPE, WORDPIECE, UNIGRAM;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    static ModelType parse(String s, String field) {
      for (ModelType t : values()) {
        if (t.label().equals(s)) {
          return t;
        }
      }
      throw new ConfigException("'" + field + "' must be one of bpe, wordpiece, unigram; got '" + s
          + "'");
    }

    /** The special tokens of the layout; the first one separates documents in token datasets. */
    List<String> defaultSpecialTokens() {
      return switch (this) {
        case BPE -> List.of("<|endoftext|>");
        case WORDPIECE -> List.of("[SEP]", "[UNK]", "[CLS]", "[PAD]", "[MASK]");
        case UNIGRAM -> List.of("</s>", "<unk>", "<s>");
      };
    }
  }

  public static final String NAME = "tokenizer";

  /** How a BPE tokenizer splits text before the merges. */
  public enum BpeSplit {
    /** GPT-2: UTF-8 bytes as symbols, the GPT-2 regex between words, numbers and punctuation. */
    BYTE_LEVEL,
    /**
     * Llama 3: GPT-4's pattern (numbers in groups of at most three, one punctuation character
     * may lead a word) then UTF-8 bytes as symbols.
     */
    GPT4,
    /**
     * SentencePiece / Llama 2: characters as symbols, split at spaces only (kept as {@code ▁}),
     * NFKC first, and 256 byte tokens ({@code <0x00>}...) for characters outside the vocabulary.
     */
    METASPACE;

    /** By {@link #label()}; the error lists the choices. */
    public static BpeSplit parse(String label) {
      for (BpeSplit s : values()) {
        if (s.label().equals(label)) {
          return s;
        }
      }
      throw new ConfigException("'split' must be one of byteLevel, gpt4, metaspace; got '" + label
          + "'");
    }

    public String label() {
      return switch (this) {
        case BYTE_LEVEL -> "byteLevel";
        case GPT4 -> "gpt4";
        case METASPACE -> "metaspace";
      };
    }
  }

  private final ModelType model;
  private final int vocabSize;
  private final long minFrequency;
  private final List<String> specialTokens;
  private final boolean lowercase;
  private final int maxTokenLength;
  private final int threads;
  private final BpeSplit bpeSplit;
  private final String template;
  private final boolean showProgress;

  private TokenizerRecipe(Builder b) {
    template = b.template;
    showProgress = b.showProgress;
    model = b.model;
    vocabSize = b.vocabSize;
    minFrequency = b.minFrequency;
    bpeSplit = b.bpeSplit;
    specialTokens = b.specialTokens != null ? b.specialTokens
        : bpeSplit == BpeSplit.METASPACE ? ModelType.UNIGRAM.defaultSpecialTokens()
        : model.defaultSpecialTokens();
    lowercase = b.lowercase == null ? model == ModelType.WORDPIECE : b.lowercase;
    maxTokenLength = b.maxTokenLength;
    threads = b.threads;
  }

  public static Builder builder(ModelType model) {
    return new Builder(model);
  }

  /** Reads a recipe; {@code model} defaults to {@code bpe}. Unknown keys are refused. */
  public static TokenizerRecipe fromParams(Params p) {
    ModelType type = ModelType.parse(p.getString("model", "bpe"), "model");
    Builder b = builder(type)
        .vocabSize(p.getInt("vocabSize", 8000, 1, 1 << 24))
        .minFrequency(p.getLong("minFrequency", 0, 0, Long.MAX_VALUE))
        .maxTokenLength(p.getInt("maxTokenLength", 0, 0, 1 << 16))
        .threads(p.getInt("threads", 0, 0, 4096));
    if (p.has("specialTokens")) {
      b.specialTokens(p.getList("specialTokens", List.of()));
    }
    if (p.has("lowercase")) {
      b.lowercase(p.getBoolean("lowercase", false));
    }
    if (p.has("split")) {
      b.bpeSplit(BpeSplit.parse(p.getString("split", "byteLevel")));
    }
    if (p.has("template")) {
      b.template(p.getString("template", null));
    }
    p.finish();
    return build(b);
  }

  private static TokenizerRecipe build(Builder b) {
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("Invalid parameters for '" + NAME + "': " + e.getMessage());
    }
  }

  public ModelType model() {
    return model;
  }

  public int vocabSize() {
    return vocabSize;
  }

  public List<String> specialTokens() {
    return specialTokens;
  }

  /** The token put after every document in a token dataset. */
  public String eosToken() {
    return specialTokens.get(0);
  }

  public boolean lowercase() {
    return lowercase;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Map<String, Object> params() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", model.label());
    m.put("vocabSize", vocabSize);
    m.put("minFrequency", minFrequency);
    m.put("specialTokens", specialTokens);
    m.put("lowercase", lowercase);
    m.put("maxTokenLength", maxTokenLength);
    m.put("threads", threads);
    if (model == ModelType.BPE) {
      m.put("split", bpeSplit.label());
    }
    if (template != null) {
      m.put("template", template);
    }
    return m;
  }

  /** What the trainer sees: the layout's normalizer and pre-tokenizer, counted on threads. */
  public WordCounter newCounter() {
    return WordCounter.builder().normalizer(normalizer()).preTokenizer(preTokenizer())
        .threads(threads == 0 ? Runtime.getRuntime().availableProcessors() : threads).build();
  }

  /** Trains on texts (each one a document). */
  public Tokenizer train(Stream<String> texts) {
    WordCounter counter = newCounter();
    counter.addTexts(texts);
    return train(counter.counts());
  }

  /** Trains on UTF-8 text files, read line by line. */
  public Tokenizer trainOnFiles(List<Path> files) throws IOException {
    WordCounter counter = newCounter();
    for (Path f : files) {
      counter.addFile(f);
    }
    return train(counter.counts());
  }

  /** Trains on pieces already counted with {@link #newCounter()}'s normalizer and pre-tokenizer. */
  public Tokenizer train(WordCounts counts) {
    Tokenizer t = trainLayout(counts);
    return template == null ? t : withTemplate(t);
  }

  /**
   * The layout's post-processor replaced by the template (kept after a ByteLevel one, as Llama
   * 3's files do); the pair template repeats the single one with type id 1 for the second text.
   */
  private Tokenizer withTemplate(Tokenizer t) {
    Map<String, Integer> ids = new LinkedHashMap<>();
    StringBuilder pair = new StringBuilder(template);
    for (String piece : template.trim().split("\\s+")) {
      if (piece.equals("$A") || piece.equals("$0")) {
        pair.append(" $B:1");
      } else {
        int id = t.tokenToId(piece);
        checkArgument(id >= 0, "template token '%s' is not a special token of this tokenizer; "
            + "add it to specialTokens (%s)", piece, specialTokens);
        ids.put(piece, id);
        pair.append(' ').append(piece).append(":1");
      }
    }
    PostProcessor templated = TemplateProcessing.of(template, pair.toString(), ids);
    PostProcessor post = model == ModelType.BPE && bpeSplit != BpeSplit.METASPACE
        ? new ProcessorSequence(List.of(new ByteLevelProcessor(true, false, true), templated))
        : templated;
    return t.toBuilder().postProcessor(post).build();
  }

  private Tokenizer trainLayout(WordCounts counts) {
    return switch (model) {
      case BPE -> {
        if (bpeSplit == BpeSplit.METASPACE) {
          yield trainMetaspaceBpe(counts);
        }
        BpeModel m = new BpeTrainer(BpeTrainerConfig.builder().vocabSize(vocabSize)
            .minFrequency(minFrequency).specialTokens(specialTokens)
            .maxTokenLength(maxTokenLength).showProgress(showProgress).build()).train(counts);
        Tokenizer t = Tokenizers.byteLevelBpe(m, specialTokens, null, null);
        yield t.toBuilder().normalizer(normalizer()).preTokenizer(preTokenizer()).build();
      }
      case WORDPIECE -> {
        WordPieceModel m = new WordPieceTrainer(WordPieceTrainerConfig.builder()
            .vocabSize(vocabSize).minFrequency(minFrequency).specialTokens(specialTokens)
            .unkToken("[UNK]").maxTokenLength(maxTokenLength).showProgress(showProgress).build())
            .train(counts);
        yield Tokenizer.builder().normalizer(normalizer()).preTokenizer(preTokenizer())
            .model(m).decoder(new WordPieceDecoder("##", true))
            .postProcessor(new BertProcessing("[SEP]", m.tokenToId("[SEP]"), "[CLS]",
                m.tokenToId("[CLS]")))
            .specialTokens(specialTokens).build();
      }
      case UNIGRAM -> {
        checkArgument(minFrequency == 0, "minFrequency is not an option of the unigram model");
        UnigramTrainerConfig.Builder c = UnigramTrainerConfig.builder().vocabSize(vocabSize)
            .specialTokens(specialTokens).unkToken("<unk>").showProgress(showProgress);
        if (maxTokenLength > 0) {
          c.maxPieceLength(maxTokenLength);
        }
        UnigramModel m = new UnigramTrainer(c.build()).train(counts);
        Metaspace metaspace = Metaspace.sentencePiece();
        yield Tokenizer.builder().normalizer(normalizer()).preTokenizer(metaspace).model(m)
            .decoder(new MetaspaceDecoder(metaspace.replacement(), metaspace.prependScheme(),
                metaspace.splits()))
            .specialTokens(specialTokens).build();
      }
    };
  }

  /**
   * SentencePiece-style BPE: merges learned over characters with 256 vocabulary slots kept for
   * byte tokens, which then take ids right after the special tokens (Llama 2's layout), so text
   * with a character the vocabulary lacks still encodes, as its UTF-8 bytes, and decodes back.
   */
  private Tokenizer trainMetaspaceBpe(WordCounts counts) {
    checkArgument(vocabSize > specialTokens.size() + 256 + 1, "vocabSize %s leaves no room for "
        + "merges after %s special tokens and 256 byte tokens", vocabSize, specialTokens.size());
    BpeModel chars = new BpeTrainer(BpeTrainerConfig.builder().vocabSize(vocabSize - 256)
        .minFrequency(minFrequency).specialTokens(specialTokens).initialAlphabet("")
        .limitAlphabet(1000) // as Hugging Face's SentencePiece BPE: rarer characters go to bytes
        .maxTokenLength(maxTokenLength).showProgress(showProgress).build()).train(counts);
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (String special : specialTokens) {
      vocab.put(special, vocab.size());
    }
    for (int b = 0; b < 256; b++) {
      vocab.put(String.format("<0x%02X>", b), vocab.size());
    }
    chars.vocab().forEach((token, id) -> {
      if (!vocab.containsKey(token)) {
        vocab.put(token, vocab.size());
      }
    });
    BpeModel m = BpeModel.builder().vocab(vocab).merges(chars.merges()).unkToken("<unk>")
        .fuseUnk(true).byteFallback(true).build();
    Metaspace metaspace = Metaspace.sentencePiece();
    return Tokenizer.builder().normalizer(normalizer()).preTokenizer(metaspace).model(m)
        // Llama 2's decoder: spaces back, bytes to characters, one string, the prefix space off
        .decoder(new DecoderSequence(List.of(
            new ReplaceDecoder(SplitPattern.literal("\u2581"), " "), ByteFallback.INSTANCE,
            Fuse.INSTANCE, new Strip(' ', 1, 0))))
        .specialTokens(specialTokens).build();
  }

  private Normalizer normalizer() {
    if (bpeSplit == BpeSplit.METASPACE) {
      return lowercase
          ? new NormalizerSequence(List.of(UnicodeNormalizer.NFKC, Lowercase.INSTANCE)) : UnicodeNormalizer.NFKC;
    }
    return switch (model) {
      case BPE -> lowercase ? Lowercase.INSTANCE : null;
      case WORDPIECE -> new BertNormalizer(true, true, null, lowercase);
      case UNIGRAM -> lowercase
          ? new NormalizerSequence(List.of(UnicodeNormalizer.NFKC, Lowercase.INSTANCE)) : UnicodeNormalizer.NFKC;
    };
  }

  private PreTokenizer preTokenizer() {
    if (bpeSplit == BpeSplit.METASPACE) {
      return Metaspace.sentencePiece();
    }
    if (bpeSplit == BpeSplit.GPT4) {
      return new PreTokenizerSequence(List.of(Split.gpt4(), new ByteLevel(false, true, false)));
    }
    return switch (model) {
      case BPE -> ByteLevel.gpt2();
      case WORDPIECE -> BertPreTokenizer.INSTANCE;
      case UNIGRAM -> Metaspace.sentencePiece();
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TokenizerRecipe r && params().equals(r.params());
  }

  @Override
  public int hashCode() {
    return params().hashCode();
  }

  @Override
  public String toString() {
    return NAME + params();
  }

  /** Builds a recipe; every setter checks its argument. */
  public static final class Builder {
    private final ModelType model;
    private int vocabSize = 8000;
    private long minFrequency;
    private List<String> specialTokens;
    private Boolean lowercase;
    private int maxTokenLength;
    private int threads;
    private BpeSplit bpeSplit = BpeSplit.BYTE_LEVEL;
    private String template;
    private boolean showProgress;

    private Builder(ModelType model) {
      this.model = Objects.requireNonNull(model, "model");
    }

    public Builder vocabSize(int v) {
      checkArgument(v > 0, "vocabSize must be positive, got %s", v);
      vocabSize = v;
      return this;
    }

    public Builder minFrequency(long v) {
      checkArgument(v >= 0, "minFrequency must be >= 0, got %s", v);
      minFrequency = v;
      return this;
    }

    /** Replaces the layout's special tokens; the first one becomes the document separator. */
    public Builder specialTokens(List<String> v) {
      checkArgument(!v.isEmpty(), "specialTokens must name at least the document separator");
      checkArgument(v.stream().distinct().count() == v.size(), "specialTokens repeat: %s", v);
      specialTokens = List.copyOf(v);
      return this;
    }

    public Builder lowercase(boolean v) {
      lowercase = v;
      return this;
    }

    public Builder maxTokenLength(int v) {
      checkArgument(v >= 0, "maxTokenLength must be >= 0 (0: no limit), got %s", v);
      maxTokenLength = v;
      return this;
    }

    /** How a BPE tokenizer splits text (BPE only); GPT-2's byte-level by default. */
    public Builder bpeSplit(BpeSplit v) {
      checkArgument(model == ModelType.BPE, "split is an option of bpe, not of %s",
          model.label());
      bpeSplit = Objects.requireNonNull(v, "split");
      return this;
    }

    /**
     * Special tokens added around every text encoded with special tokens, in Hugging Face's
     * template syntax: {@code "<s> $A </s>"}, {@code "<|begin_of_text|> $A"}; null for the
     * layout's own post-processor.
     */
    public Builder template(String v) {
      checkArgument(v == null || v.trim().split("\\s+").length > 0 && v.contains("$A"),
          "template must contain $A (the text), got '%s'", v);
      template = v;
      return this;
    }

    /** A progress bar of the training on standard error (not part of the recipe's params). */
    public Builder showProgress(boolean v) {
      showProgress = v;
      return this;
    }

    /** Threads counting the corpus; 0 means one per core. */
    public Builder threads(int v) {
      checkArgument(v >= 0, "threads must be >= 0, got %s", v);
      threads = v;
      return this;
    }

    public TokenizerRecipe build() {
      List<String> specials = specialTokens != null ? specialTokens
          : bpeSplit == BpeSplit.METASPACE ? ModelType.UNIGRAM.defaultSpecialTokens()
          : model.defaultSpecialTokens();
      if (model == ModelType.WORDPIECE) {
        for (String required : List.of("[UNK]", "[CLS]", "[SEP]")) {
          checkArgument(specials.contains(required),
              "specialTokens of a wordpiece tokenizer must include %s (BERT layout), got %s",
              required, specials);
        }
      }
      if (model == ModelType.UNIGRAM || bpeSplit == BpeSplit.METASPACE) {
        checkArgument(specials.contains("<unk>"),
            "specialTokens of a %s tokenizer must include <unk>, got %s",
            bpeSplit == BpeSplit.METASPACE ? "metaspace bpe" : "unigram", specials);
      }
      return new TokenizerRecipe(this);
    }
  }
}
