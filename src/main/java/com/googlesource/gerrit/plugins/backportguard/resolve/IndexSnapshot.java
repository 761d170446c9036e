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
import com.google.gerrit.extensions.common.ChangeInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What the index answered for one level of a check, cut down to the changes the comment may
 * describe (not private, visible enough; see {@link Visibility}), and never the checked change
 * itself. Plain values: {@link IndexReader} fills it, the rules read it.
 *
 * @param named the describable changes the first query found, for references by number
 * @param byChangeId the describable changes found, by Change-Id
 * @param revertsOf merged reverts, by the number of the change each reverts
 * @param copiesOfReverts merged changes carrying the Change-Id of a revert: the revert and its
 *     cherry-picks, by that Change-Id
 */
record IndexSnapshot(
    ImmutableList<ChangeInfo> named,
    ImmutableMap<String, ImmutableList<ChangeInfo>> byChangeId,
    ImmutableMap<Integer, ImmutableList<ChangeInfo>> revertsOf,
    ImmutableMap<String, ImmutableList<ChangeInfo>> copiesOfReverts) {

  /** The changes with the Change-Id that count (see {@link ChangeIdCopies#counting}). */
  ImmutableList<ChangeInfo> counting(String changeId, String targetBranch) {
    return ChangeIdCopies.counting(
        byChangeId.getOrDefault(changeId, ImmutableList.of()), targetBranch);
  }

  /** The describable changes whose Change-Id starts with the prefix, by Change-Id. */
  Map<String, List<ChangeInfo>> withPrefix(String prefix) {
    return byChangeId.entrySet().stream()
        .filter(e -> e.getKey().startsWith(prefix))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
