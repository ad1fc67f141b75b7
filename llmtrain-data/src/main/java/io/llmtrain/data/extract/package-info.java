/**
 * Extraction stages that turn markup into plain text: {@link io.llmtrain.data.extract.HtmlExtractor}
 * (processor {@code html}: web pages without scripts, navigation and other boilerplate, with jsoup)
 * and {@link io.llmtrain.data.extract.EmailExtractor} (processor {@code email}: the body text of raw
 * MIME messages in any charset, without headers and attachments, with Apache James mime4j).
 */
package io.llmtrain.data.extract;
