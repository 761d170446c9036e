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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 * or URL), one reachability check per merged candidate, and at most one history walk per
 * prerequisite project, only for prerequisites that the index did not settle.
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

  /**
   * Resolves the dependencies of a change; call it as the change's owner.
   *
   * @param project the project of the change that declares them
   * @param branch the short name of its target branch
   */
  public ImmutableList<DependencyResult> resolve(
      Project.NameKey project, String branch, List<DeclaredDependency> dependencies)
      throws RestApiException, IOException, PermissionBackendException {
    Lookup lookup = new Lookup(project, branch);
    dependencies.forEach(d -> lookup.register(d.ref()));
    lookup.queryChanges();
    ImmutableList.Builder<DependencyResult> results = ImmutableList.builder();
    for (DeclaredDependency dep : dependencies) {
      results.add(new DependencyResult(dep, lookup.resolve(dep.ref())));
    }
    return results.build();
  }

  /** One evaluation's lookups, batched so that the number of queries does not grow. */
  private class Lookup {
    private final Project.NameKey ownProject;
    private final String branch;
    private final Set<String> firstTerms = new LinkedHashSet<>();
    private final Map<String, List<ChangeInfo>> byChangeId = new HashMap<>();
    private List<ChangeInfo> firstResults = List.of();
    private final Map<String, Optional<ObjectId>> branchTips = new HashMap<>();

    Lookup(Project.NameKey ownProject, String branch) {
      this.ownProject = ownProject;
      this.branch = branch;
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
        if (!firstTerms.contains("change:" + c.changeId)) {
          more.add("change:" + c.changeId);
        }
      }
      more.removeIf(term -> isCoveredByPrefix(term.substring("change:".length())));
      query(more).forEach(this::index);
    }

    private boolean isCoveredByPrefix(String changeId) {
      return firstTerms.stream()
          .anyMatch(t -> t.startsWith("change:I") && changeId.startsWith(t.substring(7)));
    }

    private void index(ChangeInfo c) {
      List<ChangeInfo> list = byChangeId.computeIfAbsent(c.changeId, k -> new ArrayList<>());
      if (list.stream().noneMatch(o -> o._number.equals(c._number))) {
        list.add(c);
      }
    }

    ImmutableList<PrerequisiteStatus> resolve(DependencyRef ref)
        throws IOException, PermissionBackendException {
      switch (ref) {
        case DependencyRef.External e -> {
          return ImmutableList.of();
        }
        case DependencyRef.ChangeId id -> {
          return byProject(id.id());
        }
        case DependencyRef.ChangeIdPrefix p -> {
          Set<String> ids = new LinkedHashSet<>();
          byChangeId.keySet().stream().filter(k -> k.startsWith(p.prefix())).forEach(ids::add);
          if (ids.size() > 1) {
            return ImmutableList.of(PrerequisiteStatus.ambiguous());
          }
          return byProject(ids.isEmpty() ? p.prefix() : ids.iterator().next());
        }
        case DependencyRef.ChangeNumber n -> {
          Optional<ChangeInfo> named =
              firstResults.stream()
                  .filter(c -> c._number == n.number())
                  .filter(c -> n.project().map(p -> p.equals(c.project)).orElse(true))
                  .findFirst();
          if (named.isEmpty()) {
            return ImmutableList.of(PrerequisiteStatus.notFound());
          }
          return ImmutableList.of(
              classify(Project.nameKey(named.get().project), named.get().changeId));
        }
        case DependencyRef.Triplet t -> {
          return ImmutableList.of(classify(Project.nameKey(t.project()), t.changeId()));
        }
      }
    }

    /** A bare Change-Id: one prerequisite in each project that has a change carrying it. */
    private ImmutableList<PrerequisiteStatus> byProject(String changeId)
        throws IOException, PermissionBackendException {
      Set<String> projects = new LinkedHashSet<>();
      candidates(changeId).forEach(c -> projects.add(c.project));
      if (projects.isEmpty()) {
        // Nothing in the index: it may still have been pushed straight into this project.
        projects.add(ownProject.get());
      }
      ImmutableList.Builder<PrerequisiteStatus> out = ImmutableList.builder();
      for (String p : projects) {
        out.add(classify(Project.nameKey(p), changeId));
      }
      return out.build();
    }

    private List<ChangeInfo> candidates(String changeIdOrPrefix) {
      return byChangeId.entrySet().stream()
          .filter(e -> e.getKey().startsWith(changeIdOrPrefix))
          .flatMap(e -> e.getValue().stream())
          .toList();
    }

    private PrerequisiteStatus classify(Project.NameKey project, String changeId)
        throws IOException, PermissionBackendException {
      ImmutableList<Candidate> candidates =
          candidates(changeId).stream()
              .filter(c -> c.project.equals(project.get()))
              .map(Lookup::toCandidate)
              .collect(toImmutableList());
      Optional<ObjectId> tip = branchTip(project);
      ImmutableSet<Integer> reachable = ImmutableSet.of();
      Optional<String> pushed = Optional.empty();
      if (tip.isPresent()) {
        try (Repository repo = repoManager.openRepository(project);
            RevWalk rw = new RevWalk(repo)) {
          reachable = reachable(rw, tip.get(), candidates);
          PrerequisiteFacts facts =
              new PrerequisiteFacts(
                  project.get(), changeId, branch, true, candidates, reachable, Optional.empty());
          if (facts.needsHistoryWalk()) {
            pushed = findPushedCommit(rw, tip.get(), changeId);
          }
        }
      }
      return PrerequisiteClassifier.classify(
          new PrerequisiteFacts(
              project.get(), changeId, branch, tip.isPresent(), candidates, reachable, pushed));
    }

    /** The tip of the target branch in a project, if it exists and the owner can read it. */
    private Optional<ObjectId> branchTip(Project.NameKey project)
        throws IOException, PermissionBackendException {
      Optional<ObjectId> cached = branchTips.get(project.get());
      if (cached != null) {
        return cached;
      }
      Optional<ObjectId> tip = Optional.empty();
      String ref = "refs/heads/" + branch;
      try (Repository repo = repoManager.openRepository(project)) {
        Ref r = repo.exactRef(ref);
        if (r != null
            && r.getObjectId() != null
            && permissionBackend.currentUser().project(project).ref(ref).test(RefPermission.READ)) {
          tip = Optional.of(r.getObjectId());
        }
      } catch (RepositoryNotFoundException e) {
        // Treated like a missing branch: the prerequisite is then reported as not found.
      }
      branchTips.put(project.get(), tip);
      return tip;
    }

    private static ImmutableSet<Integer> reachable(
        RevWalk rw, ObjectId tip, List<Candidate> candidates) throws IOException {
      ImmutableSet.Builder<Integer> out = ImmutableSet.builder();
      RevCommit tipCommit = rw.parseCommit(tip);
      for (Candidate c : candidates) {
        if (c.status() != Candidate.Status.MERGED || c.commit() == null) {
          continue;
        }
        try {
          RevCommit commit = rw.parseCommit(ObjectId.fromString(c.commit()));
          if (rw.isMergedInto(commit, tipCommit)) {
            out.add(c.number());
          }
        } catch (org.eclipse.jgit.errors.MissingObjectException e) {
          // A commit the repository no longer has cannot be in the branch.
        } finally {
          rw.reset();
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

  /**
   * Walks the target branch for a commit carrying the Change-Id (or the abbreviated one), for
   * commits that reached the branch by direct push and so have no change in the index. The walk
   * stops at the first match and is bounded by the branch's history.
   */
  static Optional<String> findPushedCommit(RevWalk rw, ObjectId tip, String changeIdOrPrefix)
      throws IOException {
    rw.reset();
    rw.setRetainBody(true);
    rw.markStart(rw.parseCommit(tip));
    for (RevCommit c : rw) {
      for (String id : c.getFooterLines("Change-Id")) {
        if (id.strip().startsWith(changeIdOrPrefix)) {
          return Optional.of(c.name());
        }
      }
    }
    return Optional.empty();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
