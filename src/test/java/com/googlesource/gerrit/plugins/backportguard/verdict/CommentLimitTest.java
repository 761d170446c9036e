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

import org.eclipse.jgit.lib.Config;
import org.junit.jupiter.api.Test;

/** The comment's budget follows gerrit.config's change.commentSizeLimit as Gerrit reads it. */
class CommentLimitTest {
  private static int budget(String value) {
    Config cfg = new Config();
    if (value != null) {
      cfg.setString("change", null, "commentSizeLimit", value);
    }
    return new CommentLimit(cfg).budget();
  }

  @Test
  void gerritsDefaultLessTheMargin() {
    assertThat(budget(null)).isEqualTo((16 << 10) - CommentLimit.MARGIN);
    assertThat(CommentLimit.DEFAULT_BUDGET).isEqualTo(budget(null));
  }

  @Test
  void sizeUnitsAsGerritReadsThem() {
    assertThat(budget("2k")).isEqualTo(2048 - CommentLimit.MARGIN);
    assertThat(budget("4000")).isEqualTo(4000 - CommentLimit.MARGIN);
  }

  @Test
  void aTinyLimitKeepsAQuarterFree() {
    assertThat(budget("200")).isEqualTo(150);
    assertThat(budget("10")).isEqualTo(VerdictComment.MIN_BUDGET);
  }

  @Test
  void noLimitOrAHugeOneStillKeepsCommentsAtTheDefault() {
    assertThat(budget("0")).isEqualTo(CommentLimit.DEFAULT_BUDGET);
    assertThat(budget("-1")).isEqualTo(CommentLimit.DEFAULT_BUDGET);
    assertThat(budget("1m")).isEqualTo(CommentLimit.DEFAULT_BUDGET);
  }

  @Test
  void anInvalidValueKeepsTheDefault() {
    assertThat(budget("lots")).isEqualTo(CommentLimit.DEFAULT_BUDGET);
  }
}
