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

import java.util.List;

/** The answer of {@code cherry-pick-prerequisites}, in Gerrit's JSON style. */
public class PickPrerequisitesInfo {
  /** Whether this is only the plan: nothing was made. */
  public Boolean dryRun;

  /** The branch the picks go to: the backport's. */
  public String branch;

  /** The topic the picks are (or would be) in, with the backport. */
  public String topic;

  /** What happened to the backport's topic: see {@link TopicOnBackport}. */
  public TopicOnBackport topicOnBackport;

  /** The cherry-picks, in the order they were (or would be) made. */
  public List<PickInfo> picks;

  /** The prerequisites left alone, with why. */
  public List<SkipInfo> skipped;

  /** Prerequisites whose own prerequisites were not all followed: a bound of the check. */
  public List<PrerequisiteInfo> notFollowed;

  /** How many prerequisites the caller cannot read: neither picked nor named. */
  public Integer withheld;

  /** Whether a fresh check of the backport was queued. */
  public Boolean recheckQueued;

  /** What happened to the backport's topic. */
  public enum TopicOnBackport {
    /** The backport already had the topic. */
    ALREADY_SET,
    /** The topic was (or would be) set on the backport. */
    SET,
    /** The caller may not set the backport's topic: its owner can. */
    NOT_ALLOWED,
    /** Nothing to pick, so no topic. */
    NONE
  }

  /** A prerequisite: a Change-Id in a project. */
  public static class PrerequisiteInfo {
    public String project;
    public String changeId;
  }

  /** A change, with its link. */
  public static class ChangeRefInfo {
    public String project;
    public Integer _number;
    public String branch;
    public String status;
    public String url;
  }

  /** One cherry-pick. */
  public static class PickInfo {
    /** The prerequisite it copies. */
    public PrerequisiteInfo prerequisite;

    /** The merged change it cherry-picks. */
    public ChangeRefInfo source;

    /** The change made on the branch; absent in a dry run. */
    public ChangeRefInfo created;

    /** The prerequisite whose pick it is based on; absent when based on the tip of the branch. */
    public PrerequisiteInfo stackedOn;

    /** The Change-Ids of the changes that declare it (the backport's among them, if it does). */
    public List<String> neededBy;
  }

  /** A prerequisite not picked. */
  public static class SkipInfo {
    public PrerequisiteInfo prerequisite;

    /** The change that decides its state, if there is one. */
    public ChangeRefInfo change;

    public PickPlan.Reason reason;

    /** The reason in words. */
    public String message;
  }
}
