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

import java.io.IOException;
import java.util.Optional;
import org.eclipse.jgit.internal.storage.commitgraph.CommitGraph;
import org.eclipse.jgit.lib.AnyObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;

/**
 * The work one check may still do, across every level of its chain and every project a Change-Id
 * fans out to: index queries, and git objects read by every walk ({@code isMergedInto} included).
 * Once a bound is reached, every further read or query fails at once with a {@link
 * BoundReachedException}.
 */
public final class CheckBudget {
  private final int maxCommits;
  private final String commitsSetting;
  private final int maxQueries;
  private final String queriesSetting;
  private int commits;
  private int queries;

  /**
   * @param maxCommits how many git objects all walks may read together
   * @param commitsSetting the setting of that bound, as an admin writes it
   * @param maxQueries how many index queries (pages included) may run
   * @param queriesSetting the setting of that bound, as an admin writes it
   */
  public CheckBudget(int maxCommits, String commitsSetting, int maxQueries, String queriesSetting) {
    this.maxCommits = maxCommits;
    this.commitsSetting = commitsSetting;
    this.maxQueries = maxQueries;
    this.queriesSetting = queriesSetting;
  }

  /** Counts one index query (or one more page of one). */
  public void countQuery() throws BoundReachedException {
    if (++queries > maxQueries) {
      queries = maxQueries + 1;
      throw new BoundReachedException(queriesSetting);
    }
  }

  /** How many index queries were run. */
  public int queries() {
    return Math.min(queries, maxQueries);
  }

  /** How many git objects the walks read. */
  public int objectsRead() {
    return Math.min(commits, maxCommits);
  }

  void countObject() throws BoundReachedException {
    if (++commits > maxCommits) {
      commits = maxCommits + 1;
      throw new BoundReachedException(commitsSetting);
    }
  }

  /**
   * A reader of the repository that counts every object it opens against the budget; a RevWalk on
   * it reads at most what is left. It ignores the commit-graph, which would let a walk go on
   * without opening (and so without counting) commits. The caller closes it.
   */
  public ObjectReader reader(Repository repo) {
    ObjectReader delegate = repo.newObjectReader();
    return new ObjectReader.Filter() {
      @Override
      protected ObjectReader delegate() {
        return delegate;
      }

      @Override
      public ObjectLoader open(AnyObjectId objectId) throws IOException {
        countObject();
        return delegate.open(objectId);
      }

      @Override
      public ObjectLoader open(AnyObjectId objectId, int typeHint) throws IOException {
        countObject();
        return delegate.open(objectId, typeHint);
      }

      @Override
      public Optional<CommitGraph> getCommitGraph() {
        return Optional.empty();
      }
    };
  }
}
