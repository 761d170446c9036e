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
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gerrit.entities.Project;
import com.google.gerrit.testing.InMemoryRepositoryManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The target branch as git has it, read through one repository and one walk per check. */
class BranchViewTest {
  private static final String BRANCH = "wmf/1.0";
  private static final String COMMITS = "plugin.backport-guard.maxCommitsPerCheck";

  /** Gerrit's in-memory repositories, counting how often each is opened. */
  private static final class Repos extends InMemoryRepositoryManager {
    final List<String> opened = new ArrayList<>();

    @Override
    public synchronized Repo openRepository(Project.NameKey name)
        throws RepositoryNotFoundException {
      opened.add(name.get());
      return super.openRepository(name);
    }
  }

  private Repos repos;
  private RevCommit base;
  private RevCommit pushed;
  private RevCommit tip;
  private RevCommit onMaster;

  @BeforeEach
  void setUp() throws Exception {
    repos = new Repos();
    TestRepository<InMemoryRepository> lib =
        new TestRepository<>((InMemoryRepository) repos.createRepository(Project.nameKey("lib")));
    base = lib.commit().message("Base\n\nChange-Id: I" + "b".repeat(40) + "\n").create();
    pushed =
        lib.commit()
            .parent(base)
            .message("Pushed\n\nDepends-On: I1\nChange-Id: I" + "a".repeat(40) + "\n")
            .create();
    tip = lib.commit().parent(pushed).message("Tip\n").create();
    lib.update("refs/heads/" + BRANCH, tip);
    onMaster = lib.commit().parent(base).message("Master only\n").create();
    lib.update("refs/heads/master", onMaster);
    repos.createRepository(Project.nameKey("empty"));
    repos.opened.clear();
  }

  private BranchView view(int maxCommits, BranchView.Readers readers) {
    return new BranchView(
        repos,
        new CheckBudget(maxCommits, COMMITS, 100, "plugin.backport-guard.maxQueriesPerCheck"),
        readers,
        BRANCH);
  }

  private BranchView view() {
    return view(1000, (project, ref) -> true);
  }

  @Test
  void theBranchIsReadWithItsTip() throws Exception {
    try (BranchView v = view()) {
      assertThat(v.branch("lib")).isEqualTo(new BranchView.Branch(true, true, tip.copy()));
      assertThat(v.branch("empty")).isEqualTo(BranchView.Branch.ABSENT);
      assertThat(v.branch("nowhere")).isEqualTo(BranchView.Branch.UNREADABLE);
    }
  }

  @Test
  void aBranchTheReadersMayNotReadIsUnreadableWithoutLookingAtGit() throws Exception {
    try (BranchView v = view(1000, (project, ref) -> !ref.equals("refs/heads/" + BRANCH))) {
      assertThat(v.branch("lib")).isEqualTo(BranchView.Branch.UNREADABLE);
      assertThat(v.branch("empty")).isEqualTo(BranchView.Branch.UNREADABLE);
    }
    assertThat(repos.opened).isEmpty();
  }

  @Test
  void containsFollowsHistoryAndAnUnknownCommitIsNotIn() throws Exception {
    try (BranchView v = view()) {
      assertThat(v.contains("lib", tip, base.name())).isTrue();
      assertThat(v.contains("lib", tip, onMaster.name())).isFalse();
      assertThat(v.contains("lib", tip, "1234567890123456789012345678901234567890")).isFalse();
    }
  }

  @Test
  void aPushedCommitIsFoundByItsChangeIdOrAnAbbreviation() throws Exception {
    try (BranchView v = view()) {
      Map<String, String> found =
          v.findPushedCommits("lib", tip, Set.of("I" + "a".repeat(40), "Ibbbb", "Icccc"));

      assertThat(found).containsExactly("I" + "a".repeat(40), pushed.name(), "Ibbbb", base.name());
    }
  }

  @Test
  void aMessageIsReadAndAGoneCommitHasNone() throws Exception {
    try (BranchView v = view()) {
      assertThat(v.message("lib", pushed.name())).hasValue(pushed.getFullMessage());
      assertThat(v.message("lib", "1234567890123456789012345678901234567890")).isEmpty();
    }
  }

  @Test
  void everyReadOfOneCheckGoesThroughOneRepositoryPerProject() throws Exception {
    try (BranchView v = view()) {
      v.branch("lib");
      v.contains("lib", tip, base.name());
      v.findPushedCommits("lib", tip, Set.of("Ibbbb"));
      v.message("lib", pushed.name());
      v.contains("lib", tip, onMaster.name());
      v.branch("empty");
      v.message("empty", pushed.name());
    }
    assertThat(repos.opened).containsExactly("lib", "empty");
  }

  @Test
  void theWalksReadNoMoreThanTheBudgetAndNameTheSetting() throws Exception {
    try (BranchView v = view(2, (project, ref) -> true)) {
      BoundReachedException e =
          assertThrows(
              BoundReachedException.class,
              () -> v.findPushedCommits("lib", tip, Set.of("Inotthere")));
      assertThat(e.setting()).isEqualTo(COMMITS);
      assertThrows(BoundReachedException.class, () -> v.contains("lib", tip, base.name()));
    }
  }

  @Test
  void aCommitReadOnceInACheckIsNotCountedAgain() throws Exception {
    // Three commits on the branch: one walk reads them all, the second reads nothing new.
    try (BranchView v = view(3, (project, ref) -> true)) {
      assertThat(v.contains("lib", tip, base.name())).isTrue();
      assertThat(v.findPushedCommits("lib", tip, Set.of("I" + "a".repeat(40)))).hasSize(1);
      assertThat(v.message("lib", base.name())).isPresent();
    }
  }

  @Test
  void aWindowWalkedToItsEndIsNotWalkedAgainForTheSameTip() throws Exception {
    RecentChangeIds recent = new RecentChangeIds();
    CheckBudget first = new CheckBudget(1000, COMMITS, 10, "q");
    try (BranchView v = new BranchView(repos, first, (p, r) -> true, BRANCH, recent)) {
      assertThat(v.findPushedCommits("lib", tip, Set.of("Inotthere", "I" + "a".repeat(40))))
          .containsExactly("I" + "a".repeat(40), pushed.name());
    }
    assertThat(first.objectsRead()).isEqualTo(3);
    CheckBudget second = new CheckBudget(1000, COMMITS, 10, "q");
    try (BranchView v = new BranchView(repos, second, (p, r) -> true, BRANCH, recent)) {
      assertThat(v.findPushedCommits("lib", tip, Set.of("Ibbbb", "Inotthere")))
          .containsExactly("Ibbbb", base.name());
    }
    assertThat(second.objectsRead()).isEqualTo(0);
  }

  @Test
  void aWalkThatStoppedEarlyIsNotKept() throws Exception {
    RecentChangeIds recent = new RecentChangeIds();
    try (BranchView v =
        new BranchView(
            repos, new CheckBudget(1000, COMMITS, 10, "q"), (p, r) -> true, BRANCH, recent)) {
      assertThat(v.findPushedCommits("lib", tip, Set.of("I" + "a".repeat(40)))).hasSize(1);
    }
    // Found at the second commit: the third was never read, so nothing is known about it.
    assertThat(recent.get("lib", tip)).isEmpty();
  }
}
