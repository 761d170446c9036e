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

package com.googlesource.gerrit.plugins.backportguard.evaluate;

import static com.google.common.truth.Truth.assertThat;

import com.google.gerrit.acceptance.TestPlugin;
import com.google.gerrit.entities.Change;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import com.googlesource.gerrit.plugins.backportguard.resolve.FailingResolverModule;
import org.junit.Test;

/** A check that fails with an error that would come back votes failVote rather than nothing. */
@TestPlugin(
    name = "backport-guard",
    sysModule = "com.googlesource.gerrit.plugins.backportguard.resolve.FailingResolverModule")
public class FailClosedIT extends BackportGuardTestBase {
  @Test
  public void errorThatWouldComeBackGetsTheFailingVoteAndAShortComment() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport;
    try (LogCapture log = new LogCapture(ChangeEvaluator.class)) {
      backport = backport(FailingResolverModule.MARKER);

      assertThat(log.lines()).hasSize(1);
      assertThat(log.lines().get(0))
          .contains("change " + backport._number + " in project " + project.get());
    }

    assertThat(vote(backport)).isEqualTo(-1);
    String comment = lastComment(backport);
    assertThat(comment)
        .contains(
            "the check could not be completed: Gerrit refused an index query; ask an admin to"
                + " look at the error_log.");
    assertThat(comment).doesNotContain("secret");
  }

  @Test
  public void theSameErrorAgainPostsNothingMore() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport = backport(FailingResolverModule.MARKER);
    int posted = comments(backport).size();

    evaluateAgain(backport);

    assertThat(comments(backport)).hasSize(posted);
    assertThat(vote(backport)).isEqualTo(-1);
  }

  @Test
  public void otherChangesAreCheckedAsUsual() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);

    assertThat(lastComment(backport)).contains("never cherry-picked");
  }

  private void evaluateAgain(ChangeInfo c) throws Exception {
    queue().submit(project, Change.id(c._number)).get();
    awaitEvaluations();
  }
}
