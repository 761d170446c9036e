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

package com.googlesource.gerrit.plugins.backportguard.recheck;

import static com.google.common.truth.Truth.assertThat;

import com.google.common.collect.ImmutableSet;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import org.eclipse.jgit.lib.ObjectId;
import org.junit.jupiter.api.Test;

/** What {@code gerrit show-queue} says of each kind of task in the re-check queue. */
class RecheckLookupNamesTest {
  private static final Project.NameKey P = Project.nameKey("demo/core");
  private static final String ID = "I0123456789abcdef0123456789abcdef01234567";
  private static final Subject CHANGE = new Subject(P, Change.id(12), ID);

  @Test
  void dependentsOfNameEachChange() {
    assertThat(
            new RecheckScheduler.DependentsOf(
                    ImmutableSet.of(CHANGE, Subject.byNumber(Project.nameKey("lib"), Change.id(7))))
                .toString())
        .isEqualTo(
            "re-check the dependents of change 12 in project demo/core, change 7 in project lib");
  }

  @Test
  void dependentsOfManyNameTheFirstFiveAndCountTheRest() {
    ImmutableSet.Builder<Subject> many = ImmutableSet.builder();
    for (int i = 1; i <= 8; i++) {
      many.add(Subject.byNumber(P, Change.id(i)));
    }
    assertThat(new RecheckScheduler.DependentsOf(many.build()).toString())
        .isEqualTo(
            "re-check the dependents of change 1 in project demo/core, change 2 in project"
                + " demo/core, change 3 in project demo/core, change 4 in project demo/core,"
                + " change 5 in project demo/core and 3 more");
  }

  @Test
  void aCommitWithoutAChangeIsNamedByItsChangeIdAndBranch() {
    assertThat(
            new RecheckScheduler.DependentsOf(
                    ImmutableSet.of(Subject.arrived(P, "refs/heads/wmf/1.0", ID)))
                .toString())
        .isEqualTo(
            "re-check the dependents of Change-Id "
                + ID
                + " in project demo/core on refs/heads/wmf/1.0");
  }

  @Test
  void ifDependenciesChangedNamesTheChangeAndPatchSet() {
    assertThat(new RecheckScheduler.IfDependenciesChanged(P, Change.id(12), 3).toString())
        .isEqualTo(
            "re-check the dependents of change 12 in project demo/core if patch set 3 changed its"
                + " dependencies");
  }

  @Test
  void arrivedOnBranchNamesTheBranchAndTheTips() {
    ObjectId old = ObjectId.fromString("1111111111111111111111111111111111111111");
    ObjectId tip = ObjectId.fromString("abcdef0123456789abcdef0123456789abcdef01");
    assertThat(new RecheckScheduler.ArrivedOnBranch(P, "refs/heads/wmf/1.0", old, tip).toString())
        .isEqualTo(
            "re-check the dependents of the commits that reached refs/heads/wmf/1.0 in project"
                + " demo/core (11111111..abcdef01)");
  }

  @Test
  void mergedWithWhatItRevertsNamesTheChange() {
    assertThat(new RecheckScheduler.MergedWithWhatItReverts(CHANGE).toString())
        .isEqualTo(
            "re-check the dependents of merged change 12 in project demo/core and of the changes"
                + " it reverts");
  }

  @Test
  void topicEditedNamesTheTopicsAndTheChange() {
    assertThat(
            new RecheckScheduler.TopicEdited(CHANGE, ImmutableSet.of("old-topic", "new-topic"))
                .toString())
        .isEqualTo(
            "re-check the changes in topics old-topic, new-topic and the dependents of change 12"
                + " in project demo/core");
  }

  @Test
  void deletedNamesTheChange() {
    assertThat(new RecheckScheduler.Deleted(CHANGE).toString())
        .isEqualTo("re-check the dependents of deleted change 12 in project demo/core");
  }

  @Test
  void pendingSaysWhatItIs() {
    assertThat(new RecheckScheduler.Pending().toString())
        .isEqualTo("re-check the dependents of the changes waiting for a lookup");
  }
}
