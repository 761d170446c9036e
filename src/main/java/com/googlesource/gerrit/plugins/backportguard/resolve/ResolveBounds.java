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
package com.googlesource.gerrit.plugins.backportguard.resolve;

import com.google.common.flogger.FluentLogger;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.gerrit.index.IndexConfig;
import com.google.gerrit.server.config.PluginConfig;
import com.google.gerrit.server.config.PluginConfigFactory;
import com.google.inject.Inject;
import com.google.inject.Singleton;

/**
 * The bounds on the work one check of a change may do, whoever wrote its footers: read from the
 * {@code [plugin "backport-guard"]} section of gerrit.config, and the server's own {@code
 * index.maxTerms}.
 */
@Singleton
public class ResolveBounds {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  public static final String KEY_MAX_COMMITS = "maxCommitsPerCheck";
  public static final String KEY_MAX_QUERIES = "maxQueriesPerCheck";

  static final int DEFAULT_MAX_COMMITS = 50_000;
  static final int DEFAULT_MAX_QUERIES = 100;
  static final int LIMIT_MAX_COMMITS = 10_000_000;
  static final int LIMIT_MAX_QUERIES = 10_000;

  private final String pluginName;
  private final int maxCommits;
  private final int maxQueries;
  private final int maxTerms;

  @Inject
  ResolveBounds(
      PluginConfigFactory configFactory, @PluginName String pluginName, IndexConfig indexConfig) {
    this.pluginName = pluginName;
    PluginConfig cfg = configFactory.getFromGerritConfig(pluginName);
    this.maxCommits = bounded(cfg, KEY_MAX_COMMITS, DEFAULT_MAX_COMMITS, LIMIT_MAX_COMMITS);
    this.maxQueries = bounded(cfg, KEY_MAX_QUERIES, DEFAULT_MAX_QUERIES, LIMIT_MAX_QUERIES);
    this.maxTerms = indexConfig.maxTerms();
  }

  /** The server's {@code index.maxTerms}: no query may have more leaf terms. */
  public int maxTerms() {
    return maxTerms;
  }

  /** A fresh budget for one check. */
  public CheckBudget newBudget() {
    return new CheckBudget(maxCommits, key(KEY_MAX_COMMITS), maxQueries, key(KEY_MAX_QUERIES));
  }

  /** The setting as an admin writes it in gerrit.config. */
  public String key(String name) {
    return "plugin." + pluginName + "." + name;
  }

  private int bounded(PluginConfig cfg, String name, int dflt, int limit) {
    int value;
    try {
      value = cfg.getInt(name, dflt);
    } catch (IllegalArgumentException e) {
      logger.atSevere().log("%s is not a number in gerrit.config; using %d", key(name), dflt);
      return dflt;
    }
    if (value < 1 || value > limit) {
      logger.atSevere().log(
          "%s = %d in gerrit.config is outside 1..%d; using %d", key(name), value, limit, dflt);
      return dflt;
    }
    return value;
  }
}
