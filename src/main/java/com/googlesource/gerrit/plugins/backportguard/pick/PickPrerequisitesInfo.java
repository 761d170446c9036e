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

package com.googlesource.gerrit.plugins.backportguard.pick;

import com.googlesource.gerrit.plugins.backportguard.rest.ChangeRefInfo;
import java.util.List;

/**
 * The answer of {@code cherry-pick-prerequisites}, in Gerrit's JSON style and with the plugin's
 * other answers' {@link ChangeRefInfo}; keywords are lower case.
 */
public class PickPrerequisitesInfo {
  /** Whether this is only the plan: nothing was made. */
  public Boolean dryRun;

  /** The branch the picks go to: the backport's. */
  public String branch;

  /** The topic the picks are (or would be) in, with the backport. */
  public String topic;

  /**
   * What happened to the backport's topic: {@code already_set}, {@code set} (or would be, in a dry
   * run), {@code not_allowed} (the caller may not edit it; its owner can), {@code none} (nothing to
   * pick).
   */
  public String topicOnBackport;

  /** The cherry-picks, in the order they were (or would be) made. */
  public List<PickInfo> picks;

  /** The prerequisites left alone, with why. */
  public List<SkipInfo> skipped;

  /** Prerequisites whose own prerequisites were not all followed: a bound of the check. */
  public List<ChangeRefInfo> notFollowed;

  /** How many prerequisites the caller cannot read: neither picked nor named. */
  public Integer withheld;

  /** Whether a fresh check of the backport was queued. */
  public Boolean recheckQueued;

  /** One cherry-pick. */
  public static class PickInfo {
    /** The merged change it copies. */
    public ChangeRefInfo source;

    /** The change made on the branch; absent in a dry run. */
    public ChangeRefInfo created;

    /**
     * The Change-Id of the prerequisite whose pick it is based on; absent when based on the tip of
     * the branch.
     */
    public String stackedOn;

    /** The Change-Ids of the changes that declare it (the backport's among them, if it does). */
    public List<String> neededBy;

    /**
     * True when a change with the Change-Id was opened on the branch after the plan was made:
     * Gerrit then adds the pick to it as a new patch set rather than making a change.
     */
    public Boolean existing;
  }

  /** A prerequisite not picked. */
  public static class SkipInfo {
    /** The change that decides its state, or only its project and Change-Id. */
    public ChangeRefInfo change;

    /**
     * {@code open_on_branch}, {@code lands_together}, {@code abandoned_on_branch}, {@code
     * reverted_on_branch}, {@code not_merged} or {@code abandoned}.
     */
    public String reason;

    /** The reason in words. */
    public String message;
  }
}
