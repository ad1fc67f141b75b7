/**
 * Classic text preprocessing for smaller models and tasks such as classification: stop-word
 * removal ({@link io.llmtrain.tokenize.text.StopWords}), Snowball stemming
 * ({@link io.llmtrain.tokenize.text.Stemmer}), dictionary lemmatization
 * ({@link io.llmtrain.tokenize.text.Lemmatizer}) and conservative spelling correction
 * ({@link io.llmtrain.tokenize.text.SpellChecker}), each usable on its own and as a pipeline stage
 * ({@code stopwords}, {@code stem}, {@code lemmatize}, {@code spellcheck}).
 *
 * <p>The stages split text with {@link io.llmtrain.tokenize.text.WordTokenizer}, which keeps
 * whitespace and punctuation and sets URLs, e-mail addresses, paths and code apart, so text is
 * rebuilt exactly except for the words a stage changes.
 */
package io.llmtrain.tokenize.text;
