package io.llmtrain.data.filter;

import io.llmtrain.core.Document;
import io.llmtrain.core.spi.DocumentProcessor;
import io.llmtrain.core.spi.Outcome;
import io.llmtrain.core.spi.StageContext;
import java.util.Optional;

/**
 * The three datatrove quality filters as one stage: {@link GopherRepetitionFilter}, then {@link
 * GopherQualityFilter}, then {@link C4QualityFilter}, each optional, sharing one tokenization.
 * The rejection reason is the failing rule's own ({@code gopher_dup_line_frac}, {@code
 * gopher_too_few_words}, {@code c4_too_few_sentences}...).
 *
 * <p>The order is the one of datatrove's reference pipelines (its FineWeb and Common Crawl
 * examples run GopherRepetitionFilter, GopherQualityFilter, C4QualityFilter), and it matters: the
 * Gopher rules measure the page as extracted, so its repeated navigation lines, bullet lists and
 * trailing ellipses still count against it, whereas after C4 has dropped every line without final
 * punctuation those signals would be gone. C4 is also the only one that edits the text, so
 * running it last lets the Gopher rules share the tokens C4 then reuses to count sentences.
 *
 * <p>Thread-safe.
 */
public final class QualityFilter implements DocumentProcessor {
  private final QualityConfig config;
  private final GopherRepetitionFilter repetition;
  private final GopherQualityFilter quality;
  private final C4QualityFilter c4;

  public QualityFilter(QualityConfig config) {
    this.config = config;
    repetition = config.gopherRepetitionEnabled()
        ? new GopherRepetitionFilter(config.gopherRepetition()) : null;
    quality = config.gopherQualityEnabled()
        ? new GopherQualityFilter(config.gopherQuality()) : null;
    c4 = config.c4Enabled() ? new C4QualityFilter(config.c4()) : null;
  }

  public QualityFilter() {
    this(QualityConfig.defaults());
  }

  public QualityConfig config() {
    return config;
  }

  @Override
  public String name() {
    return QualityConfig.NAME;
  }

  @Override
  public Outcome process(Document document, StageContext context) {
    try (TextAnalysis analysis = TextAnalysis.open(document.text())) {
      return process(document, analysis, context);
    }
  }

  private Outcome process(Document document, TextAnalysis analysis, StageContext context) {
    if (quality != null) {
      // Before the repetition rules: a text with provably too many words is rejected without
      // building its n-gram tables, which for a huge document would not fit the heap. Such a
      // document is then reported as gopher_too_many_words even where datatrove, running the
      // repetition filter first, would have named a repetition rule; it is rejected either way.
      Optional<Outcome.Rejected> tooLong = quality.tooManyWords(analysis.text);
      if (tooLong.isPresent()) {
        return tooLong.get();
      }
    }
    if (repetition != null) {
      Optional<Outcome.Rejected> rejected = repetition.check(analysis);
      if (rejected.isPresent()) {
        return rejected.get();
      }
    }
    if (quality != null) {
      Optional<Outcome.Rejected> rejected = quality.check(analysis);
      if (rejected.isPresent()) {
        return rejected.get();
      }
    }
    if (c4 != null) {
      return c4.apply(document, analysis, repetition != null || quality != null, context);
    }
    return Outcome.keep(document);
  }
}
