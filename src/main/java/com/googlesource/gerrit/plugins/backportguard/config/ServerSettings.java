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

import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.server.config.CanonicalWebUrl;
import com.google.gerrit.server.config.PluginConfigFactory;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.Optional;

/** The server-wide settings from the {@code [plugin "backport-guard"]} section of gerrit.config. */
@Singleton
public class ServerSettings {
  public static final String KEY_ACCOUNT = "account";

  private final Optional<String> account;
  private final Optional<String> canonicalWebUrl;
  private final String pluginName;

  @Inject
  ServerSettings(
      PluginConfigFactory configFactory,
      @PluginName String pluginName,
      @CanonicalWebUrl @com.google.gerrit.common.Nullable String canonicalWebUrl) {
    this.pluginName = pluginName;
    String configured = configFactory.getFromGerritConfig(pluginName).getString(KEY_ACCOUNT, "");
    this.account = configured.isBlank() ? Optional.empty() : Optional.of(configured.strip());
    this.canonicalWebUrl = Optional.ofNullable(canonicalWebUrl);
  }

  /** The username of the service account that votes and comments. */
  public Optional<String> account() {
    return account;
  }

  public Optional<String> canonicalWebUrl() {
    return canonicalWebUrl;
  }

  /** How an admin refers to a key of this plugin in gerrit.config. */
  public String gerritConfigKey(String key) {
    return "plugin." + pluginName + "." + key;
  }
}
