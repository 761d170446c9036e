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

package com.googlesource.gerrit.plugins.backportguard.replay;

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allow;
import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.common.ApprovalInfo;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.common.ChangeMessageInfo;
import com.google.gerrit.extensions.common.LabelInfo;
import com.google.gerrit.server.index.change.ChangeIndex;
import com.google.gerrit.server.index.change.ChangeIndexCollection;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;

/**
 * Replays a directory of exported histories (the format of {@code src/test/resources/histories/},
 * see its README) into the in-process Gerrit, as docs/replay.md describes: every file as one
 * project of one server, so that a prerequisite in one resolves from a backport in another; each
 * backport offered for review on its branch set to the backport's parent, what Gerrit would never
 * have reviewed pushed directly, and the plugin's verdict compared with the one worked out from the
 * commit graphs alone ({@link ExpectedVerdicts}).
 */
public abstract class ReplayTestBase extends BackportGuardTestBase {
  private static final String PLUGIN_QUEUE = "backport-guard";
  private static final int PROGRESS_EVERY = 250;
  private static final String PLUGIN_PACKAGE = "com.googlesource.gerrit.plugins.backportguard.";

  /** The tag of the plugin's review messages. */
  @Inject private ChangeIndexCollection changeIndexes;

  /** One history being replayed into its project. */
  private record Replay(
      Project.NameKey project,
      CommitGraph graph,
      ReplayPlan plan,
      TestRepository<InMemoryRepository> repo,
      SyntheticHistory synthetic) {
    String name() {
      return project.get();
    }
  }

  /** A branch of one of the projects, in the order all are replayed. */
  private record BranchOfProject(Replay replay, ReplayPlan.Branch branch) {}

  private ReplayReport report;
  private LoadedRefs loaded;
  private ExpectedVerdicts oracle;
  private CountingChangeIndex counting;
  private boolean loading;

  /**
   * Replays every export in {@code dir} and writes the report to {@code out}. Fails if Gerrit
   * refuses a commit the replay offered for review or if the plugin disagrees with the expected
   * verdict anywhere; the caller checks the rest.
   */
  protected ReplayReport replay(Path dir, ReplayPlan.Scope scope, Path out) throws Exception {
    long start = System.nanoTime();
    report = new ReplayReport(dir.toString(), scope);
    loaded = new LoadedRefs();
    List<CommitGraph> graphs = new ArrayList<>();
    for (History h : History.readAll(dir)) {
      graphs.add(new CommitGraph(h));
    }
    ChangeIdIndex ids = new ChangeIdIndex(graphs);
    oracle = new ExpectedVerdicts(ids);
    report.memory(heap("heap used after GC, before the load"));

    ChangeIndex searchIndex = changeIndexes.getSearchIndex();
    counting = new CountingChangeIndex(searchIndex, PLUGIN_QUEUE);
    changeIndexes.setSearchIndex(counting.asIndex(), false);
    try {
      List<Replay> replays = new ArrayList<>();
      for (CommitGraph g : graphs) {
        replays.add(load(g, new ReplayPlan(g, ids, scope)));
      }
      replayBranches(replays);
      for (Replay r : replays) {
        replayMasterDependents(r);
      }
    } finally {
      changeIndexes.setSearchIndex(searchIndex, false);
    }
    report.totalMillis(millisSince(start));
    report.memory(heap("heap used after GC, after the replay"));
    report.memory(pluginObjects());

    String text = report.render();
    System.out.println(text);
    Files.createDirectories(out.toAbsolutePath().getParent());
    Files.writeString(out, text, UTF_8);

    assertWithMessage("commits Gerrit refused though the replay expected a review, see %s", out)
        .that(report.refused())
        .isEmpty();
    assertWithMessage("disagreements with the expected verdict, see %s", out)
        .that(report.disagreementLines())
        .isEmpty();
    return report;
  }

  /**
   * Creates the project, rebuilds its commits, and loads master: the commits a Depends-On names are
   * offered for review first (master set to their parent), so that pushing master merges them as
   * reviewed changes, the way every commit on master arrived in real life.
   */
  private Replay load(CommitGraph graph, ReplayPlan plan) throws Exception {
    long start = System.nanoTime();
    loading = true;
    History h = graph.history();
    Project.NameKey p = projectOperations.newProject().name(h.project()).noEmptyCommit().create();
    projectOperations
        .project(p)
        .forUpdate()
        .add(allow(Permission.CREATE).ref("refs/heads/*").group(adminGroupUuid()))
        .add(allow(Permission.PUSH).ref("refs/heads/*").group(adminGroupUuid()).force(true))
        .add(allow(Permission.PUSH_MERGE).ref("refs/*").group(adminGroupUuid()))
        .update();
    // Not found (in mediawiki/core, which is not loaded) reads UNCHECKED, missing reads MISSING.
    setProjectConfig(p, c -> c.setBoolean("plugin", "backport-guard", "blockOnNotFound", false));
    TestRepository<InMemoryRepository> repo = cloneProject(p, admin);
    SyntheticHistory synthetic =
        new SyntheticHistory(graph, repo.getRepository(), admin.fullName(), admin.email());
    synthetic.build();
    Replay r = new Replay(p, graph, plan, repo, synthetic);

    for (int c : plan.reviewedOnMaster()) {
      int parent = graph.indexOf(graph.commit(c).parents().get(0));
      moveBranch(r, h.main(), parent);
      push(r, synthetic.rebuilt(c).name() + ":refs/for/" + h.main());
      loaded.offered(p.get(), c);
    }
    moveBranch(r, h.main(), graph.indexOf(h.branches().get(h.mainRef())));
    if (!h.main().equals("master")) {
      // The plugin's default: every branch but the one HEAD points to holds backports.
      gApi.projects().name(p.get()).head(h.mainRef());
    }
    awaitEvaluations();
    loading = false;
    int merged = gApi.changes().query("project:" + p.get() + " status:merged").get().size();
    assertWithMessage("changes merged by pushing master of %s", p.get())
        .that(merged)
        .isEqualTo(plan.reviewedOnMaster().size());
    report.load(
        new ReplayReport.Load(
            p.get(),
            graph.size(),
            plan.branches().size(),
            plan.backportCount(),
            plan.directCounts(),
            plan.alreadyLoadedCount(),
            plan.offeredCount(),
            plan.reviewedOnMaster().size(),
            merged,
            millisSince(start)));
    return r;
  }

  /**
   * Replays the branches of all projects in the order of their first backport: for every offered
   * backport the branch is set to the backport's parent and the backport pushed for review, as a
   * deployer pushed it; then the branch goes to its tip. Moving the branch past an offered backport
   * merges its change, as its submission did, and loads what was pushed directly.
   */
  private void replayBranches(List<Replay> replays) throws Exception {
    List<BranchOfProject> order = new ArrayList<>();
    for (Replay r : replays) {
      // Branches with nothing to offer go in at once.
      List<RefSpec> untouched = new ArrayList<>();
      for (ReplayPlan.Branch b : r.plan().branches()) {
        if (b.owned().stream().noneMatch(r.plan()::isOffered)) {
          untouched.add(
              new RefSpec("+" + r.synthetic().rebuilt(b.tip()).name() + ":refs/heads/" + b.name()));
          loaded.branch(r.name(), b.name(), b.tip());
        } else {
          order.add(new BranchOfProject(r, b));
        }
      }
      long start = System.nanoTime();
      push(r, untouched);
      report.branchPush(millisSince(start));
    }
    order.sort(
        Comparator.comparingLong((BranchOfProject o) -> o.branch().firstTime())
            .thenComparing(o -> o.replay().name())
            .thenComparing(o -> o.branch().name()));
    for (BranchOfProject o : order) {
      Replay r = o.replay();
      CommitGraph g = r.graph();
      ReplayPlan.Branch b = o.branch();
      for (int c : b.owned()) {
        if (!r.plan().isOffered(c)) {
          continue;
        }
        moveBranch(r, b.name(), g.indexOf(g.commit(c).parents().get(0)));
        offer(r, b.name(), c, r.synthetic().rebuilt(c), ReplayResult.Kind.BACKPORT);
      }
      moveBranch(r, b.name(), b.tip());
    }
  }

  /**
   * Offers each master commit whose prerequisite is in the loaded repositories on a new branch cut
   * at its parent; a copy of the commit, since the commit itself is in master already.
   */
  private void replayMasterDependents(Replay r) throws Exception {
    CommitGraph g = r.graph();
    for (int c : r.plan().masterDependents()) {
      String branch = "replay/" + g.commit(c).shortSha();
      moveBranch(r, branch, g.indexOf(g.commit(c).parents().get(0)));
      offer(r, branch, c, r.synthetic().copy(c), ReplayResult.Kind.MASTER_DEPENDENT);
    }
  }

  private void offer(Replay r, String branch, int c, ObjectId commit, ReplayResult.Kind kind)
      throws Exception {
    HistoryCommit hc = r.graph().commit(c);
    ExpectedVerdicts.Expectation expected = oracle.expect(r.graph(), c, branch, loaded);
    long resolverQueries = counting.resolverQueries();
    long recheckQueries = counting.recheckQueries();
    long otherQueries = counting.otherQueries();
    long start = System.nanoTime();
    try {
      push(r, commit.name() + ":refs/for/" + branch);
    } catch (PushRefusedException e) {
      report.refused(r.name() + " " + hc.shortSha() + " on " + branch + ": " + e.getMessage());
      return;
    }
    long pushed = System.nanoTime();
    awaitEvaluations();
    long checked = System.nanoTime();
    loaded.offered(r.name(), c);

    ChangeInfo change = gApi.changes().query("commit:" + commit.name()).get().get(0);
    ChangeInfo detail =
        gApi.changes()
            .id(change.id)
            .get(ListChangesOption.DETAILED_LABELS, ListChangesOption.MESSAGES);
    ReportedVerdict reported = ReportedVerdict.of(botVote(detail), lastBotComment(detail));
    boolean declares = !expected.footers().isEmpty() || !expected.judged();
    int parent = r.graph().indexOf(hc.parents().get(0));
    report.result(
        new ReplayResult(
            r.name(),
            branch,
            hc,
            kind,
            change._number,
            expected,
            reported,
            ReplayResult.compare(expected, reported),
            (pushed - start) / 1_000_000,
            (checked - pushed) / 1_000_000,
            counting.resolverQueries() - resolverQueries,
            counting.recheckQueries() - recheckQueries,
            counting.otherQueries() - otherQueries,
            declares ? r.graph().ancestors(parent).cardinality() : 0,
            declares ? walkMillis(r.project(), r.synthetic().rebuilt(parent)) : 0));
    int done = report.results().size();
    if (done % PROGRESS_EVERY == 0) {
      // The full replay runs for many minutes; say how far it got.
      System.out.printf(
          "replayed %d commits, %d disagreements%n", done, report.disagreements().size());
    }
  }

  /**
   * Walks all of a branch's history in the server's repository reading each commit's Change-Id, as
   * the plugin does when a prerequisite is not in the branch: the most an evaluation walks.
   */
  private long walkMillis(Project.NameKey project, ObjectId tip) throws Exception {
    long start = System.nanoTime();
    try (Repository repo = repoManager.openRepository(project);
        RevWalk rw = new RevWalk(repo)) {
      rw.setRetainBody(true);
      rw.markStart(rw.parseCommit(tip));
      for (RevCommit c : rw) {
        c.getFooterLines("Change-Id");
      }
    }
    return millisSince(start);
  }

  private int botVote(ChangeInfo detail) {
    LabelInfo label = detail.labels.get("Verified");
    if (label == null || label.all == null) {
      return 0;
    }
    for (ApprovalInfo a : label.all) {
      if (a._accountId == bot.get() && a.value != null) {
        return a.value;
      }
    }
    return 0;
  }

  private static Optional<String> lastBotComment(ChangeInfo detail) {
    String last = null;
    for (ChangeMessageInfo m : detail.messages) {
      if (TAG.equals(m.tag)) {
        last = m.message;
      }
    }
    return Optional.ofNullable(last);
  }

  /** Points a branch at a commit by direct push, creating it or moving it either way. */
  private void moveBranch(Replay r, String branch, int commit) throws Exception {
    if (Integer.valueOf(commit).equals(loaded.branches(r.name()).get(branch))) {
      return;
    }
    long start = System.nanoTime();
    push(r, "+" + r.synthetic().rebuilt(commit).name() + ":refs/heads/" + branch);
    if (!loading) {
      report.branchPush(millisSince(start));
    }
    loaded.branch(r.name(), branch, commit);
  }

  private static void push(Replay r, String refSpec) throws GitAPIException, PushRefusedException {
    push(r, List.of(new RefSpec(refSpec)));
  }

  private static void push(Replay r, List<RefSpec> refSpecs)
      throws GitAPIException, PushRefusedException {
    if (refSpecs.isEmpty()) {
      return;
    }
    for (PushResult result :
        r.repo().git().push().setRemote("origin").setRefSpecs(refSpecs).call()) {
      for (RemoteRefUpdate u : result.getRemoteUpdates()) {
        if (u.getStatus() != RemoteRefUpdate.Status.OK) {
          throw new PushRefusedException(
              u.getRemoteName()
                  + ": "
                  + u.getStatus()
                  + " "
                  + u.getMessage()
                  + " "
                  + result.getMessages());
        }
      }
    }
  }

  /** Gerrit did not take a push. */
  private static final class PushRefusedException extends Exception {
    private static final long serialVersionUID = 1L;

    PushRefusedException(String message) {
      super(message);
    }
  }

  private static long millisSince(long start) {
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String heap(String what) {
    System.gc();
    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    return String.format(
        "%s: %d MiB (the whole test JVM: Gerrit, its caches, the repositories)", what, used >> 20);
  }

  /**
   * Whether a class (or the class a nested or lambda class belongs to) is the plugin's, not a
   * test's.
   */
  private static boolean isPluginClass(String name) {
    int nested = name.indexOf('$');
    try {
      Class<?> c =
          Class.forName(
              nested < 0 ? name : name.substring(0, nested),
              false,
              ReplayTestBase.class.getClassLoader());
      return !c.getProtectionDomain()
          .getCodeSource()
          .getLocation()
          .getPath()
          .contains("test-classes");
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  /** The plugin's own objects alive on the heap, from the JVM's class histogram (after a GC). */
  private static String pluginObjects() throws Exception {
    String histogram =
        (String)
            ManagementFactory.getPlatformMBeanServer()
                .invoke(
                    new ObjectName("com.sun.management:type=DiagnosticCommand"),
                    "gcClassHistogram",
                    new Object[] {new String[0]},
                    new String[] {String[].class.getName()});
    long instances = 0;
    long bytes = 0;
    List<String[]> classes = new ArrayList<>();
    for (String line : histogram.lines().toList()) {
      String[] f = line.strip().split("\\s+");
      if (f.length < 4 || !f[3].startsWith(PLUGIN_PACKAGE)) {
        continue;
      }
      String name = f[3].substring(PLUGIN_PACKAGE.length());
      if (!isPluginClass(f[3])) {
        continue;
      }
      instances += Long.parseLong(f[1]);
      bytes += Long.parseLong(f[2]);
      classes.add(new String[] {name, f[1], f[2]});
    }
    // The histogram lists the classes with the most bytes first.
    String top =
        classes.stream()
            .limit(4)
            .map(c -> c[0] + " " + c[1] + " (" + c[2] + " bytes)")
            .collect(Collectors.joining(", "));
    return String.format(
        "plugin objects alive after the replay: %d instances of %d classes, %d bytes shallow;"
            + " the largest: %s",
        instances, classes.size(), bytes, top);
  }
}
