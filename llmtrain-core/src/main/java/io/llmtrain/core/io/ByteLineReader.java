package io.llmtrain.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads lines as raw bytes, so that each line can be decoded (and, when it is not UTF-8, repaired)
 * on its own. Accepts '\n' and "\r\n" endings. A line may be arbitrarily long; the buffer grows to
 * fit it and shrinks back afterwards so one huge line does not pin memory for the rest of a file.
 */
final class ByteLineReader {
  private static final int CHUNK = 1 << 16;
  private static final int KEEP = 1 << 20;

  private final InputStream in;
  private byte[] buf = new byte[CHUNK];
  private int start;
  private int end;
  private boolean eof;
  private long lineNumber;

  private byte[] line = new byte[256];
  private int lineLength;

  ByteLineReader(InputStream in) {
    this.in = in;
  }

  /** Advances to the next line; false at the end of the input. */
  boolean next() throws IOException {
    lineLength = 0;
    while (true) {
      for (int i = start; i < end; i++) {
        if (buf[i] == '\n') {
          append(start, i - start);
          start = i + 1;
          finishLine();
          return true;
        }
      }
      append(start, end - start);
      start = end;
      if (eof) {
        if (lineLength == 0) {
          return false;
        }
        finishLine();
        return true;
      }
      fill();
    }
  }

  private void finishLine() {
    if (lineLength > 0 && line[lineLength - 1] == '\r') {
      lineLength--;
    }
    lineNumber++;
  }

  private void append(int from, int length) {
    if (length == 0) {
      return;
    }
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    }
    System.arraycopy(buf, from, line, lineLength, length);
    lineLength += length;
  }

  private void fill() throws IOException {
    if (line.length > KEEP && lineLength == 0) {
      line = new byte[256];
    }
    int n = in.read(buf, 0, buf.length);
    if (n < 0) {
      eof = true;
      start = end = 0;
    } else {
      start = 0;
      end = n;
    }
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLength;
  }

  /** 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  /** Frees a large line buffer after the caller has consumed the line. */
  void release() {
    if (line.length > KEEP) {
      line = new byte[256];
    }
  }
}
