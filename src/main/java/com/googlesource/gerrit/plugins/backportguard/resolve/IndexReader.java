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
import com.google.gerrit.extensions.client.ChangeStatus;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Asks the index what one level of a check needs, in a few batched queries whatever the number of
 * references, and keeps what the comment may describe: the changes the references name, every
 * change sharing their Change-Ids, and the merged reverts of the merged ones with their copies.
 */
final class IndexReader {
  private final ChangeQuery query;
  private final Visibility visibility;
  private final CheckedChange self;

  IndexReader(ChangeQuery query, Visibility visibility, CheckedChange self) {
    this.query = query;
    this.visibility = visibility;
    this.self = self;
  }

  /** What the index says of the references, describable changes only. */
  IndexSnapshot read(Collection<DependencyRef> refs)
      throws RestApiException, BoundReachedException {
    Set<String> firstTerms = new LinkedHashSet<>();
    refs.forEach(r -> References.term(r).ifPresent(firstTerms::add));
    // Private changes are their owner's business: naming one on a change others can read would
    // leak it, even when the owner of both is the same; so would linking its Change-Id, named
    // by its number, to public copies.
    List<ChangeInfo> firstResults =
        query.any(firstTerms, "").stream().filter(c -> !Boolean.TRUE.equals(c.isPrivate)).toList();
    Map<Integer, ChangeInfo> seen = new LinkedHashMap<>();
    firstResults.forEach(c -> seen.putIfAbsent(c._number, c));
    // Changes named by number: fetch every change that shares their Change-Id, if the comment
    // may name the change at all.
    List<ChangeInfo> named = describable(firstResults);
    Set<String> more = new LinkedHashSet<>();
    for (ChangeInfo c : named) {
      if (!References.covered(firstTerms, c.changeId)) {
        more.add("change:" + c.changeId);
      }
    }
    for (ChangeInfo c : query.any(more, "")) {
      if (!Boolean.TRUE.equals(c.isPrivate)) {
        seen.putIfAbsent(c._number, c);
      }
    }
    Map<String, List<ChangeInfo>> byChangeId = new HashMap<>();
    for (ChangeInfo c : describable(List.copyOf(seen.values()))) {
      if (c._number != self.number()) {
        // The change under check is never its own prerequisite.
        byChangeId.computeIfAbsent(c.changeId, k -> new ArrayList<>()).add(c);
      }
    }
    Map<Integer, List<ChangeInfo>> revertsOf = new LinkedHashMap<>();
    Map<String, List<ChangeInfo>> copiesOfReverts = new LinkedHashMap<>();
    readReverts(byChangeId, revertsOf, copiesOfReverts);
    return new IndexSnapshot(
        ImmutableList.copyOf(named), copy(byChangeId), copy(revertsOf), copy(copiesOfReverts));
  }

  /**
   * Fetches the merged reverts of every merged candidate, with every merged copy of each revert (a
   * revert is usually cherry-picked onto the branches it must undo), then the reverts of those, a
   * level at a time: a level only when the one before found a revert.
   */
  private void readReverts(
      Map<String, List<ChangeInfo>> byChangeId,
      Map<Integer, List<ChangeInfo>> revertsOf,
      Map<String, List<ChangeInfo>> copiesOfReverts)
      throws RestApiException, BoundReachedException {
    Set<Integer> level = new TreeSet<>();
    byChangeId.values().stream()
        .flatMap(List::stream)
        .filter(c -> c.status == ChangeStatus.MERGED)
        .forEach(c -> level.add(c._number));
    for (int i = 0; i < Reverts.MAX_LEVELS && !level.isEmpty(); i++) {
      Set<String> terms = new LinkedHashSet<>();
      level.forEach(n -> terms.add("revertof:" + n));
      level.clear();
      Set<String> revertIds = new LinkedHashSet<>();
      for (ChangeInfo r : describable(query.any(terms, "status:merged"))) {
        addOnce(revertsOf.computeIfAbsent(r.revertOf, k -> new ArrayList<>()), r);
        revertIds.add("change:" + r.changeId);
      }
      for (ChangeInfo c : describable(query.any(revertIds, "status:merged"))) {
        addOnce(copiesOfReverts.computeIfAbsent(c.changeId, k -> new ArrayList<>()), c);
        level.add(c._number);
      }
    }
  }

  /** The changes the comment may describe: not private, and visible enough. */
  private List<ChangeInfo> describable(List<ChangeInfo> changes) {
    return changes.stream()
        .filter(c -> !Boolean.TRUE.equals(c.isPrivate))
        .filter(c -> visibility.describable(c.project, c.branch))
        .toList();
  }

  private static void addOnce(List<ChangeInfo> list, ChangeInfo c) {
    if (list.stream().noneMatch(o -> o._number.equals(c._number))) {
      list.add(c);
    }
  }

  private static <K> ImmutableMap<K, ImmutableList<ChangeInfo>> copy(Map<K, List<ChangeInfo>> map) {
    return map.entrySet().stream()
        .collect(
            ImmutableMap.toImmutableMap(
                Map.Entry::getKey, e -> ImmutableList.copyOf(e.getValue())));
  }
}
