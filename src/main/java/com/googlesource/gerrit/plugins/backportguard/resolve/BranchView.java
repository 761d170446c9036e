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

import com.google.gerrit.common.FooterConstants;
import com.google.gerrit.entities.Project;
import com.google.gerrit.entities.RefNames;
import com.google.gerrit.server.git.GitRepositoryManager;
import java.io.IOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
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
import org.eclipse.jgit.revwalk.filter.RevFilter;

/**
 * The checked change's target branch in every project one check looks at, as git has it: one
 * repository, one budgeted reader and one walk per project for the whole check (all its levels), so
 * that every object read counts against the {@link CheckBudget} once. Closed when the check ends.
 */
final class BranchView implements AutoCloseable {
  /** The most commits a search for a directly pushed prerequisite reads. */
  static final int MAX_WALK = 10_000;

  /** The target branch in one project, as the comment may describe it. */
  record Branch(boolean exists, boolean readable, ObjectId tip) {
    static final Branch ABSENT = new Branch(false, true, null);
    static final Branch UNREADABLE = new Branch(true, false, null);
  }

  /** Who reads what, for the comment: see {@link Visibility#describable}. */
  @FunctionalInterface
  interface Readers {
    boolean describable(String project, String ref);
  }

  /** A project's repository, opened once for the check, with its commit-graph if it has one. */
  private record Open(
      Repository repo, ObjectReader reader, RevWalk rw, Optional<GraphReachability> graph) {
    void close() {
      rw.close();
      reader.close();
      repo.close();
    }
  }

  private final GitRepositoryManager repoManager;
  private final RecentChangeIds recent;
  private final CheckBudget budget;
  private final Readers readers;
  private final String branch;
  private final Map<String, Open> open = new LinkedHashMap<>();
  private final Map<String, Branch> branches = new HashMap<>();
  // Levels and reverts ask about the same commit again: answer each once per check.
  private final Map<String, Boolean> reachable = new HashMap<>();

  /**
   * @param branch the short name of the checked change's target branch
   */
  BranchView(GitRepositoryManager repoManager, CheckBudget budget, Readers readers, String branch) {
    this(repoManager, budget, readers, branch, new RecentChangeIds());
  }

  /**
   * @param recent the windows earlier checks walked, shared by every check
   */
  BranchView(
      GitRepositoryManager repoManager,
      CheckBudget budget,
      Readers readers,
      String branch,
      RecentChangeIds recent) {
    this.recent = recent;
    this.repoManager = repoManager;
    this.budget = budget;
    this.readers = readers;
    this.branch = branch;
  }

  /**
   * The target branch in a project. Whether the readers may read it is decided before whether it
   * exists: a branch they may not read looks the same whether it exists or not.
   */
  Branch branch(String project) throws IOException {
    Branch cached = branches.get(project);
    if (cached != null) {
      return cached;
    }
    Branch b;
    String ref = RefNames.REFS_HEADS + branch;
    if (!readers.describable(project, ref)) {
      b = Branch.UNREADABLE;
    } else {
      try {
        Ref r = open(project).repo().exactRef(ref);
        b =
            r == null || r.getObjectId() == null
                ? Branch.ABSENT
                : new Branch(true, true, r.getObjectId());
      } catch (RepositoryNotFoundException e) {
        b = Branch.UNREADABLE;
      }
    }
    branches.put(project, b);
    return b;
  }

  /** Reads a commit, so that a bound reached on it is reached here. */
  void read(String project, ObjectId commit) throws IOException {
    open(project).rw().parseCommit(commit);
  }

  /**
   * Whether the commit is in the history of {@code tip}; a commit the repository does not have is
   * not.
   */
  boolean contains(String project, ObjectId tip, String commit) throws IOException {
    String key = project + ' ' + tip.name() + ' ' + commit;
    Boolean known = reachable.get(key);
    if (known != null) {
      return known;
    }
    Open o = open(project);
    ObjectId id = ObjectId.fromString(commit);
    Optional<Boolean> quick = o.graph().flatMap(g -> g.withoutWalk(tip, id));
    boolean in;
    if (quick.isPresent()) {
      in = quick.get();
    } else {
      // Bitmaps first where gc wrote them: the graph walk would cross every commit between an old
      // commit of another branch and the tip to say it is not there.
      boolean bitmaps = o.reader().getBitmapIndex() != null;
      in =
          o.graph().isPresent() && !bitmaps
              ? o.graph().get().contains(tip, id)
              : walkContains(o, tip, id, bitmaps);
    }
    reachable.put(key, in);
    return in;
  }

  /**
   * Without a commit-graph: from the pack's reachability bitmaps where gc wrote them (the walk
   * stops at the first commit that has one), else JGit's merge-base walk.
   */
  private static boolean walkContains(Open o, ObjectId tip, ObjectId commit, boolean bitmaps)
      throws IOException {
    RevWalk rw = o.rw();
    try {
      RevCommit tipCommit = rw.parseCommit(tip);
      RevCommit c;
      try {
        c = rw.parseCommit(commit);
      } catch (MissingObjectException e) {
        return false;
      }
      if (!bitmaps) {
        return rw.isMergedInto(c, tipCommit);
      }
      try {
        // On the shared walk, so that a commit another walk of the check read is not read (and
        // counted) again.
        return o.reader()
            .createReachabilityChecker(rw)
            .areAllReachable(List.of(c), Stream.of(tipCommit))
            .isEmpty();
      } finally {
        // JGit's checker sets its own filter and sort on the walk.
        rw.reset();
        rw.setRevFilter(RevFilter.ALL);
        rw.sort(RevSort.NONE);
      }
    } finally {
      rw.reset();
    }
  }

  /** The full message of a commit; empty when the repository no longer has it. */
  Optional<String> message(String project, String commit) throws IOException {
    try {
      return Optional.of(
          open(project).rw().parseCommit(ObjectId.fromString(commit)).getFullMessage());
    } catch (MissingObjectException e) {
      return Optional.empty();
    }
  }

  /**
   * Walks the branch from its tip, newest commits first, until a commit carrying each Change-Id (or
   * one it abbreviates) is found or {@link #MAX_WALK} commits were read. Commit times do not bound
   * it: they say when a commit was made, not when it was pushed, and a missed push would block a
   * change wrongly.
   *
   * @return the commit found for each Change-Id that was
   */
  Map<String, String> findPushedCommits(String project, ObjectId tip, Set<String> wanted)
      throws IOException {
    Optional<RecentChangeIds.Window> known = recent.get(project, tip);
    if (known.isPresent()) {
      return known.get().find(wanted);
    }
    Map<String, String> found = new HashMap<>();
    RecentChangeIds.Builder window = new RecentChangeIds.Builder();
    boolean complete = true;
    RevWalk rw = open(project).rw();
    try {
      rw.setRetainBody(true);
      rw.sort(RevSort.COMMIT_TIME_DESC);
      rw.markStart(rw.parseCommit(tip));
      int walked = 0;
      for (RevCommit c : rw) {
        if (++walked > MAX_WALK) {
          break;
        }
        List<String> ids = c.getFooterLines(FooterConstants.CHANGE_ID);
        window.add(c.name(), ids);
        for (String id : ids) {
          for (String w : wanted) {
            if (id.strip().startsWith(w)) {
              found.putIfAbsent(w, c.name());
            }
          }
        }
        if (found.size() == wanted.size()) {
          complete = false;
          break;
        }
      }
    } catch (RevWalkException e) {
      // The iterator wraps read errors, the budget's included.
      if (e.getCause() instanceof BoundReachedException bound) {
        throw bound;
      }
      throw e;
    } finally {
      rw.reset();
      rw.sort(RevSort.NONE);
    }
    if (complete && window.keepable()) {
      recent.put(project, tip, window.build());
    }
    return found;
  }

  private Open open(String project) throws IOException {
    Open o = open.get(project);
    if (o == null) {
      Repository repo = repoManager.openRepository(Project.nameKey(project));
      ObjectReader reader = budget.reader(repo);
      RevWalk rw = new RevWalk(reader);
      try {
        o = new Open(repo, reader, rw, GraphReachability.of(repo, rw, budget));
      } catch (IOException e) {
        rw.close();
        reader.close();
        repo.close();
        throw e;
      }
      open.put(project, o);
    }
    return o;
  }

  @Override
  public void close() {
    open.values().forEach(Open::close);
    open.clear();
  }
}
