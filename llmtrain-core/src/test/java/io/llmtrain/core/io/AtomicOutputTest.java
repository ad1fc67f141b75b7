package io.llmtrain.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicOutputTest {
  @TempDir
  Path dir;

  @Test
  void appearsOnlyOnCommitAndLeavesNoTemporaryBehind() throws Exception {
    Path target = dir.resolve("out.jsonl");
    try (AtomicOutput out = AtomicOutput.create(target)) {
      out.write("{\"text\": \"ok\"}\n".getBytes(StandardCharsets.UTF_8));
      assertThat(target).doesNotExist();
      out.commit();
    }
    assertThat(Files.readString(target)).isEqualTo("{\"text\": \"ok\"}\n");
    try (AtomicOutput out = AtomicOutput.create(dir.resolve("aborted.txt"))) {
      out.write(1);
    }
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("out.jsonl");
    }
  }

  @Test
  void outputsGetTheUsersUsualPermissionsNotPrivateTemporaryOnes() throws Exception {
    assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path plain = Files.createFile(dir.resolve("plain.txt"));
    Path atomic = dir.resolve("atomic.txt");
    AtomicOutput.write(atomic, "x".getBytes(StandardCharsets.UTF_8));
    assertThat(Files.getPosixFilePermissions(atomic))
        .isEqualTo(Files.getPosixFilePermissions(plain));
  }
}
