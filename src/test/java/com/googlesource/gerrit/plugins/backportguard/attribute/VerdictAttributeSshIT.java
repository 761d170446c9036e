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

package com.googlesource.gerrit.plugins.backportguard.attribute;

import static com.google.common.truth.Truth.assertThat;

import com.google.gerrit.acceptance.UseSsh;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.testing.ConfigSuite;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import org.eclipse.jgit.lib.Config;
import org.junit.Test;

/** The {@code backport-guard} entry in {@code gerrit query --format json}. */
@UseSsh
public class VerdictAttributeSshIT extends BackportGuardTestBase {
  /** The test framework cannot start SSH on a Lucene index (see {@code CheckTestBase}). */
  @ConfigSuite.Default
  public static Config defaultConfig() {
    Config cfg = BackportGuardTestBase.defaultConfig();
    cfg.unset("index", null, "type");
    return cfg;
  }

  @Test
  public void sshQueryCarriesTheEntry() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo blocked = backport(prerequisite.changeId);

    String out = adminSshSession.exec("gerrit query --format json change:" + blocked._number);
    adminSshSession.assertSuccess();

    JsonObject change = JsonParser.parseString(out.lines().findFirst().get()).getAsJsonObject();
    JsonObject e = VerdictAttributeIT.entry(change);
    assertThat(e.get("outcome").getAsString()).isEqualTo("missing");
    assertThat(e.get("missing").getAsInt()).isEqualTo(1);
    assertThat(e.get("vote").getAsInt()).isEqualTo(-1);
    // SSH names fields as the Java fields are named, REST in snake case (patch_set).
    assertThat(e.get("patchSet").getAsInt()).isEqualTo(1);
    System.out.println("ssh query example: " + e);
  }
}
