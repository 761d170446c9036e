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

package com.googlesource.gerrit.plugins.backportguard.resolve;

import static com.google.common.truth.Truth.assertThat;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.BRANCH;
import static com.googlesource.gerrit.plugins.backportguard.resolve.Changes.change;

import com.google.gerrit.extensions.client.ChangeStatus;
import com.google.gerrit.extensions.common.ChangeInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Why a change Gerrit submits together with the checked one lands with it, if it does. */
class LandingTogetherReasonsTest {
  private static final int SELF = 100;

  private static ChangeInfo open(int number, String project, String topic) {
    ChangeInfo c = change(number, Changes.AUTHOR, project, BRANCH, "I" + number, ChangeStatus.NEW);
    c.topic = topic;
    return c;
  }

  private final List<Integer> asked = new ArrayList<>();

  private LandingTogether.Ancestry ancestors(Integer... numbers) {
    asked.clear();
    Set<Integer> in = Set.of(numbers);
    return c -> {
      asked.add(c._number);
      return in.contains(c._number);
    };
  }

  @Test
  void anAncestorInTheSameProjectLandsAsAnAncestor() throws IOException {
    assertThat(
            LandingTogether.reasons(
                List.of(open(SELF, "app", null), open(1, "app", null)), SELF, "app", ancestors(1)))
        .containsExactly(1, PrerequisiteState.LANDS_AS_ANCESTOR);
  }

  @Test
  void aMemberOfTheChangesTopicLandsWithTheTopic() throws IOException {
    assertThat(
            LandingTogether.reasons(
                List.of(open(SELF, "app", "t"), open(1, "lib", "t"), open(2, "lib", "other")),
                SELF,
                "app",
                ancestors()))
        .containsExactly(1, PrerequisiteState.LANDS_WITH_TOPIC);
  }

  @Test
  void anAncestorThatIsInTheTopicTooLandsAsAnAncestor() throws IOException {
    assertThat(
            LandingTogether.reasons(
                List.of(open(SELF, "app", "t"), open(1, "app", "t")), SELF, "app", ancestors(1)))
        .containsExactly(1, PrerequisiteState.LANDS_AS_ANCESTOR);
  }

  @Test
  void anythingElseGerritWouldBringInDoesNotCount() throws IOException {
    // Same project but not an ancestor (e.g. an outdated patch set), no topic of its own.
    assertThat(
            LandingTogether.reasons(
                List.of(open(SELF, "app", ""), open(1, "app", ""), open(2, "lib", null)),
                SELF,
                "app",
                ancestors()))
        .isEmpty();
  }

  @Test
  void gitIsAskedOnlyForChangesOfTheSameProjectWithARevision() throws IOException {
    ChangeInfo noRevision = open(3, "app", null);
    noRevision.currentRevision = null;

    LandingTogether.reasons(
        List.of(open(SELF, "app", null), open(1, "app", null), open(2, "lib", null), noRevision),
        SELF,
        "app",
        ancestors(1, 2, 3));

    assertThat(asked).containsExactly(1);
  }
}
