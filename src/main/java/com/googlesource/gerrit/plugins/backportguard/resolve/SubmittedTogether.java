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

import com.google.common.collect.ImmutableMap;
import com.google.gerrit.extensions.api.GerritApi;
import com.google.gerrit.extensions.api.changes.SubmittedTogetherOption;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.restapi.RestApiException;
import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Asks Gerrit which changes it would submit together with the checked change: its own computation
 * (open ancestors of the current patch set, and the whole topic where {@code
 * change.submitWholeTopic} is set), as the owner sees them; {@link LandingTogether#reasons} says
 * why each counts.
 */
final class SubmittedTogether {
  private SubmittedTogether() {}

  /**
   * The changes that land together with the checked change, by number, each with why; none when the
   * check's budget does not allow asking (the safe side).
   */
  static ImmutableMap<Integer, PrerequisiteState> ask(
      GerritApi gApi, CheckedChange self, CheckBudget budget, BranchView branches)
      throws RestApiException, IOException {
    try {
      budget.countQuery();
    } catch (BoundReachedException e) {
      // Not asked: nothing counts as landing together, the safe side.
      return ImmutableMap.of();
    }
    List<ChangeInfo> together =
        gApi.changes()
            .id(self.project().get(), self.number())
            .submittedTogether(
                EnumSet.of(ListChangesOption.CURRENT_REVISION),
                EnumSet.noneOf(SubmittedTogetherOption.class))
            .changes;
    if (together == null || together.isEmpty()) {
      return ImmutableMap.of();
    }
    String project = self.project().get();
    Optional<ObjectId> head =
        together.stream()
            .filter(c -> c._number == self.number())
            .findFirst()
            .map(c -> c.currentRevision)
            .map(ObjectId::fromString);
    try {
      if (head.isPresent()) {
        branches.read(project, head.get());
      }
      return LandingTogether.reasons(
          together,
          self.number(),
          project,
          c -> head.isPresent() && branches.contains(project, head.get(), c.currentRevision));
    } catch (BoundReachedException e) {
      return ImmutableMap.of();
    }
  }
}
