package io.llmtrain.tokenize.trainer;

import io.llmtrain.tokenize.model.BpeModel;
import io.llmtrain.tokenize.model.LongIntMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.TreeMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Learns BPE merges from piece counts the way Hugging Face's {@code BpeTrainer} does, so the same
 * counts give the same vocabulary and merges: special tokens first, then the alphabet in code
 * point order, then one merge at a time of the most frequent adjacent pair (ties: the smallest
 * pair of ids). Pair counts are kept incrementally with, for every pair, the words it occurs in;
 * a priority queue with lazy re-validation picks the next merge, so a merge costs only the words
 * it touches, never a recount of the corpus. Deterministic.
 */
public final class BpeTrainer implements Trainer<BpeModel> {
  private final BpeTrainerConfig config;

  public BpeTrainer(BpeTrainerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public BpeTrainerConfig config() {
    return config;
  }

  @Override
  public String modelType() {
    return "BPE";
  }

  /** A queue entry: a pair, its count when queued, and words it was then known to occur in. */
  private record Merge(long pair, long count, int[] words) {
  }

  @Override
  public BpeModel train(WordCounts counts) {
    Objects.requireNonNull(counts, "counts");
    if (counts.size() == 0 || counts.totalCount() == 0) {
      throw new IllegalArgumentException("cannot train BPE on a corpus with no text: "
          + "no pieces were counted (empty input, or everything was filtered out)");
    }
    List<String> idToWord = new ArrayList<>();
    Map<String, Integer> wordToId = new HashMap<>();
    for (String s : config.specialTokens()) {
      if (!wordToId.containsKey(s)) {
        wordToId.put(s, idToWord.size());
        idToWord.add(s);
      }
    }
    int alphabetStart = idToWord.size();
    for (int cp : alphabet(counts)) {
      String s = new String(Character.toChars(cp));
      if (!wordToId.containsKey(s)) {
        wordToId.put(s, idToWord.size());
        idToWord.add(s);
      }
    }
    if (config.vocabSize() < idToWord.size()) {
      throw new IllegalArgumentException("vocabSize " + config.vocabSize()
          + " is smaller than the alphabet: " + (idToWord.size() - alphabetStart)
          + " characters + " + alphabetStart + " special tokens = " + idToWord.size()
          + "; raise vocabSize or set limitAlphabet");
    }

    // words as symbol ids; symbol lengths count characters, for maxTokenLength
    int n = counts.size();
    int[][] syms = new int[n][];
    int[][] lens = new int[n][];
    int[] sizes = new int[n];
    long[] wc = new long[n];
    String prefix = config.continuingSubwordPrefix();
    String suffix = config.endOfWordSuffix();
    for (int w = 0; w < n; w++) {
      String word = counts.word(w);
      wc[w] = counts.count(w);
      int[] s = new int[word.length()];
      int k = 0;
      for (int i = 0; i < word.length(); ) {
        int cp = word.codePointAt(i);
        int len = Character.charCount(cp);
        boolean first = i == 0;
        i += len;
        boolean last = i == word.length();
        String c = new String(Character.toChars(cp));
        if (!wordToId.containsKey(c)) {
          continue; // outside the (limited) alphabet
        }
        if (!first && prefix != null) {
          c = prefix + c;
        }
        if (last && suffix != null) {
          c = c + suffix;
        }
        Integer id = wordToId.get(c);
        if (id == null) {
          id = idToWord.size();
          wordToId.put(c, id);
          idToWord.add(c);
        }
        s[k++] = id;
      }
      syms[w] = s;
      lens[w] = new int[k];
      Arrays.fill(lens[w], 1);
      sizes[w] = k;
    }

    // initial pair counts and where each pair occurs
    PairTable table = new PairTable(n * 4);
    for (int w = 0; w < n; w++) {
      int[] s = syms[w];
      for (int i = 0; i + 1 < sizes[w]; i++) {
        int slot = table.slot(LongIntMap.pair(s[i], s[i + 1]));
        table.count[slot] += wc[w];
        table.pend(slot, w);
      }
    }
    PriorityQueue<Merge> queue = new PriorityQueue<>(Math.max(16, table.size), (a, b) -> {
      if (a.count != b.count) {
        return Long.compare(b.count, a.count);
      }
      int ca = Integer.compare((int) (a.pair >>> 32), (int) (b.pair >>> 32));
      return ca != 0 ? ca : Integer.compare((int) a.pair, (int) b.pair);
    });
    table.flush(queue);

    long maxLength = config.maxTokenLength() == 0 ? Long.MAX_VALUE : config.maxTokenLength();
    try (ProgressBar bar = config.showProgress() ? new ProgressBarBuilder()
        .setTaskName("BPE merges").setInitialMax(config.vocabSize() - wordToId.size())
        .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250)
        .setConsumer(new ConsoleProgressBarConsumer(System.err)).build() : null) {
      return mergeLoop(queue, table, wordToId, idToWord, syms, lens, sizes, wc, maxLength, bar);
    }
  }

  private BpeModel mergeLoop(PriorityQueue<Merge> queue, PairTable table,
      Map<String, Integer> wordToId, List<String> idToWord, int[][] syms, int[][] lens,
      int[] sizes, long[] wc, long maxLength, ProgressBar bar) {
    String prefix = config.continuingSubwordPrefix();
    String suffix = config.endOfWordSuffix();
    int startSize = wordToId.size();
    List<long[]> merges = new ArrayList<>(); // {pair, new id}
    long[] changeBuf = new long[64];
    while (wordToId.size() < config.vocabSize() && !queue.isEmpty()) {
      Merge top = queue.poll();
      int topSlot = table.slot(top.pair);
      long current = table.count[topSlot];
      if (top.count != current) {
        queue.add(new Merge(top.pair, current, top.words));
        continue;
      }
      if (top.count < 1 || config.minFrequency() > top.count) {
        break;
      }
      int a = (int) (top.pair >>> 32);
      int b = (int) top.pair;
      String partB = idToWord.get(b);
      if (prefix != null && partB.startsWith(prefix)) {
        partB = partB.substring(prefix.length());
      }
      String newToken = idToWord.get(a) + partB;
      if (config.maxTokenLength() > 0
          && newToken.codePointCount(0, newToken.length()) > config.maxTokenLength()) {
        continue;
      }
      Integer newId = wordToId.get(newToken);
      if (newId == null) {
        newId = idToWord.size();
        wordToId.put(newToken, newId);
        idToWord.add(newToken);
      }
      merges.add(new long[] {top.pair, newId});

      for (int w : top.words) {
        if (changeBuf.length < 8 * sizes[w] + 8) {
          changeBuf = new long[16 * sizes[w] + 8]; // at most 4 changes per symbol merged
        }
        int nc = mergeWord(syms[w], lens[w], sizes, w, a, b, newId, maxLength, changeBuf);
        for (int i = 0; i < nc; i += 2) {
          long pair = changeBuf[i];
          int delta = (int) changeBuf[i + 1];
          int slot = table.slot(pair);
          table.count[slot] += delta * wc[w];
          if (delta > 0) {
            table.pend(slot, w);
          }
        }
      }
      table.flush(queue);
      if (bar != null) {
        bar.stepTo(wordToId.size() - startSize);
      }
    }

    // Hugging Face keeps one rank per pair (the last), and writes merges in rank order
    Map<Long, Integer> lastRank = new HashMap<>();
    for (int i = 0; i < merges.size(); i++) {
      lastRank.put(merges.get(i)[0], i);
    }
    TreeMap<Integer, String[]> byRank = new TreeMap<>();
    lastRank.forEach((pair, rank) -> byRank.put(rank, new String[] {
        idToWord.get((int) (pair >>> 32)), idToWord.get((int) (long) pair)}));
    Map<String, Integer> vocab = new LinkedHashMap<>();
    for (int i = 0; i < idToWord.size(); i++) {
      vocab.put(idToWord.get(i), i);
    }
    return BpeModel.builder().vocab(vocab).merges(new ArrayList<>(byRank.values()))
        .continuingSubwordPrefix(prefix).endOfWordSuffix(suffix).build();
  }

  /** The alphabet's code points, most frequent kept under the limit, in code point order. */
  private int[] alphabet(WordCounts counts) {
    Map<Integer, Long> freq = new HashMap<>();
    for (int w = 0; w < counts.size(); w++) {
      String word = counts.word(w);
      long c = counts.count(w);
      for (int i = 0; i < word.length(); ) {
        int cp = word.codePointAt(i);
        i += Character.charCount(cp);
        freq.merge(cp, c, Long::sum);
      }
    }
    String initial = config.initialAlphabet();
    initial.codePoints().forEach(cp -> freq.put(cp, Long.MAX_VALUE));
    List<Map.Entry<Integer, Long>> kept = new ArrayList<>(freq.entrySet());
    int limit = config.limitAlphabet();
    if (limit > 0 && kept.size() > limit) {
      // least frequent first; among equals the higher code point goes first
      kept.sort((x, y) -> x.getValue().equals(y.getValue())
          ? Integer.compare(y.getKey(), x.getKey()) : Long.compare(x.getValue(), y.getValue()));
      kept = new ArrayList<>(kept.subList(kept.size() - limit, kept.size()));
    }
    return kept.stream().mapToInt(Map.Entry::getKey).sorted().toArray();
  }

  /**
   * Merges every (a, b) in word {@code w}, left to right, writing the pair-count changes to
   * {@code out} as (pair, delta) pairs as Hugging Face's {@code Word::merge} reports them (the
   * merged pair itself is not decremented; new pairs longer than the limit are not counted).
   * Returns how many longs were written.
   */
  private static int mergeWord(int[] s, int[] len, int[] sizes, int w, int a, int b, int newId,
      long maxLength, long[] out) {
    int size = sizes[w];
    int k = 0;
    int i = 0;
    while (i < size) {
      if (s[i] == a && i + 1 < size && s[i + 1] == b) {
        int newLen = len[i] + len[i + 1];
        if (i > 0) {
          out[k++] = LongIntMap.pair(s[i - 1], a);
          out[k++] = -1;
          if (len[i - 1] + newLen < maxLength) {
            out[k++] = LongIntMap.pair(s[i - 1], newId);
            out[k++] = 1;
          }
        }
        s[i] = newId;
        len[i] = newLen;
        System.arraycopy(s, i + 2, s, i + 1, size - i - 2);
        System.arraycopy(len, i + 2, len, i + 1, size - i - 2);
        size--;
        if (i < size - 1) {
          out[k++] = LongIntMap.pair(b, s[i + 1]);
          out[k++] = -1;
          if (len[i + 1] + newLen < maxLength) {
            out[k++] = LongIntMap.pair(newId, s[i + 1]);
            out[k++] = 1;
          }
        }
      }
      i++;
    }
    sizes[w] = size;
    return k;
  }

  /** Pair counts by slot, plus for each slot the words it was newly seen in since the last flush. */
  private static final class PairTable {
    final LongIntMap index;
    long[] pairs;
    long[] count;
    int[][] pending;
    int[] pendingSize;
    int[] dirty;
    int dirtySize;
    int size;

    PairTable(int expected) {
      index = new LongIntMap(expected);
      pairs = new long[Math.max(16, expected)];
      count = new long[pairs.length];
      pending = new int[pairs.length][];
      pendingSize = new int[pairs.length];
      dirty = new int[64];
    }

    int slot(long pair) {
      int s = index.get(pair, -1);
      if (s >= 0) {
        return s;
      }
      if (size == pairs.length) {
        int cap = size * 2;
        pairs = Arrays.copyOf(pairs, cap);
        count = Arrays.copyOf(count, cap);
        pending = Arrays.copyOf(pending, cap);
        pendingSize = Arrays.copyOf(pendingSize, cap);
      }
      s = size++;
      pairs[s] = pair;
      index.put(pair, s);
      return s;
    }

    void pend(int slot, int word) {
      int[] p = pending[slot];
      int ps = pendingSize[slot];
      if (p == null) {
        p = new int[4];
        pending[slot] = p;
        if (dirtySize == dirty.length) {
          dirty = Arrays.copyOf(dirty, dirtySize * 2);
        }
        dirty[dirtySize++] = slot;
      } else if (ps > 0 && p[ps - 1] == word) {
        return; // same word twice in a row: a set holds it once
      } else if (ps == p.length) {
        p = Arrays.copyOf(p, ps * 2);
        pending[slot] = p;
      }
      p[ps] = word;
      pendingSize[slot] = ps + 1;
    }

    /** Queues every pair seen since the last flush with its current count, if positive. */
    void flush(PriorityQueue<Merge> queue) {
      for (int d = 0; d < dirtySize; d++) {
        int slot = dirty[d];
        int[] words = Arrays.copyOf(pending[slot], pendingSize[slot]);
        pending[slot] = null;
        pendingSize[slot] = 0;
        if (count[slot] > 0) {
          Arrays.sort(words);
          int u = 0;
          for (int i = 0; i < words.length; i++) {
            if (u == 0 || words[u - 1] != words[i]) {
              words[u++] = words[i];
            }
          }
          queue.add(new Merge(pairs[slot], count[slot], Arrays.copyOf(words, u)));
        }
      }
      dirtySize = 0;
    }
  }
}
