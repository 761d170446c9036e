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

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.google.common.base.Strings;
import com.google.gerrit.acceptance.PushOneCommit;
import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/**
 * Gerrit refuses a change message longer than {@code change.commentSizeLimit} with 400 Bad Request,
 * and with it the vote posted in the same review. Whatever the commit message declares, the
 * plugin's comment fits the server's limit and the vote is posted.
 */
public class CommentSizeIT extends BackportGuardTestBase {
  /** Gerrit's default {@code change.commentSizeLimit}. */
  private static final int DEFAULT_LIMIT = 16 << 10;

  /** The plugin's comment as Gerrit measures it: without the "Patch Set N:" line it adds. */
  private String checkedComment(ChangeInfo c) throws Exception {
    String message = lastComment(c);
    return message.substring(message.indexOf("Backport check: ")).strip();
  }

  private void assertVotedWithin(ChangeInfo backport, int limit) throws Exception {
    assertWithMessage("the plugin's vote").that(vote(backport)).isEqualTo(-1);
    String comment = checkedComment(backport);
    assertWithMessage("comment length").that(comment.length()).isAtMost(limit);
    assertThat(comment).startsWith("Backport check: ");
  }

  @Test
  public void manyMissingPrerequisitesWithLongProjectNames() throws Exception {
    createBranch(project, BRANCH);
    List<String> footers = new ArrayList<>();
    List<ChangeInfo> prerequisites = new ArrayList<>();
    for (int i = 0; i < 42; i++) {
      // Long names as a site with deep hierarchies has them, one segment under 255 characters.
      String name =
          name(String.format("p%02d", i))
              + "/"
              + Strings.repeat("very-long-component-name-", 6)
              + "/"
              + Strings.repeat("and-another-one-", 8);
      Project.NameKey p = projectOperations.newProject().name(name).create();
      ChangeInfo prerequisite = create(p, "master", message("Add part " + i));
      prerequisites.add(prerequisite);
      footers.add("Depends-On: " + p.get() + "~" + prerequisite._number);
    }
    ChangeInfo backport = create(BRANCH, message("Use all parts", footers.toArray(String[]::new)));
    awaitEvaluations();

    assertVotedWithin(backport, DEFAULT_LIMIT);
    String comment = checkedComment(backport);
    assertThat(comment).startsWith("Backport check: 42 of 42 prerequisites are not merged on");
    // The first missing prerequisite is named with its link; the rest are counted.
    assertThat(comment).contains(link(prerequisites.get(0)));
    assertThat(comment).containsMatch("and \\d+ more");
  }

  @Test
  public void longNotUnderstoodList() throws Exception {
    createBranch(project, BRANCH);
    List<String> footers = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      footers.add("Depends-On: not-a-reference-" + i + "-" + Strings.repeat("x", 40));
    }
    ChangeInfo backport = create(BRANCH, message("Use it", footers.toArray(String[]::new)));
    awaitEvaluations();

    assertVotedWithin(backport, DEFAULT_LIMIT);
    String comment = checkedComment(backport);
    assertThat(comment).contains("Not understood");
    assertThat(comment).contains("not-a-reference-0-");
    assertThat(comment).containsMatch("and \\d+ more");
  }

  @Test
  public void oneHugeFooterValue() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo backport =
        create(BRANCH, message("Use it", "Depends-On: I" + Strings.repeat("a", 17_000)));
    awaitEvaluations();

    assertVotedWithin(backport, DEFAULT_LIMIT);
    String comment = checkedComment(backport);
    assertThat(comment).contains("Not understood");
    assertThat(comment).contains("…");
    assertThat(comment.length()).isLessThan(2_000);
  }

  @Test
  @GerritConfig(name = "change.commentSizeLimit", value = "2k")
  public void smallCommentSizeLimitOfTheServer() throws Exception {
    createBranch(project, BRANCH);
    List<String> footers = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      footers.add("Depends-On: " + newChangeId());
    }
    ChangeInfo backport = create(BRANCH, message("Use it", footers.toArray(String[]::new)));
    awaitEvaluations();

    assertVotedWithin(backport, 2048);
    assertThat(checkedComment(backport))
        .startsWith("Backport check: 20 of 20 prerequisites are not merged on wmf/1.0.");
  }

  @Test
  public void multiMegabyteMessageWithThousandsOfFooters() throws Exception {
    createBranch(project, BRANCH);
    StringBuilder m = new StringBuilder("Use it\n\n");
    for (int i = 0; i < 40_000; i++) {
      m.append("A long explanation of the backport, line ").append(i).append(".\n");
    }
    m.append('\n');
    for (int i = 0; i < 5_000; i++) {
      m.append("Depends-On: ").append(newChangeId()).append('\n');
    }
    assertThat(m.length()).isGreaterThan(2_000_000);
    testRepo
        .git()
        .fetch()
        .setRefSpecs("refs/heads/" + BRANCH + ":refs/remotes/origin/" + BRANCH)
        .call();
    testRepo.reset("origin/" + BRANCH);
    PushOneCommit.Result pushed =
        pushFactory
            .create(admin.newIdent(), testRepo, m.toString(), "a.txt", "content")
            .to("refs/for/" + BRANCH);
    pushed.assertOkStatus();
    ChangeInfo backport = gApi.changes().id(pushed.getChangeId()).get();
    awaitEvaluations();

    assertVotedWithin(backport, DEFAULT_LIMIT);
    String comment = checkedComment(backport);
    assertThat(comment).contains("not read");
  }
}
