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

import com.google.gerrit.common.Nullable;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;

/**
 * A change whose dependents must be re-checked because it changed.
 *
 * @param project its project
 * @param number its number, or null for a commit that reached a branch without a change
 * @param changeId its Change-Id, or empty when only the number is known
 * @param onlyBranch for a commit that reached a branch without a change: that branch (full ref
 *     name). The resolver reads directly pushed commits only on the dependent's own branch, so only
 *     dependents for this branch can read differently; null for a change, whose dependents on every
 *     branch can
 */
public record Subject(
    Project.NameKey project,
    @Nullable Change.Id number,
    String changeId,
    @Nullable String onlyBranch) {
  public Subject(Project.NameKey project, @Nullable Change.Id number, String changeId) {
    this(project, number, changeId, null);
  }

  /** A commit known by its Change-Id only, that reached the branch {@code ref} of the project. */
  public static Subject arrived(Project.NameKey project, String ref, String changeId) {
    return new Subject(project, null, changeId, ref);
  }

  /** A change known by number only; its Change-Id is looked up. */
  public static Subject byNumber(Project.NameKey project, Change.Id number) {
    return new Subject(project, number, "");
  }

  /** The change as logs and {@code gerrit show-queue} name it. */
  @Override
  public String toString() {
    String what =
        number != null
            ? "change " + number.get() + " in project " + project.get()
            : "Change-Id " + changeId + " in project " + project.get();
    return onlyBranch == null ? what : what + " on " + onlyBranch;
  }
}
