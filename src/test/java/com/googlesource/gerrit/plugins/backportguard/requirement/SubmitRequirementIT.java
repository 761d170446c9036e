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

package com.googlesource.gerrit.plugins.backportguard.requirement;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allow;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.block;
import static com.google.gerrit.server.group.SystemGroupBackend.ANONYMOUS_USERS;
import static com.google.gerrit.server.group.SystemGroupBackend.REGISTERED_USERS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gerrit.acceptance.TestMetricMaker;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.changes.ReviewInput;
import com.google.gerrit.extensions.client.ChangeStatus;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.common.SubmitRequirementInput;
import com.google.gerrit.extensions.common.SubmitRequirementResultInfo;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.extensions.restapi.ResourceConflictException;
import com.google.gerrit.json.OutputFormat;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport;
import java.util.concurrent.TimeUnit;
import org.junit.Before;
import org.junit.Test;

/**
 * {@code has:prerequisites-merged_backport-guard} in a submit requirement, on a real Gerrit:
 * checked fresh whenever Gerrit evaluates the requirement, whatever the plugin's vote says.
 */
public class SubmitRequirementIT extends BackportGuardTestBase {
  private static final String REQUIREMENT = "Prerequisites-Merged";
  private static final String OPERAND = "has:prerequisites-merged_backport-guard";

  @Inject private TestMetricMaker metrics;

  @Before
  public void requirePrerequisitesMerged() throws Exception {
    SubmitRequirementInput in = new SubmitRequirementInput();
    in.name = REQUIREMENT;
    in.description = "Backports need their prerequisites merged on their branch";
    in.submittabilityExpression = OPERAND;
    in.allowOverrideInChildProjects = false;
    gApi.projects().name(project.get()).submitRequirement(REQUIREMENT).create(in);
  }

  /** The requirement's result on the change, evaluated now, as the current API user sees it. */
  private SubmitRequirementResultInfo requirement(ChangeInfo c) throws Exception {
    ChangeInfo info = gApi.changes().id(c.id).get(ListChangesOption.SUBMIT_REQUIREMENTS);
    assertWithMessage("submit requirements of change %s", c._number)
        .that(info.submitRequirements)
        .isNotNull();
    return info.submitRequirements.stream()
        .filter(r -> r.name.equals(REQUIREMENT))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + REQUIREMENT + " on " + c._number));
  }

  private SubmitRequirementResultInfo.Status status(ChangeInfo c) throws Exception {
    return requirement(c).status;
  }

  /** Whether a search for submittable changes finds it (what the index stored). */
  private boolean submittable(ChangeInfo c) throws Exception {
    return !gApi.changes().query("is:submittable change:" + c._number).get().isEmpty();
  }

  private void approveAndSubmit(ChangeInfo c) throws Exception {
    awaitEvaluations();
    gApi.changes().id(c.id).current().review(ReviewInput.approve());
    gApi.changes().id(c.id).current().submit();
  }

  @Test
  public void unsatisfiedAndSubmitRefusedUntilThePrerequisiteLandsOnTheBranch() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    assertThat(status(backport)).isEqualTo(SubmitRequirementResultInfo.Status.UNSATISFIED);

    gApi.changes().id(backport.id).current().review(ReviewInput.approve());
    ResourceConflictException refused =
        assertThrows(
            ResourceConflictException.class,
            () -> gApi.changes().id(backport.id).current().submit());
    assertThat(refused).hasMessageThat().contains(REQUIREMENT);
    // Searches read what indexing stored, from the plugin's vote: no index query while indexing.
    assertThat(submittable(backport)).isFalse();

    merge(cherryPick(prerequisite));
    assertThat(status(backport)).isEqualTo(SubmitRequirementResultInfo.Status.SATISFIED);
    awaitEvaluations();
    assertThat(submittable(backport)).isTrue();
    gApi.changes().id(backport.id).current().submit();
    assertThat(gApi.changes().id(backport.id).get().status).isEqualTo(ChangeStatus.MERGED);
  }

  @Test
  public void checkedFreshEvenWhileThePluginsVoteLags() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    assertThat(vote(backport)).isEqualTo(-1);

    // The copy lands while the plugin's queue is held: its vote still says -1.
    java.util.concurrent.CountDownLatch release = holdQueue();
    try {
      ChangeInfo copy = cherryPick(prerequisite);
      gApi.changes().id(copy.id).current().review(ReviewInput.approve());
      gApi.changes().id(copy.id).current().submit();
      assertThat(vote(backport)).isEqualTo(-1);
      assertThat(status(backport)).isEqualTo(SubmitRequirementResultInfo.Status.SATISFIED);
    } finally {
      release.countDown();
    }
    awaitEvaluations();
  }

  @Test
  public void aChangeDeclaringNothingAndANonBackportSatisfyIt() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo declaresNothing = create(BRANCH, message("Fix a typo"));
    // On the default branch: not a backport, so its footer is not checked.
    ChangeInfo notABackport = create("master", message("Use it", "Depends-On: " + newChangeId()));
    awaitEvaluations();

    assertThat(status(declaresNothing)).isEqualTo(SubmitRequirementResultInfo.Status.SATISFIED);
    assertThat(status(notABackport)).isEqualTo(SubmitRequirementResultInfo.Status.SATISFIED);
    approveAndSubmit(declaresNothing);
    approveAndSubmit(notABackport);
    assertThat(gApi.changes().id(declaresNothing.id).get().status).isEqualTo(ChangeStatus.MERGED);
    assertThat(gApi.changes().id(notABackport.id).get().status).isEqualTo(ChangeStatus.MERGED);
  }

  @Test
  public void aPrerequisiteNotFoundKeepsItUnsatisfied() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport = backport(newChangeId());

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(status(backport)).isEqualTo(SubmitRequirementResultInfo.Status.UNSATISFIED);
  }

  /**
   * A prerequisite in a project only the admin (the backport's owner) can read: the plain user sees
   * exactly what the admin sees, pass or fail, and nothing that names it.
   */
  @Test
  public void theAnswerIsTheSameWhoeverAsksAndNamesNothing() throws Exception {
    Project.NameKey secret = projectOperations.newProject().create();
    projectOperations
        .project(secret)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(REGISTERED_USERS))
        .add(block(Permission.READ).ref("refs/*").group(ANONYMOUS_USERS))
        .add(allow(Permission.READ).ref("refs/*").group(adminGroupUuid()))
        .update();
    createBranch(project, BRANCH);
    ChangeInfo hidden = create(secret, "master", message("Secret subject xyzzy"));
    merge(hidden);
    ChangeInfo backport = backport(secret.get() + "~" + hidden._number);

    SubmitRequirementResultInfo asAdmin = requirement(backport);
    requestScopeOperations.setApiUser(user.id());
    SubmitRequirementResultInfo asUser = requirement(backport);
    requestScopeOperations.setApiUser(admin.id());

    assertThat(asAdmin.status).isEqualTo(SubmitRequirementResultInfo.Status.UNSATISFIED);
    assertThat(asUser.status).isEqualTo(asAdmin.status);
    assertThat(asUser.submittabilityExpressionResult.passingAtoms)
        .isEqualTo(asAdmin.submittabilityExpressionResult.passingAtoms);
    assertThat(asUser.submittabilityExpressionResult.failingAtoms).containsExactly(OPERAND);
    String shown = OutputFormat.JSON_COMPACT.newGson().toJson(asUser);
    assertThat(shown).doesNotContain(secret.get());
    assertThat(shown).doesNotContain("xyzzy");
    assertThat(shown).doesNotContain("~" + hidden._number);
    // Over REST, the whole change as the user reads it.
    String rest =
        userRestSession
            .get("/changes/" + backport._number + "?o=SUBMIT_REQUIREMENTS")
            .getEntityContent();
    assertThat(rest).contains(REQUIREMENT);
    assertThat(rest).doesNotContain(secret.get());
    assertThat(rest).doesNotContain("xyzzy");
  }

  @Test
  public void refusedInSearches() throws Exception {
    BadRequestException e =
        assertThrows(BadRequestException.class, () -> gApi.changes().query(OPERAND).get());
    assertThat(e).hasMessageThat().contains("cannot be used in queries");
  }

  /**
   * What one evaluation of the operand costs, against what the plugin's own check of the same
   * change costs: the same index queries (it is the same check), measured with the plugin's
   * metrics.
   */
  @Test
  public void costsWhatThePluginsOwnCheckCosts() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    EvaluationReport check =
        queue().submit(project, Change.id(backport._number)).get(60, TimeUnit.SECONDS);
    String prefix = "plugins/backport-guard/submit_requirement/";
    long evaluations = metrics.getCount(prefix + "evaluations", "unsatisfied");
    long queries = metrics.getCount(prefix + "index_queries");
    long nanos = metrics.getTimer(prefix + "latency");

    int rounds = 20;
    for (int i = 0; i < rounds; i++) {
      assertThat(status(backport)).isEqualTo(SubmitRequirementResultInfo.Status.UNSATISFIED);
    }

    long n = metrics.getCount(prefix + "evaluations", "unsatisfied") - evaluations;
    long q = metrics.getCount(prefix + "index_queries") - queries;
    double ms = (metrics.getTimer(prefix + "latency") - nanos) / 1e6;
    // One evaluation per read of the requirement: the tree walk's second match is remembered.
    assertThat(n).isEqualTo(rounds);
    assertThat(q).isEqualTo((long) rounds * check.indexQueries());
    System.out.printf(
        "has:prerequisites-merged: %d evaluations, %.1f index queries and %.2f ms each"
            + " (the plugin's own check: %d queries, %d ms)%n",
        n, (double) q / n, ms / n, check.indexQueries(), check.elapsed().toMillis());
  }
}
