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

import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.revwalk.FooterLine;
import org.junit.jupiter.api.Test;

/**
 * The ways of writing a {@code Depends-On} line that footers.md lists, with what {@code git
 * interpret-trailers --parse} and JGit (Gerrit's {@code footer:}) read and what the plugin does, as
 * its table says: each case checks the count git reads (the installed git, which shares nothing
 * with the plugin), the count JGit reads, and the plugin's dependencies and reported lines against
 * the table's own column, not against JGit's answer.
 */
class InterpretTrailersCasesTest {
  private static final String ID = "I0123456789abcdef0123456789abcdef01234567";
  private static final String OWN = "Iabcdefabcdefabcdefabcdefabcdefabcdefabcd";

  private final DependencyFooterParser parser =
      new DependencyFooterParser(new ChangeUrlParser(Optional.of("https://gerrit.example.org/")));

  /** What footers.md says the plugin does with the line. */
  private enum Plugin {
    /** One dependency, the Change-Id, and nothing reported. */
    PARSES,
    /** No dependency, and one line quoting the Change-Id reported as not understood. */
    REPORTS
  }

  /**
   * @param name as footers.md names the case
   * @param message the commit message
   * @param git whether git reads the Depends-On line as a trailer
   * @param jgit whether JGit reads it as a footer
   * @param plugin what the plugin does with it
   */
  private record Case(String name, String message, boolean git, boolean jgit, Plugin plugin) {}

  private static final ImmutableList<Case> CASES =
      ImmutableList.of(
          new Case(
              "space before the colon",
              "Fix it\n\nBody.\n\nDepends-On : " + ID + "\nChange-Id: " + OWN + "\n",
              true,
              false,
              Plugin.REPORTS),
          new Case(
              "above a --- line",
              "Fix it\n\nBody.\n\nDepends-On: "
                  + ID
                  + "\n---\nTest output:\n--- expected\n+++ actual\n\nChange-Id: "
                  + OWN
                  + "\n",
              true,
              false,
              Plugin.REPORTS),
          new Case(
              "a prose line in the last paragraph",
              "Fix it\n\nBody.\n\nDepends-On: " + ID + "\nChange-Id: " + OWN + "\nThanks!\n",
              false,
              true,
              Plugin.PARSES),
          new Case(
              "hand-written cherry-pick note",
              "Fix it\n\nBody.\n\nDepends-On: "
                  + ID
                  + "\nChange-Id: "
                  + OWN
                  + "\n(cherry-picked from commit 3e82b6b435cb429a47b8949921fc58051ba735a7)\n",
              false,
              true,
              Plugin.PARSES),
          new Case(
              "no blank line after the subject",
              "Fix it\nDepends-On: " + ID + "\nChange-Id: " + OWN + "\n",
              false,
              true,
              Plugin.PARSES),
          new Case(
              "a line of spaces above the footers",
              "Fix it\n\nBody.\nDepends-On: " + ID + "\n  \nChange-Id: " + OWN + "\n",
              false,
              true,
              Plugin.PARSES),
          new Case(
              "indented, continuing the line above",
              "Fix it\n\nBody.\n\nBug: T1\n  Depends-On: " + ID + "\nChange-Id: " + OWN + "\n",
              false,
              false,
              Plugin.REPORTS),
          new Case(
              "indented first line of the paragraph",
              "Fix it\n\nBody.\n\n  Depends-On: " + ID + "\nChange-Id: " + OWN + "\n",
              false,
              false,
              Plugin.REPORTS),
          new Case(
              "a Signed-off-by among prose",
              "Fix it\n\nBody.\n\nSigned-off-by: A <a@example.org>\nSee the task.\nDepends-On: "
                  + ID
                  + "\nChange-Id: "
                  + OWN
                  + "\n",
              true,
              true,
              Plugin.PARSES),
          new Case(
              "no space after the colon, CRLF line ends",
              "Fix it\r\n\r\nBody.\r\n\r\nDepends-On:" + ID + "\r\nChange-Id: " + OWN + "\r\n",
              true,
              true,
              Plugin.PARSES),
          new Case(
              "key in lower case",
              "Fix it\n\nBody.\n\nDepends-on: " + ID + "\nChange-Id: " + OWN + "\n",
              true,
              true,
              Plugin.PARSES),
          new Case(
              "key in capitals",
              "Fix it\n\nBody.\n\nDEPENDS-ON: " + ID + "\nChange-Id: " + OWN + "\n",
              true,
              true,
              Plugin.PARSES),
          new Case(
              "no space after the colon",
              "Fix it\n\nBody.\n\nDepends-On:" + ID + "\nChange-Id: " + OWN + "\n",
              true,
              true,
              Plugin.PARSES));

  @Test
  void eachCaseReadsAsDocumentedAndIsParsedOrReported() throws Exception {
    assumeTrue(GitTrailers.available(), GitTrailers.NO_GIT);
    ImmutableList<ImmutableList<GitTrailers.Trailer>> git =
        GitTrailers.parse(CASES.stream().map(Case::message).toList());
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      long byGit =
          git.get(i).stream()
              .filter(t -> t.key().equalsIgnoreCase("Depends-On") && t.value().equals(ID))
              .count();
      long byJGit =
          FooterLine.fromMessage(c.message()).stream()
              .filter(
                  f ->
                      f.matches(DependencyFooterParser.DEPENDS_ON)
                          && f.getValue().strip().equals(ID))
              .count();
      assertWithMessage("Depends-On lines git reads in \"%s\"", c.name())
          .that(byGit)
          .isEqualTo(c.git() ? 1 : 0);
      assertWithMessage("Depends-On lines JGit reads in \"%s\"", c.name())
          .that(byJGit)
          .isEqualTo(c.jgit() ? 1 : 0);

      DeclaredDependencies declared = parser.parse(c.message());
      boolean parses = c.plugin() == Plugin.PARSES;
      assertWithMessage("the plugin's dependencies in \"%s\"", c.name())
          .that(declared.dependencies().stream().map(DeclaredDependency::ref).toList())
          .isEqualTo(parses ? List.of(new DependencyRef.ChangeId(ID)) : List.of());
      assertWithMessage("the lines the plugin reports back in \"%s\"", c.name())
          .that(declared.unreadable().stream().filter(u -> u.line().contains(ID)).count())
          .isEqualTo(parses ? 0 : 1);
      assertWithMessage("the lines the plugin reports back in \"%s\"", c.name())
          .that(declared.unreadable())
          .hasSize(parses ? 0 : 1);
    }
  }
}
