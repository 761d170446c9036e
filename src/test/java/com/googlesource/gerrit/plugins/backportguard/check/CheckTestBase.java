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

import static com.google.common.truth.Truth.assertWithMessage;

import com.google.gerrit.acceptance.TestPlugin;
import com.google.gerrit.acceptance.UseSsh;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.testing.ConfigSuite;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import org.eclipse.jgit.lib.Config;

/** The plugin with its SSH command, and backports whose verdict has gone stale. */
@UseSsh
@TestPlugin(
    name = "backport-guard",
    sysModule = "com.googlesource.gerrit.plugins.backportguard.PluginModule",
    sshModule = "com.googlesource.gerrit.plugins.backportguard.check.CheckSshModule")
public abstract class CheckTestBase extends BackportGuardTestBase {
  /**
   * The test framework cannot start SSH on a Lucene index, so these tests use its default index;
   * {@link OpenBackportsIT} checks the selection's full-text query on Lucene.
   */
  @ConfigSuite.Default
  public static Config defaultConfig() {
    Config cfg = BackportGuardTestBase.defaultConfig();
    cfg.unset("index", null, "type");
    return cfg;
  }

  /**
   * A backport voted -1 whose prerequisite then merged on its branch while the plugin could not act
   * (its service account inactive), as if the plugin had not been running: its vote says -1 but
   * should say 0. (Disabling the project would not do: that takes the vote back.)
   */
  protected ChangeInfo staleBackport() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);
    assertWithMessage("vote before the prerequisite merged").that(vote(backport)).isEqualTo(-1);

    accountOperations.account(bot).forUpdate().inactive().update();
    merge(cherryPick(prerequisite));
    awaitEvaluations();
    accountOperations.account(bot).forUpdate().active().update();

    assertWithMessage("stale vote").that(vote(backport)).isEqualTo(-1);
    return backport;
  }
}
