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

package com.googlesource.gerrit.plugins.backportguard.check;

import static java.util.concurrent.TimeUnit.NANOSECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;

import com.google.common.collect.ImmutableList;
import com.google.gerrit.entities.BranchNameKey;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.annotations.RequiresCapability;
import com.google.gerrit.extensions.restapi.ResourceNotFoundException;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.json.OutputFormat;
import com.google.gerrit.sshd.CommandMetaData;
import com.google.gerrit.sshd.SshCommand;
import com.google.gson.Gson;
import com.google.gson.JsonObject;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationQueue;
import com.googlesource.gerrit.plugins.backportguard.evaluate.EvaluationReport;
import com.googlesource.gerrit.plugins.backportguard.rest.PrerequisitesAnswer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.kohsuke.args4j.Argument;
import org.kohsuke.args4j.Option;

/**
 * Re-checks changes now and prints what each check did. The checks run on the plugin's queue, like
 * those of new patch sets; the command only waits for them.
 */
@RequiresCapability(CheckBackportsCapability.NAME)
@CommandMetaData(name = "check", description = "Re-check the Depends-On prerequisites of changes")
final class CheckCommand extends SshCommand {
  static final int DEFAULT_TIMEOUT_SECONDS = 300;

  /** How the command prints what each check found. */
  enum Format {
    /** One line per change saying what the check did, then a summary. */
    TEXT,
    /** One JSON object per line and change: the answer of the REST API's prerequisites. */
    JSON
  }

  @Inject private ChangeSelector selector;
  @Inject private EvaluationQueue queue;
  @Inject private PrerequisitesAnswer answer;

  private final List<String> changes = new ArrayList<>();

  @Argument(
      index = 0,
      multiValued = true,
      metaVar = "CHANGE",
      usage = "change to check: number, project~number or Change-Id")
  void addChangeArgument(String change) {
    changes.add(change);
  }

  @Option(
      name = "--change",
      aliases = "-c",
      metaVar = "CHANGE",
      usage = "change to check, as CHANGE (may be given several times)")
  void addChangeOption(String change) {
    changes.add(change);
  }

  @Option(
      name = "--project",
      aliases = "-p",
      metaVar = "PROJECT",
      usage = "check every open change of the project")
  private String project;

  @Option(
      name = "--branch",
      aliases = "-b",
      metaVar = "BRANCH",
      usage = "with --project: check only the open changes of this branch")
  private String branch;

  @Option(
      name = "--all",
      usage =
          "check every open change that mentions Depends-On or that the plugin voted or"
              + " commented on")
  private boolean all;

  @Option(
      name = "--timeout",
      metaVar = "SECONDS",
      usage = "stop waiting after this many seconds; unfinished checks go on in the background")
  private int timeoutSeconds = DEFAULT_TIMEOUT_SECONDS;

  @Option(
      name = "--format",
      metaVar = "FORMAT",
      usage =
          "TEXT (default): one line per change; JSON: one JSON object per line and change, as"
              + " the REST API answers, and no summary")
  private Format format = Format.TEXT;

  private final Gson gson = OutputFormat.JSON_COMPACT.newGson();

  @Override
  protected void run() throws Exception {
    long start = System.nanoTime();
    ImmutableList<CheckTarget> targets = select();
    List<CompletableFuture<EvaluationReport>> checks = new ArrayList<>(targets.size());
    for (CheckTarget t : targets) {
      checks.add(queue.submit(t.project(), t.change()));
    }
    long deadline = start + SECONDS.toNanos(timeoutSeconds);
    CheckTally tally = new CheckTally();
    for (int i = 0; i < targets.size(); i++) {
      String line = await(targets.get(i), checks.get(i), deadline, tally);
      stdout.println(format == Format.JSON ? json(targets.get(i), checks.get(i), line) : line);
      stdout.flush();
    }
    if (format == Format.TEXT) {
      // JSON lines stay JSON only: the exit status says whether every check finished.
      stdout.println(tally.summary(Duration.ofNanos(System.nanoTime() - start)));
    }
    if (tally.failed() > 0 || tally.unfinished() > 0) {
      throw die(
          String.format(
              "%d of %d checks failed or did not finish",
              tally.failed() + tally.unfinished(), tally.total()));
    }
  }

  private ImmutableList<CheckTarget> select() throws UnloggedFailure, RestApiException {
    if (branch != null && project == null) {
      throw die("--branch needs --project");
    }
    int selectors = (changes.isEmpty() ? 0 : 1) + (project != null ? 1 : 0) + (all ? 1 : 0);
    if (selectors == 0) {
      throw die("say what to check: CHANGE, --project PROJECT [--branch BRANCH] or --all");
    }
    if (selectors > 1) {
      throw die("give only one of CHANGE, --project and --all");
    }
    if (timeoutSeconds < 1) {
      throw die("--timeout must be at least 1 second");
    }
    try {
      if (all) {
        return selector.openBackports();
      }
      if (project != null) {
        return branch == null
            ? selector.openChanges(Project.nameKey(project))
            : selector.openChanges(BranchNameKey.create(project, branch));
      }
      // In the order given, each once.
      Set<CheckTarget> named = new LinkedHashSet<>();
      for (String c : changes) {
        named.add(selector.change(c));
      }
      return ImmutableList.copyOf(named);
    } catch (ResourceNotFoundException e) {
      throw die(e.getMessage());
    } catch (RestApiException e) {
      // A query the index refuses, e.g. beyond its maximum number of pages.
      throw die("cannot list the changes to check: " + e.getMessage(), e);
    }
  }

  /**
   * The change as the REST API describes it to this user, once its check is done; for a check that
   * failed or did not finish, its project, number and what happened.
   */
  private String json(CheckTarget target, CompletableFuture<EvaluationReport> check, String line) {
    if (check.isDone() && !check.isCompletedExceptionally()) {
      try {
        return gson.toJson(answer.forUser(target.project(), target.change(), user));
      } catch (RestApiException | IOException | RuntimeException e) {
        line = target.project().get() + " " + target.change().get() + ": " + e.getMessage();
      }
    }
    JsonObject error = new JsonObject();
    error.addProperty("project", target.project().get());
    error.addProperty("change", target.change().get());
    error.addProperty("error", line);
    return gson.toJson(error);
  }

  private String await(
      CheckTarget target,
      CompletableFuture<EvaluationReport> check,
      long deadline,
      CheckTally tally)
      throws InterruptedException {
    String head = target.project().get() + " " + target.change().get() + ": ";
    try {
      EvaluationReport report = check.get(Math.max(0, deadline - System.nanoTime()), NANOSECONDS);
      tally.add(report);
      return report.describe();
    } catch (TimeoutException e) {
      tally.addUnfinished();
      return head + "not finished after " + timeoutSeconds + " s; it goes on in the background";
    } catch (ExecutionException e) {
      tally.addFailed();
      Throwable cause = e.getCause();
      String why = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getName();
      return head + "failed (" + why + "; see the error log)";
    }
  }
}
