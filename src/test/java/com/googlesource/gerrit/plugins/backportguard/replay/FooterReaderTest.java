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

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The replay's own footer reader: Gerrit's documented rule on the cases footers.md lists, and on
 * the real histories the same count of Depends-On footers that RealHistoryFootersTest holds the
 * plugin and JGit to (562), though it shares no code with either.
 */
class FooterReaderTest {
  private static final String ID = "I0123456789abcdef0123456789abcdef01234567";

  @Test
  void readsTheLastParagraph() {
    assertThat(
            FooterReader.values(
                "Fix it\n\nDepends-On: I1\n\nBody.\n\nDepends-on: " + ID + "\nChange-Id: I2\n",
                "Depends-On"))
        .containsExactly(ID);
  }

  @Test
  void aLineOfSpacesDoesNotEndTheParagraph() {
    assertThat(
            FooterReader.values(
                "Fix it\n\nBody.\nDepends-On: " + ID + "\n  \nChange-Id: I2\n", "Depends-On"))
        .containsExactly(ID);
  }

  @Test
  void readsFromTheSecondLineWithoutABlankLine() {
    assertThat(FooterReader.values("Fix it\nDepends-On: " + ID + "\n", "Depends-On"))
        .containsExactly(ID);
    assertThat(FooterReader.values("Depends-On: " + ID + "\n", "Depends-On")).isEmpty();
  }

  @Test
  void anIndentedLineContinuesTheValueAbove() {
    assertThat(FooterReader.footers("Fix it\n\nBug: T1\n  Depends-On: " + ID + "\n"))
        .containsExactly(new FooterReader.Footer("Bug", "T1 Depends-On: " + ID));
  }

  @Test
  void readsCrlfAndNoSpaceAfterTheColon() {
    assertThat(FooterReader.values("Fix it\r\n\r\nDEPENDS-ON:" + ID + "\r\n", "Depends-On"))
        .containsExactly(ID);
  }

  @Test
  void skipsProseAndSpaceBeforeTheColon() {
    assertThat(
            FooterReader.footers(
                "Fix it\n\nDepends-On : I1\nChange-Id: I2\n(cherry-picked from commit 3e82)\n"))
        .containsExactly(new FooterReader.Footer("Change-Id", "I2"));
  }

  @Test
  void listsLinesItDoesNotModel() {
    assertThat(FooterReader.unjudged("Fix it\n\nDepends on I1\nChange-Id: I2\n")).hasSize(1);
    assertThat(FooterReader.unjudged("Fix it\n\nDepends-On: " + ID + "\n---\nlog\n\nChange-Id: I2"))
        .hasSize(1);
    assertThat(FooterReader.unjudged("Fix it\n\nDepends-On: " + ID + "\nChange-Id: I2\n"))
        .isEmpty();
  }

  @Test
  void readsAsManyDependsOnFootersInTheRealHistoriesAsGerrit() throws Exception {
    int footers = 0;
    for (History h : History.readAll(History.repositoryHistories())) {
      for (HistoryCommit c : h.commits()) {
        footers += FooterReader.values(c.message(), "Depends-On").size();
      }
    }
    assertThat(footers).isEqualTo(562);
  }
}
