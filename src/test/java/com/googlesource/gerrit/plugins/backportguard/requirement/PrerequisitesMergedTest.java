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

package com.googlesource.gerrit.plugins.backportguard.requirement;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.googlesource.gerrit.plugins.backportguard.assess.Assessment.Status;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class PrerequisitesMergedTest {
  @Test
  void nothingToCheckSatisfiesIt() {
    for (Status s :
        EnumSet.of(Status.DISABLED, Status.CLOSED, Status.NOT_BACKPORT, Status.DECLARES_NOTHING)) {
      assertWithMessage(s.name()).that(PrerequisitesMerged.of(s, false, "").satisfied()).isTrue();
    }
  }

  @Test
  void aCheckedBackportSatisfiesItOnlyWhenItPasses() {
    assertThat(PrerequisitesMerged.of(Status.CHECKED, true, "").satisfied()).isTrue();
    PrerequisitesMerged missing = PrerequisitesMerged.of(Status.CHECKED, false, "");
    assertThat(missing.satisfied()).isFalse();
    assertThat(missing.failedClosed()).isFalse();
  }

  @Test
  void whatCannotBeDecidedFailsClosed() {
    for (Status s :
        EnumSet.of(
            Status.CHECK_FAILED,
            Status.MISCONFIGURED,
            Status.PRIVATE,
            Status.NO_SUCH_PROJECT,
            Status.NO_SUCH_CHANGE,
            Status.TO_RESOLVE)) {
      PrerequisitesMerged answer = PrerequisitesMerged.of(s, true, "detail");
      assertWithMessage(s.name()).that(answer.satisfied()).isFalse();
      assertWithMessage(s.name()).that(answer.failedClosed()).isTrue();
      assertWithMessage(s.name()).that(answer.why()).isNotEmpty();
    }
  }

  @Test
  void everyStatusHasAnAnswer() {
    for (Status s : Status.values()) {
      assertThat(PrerequisitesMerged.of(s, true, "")).isNotNull();
    }
  }
}
