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

package com.googlesource.gerrit.plugins.backportguard.replay;

import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * One exported repository (the format of {@code src/test/resources/histories/}, see its README):
 * the project's name, its commits with parents before children, and its branches.
 *
 * @param project the Gerrit project name: the file's {@code project} record, else the file's name
 *     without {@code .jsonl.gz} or {@code .jsonl}
 * @param commits every commit, parents before children
 * @param branches full ref name to the original SHA-1 of its tip
 */
public record History(
    String project, ImmutableList<HistoryCommit> commits, ImmutableMap<String, String> branches) {
  private static final String GZIPPED = ".jsonl.gz";
  private static final String PLAIN = ".jsonl";

  /**
   * The repository's own histories, {@code src/test/resources/histories}: {@code HISTORIES_DIR} if
   * set (Maven sets it to the absolute path), else the path from the working directory.
   */
  public static Path repositoryHistories() {
    String configured = System.getenv("HISTORIES_DIR");
    return existing(Path.of(configured != null ? configured : "src/test/resources/histories"));
  }

  private static Path existing(Path dir) {
    assertWithMessage("the histories directory %s", dir.toAbsolutePath())
        .that(Files.isDirectory(dir))
        .isTrue();
    return dir;
  }

  /**
   * The export files of a directory, in name order: every {@code *.jsonl.gz}, and every plain
   * {@code *.jsonl} (the hand-made fixtures, readable in a diff).
   */
  public static ImmutableList<Path> files(Path dir) throws IOException {
    existing(dir);
    try (Stream<Path> all = Files.list(dir)) {
      ImmutableList<Path> files =
          all.filter(
                  f -> {
                    String n = f.getFileName().toString();
                    return n.endsWith(GZIPPED) || n.endsWith(PLAIN);
                  })
              .sorted()
              .collect(ImmutableList.toImmutableList());
      assertWithMessage("export files (*.jsonl.gz, *.jsonl) in %s", dir.toAbsolutePath())
          .that(files)
          .isNotEmpty();
      return files;
    }
  }

  /**
   * The short name of the branch backports are taken from: {@code master}, or {@code main} when
   * there is no master.
   */
  public String main() {
    return branches.containsKey("refs/heads/master") ? "master" : "main";
  }

  /** The full name of {@link #main()}. */
  public String mainRef() {
    return "refs/heads/" + main();
  }

  /** Reads every export of a directory; two exports must not name the same project. */
  public static ImmutableList<History> readAll(Path dir) throws IOException {
    ImmutableList.Builder<History> out = ImmutableList.builder();
    Map<String, Path> seen = new LinkedHashMap<>();
    for (Path f : files(dir)) {
      History h = read(f);
      Path other = seen.putIfAbsent(h.project(), f);
      if (other != null) {
        throw new IOException(
            f + " and " + other + " both hold project " + h.project() + ": one project a file");
      }
      out.add(h);
    }
    return out.build();
  }

  public static History read(Path file) throws IOException {
    String project = null;
    List<HistoryCommit> commits = new ArrayList<>();
    Map<String, String> branches = new LinkedHashMap<>();
    String fileName = file.getFileName().toString();
    boolean gzipped = fileName.endsWith(GZIPPED);
    InputStream raw = Files.newInputStream(file);
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(gzipped ? new GZIPInputStream(raw) : raw, UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JsonObject record = JsonParser.parseString(line).getAsJsonObject();
        switch (record.get("type").getAsString()) {
          case "project" -> project = record.get("name").getAsString();
          case "commit" -> {
            List<String> parents = new ArrayList<>();
            for (JsonElement p : record.getAsJsonArray("parents")) {
              parents.add(p.getAsString());
            }
            commits.add(
                new HistoryCommit(
                    record.get("sha").getAsString(),
                    ImmutableList.copyOf(parents),
                    record.get("author_time").getAsLong(),
                    record.get("message").getAsString()));
          }
          case "branch" ->
              branches.put(record.get("name").getAsString(), record.get("tip").getAsString());
          default -> throw new IOException("unknown record type in " + file + ": " + line);
        }
      }
    }
    if (project == null) {
      project =
          fileName.substring(0, fileName.length() - (gzipped ? GZIPPED.length() : PLAIN.length()));
    }
    if (!branches.containsKey("refs/heads/master") && !branches.containsKey("refs/heads/main")) {
      throw new IOException(
          file + " has no branch refs/heads/master or refs/heads/main to take backports from");
    }
    return new History(project, ImmutableList.copyOf(commits), ImmutableMap.copyOf(branches));
  }
}
