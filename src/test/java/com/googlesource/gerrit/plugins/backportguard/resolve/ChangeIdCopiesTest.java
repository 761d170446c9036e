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

import com.google.gerrit.extensions.client.ChangeStatus;
import com.google.gerrit.extensions.common.ChangeInfo;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which copies of a Change-Id count, and which Change-Ids an abbreviation names. */
class ChangeIdCopiesTest {
  private static final int AUTHOR = 1;
  private static final int DEPLOYER = 2;
  private static final int STRANGER = 3;
  private static final String ID = "I" + "a".repeat(40);
  private static final Instant T0 = Changes.T0;

  private static ChangeInfo change(int number, int owner, String project, String branch) {
    return change(number, owner, project, branch, ID, T0.plusSeconds(number));
  }

  private static ChangeInfo change(
      int number, int owner, String project, String branch, String changeId, Instant created) {
    ChangeInfo c = Changes.change(number, owner, project, branch, changeId, ChangeStatus.NEW);
    c.created = Timestamp.from(created);
    return c;
  }

  private static List<Integer> counting(String targetBranch, ChangeInfo... copies) {
    return ChangeIdCopies.counting(List.of(copies), targetBranch).stream()
        .map(c -> c._number)
        .toList();
  }

  @Test
  void theAuthorsCopiesCountAnywhere() {
    assertThat(
            counting(
                "wmf/1.0",
                change(1, AUTHOR, "lib", "master"),
                change(2, AUTHOR, "other", "master"),
                change(3, AUTHOR, "lib", "sandbox/author/x")))
        .containsExactly(1, 2, 3);
  }

  @Test
  void anyonesCopyOnTheTargetBranchCountsInAProjectTheAuthorUsed() {
    assertThat(
            counting(
                "wmf/1.0",
                change(1, AUTHOR, "lib", "master"),
                change(2, DEPLOYER, "lib", "wmf/1.0"),
                change(3, AUTHOR, "other", "master"),
                change(4, DEPLOYER, "other", "wmf/1.0")))
        .containsExactly(1, 2, 3, 4);
  }

  @Test
  void aStrangersCopyOnAnotherBranchOrInAnotherProjectDoesNotCount() {
    assertThat(
            counting(
                "wmf/1.0",
                change(1, AUTHOR, "lib", "master"),
                change(2, STRANGER, "lib", "sandbox/stranger/x"),
                change(3, STRANGER, "elsewhere", "master"),
                change(4, STRANGER, "elsewhere", "wmf/1.0")))
        .containsExactly(1);
  }

  @Test
  void theEarliestDecidesEvenIfAbandonedAndReuploadedByAnother() {
    // The original's Change-Id re-uploaded by someone else on master: blocks until a copy reaches
    // the target branch (the safe side).
    assertThat(
            counting(
                "wmf/1.0",
                change(1, AUTHOR, "lib", "master"),
                change(2, DEPLOYER, "lib", "master"),
                change(3, DEPLOYER, "lib", "wmf/1.0")))
        .containsExactly(1, 3);
  }

  @Test
  void nothingCountsWithoutCopies() {
    assertThat(counting("wmf/1.0")).isEmpty();
  }

  private static final String PREFIX = "Iabcdef0";
  private static final String MINE = PREFIX + "1".repeat(33);
  private static final String SQUAT = PREFIX + "2".repeat(33);
  private static final int CHECKED = 10;
  private static final Instant PATCH_SET = T0.plusSeconds(100);

  @Test
  void aChangeIdFirstUploadedAfterThePatchSetCannotMakeAnAbbreviationAmbiguous() {
    Map<String, List<ChangeInfo>> matching =
        Map.of(
            MINE, List.of(change(5, AUTHOR, "lib", "master", MINE, T0)),
            SQUAT, List.of(change(11, STRANGER, "lib", "master", SQUAT, PATCH_SET.plusSeconds(1))));

    assertThat(ChangeIdCopies.abbreviationMatches(matching, CHECKED, PATCH_SET))
        .containsExactly(MINE);
  }

  @Test
  void twoChangeIdsUploadedBeforeThePatchSetAreAmbiguous() {
    Map<String, List<ChangeInfo>> matching =
        Map.of(
            MINE, List.of(change(5, AUTHOR, "lib", "master", MINE, T0)),
            SQUAT, List.of(change(6, STRANGER, "lib", "master", SQUAT, T0.plusSeconds(1))));

    assertThat(ChangeIdCopies.abbreviationMatches(matching, CHECKED, PATCH_SET))
        .containsExactly(MINE, SQUAT);
  }

  @Test
  void whenNoneIsOlderThanThePatchSetAllCount() {
    // A prerequisite uploaded after its dependent still resolves.
    Map<String, List<ChangeInfo>> matching =
        Map.of(MINE, List.of(change(11, AUTHOR, "lib", "master", MINE, PATCH_SET.plusSeconds(5))));

    assertThat(ChangeIdCopies.abbreviationMatches(matching, CHECKED, PATCH_SET))
        .containsExactly(MINE);
  }

  @Test
  void aPrerequisiteMadeInTheSameSecondAsThePatchSetIsToldApartByItsNumber() {
    // Gerrit keeps times to the second.
    Map<String, List<ChangeInfo>> matching =
        Map.of(
            MINE, List.of(change(9, AUTHOR, "lib", "master", MINE, PATCH_SET)),
            SQUAT, List.of(change(11, STRANGER, "lib", "master", SQUAT, PATCH_SET)));

    assertThat(ChangeIdCopies.abbreviationMatches(matching, CHECKED, PATCH_SET))
        .containsExactly(MINE);
  }

  @Test
  void aStrangersEarlierCollisionInAnotherProjectDoesNotMakeItAmbiguous() {
    Map<String, List<ChangeInfo>> matching =
        Map.of(
            MINE, List.of(change(5, AUTHOR, "lib", "master", MINE, T0)),
            SQUAT, List.of(change(6, STRANGER, "elsewhere", "master", SQUAT, T0)));

    assertThat(ChangeIdCopies.abbreviationMatches(matching, CHECKED, PATCH_SET))
        .containsExactly(MINE);
  }
}
