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

package com.googlesource.gerrit.plugins.backportguard;

import com.google.inject.AbstractModule;
import com.googlesource.gerrit.plugins.backportguard.check.CheckModule;
import com.googlesource.gerrit.plugins.backportguard.config.ConfigModule;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationModule;
import com.googlesource.gerrit.plugins.backportguard.pick.PickModule;
import com.googlesource.gerrit.plugins.backportguard.recheck.RecheckModule;
import com.googlesource.gerrit.plugins.backportguard.rest.RestModule;

/** The plugin's entry module: installs one module per feature. */
public class PluginModule extends AbstractModule {
  @Override
  protected void configure() {
    install(new CheckModule());
    install(new ConfigModule());
    install(new EvaluationModule());
    install(new RecheckModule());
    install(new PickModule());
    install(new RestModule());
  }
}
