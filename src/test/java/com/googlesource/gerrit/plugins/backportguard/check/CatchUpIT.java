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
import static java.util.concurrent.TimeUnit.SECONDS;

import com.google.gerrit.entities.Change;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.server.index.change.ChangeIndexer;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * The catch-up after a run that was killed: it finds what the killed server had done from the
 * plugin's own record of recent updates, not from the index, which lost it.
 */
public class CatchUpIT extends BackportGuardTestBase {
  @Inject private ChangeIndexer indexer;

  private CatchUp catchUp() {
    return plugin.getSysInjector().getInstance(CatchUp.class);
  }

  private StartupSweep sweep() {
    return plugin.getSysInjector().getInstance(StartupSweep.class);
  }

  private int indexed(ChangeInfo c) throws Exception {
    return gApi.changes().query("change:" + c._number).get().size();
  }

  @Test
  public void afterAKillTheCatchUpReindexesAndReVotesWhatTheIndexLost() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    List<ChangeInfo> backports = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      backports.add(backport(prerequisite.changeId));
    }
    ChangeInfo pick = cherryPick(prerequisite);
    // The server dies right after the submit: the re-checks it queued die with it (here: they
    // cannot post), and the index loses what it had not committed yet.
    accountOperations.account(bot).forUpdate().inactive().update();
    merge(pick);
    awaitEvaluations();
    accountOperations.account(bot).forUpdate().active().update();
    indexer.delete(Change.id(pick._number));
    for (ChangeInfo b : backports) {
      indexer.delete(Change.id(b._number));
      assertThat(vote(b)).isEqualTo(-1);
    }

    // The sweep asks the index, which knows none of them any more: it leaves the -1 as it is.
    sweep().sweep().get(60, SECONDS);
    awaitEvaluations();
    assertThat(vote(backports.get(0))).isEqualTo(-1);

    String summary = catchUp().afterCrash();
    awaitEvaluations();

    assertThat(indexed(pick)).isEqualTo(1);
    for (ChangeInfo b : backports) {
      assertThat(indexed(b)).isEqualTo(1);
      assertThat(vote(b)).isEqualTo(0);
      assertThat(lastComment(b)).contains("the prerequisite is merged on wmf/1.0");
    }
    assertThat(summary).contains("4 changes re-indexed");
  }

  @Test
  public void theCatchUpPostsNothingWhereEveryVerdictIsRight() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    int comments = comments(backport).size();

    catchUp().afterCrash();
    awaitEvaluations();

    assertThat(vote(backport)).isEqualTo(-1);
    assertThat(comments(backport)).hasSize(comments);
  }
}
