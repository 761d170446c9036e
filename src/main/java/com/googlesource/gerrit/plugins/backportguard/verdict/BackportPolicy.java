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
    if (cherryPickOf || CHERRY_PICKED_FROM.matcher(commitMessage).find()) {
      return true;
    }
    if (patterns.isEmpty()) {
      return defaultBranch.map(d -> !d.equals(branch)).orElse(true);
    }
    return patterns.matches(branch);
  }
}
