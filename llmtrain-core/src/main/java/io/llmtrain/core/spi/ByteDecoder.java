package io.llmtrain.core.spi;

/**
 * Decodes input bytes that are not valid UTF-8, for example by detecting their charset. Readers
 * try strict UTF-8 first and call the registered decoder of highest {@link #priority} only when
 * that fails; the document is then counted as repaired. The core ships a Windows-1252 fallback;
 * the data module adds charset detection.
 */
public interface ByteDecoder extends NamedPlugin {

  /** When several decoders are registered, the highest priority is used. */
  int priority();

  /** Decodes bytes that failed strict UTF-8 decoding. Never throws on malformed input. */
  Decoded decode(byte[] bytes, int offset, int length);

  /** Decoded text and the charset it was read as. */
  record Decoded(String text, String charset) {
  }
}
