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
 */
public record Subject(Project.NameKey project, @Nullable Change.Id number, String changeId) {
  /** A commit known by its Change-Id only. */
  public static Subject byChangeId(Project.NameKey project, String changeId) {
    return new Subject(project, null, changeId);
  }

  /** A change known by number only; its Change-Id is looked up. */
  public static Subject byNumber(Project.NameKey project, Change.Id number) {
    return new Subject(project, number, "");
  }
}
