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

package com.googlesource.gerrit.plugins.backportguard.check;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.allowCapability;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.block;
import static com.google.gerrit.server.group.SystemGroupBackend.REGISTERED_USERS;

import com.google.common.base.Splitter;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.Streams;
import com.google.gerrit.acceptance.SshSession;
import com.google.gerrit.common.data.GlobalCapability;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/** {@code backport-guard check} over SSH: what it selects, what it prints, who may run it. */
public class CheckCommandIT extends CheckTestBase {
  private static final Pattern SUMMARY =
      Pattern.compile(
          "checked (\\d+) changes?: (\\d+) updated, (\\d+) unchanged, (\\d+) skipped,"
              + " (\\d+) not posted, (\\d+) failed, (\\d+) unfinished;"
              + " \\d+ index quer(y|ies), \\d+\\.\\d s");

  private String check(SshSession session, String args) throws Exception {
    String out = session.exec("backport-guard check " + args);
    session.assertSuccess();
    return out;
  }

  private String check(String args) throws Exception {
    return check(adminSshSession, args);
  }

  private static final Pattern COST =
      Pattern.compile(" \\(\\d+ index quer(y|ies), \\d+ git objects? read, \\d+ ms\\)$");

  /** The output's lines, each without the cost of its check (asserted in its own test). */
  private static ImmutableList<String> lines(String out) {
    return Streams.stream(Splitter.on('\n').omitEmptyStrings().split(out))
        .map(l -> COST.matcher(l).replaceFirst(""))
        .collect(ImmutableList.toImmutableList());
  }

  private static String line(ChangeInfo c, String what) {
    return c.project + " " + c._number + ": " + what;
  }

  /** The change lines of the output, and a check that the summary line below them counts them. */
  private static ImmutableList<String> changeLines(String out, String expectedCounts) {
    ImmutableList<String> all = lines(out);
    String summary = all.get(all.size() - 1);
    assertThat(summary).matches(SUMMARY.pattern());
    assertThat(summary).startsWith("checked " + expectedCounts + ";");
    return all.subList(0, all.size() - 1);
  }

  private void grantCheckCapability() {
    projectOperations
        .allProjectsForUpdate()
        .add(
            allowCapability("backport-guard-" + CheckBackportsCapability.NAME)
                .group(REGISTERED_USERS))
        .update();
  }

  @Test
  public void checkingOneChangeBringsItsStaleVoteUpToDate() throws Exception {
    ChangeInfo backport = staleBackport();

    String out = check(Integer.toString(backport._number));

    // Each line ends with what the check cost: a resolved dependency takes index queries.
    Matcher cost = COST.matcher(Splitter.on('\n').splitToList(out).get(0));
    assertThat(cost.find()).isTrue();
    assertThat(cost.group()).doesNotContain("(0 index");
    assertThat(cost.group()).doesNotContain(" 0 git objects");
    assertThat(
            changeLines(
                out,
                "1 change: 1 updated, 0 unchanged, 0 skipped, 0 not posted, 0 failed,"
                    + " 0 unfinished"))
        .containsExactly(line(backport, "vote -1 -> 0, new comment"));
    assertThat(vote(backport)).isEqualTo(0);
    assertThat(lastComment(backport))
        .contains("Backport check: the prerequisite is merged on wmf/1.0.");

    out = check("--change " + project.get() + "~" + backport._number);

    assertThat(
            changeLines(
                out,
                "1 change: 0 updated, 1 unchanged, 0 skipped, 0 not posted, 0 failed,"
                    + " 0 unfinished"))
        .containsExactly(line(backport, "unchanged, vote 0"));
    assertThat(comments(backport)).hasSize(2);
  }

  @Test
  public void aChangeNamedSeveralWaysIsCheckedOnce() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo first = backport(newChangeId());
    ChangeInfo second = backport(newChangeId());

    String out =
        check(
            second._number
                + " --change "
                + project.get()
                + "~"
                + second._number
                + " -c "
                + first.changeId);

    assertThat(
            changeLines(
                out,
                "2 changes: 0 updated, 2 unchanged, 0 skipped, 0 not posted, 0 failed,"
                    + " 0 unfinished"))
        .containsExactly(line(second, "unchanged, vote -1"), line(first, "unchanged, vote -1"))
        .inOrder();
  }

  @Test
  public void checkingAProjectChecksEachOfItsOpenChanges() throws Exception {
    ChangeInfo backport = staleBackport();
    ChangeInfo onMaster = create("master", message("Unrelated"));
    ChangeInfo plain = create(BRANCH, message("A plain backport"));
    ChangeInfo abandoned = create(BRANCH, message("Dropped", "Depends-On: " + newChangeId()));
    abandon(abandoned);
    Project.NameKey other = projectOperations.newProject().create();
    createBranch(other, BRANCH);
    create(other, BRANCH, message("Elsewhere", "Depends-On: " + newChangeId()));
    awaitEvaluations();

    String out = check("--project " + project.get());

    assertThat(
            changeLines(
                out,
                "3 changes: 1 updated, 0 unchanged, 2 skipped, 0 not posted, 0 failed,"
                    + " 0 unfinished"))
        .containsExactly(
            line(backport, "vote -1 -> 0, new comment"),
            line(onMaster, "skipped (not a backport)"),
            line(plain, "skipped (declares no dependency)"))
        .inOrder();
  }

  @Test
  public void checkingABranchChecksOnlyItsOpenChanges() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport = backport(newChangeId());
    create("master", message("Unrelated", "Depends-On: " + newChangeId()));
    ChangeInfo plain = create(BRANCH, message("A plain backport"));
    awaitEvaluations();

    String out = check("--project " + project.get() + " --branch " + BRANCH);

    assertThat(
            changeLines(
                out,
                "2 changes: 0 updated, 1 unchanged, 1 skipped, 0 not posted, 0 failed,"
                    + " 0 unfinished"))
        .containsExactly(
            line(backport, "unchanged, vote -1"), line(plain, "skipped (declares no dependency)"))
        .inOrder();
  }

  @Test
  public void checkingAllChecksWhatMentionsDependsOnOrWhatThePluginSpokeOn() throws Exception {
    ChangeInfo stale = staleBackport();
    ChangeInfo notABackport = create("master", message("Use it", "Depends-On: " + newChangeId()));
    create("master", message("Unrelated"));
    ChangeInfo spokenOn = create(BRANCH, message("Use it", "Depends-On: " + newChangeId()));
    awaitEvaluations();
    gApi.changes()
        .id(spokenOn.id)
        .setMessage("Stand-alone now\n\nChange-Id: " + spokenOn.changeId + "\n");
    Project.NameKey other = projectOperations.newProject().create();
    createBranch(other, BRANCH);
    ChangeInfo elsewhere = create(other, BRANCH, message("Use it", "Depends-on: " + newChangeId()));
    awaitEvaluations();

    ImmutableList<String> all = lines(check("--all"));

    // Earlier tests' changes may be on the server too: look at this test's projects only.
    ImmutableList<String> mine =
        all.stream()
            .filter(l -> l.startsWith(project.get() + " ") || l.startsWith(other.get() + " "))
            .collect(ImmutableList.toImmutableList());
    assertThat(mine)
        .containsExactly(
            line(stale, "vote -1 -> 0, new comment"),
            line(notABackport, "skipped (not a backport)"),
            line(spokenOn, "unchanged, vote 0"),
            line(elsewhere, "unchanged, vote -1"));
    assertSummaryCounts(all);
  }

  /** The summary's counts are those of the lines above it. */
  private static void assertSummaryCounts(List<String> all) {
    List<String> changes = all.subList(0, all.size() - 1);
    Matcher m = SUMMARY.matcher(all.get(all.size() - 1));
    assertWithMessage("summary line").that(m.matches()).isTrue();
    assertThat(Integer.parseInt(m.group(1))).isEqualTo(changes.size());
    assertThat(Integer.parseInt(m.group(2))).isEqualTo(count(changes, ": vote "));
    assertThat(Integer.parseInt(m.group(3))).isEqualTo(count(changes, ": unchanged, "));
    assertThat(Integer.parseInt(m.group(4))).isEqualTo(count(changes, ": skipped ("));
    assertThat(Integer.parseInt(m.group(5))).isEqualTo(count(changes, ": not posted ("));
  }

  private static int count(List<String> lines, String marker) {
    return (int) lines.stream().filter(l -> l.contains(marker)).count();
  }

  @Test
  public void usersNeedTheCapabilityAdministratorsDoNot() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport = backport(newChangeId());
    String command = "backport-guard check " + backport._number;

    userSshSession.exec(command);
    userSshSession.assertFailure("checkBackports for plugin backport-guard not permitted");
    assertThat(userSshSession.execAndReturnStatus(command)).isNotEqualTo(0);
    assertThat(lines(check(Integer.toString(backport._number))))
        .contains(line(backport, "unchanged, vote -1"));

    grantCheckCapability();

    assertThat(lines(check(userSshSession, Integer.toString(backport._number))))
        .contains(line(backport, "unchanged, vote -1"));
  }

  @Test
  public void theCallerChecksOnlyWhatTheyCanSee() throws Exception {
    grantCheckCapability();
    createBranch(project, BRANCH);
    ChangeInfo visible = backport(newChangeId());
    Project.NameKey hidden = projectOperations.newProject().create();
    createBranch(hidden, BRANCH);
    ChangeInfo secret = create(hidden, BRANCH, message("Secret", "Depends-On: " + newChangeId()));
    awaitEvaluations();
    projectOperations
        .project(hidden)
        .forUpdate()
        .add(block(Permission.READ).ref("refs/*").group(REGISTERED_USERS))
        .update();

    userSshSession.exec("backport-guard check " + secret._number);
    userSshSession.assertFailure("fatal: change \"" + secret._number + "\" not found");
    userSshSession.exec("backport-guard check --project " + hidden.get());
    userSshSession.assertFailure("fatal: project \"" + hidden.get() + "\" not found");
    ImmutableList<String> all = lines(check(userSshSession, "--all"));
    assertThat(all).contains(line(visible, "unchanged, vote -1"));
    assertThat(all.stream().filter(l -> l.startsWith(hidden.get() + " "))).isEmpty();
  }

  @Test
  public void pagesPastTheCallersQueryLimit() throws Exception {
    grantCheckCapability();
    projectOperations
        .allProjectsForUpdate()
        .add(allowCapability(GlobalCapability.QUERY_LIMIT).group(REGISTERED_USERS).range(0, 2))
        .update();
    for (int i = 0; i < 5; i++) {
      create("master", message("Change " + i));
    }
    awaitEvaluations();
    requestScopeOperations.setApiUser(user.id());
    assertWithMessage("changes one query returns to the user")
        .that(gApi.changes().query("project:" + project.get()).get())
        .hasSize(2);

    String out = check(userSshSession, "--project " + project.get());

    assertThat(
            changeLines(
                out,
                "5 changes: 0 updated, 0 unchanged, 5 skipped, 0 not posted, 0 failed,"
                    + " 0 unfinished"))
        .hasSize(5);
  }

  private void assertError(String args, String message) throws Exception {
    String command = "backport-guard check " + args;
    adminSshSession.exec(command);
    adminSshSession.assertFailure(message);
    assertWithMessage("exit status of %s", command)
        .that(adminSshSession.execAndReturnStatus(command))
        .isEqualTo(1);
  }

  @Test
  public void badInputGetsAClearError() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    merge(cherryPick(prerequisite));
    String p = project.get();

    assertError(
        "", "fatal: say what to check: CHANGE, --project PROJECT [--branch BRANCH] or --all");
    assertError("999999", "fatal: change \"999999\" not found");
    assertError(
        prerequisite.changeId,
        "fatal: change \""
            + prerequisite.changeId
            + "\" matches several changes; name one as project~number");
    assertError("--project nope", "fatal: project \"nope\" not found");
    assertError(
        "--project " + p + " --branch nope",
        "fatal: branch \"nope\" not found in project \"" + p + "\"");
    assertError("--branch " + BRANCH, "fatal: --branch needs --project");
    assertError("--all --project " + p, "fatal: give only one of CHANGE, --project and --all");
    assertError(prerequisite._number + " --all", "fatal: give only one of");
    assertError("--all --timeout 0", "fatal: --timeout must be at least 1 second");
  }
}
