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

package com.googlesource.gerrit.plugins.backportguard.recheck;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Iterables;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.index.query.Predicate;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.ChangePredicates;
import com.google.gerrit.server.query.change.ChangeStatusPredicate;
import com.google.gerrit.server.query.change.InternalChangeQuery;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.googlesource.gerrit.plugins.backportguard.config.ServerSettings;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds, through Gerrit's own index, the changes that declare a dependency on some changes, and the
 * changes that depend on those in turn, since a prerequisite deep in a chain shows in the comment
 * of every change above it.
 *
 * <p>The commit message is indexed as full text, where a Change-Id, a change number, a {@code
 * project~number} and every form of link each leave the Change-Id or number as a word of its own.
 * So one query per level asks for the words any declaration of the subjects must contain (the
 * Change-Id, each abbreviation of it that the parser accepts, the numbers of every change carrying
 * it), and the hits are then parsed to keep only real {@code Depends-On} footers naming a subject.
 * The index is asked without visibility checks: whoever can see a dependent, its vote must be true.
 */
public class DependentsFinder {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /** The shortest abbreviation the parser accepts: {@code I} and 7 hex digits. */
  private static final int SHORTEST_PREFIX = 8;

  private static final int CHANGE_ID_LENGTH = 41;

  /** Change-Ids asked for in one query, to keep it well below the index's clause limit. */
  private static final int CHANGE_IDS_PER_QUERY = 5;

  private static final int QUERY_LIMIT = 5000;

  private static final int MAX_REVERT_LEVELS = 3;

  /**
   * Every declaration has the word "depends". Not the phrase "depends on": without a space after
   * the colon, {@code Depends-On:I123...} is indexed as "depends" and "on:i123...".
   */
  private static final Predicate<ChangeData> DECLARES_SOMETHING =
      ChangePredicates.message("depends");

  private final Provider<InternalChangeQuery> queries;
  private final DependencyFooterParser parser;
  private final int maxDepth;

  @Inject
  DependentsFinder(
      Provider<InternalChangeQuery> queries,
      DependencyFooterParser parser,
      ServerSettings settings) {
    this.queries = queries;
    this.parser = parser;
    this.maxDepth = settings.maxChainDepth();
  }

  /** The open changes that depend on any of the subjects, directly or through a chain. */
  public ImmutableList<ChangeData> openDependents(Collection<Subject> subjects) {
    Map<Change.Id, ChangeData> dependents = new LinkedHashMap<>();
    Set<String> seenChangeIds = new HashSet<>();
    List<Subject> level = new ArrayList<>();
    for (Subject s : subjects) {
      if (!s.changeId().isEmpty()) {
        level.add(s);
        continue;
      }
      for (ChangeData cd : queries.get().byLegacyChangeId(s.number())) {
        level.add(new Subject(cd.project(), cd.getId(), cd.change().getKey().get()));
      }
    }
    level.forEach(s -> seenChangeIds.add(s.changeId()));
    for (int depth = 0; depth < maxDepth && !level.isEmpty(); depth++) {
      List<Subject> next = new ArrayList<>();
      for (List<Subject> batch : Iterables.partition(level, CHANGE_IDS_PER_QUERY)) {
        for (ChangeData dependent : directDependents(batch)) {
          if (dependents.putIfAbsent(dependent.getId(), dependent) == null
              && seenChangeIds.add(dependent.change().getKey().get())) {
            next.add(
                new Subject(
                    dependent.project(), dependent.getId(), dependent.change().getKey().get()));
          }
        }
      }
      level = next;
    }
    return dependents.values().stream()
        .filter(cd -> cd.change().isNew())
        .collect(ImmutableList.toImmutableList());
  }

  private List<ChangeData> directDependents(List<Subject> subjects) {
    // Every change carrying a subject's Change-Id: dependents may name any of them by number.
    Set<String> changeIds = new LinkedHashSet<>();
    subjects.forEach(s -> changeIds.add(s.changeId()));
    Set<Numbered> numbered = new LinkedHashSet<>();
    subjects.stream()
        .filter(s -> s.number() != null)
        .forEach(s -> numbered.add(new Numbered(s.project(), s.number().get())));
    for (ChangeData cd :
        query(Predicate.or(changeIds.stream().map(ChangePredicates::idPrefix).toList()))) {
      numbered.add(new Numbered(cd.project(), cd.getId().get()));
    }
    List<Predicate<ChangeData>> words = new ArrayList<>();
    for (String id : changeIds) {
      for (int len = SHORTEST_PREFIX; len <= Math.min(id.length(), CHANGE_ID_LENGTH); len++) {
        addWord(words, id.substring(0, len));
      }
    }
    numbered.stream()
        .map(n -> Integer.toString(n.number()))
        .distinct()
        .forEach(n -> addWord(words, n));
    List<ChangeData> out = new ArrayList<>();
    // Every declaration has the words "Depends On": this keeps common numbers from matching prose.
    for (ChangeData cd : query(Predicate.and(DECLARES_SOMETHING, Predicate.or(words)))) {
      if (declaresAny(cd, changeIds, numbered)) {
        out.add(cd);
      }
    }
    return out;
  }

  /**
   * A word a declaration of the subject contains, also as the index sees it right after a colon
   * with no space ({@code Depends-On:12345}).
   */
  private static void addWord(List<Predicate<ChangeData>> words, String word) {
    words.add(ChangePredicates.message(word));
    words.add(ChangePredicates.message("on:" + word));
  }

  private boolean declaresAny(ChangeData cd, Set<String> changeIds, Set<Numbered> numbered) {
    for (DeclaredDependency dep : parser.parse(cd.commitMessage()).dependencies()) {
      if (names(dep.ref(), changeIds, numbered)) {
        return true;
      }
    }
    return false;
  }

  private static boolean names(DependencyRef ref, Set<String> changeIds, Set<Numbered> numbered) {
    return switch (ref) {
      case DependencyRef.ChangeId id -> changeIds.contains(id.id());
      case DependencyRef.ChangeIdPrefix p ->
          changeIds.stream().anyMatch(i -> i.startsWith(p.prefix()));
      case DependencyRef.Triplet t -> changeIds.contains(t.changeId());
      case DependencyRef.ChangeNumber n ->
          numbered.stream()
              .anyMatch(
                  c ->
                      c.number() == n.number()
                          && n.project().map(p -> p.equals(c.project().get())).orElse(true));
      case DependencyRef.External e -> false;
    };
  }

  /**
   * Those of the commits that are the current patch set of a change for the branch: Gerrit merged
   * them (by submit, or by closing the change when its commit was pushed), and its change-merged
   * event re-checks their dependents.
   */
  public Set<String> changeCommits(
      Project.NameKey project, String ref, Collection<String> commits) {
    if (commits.isEmpty()) {
      return Set.of();
    }
    Set<String> wanted = new HashSet<>(commits);
    Set<String> out = new HashSet<>();
    for (ChangeData cd : queries.get().byProjectCommits(project, ImmutableList.copyOf(commits))) {
      String commit = cd.currentPatchSet().commitId().name();
      if (cd.change().getDest().branch().equals(ref) && wanted.contains(commit)) {
        out.add(commit);
      }
    }
    return out;
  }

  /**
   * The subjects, and the changes that they (or other changes carrying their Change-Id, such as a
   * cherry-picked revert) revert, following reverts of reverts up to three levels.
   */
  public ImmutableList<Subject> withWhatTheyRevert(Collection<Subject> subjects) {
    Map<Change.Id, Subject> out = new LinkedHashMap<>();
    subjects.forEach(s -> out.put(s.number(), s));
    Set<String> level = new LinkedHashSet<>();
    subjects.stream().map(Subject::changeId).filter(id -> !id.isEmpty()).forEach(level::add);
    for (int depth = 0; depth < MAX_REVERT_LEVELS && !level.isEmpty(); depth++) {
      Set<String> next = new LinkedHashSet<>();
      for (ChangeData cd :
          query(Predicate.or(level.stream().map(ChangePredicates::idPrefix).toList()))) {
        Change.Id reverted = cd.change().getRevertOf();
        if (reverted == null || out.containsKey(reverted)) {
          continue;
        }
        for (ChangeData r : queries.get().byLegacyChangeId(reverted)) {
          String id = r.change().getKey().get();
          out.put(reverted, new Subject(r.project(), reverted, id));
          next.add(id);
        }
      }
      level = next;
    }
    return ImmutableList.copyOf(out.values());
  }

  /** Whether the index still has the change. */
  public boolean stillIndexed(Subject subject) {
    return subject.number() != null && !queries.get().byLegacyChangeId(subject.number()).isEmpty();
  }

  private List<ChangeData> query(Predicate<ChangeData> predicate) {
    List<ChangeData> found = queries.get().setLimit(QUERY_LIMIT).query(predicate);
    if (found.size() >= QUERY_LIMIT) {
      logger.atWarning().log(
          "More than %d changes match %s; some dependents may not be re-checked until their next"
              + " event or a backport-guard check",
          QUERY_LIMIT, predicate);
    }
    return found;
  }

  /** A change by project and number, as a dependency may name it. */
  private record Numbered(Project.NameKey project, int number) {}

  /**
   * The open changes on a branch, in any project, whose message mentions a dependency: the changes
   * that may be waiting for commits that reached the branch.
   */
  public ImmutableList<ChangeData> waitingOn(String ref) {
    return ImmutableList.copyOf(
        query(
            Predicate.and(
                ChangeStatusPredicate.open(), ChangePredicates.ref(ref), DECLARES_SOMETHING)));
  }
}
