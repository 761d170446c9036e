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
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * One exported repository of {@code src/test/resources/histories/} (see its README): the project's
 * name, its commits with parents before children, and its branches.
 *
 * @param project the Gerrit project name the file was exported from
 * @param commits every commit, parents before children
 * @param branches full ref name to the original SHA-1 of its tip
 */
public record History(
    String project, ImmutableList<HistoryCommit> commits, ImmutableMap<String, String> branches) {
  public static final String GROWTH_EXPERIMENTS = "GrowthExperiments.jsonl.gz";
  public static final String DISCUSSION_TOOLS = "DiscussionTools.jsonl.gz";
  public static final ImmutableList<String> FILES =
      ImmutableList.of(GROWTH_EXPERIMENTS, DISCUSSION_TOOLS);

  /**
   * The directory of the exported histories: {@code HISTORIES_DIR} if set, else the repository's
   * own {@code src/test/resources/histories} from the working directory (the project's, under
   * Maven).
   */
  public static Path dataDir() {
    String configured = System.getenv("HISTORIES_DIR");
    Path dir = Path.of(configured != null ? configured : "src/test/resources/histories");
    assertWithMessage("the histories directory %s (set HISTORIES_DIR)", dir.toAbsolutePath())
        .that(Files.isDirectory(dir))
        .isTrue();
    return dir;
  }

  /** Reads one file of the histories directory. */
  public static History read(String file) throws IOException {
    return read(dataDir().resolve(file));
  }

  public static History read(Path file) throws IOException {
    String project = null;
    List<HistoryCommit> commits = new ArrayList<>();
    Map<String, String> branches = new LinkedHashMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(new GZIPInputStream(Files.newInputStream(file)), UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
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
      throw new IOException(file + " names no project");
    }
    return new History(project, ImmutableList.copyOf(commits), ImmutableMap.copyOf(branches));
  }
}
