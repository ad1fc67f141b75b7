package io.llmtrain.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs {@code llmtrain} command lines in-process and captures what they print. Register it with
 * {@code @RegisterExtension final ConsoleCapture console = new ConsoleCapture();}: before each
 * test it swaps {@link System#out} and {@link System#err} for UTF-8 buffers (commands print
 * results there) and after it puts the originals back, standard input included.
 */
final class ConsoleCapture implements BeforeEachCallback, AfterEachCallback {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();
  private PrintStream oldOut;
  private PrintStream oldErr;
  private InputStream oldIn;

  @Override
  public void beforeEach(ExtensionContext context) {
    oldOut = System.out;
    oldErr = System.err;
    oldIn = System.in;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Override
  public void afterEach(ExtensionContext context) {
    System.setOut(oldOut);
    System.setErr(oldErr);
    System.setIn(oldIn);
  }

  /**
   * Runs one command line with fresh buffers, so that {@link #out()} and {@link #err()} hold only
   * what this run printed; picocli's own writers (usage errors, the error handler) write UTF-8
   * into the same buffers.
   */
  int run(String... args) {
    out.reset();
    err.reset();
    return Main.commandLine()
        .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
        .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  /** {@link #run} with {@code stdin} as standard input, for commands that filter it. */
  int runWithInput(String stdin, String... args) {
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    return run(args);
  }

  /** What the last run printed to standard output. */
  String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  /** What the last run printed to standard error. */
  String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  /** {@link #out()} split into lines. */
  List<String> stdoutLines() {
    return out().lines().toList();
  }
}
