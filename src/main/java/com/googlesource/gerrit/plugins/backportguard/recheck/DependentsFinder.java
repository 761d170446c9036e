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
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.common.Nullable;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.annotations.PluginName;
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
import com.googlesource.gerrit.plugins.backportguard.resolve.DependencyResolver;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds, through Gerrit's own index, the changes that declare a dependency on some changes, and the
 * changes that depend on those in turn, since a prerequisite deep in a chain shows in the comment
 * of every change above it.
 *
 * <p>The commit message is indexed as full text, where a Change-Id, a change number, a {@code
 * project~number} and every form of link each leave the Change-Id or number as a word of its own.
 * So the queries of a level ask for the words any declaration of the subjects must contain (the
 * Change-Id, each abbreviation of it that the parser accepts, the numbers of the changes carrying
 * it in the subject's project), and each hit is then parsed with the plugin's own parser: only a
 * {@code Depends-On} footer that names a subject the way the resolver reads it counts, not prose,
 * another footer, or a reference to a change with the same Change-Id in another project. The index
 * is asked without visibility checks: whoever can see a dependent, its vote must be true. The
 * queries fit the server's {@code index.maxTerms}, are read to their last page, and one lookup
 * reads at most {@link #MAX_CHANGES_READ} changes; past that it logs what was not re-checked.
 */
public class DependentsFinder {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /** The shortest abbreviation the parser accepts: {@code I} and 7 hex digits. */
  private static final int SHORTEST_PREFIX = 8;

  private static final int CHANGE_ID_LENGTH = 41;

  /**
   * The most changes one lookup reads from the index, over all its queries and chain levels: each
   * hit's commit message is read and parsed.
   */
  static final int MAX_CHANGES_READ = 5_000;

  /**
   * Every declaration has the word "depends". Not the phrase "depends on": without a space after
   * the colon, {@code Depends-On:I123...} is indexed as "depends" and "on:i123...".
   */
  private static final Predicate<ChangeData> DECLARES_SOMETHING =
      ChangePredicates.message("depends");

  private final Provider<InternalChangeQuery> queries;
  private final BoundedChangeQuery bounded;
  private final DependencyFooterParser parser;
  private final int maxDepth;
  private final String pluginName;

  @Inject
  DependentsFinder(
      Provider<InternalChangeQuery> queries,
      BoundedChangeQuery bounded,
      DependencyFooterParser parser,
      ServerSettings settings,
      @PluginName String pluginName) {
    this.queries = queries;
    this.bounded = bounded;
    this.parser = parser;
    this.maxDepth = settings.maxChainDepth();
    this.pluginName = pluginName;
  }

  /**
   * The open changes in these topics that declare something, at most {@link #MAX_CHANGES_READ};
   * logs what was not read past that.
   */
  public List<ChangeData> openInTopics(Collection<String> topics) {
    if (topics.isEmpty()) {
      return List.of();
    }
    BoundedChangeQuery.Found found =
        bounded.anyOf(
            Predicate.and(ChangeStatusPredicate.open(), DECLARES_SOMETHING),
            topics.stream().map(ChangePredicates::exactTopic).toList(),
            MAX_CHANGES_READ);
    if (found.cut()) {
      logger.atWarning().log(
          "topics %s have more than %d open changes that declare dependencies: the rest were not"
              + " re-checked; run `%s check` on them",
          topics, MAX_CHANGES_READ, pluginName);
    }
    return found.changes();
  }

  /** How many more changes a lookup may read; remembers whether it ran out. */
  private static final class Budget {
    int left = MAX_CHANGES_READ;
    boolean cut;

    BoundedChangeQuery.Found spend(BoundedChangeQuery.Found found) {
      left -= found.changes().size();
      cut |= found.cut();
      return found;
    }
  }

  /** The open changes that depend on any of the subjects, directly or through a chain. */
  public ImmutableList<ChangeData> openDependents(Collection<Subject> subjects) {
    Map<Change.Id, ChangeData> dependents = new LinkedHashMap<>();
    Set<String> seenChangeIds = new HashSet<>();
    List<Subject> level = new ArrayList<>();
    for (Subject s : subjects) {
      if (!s.changeId().isEmpty()) {
        level.add(s);
      } else if (s.number() != null) {
        for (ChangeData cd : queries.get().byLegacyChangeId(s.number())) {
          level.add(new Subject(cd.project(), cd.getId(), cd.change().getKey().get()));
        }
      }
    }
    level.forEach(s -> seenChangeIds.add(s.changeId()));
    Budget budget = new Budget();
    for (int depth = 0; depth < maxDepth && !level.isEmpty() && !budget.cut; depth++) {
      List<Subject> next = new ArrayList<>();
      for (ChangeData dependent : directDependents(level, budget)) {
        if (dependents.putIfAbsent(dependent.getId(), dependent) == null
            && seenChangeIds.add(dependent.change().getKey().get())) {
          next.add(
              new Subject(
                  dependent.project(), dependent.getId(), dependent.change().getKey().get()));
        }
      }
      level = next;
    }
    if (budget.cut) {
      logger.atWarning().log(
          "Re-check of the changes that depend on %s stopped after reading %d changes from the"
              + " index; the dependents not reached were not re-checked. Run `%s check"
              + " --project <project>` for the projects whose backports may wait for them"
              + " (or `check --all`).",
          describe(subjects), MAX_CHANGES_READ, pluginName);
    }
    return dependents.values().stream()
        .filter(cd -> cd.change().isNew())
        .collect(ImmutableList.toImmutableList());
  }

  static String describe(Collection<Subject> subjects) {
    String some =
        subjects.stream().limit(5).map(Subject::toString).collect(Collectors.joining(", "));
    return subjects.size() > 5 ? some + " and " + (subjects.size() - 5) + " more" : some;
  }

  private List<ChangeData> directDependents(List<Subject> subjects, Budget budget) {
    Declarers declarers = declarers(subjects, budget);
    List<ChangeData> out = new ArrayList<>();
    // Every declaration has the word "depends": this keeps common numbers from matching prose.
    // Open changes first: they are the ones re-checked, so closed ones (anybody's abandoned changes
    // among them) cannot use up the bound before them. Closed ones are still read: a change merged
    // elsewhere than the dependent's branch passes a chain upward.
    for (Predicate<ChangeData> status :
        List.of(ChangeStatusPredicate.open(), ChangeStatusPredicate.closed())) {
      for (ChangeData cd :
          budget
              .spend(
                  bounded.anyOf(
                      Predicate.and(DECLARES_SOMETHING, status), declarers.words(), budget.left))
              .changes()) {
        if (declarers.declares(cd)) {
          out.add(cd);
        }
      }
      if (budget.cut) {
        break;
      }
    }
    return out;
  }

  /**
   * How to find the changes that declare any of the subjects directly, in any form the resolver
   * reads: the words of the commit message that every such declaration contains, to ask the index
   * for, and the footer check that confirms a hit. Costs one index query: the changes carrying the
   * subjects' Change-Ids in their projects, which declarations may name by number.
   */
  public Declarers declarersOf(Collection<Subject> subjects) {
    return declarers(List.copyOf(subjects), new Budget());
  }

  /**
   * The changes that declare some subjects, as the index and the footers tell them: {@link
   * #words()} narrows the index query, {@link #declares} confirms each hit.
   */
  public final class Declarers {
    private final ImmutableList<Predicate<ChangeData>> words;
    private final Subjects named;

    private Declarers(ImmutableList<Predicate<ChangeData>> words, Subjects named) {
      this.words = words;
      this.named = named;
    }

    /**
     * Full-text terms of the commit message, any of which every declaration of a subject contains.
     * Combine them with {@link DependentsFinder#declaresSomething()}.
     */
    public ImmutableList<Predicate<ChangeData>> words() {
      return words;
    }

    /** Whether a {@code Depends-On} footer of the change names one of the subjects. */
    public boolean declares(ChangeData cd) {
      return declaresAny(cd, named);
    }
  }

  /** The full-text term that every commit message declaring a dependency contains. */
  public static Predicate<ChangeData> declaresSomething() {
    return DECLARES_SOMETHING;
  }

  private Declarers declarers(List<Subject> subjects, Budget budget) {
    Map<String, List<Subject>> byChangeId = new LinkedHashMap<>();
    Map<Carrier, List<Subject>> byCarrier = new LinkedHashMap<>();
    for (Subject s : subjects) {
      byChangeId.computeIfAbsent(s.changeId(), k -> new ArrayList<>()).add(s);
      byCarrier.computeIfAbsent(carrier(s), k -> new ArrayList<>()).add(s);
    }
    // The Change-Id of each change a dependent may name by number; and which subjects' projects
    // have a change with their Change-Id.
    Map<Numbered, Carrier> numbered = new LinkedHashMap<>();
    Set<Carrier> carried = new HashSet<>();
    for (Subject s : subjects) {
      if (s.number() != null) {
        numbered.put(new Numbered(s.project(), s.number().get()), carrier(s));
        carried.add(carrier(s));
      }
    }
    // Every change carrying a subject's Change-Id in the subject's project: dependents may name any
    // of them by number, and the resolver reads them as that project's copy of the prerequisite.
    // Asked per project, so that copies elsewhere (anybody's) are not read at all.
    for (ChangeData cd :
        budget
            .spend(
                bounded.anyOf(
                    null,
                    byCarrier.keySet().stream()
                        .map(
                            c ->
                                Predicate.and(
                                    ChangePredicates.project(Project.nameKey(c.project())),
                                    ChangePredicates.idPrefix(c.changeId())))
                        .toList(),
                    budget.left))
            .changes()) {
      Carrier c = new Carrier(cd.project().get(), cd.change().getKey().get());
      if (byCarrier.containsKey(c)) {
        numbered.put(new Numbered(cd.project(), cd.getId().get()), c);
        carried.add(c);
      }
    }
    List<Predicate<ChangeData>> words = new ArrayList<>();
    for (String id : byChangeId.keySet()) {
      for (int len = SHORTEST_PREFIX; len <= Math.min(id.length(), CHANGE_ID_LENGTH); len++) {
        addWord(words, id.substring(0, len));
      }
    }
    numbered.keySet().stream()
        .map(n -> Integer.toString(n.number()))
        .distinct()
        .forEach(n -> addWord(words, n));
    Subjects named = new Subjects(byChangeId, byCarrier, numbered, carried);
    return new Declarers(ImmutableList.copyOf(words), named);
  }

  private static Carrier carrier(Subject s) {
    return new Carrier(s.project().get(), s.changeId());
  }

  /**
   * A word a declaration of the subject contains, also as the index sees it right after a colon
   * with no space ({@code Depends-On:12345}).
   */
  private static void addWord(List<Predicate<ChangeData>> words, String word) {
    words.add(ChangePredicates.message(word));
    words.add(ChangePredicates.message("on:" + word));
  }

  private boolean declaresAny(ChangeData cd, Subjects named) {
    Dependent dependent = new Dependent(cd.project().get(), cd.change().getDest().branch());
    for (DeclaredDependency dep : parser.parse(cd.commitMessage()).dependencies()) {
      if (named.namedBy(dep.ref(), dependent)) {
        return true;
      }
    }
    return false;
  }

  /** A possible dependent: its project and the full name of its branch. */
  record Dependent(String project, String branch) {}

  /**
   * The subjects of one level of a lookup, indexed as declarations name them.
   *
   * @param byChangeId the subjects by Change-Id
   * @param byCarrier the subjects by project and Change-Id
   * @param numbered the changes with a subject's Change-Id in the subject's project, by number
   * @param carried the subjects' projects and Change-Ids that a change in that project carries
   */
  record Subjects(
      Map<String, List<Subject>> byChangeId,
      Map<Carrier, List<Subject>> byCarrier,
      Map<Numbered, Carrier> numbered,
      Set<Carrier> carried) {

    /** Whether a reference, read as the resolver reads it, may resolve to one of the subjects. */
    boolean namedBy(DependencyRef ref, Dependent dependent) {
      // If/else, not a pattern switch: the 3.10 build compiles for Java 17.
      // A bare or abbreviated Change-Id counts in every project that has a change carrying it,
      // or, when none has, in the dependent's own project.
      if (ref instanceof DependencyRef.ChangeId id) {
        return anyAffects(byChangeId.get(id.id()), dependent, false);
      }
      if (ref instanceof DependencyRef.ChangeIdPrefix p) {
        return byChangeId.entrySet().stream()
            .anyMatch(
                e ->
                    e.getKey().startsWith(p.prefix())
                        && anyAffects(e.getValue(), dependent, false));
      }
      // A triplet names the Change-Id in one project (on any of its branches).
      if (ref instanceof DependencyRef.Triplet t) {
        return anyAffects(byCarrier.get(new Carrier(t.project(), t.changeId())), dependent, true);
      }
      if (ref instanceof DependencyRef.ChangeNumber n) {
        return numbered.entrySet().stream()
            .anyMatch(
                e ->
                    e.getKey().number() == n.number()
                        && n.project().map(p -> p.equals(e.getKey().project().get())).orElse(true)
                        && anyAffects(byCarrier.get(e.getValue()), dependent, true));
      }
      if (ref instanceof DependencyRef.External) {
        return false;
      }
      throw new IllegalStateException("unknown reference: " + ref);
    }

    /**
     * Whether a dependent that names one of these subjects may read differently because of it. A
     * commit that reached a branch without a change is read only on that branch (the dependent's
     * own), and only in the project the reference names: for a bare Change-Id, a project with a
     * change carrying it, or else the dependent's own project.
     */
    private boolean anyAffects(
        @Nullable List<Subject> subjects, Dependent dependent, boolean projectNamed) {
      if (subjects == null) {
        return false;
      }
      for (Subject s : subjects) {
        if (s.onlyBranch() == null) {
          return true;
        }
        if (s.onlyBranch().equals(dependent.branch())
            && (projectNamed
                || s.project().get().equals(dependent.project())
                || carried.contains(carrier(s)))) {
          return true;
        }
      }
      return false;
    }
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
    for (ChangeData cd :
        bounded
            .anyOf(
                ChangePredicates.project(project),
                commits.stream().map(ChangePredicates::commitPrefix).toList(),
                Integer.MAX_VALUE)
            .changes()) {
      String commit = cd.currentPatchSet().commitId().name();
      if (cd.change().getDest().branch().equals(ref) && wanted.contains(commit)) {
        out.add(commit);
      }
    }
    return out;
  }

  /**
   * The subjects, and the changes that they (or other changes carrying their Change-Id, such as a
   * cherry-picked revert) revert, following reverts of reverts as deep as a check does ({@link
   * DependencyResolver#MAX_REVERT_LEVELS}): a re-check past that could not change a verdict.
   */
  public ImmutableList<Subject> withWhatTheyRevert(Collection<Subject> subjects) {
    Map<Change.Id, Subject> out = new LinkedHashMap<>();
    subjects.forEach(s -> out.put(s.number(), s));
    // A revert of a subject carries its Change-Id in the subject's project: a change with the
    // Change-Id elsewhere (anybody's) does not speak for it.
    Set<Carrier> level = new LinkedHashSet<>();
    subjects.stream().filter(s -> !s.changeId().isEmpty()).map(s -> carrier(s)).forEach(level::add);
    for (int depth = 0; depth < DependencyResolver.MAX_REVERT_LEVELS && !level.isEmpty(); depth++) {
      Set<Carrier> next = new LinkedHashSet<>();
      BoundedChangeQuery.Found found =
          bounded.anyOf(
              null,
              level.stream()
                  .map(
                      c ->
                          Predicate.and(
                              ChangePredicates.project(Project.nameKey(c.project())),
                              ChangePredicates.idPrefix(c.changeId())))
                  .toList(),
              MAX_CHANGES_READ);
      if (found.cut()) {
        logger.atWarning().log(
            "Looking up what %s revert stopped after reading %d changes from the index; the"
                + " dependents of the changes they revert may not be re-checked. Run"
                + " `%s check --project <project>` for the projects whose backports"
                + " may wait for them (or `check --all`).",
            describe(subjects), MAX_CHANGES_READ, pluginName);
      }
      for (ChangeData cd : found.changes()) {
        Change.Id reverted = cd.change().getRevertOf();
        if (reverted == null
            || out.containsKey(reverted)
            || !level.contains(new Carrier(cd.project().get(), cd.change().getKey().get()))) {
          continue;
        }
        for (ChangeData r : queries.get().byLegacyChangeId(reverted)) {
          String id = r.change().getKey().get();
          out.put(reverted, new Subject(r.project(), reverted, id));
          next.add(new Carrier(r.project().get(), id));
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

  /** A change by project and number, as a dependency may name it. */
  record Numbered(Project.NameKey project, int number) {}

  /** A Change-Id in a project, as a triplet names it. */
  record Carrier(String project, String changeId) {}
}
