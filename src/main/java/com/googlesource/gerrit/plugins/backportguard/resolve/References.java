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
import static com.googlesource.gerrit.plugins.backportguard.query.QueryTerms.quote;

import com.google.common.collect.ImmutableList;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which prerequisites a reference names, from what the index answered alone: the query term it
 * needs, the change itself (never its own prerequisite), an ambiguous abbreviation, or, for each
 * project it names, the candidates there. Pure: plain values in, plain values out.
 */
final class References {
  private References() {}

  /** What a reference names: decided already, or a Change-Id in a project with its candidates. */
  sealed interface Named {}

  /** Decided without the branch: not found, ambiguous, or the checked change itself. */
  record Settled(PrerequisiteStatus status) implements Named {}

  /**
   * The prerequisite with the Change-Id in the project; the branch decides where it stands.
   *
   * @param candidates the changes there that count, and the change a reference names by number, if
   *     one does (whoever owns it: the uploader named it on purpose), that one first
   */
  record InProject(String project, String changeId, ImmutableList<Candidate> candidates)
      implements Named {}

  /** The term the first query of a level needs for the reference; none for a link elsewhere. */
  static Optional<String> term(DependencyRef ref) {
    // If/else, not a pattern switch: the 3.10 build compiles for Java 17.
    if (ref instanceof DependencyRef.ChangeId id) {
      return Optional.of("change:" + id.id());
    }
    if (ref instanceof DependencyRef.ChangeIdPrefix p) {
      return Optional.of("change:" + p.prefix());
    }
    if (ref instanceof DependencyRef.ChangeNumber n) {
      return Optional.of(
          "change:" + n.project().map(p -> quote(p + "~" + n.number())).orElse("" + n.number()));
    }
    if (ref instanceof DependencyRef.Triplet t) {
      return Optional.of("change:" + t.changeId());
    }
    if (ref instanceof DependencyRef.External) {
      return Optional.empty();
    }
    throw new IllegalStateException("unknown reference: " + ref);
  }

  /** Whether one of the terms already fetched every change with this Change-Id. */
  static boolean covered(Collection<String> terms, String changeId) {
    return terms.stream()
        .anyMatch(t -> t.startsWith("change:I") && changeId.startsWith(t.substring(7)));
  }

  /**
   * What the reference names, in order.
   *
   * @param self the checked change
   * @param index what the index answered, describable changes only
   */
  static ImmutableList<Named> names(DependencyRef ref, CheckedChange self, IndexSnapshot index) {
    // If/else, not a pattern switch: the 3.10 build compiles for Java 17.
    if (ref instanceof DependencyRef.External) {
      return ImmutableList.of();
    }
    if (ref instanceof DependencyRef.ChangeId id) {
      return id.id().equals(self.changeId())
          ? settled(PrerequisiteStatus.selfReference())
          : byProject(id.id(), self, index);
    }
    if (ref instanceof DependencyRef.ChangeIdPrefix p) {
      Set<String> ids =
          ChangeIdCopies.abbreviationMatches(
              index.withPrefix(p.prefix()), self.number(), self.patchSetCreated());
      if (ids.size() > 1) {
        return settled(PrerequisiteStatus.ambiguous());
      }
      if (ids.isEmpty() && self.changeId().startsWith(p.prefix())) {
        return settled(PrerequisiteStatus.selfReference());
      }
      return byProject(ids.isEmpty() ? p.prefix() : ids.iterator().next(), self, index);
    }
    if (ref instanceof DependencyRef.ChangeNumber n) {
      if (n.number() == self.number()
          && n.project().map(p -> p.equals(self.project().get())).orElse(true)) {
        return settled(PrerequisiteStatus.selfReference());
      }
      Optional<ChangeInfo> named =
          index.named().stream()
              .filter(c -> c._number == n.number())
              .filter(c -> n.project().map(p -> p.equals(c.project)).orElse(true))
              .findFirst();
      if (named.isEmpty()) {
        return settled(PrerequisiteStatus.notFound());
      }
      return ImmutableList.of(
          inProject(named.get().project, named.get().changeId, named, self, index));
    }
    if (ref instanceof DependencyRef.Triplet t) {
      if (t.changeId().equals(self.changeId()) && t.project().equals(self.project().get())) {
        return settled(PrerequisiteStatus.selfReference());
      }
      return ImmutableList.of(inProject(t.project(), t.changeId(), Optional.empty(), self, index));
    }
    throw new IllegalStateException("unknown reference: " + ref);
  }

  /** A bare Change-Id: one prerequisite in each project that has a change with it that counts. */
  private static ImmutableList<Named> byProject(
      String changeId, CheckedChange self, IndexSnapshot index) {
    // Sorted, so that the comment does not change with the index's order.
    Set<String> projects = new TreeSet<>();
    index.counting(changeId, self.branch()).forEach(c -> projects.add(c.project));
    if (projects.isEmpty()) {
      // Nothing in the index: it may still have been pushed straight into this project.
      projects.add(self.project().get());
    }
    return projects.stream()
        .map(p -> (Named) inProject(p, changeId, Optional.empty(), self, index))
        .collect(toImmutableList());
  }

  private static InProject inProject(
      String project,
      String changeId,
      Optional<ChangeInfo> named,
      CheckedChange self,
      IndexSnapshot index) {
    List<ChangeInfo> inProject = new ArrayList<>();
    named.ifPresent(inProject::add);
    index.counting(changeId, self.branch()).stream()
        .filter(c -> c.project.equals(project))
        .filter(c -> inProject.stream().noneMatch(o -> o._number.equals(c._number)))
        .forEach(inProject::add);
    return new InProject(
        project, changeId, inProject.stream().map(Candidate::of).collect(toImmutableList()));
  }

  private static ImmutableList<Named> settled(PrerequisiteStatus status) {
    return ImmutableList.of(new Settled(status));
  }
}
