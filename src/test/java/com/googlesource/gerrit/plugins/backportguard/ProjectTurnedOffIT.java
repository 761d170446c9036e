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

import com.google.gerrit.entities.Change;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport;
import com.googlesource.gerrit.plugins.backportguard.evaluate.LogCapture;
import com.googlesource.gerrit.plugins.backportguard.evaluate.MisconfigurationLog;
import org.junit.Test;

/**
 * A project whose check is turned off, or whose settings become invalid, does not keep the plugin's
 * stale vote: the next evaluation of a change that carries it takes the vote back and says why,
 * once.
 */
public class ProjectTurnedOffIT extends BackportGuardTestBase {
  private ChangeInfo blockedBackport() throws Exception {
    ChangeInfo backport = backport(prerequisiteMergedAfterCut().changeId);
    assertThat(vote(backport)).isEqualTo(-1);
    return backport;
  }

  /** What {@code backport-guard check --change} does. */
  private EvaluationReport check(ChangeInfo c) throws Exception {
    EvaluationReport report = queue().submit(project, Change.id(c._number)).get();
    awaitEvaluations();
    return report;
  }

  @Test
  public void disablingTheProjectWithdrawsTheVoteOnTheNextCheck() throws Exception {
    ChangeInfo backport = blockedBackport();
    int comments = comments(backport).size();

    setProjectConfig(project, c -> c.setBoolean("plugin", "backport-guard", "enabled", false));
    EvaluationReport report = check(backport);

    assertThat(vote(backport)).isEqualTo(0);
    assertThat(comments(backport)).hasSize(comments + 1);
    assertThat(lastComment(backport)).contains("Backport check: off for this project");
    assertThat(lastComment(backport)).contains("enabled = false");
    assertThat(report.describe()).contains("vote -1 -> 0, new comment");

    // Said once: the next check of the still disabled project posts nothing.
    assertThat(check(backport).describe()).contains("skipped (disabled for the project)");
    assertThat(comments(backport)).hasSize(comments + 1);
  }

  @Test
  public void aDisabledProjectSaysNothingWhereThePluginHasNoVote() throws Exception {
    setProjectConfig(project, c -> c.setBoolean("plugin", "backport-guard", "enabled", false));
    createBranch(project, BRANCH);
    ChangeInfo backport = create(BRANCH, message("Use it", "Depends-On: " + newChangeId()));
    awaitEvaluations();

    assertThat(comments(backport)).isEmpty();
  }

  @Test
  public void invalidSettingsWithdrawTheVoteWithOneMessageAndOneErrorLine() throws Exception {
    ChangeInfo backport = blockedBackport();
    int comments = comments(backport).size();

    try (LogCapture log = new LogCapture(MisconfigurationLog.class)) {
      setProjectConfig(project, c -> c.setString("plugin", "backport-guard", "failVote", "low"));
      check(backport);
      check(backport);

      assertThat(log.lines()).hasSize(1);
      assertThat(log.lines().get(0)).contains("failVote must be a whole number, not \"low\"");
      assertThat(log.lines().get(0)).contains(project.get());
    }
    assertThat(vote(backport)).isEqualTo(0);
    assertThat(comments(backport)).hasSize(comments + 1);
    assertThat(lastComment(backport))
        .contains("Backport check: not checked: the project's backport-guard settings are invalid");
    assertThat(lastComment(backport))
        .contains("[plugin \"backport-guard\"] failVote in project.config");
    // Every reader of the change reads the comment; project.config may be for owners only.
    assertThat(lastComment(backport)).doesNotContain("low");
  }

  @Test
  public void fixingTheSettingsBringsTheVerdictBack() throws Exception {
    ChangeInfo backport = blockedBackport();
    setProjectConfig(project, c -> c.setString("plugin", "backport-guard", "failVote", "low"));
    check(backport);
    assertThat(vote(backport)).isEqualTo(0);

    setProjectConfig(project, c -> c.setString("plugin", "backport-guard", "failVote", "-1"));
    check(backport);

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(lastComment(backport)).contains("is not merged on wmf/1.0");
  }
}
