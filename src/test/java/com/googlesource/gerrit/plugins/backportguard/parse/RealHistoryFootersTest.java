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
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.collect.HashMultiset;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Multiset;
import com.google.common.collect.Multisets;
import com.googlesource.gerrit.plugins.backportguard.replay.History;
import com.googlesource.gerrit.plugins.backportguard.replay.HistoryCommit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.revwalk.FooterLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reads every commit message of the real Wikimedia histories in {@code
 * src/test/resources/histories/} (see its README) and holds the plugin's parser to {@code git
 * interpret-trailers --parse}, an implementation that shares no code with it (the parser is built
 * on JGit): the plugin parses exactly the {@code Depends-On} trailers git reads, in every message
 * but the one footers.md shows, and reports back what it does not parse. It must also parse exactly
 * the footers that JGit's {@link FooterLine} reads (the parser behind Gerrit's {@code footer:}
 * search). The counts asserted are the figures docs/footers-real-history.md states.
 */
class RealHistoryFootersTest {
  private static final DependencyFooterParser PARSER =
      new DependencyFooterParser(
          new ChangeUrlParser(Optional.of("https://gerrit.wikimedia.org/r/")));

  /** The messages of both histories. */
  private static final int MESSAGES = 18_030;

  /** The Depends-On trailers git reads in them. */
  private static final int GIT_DEPENDS_ON = 558;

  /** The Depends-On footers the plugin parses in them. */
  private static final int PARSED = 562;

  /**
   * The only message where the plugin and git read different Depends-On lines, and how many only
   * the plugin reads: its last line is a hand-written "(cherry-picked from ...)", so git reads no
   * trailer in that paragraph (footers.md).
   */
  private static final String ONLY_DIFFERENCE = "93e944e8fd";

  private static final int ONLY_THE_PLUGIN_READS = 4;

  private static List<HistoryCommit> commits;
  private static ImmutableList<ImmutableList<GitTrailers.Trailer>> git;

  @BeforeAll
  static void readHistories() throws Exception {
    assumeTrue(GitTrailers.available(), GitTrailers.NO_GIT);
    commits = new ArrayList<>();
    for (History h : History.readAll(History.repositoryHistories())) {
      commits.addAll(h.commits());
    }
    git = GitTrailers.parse(commits.stream().map(HistoryCommit::message).toList());
  }

  /** A footer as JGit's {@code footer:} index would quote it back, the way the plugin does. */
  private static String line(FooterLine f) {
    return (f.getKey() + ": " + f.getValue()).strip();
  }

  @Test
  void pluginParsesExactlyTheDependsOnTrailersGitReads() {
    int byGit = 0;
    int parsed = 0;
    int reported = 0;
    Map<String, String> differing = new TreeMap<>();
    int onlyThePlugin = 0;
    for (int i = 0; i < commits.size(); i++) {
      HistoryCommit c = commits.get(i);
      Multiset<String> gitDependsOn = HashMultiset.create();
      git.get(i).stream()
          .filter(t -> t.key().equalsIgnoreCase("Depends-On"))
          .forEach(t -> gitDependsOn.add(normalized(t.key(), t.value())));
      DeclaredDependencies declared = PARSER.parse(c.message());
      Multiset<String> pluginDependsOn = HashMultiset.create();
      for (DeclaredDependency d : declared.dependencies()) {
        int colon = d.line().indexOf(':');
        pluginDependsOn.add(
            normalized(d.line().substring(0, colon), d.line().substring(colon + 1)));
      }
      byGit += gitDependsOn.size();
      parsed += pluginDependsOn.size();
      reported += declared.unreadable().size();
      if (gitDependsOn.equals(pluginDependsOn)) {
        continue;
      }
      Multiset<String> onlyGit = Multisets.difference(gitDependsOn, pluginDependsOn);
      Multiset<String> onlyPlugin = Multisets.difference(pluginDependsOn, gitDependsOn);
      differing.put(c.shortSha(), "only the plugin: " + onlyPlugin + ", only git: " + onlyGit);
      onlyThePlugin += onlyPlugin.size();
      // What git reads and the plugin does not parse is quoted back to the author.
      for (String t : onlyGit) {
        String value = t.substring(t.indexOf(':') + 1).strip();
        assertWithMessage("commit %s: git reads \"%s\"; the plugin must report it", c.sha(), t)
            .that(declared.unreadable().stream().anyMatch(u -> u.line().contains(value)))
            .isTrue();
      }
    }
    System.out.printf(
        "%d commit messages: git reads %d Depends-On trailers, the plugin parses %d and reports %d"
            + " lines as not understood; they differ in %s%n",
        commits.size(), byGit, parsed, reported, differing);
    assertThat(commits).hasSize(MESSAGES);
    assertWithMessage("Depends-On trailers git reads").that(byGit).isEqualTo(GIT_DEPENDS_ON);
    assertWithMessage("Depends-On footers the plugin parses").that(parsed).isEqualTo(PARSED);
    assertWithMessage("lines the plugin reports as not understood").that(reported).isEqualTo(0);
    assertWithMessage("messages where the plugin and git read different Depends-On lines")
        .that(differing.keySet())
        .containsExactly(ONLY_DIFFERENCE);
    assertWithMessage("Depends-On lines only the plugin reads")
        .that(onlyThePlugin)
        .isEqualTo(ONLY_THE_PLUGIN_READS);
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
        "%d commit messages, %d Depends-On footers read by JGit, %d parsed%n",
        commits.size(), footers, parsed);
    assertThat(footers).isEqualTo(PARSED);
    assertThat(parsed).isEqualTo(PARSED);
  }

  @Test
  void gitAndJGitReadDifferentFootersWhereFootersMdSays() {
    int differing = 0;
    Multiset<String> kinds = HashMultiset.create();
    for (int i = 0; i < commits.size(); i++) {
      HistoryCommit c = commits.get(i);
      Multiset<String> byJGit = HashMultiset.create();
      FooterLine.fromMessage(c.message())
          .forEach(f -> byJGit.add(normalized(f.getKey(), f.getValue())));
      Multiset<String> byGit = HashMultiset.create();
      git.get(i).forEach(t -> byGit.add(normalized(t.key(), t.value())));
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
        "%d messages where git and JGit read different footers: %s%n", differing, kinds);
    assertThat(differing).isEqualTo(18);
    assertThat(kinds.count(FooterDifference.NOT_ALL_TRAILERS)).isEqualTo(17);
    assertThat(kinds.count(FooterDifference.DIVIDER)).isEqualTo(1);
  }

  /** A footer as both parsers' values can be compared: key in lower case, spaces collapsed. */
  static String normalized(String key, String value) {
    return key.strip().toLowerCase(Locale.ROOT) + ": " + value.strip().replaceAll("\\s+", " ");
  }
}
