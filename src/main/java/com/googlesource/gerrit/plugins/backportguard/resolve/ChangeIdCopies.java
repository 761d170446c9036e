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

import static com.google.common.collect.ImmutableList.toImmutableList;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import com.google.gerrit.extensions.common.ChangeInfo;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides which changes carrying a Change-Id count for a prerequisite, so that nobody but the
 * original author and the people landing it on the target branch can steer the verdict. Pure: it is
 * given only the changes the comment may describe, never ones hidden from its readers (a hidden
 * change must change nothing in the comment).
 */
final class ChangeIdCopies {
  private static final Comparator<ChangeInfo> EARLIEST = Comparator.comparingInt(c -> c._number);

  private ChangeIdCopies() {}

  /**
   * The changes with one Change-Id that count. The earliest (lowest number) is the original; its
   * owner is the author. A change counts when the author owns it (the same Change-Id in several
   * projects or branches on purpose), or when it is on the target branch in a project where the
   * author has a change with the Change-Id (a backport, whoever cherry-picked it). A stranger's
   * copy on another branch (a sandbox) or in another project does not count.
   *
   * @param copies the describable, non-private changes carrying the Change-Id
   * @param targetBranch the short name of the branch the checked change targets
   */
  static ImmutableList<ChangeInfo> counting(Collection<ChangeInfo> copies, String targetBranch) {
    Optional<ChangeInfo> earliest = copies.stream().min(EARLIEST);
    if (earliest.isEmpty()) {
      return ImmutableList.of();
    }
    Integer author = owner(earliest.get());
    Set<String> authorsProjects =
        copies.stream()
            .filter(c -> sameOwner(c, author))
            .map(c -> c.project)
            .collect(Collectors.toSet());
    authorsProjects.add(earliest.get().project);
    return copies.stream()
        .filter(
            c ->
                c == earliest.get()
                    || sameOwner(c, author)
                    || (targetBranch.equals(c.branch) && authorsProjects.contains(c.project)))
        .collect(toImmutableList());
  }

  /**
   * The Change-Ids an abbreviation names, for deciding whether it is ambiguous. A Change-Id counts
   * only when a describable change with it was created before the checked patch set (a lower number
   * than the checked change, or an earlier creation time: Gerrit keeps times to the second, so a
   * prerequisite made in the same second as the patch set is told apart by its number): the author
   * abbreviated what existed then, and a stranger's later upload cannot make it ambiguous (nor make
   * the plugin post by hiding and showing that upload). When none predates the patch set (a
   * prerequisite uploaded after its dependent), all count. The rest are then narrowed to those with
   * a change in the project of the earliest change left, or owned by its owner, so that a stranger
   * elsewhere cannot make it ambiguous either.
   *
   * @param matching the describable, non-private changes whose Change-Id starts with the
   *     abbreviation, by Change-Id
   * @param checkedNumber the number of the checked change
   * @param patchSetCreated when the checked patch set was created
   */
  static ImmutableSet<String> abbreviationMatches(
      Map<String, ? extends Collection<ChangeInfo>> matching,
      int checkedNumber,
      Instant patchSetCreated) {
    Set<String> earlier =
        matching.entrySet().stream()
            .filter(
                e ->
                    e.getValue().stream()
                        .anyMatch(
                            c -> c._number < checkedNumber || createdBefore(c, patchSetCreated)))
            .map(Map.Entry::getKey)
            .collect(Collectors.toSet());
    List<ChangeInfo> changes =
        matching.entrySet().stream()
            .filter(e -> earlier.isEmpty() || earlier.contains(e.getKey()))
            .flatMap(e -> e.getValue().stream())
            .toList();
    Optional<ChangeInfo> earliest = changes.stream().min(EARLIEST);
    if (earliest.isEmpty()) {
      return ImmutableSet.of();
    }
    Integer owner = owner(earliest.get());
    Set<String> ids = new TreeSet<>();
    changes.stream()
        .filter(c -> c.project.equals(earliest.get().project) || sameOwner(c, owner))
        .forEach(c -> ids.add(c.changeId));
    return ImmutableSet.copyOf(ids);
  }

  private static boolean createdBefore(ChangeInfo c, Instant instant) {
    return c.created != null && c.created.toInstant().isBefore(instant);
  }

  private static Integer owner(ChangeInfo c) {
    return c.owner == null ? null : c.owner._accountId;
  }

  private static boolean sameOwner(ChangeInfo c, Integer owner) {
    return owner != null && Objects.equals(owner(c), owner);
  }
}
