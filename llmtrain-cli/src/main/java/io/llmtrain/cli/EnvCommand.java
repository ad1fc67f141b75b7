package io.llmtrain.cli;

import io.llmtrain.core.Version;
import io.llmtrain.core.compute.Devices;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** What llmtrain will run on here: Java, cores, memory, the DJL engine and its devices. */
@Command(name = "env", mixinStandardHelpOptions = true,
    description = "Show the Java runtime, cores, memory and compute devices llmtrain sees.")
final class EnvCommand implements Callable<Integer> {

  @Override
  public Integer call() {
    Runtime rt = Runtime.getRuntime();
    System.out.println("llmtrain  " + Version.get());
    System.out.println("java      " + System.getProperty("java.vm.name") + " "
        + System.getProperty("java.version"));
    System.out.println("cores     " + rt.availableProcessors());
    System.out.printf("heap max  %.1f GiB%n", rt.maxMemory() / (double) (1L << 30));
    System.out.println("offline   " + Boolean.getBoolean("ai.djl.offline"));
    System.out.println("engine    " + Devices.describe());
    return 0;
  }
}
