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

package com.googlesource.gerrit.plugins.backportguard.verdict;

import com.google.common.flogger.FluentLogger;
import com.google.gerrit.server.config.GerritServerConfig;
import com.google.inject.Inject;
import com.google.inject.Singleton;
import org.eclipse.jgit.lib.Config;

/**
 * How long the plugin's comment may be: Gerrit refuses a review whose message is longer than {@code
 * change.commentSizeLimit}, and with it the vote posted in the same review.
 *
 * <p>Read as Gerrit's {@code CommentSizeValidator} reads it (an int with JGit's size units, {@code
 * 16k}; 0 or less means no limit), so that both agree on every value an admin can write. Gerrit
 * counts the characters of the trimmed message as given, before it prefixes "Patch Set N:" and the
 * votes; the plugin still keeps a margin below it, in case a later Gerrit counts those too or
 * counts bytes.
 */
@Singleton
public class CommentLimit {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /** Gerrit's default {@code change.commentSizeLimit}. */
  public static final int GERRIT_DEFAULT = 16 << 10;

  /** Kept free below the limit: room for a patch set line and votes, should Gerrit count them. */
  static final int MARGIN = 256;

  /** The budget under Gerrit's default limit. */
  public static final int DEFAULT_BUDGET = budgetFor(GERRIT_DEFAULT);

  private final int budget;

  @Inject
  CommentLimit(@GerritServerConfig Config cfg) {
    int limit;
    try {
      limit = cfg.getInt("change", "commentSizeLimit", GERRIT_DEFAULT);
    } catch (IllegalArgumentException e) {
      logger.atWarning().log(
          "change.commentSizeLimit = %s in gerrit.config is not a size; keeping comments under %d",
          cfg.getString("change", null, "commentSizeLimit"), GERRIT_DEFAULT);
      limit = GERRIT_DEFAULT;
    }
    this.budget = budgetFor(limit);
  }

  /**
   * The most the comment may measure (see {@link VerdictComment#size}) under a server limit: the
   * limit less a margin, never more than under Gerrit's default (every comment also counts towards
   * the change's cumulative limit), and never less than {@link VerdictComment#MIN_BUDGET}.
   *
   * @param serverLimit {@code change.commentSizeLimit}; 0 or less when the server sets none
   */
  public static int budgetFor(int serverLimit) {
    int limit = serverLimit > 0 ? Math.min(serverLimit, GERRIT_DEFAULT) : GERRIT_DEFAULT;
    return Math.max(VerdictComment.MIN_BUDGET, limit - Math.min(MARGIN, limit / 4));
  }

  /** The most the comment may measure on this server. */
  public int budget() {
    return budget;
  }
}
