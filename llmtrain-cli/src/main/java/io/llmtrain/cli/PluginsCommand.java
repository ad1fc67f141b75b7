package io.llmtrain.cli;

import io.llmtrain.core.spi.ByteDecoder;
import io.llmtrain.core.spi.Plugins;
import io.llmtrain.core.spi.ProcessorProvider;
import io.llmtrain.core.spi.StepProvider;
import io.llmtrain.eval.metric.MetricProvider;
import io.llmtrain.eval.task.ModelTaskProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** Lists every plugin on the class path, as users would find them by name. */
@Command(name = "plugins", mixinStandardHelpOptions = true,
    description = "List the document processors, lifecycle steps, text metrics, evaluation "
        + "tasks and decoders available.")
final class PluginsCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    System.out.println("document processors:");
    Plugins.all(ProcessorProvider.class).forEach((name, p) ->
        System.out.printf("  %-20s %s%n", name, p.description()));
    System.out.println("lifecycle steps:");
    if (Plugins.all(StepProvider.class).isEmpty()) {
      System.out.println("  (none yet)");
    }
    Plugins.all(StepProvider.class).forEach((name, p) ->
        System.out.printf("  %-20s %-9s %s%n", name, p.kind().label(), p.description()));
    System.out.println("text metrics (eval bleu|chrf|rouge, eval generate --metric):");
    Plugins.all(MetricProvider.class).forEach((name, p) ->
        System.out.printf("  %-20s %s%n", name, p.description()));
    System.out.println("evaluation tasks (ModelEvaluation tasks):");
    Plugins.all(ModelTaskProvider.class).forEach((name, p) ->
        System.out.printf("  %-20s %s%n", name, p.description()));
    System.out.println("byte decoders (for input that is not UTF-8):");
    Plugins.all(ByteDecoder.class).forEach((name, p) ->
        System.out.printf("  %-20s priority %d  %s%n", name, p.priority(), p.description()));
    return 0;
  }
}
