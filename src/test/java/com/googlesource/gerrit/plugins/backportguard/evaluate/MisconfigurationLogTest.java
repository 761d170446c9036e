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
import static com.googlesource.gerrit.plugins.backportguard.evaluate.MisconfigurationLog.Setting.LABEL;
import static com.googlesource.gerrit.plugins.backportguard.evaluate.MisconfigurationLog.Setting.SERVICE_ACCOUNT;

import com.google.common.base.Ticker;
import com.google.gerrit.entities.Project;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MisconfigurationLogTest {
  private final AtomicLong nanos = new AtomicLong();
  private final MisconfigurationLog log =
      new MisconfigurationLog(
          "backport-guard",
          new Ticker() {
            @Override
            public long read() {
              return nanos.get();
            }
          });

  @Test
  void sameProblemOnceAnHourPerProject() {
    Project.NameKey a = Project.nameKey("a");
    assertThat(log.report(a, SERVICE_ACCOUNT, "no account")).isTrue();
    assertThat(log.report(a, SERVICE_ACCOUNT, "no account")).isFalse();
    assertThat(log.report(Project.nameKey("b"), SERVICE_ACCOUNT, "no account")).isTrue();
    assertThat(log.report(a, LABEL, "label missing")).isTrue();
    nanos.addAndGet(Duration.ofMinutes(59).toNanos());
    assertThat(log.report(a, SERVICE_ACCOUNT, "no account")).isFalse();
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertThat(log.report(a, SERVICE_ACCOUNT, "no account")).isTrue();
  }

  @Test
  void theLineNamesThePluginByItsInstalledName() {
    MisconfigurationLog renamed = new MisconfigurationLog("guard-renamed", Ticker.systemTicker());
    try (LogCapture capture = new LogCapture(MisconfigurationLog.class)) {
      renamed.report(Project.nameKey("a"), LABEL, "label X does not exist");

      assertThat(capture.lines())
          .containsExactly(
              "SEVERE guard-renamed cannot vote on changes of project a: label X does not exist");
    }
  }

  @Test
  void sameSettingOnAnotherChangeOrBranchIsNotLoggedAgain() {
    Project.NameKey a = Project.nameKey("a");
    assertThat(log.report(a, LABEL, "label X does not exist for branch wmf/1")).isTrue();
    assertThat(log.report(a, LABEL, "label X does not exist for branch wmf/2")).isFalse();
  }
}
