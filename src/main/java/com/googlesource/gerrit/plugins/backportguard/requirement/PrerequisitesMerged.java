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

import com.googlesource.gerrit.plugins.backportguard.assess.Assessment;

/**
 * The answer of {@code has:prerequisites-merged_<plugin>} for what the plugin decided about a
 * change. Pure.
 *
 * @param satisfied whether the requirement is met
 * @param failedClosed whether the check could not decide, so the answer is "unsatisfied" to be safe
 * @param why for an unsatisfied answer, why (for the log; never shown to users)
 */
public record PrerequisitesMerged(boolean satisfied, boolean failedClosed, String why) {
  static final PrerequisitesMerged SATISFIED = new PrerequisitesMerged(true, false, "");
  static final PrerequisitesMerged MISSING =
      new PrerequisitesMerged(false, false, "a prerequisite is not merged on the branch");

  static PrerequisitesMerged failedClosed(String why) {
    return new PrerequisitesMerged(false, true, why);
  }

  /**
   * The answer for an assessment. Satisfied where the plugin has nothing to check (the project
   * turned it off, the change is closed, not a backport, or declares nothing) and where every
   * prerequisite is merged on the branch; unsatisfied where one blocks. Where the plugin cannot
   * tell, it fails closed: invalid project settings, a change it cannot read, a check that failed,
   * and a private change, which the plugin does not check (publish it to have it checked).
   *
   * @param assessment after {@code Assessor.resolve} if its subject was to be resolved
   */
  public static PrerequisitesMerged of(Assessment assessment) {
    return of(assessment.status(), assessment.passes(), assessment.detail());
  }

  static PrerequisitesMerged of(Assessment.Status status, boolean passes, String detail) {
    switch (status) {
      case DISABLED:
      case CLOSED:
      case NOT_BACKPORT:
      case DECLARES_NOTHING:
        return SATISFIED;
      case CHECKED:
        return passes ? SATISFIED : MISSING;
      case PRIVATE:
        return failedClosed("the change is private, and the plugin does not check private changes");
      case MISCONFIGURED:
        return failedClosed("the project's plugin settings are invalid (" + detail + ")");
      case CHECK_FAILED:
        return failedClosed("the check failed (" + detail + ")");
      case NO_SUCH_PROJECT:
      case NO_SUCH_CHANGE:
      case TO_RESOLVE:
      default:
        return failedClosed("not checked: " + status);
    }
  }
}
