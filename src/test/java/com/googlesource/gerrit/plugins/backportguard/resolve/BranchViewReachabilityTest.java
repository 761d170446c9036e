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

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gerrit.entities.Project;
import com.google.gerrit.testing.InMemoryRepositoryManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.eclipse.jgit.internal.storage.dfs.DfsGarbageCollector;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.Test;

/**
 * Reachability in a branch view gives git's answer whichever way it is found: a plain walk, or the
 * reachability bitmaps gc wrote (with commits pushed after gc, which have none).
 */
class BranchViewReachabilityTest {
  private final InMemoryRepositoryManager repos = new InMemoryRepositoryManager();

  private List<RevCommit> randomHistory(TestRepository<InMemoryRepository> git, Runnable atGc)
      throws Exception {
    Random random = new Random(7);
    List<RevCommit> all = new ArrayList<>();
    List<RevCommit> heads = new ArrayList<>();
    heads.add(git.commit().message("root").create());
    all.add(heads.get(0));
    for (int i = 0; i < 300; i++) {
      if (i == 200) {
        for (int h = 0; h < heads.size(); h++) {
          git.update("refs/heads/b" + h, heads.get(h));
        }
        atGc.run();
      }
      int h = random.nextInt(heads.size());
      TestRepository<InMemoryRepository>.CommitBuilder b =
          git.commit().message("c" + i).parent(heads.get(h));
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
    return all;
  }

  private void assertAnswersAsGit(InMemoryRepository repo, List<RevCommit> all) throws Exception {
    Random random = new Random(3);
    int reachable = 0;
    int checks = 1500;
    try (BranchView v =
            new BranchView(repos, new CheckBudget(10_000_000, "c", 10, "q"), (p, r) -> true, "b0");
        RevWalk plain = new RevWalk(repo)) {
      for (int i = 0; i < checks; i++) {
        RevCommit tip = all.get(random.nextInt(all.size()));
        RevCommit commit = all.get(random.nextInt(all.size()));
        boolean want = plain.isMergedInto(plain.parseCommit(commit), plain.parseCommit(tip));
        plain.reset();
        assertWithMessage("%s in %s", commit.name(), tip.name())
            .that(v.contains("p", tip, commit.name()))
            .isEqualTo(want);
        reachable += want ? 1 : 0;
      }
    }
    assertThat(reachable).isGreaterThan(150);
    assertThat(checks - reachable).isGreaterThan(150);
  }

  @Test
  void withoutBitmaps() throws Exception {
    InMemoryRepository repo = (InMemoryRepository) repos.createRepository(Project.nameKey("p"));
    TestRepository<InMemoryRepository> git = new TestRepository<>(repo);
    List<RevCommit> all = randomHistory(git, () -> {});
    try (ObjectReader r = repo.newObjectReader()) {
      assertThat(r.getBitmapIndex()).isNull();
    }
    assertAnswersAsGit(repo, all);
  }

  @Test
  void withTheBitmapsGcWroteAndCommitsPushedSince() throws Exception {
    InMemoryRepository repo = (InMemoryRepository) repos.createRepository(Project.nameKey("p"));
    TestRepository<InMemoryRepository> git = new TestRepository<>(repo);
    List<RevCommit> all =
        randomHistory(
            git,
            () -> {
              try {
                new DfsGarbageCollector(repo).pack(null);
              } catch (Exception e) {
                throw new AssertionError(e);
              }
            });
    try (ObjectReader r = repo.newObjectReader()) {
      assertThat(r.getBitmapIndex()).isNotNull();
    }
    assertAnswersAsGit(repo, all);
  }
}
