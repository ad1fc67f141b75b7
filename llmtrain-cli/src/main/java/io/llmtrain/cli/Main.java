package io.llmtrain.cli;

import io.llmtrain.core.ConfigException;
import io.llmtrain.core.InputException;
import io.llmtrain.core.LlmtrainException;
import io.llmtrain.core.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code llmtrain} command: a thin layer over the library's API. */
@Command(name = "llmtrain", mixinStandardHelpOptions = true,
    versionProvider = Main.VersionProvider.class,
    description = "Prepare data, train tokenizers and models, fine-tune and evaluate them.",
    subcommands = {QuickstartCommand.class, PrepareCommand.class, TokenizerCommand.class,
        TextCommand.class, PretrainCommand.class, GenerateCommand.class,
        ExportCommand.class, EvalCommand.class,
        PluginsCommand.class, EnvCommand.class, CommandLine.HelpCommand.class})
public final class Main {

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code: 0 ok, 1 failed, 2 bad usage or input. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler(Main::handle);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    return cl;
  }

  /** Known failures get one clear line; anything else is a bug and keeps its stack trace. */
  private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
    PrintWriter err = cl.getErr();
    if (e instanceof ConfigException || e instanceof InputException
        || e instanceof IllegalArgumentException) {
      err.println("error: " + e.getMessage());
      return 2;
    }
    if (e instanceof LlmtrainException) {
      err.println("error: " + e.getMessage());
      if (e.getCause() != null) {
        e.getCause().printStackTrace(err);
      }
      return 1;
    }
    err.println("error: " + e);
    e.printStackTrace(err);
    return 1;
  }

  static final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"llmtrain " + Version.get()};
    }
  }
}
