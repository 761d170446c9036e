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

  private static List<RevCommit> randomHistory(
      TestRepository<InMemoryRepository> git, RandomHistory.AtGc atGc) throws Exception {
    return RandomHistory.build(git, new Random(7), 300, 200, atGc);
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
    List<RevCommit> all = randomHistory(git, () -> new DfsGarbageCollector(repo).pack(null));
    try (ObjectReader r = repo.newObjectReader()) {
      assertThat(r.getBitmapIndex()).isNotNull();
    }
    assertAnswersAsGit(repo, all);
  }

  @Test
  void aCommitTheDirectPushSearchReadIsNotCountedAgainByTheBitmapWalk() throws Exception {
    InMemoryRepository repo = (InMemoryRepository) repos.createRepository(Project.nameKey("p"));
    TestRepository<InMemoryRepository> git = new TestRepository<>(repo);
    RevCommit c = git.commit().message("root").create();
    for (int i = 0; i < 5; i++) {
      c =
          git.commit()
              .message("old " + i + "\n\nChange-Id: I" + i + "a".repeat(39))
              .parent(c)
              .create();
    }
    git.update("refs/heads/b0", c);
    new DfsGarbageCollector(repo).pack(null);
    RevCommit first = null;
    for (int i = 0; i < 20; i++) {
      c = git.commit().message("new " + i).parent(c).create();
      first = first == null ? c : first;
    }
    RevCommit tip = c;
    git.update("refs/heads/b0", tip);
    try (ObjectReader r = repo.newObjectReader()) {
      assertThat(r.getBitmapIndex()).isNotNull();
    }
    CheckBudget budget = new CheckBudget(1000, "c", 10, "q");
    try (BranchView v = new BranchView(repos, budget, (p, r) -> true, "b0")) {
      // The direct-push search reads the whole branch: 26 commits.
      assertThat(v.findPushedCommits("p", tip, java.util.Set.of("Inotthere"))).isEmpty();
      int walked = budget.objectsRead();
      assertThat(walked).isEqualTo(26);
      assertThat(v.contains("p", tip, first.name())).isTrue();
      // Every commit the bitmap walk met was read already.
      assertThat(budget.objectsRead()).isEqualTo(walked);
      // And the walk is left as the next search needs it.
      assertThat(v.findPushedCommits("p", tip.getParent(0), java.util.Set.of("I0aaaa"))).hasSize(1);
    }
  }
}
