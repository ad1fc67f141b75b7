package io.llmtrain.tokenize.trainer;

import static java.util.Objects.requireNonNull;

import io.llmtrain.tokenize.model.PieceTrie;
import io.llmtrain.tokenize.model.UnigramModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Learns a SentencePiece-style {@link UnigramModel} from piece counts. Pieces are expected to be
 * words as the {@code Metaspace} pre-tokenizer makes them ({@code ▁} in place of the preceding
 * space), so a learned piece may start with {@code ▁} but never contains it elsewhere.
 *
 * <p>The algorithm is SentencePiece's (Kudo 2018), in our own code:
 *
 * <ol>
 *   <li><b>Seed</b>: every character, plus the most frequent substrings of up to
 *       {@code maxPieceLength} characters, ranked by occurrences times length and counted with
 *       each piece's weight in a depth-limited suffix trie ({@code SubstringCounter}); only
 *       right-branching substrings are kept, as a suffix array's internal nodes would give; with
 *       {@code splitByUnicodeScript}, no piece mixes scripts (letters with digits or
 *       punctuation), as in SentencePiece.
 *       Initial scores are the normalized logs of those ranks.
 *   <li><b>EM</b> ({@code numSubIterations} times): the E-step computes each piece's expected
 *       count with forward-backward over the lattice of every distinct word, weighted by the
 *       word's count; the M-step sets {@code score = digamma(count) - digamma(total)}, the
 *       Bayesian (Dirichlet-process) update SentencePiece uses, which discounts rare pieces,
 *       and drops pieces expected less than half a time.
 *   <li><b>Prune</b>: for each piece, the loss of likelihood if it were removed and its
 *       occurrences re-segmented with its best alternative segmentation (from the Viterbi
 *       segmentation of the piece itself without it), weighted by the share of words whose
 *       best segmentation uses it. The pieces with the largest loss are kept, a share
 *       {@code shrinkingFactor} of them per round, down to 1.1 times the wanted size.
 *   <li><b>Finish</b>: all characters (so every piece of the corpus can be encoded), then the
 *       best-scored pieces, to exactly {@code vocabSize} entries with the special and byte
 *       tokens; one last E-step re-estimates the scores as log-probabilities over this final
 *       vocabulary. Pieces are ordered by score, special and byte tokens first (score 0).
 * </ol>
 *
 * <p>Word-level work (E-steps, Viterbi counts) runs in parallel. Expected counts are summed in
 * fixed point (2^-20 units) so the sums do not depend on how words were split between threads:
 * the result is the same on any machine. If the corpus is too small to yield {@code vocabSize}
 * pieces, the vocabulary is smaller.
 */
public final class UnigramTrainer implements Trainer<UnigramModel> {
  private static final double SCALE = 1 << 20;
  private static final double EXPECTED_THRESHOLD = 0.5;
  private static final double MIN_EXPECTED = 1e-3;
  private static final double DESIRED_SIZE_MARGIN = 1.1;
  /** Most lattice edges kept between EM steps (12 bytes each); beyond, tries are re-walked. */
  private static final long EDGE_CACHE_LIMIT = 32_000_000;

  private final UnigramTrainerConfig config;
  private final long edgeCacheLimit;

  public UnigramTrainer(UnigramTrainerConfig config) {
    this(config, EDGE_CACHE_LIMIT);
  }

  /** With a chosen limit on cached lattice edges (tests compare both ways of training). */
  UnigramTrainer(UnigramTrainerConfig config, long edgeCacheLimit) {
    this.config = requireNonNull(config, "config");
    this.edgeCacheLimit = edgeCacheLimit;
  }

  public UnigramTrainerConfig config() {
    return config;
  }

  @Override
  public String modelType() {
    return UnigramModel.TYPE;
  }

  /** One round of EM before pruning: pieces in it, average log-likelihood per iteration. */
  public record Round(int pieces, List<Double> logLikelihoods) {
  }

  /** A trained model and how training went. */
  public record Training(UnigramModel model, int seedPieces, List<Round> rounds) {
  }

  @Override
  public UnigramModel train(WordCounts counts) {
    return trainWithReport(counts).model();
  }

  /** Trains, and reports the size of the seed and the corpus likelihood of each EM iteration. */
  public Training trainWithReport(WordCounts counts) {
    requireNonNull(counts, "counts");
    Corpus corpus = Corpus.of(counts);
    if (corpus.size() == 0) {
      throw new IllegalArgumentException("The corpus has no text to train Unigram on");
    }
    List<String> reserved = new ArrayList<>(config.effectiveSpecialTokens());
    if (config.byteFallback()) {
      for (int b = 0; b < 256; b++) {
        String t = UnigramModel.byteToken(b);
        if (!reserved.contains(t)) {
          reserved.add(t);
        }
      }
    }
    Set<String> reservedSet = new HashSet<>(reserved);

    // Characters, weighted by word counts, most frequent first (ties by code point).
    Map<Integer, Long> charCounts = countCharacters(corpus);
    int needed = reserved.size();
    for (int c : charCounts.keySet()) {
      needed += reservedSet.contains(new String(Character.toChars(c))) ? 0 : 1;
    }
    if (needed > config.vocabSize()) {
      throw new IllegalArgumentException("vocabSize " + config.vocabSize()
          + " is smaller than the special tokens and the alphabet (" + needed + " entries: "
          + reserved.size() + " special or byte tokens and " + charCounts.size()
          + " characters)");
    }
    int target = config.vocabSize() - reserved.size();

    // Seed: characters and the best substrings.
    List<String> seedPieces = new ArrayList<>();
    List<Double> seedScores = new ArrayList<>();
    List<Map.Entry<Integer, Long>> chars = new ArrayList<>(charCounts.entrySet());
    chars.sort((a, b) -> a.getValue().equals(b.getValue())
        ? Integer.compare(a.getKey(), b.getKey()) : Long.compare(b.getValue(), a.getValue()));
    for (Map.Entry<Integer, Long> e : chars) {
      seedPieces.add(new String(Character.toChars(e.getKey())));
      seedScores.add((double) e.getValue());
    }
    int charCount = seedPieces.size();
    SubstringCounter counter = new SubstringCounter(config.maxPieceLength(),
        config.splitByUnicodeScript(), (int) Math.min(1 << 22, corpus.size() * 8L));
    for (int w = 0; w < corpus.size(); w++) {
      counter.add(corpus.words[w], corpus.counts[w]);
    }
    SubstringCounter.Scored top = counter.top(Math.max(0, config.seedSize() - charCount));
    counter = null; // the trie is the largest structure of training; let it go before EM
    for (int i = 0; i < top.pieces().length; i++) {
      seedPieces.add(top.pieces()[i]);
      seedScores.add(top.scores()[i]);
    }
    Pieces pieces = new Pieces(seedPieces.toArray(new String[0]),
        toLogProbabilities(seedScores), charCount, null);
    int seedSize = pieces.size();
    // Pieces are only ever removed from now on, so each word's lattice is a subset of its seed
    // lattice: walk the trie once and filter afterwards.
    corpus.edges = EdgeCache.build(corpus, new PieceTrie(pieces.strings), seedSize,
        edgeCacheLimit);

    int desired = (int) Math.min(Integer.MAX_VALUE, (long) (target * DESIRED_SIZE_MARGIN));
    List<Round> rounds = new ArrayList<>();
    // Progress: seed pieces pruned on the way to the desired size.
    try (ProgressBar bar = config.showProgress() ? new ProgressBarBuilder()
        .setTaskName("Unigram EM").setInitialMax(Math.max(0, seedSize - desired))
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null) {
      while (true) {
        List<Double> likelihoods = new ArrayList<>();
        int before = pieces.size();
        for (int iter = 0; iter < config.numSubIterations(); iter++) {
          Expectation e = expectation(pieces, corpus);
          likelihoods.add(e.logLikelihood / corpus.total);
          pieces = maximization(pieces, e.expected, target);
        }
        rounds.add(new Round(before, List.copyOf(likelihoods)));
        if (bar != null) {
          bar.stepTo(Math.min(bar.getMax(), seedSize - pieces.size()));
        }
        if (pieces.size() <= desired) {
          break;
        }
        pieces = prune(pieces, corpus, desired);
      }
    }
    return new Training(finish(pieces, corpus, reserved, reservedSet, target), seedSize,
        Collections.unmodifiableList(rounds));
  }

  /** Weighted count of each code point; BMP characters in an array, the rest in a map. */
  private static Map<Integer, Long> countCharacters(Corpus corpus) {
    long[] bmp = new long[Character.MAX_VALUE + 1];
    Map<Integer, Long> counts = new TreeMap<>();
    for (int w = 0; w < corpus.size(); w++) {
      long n = corpus.counts[w];
      String word = corpus.words[w];
      for (int i = 0; i < word.length(); ) {
        int c = word.codePointAt(i);
        if (c <= Character.MAX_VALUE) {
          bmp[c] += n;
        } else {
          counts.merge(c, n, Long::sum);
        }
        i += Character.charCount(c);
      }
    }
    for (int c = 0; c < bmp.length; c++) {
      if (bmp[c] > 0) {
        counts.put(c, bmp[c]);
      }
    }
    return counts;
  }

  /** Current pieces: the first {@code required} are the characters, never removed. */
  private static final class Pieces {
    final String[] strings;
    final double[] scores;
    final int required;
    /** Index of each piece in the seed, which the edge cache refers to. */
    final int[] origin;
    final int longest;

    Pieces(String[] strings, double[] scores, int required, int[] origin) {
      this.strings = strings;
      this.scores = scores;
      this.required = required;
      this.origin = origin != null ? origin : IntStream.range(0, strings.length).toArray();
      int max = 1;
      for (String p : strings) {
        max = Math.max(max, p.length());
      }
      this.longest = max;
    }

    int size() {
      return strings.length;
    }

    Pieces keep(int[] indexes, double[] newScores) {
      String[] s = new String[indexes.length];
      double[] sc = new double[indexes.length];
      int[] o = new int[indexes.length];
      for (int i = 0; i < indexes.length; i++) {
        s[i] = strings[indexes[i]];
        sc[i] = newScores[indexes[i]];
        o[i] = origin[indexes[i]];
      }
      return new Pieces(s, sc, required, o);
    }

    /** Current index of each seed piece, or -1 where it was removed. */
    int[] bySeedIndex(int seedSize) {
      int[] current = new int[seedSize];
      Arrays.fill(current, -1);
      for (int i = 0; i < origin.length; i++) {
        current[origin[i]] = i;
      }
      return current;
    }
  }

  /** The distinct non-empty words with positive counts. */
  private static final class Corpus {
    final String[] words;
    final long[] counts;
    final double total;
    /** The seed lattices, or null when they did not fit the limit. */
    EdgeCache edges;

    private Corpus(String[] words, long[] counts) {
      this.words = words;
      this.counts = counts;
      long t = 0;
      for (long c : counts) {
        t += c;
      }
      this.total = t;
    }

    static Corpus of(WordCounts wc) {
      List<String> w = new ArrayList<>();
      List<Long> c = new ArrayList<>();
      for (int i = 0; i < wc.size(); i++) {
        if (!wc.word(i).isEmpty() && wc.count(i) > 0) {
          w.add(wc.word(i));
          c.add(wc.count(i));
        }
      }
      return new Corpus(w.toArray(new String[0]), c.stream().mapToLong(Long::longValue).toArray());
    }

    int size() {
      return words.length;
    }
  }

  private static double[] toLogProbabilities(List<Double> values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    double logSum = Math.log(sum);
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.log(values.get(i)) - logSum;
    }
    return out;
  }

  private record Expectation(double[] expected, double logLikelihood) {
  }

  private static int threads(int work) {
    return Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), work / 64 + 1));
  }

  /** E-step: expected count of each piece, and the corpus log-likelihood. */
  private static Expectation expectation(Pieces pieces, Corpus corpus) {
    PieceTrie trie = corpus.edges == null ? new PieceTrie(pieces.strings) : null;
    int[] current = corpus.edges == null ? null : pieces.bySeedIndex(corpus.edges.seedSize);
    int threads = threads(corpus.size());
    long[][] partial = new long[threads][];
    double[] wordLikelihood = new double[corpus.size()];
    IntStream.range(0, threads).parallel().forEach(t -> {
      long[] expected = new long[pieces.size()];
      Lattice lattice = new Lattice(pieces.longest);
      for (int w = t; w < corpus.size(); w += threads) {
        long n = corpus.counts[w];
        lattice.fromCorpus(corpus, w, trie, current);
        double logZ = lattice.forwardBackward(pieces.scores);
        wordLikelihood[w] = n * logZ;
        for (int k = 0; k < lattice.edges; k++) {
          double marginal = Math.exp(lattice.alpha[lattice.start[k]] + pieces.scores[lattice.id[k]]
              + lattice.beta[lattice.end[k]] - logZ);
          expected[lattice.id[k]] += Math.round(n * marginal * SCALE);
        }
      }
      partial[t] = expected;
    });
    double[] expected = new double[pieces.size()];
    for (int i = 0; i < expected.length; i++) {
      long sum = 0;
      for (long[] p : partial) {
        sum += p[i];
      }
      expected[i] = sum / SCALE;
    }
    double logLikelihood = 0;
    for (double l : wordLikelihood) {
      logLikelihood += l;
    }
    return new Expectation(expected, logLikelihood);
  }

  /**
   * M-step: Bayesian update of the scores. Drops pieces expected less than half a time, but
   * never below {@code minKeep} pieces (then the most expected of those are kept), so a small
   * corpus still reaches the wanted vocabulary size when its seed is large enough.
   */
  private static Pieces maximization(Pieces pieces, double[] expected, int minKeep) {
    int size = pieces.size();
    boolean[] keep = new boolean[size];
    int n = 0;
    List<Integer> dropped = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      if (i < pieces.required || expected[i] >= EXPECTED_THRESHOLD) {
        keep[i] = true;
        n++;
      } else {
        dropped.add(i);
      }
    }
    if (n < minKeep && !dropped.isEmpty()) {
      dropped.sort((a, b) -> expected[a] != expected[b]
          ? Double.compare(expected[b], expected[a]) : Integer.compare(a, b));
      for (int k = 0; k < dropped.size() && n < minKeep; k++, n++) {
        keep[dropped.get(k)] = true;
      }
    }
    int[] kept = new int[n];
    double[] freq = new double[size];
    double sum = 0;
    for (int i = 0, k = 0; i < size; i++) {
      if (keep[i]) {
        // Characters and pieces kept to reach the size may be (almost) unused: a floor keeps
        // their score finite.
        freq[i] = Math.max(expected[i], i < pieces.required ? EXPECTED_THRESHOLD : MIN_EXPECTED);
        sum += freq[i];
        kept[k++] = i;
      }
    }
    double logSum = digamma(sum);
    double[] scores = new double[size];
    for (int i : kept) {
      scores[i] = digamma(freq[i]) - logSum;
    }
    return pieces.keep(kept, scores);
  }

  /** The digamma function: recurrence up to 10, then the asymptotic series. */
  static double digamma(double x) {
    double result = 0;
    while (x < 10) {
      result -= 1 / x;
      x += 1;
    }
    double inv = 1 / x;
    double inv2 = inv * inv;
    result += Math.log(x) - 0.5 * inv
        - inv2 * (1.0 / 12 - inv2 * (1.0 / 120 - inv2 * (1.0 / 252 - inv2 * (1.0 / 240
        - inv2 * (1.0 / 132)))));
    return result;
  }

  /** Keeps the pieces whose removal would cost the most likelihood. */
  private Pieces prune(Pieces pieces, Corpus corpus, int desired) {
    PieceTrie trie = new PieceTrie(pieces.strings);
    int[] current = corpus.edges == null ? null : pieces.bySeedIndex(corpus.edges.seedSize);
    int size = pieces.size();
    // Best segmentation of each piece without itself: what replaces it if it goes.
    int[][] alternatives = new int[size][];
    boolean[] neverBest = new boolean[size];
    IntStream.range(0, threads(size)).parallel().forEach(t -> {
      Lattice lattice = new Lattice(pieces.longest);
      int threads = threads(size);
      for (int i = pieces.required + t; i < size; i += threads) {
        lattice.fromTrie(pieces.strings[i], trie, i);
        double alt = lattice.viterbi(pieces.scores);
        neverBest[i] = alt > pieces.scores[i];
        alternatives[i] = lattice.path();
      }
    });
    // Viterbi counts over the corpus, and the weight of the words that use each piece.
    int threads = threads(corpus.size());
    long[][] freqs = new long[threads][];
    long[][] users = new long[threads][];
    IntStream.range(0, threads).parallel().forEach(t -> {
      long[] freq = new long[size];
      long[] used = new long[size];
      Lattice lattice = new Lattice(pieces.longest);
      for (int w = t; w < corpus.size(); w += threads) {
        long n = corpus.counts[w];
        lattice.fromCorpus(corpus, w, trie, current);
        lattice.viterbi(pieces.scores);
        int[] path = lattice.path();
        for (int k = 0; k < path.length; k++) {
          freq[path[k]] += n;
          boolean first = true;
          for (int j = 0; j < k && first; j++) {
            first = path[j] != path[k];
          }
          if (first) {
            used[path[k]] += n;
          }
        }
      }
      freqs[t] = freq;
      users[t] = used;
    });
    long[] freq = new long[size];
    long[] used = new long[size];
    for (int t = 0; t < threads; t++) {
      for (int i = 0; i < size; i++) {
        freq[i] += freqs[t][i];
        used[i] += users[t][i];
      }
    }
    double sum = 0;
    for (long f : freq) {
      sum += f;
    }
    double logSum = Math.log(sum);
    double[] loss = new double[size];
    Integer[] candidates = new Integer[size - pieces.required];
    for (int i = pieces.required; i < size; i++) {
      candidates[i - pieces.required] = i;
      if (freq[i] == 0 || neverBest[i]) {
        loss[i] = Double.NEGATIVE_INFINITY; // unused by Viterbi: removed first
        continue;
      }
      double f = freq[i];
      double share = used[i] / corpus.total;
      double logProbPiece = Math.log(f) - logSum;
      int[] alt = alternatives[i];
      double logSumAlt = Math.log(sum + f * (alt.length - 1));
      double logProbAlt = 0;
      for (int a : alt) {
        logProbAlt += Math.log(freq[a] + f) - logSumAlt;
      }
      loss[i] = share * (logProbPiece - logProbAlt);
    }
    Arrays.sort(candidates, (a, b) -> loss[a] != loss[b] ? Double.compare(loss[b], loss[a])
        : Integer.compare(a, b));
    int keep = Math.max(desired, (int) (config.shrinkingFactor() * size));
    int extra = Math.max(0, Math.min(candidates.length, keep - pieces.required));
    int[] kept = new int[pieces.required + extra];
    for (int i = 0; i < pieces.required; i++) {
      kept[i] = i;
    }
    for (int k = 0; k < extra; k++) {
      kept[pieces.required + k] = candidates[k];
    }
    Arrays.sort(kept, pieces.required, kept.length);
    return pieces.keep(kept, pieces.scores);
  }

  /** The final vocabulary: reserved tokens, characters, best pieces; re-estimated scores. */
  private UnigramModel finish(Pieces pieces, Corpus corpus, List<String> reserved,
      Set<String> reservedSet, int target) {
    Integer[] order = new Integer[pieces.size() - pieces.required];
    for (int i = 0; i < order.length; i++) {
      order[i] = pieces.required + i;
    }
    Arrays.sort(order, (a, b) -> pieces.scores[a] != pieces.scores[b]
        ? Double.compare(pieces.scores[b], pieces.scores[a])
        : pieces.strings[a].compareTo(pieces.strings[b]));
    List<Integer> chosen = new ArrayList<>();
    for (int i = 0; i < pieces.required; i++) {
      if (!reservedSet.contains(pieces.strings[i])) {
        chosen.add(i);
      }
    }
    int required = chosen.size();
    for (int k = 0; k < order.length && chosen.size() < target; k++) {
      if (!reservedSet.contains(pieces.strings[order[k]])) {
        chosen.add(order[k]);
      }
    }
    Collections.sort(chosen);
    Pieces last = pieces.keep(chosen.stream().mapToInt(Integer::intValue).toArray(),
        pieces.scores);
    last = new Pieces(last.strings, last.scores, required, last.origin);
    // Re-estimate over the final vocabulary: scores become plain log-probabilities.
    double[] expected = expectation(last, corpus).expected;
    double sum = 0;
    for (int i = 0; i < expected.length; i++) {
      expected[i] = Math.max(expected[i], EXPECTED_THRESHOLD);
      sum += expected[i];
    }
    double logSum = Math.log(sum);
    double[] scores = new double[expected.length];
    for (int i = 0; i < scores.length; i++) {
      scores[i] = Math.log(expected[i]) - logSum;
    }
    String[] strings = last.strings;
    Integer[] byScore = new Integer[strings.length];
    for (int i = 0; i < byScore.length; i++) {
      byScore[i] = i;
    }
    Arrays.sort(byScore, (a, b) -> scores[a] != scores[b] ? Double.compare(scores[b], scores[a])
        : strings[a].compareTo(strings[b]));
    List<String> vocab = new ArrayList<>(reserved);
    double[] vocabScores = new double[reserved.size() + strings.length];
    for (int k = 0; k < byScore.length; k++) {
      vocab.add(strings[byScore[k]]);
      vocabScores[reserved.size() + k] = scores[byScore[k]];
    }
    int unkId = reserved.indexOf(config.unkToken());
    return new UnigramModel(vocab, vocabScores, unkId, config.byteFallback());
  }

  /** Per-thread lattice buffers: edges of one word, forward and backward scores, best path. */
  private static final class Lattice {
    int[] start = new int[64];
    int[] end = new int[64];
    int[] id = new int[64];
    int edges;
    double[] alpha = new double[17];
    double[] beta = new double[17];
    int[] backEdge = new int[17];
    final int[] ids;
    final int[] ends;
    private int length;
    private char[] text = new char[64];

    Lattice(int longestPiece) {
      ids = new int[Math.max(1, longestPiece)];
      ends = new int[Math.max(1, longestPiece)];
    }

    /** The edges of word {@code w}: from the cache, else by walking {@code trie}. */
    void fromCorpus(Corpus corpus, int w, PieceTrie trie, int[] current) {
      EdgeCache cache = corpus.edges;
      if (cache == null) {
        fromTrie(corpus.words[w], trie, -1);
        return;
      }
      int n = corpus.words[w].length();
      length = n;
      ensure(n);
      int from = cache.offsets[w];
      int to = cache.offsets[w + 1];
      if (to - from > start.length) {
        grow(to - from);
      }
      edges = 0;
      for (int k = from; k < to; k++) {
        int piece = current[cache.piece[k]];
        if (piece >= 0) {
          start[edges] = cache.start[k];
          end[edges] = cache.end[k];
          id[edges] = piece;
          edges++;
        }
      }
    }

    private void ensure(int n) {
      if (alpha.length < n + 1) {
        alpha = new double[n + 1];
        beta = new double[n + 1];
        backEdge = new int[n + 1];
      }
    }

    private void grow(int needed) {
      int grown = Math.max(start.length * 2, needed);
      start = Arrays.copyOf(start, grown);
      end = Arrays.copyOf(end, grown);
      id = Arrays.copyOf(id, grown);
    }

    /** The edges of {@code word} found in {@code trie}, less the whole-word {@code excluded}. */
    void fromTrie(String word, PieceTrie trie, int excluded) {
      int n = word.length();
      if (text.length < n) {
        text = new char[Math.max(n, text.length * 2)];
      }
      word.getChars(0, n, text, 0);
      length = n;
      ensure(n);
      edges = 0;
      for (int s = 0; s < n; s++) {
        if (Character.isLowSurrogate(text[s]) && s > 0 && Character.isHighSurrogate(text[s - 1])) {
          continue; // pieces start at code points only
        }
        int found = trie.prefixesAt(text, s, n, ids, ends);
        if (edges + found > start.length) {
          grow(edges + found);
        }
        for (int k = 0; k < found; k++) {
          if (ids[k] == excluded && s == 0 && ends[k] == n) {
            continue;
          }
          start[edges] = s;
          end[edges] = ends[k];
          id[edges] = ids[k];
          edges++;
        }
      }
    }

    /** Fills alpha and beta; returns log Z, the log of the total probability of the word. */
    double forwardBackward(double[] scores) {
      int n = length;
      Arrays.fill(alpha, 0, n + 1, Double.NEGATIVE_INFINITY);
      Arrays.fill(beta, 0, n + 1, Double.NEGATIVE_INFINITY);
      alpha[0] = 0;
      for (int k = 0; k < edges; k++) {
        alpha[end[k]] = logAdd(alpha[end[k]], alpha[start[k]] + scores[id[k]]);
      }
      beta[n] = 0;
      for (int k = edges - 1; k >= 0; k--) {
        beta[start[k]] = logAdd(beta[start[k]], beta[end[k]] + scores[id[k]]);
      }
      return alpha[n];
    }

    /**
     * Best segmentation over the current edges; returns its score, and {@link #path} gives its
     * pieces. Ties go to the edge found first.
     */
    double viterbi(double[] scores) {
      int n = length;
      Arrays.fill(alpha, 0, n + 1, Double.NEGATIVE_INFINITY);
      alpha[0] = 0;
      for (int k = 0; k < edges; k++) {
        double candidate = alpha[start[k]] + scores[id[k]];
        if (candidate > alpha[end[k]]) {
          alpha[end[k]] = candidate;
          backEdge[end[k]] = k;
        }
      }
      return alpha[n];
    }

    /** The pieces of the last {@link #viterbi} path, in order. */
    int[] path() {
      int count = 0;
      for (int p = length; p > 0; p = start[backEdge[p]]) {
        count++;
      }
      int[] out = new int[count];
      for (int p = length; p > 0; p = start[backEdge[p]]) {
        out[--count] = id[backEdge[p]];
      }
      return out;
    }

    private static double logAdd(double a, double b) {
      if (a == Double.NEGATIVE_INFINITY) {
        return b;
      }
      if (b == Double.NEGATIVE_INFINITY) {
        return a;
      }
      return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
    }
  }

  /**
   * Every word's seed lattice: for word {@code w}, edges {@code offsets[w]} to
   * {@code offsets[w + 1]}, in order of start then end, with the seed index of their piece.
   */
  private static final class EdgeCache {
    final int seedSize;
    final int[] offsets;
    int[] start = new int[1024];
    int[] end = new int[1024];
    int[] piece = new int[1024];

    private EdgeCache(int seedSize, int words) {
      this.seedSize = seedSize;
      this.offsets = new int[words + 1];
    }

    /** The lattices of all words, or null if they have more than {@code limit} edges. */
    static EdgeCache build(Corpus corpus, PieceTrie seed, int seedSize, long limit) {
      EdgeCache cache = new EdgeCache(seedSize, corpus.size());
      Lattice lattice = new Lattice(Math.max(1, seed.longestPiece()));
      int total = 0;
      for (int w = 0; w < corpus.size(); w++) {
        lattice.fromTrie(corpus.words[w], seed, -1);
        if ((long) total + lattice.edges > limit) {
          return null;
        }
        if (total + lattice.edges > cache.start.length) {
          int grown = (int) Math.min(limit, Math.max((long) cache.start.length * 2,
              total + lattice.edges));
          cache.start = Arrays.copyOf(cache.start, grown);
          cache.end = Arrays.copyOf(cache.end, grown);
          cache.piece = Arrays.copyOf(cache.piece, grown);
        }
        System.arraycopy(lattice.start, 0, cache.start, total, lattice.edges);
        System.arraycopy(lattice.end, 0, cache.end, total, lattice.edges);
        System.arraycopy(lattice.id, 0, cache.piece, total, lattice.edges);
        total += lattice.edges;
        cache.offsets[w + 1] = total;
      }
      return cache;
    }
  }
}
