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

package com.googlesource.gerrit.plugins.backportguard.pick;

import static com.google.common.truth.Truth.assertThat;

import com.google.common.collect.ImmutableList;
import com.google.gerrit.extensions.restapi.AuthException;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.extensions.restapi.ResourceConflictException;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.googlesource.gerrit.plugins.backportguard.pick.PickPlan.Pick;
import com.googlesource.gerrit.plugins.backportguard.pick.PickStopped.Made;
import com.googlesource.gerrit.plugins.backportguard.resolve.Candidate;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a run that Gerrit stopped says, and with which status. */
class PickStoppedTest {
  private static Pick pick(int number) {
    Node n = new Node("demo", "I" + number);
    Candidate source = new Candidate("demo", number, "master", Candidate.Status.MERGED, "c");
    return new Pick(n, source, Optional.empty(), ImmutableList.of());
  }

  @Test
  void namesWhereItStoppedWhyWhatWasMadeAndWhatWasNotTried() {
    String m =
        PickStopped.message(
            pick(2),
            "Cherry pick failed: merge conflict",
            List.of(new Made(pick(1), 11, "http://x/c/demo/+/11")),
            List.of(pick(3)),
            "wmf/1.0",
            "backport-9",
            TopicOnBackport.NOT_ALLOWED);

    assertThat(m)
        .startsWith(
            "Stopped at change 2 in demo (I2): Gerrit refused to cherry-pick it onto wmf/1.0:"
                + " Cherry pick failed: merge conflict\n");
    assertThat(m)
        .contains(
            "Already made (kept, in topic backport-9):\n"
                + "* change 11 copies change 1 in demo (I1): http://x/c/demo/+/11\n");
    assertThat(m).contains("its owner can put it in topic backport-9");
    assertThat(m).endsWith("Not tried: change 3 in demo (I3)\n");
  }

  @Test
  void aFirstPickRefusedSaysNothingWasMade() {
    String m =
        PickStopped.message(pick(1), "", List.of(), List.of(), "wmf/1.0", "t", TopicOnBackport.SET);

    assertThat(m).contains("no reason given");
    assertThat(m).contains("Nothing was made.");
    assertThat(m).doesNotContain("topic t");
    assertThat(m).doesNotContain("Not tried");
  }

  @Test
  void aChangeTheCallerCannotReadIsNotNamed() {
    String m =
        PickStopped.unreadable(
            List.of(new Made(pick(1), 11, "u")), List.of(), "wmf/1.0", "t", TopicOnBackport.SET);

    assertThat(m)
        .startsWith(
            "Stopped at a prerequisite: Gerrit refused to cherry-pick it onto wmf/1.0: you cannot"
                + " read the change to cherry-pick\n");
    assertThat(m).contains("* change 11 copies change 1 in demo (I1): u\n");
  }

  @Test
  void keepsGerritsStatus() {
    assertThat(PickStopped.sameKind(new AuthException("no"), "m"))
        .isInstanceOf(AuthException.class);
    assertThat(PickStopped.sameKind(new BadRequestException("no"), "m"))
        .isInstanceOf(BadRequestException.class);
    RestApiException conflict = PickStopped.sameKind(new ResourceConflictException("no"), "m");
    assertThat(conflict).isInstanceOf(ResourceConflictException.class);
    assertThat(conflict).hasMessageThat().isEqualTo("m");
    assertThat(conflict).hasCauseThat().hasMessageThat().isEqualTo("no");
  }
}
