package io.llmtrain.core.checkpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointsTest {
  @TempDir
  Path run;

  private Path write(Checkpoints c, long step) throws IOException {
    Map<String, Checkpoints.FileWriter> files = new LinkedHashMap<>();
    files.put("a.txt", f -> Files.writeString(f, "step " + step));
    files.put("b.json", Checkpoints.json(Map.of("step", step)));
    return c.write(step, files, Map.of("tokenizerSha256", "cafe"));
  }

  @Test
  void writesAManifestOfEveryFileAndKeepsTheNewestK() throws IOException {
    Checkpoints c = new Checkpoints(run, 2);
    for (long s : new long[] {100, 200, 300}) {
      write(c, s);
    }
    assertThat(c.list()).extracting(p -> p.getFileName().toString())
        .containsExactly("checkpoint-000300", "checkpoint-000200");
    var manifest = Checkpoints.verify(run.resolve("checkpoint-000300"));
    assertThat(manifest.path("step").asLong()).isEqualTo(300);
    assertThat(manifest.path("extra").path("tokenizerSha256").asText()).isEqualTo("cafe");
    assertThat(manifest.path("files").path("a.txt").path("sha256").asText())
        .isEqualTo(Checkpoints.sha256(run.resolve("checkpoint-000300/a.txt")));
    assertThat(manifest.path("files").path("a.txt").path("bytes").asLong()).isEqualTo(8);
    try (var s = Files.list(run)) {
      assertThat(s.filter(p -> p.getFileName().toString().startsWith("."))).isEmpty();
    }
  }

  @Test
  void aFailedWriteLeavesNothingBehind() throws IOException {
    Checkpoints c = new Checkpoints(run, 3);
    write(c, 1);
    Map<String, Checkpoints.FileWriter> files = new LinkedHashMap<>();
    files.put("a.txt", f -> Files.writeString(f, "x"));
    files.put("b.txt", f -> {
      throw new IOException("disk full");
    });
    assertThatThrownBy(() -> c.write(2, files, Map.of())).hasMessageContaining("disk full");
    try (var s = Files.list(run)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("checkpoint-000001");
    }
  }

  @Test
  void resumeSkipsUnfinishedAndDamagedCheckpointsNamingTheFile() throws IOException {
    Checkpoints c = new Checkpoints(run, 5);
    write(c, 10);
    write(c, 20);
    write(c, 30);
    // Killed between file writes: a temporary directory that is never a candidate.
    Path tmp = run.resolve(".checkpoint-000040.tmp-77");
    Files.createDirectories(tmp);
    Files.writeString(tmp.resolve("a.txt"), "half");
    // A directory without its manifest (copied by hand, say) is incomplete.
    Files.writeString(run.resolve("checkpoint-000030/manifest.json"), "{\"format\": 1",
        StandardCharsets.UTF_8);
    // A truncated file in the next one.
    Files.writeString(run.resolve("checkpoint-000020/a.txt"), "step");
    assertThatThrownBy(() -> Checkpoints.verify(run.resolve("checkpoint-000020")))
        .isInstanceOf(CheckpointException.class)
        .hasMessageContaining(run.resolve("checkpoint-000020/a.txt").toString())
        .hasMessageContaining("4 bytes, the manifest says 7");
    assertThatThrownBy(() -> Checkpoints.verify(run.resolve("checkpoint-000030")))
        .hasMessageContaining("manifest.json");
    assertThat(c.latestValid()).contains(run.resolve("checkpoint-000010"));

    Files.delete(run.resolve("checkpoint-000010/b.json"));
    assertThatThrownBy(c::latestValid).isInstanceOf(CheckpointException.class)
        .hasMessageContaining("none of the 3 checkpoints");
    // The next write clears the unfinished temporary directory.
    write(c, 40);
    assertThat(tmp).doesNotExist();
    assertThat(c.latestValid()).contains(run.resolve("checkpoint-000040"));
  }

  @Test
  void noCheckpointMeansAFreshStart() throws IOException {
    assertThat(new Checkpoints(run.resolve("absent"), 1).latestValid()).isEmpty();
  }
}
