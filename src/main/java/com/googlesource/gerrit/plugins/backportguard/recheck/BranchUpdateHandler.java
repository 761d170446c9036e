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

import com.google.gerrit.entities.Project;
import com.google.gerrit.entities.RefNames;
import com.google.gerrit.extensions.events.GitBatchRefUpdateListener;
import com.google.inject.Inject;
import org.eclipse.jgit.lib.ObjectId;

/**
 * Re-checks the changes that depend on commits that reach a branch other than by a submit in
 * Gerrit: a direct push, or a merge that brings a prerequisite's commit into the branch. A submit
 * fires this too; the evaluations it causes coalesce with those of the merge event, and a re-check
 * that changes nothing posts nothing. Creating or deleting a branch re-checks nothing.
 */
class BranchUpdateHandler implements GitBatchRefUpdateListener {
  private final RecheckScheduler scheduler;

  @Inject
  BranchUpdateHandler(RecheckScheduler scheduler) {
    this.scheduler = scheduler;
  }

  @Override
  public void onGitBatchRefUpdate(Event event) {
    for (UpdatedRef ref : event.getUpdatedRefs()) {
      if (ref.getRefName().startsWith(RefNames.REFS_HEADS) && !ref.isCreate() && !ref.isDelete()) {
        scheduler.arrivedOnBranch(
            Project.nameKey(event.getProjectName()),
            ref.getRefName(),
            ObjectId.fromString(ref.getOldObjectId()),
            ObjectId.fromString(ref.getNewObjectId()));
      }
    }
  }
}
