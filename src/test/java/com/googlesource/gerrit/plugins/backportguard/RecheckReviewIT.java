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

package com.googlesource.gerrit.plugins.backportguard;

import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allow;
import static com.google.gerrit.server.group.SystemGroupBackend.REGISTERED_USERS;

import com.google.common.collect.ImmutableSet;
import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.googlesource.gerrit.plugins.backportguard.recheck.DependentsFinder;
import com.googlesource.gerrit.plugins.backportguard.recheck.Subject;
import java.util.List;
import org.apache.lucene.search.IndexSearcher;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.junit.After;
import org.junit.Test;

/** Review probes: what a stranger can make the re-check lookups do. */
public class RecheckReviewIT extends BackportGuardTestBase {
  @After
  public void restoreLuceneClauseLimit() {
    IndexSearcher.setMaxClauseCount(1024);
  }

  private DependentsFinder finder() {
    return plugin.getSysInjector().getInstance(DependentsFinder.class);
  }

  private static Subject subject(ChangeInfo c) {
    return new Subject(Project.nameKey(c.project), Change.id(c._number), c.changeId);
  }

  private static ImmutableSet<Integer> numbers(List<?> changes) {
    return changes.stream()
        .map(
            o ->
                o instanceof Subject s
                    ? s.number().get()
                    : ((com.google.gerrit.server.query.change.ChangeData) o).getId().get())
        .collect(toImmutableSet());
  }

  /** The stranger's copies of a Change-Id, one per project of its own, newest of all. */
  private void squat(String changeId, int copies) throws Exception {
    requestScopeOperations.setApiUser(user.id());
    for (int i = 0; i < copies; i++) {
      Project.NameKey mine = projectOperations.newProject().create();
      create(mine, "master", messageWithId("Squat " + i, changeId));
    }
    requestScopeOperations.setApiUser(admin.id());
  }

  private static void pushed(Iterable<PushResult> results) {
    for (PushResult r : results) {
      for (RemoteRefUpdate u : r.getRemoteUpdates()) {
        assertWithMessage(u.getRemoteName() + " " + u.getMessage())
            .that(u.getStatus())
            .isEqualTo(RemoteRefUpdate.Status.OK);
      }
    }
  }

  /**
   * A stranger updates a branch of a sandbox project of its own with a commit carrying a Change-Id
   * that a backport in another project declares. The resolver reads directly pushed commits only on
   * the backport's own branch, so the backport cannot read differently: it must not be re-checked.
   * (The same push can carry up to 1,000 such Change-Ids, copied from any project's public history,
   * and be repeated at will by force-pushing back and forth.)
   */
  @Test
  public void aPushToAStrangersSandboxBranchReChecksNoBackport() throws Exception {
    createBranch(project, BRANCH);
    String declared = newChangeId();
    ChangeInfo victim = backport(declared);
    assertThat(vote(victim)).isEqualTo(-1);
    // A re-check would now flip it: it shows whether one happened.
    setProjectConfig(
        project, c -> c.setBoolean("plugin", "backport-guard", "blockOnNotFound", false));
    int messages = detail(victim).messages.size();

    Project.NameKey sandbox = projectOperations.newProject().create();
    projectOperations
        .project(sandbox)
        .forUpdate()
        .add(allow(Permission.CREATE).ref("refs/heads/sandbox/*").group(REGISTERED_USERS))
        .add(allow(Permission.PUSH).ref("refs/heads/sandbox/*").group(REGISTERED_USERS).force(true))
        .update();
    TestRepository<InMemoryRepository> repo = cloneProject(sandbox, user);
    repo.branch("HEAD")
        .commit()
        .author(user.newIdent())
        .committer(user.newIdent())
        .message("Start my sandbox")
        .create();
    pushed(repo.git().push().setRefSpecs(new RefSpec("HEAD:refs/heads/sandbox/user/x")).call());
    repo.branch("HEAD")
        .commit()
        .author(user.newIdent())
        .committer(user.newIdent())
        .message(messageWithId("Copied", declared))
        .create();
    pushed(repo.git().push().setRefSpecs(new RefSpec("HEAD:refs/heads/sandbox/user/x")).call());
    awaitEvaluations();

    assertWithMessage(lastComment(victim)).that(vote(victim)).isEqualTo(-1);
    assertThat(detail(victim).messages).hasSize(messages);
  }

  /**
   * A stranger's copies of a prerequisite's Change-Id in projects of its own play no part in whom
   * the lookup re-checks (only the carriers in the prerequisite's project are kept), yet they are
   * read first and spend the lookup's bound: the chain above the direct dependent is dropped. The
   * index's limit is lowered to 5 to model the 5,000-changes bound with 4 copies instead of 5,000.
   */
  @Test
  @GerritConfig(name = "index.maxLimit", value = "5")
  public void aStrangersCopiesOfAChangeIdDoNotCutTheLookup() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    ChangeInfo direct = create(BRANCH, message("Uses it", "Depends-On: " + prerequisite.changeId));
    ChangeInfo above = create(BRANCH, message("Uses that", "Depends-On: " + direct.changeId));
    awaitEvaluations();
    assertThat(numbers(finder().openDependents(List.of(subject(prerequisite)))))
        .containsExactly(direct._number, above._number);

    squat(prerequisite.changeId, 4);

    assertThat(numbers(finder().openDependents(List.of(subject(prerequisite)))))
        .containsExactly(direct._number, above._number);
  }

  /**
   * S2: a stranger's abandoned changes that declare the prerequisite, newer than its real
   * dependent, are read before it by a newest-first query and could use up the bound; open changes
   * (the ones re-checked) are read first.
   */
  @Test
  @GerritConfig(name = "index.maxLimit", value = "5")
  public void aStrangersAbandonedDeclarationsDoNotCrowdOutAnOpenDependent() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    ChangeInfo direct = create(BRANCH, message("Uses it", "Depends-On: " + prerequisite.changeId));
    awaitEvaluations();

    requestScopeOperations.setApiUser(user.id());
    Project.NameKey mine = projectOperations.newProject().create();
    for (int i = 0; i < 5; i++) {
      abandon(create(mine, "master", message("Junk " + i, "Depends-On: " + prerequisite.changeId)));
    }
    requestScopeOperations.setApiUser(admin.id());

    assertThat(numbers(finder().openDependents(List.of(subject(prerequisite)))))
        .containsExactly(direct._number);
  }
}
