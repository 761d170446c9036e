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
import com.google.common.primitives.Ints;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.server.config.CanonicalWebUrl;
import com.google.gerrit.server.config.PluginConfig;
import com.google.gerrit.server.config.PluginConfigFactory;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.util.Optional;
import java.util.function.Consumer;

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

  /**
   * Each check makes index queries and reads repositories; more than this many at once would take
   * Gerrit's own request threads' share of the index and disks, not speed up the checks.
   */
  static final int MAX_THREADS = 16;

  /**
   * Each level of a chain costs the index queries of one check; real chains are a few levels deep.
   */
  static final int MAX_MAX_CHAIN_DEPTH = 50;

  /**
   * Declarations of one change that are checked; each costs a term of one index query (the server's
   * {@code index.maxTerms} is 1024 by default) and a few lines of the comment.
   */
  static final int MAX_MAX_DEPENDENCIES = 500;

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
    this.threads = bounded(cfg, KEY_THREADS, DEFAULT_THREADS, MAX_THREADS);
    this.maxChainDepth =
        bounded(cfg, KEY_MAX_CHAIN_DEPTH, DEFAULT_MAX_CHAIN_DEPTH, MAX_MAX_CHAIN_DEPTH);
    this.maxDependencies =
        bounded(cfg, KEY_MAX_DEPENDENCIES, DEFAULT_MAX_DEPENDENCIES, MAX_MAX_DEPENDENCIES);
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

  private int bounded(PluginConfig cfg, String key, int defaultValue, int max) {
    return bounded(
        gerritConfigKey(key),
        cfg.getString(key),
        defaultValue,
        max,
        problem -> logger.atSevere().log("%s", problem));
  }

  /**
   * A whole number from 1 to {@code max}: a larger one is cut to {@code max}, anything else gives
   * the default; either way {@code problems} gets a line naming the key, the value and the bound.
   */
  static int bounded(
      String key,
      @com.google.gerrit.common.Nullable String raw,
      int defaultValue,
      int max,
      Consumer<String> problems) {
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    String value = raw.strip();
    if (value.matches("[0-9]+") && value.matches(".*[1-9].*")) {
      Integer n = Ints.tryParse(value);
      if (n != null && n <= max) {
        return n;
      }
      problems.accept(
          String.format(
              "%s = %s in gerrit.config is above the upper bound: it must be at most %d; using %d",
              key, value, max, max));
      return max;
    }
    problems.accept(
        String.format(
            "%s = %s in gerrit.config is not a positive whole number (1 to %d); using %d",
            key, raw, max, defaultValue));
    return defaultValue;
  }
}
