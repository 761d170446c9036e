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

import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allowLabel;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.gerrit.acceptance.LightweightPluginDaemonTest;
import com.google.gerrit.acceptance.TestPlugin;
import com.google.gerrit.acceptance.testsuite.account.AccountOperations;
import com.google.gerrit.acceptance.testsuite.group.GroupOperations;
import com.google.gerrit.acceptance.testsuite.project.ProjectOperations;
import com.google.gerrit.acceptance.testsuite.request.RequestScopeOperations;
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.AccountGroup;
import com.google.gerrit.entities.BranchNameKey;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.changes.CherryPickInput;
import com.google.gerrit.extensions.api.changes.ReviewInput;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.common.ApprovalInfo;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.common.ChangeInput;
import com.google.gerrit.extensions.common.ChangeMessageInfo;
import com.google.gerrit.extensions.common.LabelDefinitionInput;
import com.google.gerrit.extensions.common.LabelInfo;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.testing.ConfigSuite;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue;
import com.googlesource.gerrit.plugins.backportguard.evaluate.VotePoster;
import com.googlesource.gerrit.plugins.backportguard.recheck.RecheckScheduler;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.Before;

/**
 * Runs the plugin in a real in-process Gerrit, configured as a site admin would: a service account
 * in a group that may vote on {@code Verified}, defined in All-Projects.
 */
@TestPlugin(
    name = "backport-guard",
    sysModule = "com.googlesource.gerrit.plugins.backportguard.PluginModule")
public abstract class BackportGuardTestBase extends LightweightPluginDaemonTest {
  protected static final String BOT = "backport-guard";
  protected static final String BRANCH = "wmf/1.0";
  private static final SecureRandom RANDOM = new SecureRandom();

  @Inject protected ProjectOperations projectOperations;
  @Inject protected AccountOperations accountOperations;
  @Inject protected GroupOperations groupOperations;
  @Inject protected RequestScopeOperations requestScopeOperations;

  protected Account.Id bot;
  protected AccountGroup.UUID bots;

  @ConfigSuite.Default
  public static Config defaultConfig() {
    Config cfg = new Config();
    cfg.setString("plugin", "backport-guard", "account", BOT);
    // Lucene, as on a real server: re-checks find dependents through its full-text search.
    cfg.setString("index", null, "type", "lucene");
    // A sweep would re-check earlier tests' changes at a random point of a later test.
    cfg.setBoolean("plugin", "backport-guard", "sweepOnStart", false);
    return cfg;
  }

  @Before
  public void setUpSite() throws Exception {
    bot = accountOperations.newAccount().username(BOT).fullname("Backport Guard").create();
    bots = groupOperations.newGroup().name(name("bots")).addMember(bot).create();
    defineLabel(allProjects, "Verified");
    allowVote("Verified", bots, -1, 1);
    allowVote("Verified", adminGroupUuid(), -1, 1);
  }

  protected void defineLabel(Project.NameKey project, String label) throws Exception {
    LabelDefinitionInput in = new LabelDefinitionInput();
    in.function = "NoBlock";
    in.values = ImmutableMap.of("-1", "Fails", " 0", "No score", "+1", "Verified");
    gApi.projects().name(project.get()).label(label).create(in).get();
  }

  protected void allowVote(String label, AccountGroup.UUID group, int min, int max) {
    projectOperations
        .allProjectsForUpdate()
        .add(allowLabel(label).ref("refs/heads/*").group(group).range(min, max))
        .update();
  }

  /** Sets keys of the plugin's section in a project's project.config. */
  protected void setProjectConfig(Project.NameKey p, Consumer<Config> settings) throws Exception {
    Config raw = new Config();
    settings.accept(raw);
    try (ProjectConfigUpdate u = updateProject(p)) {
      u.getConfig()
          .updatePluginConfig(
              "backport-guard",
              c -> {
                for (String name : raw.getNames("plugin", "backport-guard")) {
                  c.setStringList(
                      name, List.of(raw.getStringList("plugin", "backport-guard", name)));
                }
              });
      u.save();
    }
  }

  protected static String newChangeId() {
    byte[] b = new byte[20];
    RANDOM.nextBytes(b);
    return "I" + HexFormat.of().formatHex(b);
  }

  /** A commit message with the given footers and a fresh Change-Id. */
  protected static String message(String subject, String... footers) {
    return messageWithId(subject, newChangeId(), footers);
  }

  /** A commit message with the given footers and Change-Id. */
  protected static String messageWithId(String subject, String changeId, String... footers) {
    StringBuilder m = new StringBuilder(subject).append("\n\nBody.\n\n");
    for (String f : footers) {
      m.append(f).append('\n');
    }
    return m.append("Change-Id: ").append(changeId).append('\n').toString();
  }

  protected ChangeInfo create(Project.NameKey p, String branch, String message) throws Exception {
    ChangeInput in = new ChangeInput(p.get(), branch, message);
    return gApi.changes().create(in).get();
  }

  protected ChangeInfo create(String branch, String message) throws Exception {
    return create(project, branch, message);
  }

  protected void createBranch(Project.NameKey p, String branch) throws Exception {
    createBranch(BranchNameKey.create(p, branch));
  }

  /** Approves and submits a change once the plugin is done with it. */
  protected void merge(ChangeInfo c) throws Exception {
    awaitEvaluations();
    gApi.changes().id(c.id).current().review(ReviewInput.approve());
    gApi.changes().id(c.id).current().submit();
  }

  /** Cuts {@link #BRANCH} from master, then merges a prerequisite on master. */
  protected ChangeInfo prerequisiteMergedAfterCut() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = create("master", message("Add the helper"));
    merge(prerequisite);
    return prerequisite;
  }

  /** Pushes a commit straight into {@link #BRANCH}, without review. */
  protected void pushToBranch(String message) throws Exception {
    testRepo
        .git()
        .fetch()
        .setRefSpecs("refs/heads/" + BRANCH + ":refs/remotes/origin/" + BRANCH)
        .call();
    testRepo.reset("origin/" + BRANCH);
    testRepo.branch("HEAD").commit().message(message).create();
    testRepo.git().push().setRefSpecs(new RefSpec("HEAD:refs/heads/" + BRANCH)).call();
  }

  /** A backport on {@link #BRANCH} declaring one dependency, once the plugin has checked it. */
  protected ChangeInfo backport(String dependsOn) throws Exception {
    ChangeInfo backport = create(BRANCH, message("Use the helper", "Depends-On: " + dependsOn));
    awaitEvaluations();
    return backport;
  }

  /** Cherry-picks a change onto {@link #BRANCH} in Gerrit, keeping its commit message. */
  protected ChangeInfo cherryPick(ChangeInfo c) throws Exception {
    return cherryPickTo(c, BRANCH);
  }

  /** Cherry-picks a change onto a branch in Gerrit, keeping its commit message. */
  protected ChangeInfo cherryPickTo(ChangeInfo c, String branch) throws Exception {
    CherryPickInput in = new CherryPickInput();
    in.destination = branch;
    in.allowEmpty = true;
    in.message = gApi.changes().id(c.id).current().commit(false).message;
    return gApi.changes().id(c.id).current().cherryPick(in).get();
  }

  /** An update by the test user. */
  protected interface Update {
    void run() throws Exception;
  }

  /**
   * Runs an update of a change the plugin may be posting on at the same moment. Over REST Gerrit
   * retries such a lock failure for the user; the Java API used here does not, so the test does.
   */
  protected static void racingThePlugin(Update update) throws Exception {
    for (int attempt = 1; ; attempt++) {
      try {
        update.run();
        return;
      } catch (RestApiException e) {
        if (attempt == 10 || !EvaluationQueue.isTransient(e)) {
          throw e;
        }
        Thread.sleep(50L * attempt);
      }
    }
  }

  /** Abandons a change once the plugin is done with it, as its own update would race the user's. */
  protected void abandon(ChangeInfo c) throws Exception {
    awaitEvaluations();
    gApi.changes().id(c.id).abandon();
  }

  protected EvaluationQueue queue() {
    return plugin.getSysInjector().getInstance(EvaluationQueue.class);
  }

  protected RecheckScheduler rechecks() {
    return plugin.getSysInjector().getInstance(RecheckScheduler.class);
  }

  /** Waits until the re-check lookups and the evaluations they queued have all finished. */
  protected void awaitEvaluations() throws Exception {
    do {
      assertWithMessage("re-check lookups finished in time")
          .that(rechecks().awaitIdle(Duration.ofSeconds(60)))
          .isTrue();
      assertWithMessage("evaluations finished in time")
          .that(queue().awaitIdle(Duration.ofSeconds(60)))
          .isTrue();
    } while (rechecks().size() > 0 || queue().size() > 0);
  }

  protected ChangeInfo detail(ChangeInfo c) throws Exception {
    return gApi.changes()
        .id(c.id)
        .get(
            ListChangesOption.DETAILED_LABELS,
            ListChangesOption.MESSAGES,
            ListChangesOption.CURRENT_REVISION);
  }

  /** The plugin's vote on the label on the current patch set; 0 when it has none. */
  protected int vote(ChangeInfo c, String label) throws Exception {
    LabelInfo info = detail(c).labels.get(label);
    assertWithMessage("label %s on change %s", label, c._number).that(info).isNotNull();
    if (info.all == null) {
      return 0;
    }
    for (ApprovalInfo a : info.all) {
      if (a._accountId == bot.get() && a.value != null) {
        return a.value;
      }
    }
    return 0;
  }

  protected int vote(ChangeInfo c) throws Exception {
    return vote(c, "Verified");
  }

  /** The plugin's comments, oldest first. */
  protected ImmutableList<String> comments(ChangeInfo c) throws Exception {
    ImmutableList.Builder<String> out = ImmutableList.builder();
    for (ChangeMessageInfo m : detail(c).messages) {
      if (VotePoster.TAG.equals(m.tag) && m.message.contains("Backport check: ")) {
        out.add(m.message);
      }
    }
    return out.build();
  }

  protected String lastComment(ChangeInfo c) throws Exception {
    ImmutableList<String> all = comments(c);
    assertWithMessage("comments by the plugin on change %s", c._number).that(all).isNotEmpty();
    return all.get(all.size() - 1);
  }

  protected String link(ChangeInfo c) {
    return canonicalWebUrl.get() + "c/" + c.project + "/+/" + c._number;
  }
}
