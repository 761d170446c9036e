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

import com.google.common.collect.ImmutableSet;
import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.googlesource.gerrit.plugins.backportguard.recheck.DependentsFinder;
import com.googlesource.gerrit.plugins.backportguard.recheck.Subject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.apache.log4j.AppenderSkeleton;
import org.apache.log4j.spi.LoggingEvent;
import org.apache.lucene.search.IndexSearcher;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.After;
import org.junit.Test;

/**
 * Re-check lookups find exactly the changes whose declarations name what changed, within the
 * index's limits, however large or malformed the input.
 */
public class RecheckLookupsIT extends BackportGuardTestBase {
  /**
   * Gerrit's Lucene index sets Lucene's clause limit, a JVM-wide static, from index.maxTerms, and a
   * server started later without the setting keeps it: restore Lucene's default for the tests that
   * run after a small one.
   */
  @After
  public void restoreLuceneClauseLimit() {
    IndexSearcher.setMaxClauseCount(1024);
  }

  /** Pushes commits with these messages straight into {@link #BRANCH}, oldest first. */
  private void pushCommitsToBranch(List<String> messages) throws Exception {
    testRepo
        .git()
        .fetch()
        .setRefSpecs("refs/heads/" + BRANCH + ":refs/remotes/origin/" + BRANCH)
        .call();
    testRepo.reset("origin/" + BRANCH);
    for (String m : messages) {
      testRepo.branch("HEAD").commit().message(m).create();
    }
    testRepo.git().push().setRefSpecs(new RefSpec("HEAD:refs/heads/" + BRANCH)).call();
  }

  private ImmutableSet<Integer> dependentsOf(ChangeInfo c) {
    return plugin
        .getSysInjector()
        .getInstance(DependentsFinder.class)
        .openDependents(
            List.of(new Subject(Project.nameKey(c.project), Change.id(c._number), c.changeId)))
        .stream()
        .map(cd -> cd.getId().get())
        .collect(toImmutableSet());
  }

  @Test
  public void aLargePushReChecksOnlyTheChangesThatDeclareItsCommits() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo dependent = backport(prerequisite.changeId);
    ChangeInfo unrelated = backport(newChangeId());
    assertThat(vote(dependent)).isEqualTo(-1);
    assertThat(vote(unrelated)).isEqualTo(-1);
    // A re-check of the unrelated change would now flip it: it shows whether one happened.
    setProjectConfig(
        project, c -> c.setBoolean("plugin", "backport-guard", "blockOnNotFound", false));
    int unrelatedMessages = detail(unrelated).messages.size();

    List<String> commits = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      commits.add(message("Unrelated fix " + i));
    }
    commits.add(40, messageWithId("Add the helper", prerequisite.changeId));
    pushCommitsToBranch(commits);
    awaitEvaluations();

    assertWithMessage(lastComment(dependent)).that(vote(dependent)).isEqualTo(0);
    assertThat(vote(unrelated)).isEqualTo(-1);
    assertThat(detail(unrelated).messages).hasSize(unrelatedMessages);
  }

  /**
   * A commit pushed straight to the same branch of another project, where no change carries its
   * Change-Id, matters only to declarations that name that project: a bare Change-Id is then read
   * in the dependent's own project, so its dependent is not re-checked.
   */
  @Test
  public void anArrivalInAnotherProjectReChecksOnlyTheDeclarationsThatNameThatProject()
      throws Exception {
    createBranch(project, BRANCH);
    Project.NameKey other = projectOperations.newProject().create();
    createBranch(other, BRANCH);
    String id = newChangeId();
    ChangeInfo bare = backport(id);
    ChangeInfo named =
        create(BRANCH, message("Uses it", "Depends-On: " + other.get() + "~" + BRANCH + "~" + id));
    awaitEvaluations();
    assertThat(vote(bare)).isEqualTo(-1);
    assertThat(vote(named)).isEqualTo(-1);
    // A re-check of the bare one would now flip it: it shows whether one happened.
    setProjectConfig(
        project, c -> c.setBoolean("plugin", "backport-guard", "blockOnNotFound", false));
    int bareMessages = detail(bare).messages.size();

    TestRepository<InMemoryRepository> repo = cloneProject(other, admin);
    repo.git()
        .fetch()
        .setRefSpecs("refs/heads/" + BRANCH + ":refs/remotes/origin/" + BRANCH)
        .call();
    repo.reset("origin/" + BRANCH);
    repo.branch("HEAD").commit().message(messageWithId("Add it", id)).create();
    repo.git().push().setRefSpecs(new RefSpec("HEAD:refs/heads/" + BRANCH)).call();
    awaitEvaluations();

    assertWithMessage(lastComment(named)).that(vote(named)).isEqualTo(0);
    assertWithMessage(lastComment(bare)).that(vote(bare)).isEqualTo(-1);
    assertThat(detail(bare).messages).hasSize(bareMessages);
  }

  @Test
  public void malformedChangeIdsInAPushDoNotDropTheRestOfIt() throws Exception {
    ChangeInfo first = prerequisiteMergedAfterCut();
    ChangeInfo second = create("master", message("Add another helper"));
    merge(second);
    ChangeInfo firstDependent = backport(first.changeId);
    ChangeInfo secondDependent = backport(second.changeId);
    assertThat(vote(firstDependent)).isEqualTo(-1);
    assertThat(vote(secondDependent)).isEqualTo(-1);

    pushCommitsToBranch(
        List.of(
            "Empty Change-Id\n\nChange-Id:\n",
            "Garbage Change-Id\n\nChange-Id: not-a-change-id!\n",
            "Backport one\n\nChange-Id: " + first.changeId + "\n",
            "Huge Change-Id\n\nChange-Id: I" + "0123456789abcdef".repeat(4096) + "\n",
            "Two Change-Ids\n\nChange-Id: I12\nChange-Id: " + second.changeId + "\n"));
    awaitEvaluations();

    assertWithMessage(lastComment(firstDependent)).that(vote(firstDependent)).isEqualTo(0);
    assertWithMessage(lastComment(secondDependent)).that(vote(secondDependent)).isEqualTo(0);
  }

  @Test
  public void onlyDeclarationsThatNameTheChangeCount() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    String id = prerequisite.changeId;
    // The same Change-Id in another project: a change there is another prerequisite.
    Project.NameKey other = projectOperations.newProject().create();
    ChangeInfo copy = create(other, "master", messageWithId("Add the helper", id));

    List<Integer> real = new ArrayList<>();
    for (String ref :
        List.of(
            id,
            id.substring(0, 10),
            Integer.toString(prerequisite._number),
            project.get() + "~" + prerequisite._number,
            project.get() + "~master~" + id,
            link(prerequisite))) {
      real.add(create(BRANCH, message("Uses it", "Depends-On: " + ref))._number);
    }
    // Declarations that name the copy in the other project, not the prerequisite.
    create(BRANCH, message("Uses the copy", "Depends-On: " + copy._number));
    create(BRANCH, message("Uses the copy", "Depends-On: " + other.get() + "~master~" + id));
    // An attacker's changes that mention it in every other way.
    requestScopeOperations.setApiUser(user.id());
    create(
        BRANCH,
        "Mentions it\n\nThis depends on "
            + id
            + " and depends on "
            + prerequisite._number
            + ".\nDepends-On "
            + id
            + "\n\nSee-Also: "
            + id
            + "\nNot-Depends-On: "
            + prerequisite._number
            + "\nDepends-On: "
            + newChangeId()
            + "\nChange-Id: "
            + newChangeId()
            + "\n");
    create(
        BRANCH,
        message(
            "Names it below the footers",
            "Depends-On: " + newChangeId() + " " + id,
            "Depends-On: " + project.get() + "~" + (prerequisite._number + 1000)));
    requestScopeOperations.setApiUser(admin.id());
    awaitEvaluations();

    assertThat(dependentsOf(prerequisite)).containsExactlyElementsIn(real);
  }

  /** A prerequisite and many backports declaring it, in every form. */
  private List<ChangeInfo> manyDependents(ChangeInfo prerequisite, int count) throws Exception {
    List<String> forms =
        List.of(
            prerequisite.changeId,
            prerequisite.changeId.substring(0, 12),
            Integer.toString(prerequisite._number),
            project.get() + "~master~" + prerequisite.changeId);
    List<ChangeInfo> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      out.add(
          create(BRANCH, message("Dependent " + i, "Depends-On: " + forms.get(i % forms.size()))));
    }
    awaitEvaluations();
    return out;
  }

  private void assertAllPass(List<ChangeInfo> dependents) throws Exception {
    for (ChangeInfo c : dependents) {
      assertWithMessage("change %s: %s", c._number, lastComment(c)).that(vote(c)).isEqualTo(0);
    }
  }

  @Test
  @GerritConfig(name = "index.maxTerms", value = "30")
  public void lookupsStayWithinIndexMaxTerms() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    List<ChangeInfo> dependents = manyDependents(prerequisite, 12);

    merge(cherryPick(prerequisite));
    awaitEvaluations();

    assertAllPass(dependents);
  }

  @Test
  @GerritConfig(name = "index.maxLimit", value = "5")
  public void aLookupTheIndexCutsSaysSoAndEnds() throws Exception {
    List<String> warnings = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(new SimpleFormatter().formatMessage(r));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    AppenderSkeleton appender =
        new AppenderSkeleton() {
          @Override
          protected void append(LoggingEvent e) {
            if (e.getLevel().isGreaterOrEqual(org.apache.log4j.Level.WARN)) {
              warnings.add(e.getRenderedMessage());
            }
          }

          @Override
          public void close() {}

          @Override
          public boolean requiresLayout() {
            return false;
          }
        };
    // Flogger's backend is java.util.logging or log4j, whichever test touched it first.
    Logger jul = Logger.getLogger(DependentsFinder.class.getName());
    org.apache.log4j.Logger log4j = org.apache.log4j.Logger.getLogger(DependentsFinder.class);
    jul.addHandler(handler);
    log4j.addAppender(appender);
    try {
      ChangeInfo prerequisite = prerequisiteMergedAfterCut();
      List<ChangeInfo> dependents = manyDependents(prerequisite, 12);

      // The index serves at most 5 changes per query: the lookup cannot read them all.
      merge(cherryPick(prerequisite));
      awaitEvaluations();

      assertThat(warnings).isNotEmpty();
      assertThat(warnings.get(0)).contains("stopped after reading");
      assertThat(warnings.get(0)).contains("were not re-checked");
      assertThat(warnings.get(0)).contains("backport-guard check --project");
      int passing = 0;
      for (ChangeInfo c : dependents) {
        passing += vote(c) == 0 ? 1 : 0;
      }
      assertThat(passing).isAtLeast(4);
    } finally {
      jul.removeHandler(handler);
      log4j.removeAppender(appender);
    }
  }
}
