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
import com.google.common.collect.ImmutableMap;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.client.ChangeStatus;
import com.google.gerrit.extensions.common.AccountInfo;
import com.google.gerrit.extensions.common.ChangeInfo;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Changes as the index answers them, and snapshots of such answers, for the rules' unit tests. */
final class Changes {
  static final String BRANCH = "wmf/1.0";
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  static final int AUTHOR = 1;
  static final int STRANGER = 3;

  private Changes() {}

  /** A change created {@code number} seconds after {@link #T0}. */
  static ChangeInfo change(
      int number, int owner, String project, String branch, String changeId, ChangeStatus status) {
    ChangeInfo c = new ChangeInfo();
    c._number = number;
    c.owner = new AccountInfo(owner);
    c.project = project;
    c.branch = branch;
    c.changeId = changeId;
    c.status = status;
    c.created = Timestamp.from(T0.plusSeconds(number));
    c.currentRevision = String.format("%040x", number);
    return c;
  }

  static ChangeInfo merged(int number, String project, String branch, String changeId) {
    return change(number, AUTHOR, project, branch, changeId, ChangeStatus.MERGED);
  }

  /** A merged revert of change {@code of}. */
  static ChangeInfo revert(int number, String project, String branch, String changeId, int of) {
    ChangeInfo c = merged(number, project, branch, changeId);
    c.revertOf = of;
    return c;
  }

  /** The checked change: number 100 in project "app", created after every change numbered below. */
  static CheckedChange self(String changeId) {
    return new CheckedChange(Project.nameKey("app"), 100, changeId, BRANCH, T0.plusSeconds(100));
  }

  /** What the index answered: the changes found, the first query's among them for numbers. */
  static IndexSnapshot index(List<ChangeInfo> named, List<ChangeInfo> found) {
    return snapshot(named, found, List.of());
  }

  /** With merged reverts: each also listed as a copy of itself, with any further copies. */
  static IndexSnapshot snapshot(
      List<ChangeInfo> named, List<ChangeInfo> found, List<ChangeInfo> reverts) {
    Map<String, List<ChangeInfo>> byId = new LinkedHashMap<>();
    found.forEach(c -> byId.computeIfAbsent(c.changeId, k -> new java.util.ArrayList<>()).add(c));
    Map<Integer, List<ChangeInfo>> revertsOf = new LinkedHashMap<>();
    Map<String, List<ChangeInfo>> copies = new LinkedHashMap<>();
    for (ChangeInfo r : reverts) {
      if (r.revertOf != null) {
        revertsOf.computeIfAbsent(r.revertOf, k -> new java.util.ArrayList<>()).add(r);
      }
      copies.computeIfAbsent(r.changeId, k -> new java.util.ArrayList<>()).add(r);
    }
    return new IndexSnapshot(
        ImmutableList.copyOf(named), copy(byId), copy(revertsOf), copy(copies));
  }

  private static <K> ImmutableMap<K, ImmutableList<ChangeInfo>> copy(Map<K, List<ChangeInfo>> m) {
    ImmutableMap.Builder<K, ImmutableList<ChangeInfo>> out = ImmutableMap.builder();
    m.forEach((k, v) -> out.put(k, ImmutableList.copyOf(v)));
    return out.buildOrThrow();
  }
}
