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

import com.google.common.collect.ImmutableList;
import java.util.Optional;

/**
 * The state of one prerequisite on the target branch, with the changes the comment names.
 *
 * @param state where the prerequisite stands
 * @param project the prerequisite's project; empty when nothing visible was found
 * @param change the change that decides the state (the open or abandoned backport, the merged
 *     change)
 * @param cherryPickSource for an unmerged prerequisite, a merged change that can be cherry-picked
 *     onto the target branch
 * @param pushedCommit the commit found in the target branch when it arrived by direct push
 * @param noSuchBranch whether the prerequisite's project has no target branch, so that any branch
 *     counted
 * @param changeId the prerequisite's Change-Id; empty when nothing visible was found
 * @param revertedBy for a prerequisite taken off the branch again, the merged revert that did it
 * @param bound for an undecided prerequisite, the setting whose bound was reached
 * @param copies the changes with the Change-Id in the project that the check found and that count
 *     (see {@code ChangeIdCopies}), on any branch, the lowest number first; what the index already
 *     answered, so that naming them costs no query
 */
public record PrerequisiteStatus(
    PrerequisiteState state,
    Optional<String> project,
    Optional<Candidate> change,
    Optional<Candidate> cherryPickSource,
    Optional<String> pushedCommit,
    boolean noSuchBranch,
    Optional<String> changeId,
    Optional<Candidate> revertedBy,
    Optional<String> bound,
    ImmutableList<Candidate> copies) {
  /** A status that names no copies besides the changes it names itself. */
  public PrerequisiteStatus(
      PrerequisiteState state,
      Optional<String> project,
      Optional<Candidate> change,
      Optional<Candidate> cherryPickSource,
      Optional<String> pushedCommit,
      boolean noSuchBranch,
      Optional<String> changeId,
      Optional<Candidate> revertedBy,
      Optional<String> bound) {
    this(
        state,
        project,
        change,
        cherryPickSource,
        pushedCommit,
        noSuchBranch,
        changeId,
        revertedBy,
        bound,
        ImmutableList.of());
  }

  /** The same status with other copies (a viewer's share of them). */
  public PrerequisiteStatus withCopies(ImmutableList<Candidate> kept) {
    return new PrerequisiteStatus(
        state,
        project,
        change,
        cherryPickSource,
        pushedCommit,
        noSuchBranch,
        changeId,
        revertedBy,
        bound,
        kept);
  }

  public static PrerequisiteStatus notFound() {
    return nameless(PrerequisiteState.NOT_FOUND, Optional.empty());
  }

  public static PrerequisiteStatus ambiguous() {
    return nameless(PrerequisiteState.AMBIGUOUS, Optional.empty());
  }

  public static PrerequisiteStatus selfReference() {
    return nameless(PrerequisiteState.SELF_REFERENCE, Optional.empty());
  }

  /**
   * A prerequisite whose state a bound on the work of one check kept from being decided; names
   * nothing but the setting.
   *
   * @param setting the setting whose bound was reached, as an admin writes it
   */
  public static PrerequisiteStatus undecided(String setting) {
    return nameless(PrerequisiteState.UNDECIDED, Optional.of(setting));
  }

  /**
   * A state that names no change, project or commit, so that nothing invisible to a reader can
   * leak; at most the setting whose bound was reached.
   */
  private static PrerequisiteStatus nameless(PrerequisiteState state, Optional<String> setting) {
    return new PrerequisiteStatus(
        state,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false,
        Optional.empty(),
        Optional.empty(),
        setting);
  }
}
