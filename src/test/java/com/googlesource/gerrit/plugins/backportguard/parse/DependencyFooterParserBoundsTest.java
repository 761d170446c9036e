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

import com.google.common.base.Strings;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whatever a commit message holds, the parser reads a bounded part of it and says so. */
class DependencyFooterParserBoundsTest {
  private final DependencyFooterParser parser =
      new DependencyFooterParser(new ChangeUrlParser(Optional.of("https://gerrit.example.org/")));

  private static String changeId(int i) {
    return String.format("I%040x", i + 1);
  }

  private static String withFooters(String body, int footers) {
    StringBuilder m = new StringBuilder("Subject\n\n").append(body).append("\n\n");
    for (int i = 0; i < footers; i++) {
      m.append("Depends-On: ").append(changeId(i)).append('\n');
    }
    return m.append("Change-Id: ").append(changeId(999_999)).append('\n').toString();
  }

  @Test
  void tenThousandFootersAreReadUpToTheBoundAndTheRestCounted() {
    DeclaredDependencies d = parser.parse(withFooters("Body.", 10_000));

    assertThat(d.dependencies()).hasSize(DependencyFooterParser.MAX_FOOTER_LINES);
    assertThat(d.dependencies().get(0).line()).isEqualTo("Depends-On: " + changeId(0));
    assertThat(d.unreadable()).hasSize(1);
    UnreadableLine excess = d.unreadable().get(0);
    assertThat(excess.line()).isEqualTo("9,000 more Depends-On lines");
    assertThat(excess.reason()).contains("not read");
  }

  @Test
  void fiveMegabyteBodyWithAFewFootersReadsThemAll() {
    String body = Strings.repeat("Explanation of the change, over and over.\n", 125_000);
    String message = withFooters(body, 3);
    assertThat(message.length()).isGreaterThan(5_000_000);

    DeclaredDependencies d = parser.parse(message);

    assertThat(d.dependencies()).hasSize(3);
    assertThat(d.unreadable()).isEmpty();
  }

  @Test
  void fiveMegabyteFooterBlockIsNotReadBeyondTheBound() {
    StringBuilder m = new StringBuilder("Subject\n\nBody.\n\n");
    while (m.length() < 5_000_000) {
      m.append("Depends-On: ").append(changeId(m.length())).append('\n');
    }
    DeclaredDependencies d = parser.parse(m.toString());

    assertThat(d.dependencies().size()).isAtMost(DependencyFooterParser.MAX_FOOTER_LINES);
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).line()).endsWith("more Depends-On lines");
  }

  @Test
  void oneFiveMegabyteFooterLineIsCountedNotRead() {
    String message =
        "Subject\n\nBody.\n\nDepends-On: I" + Strings.repeat("a", 5_000_000) + "\nChange-Id: I1\n";
    DeclaredDependencies d = parser.parse(message);

    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).line()).isEqualTo("1 more Depends-On line");
  }

  @Test
  void hugeValueIsUnreadableAndQuotedCut() {
    DeclaredDependencies d =
        parser.parse("Subject\n\nDepends-On: I" + Strings.repeat("a", 17_000) + "\n");

    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable()).hasSize(1);
    UnreadableLine line = d.unreadable().get(0);
    assertThat(line.line().length()).isAtMost(DependencyFooterParser.MAX_QUOTED_CHARS);
    assertThat(line.line()).startsWith("Depends-On: Iaaaa");
    assertThat(line.line()).endsWith("…");
    assertThat(line.reason()).contains("17,001 characters long");
  }

  @Test
  void hugeChangeNumberIsQuotedCutInTheReasonToo() {
    DeclaredDependencies d =
        parser.parse("Subject\n\nDepends-On: " + Strings.repeat("9", 1_500) + "\n");

    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).reason().length())
        .isAtMost(DependencyFooterParser.MAX_QUOTED_CHARS);
  }

  @Test
  void aFooterIsNeverCutFromItsContinuationLines() {
    StringBuilder m = new StringBuilder("Subject\n\n");
    for (int i = 0; i < DependencyFooterParser.MAX_FOOTER_LINES - 1; i++) {
      m.append("Signed-off-by: someone ").append(i).append('\n');
    }
    // Its value goes on past the bound: read whole or not at all, never as "I…" alone.
    m.append("Depends-On: ").append(changeId(1)).append('\n');
    m.append("  and more\n");
    DeclaredDependencies d = parser.parse(m.toString());

    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable()).hasSize(1);
    assertThat(d.unreadable().get(0).line()).isEqualTo("1 more Depends-On line");
  }

  @Test
  void paragraphAboveADividerIsReadOnlyUpToTheBound() {
    StringBuilder m = new StringBuilder("Subject\n\nBody.\n\n");
    for (int i = 0; i < 5_000; i++) {
      m.append("Depends-On: ").append(changeId(i)).append('\n');
    }
    m.append("---\nnotes\n\nChange-Id: ").append(changeId(1)).append('\n');
    DeclaredDependencies d = parser.parse(m.toString());

    assertThat(d.dependencies()).isEmpty();
    assertThat(d.unreadable()).hasSize(DependencyFooterParser.MAX_FOOTER_LINES);
  }
}
