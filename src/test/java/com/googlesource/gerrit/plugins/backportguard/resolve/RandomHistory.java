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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;

/**
 * A random history of up to six branches with merges between them, for reachability tests that
 * compare an answer with git's; gc may run part way, so that later commits have no graph or bitmap.
 */
final class RandomHistory {
  /** What runs once the heads of the first {@code gcAt} commits have refs. */
  @FunctionalInterface
  interface AtGc {
    void run() throws Exception;
  }

  /**
   * @return every commit made, the root first; every head ends up on a ref {@code refs/heads/b<n>}
   */
  static <R extends Repository> List<RevCommit> build(
      TestRepository<R> git, Random random, int size, int gcAt, AtGc atGc) throws Exception {
    List<RevCommit> all = new ArrayList<>();
    List<RevCommit> heads = new ArrayList<>();
    heads.add(git.commit().message("root").create());
    all.add(heads.get(0));
    for (int i = 0; i < size; i++) {
      if (i == gcAt) {
        updateRefs(git, heads);
        atGc.run();
      }
      int h = random.nextInt(heads.size());
      TestRepository<R>.CommitBuilder b = git.commit().message("c" + i).parent(heads.get(h));
      if (heads.size() > 1 && random.nextInt(6) == 0) {
        b.parent(heads.get((h + 1) % heads.size()));
      }
      RevCommit c = b.create();
      all.add(c);
      if (random.nextInt(12) == 0 && heads.size() < 6) {
        heads.add(c);
      } else {
        heads.set(h, c);
      }
    }
    updateRefs(git, heads);
    return all;
  }

  private static <R extends Repository> void updateRefs(
      TestRepository<R> git, List<RevCommit> heads) throws Exception {
    for (int h = 0; h < heads.size(); h++) {
      git.update("refs/heads/b" + h, heads.get(h));
    }
  }

  private RandomHistory() {}
}
