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

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import org.eclipse.jgit.revwalk.FooterLine;
import org.junit.jupiter.api.Test;

/**
 * Reads the real Wikimedia commit histories in {@code ../shared/data/} (see its README): every
 * {@code Depends-On} footer that people wrote must be either parsed or reported back, never
 * dropped, and the common shapes must parse.
 */
class RealHistoryFootersTest {
  private static final String[] FILES = {"GrowthExperiments.jsonl.gz", "DiscussionTools.jsonl.gz"};

  private final DependencyFooterParser parser =
      new DependencyFooterParser(
          new ChangeUrlParser(Optional.of("https://gerrit.wikimedia.org/r/")));

  static Path dataDir() {
    String configured = System.getenv("SHARED_DATA_DIR");
    Path dir = Path.of(configured != null ? configured : "../shared/data");
    assertWithMessage("the shared data directory %s (set SHARED_DATA_DIR)", dir.toAbsolutePath())
        .that(Files.isDirectory(dir))
        .isTrue();
    return dir;
  }

  @Test
  void everyDependsOnFooterIsParsedOrReportedBack() throws IOException {
    int footers = 0;
    int parsed = 0;
    int reported = 0;
    int messages = 0;
    for (String file : FILES) {
      try (BufferedReader in =
          new BufferedReader(
              new InputStreamReader(
                  new GZIPInputStream(Files.newInputStream(dataDir().resolve(file))), UTF_8))) {
        String line;
        while ((line = in.readLine()) != null) {
          JsonObject record = JsonParser.parseString(line).getAsJsonObject();
          if (!record.get("type").getAsString().equals("commit")) {
            continue;
          }
          messages++;
          String message = record.get("message").getAsString();
          List<FooterLine> jgit =
              FooterLine.fromMessage(message).stream()
                  .filter(f -> f.matches(DependencyFooterParser.DEPENDS_ON))
                  .toList();
          DeclaredDependencies declared = parser.parse(message);
          long fromFooters =
              declared.unreadable().stream()
                  .filter(u -> u.line().regionMatches(true, 0, "Depends-On:", 0, 11))
                  .count();
          assertWithMessage("Depends-On footers of commit %s", record.get("sha").getAsString())
              .that(declared.dependencies().size() + fromFooters)
              .isEqualTo(jgit.size());
          footers += jgit.size();
          parsed += declared.dependencies().size();
          reported += declared.unreadable().size();
        }
      }
    }
    System.out.printf(
        "%d commit messages, %d Depends-On footers, %d parsed, %d lines reported back%n",
        messages, footers, parsed, reported);
    assertThat(messages).isGreaterThan(18_000);
    // Nearly all real footers are well-formed Change-Ids; they must parse.
    assertThat(parsed).isAtLeast(footers * 95 / 100);
  }
}
