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

package com.googlesource.gerrit.plugins.backportguard.verdict;

import com.googlesource.gerrit.plugins.backportguard.config.BranchPatterns;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells backports from other changes: a change is a backport when its branch matches the project's
 * backport branch patterns (by default every branch but the default one), or when it is a
 * cherry-pick, made in Gerrit or recorded by {@code git cherry-pick -x}.
 */
public final class BackportPolicy {
  private static final Pattern CHERRY_PICKED_FROM =
      Pattern.compile("^\\(cherry picked from commit [0-9a-f]{7,40}\\)\\s*$", Pattern.MULTILINE);

  private BackportPolicy() {}

  /** Why a change counts as a backport. */
  public enum Reason {
    /** The project checks every change ({@code checkAllChanges}). */
    CHECK_ALL_CHANGES,
    /** Gerrit recorded the change as a cherry-pick. */
    CHERRY_PICK_OF,
    /** The commit message says "(cherry picked from commit ...)", as {@code git cherry-pick -x}. */
    COMMIT_MESSAGE,
    /** Its branch matches the project's backport branch patterns. */
    BRANCH_PATTERN,
    /** No patterns are set and its branch is not the project's default branch. */
    NOT_DEFAULT_BRANCH
  }

  /**
   * @param branch the short name of the change's branch
   * @param defaultBranch the short name of the branch the project's HEAD points to, if any
   * @param patterns the project's backport branch patterns
   * @param cherryPickOf whether Gerrit recorded the change as a cherry-pick
   * @param commitMessage the current patch set's commit message
   */
  public static boolean isBackport(
      String branch,
      Optional<String> defaultBranch,
      BranchPatterns patterns,
      boolean cherryPickOf,
      String commitMessage) {
    return reason(branch, defaultBranch, patterns, cherryPickOf, commitMessage).isPresent();
  }

  /** Why the change is a backport, the first reason that applies; empty when it is none. */
  public static Optional<Reason> reason(
      String branch,
      Optional<String> defaultBranch,
      BranchPatterns patterns,
      boolean cherryPickOf,
      String commitMessage) {
    if (cherryPickOf) {
      return Optional.of(Reason.CHERRY_PICK_OF);
    }
    if (CHERRY_PICKED_FROM.matcher(commitMessage).find()) {
      return Optional.of(Reason.COMMIT_MESSAGE);
    }
    if (patterns.isEmpty()) {
      return defaultBranch.map(d -> !d.equals(branch)).orElse(true)
          ? Optional.of(Reason.NOT_DEFAULT_BRANCH)
          : Optional.empty();
    }
    return patterns.matches(branch) ? Optional.of(Reason.BRANCH_PATTERN) : Optional.empty();
  }
}
