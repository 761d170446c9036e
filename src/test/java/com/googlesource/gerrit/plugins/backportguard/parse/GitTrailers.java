// Copyright (C) 2026 The Android Open Source Project
//
// Licensed under the Apache License, Version 2.0 (the "License");
// you may not use this file except in compliance with the License.
// You may obtain a copy of the License at
//
// http://www.apache.org/licenses/LICENSE-2.0
//
// Unless required by applicable law or agreed to in writing, software
// distributed under the License is distributed on an "AS IS" BASIS,
// WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
// See the License for the specific language governing permissions and
// limitations under the License.

package com.googlesource.gerrit.plugins.backportguard.parse;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Runs {@code git interpret-trailers --parse} on many commit messages at once: the messages are
 * written to files that git rewrites in place to their trailers, a few thousand files per run.
 */
final class GitTrailers {
  private static final int FILES_PER_RUN = 2000;

  /** One trailer as git prints it with {@code --parse}: unfolded, {@code key: value}. */
  record Trailer(String key, String value) {}

  private GitTrailers() {}

  /** Whether a git binary runs here; the tests that compare with git are skipped without one. */
  static boolean available() {
    try {
      Process p =
          new ProcessBuilder("git", "--version")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The assumption message when git is absent. */
  static final String NO_GIT =
      "git is not installed (no \"git\" on PATH): these figures are checked against"
          + " git interpret-trailers, an implementation that shares nothing with the plugin";

  /** The trailers git reads in each message, in the messages' order. */
  static ImmutableList<ImmutableList<Trailer>> parse(List<String> messages)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("git-trailers");
    try {
      List<Path> files = new ArrayList<>();
      for (int i = 0; i < messages.size(); i++) {
        Path f = dir.resolve(Integer.toString(i));
        Files.writeString(f, messages.get(i), UTF_8);
        files.add(f);
      }
      for (int from = 0; from < files.size(); from += FILES_PER_RUN) {
        run(dir, files.subList(from, Math.min(files.size(), from + FILES_PER_RUN)));
      }
      ImmutableList.Builder<ImmutableList<Trailer>> out = ImmutableList.builder();
      for (Path f : files) {
        ImmutableList.Builder<Trailer> trailers = ImmutableList.builder();
        for (String line : Files.readAllLines(f, UTF_8)) {
          int colon = line.indexOf(':');
          trailers.add(
              colon < 0
                  ? new Trailer(line, "")
                  : new Trailer(line.substring(0, colon), line.substring(colon + 1).strip()));
        }
        out.add(trailers.build());
      }
      return out.build();
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static void run(Path dir, List<Path> files) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(List.of("git", "interpret-trailers", "--in-place", "--parse"));
    files.forEach(f -> cmd.add(f.getFileName().toString()));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO();
    // git's defaults, whatever the machine's configuration says about trailers.
    pb.environment().put("GIT_CONFIG_NOSYSTEM", "1");
    pb.environment().put("GIT_CONFIG_GLOBAL", "/dev/null");
    pb.environment().remove("GIT_DIR");
    Process p = pb.start();
    if (p.waitFor() != 0) {
      throw new IOException("git interpret-trailers failed with exit code " + p.exitValue());
    }
  }
}
