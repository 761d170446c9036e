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

import com.google.gerrit.acceptance.config.GerritConfig;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import org.junit.Test;

/** Numeric settings in gerrit.config are held to their upper bounds, whatever the admin wrote. */
public class ServerSettingsIT extends BackportGuardTestBase {
  private ServerSettings settings() {
    return plugin.getSysInjector().getInstance(ServerSettings.class);
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.threads", value = "1000")
  public void threadsAreBounded() throws Exception {
    assertThat(settings().threads()).isEqualTo(ServerSettings.MAX_THREADS);
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.maxChainDepth", value = "100000")
  public void chainDepthIsBounded() throws Exception {
    assertThat(settings().maxChainDepth()).isEqualTo(ServerSettings.MAX_MAX_CHAIN_DEPTH);
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.maxDependencies", value = "2147483647")
  public void dependenciesAreBounded() throws Exception {
    assertThat(settings().maxDependencies()).isEqualTo(ServerSettings.MAX_MAX_DEPENDENCIES);
  }

  @Test
  @GerritConfig(name = "plugin.backport-guard.maxDependencies", value = "120")
  public void aValueWithinTheBoundIsKept() throws Exception {
    assertThat(settings().maxDependencies()).isEqualTo(120);
  }

  /** The defaults and bounds config.md and security.md state. */
  @Test
  public void theDocumentedDefaultsAndBoundsHold() throws Exception {
    assertThat(settings().threads()).isEqualTo(2);
    assertThat(settings().maxChainDepth()).isEqualTo(10);
    assertThat(settings().maxDependencies()).isEqualTo(50);
    assertThat(ServerSettings.MAX_THREADS).isEqualTo(16);
    assertThat(ServerSettings.MAX_MAX_CHAIN_DEPTH).isEqualTo(50);
    assertThat(ServerSettings.MAX_MAX_DEPENDENCIES).isEqualTo(500);
  }
}
