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

package com.googlesource.gerrit.plugins.backportguard.rest;

import java.util.List;

/** Where one prerequisite stands on the branch the change targets. */
public class PrerequisiteInfo {
  /** Its state, e.g. {@code merged_on_branch}, {@code not_backported}, {@code not_found}. */
  public String state;

  /** {@code found} (satisfied), {@code missing} (blocks the change), or {@code unchecked}. */
  public String result;

  /** The state in words, as the plugin's comment says it. */
  public String description;

  /** What to do about it, as the comment says it; left out when there is nothing to do. */
  public String action;

  /** The change that decides the state (the merged change, the open or abandoned backport). */
  public ChangeRefInfo change;

  /** For an unmerged backport, the merged change it can be cherry-picked from. */
  public ChangeRefInfo cherryPickSource;

  /**
   * Every change that carries its Change-Id in its project and counts for it, on any branch (the
   * target branch and others: master, other deployment branches), the lowest number first; only
   * those the caller can read. Left out when none is known.
   */
  public List<ChangeRefInfo> copies;

  /** For a prerequisite taken off the branch again, the merged revert that did it. */
  public ChangeRefInfo revertedBy;

  /** The commit in the branch that carries the Change-Id, when it came by direct push. */
  public String commit;

  /** The prerequisite's project. */
  public String project;

  /** Its Change-Id. */
  public String changeId;

  /** Whether its project has no branch of the target's name, so that any branch counted. */
  public Boolean noSuchBranch;

  /** For an undecided prerequisite, the setting whose bound was reached. */
  public String bound;

  /** The changes that declare they need it: this change, or prerequisites further up. */
  public List<ChangeRefInfo> neededBy;

  /**
   * What has to land on the branch before it, in landing order (the deepest first); left out when
   * nothing does.
   */
  public List<ChainEntryInfo> chain;
}
