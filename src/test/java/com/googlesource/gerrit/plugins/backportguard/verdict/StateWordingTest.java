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

package com.googlesource.gerrit.plugins.backportguard.verdict;

import static com.google.common.truth.Truth.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.common.collect.ImmutableMap;
import com.google.common.io.Resources;
import com.googlesource.gerrit.plugins.backportguard.resolve.PrerequisiteState;
import org.junit.jupiter.api.Test;

/** The wording table, and the comment it gives for every state, to the byte. */
class StateWordingTest {
  private final VerdictComment comment =
      new VerdictComment(
          (p, n) -> "https://g.example/c/" + p + "/+/" + n,
          CommentLimit.DEFAULT_BUDGET,
          "backport-guard");

  /**
   * {@code wording.txt} was written by the comment as it was before its wording moved into {@link
   * StateWording}: moving it changed no byte. Change the file with the wording, on purpose.
   */
  @Test
  void everyStateReadsExactlyAsBefore() throws Exception {
    String expected =
        Resources.toString(Resources.getResource(StateWordingTest.class, "wording.txt"), UTF_8);

    String actual =
        "=== blocking\n"
            + comment.format(WordingCases.allInOneVerdict(true))
            + "\n=== lenient\n"
            + comment.format(WordingCases.allInOneVerdict(false))
            + "\n=== chain\n"
            + comment.format(WordingCases.chainVerdict())
            + "\n";

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void everyStateSaysWhatItIs() {
    for (PrerequisiteState state : PrerequisiteState.values()) {
      StateWording.Words words = StateWording.of(state);
      assertThat(words.state()).isNotEmpty();
      assertThat(words.inChain()).isNotEmpty();
      // What blocks says what to do about it.
      if (!state.satisfied()) {
        assertThat(words.action()).isNotEmpty();
      }
    }
  }

  @Test
  void fillReplacesEachPlaceholderOnceAndNeverInsideAValue() {
    assertThat(
            StateWording.fill(
                "{change} is open on {branch}",
                ImmutableMap.of("change", "change {branch}", "branch", "wmf/1.0")))
        .isEqualTo("change {branch} is open on wmf/1.0");
    assertThat(StateWording.fill("costs $1 {a}", ImmutableMap.of("a", "\\$2")))
        .isEqualTo("costs $1 \\$2");
  }

  @Test
  void aPlaceholderWithoutValueIsAnError() {
    assertThrows(
        IllegalArgumentException.class,
        () -> StateWording.fill("{change} on {branch}", ImmutableMap.of("change", "x")));
  }
}
