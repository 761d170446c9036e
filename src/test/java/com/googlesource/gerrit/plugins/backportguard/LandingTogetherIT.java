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

import static com.google.common.truth.Truth.assertThat;

import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.changes.ReviewInput;
import com.google.gerrit.extensions.client.ChangeStatus;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.common.ChangeInput;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.junit.TestRepository;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.Test;

/**
 * Prerequisites that Gerrit submits together with the backport (open ancestors of its patch set,
 * its topic where whole topics are submitted) do not block it, unless something below them is
 * missing on the branch.
 */
public class LandingTogetherIT extends BackportGuardTestBase {
  private static final String ANCESTOR =
      "lands together with this change: it is an ancestor of this patch set";
  private static final String TOPIC =
      "lands together with this change: it is in the same topic, which this site submits whole";

  @Test
  public void chainOfTwoPushedAtOncePassesAndOneSubmitMergesBoth() throws Exception {
    createBranch(project, BRANCH);
    String y = newChangeId();
    List<ChangeInfo> chain =
        push(
            project,
            null,
            messageWithId("Prerequisite", y),
            message("Backport", "Depends-On: " + y));
    ChangeInfo top = chain.get(1);

    assertThat(vote(top)).isEqualTo(0);
    assertThat(lastComment(top)).contains("OK: the backport change " + chain.get(0)._number);
    assertThat(lastComment(top)).contains(ANCESTOR);
    assertThat(lastComment(top))
        .contains("Backport check: the prerequisite lands on wmf/1.0 together with this change.");

    submitAll(chain, top);
    assertThat(status(chain.get(0))).isEqualTo(ChangeStatus.MERGED);
    assertThat(status(top)).isEqualTo(ChangeStatus.MERGED);
    assertThat(vote(top)).isEqualTo(0);
  }

  @Test
  public void chainOfThreePushedAtOncePassesAndOneSubmitMergesAll() throws Exception {
    createBranch(project, BRANCH);
    List<ChangeInfo> chain = pushChainOfThree();
    ChangeInfo top = chain.get(2);

    assertThat(vote(chain.get(1))).isEqualTo(0);
    assertThat(vote(top)).isEqualTo(0);
    assertThat(lastComment(top)).contains(ANCESTOR);
    assertThat(lastComment(top)).doesNotContain("Chain:");

    submitAll(chain, top);
    for (ChangeInfo c : chain) {
      assertThat(status(c)).isEqualTo(ChangeStatus.MERGED);
    }
    assertThat(vote(top)).isEqualTo(0);
    assertThat(vote(chain.get(1))).isEqualTo(0);
  }

  @Test
  public void abandoningTheMiddleOfAChainBlocksTheTop() throws Exception {
    createBranch(project, BRANCH);
    List<ChangeInfo> chain = pushChainOfThree();
    ChangeInfo top = chain.get(2);
    assertThat(vote(top)).isEqualTo(0);

    abandon(chain.get(1));
    awaitEvaluations();
    assertThat(vote(top)).isEqualTo(-1);
    assertThat(lastComment(top))
        .contains(
            "MISSING: the backport change " + chain.get(1)._number + " on wmf/1.0 was abandoned");
  }

  @Test
  public void anAncestorWhosePrerequisiteIsMissingBlocksAndNamesIt() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo base = create("master", message("Library API"));
    merge(base);
    String y = newChangeId();
    List<ChangeInfo> chain =
        push(
            project,
            null,
            messageWithId("Use the API", y, "Depends-On: " + base.changeId),
            message("Backport", "Depends-On: " + y));
    ChangeInfo top = chain.get(1);

    assertThat(vote(top)).isEqualTo(-1);
    String comment = lastComment(top);
    assertThat(comment)
        .contains("MISSING: the backport change " + chain.get(0)._number + " is open on wmf/1.0");
    assertThat(comment).doesNotContain(ANCESTOR);
    assertThat(comment)
        .contains(
            "1. change "
                + base._number
                + " (needed by change "
                + chain.get(0)._number
                + "): merged on master, not cherry-picked onto wmf/1.0");

    // The missing one lands: the whole chain now lands together.
    merge(cherryPick(base));
    awaitEvaluations();
    assertThat(vote(top)).isEqualTo(0);
    assertThat(lastComment(top)).contains(ANCESTOR);
  }

  @Test
  @GerritConfig(name = "change.submitWholeTopic", value = "true")
  public void topicAcrossTwoProjectsPassesWhereWholeTopicsAreSubmitted() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    String topic = name("together");
    String y = newChangeId();
    ChangeInfo prerequisite = push(lib, topic, messageWithId("Library part", y)).get(0);
    ChangeInfo backport = push(project, topic, message("App part", "Depends-On: " + y)).get(0);

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(lastComment(backport)).contains(TOPIC);

    submitAll(List.of(prerequisite, backport), backport);
    assertThat(status(prerequisite)).isEqualTo(ChangeStatus.MERGED);
    assertThat(status(backport)).isEqualTo(ChangeStatus.MERGED);
    assertThat(vote(backport)).isEqualTo(0);
  }

  @Test
  public void theSameTopicBlocksWhereTopicsAreNotSubmittedWhole() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    String topic = name("together");
    String y = newChangeId();
    ChangeInfo prerequisite = push(lib, topic, messageWithId("Library part", y)).get(0);
    ChangeInfo backport = push(project, topic, message("App part", "Depends-On: " + y)).get(0);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport))
        .contains(
            "MISSING: the backport change "
                + prerequisite._number
                + " in "
                + lib.get()
                + " is open on wmf/1.0");
  }

  @Test
  @GerritConfig(name = "change.submitWholeTopic", value = "true")
  public void aPrerequisiteLeavingTheTopicBlocksAgain() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(project, BRANCH);
    String topic = name("together");
    String y = newChangeId();
    ChangeInfo prerequisite = push(lib, topic, messageWithId("Library part", y)).get(0);
    ChangeInfo backport = push(project, topic, message("App part", "Depends-On: " + y)).get(0);
    assertThat(vote(backport)).isEqualTo(0);

    awaitEvaluations();
    gApi.changes().id(prerequisite.id).topic("");
    awaitEvaluations();
    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport)).contains("is open on wmf/1.0");

    // And back into the topic: it lands together again.
    gApi.changes().id(prerequisite.id).topic(topic);
    awaitEvaluations();
    assertThat(vote(backport)).isEqualTo(0);
  }

  @Test
  @GerritConfig(name = "change.submitWholeTopic", value = "true")
  public void aStrangersCopyInTheTopicDoesNotLandThePrerequisite() throws Exception {
    Project.NameKey lib = projectOperations.newProject().create();
    Project.NameKey sandbox = projectOperations.newProject().create();
    createBranch(lib, BRANCH);
    createBranch(sandbox, BRANCH);
    createBranch(project, BRANCH);
    ChangeInfo original = create(lib, "master", message("Library part"));
    merge(original);
    String topic = name("together");
    ChangeInfo backport =
        push(project, topic, message("App part", "Depends-On: " + original.changeId)).get(0);
    assertThat(vote(backport)).isEqualTo(-1);

    // The stranger's copy with the same Change-Id, on the branch, in the backport's topic.
    requestScopeOperations.setApiUser(user.id());
    ChangeInput in =
        new ChangeInput(sandbox.get(), BRANCH, messageWithId("Squat", original.changeId));
    in.topic = topic;
    gApi.changes().create(in);
    requestScopeOperations.setApiUser(admin.id());
    awaitEvaluations();

    assertThat(vote(backport)).isEqualTo(-1);
    String comment = lastComment(backport);
    assertThat(comment).contains("merged on master but was never cherry-picked onto wmf/1.0");
    assertThat(comment).doesNotContain("lands together");
    assertThat(comment).doesNotContain(sandbox.get());
  }

  /** Pushes the commits as one chain onto {@link #BRANCH}, in order; returns their changes. */
  private List<ChangeInfo> push(Project.NameKey p, String topic, String... messages)
      throws Exception {
    TestRepository<InMemoryRepository> repo = cloneProject(p, admin);
    repo.git()
        .fetch()
        .setRefSpecs("refs/heads/" + BRANCH + ":refs/remotes/origin/" + BRANCH)
        .call();
    repo.reset("origin/" + BRANCH);
    for (String m : messages) {
      repo.branch("HEAD").commit().message(m).create();
    }
    repo.git()
        .push()
        .setRefSpecs(
            new RefSpec("HEAD:refs/for/" + BRANCH + (topic == null ? "" : "%topic=" + topic)))
        .call();
    awaitEvaluations();
    List<ChangeInfo> out = new ArrayList<>();
    for (String m : messages) {
      String id = m.substring(m.lastIndexOf("Change-Id: ") + 11).strip();
      out.add(gApi.changes().id(p.get(), BRANCH, id).get());
    }
    return out;
  }

  /** Approves every change, then submits one. */
  private void submitAll(List<ChangeInfo> changes, ChangeInfo submit) throws Exception {
    awaitEvaluations();
    for (ChangeInfo c : changes) {
      gApi.changes().id(c.id).current().review(ReviewInput.approve());
    }
    gApi.changes().id(submit.id).current().submit();
    awaitEvaluations();
  }

  private ChangeStatus status(ChangeInfo c) throws Exception {
    return gApi.changes().id(c.id).get().status;
  }

  /** Base, Middle declaring Base, Top declaring Middle: one push of three stacked changes. */
  private List<ChangeInfo> pushChainOfThree() throws Exception {
    String z = newChangeId();
    String y = newChangeId();
    return push(
        project,
        null,
        messageWithId("Base", z),
        messageWithId("Middle", y, "Depends-On: " + z),
        message("Top", "Depends-On: " + y));
  }
}
