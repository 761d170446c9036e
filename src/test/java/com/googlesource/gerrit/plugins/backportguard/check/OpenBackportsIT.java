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

import static com.google.common.collect.ImmutableList.toImmutableList;
import static com.google.common.truth.Truth.assertThat;

import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import org.junit.Test;

/**
 * Which open changes {@code check --all} and the start-up sweep select, on the Lucene index a
 * server runs with, whose full-text search decides what "depends on" matches.
 */
public class OpenBackportsIT extends BackportGuardTestBase {
  private static CheckTarget target(ChangeInfo c) {
    return new CheckTarget(Project.nameKey(c.project), Change.id(c._number));
  }

  @Test
  @GerritConfig(name = "index.type", value = "lucene")
  public void selectsWhatMentionsDependsOnAndWhatThePluginSpokeOn() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo footer = create(BRANCH, message("Use it", "Depends-On: " + newChangeId()));
    ChangeInfo lowerCase = create(BRANCH, message("Use it", "Depends-on: " + newChangeId()));
    ChangeInfo onMaster = create("master", message("Use it", "Depends-On: " + newChangeId()));
    ChangeInfo prose = create(BRANCH, message("Fix it\n\nThis depends on nothing, really."));
    ChangeInfo nearMiss = create(BRANCH, message("Use it", "DependsOn: " + newChangeId()));
    ChangeInfo dropped = create(BRANCH, message("Use it", "Depends-On: " + newChangeId()));
    create(BRANCH, message("Unrelated"));
    abandon(create(BRANCH, message("Dropped", "Depends-On: " + newChangeId())));
    merge(create(BRANCH, message("Merged", "Depends-On: " + newChangeId())));
    awaitEvaluations();
    gApi.changes()
        .id(dropped.id)
        .setMessage("Stand-alone\n\nChange-Id: " + dropped.changeId + "\n");
    awaitEvaluations();

    ChangeSelector selector = plugin.getSysInjector().getInstance(ChangeSelector.class);

    assertThat(
            selector.openBackports().stream()
                .filter(t -> t.project().equals(project))
                .collect(toImmutableList()))
        .containsExactly(
            // The full-text search folds the spellings together.
            target(footer),
            target(lowerCase),
            target(onMaster),
            target(prose),
            // The plugin said something here: a line it could not read, a footer now dropped.
            target(nearMiss),
            target(dropped))
        .inOrder();
  }
}
