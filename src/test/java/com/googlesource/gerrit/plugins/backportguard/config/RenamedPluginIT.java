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
import com.google.gerrit.acceptance.LightweightPluginDaemonTest;
import com.google.gerrit.acceptance.PushOneCommit;
import com.google.gerrit.acceptance.TestPlugin;
import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.entities.RefNames;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.junit.Test;

/**
 * The plugin installed under another name: what it tells the people who configure it names the
 * plugin as the site installed it, since that is the section and the command they have to use.
 */
@TestPlugin(
    name = RenamedPluginIT.NAME,
    sysModule = "com.googlesource.gerrit.plugins.backportguard.PluginModule")
public class RenamedPluginIT extends LightweightPluginDaemonTest {
  static final String NAME = "guard-renamed";

  @Test
  @GerritConfig(name = "plugin.guard-renamed.sweepOnStart", value = "false")
  public void aRejectedSettingNamesTheInstalledPlugin() throws Exception {
    GitUtil.fetch(testRepo, RefNames.REFS_CONFIG + ":config");
    testRepo.reset("config");
    Config cfg = new Config();
    try (RevWalk rw = new RevWalk(testRepo.getRepository())) {
      RevCommit head = rw.parseCommit(testRepo.getRepository().resolve("config"));
      try (TreeWalk tw = TreeWalk.forPath(rw.getObjectReader(), "project.config", head.getTree())) {
        cfg.fromText(new String(rw.getObjectReader().open(tw.getObjectId(0)).getBytes(), UTF_8));
      }
    }
    cfg.setString("plugin", NAME, "failVote", "minus one");

    PushOneCommit.Result r =
        pushFactory
            .create(admin.newIdent(), testRepo, "Update settings", "project.config", cfg.toText())
            .to(RefNames.REFS_CONFIG);

    r.assertErrorStatus("invalid " + NAME + " settings");
    r.assertMessage("failVote must be a whole number, not \"minus one\"");
  }
}
