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

import com.google.gerrit.extensions.common.ChangeInfo;

/**
 * A change, visible to the owner of the change being checked, that carries the prerequisite's
 * Change-Id.
 *
 * @param project the project the change is in
 * @param number the change number
 * @param branch the short branch name, e.g. {@code master}
 * @param status whether it is open, merged or abandoned
 * @param commit the current patch set's commit; for a merged change, the commit Gerrit recorded as
 *     merged (submit strategies that rewrite commits add it as a new patch set)
 */
public record Candidate(String project, int number, String branch, Status status, String commit) {

  /** The states of a change that matter here. */
  public enum Status {
    OPEN,
    MERGED,
    ABANDONED
  }

  /** The candidate a change found in the index stands for. */
  public static Candidate of(ChangeInfo c) {
    Status status =
        switch (c.status) {
          case MERGED -> Status.MERGED;
          case ABANDONED -> Status.ABANDONED;
          case NEW -> Status.OPEN;
        };
    return new Candidate(c.project, c._number, c.branch, status, c.currentRevision);
  }

  public boolean isOn(String otherBranch) {
    return branch.equals(otherBranch);
  }
}
