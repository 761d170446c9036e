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
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.GerritApi;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.server.git.GitRepositoryManager;
import com.google.gerrit.server.permissions.PermissionBackend;
import com.google.gerrit.server.permissions.PermissionBackendException;
import com.google.gerrit.server.permissions.RefPermission;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;

/**
 * Finds out where each declared dependency of a change stands on the change's target branch.
 *
 * <p>Runs in the request context of the change's owner: the index queries and the branch reads see
 * exactly what the owner can see, so nothing the owner cannot read reaches the comment. An
 * evaluation costs at most two index queries whatever the number of dependencies (one for the
 * references as written, one for every change that shares a Change-Id with a change named by number
 * or link), one reachability check per merged candidate, and at most one walk of the target branch
 * per prerequisite project, only when the index left a prerequisite unsettled.
 */
public class DependencyResolver {
  private static final ImmutableSet<ListChangesOption> OPTIONS =
      ImmutableSet.of(ListChangesOption.CURRENT_REVISION, ListChangesOption.SKIP_DIFFSTAT);
  private static final int QUERY_LIMIT = 500;

  private final GerritApi gApi;
  private final GitRepositoryManager repoManager;
  private final PermissionBackend permissionBackend;

  @Inject
  DependencyResolver(
      GerritApi gApi, GitRepositoryManager repoManager, PermissionBackend permissionBackend) {
    this.gApi = gApi;
    this.repoManager = repoManager;
    this.permissionBackend = permissionBackend;
  }

  /** Resolves the dependencies of a change; call it in the request context of the change owner. */
  public ImmutableList<DependencyResult> resolve(
      CheckedChange change, List<DeclaredDependency> dependencies)
      throws RestApiException, IOException {
    Lookup lookup = new Lookup(change);
    dependencies.forEach(d -> lookup.register(d.ref()));
    lookup.queryChanges();
    Map<DeclaredDependency, List<Target>> targets = new LinkedHashMap<>();
    for (DeclaredDependency dep : dependencies) {
      targets.put(dep, lookup.targets(dep.ref()));
    }
    lookup.walkBranches(targets.values().stream().flatMap(List::stream).toList());
    ImmutableList.Builder<DependencyResult> results = ImmutableList.builder();
    for (Map.Entry<DeclaredDependency, List<Target>> e : targets.entrySet()) {
      results.add(
          new DependencyResult(
              e.getKey(), e.getValue().stream().map(Target::status).collect(toImmutableList())));
    }
    return results.build();
  }

  /**
   * A prerequisite to classify: either settled already (not found, ambiguous, the change itself) or
   * the facts gathered so far, completed by the branch walk.
   */
  private static final class Target {
    final PrerequisiteStatus settled;
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

  /** The target branch in one project, as the owner sees it. */
  private record Branch(boolean exists, boolean readable, ObjectId tip) {
    static final Branch ABSENT = new Branch(false, true, null);
    static final Branch UNREADABLE = new Branch(true, false, null);
  }

  /** One evaluation's lookups, batched so that the number of queries does not grow. */
  private class Lookup {
    private final CheckedChange self;
    private final Set<String> firstTerms = new LinkedHashSet<>();
    private final Map<String, List<ChangeInfo>> byChangeId = new HashMap<>();
    private final Map<String, Branch> branches = new HashMap<>();
    private List<ChangeInfo> firstResults = List.of();

    Lookup(CheckedChange self) {
      this.self = self;
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

    void queryChanges() throws RestApiException {
      firstResults = query(firstTerms);
      firstResults.forEach(this::index);
      // Changes named by number: fetch every change that shares their Change-Id.
      Set<String> more = new LinkedHashSet<>();
      for (ChangeInfo c : firstResults) {
        if (!isCovered(c.changeId)) {
          more.add("change:" + c.changeId);
        }
      }
      query(more).forEach(this::index);
    }

    /** Whether a first-query term already fetched every change with this Change-Id. */
    private boolean isCovered(String changeId) {
      return firstTerms.stream()
          .anyMatch(t -> t.startsWith("change:I") && changeId.startsWith(t.substring(7)));
    }

    private void index(ChangeInfo c) {
      if (c._number == self.number()) {
        // The change under check is never its own prerequisite.
        return;
      }
      List<ChangeInfo> list = byChangeId.computeIfAbsent(c.changeId, k -> new ArrayList<>());
      if (list.stream().noneMatch(o -> o._number.equals(c._number))) {
        list.add(c);
      }
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
          Set<String> ids = new TreeSet<>();
          byChangeId.keySet().stream().filter(k -> k.startsWith(p.prefix())).forEach(ids::add);
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
              firstResults.stream()
                  .filter(c -> c._number == n.number())
                  .filter(c -> n.project().map(p -> p.equals(c.project)).orElse(true))
                  .findFirst();
          if (named.isEmpty()) {
            return List.of(new Target(PrerequisiteStatus.notFound()));
          }
          return List.of(target(Project.nameKey(named.get().project), named.get().changeId));
        }
        case DependencyRef.Triplet t -> {
          if (t.changeId().equals(self.changeId()) && t.project().equals(self.project().get())) {
            return List.of(new Target(PrerequisiteStatus.selfReference()));
          }
          return List.of(target(Project.nameKey(t.project()), t.changeId()));
        }
      }
    }

    /** A bare Change-Id: one prerequisite in each project that has a change carrying it. */
    private List<Target> byProject(String changeId) throws IOException {
      // Sorted, so that the comment does not change with the index's order.
      Set<String> projects = new TreeSet<>();
      candidates(changeId).forEach(c -> projects.add(c.project));
      if (projects.isEmpty()) {
        // Nothing in the index: it may still have been pushed straight into this project.
        projects.add(self.project().get());
      }
      List<Target> out = new ArrayList<>();
      for (String p : projects) {
        out.add(target(Project.nameKey(p), changeId));
      }
      return out;
    }

    private List<ChangeInfo> candidates(String changeIdOrPrefix) {
      return byChangeId.entrySet().stream()
          .filter(e -> e.getKey().startsWith(changeIdOrPrefix))
          .flatMap(e -> e.getValue().stream())
          .toList();
    }

    private Target target(Project.NameKey project, String changeId) throws IOException {
      ImmutableList<Candidate> candidates =
          candidates(changeId).stream()
              .filter(c -> c.project.equals(project.get()))
              .map(Lookup::toCandidate)
              .collect(toImmutableList());
      Branch branch = branch(project);
      if (!branch.readable()) {
        return new Target(PrerequisiteStatus.notFound());
      }
      ImmutableSet<Integer> reachable =
          branch.exists() ? reachable(project, branch.tip(), candidates) : ImmutableSet.of();
      return new Target(
          new PrerequisiteFacts(
              project.get(),
              changeId,
              self.branch(),
              branch.exists(),
              candidates,
              reachable,
              Optional.empty()));
    }

    /**
     * Walks the target branch once per project for the Change-Ids the index left unsettled, to find
     * commits that reached the branch by direct push and so have no change. The walk stops as soon
     * as every one is found.
     */
    void walkBranches(List<Target> targets) throws IOException {
      Map<String, List<Target>> pending = new LinkedHashMap<>();
      for (Target t : targets) {
        if (t.facts != null && t.facts.needsHistoryWalk()) {
          pending.computeIfAbsent(t.facts.project(), p -> new ArrayList<>()).add(t);
        }
      }
      for (Map.Entry<String, List<Target>> e : pending.entrySet()) {
        Set<String> wanted = new LinkedHashSet<>();
        e.getValue().forEach(t -> wanted.add(t.facts.changeId()));
        Map<String, String> found =
            findPushedCommits(Project.nameKey(e.getKey()), branches.get(e.getKey()).tip(), wanted);
        for (Target t : e.getValue()) {
          String commit = found.get(t.facts.changeId());
          if (commit != null) {
            t.facts = t.facts.withPushedCommit(commit);
          }
        }
      }
    }

    private Map<String, String> findPushedCommits(
        Project.NameKey project, ObjectId tip, Set<String> wanted) throws IOException {
      Map<String, String> found = new HashMap<>();
      try (Repository repo = repoManager.openRepository(project);
          RevWalk rw = new RevWalk(repo)) {
        rw.setRetainBody(true);
        rw.markStart(rw.parseCommit(tip));
        for (RevCommit c : rw) {
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
      }
      return found;
    }

    /** The target branch in a project, as the owner sees it. */
    private Branch branch(Project.NameKey project) throws IOException {
      Branch cached = branches.get(project.get());
      if (cached != null) {
        return cached;
      }
      Branch branch;
      String ref = "refs/heads/" + self.branch();
      try (Repository repo = repoManager.openRepository(project)) {
        Ref r = repo.exactRef(ref);
        if (r == null || r.getObjectId() == null) {
          branch = Branch.ABSENT;
        } else if (canRead(project, ref)) {
          branch = new Branch(true, true, r.getObjectId());
        } else {
          branch = Branch.UNREADABLE;
        }
      } catch (RepositoryNotFoundException e) {
        branch = Branch.UNREADABLE;
      }
      branches.put(project.get(), branch);
      return branch;
    }

    private boolean canRead(Project.NameKey project, String ref) {
      try {
        return permissionBackend.currentUser().project(project).ref(ref).test(RefPermission.READ);
      } catch (PermissionBackendException e) {
        // A project that cannot be checked is treated as unreadable: reported as not found.
        return false;
      }
    }

    private ImmutableSet<Integer> reachable(
        Project.NameKey project, ObjectId tip, List<Candidate> candidates) throws IOException {
      if (candidates.stream().noneMatch(c -> c.status() == Candidate.Status.MERGED)) {
        return ImmutableSet.of();
      }
      ImmutableSet.Builder<Integer> out = ImmutableSet.builder();
      try (Repository repo = repoManager.openRepository(project);
          RevWalk rw = new RevWalk(repo)) {
        RevCommit tipCommit = rw.parseCommit(tip);
        for (Candidate c : candidates) {
          if (c.status() != Candidate.Status.MERGED || c.commit() == null) {
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

    private List<ChangeInfo> query(Set<String> terms) throws RestApiException {
      if (terms.isEmpty()) {
        return List.of();
      }
      return gApi.changes()
          .query(String.join(" OR ", terms))
          .withOptions(OPTIONS)
          .withLimit(QUERY_LIMIT)
          .get();
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

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
