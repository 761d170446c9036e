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

import static com.google.common.truth.Truth.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {
  private final List<String> problems = new ArrayList<>();

  private int bounded(String raw) {
    return ServerSettings.bounded("plugin.backport-guard.threads", raw, 2, 16, problems::add);
  }

  @Test
  void aValueAboveTheBoundIsCutToItWithAMessageNamingKeyAndBound() {
    assertThat(bounded("1000")).isEqualTo(16);
    assertThat(problems).hasSize(1);
    assertThat(problems.get(0)).contains("plugin.backport-guard.threads = 1000");
    assertThat(problems.get(0)).contains("at most 16");
  }

  @Test
  void aNumberTooLargeForAnIntIsCutToo() {
    assertThat(bounded("99999999999999999999")).isEqualTo(16);
    assertThat(problems.get(0)).contains("at most 16");
  }

  @Test
  void notAPositiveNumberTakesTheDefault() {
    assertThat(bounded("0")).isEqualTo(2);
    assertThat(bounded("many")).isEqualTo(2);
    assertThat(problems).hasSize(2);
    assertThat(problems.get(1)).contains("not a positive whole number");
  }

  @Test
  void aValueWithinTheBoundIsKeptSilently() {
    assertThat(bounded(" 16 ")).isEqualTo(16);
    assertThat(bounded(null)).isEqualTo(2);
    assertThat(problems).isEmpty();
  }
}
