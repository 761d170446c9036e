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

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue.Key;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plugin's name is a name, whatever characters its jar's file name has. */
class PendingWorkNameReviewTest {
  @TempDir Path data;

  // Review finding: PendingWork passes the plugin's name to ThreadFactoryBuilder.setNameFormat,
  // which reads it as a String.format pattern: a name ending in "%" cannot start (a format
  // exception in the constructor), and "guard%x" gets a writer thread called "guard0 ...". Low:
  // the jar's manifest names the plugin backport-guard, so only a rebuild under another name
  // reaches it. Before issue 9 the writer thread had a fixed name.
  @Test
  void aPercentSignInThePluginsNameIsKeptAsIs() throws Exception {
    PendingWork store = new PendingWork(data, "test-" + UUID.randomUUID(), "guard%x");
    try {
      store
          .journal("evaluations", EvaluationQueue.CODEC)
          .add(new Key(Project.nameKey("demo"), Change.id(1)));

      assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
          .contains("guard%x pending-work writer");
    } finally {
      store.stop();
    }
  }
}
