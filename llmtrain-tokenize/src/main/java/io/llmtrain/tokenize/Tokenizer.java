package io.llmtrain.tokenize;

import com.google.common.base.Preconditions;
import io.llmtrain.core.io.Texts;
import io.llmtrain.tokenize.decoder.Decoder;
import io.llmtrain.tokenize.model.Model;
import io.llmtrain.tokenize.normalizer.Normalizer;
import io.llmtrain.tokenize.pretokenizer.PreTokenizer;
import io.llmtrain.tokenize.pretokenizer.SplitBehavior;
import io.llmtrain.tokenize.processor.PostProcessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The pure-Java reference tokenizer, step for step as Hugging Face's: added tokens are cut out of
 * the raw text first (leftmost, longest first), every stretch between them is normalized,
 * pre-tokenized and tokenized by the model, and the post-processor adds special tokens when
 * asked. Immutable and thread-safe; frequent pieces' ids are cached (bounded).
 *
 * <p>One simplification: Hugging Face matches added tokens marked {@code normalized} in the
 * normalized text; here every added token is matched in the raw text. The two agree whenever the
 * normalizer leaves the token's text alone (special tokens are never normalized).
 */
public final class Tokenizer implements TextEncoder {
  private final Normalizer normalizer;
  private final PreTokenizer preTokenizer;
  private final Model model;
  private final PostProcessor postProcessor;
  private final Decoder decoder;
  private final List<AddedToken> addedTokens;
  private final Map<Integer, AddedToken> addedById = new HashMap<>();
  private final Map<String, AddedToken> addedByContent = new HashMap<>();
  /** Added tokens by first character, longest first: the leftmost-longest matcher's index. */
  private final Map<Character, AddedToken[]> addedByFirstChar = new HashMap<>();
  private final int cacheCapacity;
  private final ConcurrentHashMap<String, int[]> cache;
  private final int vocabSize;

  private Tokenizer(Builder b) {
    this.normalizer = b.normalizer;
    this.preTokenizer = b.preTokenizer;
    this.model = Objects.requireNonNull(b.model, "model");
    this.postProcessor = b.postProcessor;
    this.decoder = b.decoder;
    this.addedTokens = List.copyOf(b.addedTokens);
    this.cacheCapacity = b.cacheCapacity;
    this.cache = new ConcurrentHashMap<>(Math.min(cacheCapacity, 1 << 16));
    Map<Character, List<AddedToken>> byFirst = new HashMap<>();
    int extra = 0;
    for (AddedToken t : addedTokens) {
      Preconditions.checkArgument(addedByContent.put(t.content(), t) == null,
          "added token '%s' is listed twice", t.content());
      AddedToken other = addedById.put(t.id(), t);
      Preconditions.checkArgument(other == null, "added tokens '%s' and '%s' share id %s",
          t.content(), other == null ? "" : other.content(), t.id());
      String inModel = model.idToToken(t.id());
      Preconditions.checkArgument(inModel == null || inModel.equals(t.content()),
          "added token '%s' has id %s, which the model gives to '%s'", t.content(), t.id(),
          inModel);
      if (inModel == null) {
        extra++;
      }
      byFirst.computeIfAbsent(t.content().charAt(0), k -> new ArrayList<>()).add(t);
    }
    byFirst.forEach((c, list) -> {
      list.sort(Comparator.comparingInt((AddedToken t) -> t.content().length()).reversed());
      addedByFirstChar.put(c, list.toArray(new AddedToken[0]));
    });
    this.vocabSize = model.vocabSize() + extra;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this tokenizer's parts, to change one of them. */
  public Builder toBuilder() {
    Builder b = new Builder().normalizer(normalizer).preTokenizer(preTokenizer).model(model)
        .postProcessor(postProcessor).decoder(decoder).cacheCapacity(cacheCapacity);
    b.addedTokens.addAll(addedTokens);
    return b;
  }

  public Normalizer normalizer() {
    return normalizer;
  }

  public PreTokenizer preTokenizer() {
    return preTokenizer;
  }

  public Model model() {
    return model;
  }

  public PostProcessor postProcessor() {
    return postProcessor;
  }

  public Decoder decoder() {
    return decoder;
  }

  public List<AddedToken> addedTokens() {
    return addedTokens;
  }

  @Override
  public int[] encode(String text, boolean addSpecialTokens) {
    IntList ids = new IntList(Math.max(16, text.length() / 3));
    encodeInto(text, ids);
    int[] out = ids.toArray();
    return addSpecialTokens && postProcessor != null ? postProcessor.process(out) : out;
  }

  /** Encodes on the common fork-join pool when there are many texts; order is kept. */
  @Override
  public List<int[]> encodeBatch(List<String> texts, boolean addSpecialTokens) {
    if (texts.size() < 64) {
      return TextEncoder.super.encodeBatch(texts, addSpecialTokens);
    }
    return texts.parallelStream().map(t -> encode(t, addSpecialTokens)).toList();
  }

  /** Ids and token strings of {@code text}. */
  public Encoding encodeToEncoding(String text, boolean addSpecialTokens) {
    int[] ids = encode(text, addSpecialTokens);
    List<String> tokens = new ArrayList<>(ids.length);
    for (int id : ids) {
      tokens.add(idToToken(id));
    }
    return new Encoding(ids, tokens);
  }

  /** Ids of two sequences joined by the post-processor's pair template. */
  public int[] encodePair(String first, String second, boolean addSpecialTokens) {
    int[] a = encode(first, false);
    int[] b = encode(second, false);
    if (addSpecialTokens && postProcessor != null) {
      return postProcessor.processPair(a, b);
    }
    int[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private void encodeInto(String text, IntList ids) {
    // Unpaired surrogates become U+FFFD, as on the way to the Rust tokenizer: the same ids.
    text = Texts.replaceLoneSurrogates(text, "\uFFFD");
    int start = 0;
    int i = 0;
    int n = text.length();
    while (i < n && !addedByFirstChar.isEmpty()) {
      AddedToken[] candidates = addedByFirstChar.get(text.charAt(i));
      AddedToken hit = null;
      if (candidates != null) {
        for (AddedToken t : candidates) {
          if (text.startsWith(t.content(), i) && (!t.singleWord()
              || isSingleWord(text, i, i + t.content().length()))) {
            hit = t;
            break;
          }
        }
      }
      if (hit == null) {
        i++;
        continue;
      }
      int matchStart = i;
      int matchEnd = i + hit.content().length();
      if (hit.lstrip()) {
        while (matchStart > start && SplitBehavior.isWhiteSpace(text.charAt(matchStart - 1))) {
          matchStart--;
        }
      }
      if (hit.rstrip()) {
        while (matchEnd < n && SplitBehavior.isWhiteSpace(text.charAt(matchEnd))) {
          matchEnd++;
        }
      }
      encodeSegment(text.substring(start, matchStart), start == 0, ids);
      ids.add(hit.id());
      start = matchEnd;
      i = matchEnd;
    }
    encodeSegment(text.substring(start), start == 0, ids);
  }

  private static boolean isSingleWord(String text, int s, int e) {
    boolean before = s > 0 && isWordChar(text.codePointBefore(s));
    boolean after = e < text.length() && isWordChar(text.codePointAt(e));
    return !before && !after;
  }

  /** Regex {@code \w}: letters, marks, digits, connector punctuation. */
  private static boolean isWordChar(int c) {
    if (Character.isLetterOrDigit(c)) {
      return true;
    }
    int t = Character.getType(c);
    return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK
        || t == Character.ENCLOSING_MARK || t == Character.CONNECTOR_PUNCTUATION
        || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
  }

  private void encodeSegment(String segment, boolean atStart, IntList ids) {
    if (segment.isEmpty()) {
      return;
    }
    String normalized = normalizer == null ? segment : normalizer.normalize(segment);
    List<String> pieces = preTokenizer == null ? List.of(normalized)
        : preTokenizer.split(normalized, atStart);
    for (String piece : pieces) {
      int[] cached = cache.get(piece);
      if (cached == null) {
        cached = model.tokenizeToIds(piece);
        // short pieces repeat (words); long ones rarely do and would crowd the cache out
        if (piece.length() <= 64 && cache.size() < cacheCapacity) {
          cache.put(piece, cached);
        }
      }
      ids.addAll(cached);
    }
  }

  @Override
  public String decode(int[] ids, boolean skipSpecialTokens) {
    List<String> tokens = new ArrayList<>(ids.length);
    for (int id : ids) {
      AddedToken added = addedById.get(id);
      if (added != null) {
        if (!(skipSpecialTokens && added.special())) {
          tokens.add(added.content());
        }
        continue;
      }
      String t = model.idToToken(id);
      if (t != null) {
        tokens.add(t);
      }
    }
    return decoder == null ? String.join(" ", tokens) : decoder.decode(tokens);
  }

  @Override
  public int vocabSize() {
    return vocabSize;
  }

  @Override
  public int tokenToId(String token) {
    AddedToken t = addedByContent.get(token);
    return t != null ? t.id() : model.tokenToId(token);
  }

  /** The token string of an id (added tokens included), or null. */
  public String idToToken(int id) {
    AddedToken t = addedById.get(id);
    return t != null ? t.content() : model.idToToken(id);
  }

  /** Growable int array, to gather ids without boxing. */
  static final class IntList {
    private int[] a;
    private int size;

    IntList(int capacity) {
      a = new int[capacity];
    }

    void add(int v) {
      if (size == a.length) {
        a = Arrays.copyOf(a, a.length * 2 + 1);
      }
      a[size++] = v;
    }

    void addAll(int[] v) {
      if (size + v.length > a.length) {
        a = Arrays.copyOf(a, Math.max(a.length * 2, size + v.length));
      }
      System.arraycopy(v, 0, a, size, v.length);
      size += v.length;
    }

    int[] toArray() {
      return Arrays.copyOf(a, size);
    }
  }

  /** Builds a {@link Tokenizer}; only the model is required. */
  public static final class Builder {
    private Normalizer normalizer;
    private PreTokenizer preTokenizer;
    private Model model;
    private PostProcessor postProcessor;
    private Decoder decoder;
    private final List<AddedToken> addedTokens = new ArrayList<>();
    private int cacheCapacity = 10_000;

    private Builder() {
    }

    public Builder normalizer(Normalizer normalizer) {
      this.normalizer = normalizer;
      return this;
    }

    public Builder preTokenizer(PreTokenizer preTokenizer) {
      this.preTokenizer = preTokenizer;
      return this;
    }

    public Builder model(Model model) {
      this.model = model;
      return this;
    }

    public Builder postProcessor(PostProcessor postProcessor) {
      this.postProcessor = postProcessor;
      return this;
    }

    public Builder decoder(Decoder decoder) {
      this.decoder = decoder;
      return this;
    }

    public Builder addedToken(AddedToken token) {
      addedTokens.add(Objects.requireNonNull(token, "token"));
      return this;
    }

    /**
     * Adds special tokens: each keeps its id in the model's vocabulary when it has one (trainers
     * put them there first), else gets the next id after the model's and earlier added ones.
     * Requires the model to be set.
     */
    public Builder specialTokens(List<String> contents) {
      Preconditions.checkState(model != null, "set the model before adding special tokens");
      int next = model.vocabSize();
      for (AddedToken t : addedTokens) {
        next = Math.max(next, t.id() + 1);
      }
      for (String c : contents) {
        int id = model.tokenToId(c);
        addedTokens.add(AddedToken.special(id >= 0 ? id : next++, c));
      }
      return this;
    }

    /** How many distinct pieces' ids are cached (default 10,000; 0 disables the cache). */
    public Builder cacheCapacity(int cacheCapacity) {
      Preconditions.checkArgument(cacheCapacity >= 0, "cacheCapacity must be >= 0, got %s",
          cacheCapacity);
      this.cacheCapacity = cacheCapacity;
      return this;
    }

    public Tokenizer build() {
      Preconditions.checkArgument(model != null, "model is required");
      return new Tokenizer(this);
    }
  }
}
