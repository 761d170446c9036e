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

import com.google.common.collect.ImmutableList;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.revwalk.FooterLine;
import org.junit.jupiter.api.Test;

/**
 * The ways of writing a {@code Depends-On} line that {@code git interpret-trailers --parse} and
 * JGit (Gerrit's {@code footer:}) read differently, as footers.md lists them: each case checks what
 * both read today, and that the plugin parses what JGit reads and reports back what only git reads.
 * Runs the installed git.
 */
class InterpretTrailersCasesTest {
  private static final String ID = "I0123456789abcdef0123456789abcdef01234567";
  private static final String OWN = "Iabcdefabcdefabcdefabcdefabcdefabcdefabcd";

  private final DependencyFooterParser parser =
      new DependencyFooterParser(new ChangeUrlParser(Optional.of("https://gerrit.example.org/")));

  /**
   * @param name as footers.md names the case
   * @param message the commit message
   * @param git whether git reads the Depends-On line as a trailer
   * @param jgit whether JGit reads it as a footer
   */
  private record Case(String name, String message, boolean git, boolean jgit) {}

  private static final ImmutableList<Case> CASES =
      ImmutableList.of(
          new Case(
              "space before the colon",
              "Fix it\n\nBody.\n\nDepends-On : " + ID + "\nChange-Id: " + OWN + "\n",
              true,
              false),
          new Case(
              "above a --- line",
              "Fix it\n\nBody.\n\nDepends-On: "
                  + ID
                  + "\n---\nTest output:\n--- expected\n+++ actual\n\nChange-Id: "
                  + OWN
                  + "\n",
              true,
              false),
          new Case(
              "a prose line in the last paragraph",
              "Fix it\n\nBody.\n\nDepends-On: " + ID + "\nChange-Id: " + OWN + "\nThanks!\n",
              false,
              true),
          new Case(
              "hand-written cherry-pick note",
              "Fix it\n\nBody.\n\nDepends-On: "
                  + ID
                  + "\nChange-Id: "
                  + OWN
                  + "\n(cherry-picked from commit 3e82b6b435cb429a47b8949921fc58051ba735a7)\n",
              false,
              true),
          new Case(
              "no blank line after the subject",
              "Fix it\nDepends-On: " + ID + "\nChange-Id: " + OWN + "\n",
              false,
              true),
          new Case(
              "a line of spaces above the footers",
              "Fix it\n\nBody.\nDepends-On: " + ID + "\n  \nChange-Id: " + OWN + "\n",
              false,
              true),
          new Case(
              "indented, continuing the line above",
              "Fix it\n\nBody.\n\nBug: T1\n  Depends-On: " + ID + "\nChange-Id: " + OWN + "\n",
              false,
              false),
          new Case(
              "indented first line of the paragraph",
              "Fix it\n\nBody.\n\n  Depends-On: " + ID + "\nChange-Id: " + OWN + "\n",
              false,
              false),
          new Case(
              "a Signed-off-by among prose",
              "Fix it\n\nBody.\n\nSigned-off-by: A <a@example.org>\nSee the task.\nDepends-On: "
                  + ID
                  + "\nChange-Id: "
                  + OWN
                  + "\n",
              true,
              true),
          new Case(
              "no space after the colon, CRLF line ends",
              "Fix it\r\n\r\nBody.\r\n\r\nDepends-On:" + ID + "\r\nChange-Id: " + OWN + "\r\n",
              true,
              true));

  @Test
  void eachCaseReadsAsDocumentedAndIsParsedOrReported() throws Exception {
    ImmutableList<ImmutableList<GitTrailers.Trailer>> git =
        GitTrailers.parse(CASES.stream().map(Case::message).toList());
    for (int i = 0; i < CASES.size(); i++) {
      Case c = CASES.get(i);
      boolean byGit =
          git.get(i).stream()
              .anyMatch(t -> t.key().equalsIgnoreCase("Depends-On") && t.value().equals(ID));
      List<FooterLine> footers = FooterLine.fromMessage(c.message());
      boolean byJGit =
          footers.stream()
              .anyMatch(
                  f ->
                      f.matches(DependencyFooterParser.DEPENDS_ON)
                          && f.getValue().strip().equals(ID));
      assertWithMessage("git reads the Depends-On of \"%s\"", c.name())
          .that(byGit)
          .isEqualTo(c.git());
      assertWithMessage("JGit reads the Depends-On of \"%s\"", c.name())
          .that(byJGit)
          .isEqualTo(c.jgit());

      DeclaredDependencies declared = parser.parse(c.message());
      boolean parsed = !declared.dependencies().isEmpty();
      boolean reported = declared.unreadable().stream().anyMatch(u -> u.line().contains(ID));
      assertWithMessage("the plugin parses the Depends-On of \"%s\"", c.name())
          .that(parsed)
          .isEqualTo(byJGit);
      assertWithMessage("the plugin reports the Depends-On of \"%s\" back", c.name())
          .that(reported)
          .isEqualTo(!byJGit);
    }
  }
}
