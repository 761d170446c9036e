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

import com.google.common.collect.HashMultiset;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Multiset;
import com.google.common.collect.Multisets;
import com.googlesource.gerrit.plugins.backportguard.replay.History;
import com.googlesource.gerrit.plugins.backportguard.replay.HistoryCommit;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.jgit.revwalk.FooterLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads every commit message of the real Wikimedia histories in {@code
 * src/test/resources/histories/} (see its README): the plugin must read exactly the {@code
 * Depends-On} footers that JGit's {@link FooterLine} reads (the parser behind Gerrit's {@code
 * footer:} search), and every {@code Depends-On} trailer that {@code git interpret-trailers
 * --parse} reads must be parsed or reported back. Prints where git and JGit disagree, which
 * footers.md summarizes.
 */
class RealHistoryFootersTest {
  private static final DependencyFooterParser PARSER =
      new DependencyFooterParser(
          new ChangeUrlParser(Optional.of("https://gerrit.wikimedia.org/r/")));

  private static List<HistoryCommit> commits;

  @BeforeAll
  static void readHistories() throws IOException {
    commits = new ArrayList<>();
    for (String file : History.FILES) {
      commits.addAll(History.read(file).commits());
    }
  }

  /** A footer as JGit's {@code footer:} index would quote it back, the way the plugin does. */
  private static String line(FooterLine f) {
    return (f.getKey() + ": " + f.getValue()).strip();
  }

  @Test
  void pluginReadsExactlyTheDependsOnFootersJGitReads() {
    int footers = 0;
    int parsed = 0;
    for (HistoryCommit c : commits) {
      Multiset<String> jgit = HashMultiset.create();
      FooterLine.fromMessage(c.message()).stream()
          .filter(f -> f.matches(DependencyFooterParser.DEPENDS_ON))
          .forEach(f -> jgit.add(line(f)));
      DeclaredDependencies declared = PARSER.parse(c.message());
      Multiset<String> dependencies = HashMultiset.create();
      declared.dependencies().forEach(d -> dependencies.add(d.line()));
      Multiset<String> reported = HashMultiset.create();
      declared.unreadable().forEach(u -> reported.add(u.line()));

      // Each JGit footer is parsed or reported back, and nothing else is parsed.
      assertWithMessage("dependencies of commit %s", c.sha())
          .that(Multisets.containsOccurrences(jgit, dependencies))
          .isTrue();
      Multiset<String> unparsed = Multisets.difference(jgit, dependencies);
      assertWithMessage("Depends-On footers of commit %s neither parsed nor reported", c.sha())
          .that(Multisets.difference(unparsed, reported))
          .isEmpty();
      footers += jgit.size();
      parsed += dependencies.size();
    }
    System.out.printf(
        "%d commit messages, %d Depends-On footers, %d parsed%n", commits.size(), footers, parsed);
    assertThat(commits.size()).isGreaterThan(18_000);
    // Nearly all real footers are well-formed Change-Ids; they must parse.
    assertThat(parsed).isAtLeast(footers * 95 / 100);
  }

  @Test
  void whatGitInterpretTrailersReadsIsParsedOrReportedBack() throws Exception {
    ImmutableList<ImmutableList<GitTrailers.Trailer>> git =
        GitTrailers.parse(commits.stream().map(HistoryCommit::message).toList());
    int gitDependsOn = 0;
    int differing = 0;
    Multiset<String> kinds = HashMultiset.create();
    for (int i = 0; i < commits.size(); i++) {
      HistoryCommit c = commits.get(i);
      List<FooterLine> jgitFooters = FooterLine.fromMessage(c.message());
      Multiset<String> byJGit = HashMultiset.create();
      jgitFooters.forEach(f -> byJGit.add(normalized(f.getKey(), f.getValue())));
      Multiset<String> byGit = HashMultiset.create();
      git.get(i).forEach(t -> byGit.add(normalized(t.key(), t.value())));

      DeclaredDependencies declared = PARSER.parse(c.message());
      for (GitTrailers.Trailer t : git.get(i)) {
        if (!t.key().equalsIgnoreCase("Depends-On")) {
          continue;
        }
        gitDependsOn++;
        boolean readByJGit = byJGit.contains(normalized(t.key(), t.value()));
        boolean reported =
            declared.unreadable().stream().anyMatch(u -> u.line().contains(t.value()));
        assertWithMessage(
                "commit %s: git reads \"Depends-On: %s\"; the plugin must parse or report it",
                c.sha(), t.value())
            .that(readByJGit || reported)
            .isTrue();
      }
      if (!byJGit.equals(byGit)) {
        differing++;
        String kind = FooterDifference.classify(c.message(), byJGit, byGit);
        kinds.add(kind);
        System.out.printf(
            "%s %s: only JGit reads %s; only git reads %s%n",
            c.shortSha(),
            kind,
            Multisets.difference(byJGit, byGit),
            Multisets.difference(byGit, byJGit));
      }
    }
    System.out.printf(
        "%d commit messages, %d Depends-On trailers read by git; %d messages where git and JGit"
            + " read different footers: %s%n",
        commits.size(), gitDependsOn, differing, kinds);
    // git ran and read the footers people wrote.
    assertThat(gitDependsOn).isAtLeast(500);
  }

  /** A footer as both parsers' values can be compared: key in lower case, spaces collapsed. */
  static String normalized(String key, String value) {
    return key.strip().toLowerCase(Locale.ROOT) + ": " + value.strip().replaceAll("\\s+", " ");
  }
}
