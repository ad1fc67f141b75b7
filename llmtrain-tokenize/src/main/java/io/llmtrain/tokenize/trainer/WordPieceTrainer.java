package io.llmtrain.tokenize.trainer;

import static java.util.Objects.requireNonNull;

import io.llmtrain.tokenize.model.WordPieceModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import java.util.TreeMap;

/**
 * Learns a BERT-style {@link WordPieceModel} from word counts (words already normalized and
 * pre-tokenized by the caller, e.g. lower-cased and split on whitespace and punctuation).
 *
 * <p>Algorithm: as Hugging Face {@code tokenizers} trains WordPiece, by byte-pair-style merges
 * over characters where every character after the first of a word carries the continuation
 * prefix ({@code ##}). Each step merges the most frequent adjacent pair (counts weighted by word
 * frequency); the merged token is the first part followed by the second without its prefix
 * ({@code un} + {@code ##able} = {@code unable}, {@code ##ab} + {@code ##le} = {@code ##able}).
 * Google's original WordPiece instead ranks pairs by the likelihood gain
 * {@code count(ab) / (count(a) count(b))}; we rank by frequency so that the vocabulary matches
 * what users of Hugging Face get, because that score ranks a pair of symbols seen once (score 1)
 * above every frequent pair unless a minimum frequency is tuned, and because a merge changes the
 * score of every pair of its two parts, which a frequency ranking does not.
 *
 * <p>Pair counts are kept incrementally: each pair remembers the words it occurs in, a merge
 * rewrites only those words and adjusts the counts of the pairs they lose and gain, and a
 * priority queue with lazily refreshed entries gives the next best pair, so the cost of a merge
 * is proportional to the words it touches, not to the corpus. Ties are broken by the tokens'
 * text, so training is deterministic.
 *
 * <p>The vocabulary is: the special tokens, the alphabet (characters in code point order), the
 * continuation forms ({@code ##c}) of the characters that occur after a word's first character,
 * then merged tokens in the order they were learned. Words containing a character outside the
 * alphabet (see {@code limitAlphabet}) are left out of training: the model encodes them as the
 * unknown token anyway.
 */
public final class WordPieceTrainer implements Trainer<WordPieceModel> {
  private final WordPieceTrainerConfig config;

  public WordPieceTrainer(WordPieceTrainerConfig config) {
    this.config = requireNonNull(config, "config");
  }

  public WordPieceTrainerConfig config() {
    return config;
  }

  @Override
  public String modelType() {
    return WordPieceModel.TYPE;
  }

  @Override
  public WordPieceModel train(WordCounts counts) {
    requireNonNull(counts, "counts");
    String prefix = config.continuingSubwordPrefix();
    List<String> tokens = new ArrayList<>();
    Map<String, Integer> ids = new HashMap<>();
    for (String s : config.effectiveSpecialTokens()) {
      add(s, tokens, ids);
    }

    int[] alphabet = alphabet(counts);
    Set<Integer> inAlphabet = new HashSet<>();
    for (int c : alphabet) {
      inAlphabet.add(c);
      add(new String(Character.toChars(c)), tokens, ids);
    }
    // Which alphabet characters occur after a word's first character (their ## form is needed).
    TreeMap<Integer, Boolean> continued = new TreeMap<>();
    List<int[]> wordSymbols = new ArrayList<>();
    List<Long> wordCounts = new ArrayList<>();
    for (int w = 0; w < counts.size(); w++) {
      String word = counts.word(w);
      if (word.isEmpty() || counts.count(w) <= 0) {
        continue;
      }
      int[] cps = word.codePoints().toArray();
      boolean known = true;
      for (int c : cps) {
        known &= inAlphabet.contains(c);
      }
      if (!known) {
        continue;
      }
      for (int i = 1; i < cps.length; i++) {
        continued.put(cps[i], Boolean.TRUE);
      }
      wordSymbols.add(cps);
      wordCounts.add(counts.count(w));
    }
    if (wordSymbols.isEmpty()) {
      throw new IllegalArgumentException("The corpus has no text to train WordPiece on"
          + (counts.size() > 0 ? " (no word is made only of alphabet characters)" : ""));
    }
    for (int c : continued.keySet()) {
      add(prefix + new String(Character.toChars(c)), tokens, ids);
    }
    if (tokens.size() > config.vocabSize()) {
      throw new IllegalArgumentException("vocabSize " + config.vocabSize()
          + " is smaller than the special tokens and the alphabet (" + tokens.size()
          + " entries, continuation forms included); raise vocabSize or set limitAlphabet");
    }

    Words words = new Words(wordSymbols.size());
    for (int w = 0; w < wordSymbols.size(); w++) {
      int[] cps = wordSymbols.get(w);
      int[] symbols = new int[cps.length];
      for (int i = 0; i < cps.length; i++) {
        String ch = new String(Character.toChars(cps[i]));
        symbols[i] = ids.get(i == 0 ? ch : prefix + ch);
      }
      words.symbols[w] = symbols;
      words.length[w] = symbols.length;
      words.count[w] = wordCounts.get(w);
    }
    merge(words, tokens, ids, prefix);
    Map<String, Integer> vocab = new HashMap<>();
    for (int i = 0; i < tokens.size(); i++) {
      vocab.put(tokens.get(i), i);
    }
    return new WordPieceModel(vocab, config.unkToken(), prefix, config.maxInputCharsPerWord());
  }

  private static int add(String token, List<String> tokens, Map<String, Integer> ids) {
    Integer id = ids.get(token);
    if (id != null) {
      return id;
    }
    tokens.add(token);
    ids.put(token, tokens.size() - 1);
    return tokens.size() - 1;
  }

  /** The alphabet in code point order: initial characters plus the most frequent others. */
  private int[] alphabet(WordCounts counts) {
    Map<Integer, Long> frequency = new HashMap<>();
    for (int w = 0; w < counts.size(); w++) {
      long n = counts.count(w);
      counts.word(w).codePoints().forEach(c -> frequency.merge(c, n, Long::sum));
    }
    for (String s : config.initialAlphabet()) {
      frequency.put(s.codePointAt(0), Long.MAX_VALUE);
    }
    List<Map.Entry<Integer, Long>> all = new ArrayList<>(frequency.entrySet());
    int limit = config.limitAlphabet();
    if (limit > 0 && all.size() > limit) {
      all.sort((x, y) -> x.getValue().equals(y.getValue())
          ? Integer.compare(x.getKey(), y.getKey()) : Long.compare(y.getValue(), x.getValue()));
      int keep = Math.max(limit, config.initialAlphabet().size());
      all = all.subList(0, Math.min(keep, all.size()));
    }
    return all.stream().mapToInt(Map.Entry::getKey).sorted().toArray();
  }

  /** The words being merged: symbol ids (a prefix of each array is live) and counts. */
  private static final class Words {
    final int[][] symbols;
    final int[] length;
    final long[] count;

    Words(int n) {
      symbols = new int[n][];
      length = new int[n];
      count = new long[n];
    }
  }

  /** A pair's current count and the words it has occurred in (may list words it left). */
  private static final class PairStats {
    final int left;
    final int right;
    long count;
    int[] words = new int[4];
    int wordCount;
    int lastWord = -1;

    PairStats(int left, int right) {
      this.left = left;
      this.right = right;
    }

    void addWord(int w) {
      if (w == lastWord) {
        return; // words are visited one at a time, so this removes most duplicates cheaply
      }
      if (wordCount == words.length) {
        words = Arrays.copyOf(words, wordCount * 2);
      }
      words[wordCount++] = w;
      lastWord = w;
    }
  }

  /** A queue entry: a pair with the count it had when queued. */
  private record Candidate(PairStats pair, long count) {
  }

  private static long key(int a, int b) {
    return ((long) a << 32) | (b & 0xFFFFFFFFL);
  }

  private void merge(Words words, List<String> tokens, Map<String, Integer> ids, String prefix) {
    Map<Long, PairStats> pairs = new HashMap<>();
    for (int w = 0; w < words.symbols.length; w++) {
      int[] s = words.symbols[w];
      for (int i = 0; i + 1 < words.length[w]; i++) {
        PairStats p = pairs.computeIfAbsent(key(s[i], s[i + 1]),
            k -> new PairStats((int) (k >>> 32), (int) (long) k));
        p.count += words.count[w];
        p.addWord(w);
      }
    }
    PriorityQueue<Candidate> queue = new PriorityQueue<>((x, y) -> {
      if (x.count != y.count) {
        return Long.compare(y.count, x.count);
      }
      int c = tokens.get(x.pair.left).compareTo(tokens.get(y.pair.left));
      return c != 0 ? c : tokens.get(x.pair.right).compareTo(tokens.get(y.pair.right));
    });
    for (PairStats p : pairs.values()) {
      queue.add(new Candidate(p, p.count));
    }
    long minFrequency = Math.max(1, config.minFrequency());
    int maxLength = config.maxTokenLength();
    Set<PairStats> touched = new HashSet<>();
    try (ProgressBar bar = config.showProgress() ? new ProgressBarBuilder()
        .setTaskName("WordPiece merges").setInitialMax(config.vocabSize() - tokens.size())
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null) {
      mergeLoop(queue, tokens, ids, words, pairs, touched, prefix, minFrequency, maxLength, bar);
    }
  }

  private void mergeLoop(PriorityQueue<Candidate> queue, List<String> tokens,
      Map<String, Integer> ids, Words words, Map<Long, PairStats> pairs, Set<PairStats> touched,
      String prefix, long minFrequency, int maxLength, ProgressBar bar) {
    while (tokens.size() < config.vocabSize() && !queue.isEmpty()) {
      Candidate top = queue.poll();
      PairStats pair = top.pair;
      if (top.count != pair.count) {
        if (pair.count > 0) {
          queue.add(new Candidate(pair, pair.count)); // stale: counts only ever fall
        }
        continue;
      }
      if (pair.count < minFrequency) {
        break;
      }
      String right = tokens.get(pair.right);
      String merged = tokens.get(pair.left)
          + (right.startsWith(prefix) ? right.substring(prefix.length()) : right);
      if (maxLength > 0) {
        String bare = merged.startsWith(prefix) ? merged.substring(prefix.length()) : merged;
        if (bare.codePointCount(0, bare.length()) > maxLength) {
          continue; // never merged; its entry is gone and only new pairs are queued later
        }
      }
      int created = add(merged, tokens, ids);
      if (bar != null) {
        bar.step();
      }
      touched.clear();
      int[] affected = Arrays.copyOf(pair.words, pair.wordCount);
      for (int w : affected) {
        rewrite(w, pair.left, pair.right, created, words, pairs, touched);
      }
      pairs.remove(key(pair.left, pair.right));
      pair.count = 0;
      for (PairStats p : touched) {
        if (p.count > 0) {
          queue.add(new Candidate(p, p.count));
        }
      }
    }
  }

  /** Merges every (a, b) of word {@code w} into {@code c}, updating the pair statistics. */
  private static void rewrite(int w, int a, int b, int c, Words words, Map<Long, PairStats> pairs,
      Set<PairStats> touched) {
    int[] s = words.symbols[w];
    int n = words.length[w];
    boolean present = false;
    for (int i = 0; i + 1 < n && !present; i++) {
      present = s[i] == a && s[i + 1] == b;
    }
    if (!present) {
      return; // the pair left this word in an earlier merge
    }
    long count = words.count[w];
    for (int i = 0; i + 1 < n; i++) {
      pairs.get(key(s[i], s[i + 1])).count -= count;
    }
    int out = 0;
    for (int i = 0; i < n; i++) {
      if (i + 1 < n && s[i] == a && s[i + 1] == b) {
        s[out++] = c;
        i++;
      } else {
        s[out++] = s[i];
      }
    }
    words.length[w] = out;
    for (int i = 0; i + 1 < out; i++) {
      int x = s[i];
      int y = s[i + 1];
      PairStats p = pairs.computeIfAbsent(key(x, y), k -> new PairStats(x, y));
      p.count += count;
      if (x == c || y == c) {
        p.addWord(w);
        touched.add(p);
      }
    }
  }
}
