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
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.internal.storage.file.FileRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reachability from the commit-graph gives git's answer, with commits written after the graph
 * (loose) as well as in it, and reads little where a prerequisite landed on master after the cut.
 */
class GraphReachabilityTest {
  @TempDir File dir;

  private FileRepository repo;
  private TestRepository<FileRepository> git;

  @BeforeEach
  void setUp() throws Exception {
    repo = new FileRepository(new File(dir, "repo.git"));
    repo.create(true);
    git = new TestRepository<>(repo);
  }

  @AfterEach
  void tearDown() {
    git.close();
  }

  /** Writes a commit-graph of everything reachable now, as Gerrit's gc does when told to. */
  private void writeGraph() throws Exception {
    StoredConfig cfg = repo.getConfig();
    cfg.setBoolean("core", null, "commitGraph", true);
    cfg.setBoolean("gc", null, "writeCommitGraph", true);
    cfg.save();
    Git.wrap(repo).gc().call();
  }

  private CheckBudget budget() {
    return new CheckBudget(1_000_000, "commits", 10, "queries");
  }

  private Optional<GraphReachability> graph(RevWalk rw, CheckBudget budget) throws Exception {
    return GraphReachability.of(repo, rw, budget);
  }

  @Test
  void noGraphNoAnswer() throws Exception {
    RevCommit c = git.commit().message("one").create();
    git.update("refs/heads/master", c);
    CheckBudget budget = budget();
    try (RevWalk rw = new RevWalk(budget.reader(repo))) {
      assertThat(graph(rw, budget)).isEmpty();
    }
  }

  @Test
  void answersAsGitDoesOnARandomHistoryPartlyInTheGraph() throws Exception {
    Random random = new Random(12);
    List<RevCommit> all = RandomHistory.build(git, random, 400, 250, this::writeGraph);
    CheckBudget budget = budget();
    int checked = 0;
    int reachable = 0;
    try (RevWalk rw = new RevWalk(budget.reader(repo));
        RevWalk plain = new RevWalk(repo)) {
      GraphReachability graph = graph(rw, budget).orElseThrow();
      for (int i = 0; i < 3000; i++) {
        RevCommit tip = all.get(random.nextInt(all.size()));
        RevCommit commit = all.get(random.nextInt(all.size()));
        boolean want = plain.isMergedInto(plain.parseCommit(commit), plain.parseCommit(tip));
        plain.reset();
        assertWithMessage("%s in %s", commit.name(), tip.name())
            .that(graph.contains(tip, commit))
            .isEqualTo(want);
        checked++;
        reachable += want ? 1 : 0;
      }
    }
    // Both answers were met many times.
    assertThat(reachable).isGreaterThan(300);
    assertThat(checked - reachable).isGreaterThan(300);
  }

  @Test
  void aPrerequisiteMergedOnMasterAfterTheCutIsKnownMissingWithoutReadingMaster() throws Exception {
    RevCommit master = git.commit().message("root").create();
    RevCommit cut = null;
    for (int i = 0; i < 2000; i++) {
      master = git.commit().message("m" + i).parent(master).create();
      if (i == 100) {
        cut = master;
      }
    }
    RevCommit prerequisite = git.commit().message("prerequisite").parent(master).create();
    git.update("refs/heads/master", prerequisite);
    RevCommit branch = cut;
    for (int i = 0; i < 3; i++) {
      branch = git.commit().message("backport " + i).parent(branch).create();
    }
    git.update("refs/heads/wmf/1.0", branch);
    writeGraph();
    // Pushed after gc: not in the graph yet.
    RevCommit late = git.commit().message("late backport").parent(branch).create();
    RevCommit lateOnMaster = git.commit().message("late on master").parent(prerequisite).create();

    CheckBudget budget = budget();
    try (RevWalk rw = new RevWalk(budget.reader(repo))) {
      GraphReachability graph = graph(rw, budget).orElseThrow();
      assertThat(graph.contains(late, prerequisite)).isFalse();
      assertThat(graph.contains(late, lateOnMaster)).isFalse();
      // The late commit is read and the branch down to the cut: not master's 1,900 after it.
      assertThat(budget.objectsRead()).isLessThan(10);
      assertThat(graph.contains(late, cut)).isTrue();
      assertThat(graph.contains(lateOnMaster, cut)).isTrue();
    }
  }

  @Test
  void everyStepCountsAgainstTheBudget() throws Exception {
    RevCommit c = git.commit().message("root").create();
    RevCommit root = c;
    for (int i = 0; i < 100; i++) {
      c = git.commit().message("m" + i).parent(c).create();
    }
    RevCommit tip = c;
    git.update("refs/heads/master", tip);
    writeGraph();
    CheckBudget budget = new CheckBudget(20, "commits", 10, "queries");
    try (RevWalk rw = new RevWalk(budget.reader(repo))) {
      GraphReachability graph = graph(rw, budget).orElseThrow();
      BoundReachedException e =
          assertThrows(BoundReachedException.class, () -> graph.contains(tip, root));
      assertThat(e.setting()).isEqualTo("commits");
    }
  }

  @Test
  void aCommitVisitedByManyWalksOfOneCheckIsCountedOnce() throws Exception {
    RevCommit c = git.commit().message("root").create();
    List<RevCommit> line = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      c = git.commit().message("m" + i).parent(c).create();
      line.add(c);
    }
    RevCommit tip = c;
    git.update("refs/heads/master", tip);
    writeGraph();
    CheckBudget budget = new CheckBudget(300, "commits", 10, "queries");
    try (RevWalk rw = new RevWalk(budget.reader(repo))) {
      GraphReachability graph = graph(rw, budget).orElseThrow();
      // Fifty prerequisites merged long before the tip: each walk crosses the same commits.
      for (int i = 0; i < 50; i++) {
        assertThat(graph.contains(tip, line.get(i))).isTrue();
      }
    }
    assertThat(budget.objectsRead()).isAtMost(200);
  }

  /** Writes the commit-graph with the git command line, as an admin or git's own gc would. */
  private boolean writeGraphWithGit(String... options) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("git", "--git-dir=" + repo.getDirectory()));
    cmd.addAll(List.of(options));
    cmd.addAll(List.of("commit-graph", "write", "--reachable"));
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (java.io.IOException e) {
      return false; // no git on this machine
    }
    String out =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertWithMessage(out).that(p.waitFor()).isEqualTo(0);
    StoredConfig cfg = repo.getConfig();
    cfg.setBoolean("core", null, "commitGraph", true);
    cfg.save();
    return true;
  }

  private void assertAnswersAsGit(Random random, List<RevCommit> all) throws Exception {
    CheckBudget budget = budget();
    try (RevWalk rw = new RevWalk(budget.reader(repo));
        RevWalk plain = new RevWalk(repo)) {
      GraphReachability graph = graph(rw, budget).orElseThrow();
      for (int i = 0; i < 2000; i++) {
        RevCommit tip = all.get(random.nextInt(all.size()));
        RevCommit commit = all.get(random.nextInt(all.size()));
        boolean want = plain.isMergedInto(plain.parseCommit(commit), plain.parseCommit(tip));
        plain.reset();
        assertWithMessage("%s in %s", commit.name(), tip.name())
            .that(graph.contains(tip, commit))
            .isEqualTo(want);
      }
    }
  }

  @Test
  void answersAsGitDoesWithAGraphGitWroteWithCorrectedCommitDates() throws Exception {
    Random random = new Random(7);
    List<RevCommit> all = RandomHistory.build(git, random, 300, -1, () -> {});
    org.junit.jupiter.api.Assumptions.assumeTrue(
        writeGraphWithGit("-c", "commitGraph.generationVersion=2"));
    assertAnswersAsGit(random, all);
  }

  @Test
  void answersAsGitDoesWithAGraphGitWroteWithTopologicalLevels() throws Exception {
    Random random = new Random(8);
    List<RevCommit> all = RandomHistory.build(git, random, 300, -1, () -> {});
    org.junit.jupiter.api.Assumptions.assumeTrue(
        writeGraphWithGit("-c", "commitGraph.generationVersion=1"));
    assertAnswersAsGit(random, all);
  }

  @Test
  void answersAsGitDoesInARepositoryMadeShallowAfterTheGraphWasWritten() throws Exception {
    RevCommit root = git.commit().message("root").create();
    RevCommit mid = git.commit().message("mid").parent(root).create();
    RevCommit tip = git.commit().message("tip").parent(mid).create();
    git.update("refs/heads/master", tip);
    writeGraph();
    java.nio.file.Files.writeString(
        new File(repo.getDirectory(), "shallow").toPath(), mid.name() + "\n");
    boolean want;
    try (RevWalk plain = new RevWalk(repo)) {
      want = plain.isMergedInto(plain.parseCommit(root), plain.parseCommit(tip));
    }
    // Git cuts the history at a shallow commit.
    assertThat(want).isFalse();
    CheckBudget budget = budget();
    try (RevWalk rw = new RevWalk(budget.reader(repo))) {
      Optional<GraphReachability> graph = graph(rw, budget);
      if (graph.isPresent()) {
        assertThat(graph.get().contains(tip, root)).isEqualTo(want);
      }
    }
  }

  @Test
  void aCommitAnotherWalkOfTheCheckReadIsNotCountedAgain() throws Exception {
    RevCommit root = git.commit().message("root").create();
    RevCommit c = root;
    for (int i = 0; i < 50; i++) {
      c = git.commit().message("m" + i).parent(c).create();
    }
    RevCommit tip = c;
    git.update("refs/heads/master", tip);
    writeGraph();
    CheckBudget budget = budget();
    try (RevWalk rw = new RevWalk(budget.reader(repo))) {
      GraphReachability graph = graph(rw, budget).orElseThrow();
      // The direct-push search read the branch on the check's walk.
      rw.markStart(rw.parseCommit(tip));
      while (rw.next() != null) {}
      rw.reset();
      int read = budget.objectsRead();
      assertThat(read).isEqualTo(51);
      assertThat(graph.contains(tip, root)).isTrue();
      assertThat(budget.objectsRead()).isEqualTo(read);
    }
  }

  @Test
  void theGraphAloneSaysNoForACommitNewerThanTheTipOrOneItLacks() throws Exception {
    RevCommit master = git.commit().message("root").create();
    RevCommit cut = null;
    for (int i = 0; i < 50; i++) {
      master = git.commit().message("m" + i).parent(master).create();
      if (i == 10) {
        cut = master;
      }
    }
    RevCommit branch = git.commit().message("backport").parent(cut).create();
    git.update("refs/heads/master", master);
    git.update("refs/heads/wmf/1.0", branch);
    writeGraph();
    RevCommit late = git.commit().message("late").parent(master).create();
    CheckBudget budget = budget();
    try (RevWalk rw = new RevWalk(budget.reader(repo))) {
      GraphReachability graph = graph(rw, budget).orElseThrow();
      // Merged on master after the cut: a higher generation than the branch tip.
      assertThat(graph.withoutWalk(branch, master)).hasValue(false);
      // Written after the graph: not an ancestor of anything the graph has.
      assertThat(graph.withoutWalk(branch, late)).hasValue(false);
      assertThat(graph.withoutWalk(branch, branch)).hasValue(true);
      // Older than the tip: only a walk can tell.
      assertThat(graph.withoutWalk(branch, cut)).isEmpty();
      // A tip the graph lacks: only a walk can tell.
      assertThat(graph.withoutWalk(late, cut)).isEmpty();
    }
    assertThat(budget.objectsRead()).isEqualTo(0);
  }
}
