package io.llmtrain.tokenize.trainer;

import io.llmtrain.tokenize.model.WordPieceModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Not a test: measures WordPiece training on a plain-text corpus, pre-tokenized BERT-style
 * (lower-cased, split on whitespace and punctuation). Arguments: corpus, vocabulary size.
 */
public final class WordPieceCorpusMeasure {
  private WordPieceCorpusMeasure() {
  }

  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    WordCounts wc = TestWordCounts.bert(Files.readString(Path.of(args[0]),
        StandardCharsets.UTF_8));
    long t1 = System.nanoTime();
    WordPieceModel m = new WordPieceTrainer(WordPieceTrainerConfig.builder()
        .vocabSize(Integer.parseInt(args[1])).build()).train(wc);
    long t2 = System.nanoTime();
    System.out.printf("words: %d distinct, %d total; counting %.2f s, training %.2f s, vocab %d%n",
        wc.size(), wc.totalCount(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, m.vocabSize());
    System.out.println("sample: " + m.tokenize("righteousness") + " " + m.tokenize("unrighteous"));
  }
}
