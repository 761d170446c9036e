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
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.GerritApi;
import com.google.gerrit.extensions.api.changes.SubmittedTogetherOption;
import com.google.gerrit.extensions.client.ChangeStatus;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.server.git.GitRepositoryManager;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.resolve.Chain.Node;
import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.errors.RevWalkException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevSort;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds out where each declared dependency of a change stands on the change's target branch, and
 * follows the prerequisites of unmerged prerequisites on the same branch.
 *
 * <p>What it finds may be named in the comment only when {@link Visibility} allows it: the owner
 * and the uploader of the patch set can read it, and it is at least as visible as the change
 * itself. Everything else is treated as absent, before any decision is made on it (ambiguity of an
 * abbreviated Change-Id included), so that the comment is no oracle. Index queries run in the
 * request context of the owner (so the index never returns more than the owner can see) and are
 * read page by page to the end, whatever the owner's {@code queryLimit}.
 *
 * <p>A bare or abbreviated Change-Id names one prerequisite in each project that has a change with
 * it that counts; to keep strangers from adding, satisfying or redirecting prerequisites of someone
 * else's change, only the copies {@link ChangeIdCopies} lets count are candidates, decided over the
 * describable changes alone.
 *
 * <p>All work is bounded by one {@link CheckBudget} per check, across every level of the chain and
 * every project: index queries, and objects read by every git walk. A prerequisite that a bound
 * kept from being decided is {@link PrerequisiteState#UNDECIDED}, which blocks.
 */
public class DependencyResolver {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  private static final ImmutableSet<ListChangesOption> OPTIONS =
      ImmutableSet.of(ListChangesOption.CURRENT_REVISION, ListChangesOption.SKIP_DIFFSTAT);

  /** The most commits a search for a directly pushed prerequisite reads. */
  static final int MAX_WALK = 10_000;

  /** How many declarations one level of a chain resolves at most. */
  public static final int MAX_DECLARATIONS_PER_LEVEL = 200;

  /** How many reverts of reverts are followed. */
  private static final int MAX_REVERT_LEVELS = 3;

  private final GerritApi gApi;
  private final GitRepositoryManager repoManager;
  private final Visibility.Factory visibilityFactory;
  private final ResolveBounds bounds;

  private final DependencyFooterParser parser;

  @Inject
  DependencyResolver(
      GerritApi gApi,
      GitRepositoryManager repoManager,
      Visibility.Factory visibilityFactory,
      ResolveBounds bounds,
      DependencyFooterParser parser) {
    this.gApi = gApi;
    this.repoManager = repoManager;
    this.visibilityFactory = visibilityFactory;
    this.bounds = bounds;
    this.parser = parser;
  }

  /**
   * Resolves the dependencies of a change, then follows the prerequisites of its unmerged
   * prerequisites on the same branch; call it in the request context of the change owner.
   *
   * @param owner the owner of the change
   * @param uploaders the uploader of the patch set being checked and, if another account uploaded
   *     it on their behalf, that real uploader
   * @param maxChainDepth how many levels of prerequisites to follow, the change's own being the
   *     first
   * @param maxDependencies how many declarations of each prerequisite further down to follow
   */
  public Resolution resolve(
      CheckedChange change,
      Account.Id owner,
      ImmutableSet<Account.Id> uploaders,
      List<DeclaredDependency> dependencies,
      int maxChainDepth,
      int maxDependencies)
      throws RestApiException, IOException {
    Check check =
        new Check(
            change, visibilityFactory.create(change, owner, uploaders), new CheckBudget(bounds));
    ImmutableList<DependencyResult> results = new Lookup(check).resolve(dependencies);
    Chain chain = followChain(check, results, maxChainDepth, maxDependencies);
    ImmutableSet<Node> blocked = LandingTogether.blocked(chain);
    if (!blocked.isEmpty()) {
      // Landing together does not bring what such a prerequisite needs: it blocks as an open one.
      chain = LandingTogether.demote(chain, blocked);
      results = reopen(results, blocked);
    }
    return new Resolution(results, chain, check.budget().queries());
  }

  private static ImmutableList<DependencyResult> reopen(
      ImmutableList<DependencyResult> results, ImmutableSet<Node> blocked) {
    return results.stream()
        .map(
            r ->
                new DependencyResult(
                    r.dependency(),
                    r.prerequisites().stream()
                        .map(
                            s ->
                                s.project().isPresent()
                                        && s.changeId().isPresent()
                                        && blocked.contains(
                                            new Node(s.project().get(), s.changeId().get()))
                                    ? LandingTogether.reopen(s)
                                    : s)
                        .collect(toImmutableList())))
        .collect(toImmutableList());
  }

  /**
   * The changes Gerrit would submit together with the checked change, by number, each with why:
   * asked once per check, of Gerrit's own computation (open ancestors of the current patch set, and
   * the whole topic where {@code change.submitWholeTopic} is set), as the owner sees them.
   */
  private ImmutableMap<Integer, PrerequisiteState> submittedTogether(Check check)
      throws RestApiException, IOException {
    CheckedChange self = check.self();
    try {
      check.budget().countQuery();
    } catch (BoundReachedException e) {
      // Not asked: nothing counts as landing together, the safe side.
      return ImmutableMap.of();
    }
    List<ChangeInfo> together =
        gApi.changes()
            .id(self.project().get(), self.number())
            .submittedTogether(
                EnumSet.of(ListChangesOption.CURRENT_REVISION),
                EnumSet.noneOf(SubmittedTogetherOption.class))
            .changes;
    if (together == null || together.isEmpty()) {
      return ImmutableMap.of();
    }
    Optional<ChangeInfo> selfInfo =
        together.stream().filter(c -> c._number == self.number()).findFirst();
    Optional<String> head = selfInfo.map(c -> c.currentRevision);
    Optional<String> topic = selfInfo.map(c -> c.topic).filter(t -> !t.isEmpty());
    ImmutableMap.Builder<Integer, PrerequisiteState> out = ImmutableMap.builder();
    try (Repository repo = repoManager.openRepository(self.project());
        ObjectReader reader = check.budget().reader(repo);
        RevWalk rw = new RevWalk(reader)) {
      RevCommit tip = head.isPresent() ? rw.parseCommit(ObjectId.fromString(head.get())) : null;
      for (ChangeInfo c : together) {
        if (c._number == self.number()) {
          continue;
        }
        boolean ancestor = false;
        if (tip != null && c.project.equals(self.project().get()) && c.currentRevision != null) {
          try {
            ancestor = rw.isMergedInto(rw.parseCommit(ObjectId.fromString(c.currentRevision)), tip);
          } catch (MissingObjectException e) {
            ancestor = false;
          } finally {
            rw.reset();
          }
        }
        if (ancestor) {
          out.put(c._number, PrerequisiteState.LANDS_AS_ANCESTOR);
        } else if (topic.isPresent() && topic.get().equals(c.topic)) {
          out.put(c._number, PrerequisiteState.LANDS_WITH_TOPIC);
        }
        // Otherwise brought in some other way (an ancestor of a topic member, or under an outdated
        // patch set, which Gerrit then refuses to submit): it does not count, the safe side.
      }
    } catch (BoundReachedException e) {
      return ImmutableMap.of();
    }
    return out.buildKeepingLast();
  }

  /**
   * Follows the chain level by level: the declarations of every unmerged prerequisite at one level
   * are resolved together, so a level costs the queries of one evaluation however wide it is.
   */
  private Chain followChain(
      Check check, List<DependencyResult> direct, int maxDepth, int maxDependencies)
      throws RestApiException, IOException {
    CheckedChange change = check.self();
    Node root = new Node(change.project().get(), change.changeId());
    PrerequisiteGraph graph = new PrerequisiteGraph(root, maxDepth);
    Map<Node, PrerequisiteStatus> frontier = new LinkedHashMap<>();
    for (DependencyResult r : direct) {
      for (PrerequisiteStatus s : r.prerequisites()) {
        addNeed(graph, root, s, frontier);
      }
    }
    for (int depth = 1; !frontier.isEmpty(); depth++) {
      Map<Node, List<DeclaredDependency>> declared =
          declarations(check, frontier, maxDependencies, graph);
      if (depth >= maxDepth) {
        declared.forEach(
            (node, deps) -> {
              if (!deps.isEmpty()) {
                graph.markCut(node);
              }
            });
        break;
      }
      // A level's declarations go into one query: keep it well inside the index's term limit, and
      // say which changes were not followed rather than fail the whole check.
      int budget = MAX_DECLARATIONS_PER_LEVEL;
      for (Iterator<Map.Entry<Node, List<DeclaredDependency>>> it = declared.entrySet().iterator();
          it.hasNext(); ) {
        Map.Entry<Node, List<DeclaredDependency>> e = it.next();
        if (e.getValue().size() > budget) {
          graph.markTooWide(e.getKey());
          it.remove();
        } else {
          budget -= e.getValue().size();
        }
      }
      List<DeclaredDependency> all = new ArrayList<>();
      declared.values().forEach(all::addAll);
      List<DependencyResult> results = new Lookup(check).resolve(all);
      Map<Node, PrerequisiteStatus> next = new LinkedHashMap<>();
      int i = 0;
      for (Map.Entry<Node, List<DeclaredDependency>> e : declared.entrySet()) {
        for (int k = 0; k < e.getValue().size(); k++, i++) {
          for (PrerequisiteStatus s : results.get(i).prerequisites()) {
            if (s.state() == PrerequisiteState.UNDECIDED) {
              graph.markOverBudget(e.getKey(), s.bound().get());
            }
            addNeed(graph, e.getKey(), s, next);
          }
        }
      }
      frontier = next;
    }
    return graph.build();
  }

  private static void addNeed(
      PrerequisiteGraph graph,
      Node from,
      PrerequisiteStatus s,
      Map<Node, PrerequisiteStatus> next) {
    if (s.state() == PrerequisiteState.SELF_REFERENCE) {
      // Names the change being checked: the path back to it is a cycle.
      graph.addNeed(from, graph.root(), s);
    } else if ((!s.state().satisfied() || s.state().landsTogether())
        && !s.state().unknown()
        && s.project().isPresent()
        && s.changeId().isPresent()) {
      Node to = new Node(s.project().get(), s.changeId().get());
      if (graph.addNeed(from, to, s) && s.change().isPresent()) {
        next.put(to, s);
      }
    }
  }

  /** The dependencies each prerequisite declares, read from the change that decides its state. */
  private Map<Node, List<DeclaredDependency>> declarations(
      Check check,
      Map<Node, PrerequisiteStatus> nodes,
      int maxDependencies,
      PrerequisiteGraph graph)
      throws IOException {
    Map<Node, List<DeclaredDependency>> out = new LinkedHashMap<>();
    Map<String, List<Node>> byProject = new LinkedHashMap<>();
    nodes
        .keySet()
        .forEach(n -> byProject.computeIfAbsent(n.project(), p -> new ArrayList<>()).add(n));
    for (Map.Entry<String, List<Node>> e : byProject.entrySet()) {
      try (Repository repo = repoManager.openRepository(Project.nameKey(e.getKey()));
          ObjectReader reader = check.budget().reader(repo);
          RevWalk rw = new RevWalk(reader)) {
        for (Node n : e.getValue()) {
          String commit = nodes.get(n).change().get().commit();
          List<DeclaredDependency> deps = List.of();
          if (commit != null) {
            try {
              String message = rw.parseCommit(ObjectId.fromString(commit)).getFullMessage();
              List<DeclaredDependency> all =
                  parser.parse(message).dependencies().stream()
                      .filter(d -> !(d.ref() instanceof DependencyRef.External))
                      .toList();
              if (all.size() > maxDependencies) {
                graph.markTrimmed(n, all.size(), maxDependencies);
              }
              deps = all.subList(0, Math.min(all.size(), maxDependencies));
            } catch (MissingObjectException ex) {
              // Gone from the repository: nothing to follow.
            } catch (BoundReachedException ex) {
              graph.markOverBudget(n, ex.setting());
            }
          }
          out.put(n, deps);
        }
      }
    }
    return out;
  }

  /**
   * What one check shares across its levels: the change, who may read what, the budget, and what
   * lands together with the change (asked at most once, when an open prerequisite on the branch
   * first turns up).
   */
  private final class Check {
    private final CheckedChange self;
    private final Visibility visibility;
    private final CheckBudget budget;
    private ImmutableMap<Integer, PrerequisiteState> together;

    Check(CheckedChange self, Visibility visibility, CheckBudget budget) {
      this.self = self;
      this.visibility = visibility;
      this.budget = budget;
    }

    CheckedChange self() {
      return self;
    }

    Visibility visibility() {
      return visibility;
    }

    CheckBudget budget() {
      return budget;
    }

    PrerequisiteStatus landing(PrerequisiteStatus s) throws RestApiException, IOException {
      if (s.state() != PrerequisiteState.OPEN_ON_BRANCH) {
        return s;
      }
      if (together == null) {
        together = submittedTogether(this);
      }
      return LandingTogether.apply(s, together);
    }
  }

  /**
   * A prerequisite to classify: either settled already (not found, ambiguous, the change itself) or
   * the facts gathered so far, completed by the branch walk.
   */
  private static final class Target {
    PrerequisiteStatus settled;
    PrerequisiteFacts facts;

    Target(PrerequisiteStatus settled) {
      this.settled = settled;
    }

    Target(PrerequisiteFacts facts) {
      this.settled = null;
      this.facts = facts;
    }

    PrerequisiteStatus status() {
      return settled != null ? settled : PrerequisiteClassifier.classify(facts);
    }
  }

  /** The target branch in one project, as the comment may describe it. */
  private record Branch(boolean exists, boolean readable, ObjectId tip) {
    static final Branch ABSENT = new Branch(false, true, null);
    static final Branch UNREADABLE = new Branch(true, false, null);
  }

  /** One level's lookups, batched so that the number of queries does not grow. */
  private class Lookup {
    private final Check check;
    private final CheckedChange self;
    private final Visibility visibility;
    private final CheckBudget budget;
    private final ChangeQuery changeQuery;
    private final Set<String> firstTerms = new LinkedHashSet<>();

    /**
     * Every public change the owner can see that the queries found, by number; only its describable
     * part ({@link #byChangeId}) is reasoned about.
     */
    private final Map<Integer, ChangeInfo> seen = new LinkedHashMap<>();

    /** The changes the comment may describe, by Change-Id; never the change under check. */
    private final Map<String, List<ChangeInfo>> byChangeId = new HashMap<>();

    private final Map<String, Branch> branches = new HashMap<>();

    /** Merged reverts, by the number of the change each reverts. */
    private final Map<Integer, List<ChangeInfo>> revertsOf = new HashMap<>();

    /** Merged changes carrying the Change-Id of a revert: the revert and its cherry-picks. */
    private final Map<String, List<ChangeInfo>> copiesOfReverts = new HashMap<>();

    /** The public changes the first query found, for references by number. */
    private List<ChangeInfo> firstResults = List.of();

    Lookup(Check check) {
      this.check = check;
      this.self = check.self();
      this.visibility = check.visibility();
      this.budget = check.budget();
      this.changeQuery =
          new ChangeQuery(
              (q, start, limit) ->
                  gApi.changes()
                      .query(q)
                      .withOptions(OPTIONS)
                      .withLimit(limit)
                      .withStart(start)
                      .get(),
              bounds.maxTerms(),
              budget);
    }

    ImmutableList<DependencyResult> resolve(List<DeclaredDependency> dependencies)
        throws RestApiException, IOException {
      dependencies.forEach(d -> register(d.ref()));
      try {
        queryChanges();
        queryReverts();
      } catch (BoundReachedException e) {
        // What the index would have said is unknown: a revert, a backport may be missing.
        return dependencies.stream()
            .map(
                d ->
                    new DependencyResult(
                        d,
                        d.ref() instanceof DependencyRef.External
                            ? ImmutableList.of()
                            : ImmutableList.of(PrerequisiteStatus.undecided(e.setting()))))
            .collect(toImmutableList());
      }
      List<List<Target>> targets = new ArrayList<>();
      for (DeclaredDependency dep : dependencies) {
        targets.add(targets(dep.ref()));
      }
      walkBranches(targets.stream().flatMap(List::stream).toList());
      ImmutableList.Builder<DependencyResult> results = ImmutableList.builder();
      for (int i = 0; i < dependencies.size(); i++) {
        ImmutableList.Builder<PrerequisiteStatus> statuses = ImmutableList.builder();
        for (Target t : targets.get(i)) {
          statuses.add(check.landing(t.status()));
        }
        results.add(new DependencyResult(dependencies.get(i), statuses.build()));
      }
      return results.build();
    }

    /**
     * Fetches the merged reverts of every merged candidate, with every merged copy of each revert
     * (a revert is usually cherry-picked onto the branches it must undo), then the reverts of
     * those, a level at a time: a level only when the one before found a revert.
     */
    private void queryReverts() throws RestApiException, BoundReachedException {
      Set<Integer> level = new TreeSet<>();
      byChangeId.values().stream()
          .flatMap(List::stream)
          .filter(c -> c.status == ChangeStatus.MERGED)
          .forEach(c -> level.add(c._number));
      for (int i = 0; i < MAX_REVERT_LEVELS && !level.isEmpty(); i++) {
        Set<String> terms = new LinkedHashSet<>();
        level.forEach(n -> terms.add("revertof:" + n));
        level.clear();
        Set<String> revertIds = new LinkedHashSet<>();
        for (ChangeInfo r : describable(changeQuery.any(terms, "status:merged"))) {
          addOnce(revertsOf.computeIfAbsent(r.revertOf, k -> new ArrayList<>()), r);
          revertIds.add("change:" + r.changeId);
        }
        for (ChangeInfo c : describable(changeQuery.any(revertIds, "status:merged"))) {
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

    /** Registers the query term a dependency needs. */
    void register(DependencyRef ref) {
      switch (ref) {
        case DependencyRef.ChangeId id -> firstTerms.add("change:" + id.id());
        case DependencyRef.ChangeIdPrefix p -> firstTerms.add("change:" + p.prefix());
        case DependencyRef.ChangeNumber n ->
            firstTerms.add(
                "change:"
                    + n.project().map(p -> quote(p + "~" + n.number())).orElse("" + n.number()));
        case DependencyRef.Triplet t -> firstTerms.add("change:" + t.changeId());
        case DependencyRef.External e -> {}
      }
    }

    void queryChanges() throws RestApiException, BoundReachedException {
      // Private changes are their owner's business: naming one on a change others can read would
      // leak it, even when the owner of both is the same; so would linking its Change-Id, named
      // by its number, to public copies.
      firstResults =
          changeQuery.any(firstTerms, "").stream()
              .filter(c -> !Boolean.TRUE.equals(c.isPrivate))
              .toList();
      firstResults.forEach(c -> seen.putIfAbsent(c._number, c));
      // Changes named by number: fetch every change that shares their Change-Id, if the comment
      // may name the change at all.
      Set<String> more = new LinkedHashSet<>();
      for (ChangeInfo c : describable(firstResults)) {
        if (!isCovered(c.changeId)) {
          more.add("change:" + c.changeId);
        }
      }
      for (ChangeInfo c : changeQuery.any(more, "")) {
        if (!Boolean.TRUE.equals(c.isPrivate)) {
          seen.putIfAbsent(c._number, c);
        }
      }
      for (ChangeInfo c : describable(List.copyOf(seen.values()))) {
        if (c._number != self.number()) {
          // The change under check is never its own prerequisite.
          byChangeId.computeIfAbsent(c.changeId, k -> new ArrayList<>()).add(c);
        }
      }
    }

    /** Whether a first-query term already fetched every change with this Change-Id. */
    private boolean isCovered(String changeId) {
      return firstTerms.stream()
          .anyMatch(t -> t.startsWith("change:I") && changeId.startsWith(t.substring(7)));
    }

    /** The changes with the Change-Id that count (see {@link ChangeIdCopies#counting}). */
    private List<ChangeInfo> counting(String changeId) {
      return ChangeIdCopies.counting(byChangeId.getOrDefault(changeId, List.of()), self.branch());
    }

    List<Target> targets(DependencyRef ref) throws IOException {
      switch (ref) {
        case DependencyRef.External e -> {
          return List.of();
        }
        case DependencyRef.ChangeId id -> {
          return id.id().equals(self.changeId())
              ? List.of(new Target(PrerequisiteStatus.selfReference()))
              : byProject(id.id());
        }
        case DependencyRef.ChangeIdPrefix p -> {
          Set<String> ids = prefixMatches(p.prefix());
          if (ids.size() > 1) {
            return List.of(new Target(PrerequisiteStatus.ambiguous()));
          }
          if (ids.isEmpty() && self.changeId().startsWith(p.prefix())) {
            return List.of(new Target(PrerequisiteStatus.selfReference()));
          }
          return byProject(ids.isEmpty() ? p.prefix() : ids.iterator().next());
        }
        case DependencyRef.ChangeNumber n -> {
          if (n.number() == self.number()
              && n.project().map(p -> p.equals(self.project().get())).orElse(true)) {
            return List.of(new Target(PrerequisiteStatus.selfReference()));
          }
          Optional<ChangeInfo> named =
              describable(firstResults).stream()
                  .filter(c -> c._number == n.number())
                  .filter(c -> n.project().map(p -> p.equals(c.project)).orElse(true))
                  .findFirst();
          if (named.isEmpty()) {
            return List.of(new Target(PrerequisiteStatus.notFound()));
          }
          return List.of(target(Project.nameKey(named.get().project), named.get().changeId, named));
        }
        case DependencyRef.Triplet t -> {
          if (t.changeId().equals(self.changeId()) && t.project().equals(self.project().get())) {
            return List.of(new Target(PrerequisiteStatus.selfReference()));
          }
          return List.of(target(Project.nameKey(t.project()), t.changeId(), Optional.empty()));
        }
      }
    }

    /**
     * The Change-Ids an abbreviation names, among the changes the comment may describe only (so
     * that the answer says nothing of the others), as {@link ChangeIdCopies#abbreviationMatches}
     * decides.
     */
    private Set<String> prefixMatches(String prefix) {
      Map<String, List<ChangeInfo>> matching = new HashMap<>();
      byChangeId.forEach(
          (id, changes) -> {
            if (id.startsWith(prefix)) {
              matching.put(id, changes);
            }
          });
      return ChangeIdCopies.abbreviationMatches(matching, self.number(), self.patchSetCreated());
    }

    /** A bare Change-Id: one prerequisite in each project that has a change with it that counts. */
    private List<Target> byProject(String changeId) throws IOException {
      // Sorted, so that the comment does not change with the index's order.
      Set<String> projects = new TreeSet<>();
      counting(changeId).forEach(c -> projects.add(c.project));
      if (projects.isEmpty()) {
        // Nothing in the index: it may still have been pushed straight into this project.
        projects.add(self.project().get());
      }
      List<Target> out = new ArrayList<>();
      for (String p : projects) {
        out.add(target(Project.nameKey(p), changeId, Optional.empty()));
      }
      return out;
    }

    /**
     * The prerequisite with the Change-Id in the project: its candidates are the changes there that
     * count, and the change a reference names by number, if one does (whoever owns it: the uploader
     * named it on purpose).
     */
    private Target target(Project.NameKey project, String changeId, Optional<ChangeInfo> named)
        throws IOException {
      List<ChangeInfo> inProject = new ArrayList<>();
      named.ifPresent(inProject::add);
      counting(changeId).stream()
          .filter(c -> c.project.equals(project.get()))
          .forEach(c -> addOnce(inProject, c));
      ImmutableList<Candidate> candidates =
          inProject.stream().map(Lookup::toCandidate).collect(toImmutableList());
      Branch branch = branch(project);
      if (!branch.readable()) {
        return new Target(PrerequisiteStatus.notFound());
      }
      try {
        ImmutableSet<Integer> reachable =
            branch.exists() ? reachable(project, branch.tip(), candidates) : ImmutableSet.of();
        ImmutableMap<Integer, Candidate> reverts =
            branch.exists()
                ? revertsInBranch(project, branch.tip(), candidates, reachable)
                : ImmutableMap.of();
        return new Target(
            new PrerequisiteFacts(
                project.get(),
                changeId,
                self.branch(),
                branch.exists(),
                candidates,
                reachable,
                Optional.empty(),
                reverts));
      } catch (BoundReachedException e) {
        return new Target(PrerequisiteStatus.undecided(e.setting()));
      }
    }

    /**
     * Walks the target branch once per project for the Change-Ids the index left unsettled, to find
     * commits that reached the branch by direct push and so have no change. The walk stops as soon
     * as every one is found.
     */
    void walkBranches(List<Target> targets) throws IOException {
      Map<String, List<Target>> pending = new LinkedHashMap<>();
      for (Target t : targets) {
        if (t.settled == null && t.facts.needsHistoryWalk()) {
          pending.computeIfAbsent(t.facts.project(), p -> new ArrayList<>()).add(t);
        }
      }
      for (Map.Entry<String, List<Target>> e : pending.entrySet()) {
        Set<String> wanted = new LinkedHashSet<>();
        e.getValue().forEach(t -> wanted.add(t.facts.changeId()));
        Map<String, String> found;
        try {
          found =
              findPushedCommits(
                  Project.nameKey(e.getKey()), branches.get(e.getKey()).tip(), wanted);
        } catch (BoundReachedException ex) {
          e.getValue().forEach(t -> t.settled = PrerequisiteStatus.undecided(ex.setting()));
          continue;
        }
        for (Target t : e.getValue()) {
          String commit = found.get(t.facts.changeId());
          if (commit != null) {
            t.facts = t.facts.withPushedCommit(commit);
          }
        }
      }
    }

    /**
     * Walks the branch from its tip, newest commits first, until every Change-Id is found or {@link
     * #MAX_WALK} commits were read. Commit times do not bound it: they say when a commit was made,
     * not when it was pushed, and a missed push would block a change wrongly.
     */
    private Map<String, String> findPushedCommits(
        Project.NameKey project, ObjectId tip, Set<String> wanted) throws IOException {
      Map<String, String> found = new HashMap<>();
      try (Repository repo = repoManager.openRepository(project);
          ObjectReader reader = budget.reader(repo);
          RevWalk rw = new RevWalk(reader)) {
        rw.setRetainBody(true);
        rw.sort(RevSort.COMMIT_TIME_DESC);
        rw.markStart(rw.parseCommit(tip));
        int walked = 0;
        for (RevCommit c : rw) {
          if (++walked > MAX_WALK) {
            break;
          }
          for (String id : c.getFooterLines("Change-Id")) {
            for (String w : wanted) {
              if (id.strip().startsWith(w)) {
                found.putIfAbsent(w, c.name());
              }
            }
          }
          if (found.size() == wanted.size()) {
            break;
          }
        }
      } catch (RevWalkException e) {
        // The iterator wraps read errors, the budget's included.
        if (e.getCause() instanceof BoundReachedException bound) {
          throw bound;
        }
        throw e;
      }
      return found;
    }

    /**
     * The target branch in a project, as the comment may describe it. Whether the readers may read
     * it is decided before whether it exists: a branch they may not read looks the same whether it
     * exists or not.
     */
    private Branch branch(Project.NameKey project) throws IOException {
      Branch cached = branches.get(project.get());
      if (cached != null) {
        return cached;
      }
      Branch branch;
      String ref = "refs/heads/" + self.branch();
      if (!visibility.describable(project.get(), ref)) {
        branch = Branch.UNREADABLE;
      } else {
        try (Repository repo = repoManager.openRepository(project)) {
          Ref r = repo.exactRef(ref);
          branch =
              r == null || r.getObjectId() == null
                  ? Branch.ABSENT
                  : new Branch(true, true, r.getObjectId());
        } catch (RepositoryNotFoundException e) {
          branch = Branch.UNREADABLE;
        }
      }
      branches.put(project.get(), branch);
      return branch;
    }

    /**
     * The merged candidates in the branch, each with the revert that took the Change-Id off the
     * branch again, if one did: a merged revert of any change carrying the Change-Id, with a copy
     * of that revert in the branch of this project, not itself reverted in the branch.
     */
    private ImmutableMap<Integer, Candidate> revertsInBranch(
        Project.NameKey project,
        ObjectId tip,
        List<Candidate> candidates,
        ImmutableSet<Integer> reachable)
        throws IOException {
      if (revertsOf.isEmpty()) {
        return ImmutableMap.of();
      }
      List<Integer> merged =
          candidates.stream()
              .filter(c -> c.status() == Candidate.Status.MERGED)
              .map(Candidate::number)
              .toList();
      Optional<ChangeInfo> revert;
      try (Repository repo = repoManager.openRepository(project);
          ObjectReader reader = budget.reader(repo);
          RevWalk rw = new RevWalk(reader)) {
        revert = effectiveRevert(project, merged, rw, rw.parseCommit(tip), 0);
      }
      if (revert.isEmpty()) {
        return ImmutableMap.of();
      }
      ImmutableMap.Builder<Integer, Candidate> out = ImmutableMap.builder();
      for (Candidate c : candidates) {
        boolean in = c.isOn(self.branch()) || reachable.contains(c.number());
        if (c.status() == Candidate.Status.MERGED && in) {
          out.put(c.number(), toCandidate(revert.get()));
        }
      }
      return out.buildKeepingLast();
    }

    /**
     * The copy in the branch of a merged revert of any of the changes, unless a revert of that
     * revert is in the branch too.
     */
    private Optional<ChangeInfo> effectiveRevert(
        Project.NameKey project, List<Integer> changes, RevWalk rw, RevCommit tip, int level)
        throws IOException {
      if (level >= MAX_REVERT_LEVELS) {
        return Optional.empty();
      }
      for (int number : changes) {
        for (ChangeInfo r : revertsOf.getOrDefault(number, List.of())) {
          List<ChangeInfo> copies = copiesOfReverts.getOrDefault(r.changeId, List.of(r));
          for (ChangeInfo copy : copies) {
            if (inBranch(project, copy, rw, tip)
                && effectiveRevert(
                        project, copies.stream().map(c -> c._number).toList(), rw, tip, level + 1)
                    .isEmpty()) {
              return Optional.of(copy);
            }
          }
        }
      }
      return Optional.empty();
    }

    /**
     * Whether a change is in the target branch of the project: merged on it, or its commit in its
     * history. A change of another project is not, whatever its branch is called.
     */
    private boolean inBranch(Project.NameKey project, ChangeInfo c, RevWalk rw, RevCommit tip)
        throws IOException {
      if (!c.project.equals(project.get())) {
        return false;
      }
      if (c.branch.equals(self.branch())) {
        return true;
      }
      if (c.currentRevision == null) {
        return false;
      }
      try {
        return rw.isMergedInto(rw.parseCommit(ObjectId.fromString(c.currentRevision)), tip);
      } catch (MissingObjectException e) {
        return false;
      } finally {
        rw.reset();
      }
    }

    private ImmutableSet<Integer> reachable(
        Project.NameKey project, ObjectId tip, List<Candidate> candidates) throws IOException {
      if (candidates.stream().noneMatch(c -> c.status() == Candidate.Status.MERGED)) {
        return ImmutableSet.of();
      }
      ImmutableSet.Builder<Integer> out = ImmutableSet.builder();
      try (Repository repo = repoManager.openRepository(project);
          ObjectReader reader = budget.reader(repo);
          RevWalk rw = new RevWalk(reader)) {
        RevCommit tipCommit = rw.parseCommit(tip);
        for (Candidate c : candidates) {
          if (c.status() != Candidate.Status.MERGED || c.commit() == null) {
            continue;
          }
          if (c.isOn(self.branch())) {
            // Merged on the branch: settled without a walk.
            continue;
          }
          try {
            if (rw.isMergedInto(rw.parseCommit(ObjectId.fromString(c.commit())), tipCommit)) {
              out.add(c.number());
            }
          } catch (MissingObjectException e) {
            // A commit the repository no longer has cannot be in the branch.
          } finally {
            rw.reset();
          }
        }
      }
      return out.build();
    }

    private static Candidate toCandidate(ChangeInfo c) {
      Candidate.Status status =
          switch (c.status) {
            case MERGED -> Candidate.Status.MERGED;
            case ABANDONED -> Candidate.Status.ABANDONED;
            case NEW -> Candidate.Status.OPEN;
          };
      return new Candidate(c.project, c._number, c.branch, status, c.currentRevision);
    }
  }
}
