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

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.annotations.PluginName;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import com.googlesource.gerrit.plugins.backportguard.metrics.BackportGuardMetrics;
import com.googlesource.gerrit.plugins.backportguard.metrics.BackportGuardMetrics.PostingFailure;
import java.time.Duration;

/**
 * Logs a misconfiguration as one ERROR line that names the setting to fix, at most once an hour for
 * the same project and problem, so a broken setting on a busy server does not flood the log.
 */
@Singleton
public class MisconfigurationLog {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  static final Duration QUIET_PERIOD = Duration.ofHours(1);

  /** The settings an admin may have to fix. */
  public enum Setting {
    SERVICE_ACCOUNT,
    PROJECT_SETTINGS,
    LABEL,
    VOTE_PERMISSION,
    READ_PERMISSION
  }

  private final String pluginName;
  private final BackportGuardMetrics metrics;

  /**
   * Our own quiet period rather than Flogger's {@code atMostEvery(...).per(...)}: per project, that
   * one either keeps a state for every key forever or buckets keys by hash (one project's problem
   * would hide another's), and its clock cannot be set by a test.
   */
  private final Cache<String, Boolean> recentlyLogged;

  @Inject
  MisconfigurationLog(@PluginName String pluginName, BackportGuardMetrics metrics) {
    this(pluginName, Ticker.systemTicker(), metrics);
  }

  MisconfigurationLog(String pluginName, Ticker ticker) {
    this(pluginName, ticker, BackportGuardMetrics.disabled());
  }

  MisconfigurationLog(String pluginName, Ticker ticker, BackportGuardMetrics metrics) {
    this.pluginName = pluginName;
    this.metrics = metrics;
    recentlyLogged =
        CacheBuilder.newBuilder()
            .ticker(ticker)
            .expireAfterWrite(QUIET_PERIOD)
            .maximumSize(10_000)
            .build();
  }

  /**
   * Reports a problem with the plugin's configuration for a project.
   *
   * @param setting what is misconfigured; one line per project and setting an hour
   * @param problem the line to log, naming the setting and how to fix it
   * @return whether a line was logged (false while the setting is in its quiet period)
   */
  public boolean report(Project.NameKey project, Setting setting, String problem) {
    // Every time, not once an hour: the metric counts the votes not posted.
    metrics.postingFailed(cause(setting));
    String key = project.get() + '\n' + setting;
    if (recentlyLogged.asMap().putIfAbsent(key, true) != null) {
      return false;
    }
    logger.atSevere().log(
        "%s cannot vote on changes of project %s: %s", pluginName, project.get(), problem);
    return true;
  }

  /** A switch expression: a new setting does not compile until it names its cause. */
  private static PostingFailure cause(Setting setting) {
    return switch (setting) {
      case SERVICE_ACCOUNT -> PostingFailure.SERVICE_ACCOUNT;
      case PROJECT_SETTINGS -> PostingFailure.PROJECT_SETTINGS;
      case LABEL -> PostingFailure.LABEL;
      case VOTE_PERMISSION -> PostingFailure.VOTE_PERMISSION;
      case READ_PERMISSION -> PostingFailure.READ_PERMISSION;
    };
  }
}
