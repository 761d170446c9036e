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

import com.google.common.flogger.FluentLogger;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.server.config.CanonicalWebUrl;
import com.google.gerrit.server.config.PluginConfig;
import com.google.gerrit.server.config.PluginConfigFactory;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.Optional;

/** The server-wide settings from the {@code [plugin "backport-guard"]} section of gerrit.config. */
@Singleton
public class ServerSettings {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  public static final String KEY_ACCOUNT = "account";
  public static final String KEY_THREADS = "threads";
  public static final String KEY_MAX_CHAIN_DEPTH = "maxChainDepth";
  public static final String KEY_MAX_DEPENDENCIES = "maxDependencies";
  public static final String KEY_SWEEP_ON_START = "sweepOnStart";

  static final int DEFAULT_THREADS = 2;
  static final int DEFAULT_MAX_CHAIN_DEPTH = 10;
  static final int DEFAULT_MAX_DEPENDENCIES = 50;

  private final Optional<String> account;
  private final Optional<String> canonicalWebUrl;
  private final String pluginName;
  private final int threads;
  private final int maxChainDepth;
  private final int maxDependencies;
  private final boolean sweepOnStart;

  @Inject
  ServerSettings(
      PluginConfigFactory configFactory,
      @PluginName String pluginName,
      @CanonicalWebUrl @com.google.gerrit.common.Nullable String canonicalWebUrl) {
    this.pluginName = pluginName;
    PluginConfig cfg = configFactory.getFromGerritConfig(pluginName);
    String configured = cfg.getString(KEY_ACCOUNT, "");
    this.account = configured.isBlank() ? Optional.empty() : Optional.of(configured.strip());
    this.canonicalWebUrl = Optional.ofNullable(canonicalWebUrl);
    this.threads = positive(cfg, KEY_THREADS, DEFAULT_THREADS);
    this.maxChainDepth = positive(cfg, KEY_MAX_CHAIN_DEPTH, DEFAULT_MAX_CHAIN_DEPTH);
    this.maxDependencies = positive(cfg, KEY_MAX_DEPENDENCIES, DEFAULT_MAX_DEPENDENCIES);
    this.sweepOnStart = cfg.getBoolean(KEY_SWEEP_ON_START, true);
  }

  /** The username of the service account that votes and comments. */
  public Optional<String> account() {
    return account;
  }

  public Optional<String> canonicalWebUrl() {
    return canonicalWebUrl;
  }

  /** How many evaluations may run at once (never two of the same change). */
  public int threads() {
    return threads;
  }

  /** How many levels of prerequisites of prerequisites an evaluation follows. */
  public int maxChainDepth() {
    return maxChainDepth;
  }

  /** How many dependencies of one change are checked; the rest are reported as not checked. */
  public int maxDependencies() {
    return maxDependencies;
  }

  /** Whether open backports are re-checked in the background when the plugin starts. */
  public boolean sweepOnStart() {
    return sweepOnStart;
  }

  /** How an admin refers to a key of this plugin in gerrit.config. */
  public String gerritConfigKey(String key) {
    return "plugin." + pluginName + "." + key;
  }

  private int positive(PluginConfig cfg, String key, int defaultValue) {
    String raw = cfg.getString(key);
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.strip());
      if (value >= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    logger.atSevere().log(
        "%s = %s in gerrit.config is not a positive whole number; using %d",
        gerritConfigKey(key), raw, defaultValue);
    return defaultValue;
  }
}
