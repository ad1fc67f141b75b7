/**
 * Quality and language filters, reproducing the heuristic filters of Hugging Face's datatrove
 * with their default thresholds.
 *
 * <table>
 *   <caption>Stages</caption>
 *   <tr><th>stage</th><th>processor</th><th>datatrove</th></tr>
 *   <tr><td>{@code gopher-quality}</td><td>{@link io.llmtrain.data.filter.GopherQualityFilter}</td>
 *       <td>GopherQualityFilter</td></tr>
 *   <tr><td>{@code gopher-repetition}</td>
 *       <td>{@link io.llmtrain.data.filter.GopherRepetitionFilter}</td>
 *       <td>GopherRepetitionFilter</td></tr>
 *   <tr><td>{@code c4}</td><td>{@link io.llmtrain.data.filter.C4QualityFilter}</td>
 *       <td>C4QualityFilter</td></tr>
 *   <tr><td>{@code quality}</td><td>{@link io.llmtrain.data.filter.QualityFilter}</td>
 *       <td>the three above, in the order of datatrove's FineWeb pipeline</td></tr>
 *   <tr><td>{@code language}</td><td>{@link io.llmtrain.data.filter.LanguageFilter}</td>
 *       <td>LanguageFilter, with lingua in place of fastText</td></tr>
 * </table>
 *
 * <p>datatrove measures text in Python and counts words with spaCy's tokenizer. To give the same
 * numbers, these filters follow Python's definitions (whitespace, {@code splitlines}, lengths in
 * code points) and port spaCy's English tokenization rules ({@code WordTokenizer}), so that a
 * document's word count, mean word length, symbol ratios and n-gram fractions come out as
 * datatrove's. Known differences, all small: a few exotic tokenizer cases (emoticons, IP
 * addresses as URLs), the sentence-terminal set taken from current Unicode, repeated n-grams
 * compared as word sequences rather than joined strings, empty texts passing where datatrove would
 * divide by zero, and configurable stop-word languages. Each class documents its rules and
 * reason codes.
 */
package io.llmtrain.data.filter;
