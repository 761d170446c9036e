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

package com.googlesource.gerrit.plugins.backportguard.config;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.google.gerrit.acceptance.GitUtil;
import com.google.gerrit.acceptance.PushOneCommit;
import com.google.gerrit.entities.RefNames;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.Test;

/** Bad plugin settings are rejected, with the reason, when pushed to refs/meta/config. */
public class ProjectConfigValidationIT extends BackportGuardTestBase {

  private PushOneCommit.Result pushSettings(Consumer<Config> settings) throws Exception {
    GitUtil.fetch(testRepo, RefNames.REFS_CONFIG + ":config");
    testRepo.reset("config");
    Config cfg = new Config();
    try (RevWalk rw = new RevWalk(testRepo.getRepository())) {
      RevCommit head = rw.parseCommit(testRepo.getRepository().resolve("config"));
      try (TreeWalk tw = TreeWalk.forPath(rw.getObjectReader(), "project.config", head.getTree())) {
        ObjectId blob = tw.getObjectId(0);
        cfg.fromText(new String(rw.getObjectReader().open(blob).getBytes(), UTF_8));
      }
    }
    settings.accept(cfg);
    return pushFactory
        .create(admin.newIdent(), testRepo, "Update settings", "project.config", cfg.toText())
        .to(RefNames.REFS_CONFIG);
  }

  @Test
  public void validSettingsAreAccepted() throws Exception {
    pushSettings(
            c -> {
              c.setString("plugin", "backport-guard", "label", "Verified");
              c.setInt("plugin", "backport-guard", "failVote", -1);
              c.setString("plugin", "backport-guard", "backportBranch", "wmf/*");
            })
        .assertOkStatus();
  }

  @Test
  public void invalidVoteIsRejectedWithTheKey() throws Exception {
    PushOneCommit.Result r =
        pushSettings(c -> c.setString("plugin", "backport-guard", "failVote", "minus one"));
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("failVote must be a whole number, not \"minus one\"");
  }

  @Test
  public void invalidPatternIsRejected() throws Exception {
    PushOneCommit.Result r =
        pushSettings(c -> c.setString("plugin", "backport-guard", "backportBranch", "^REL("));
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("backportBranch invalid regular expression \"^REL(\"");
  }

  @Test
  public void voteOrderIsCheckedWhenBothAreSetHere() throws Exception {
    PushOneCommit.Result r =
        pushSettings(
            c -> {
              c.setInt("plugin", "backport-guard", "failVote", 1);
              c.setInt("plugin", "backport-guard", "passVote", 0);
            });
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("failVote must be lower than passVote");
  }

  @Test
  public void oneVoteAloneMayRelyOnTheInheritedOther() throws Exception {
    pushSettings(c -> c.setInt("plugin", "backport-guard", "passVote", 1)).assertOkStatus();
  }

  @Test
  public void failVoteOutsideTheLabelRangeIsRejected() throws Exception {
    PushOneCommit.Result r =
        pushSettings(c -> c.setInt("plugin", "backport-guard", "failVote", -2));
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("failVote -2 is outside the range of label Verified (-1..+1)");
  }

  @Test
  public void passVoteOutsideTheRangeOfALabelDefinedInTheSamePushIsRejected() throws Exception {
    PushOneCommit.Result r =
        pushSettings(
            c -> {
              c.setStringList(
                  "label", "Prerequisites", "value", List.of("-1 Missing", "0 No score"));
              c.setString("plugin", "backport-guard", "label", "Prerequisites");
              c.setInt("plugin", "backport-guard", "passVote", 1);
            });
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("passVote 1 is outside the range of label Prerequisites (-1..0)");
  }

  @Test
  public void anInheritedVoteOutsideTheRangeOfTheNewLabelIsRejected() throws Exception {
    PushOneCommit.Result r =
        pushSettings(
            c -> {
              c.setStringList("label", "Approved", "value", List.of("0 No score", "+1 Yes"));
              c.setString("plugin", "backport-guard", "label", "Approved");
              c.setInt("plugin", "backport-guard", "passVote", 1);
            });
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("failVote -1 is outside the range of label Approved (0..+1)");
  }

  @Test
  public void votesWithinTheRangeOfALabelDefinedHereAreAccepted() throws Exception {
    pushSettings(
            c -> {
              c.setStringList(
                  "label", "Prerequisites", "value", List.of("-2 Missing", "0 No", "+2 Merged"));
              c.setString("plugin", "backport-guard", "label", "Prerequisites");
              c.setInt("plugin", "backport-guard", "failVote", -2);
              c.setInt("plugin", "backport-guard", "passVote", 2);
            })
        .assertOkStatus();
  }

  @Test
  public void patternSyntaxThatGerritReadsDifferentlyIsRejected() throws Exception {
    PushOneCommit.Result r =
        pushSettings(c -> c.setString("plugin", "backport-guard", "backportBranch", "^REL1_\\d+"));
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("\\d is not supported in ref patterns");
  }

  @Test
  public void aPatternTooLargeToMatchSafelyIsRejected() throws Exception {
    PushOneCommit.Result r =
        pushSettings(
            c ->
                c.setString("plugin", "backport-guard", "backportBranch", "^((a{100}){100}){100}"));
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("too large");
  }

  @Test
  public void aPatternThatWouldBacktrackIsAcceptedAndHarmless() throws Exception {
    pushSettings(c -> c.setString("plugin", "backport-guard", "backportBranch", "^(a+)+$"))
        .assertOkStatus();
  }

  @Test
  public void aPatternTooLongOrWithTooManyOptionalPartsIsRejected() throws Exception {
    PushOneCommit.Result r =
        pushSettings(
            c ->
                c.setString("plugin", "backport-guard", "backportBranch", "^" + "a".repeat(5_000)));
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("too long: 5001 characters, more than 255");

    r =
        pushSettings(
            c -> c.setString("plugin", "backport-guard", "backportBranch", "^" + "a?".repeat(500)));
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("too long");

    r = pushSettings(c -> c.setString("plugin", "backport-guard", "backportBranch", "^(a?){900}"));
    r.assertErrorStatus("invalid backport-guard settings");
    r.assertMessage("too large: 900 optional or repeated parts");
  }
}
