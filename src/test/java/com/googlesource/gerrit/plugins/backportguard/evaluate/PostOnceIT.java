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

import com.google.common.collect.ImmutableList;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.server.notedb.ChangeNotes;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettings;
import com.googlesource.gerrit.plugins.backportguard.config.ProjectSettingsLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.Test;

/**
 * Two runs that post the same outcome on one change (the old and the new instance during a plugin
 * reload, two nodes of a pair, or a retry) leave one comment, however stale the notes each
 * evaluated.
 */
public class PostOnceIT extends BackportGuardTestBase {
  private VotePoster poster() {
    return plugin.getSysInjector().getInstance(VotePoster.class);
  }

  private ChangeNotes notes(ChangeInfo c) {
    return plugin
        .getSysInjector()
        .getInstance(ChangeNotes.Factory.class)
        .createChecked(project, com.google.gerrit.entities.Change.id(c._number));
  }

  private ProjectSettings settings() throws Exception {
    return plugin.getSysInjector().getInstance(ProjectSettingsLoader.class).load(project);
  }

  @Test
  public void anOutcomePostedMeanwhileIsNotPostedAgainFromStaleNotes() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    ChangeNotes stale = notes(backport);
    // The plugin's other run posts the pass first: the prerequisite's backport merged.
    merge(cherryPick(prerequisite));
    awaitEvaluations();
    assertThat(vote(backport)).isEqualTo(0);
    ImmutableList<String> before = comments(backport);
    String passed =
        Posting.lastComment(notes(backport).getChangeMessages(), bot, TAG).orElseThrow();

    EvaluationReport report = poster().apply(stale, settings(), new Outcome(0, passed), bot, BOT);

    assertThat(report.result()).isEqualTo(EvaluationReport.Result.UNCHANGED);
    assertThat(comments(backport)).isEqualTo(before);
    assertThat(vote(backport)).isEqualTo(0);
  }

  @Test
  public void twoRunsRacingToPostTheSameOutcomeLeaveOneComment() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    ChangeNotes stale = notes(backport);
    ProjectSettings settings = settings();
    Outcome outcome = new Outcome(-1, "Backport check: the same outcome, posted by two runs.");
    int runs = 4;
    CyclicBarrier start = new CyclicBarrier(runs);
    ExecutorService pool = Executors.newFixedThreadPool(runs);
    try {
      List<Future<EvaluationReport>> reports = new ArrayList<>();
      for (int i = 0; i < runs; i++) {
        Callable<EvaluationReport> post =
            () -> {
              start.await();
              return poster().apply(stale, settings, outcome, bot, BOT);
            };
        reports.add(pool.submit(post));
      }
      int posted = 0;
      for (Future<EvaluationReport> r : reports) {
        if (r.get(60, TimeUnit.SECONDS).commentPosted()) {
          posted++;
        }
      }
      assertThat(posted).isEqualTo(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(comments(backport).stream().filter(c -> c.contains("posted by two runs")))
        .hasSize(1);
  }
}
