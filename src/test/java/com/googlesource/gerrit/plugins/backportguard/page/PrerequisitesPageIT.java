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

package com.googlesource.gerrit.plugins.backportguard.page;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static com.google.gerrit.acceptance.testsuite.project.TestProjectUpdate.block;

import com.google.gerrit.acceptance.TestPlugin;
import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.common.RawInputUtil;
import com.google.gerrit.entities.Permission;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.server.group.SystemGroupBackend;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import com.googlesource.gerrit.plugins.backportguard.verdict.VerdictComment;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page of the prerequisites, driven in Debian's headless Chromium against the in-process Gerrit
 * with the plugin and its REST API: what it shows for a blocked backport and a cycle, the one-click
 * cherry-pick and "check again" of a signed-in user, the read-only view of an anonymous reader, and
 * its messages for a change it cannot show, a refused request, a failing and a slow server. Saves
 * screenshots under {@code target/screenshots/}.
 */
@TestPlugin(
    name = "backport-guard",
    sysModule = "com.googlesource.gerrit.plugins.backportguard.PluginModule",
    httpModule = "com.googlesource.gerrit.plugins.backportguard.page.TestPageServing")
public class PrerequisitesPageIT extends BackportGuardTestBase {
  /** Signing in as a browser does: Gerrit's development login sets the session cookie. */
  private static final String SIGN_IN = "DEVELOPMENT_BECOME_ANY_ACCOUNT";

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Pattern PAGE_LINK =
      Pattern.compile(
          Pattern.quote(VerdictComment.PAGE_LINE) + "\\S*(/plugins/backport-guard/static/\\S+)");

  private static ChromeDriver chrome;
  private static FaultInjectingProxy proxy;

  @Before
  public void startBrowser() throws Exception {
    if (chrome == null) {
      chrome = HeadlessChromium.start();
      proxy = new FaultInjectingProxy();
    }
    proxy.target(canonicalWebUrl.get());
    proxy.clearFaults();
    // A fresh session: no cookie of an earlier test's user. WebDriver deletes the cookies of the
    // document it shows, so show one of the proxy's origin first.
    showDocumentOfProxy();
    chrome.manage().deleteAllCookies();
  }

  @AfterClass
  public static void stopBrowser() {
    if (chrome != null) {
      chrome.quit();
      chrome = null;
    }
    if (proxy != null) {
      proxy.close();
      proxy = null;
    }
  }

  @Test
  @GerritConfig(name = "auth.type", value = SIGN_IN)
  public void aBlockedBackportShowsItsChainAcrossBranchesAndIsFixedInOneClick() throws Exception {
    // A readable name for the screenshots.
    Project.NameKey core = projectOperations.newProject().name("mediawiki/core").create();
    createBranch(core, BRANCH);
    ChangeInfo base = withFile(create(core, "master", message("Add the helper")), "helper.py");
    merge(base);
    ChangeInfo middle =
        withFile(
            create(core, "master", message("Use the helper", "Depends-On: " + base.changeId)),
            "use.py");
    merge(middle);
    ChangeInfo backport =
        create(core, BRANCH, message("Backport the fix", "Depends-On: " + middle.changeId));
    awaitEvaluations();
    assertThat(vote(backport)).isEqualTo(-1);

    // The plugin's comment links to the page; the browser follows that very link.
    Matcher m = PAGE_LINK.matcher(lastComment(backport));
    assertWithMessage("the comment links to the page").that(m.find()).isTrue();
    assertThat(m.group(1))
        .isEqualTo(
            "/plugins/backport-guard/static/prerequisites.html#"
                + core.get()
                + "~"
                + backport._number);
    signIn(admin.id().get());
    chrome.get(proxy.origin() + m.group(1));
    awaitShown();

    assertThat(text("target-branch")).isEqualTo(BRANCH);
    assertThat(outcome()).isEqualTo("blocked");
    assertThat(text("outcome")).contains("Blocked");
    assertThat(text("outcome")).contains("Verified -1");
    // Landing order, the deepest first; the target branch first among the columns.
    assertThat(rowNumbers()).containsExactly(base._number, middle._number).inOrder();
    assertThat(columns()).containsExactly("Prerequisite", BRANCH + " (target)", "master").inOrder();
    assertThat(cell(base, BRANCH)).isEqualTo("missing");
    assertThat(cell(base, "master")).isEqualTo("merged");
    assertThat(cell(middle, BRANCH)).isEqualTo("missing");
    assertThat(cell(middle, "master")).isEqualTo("merged");
    assertThat(cellClass(base, BRANCH)).contains("bad");
    assertThat(cellClass(base, "master")).contains("ok");
    assertThat(text("landing")).contains("this change");
    HeadlessChromium.screenshot(chrome, "blocked-backport");

    // One click: the dry run's plan first, then the picks once confirmed.
    click("pick");
    new WebDriverWait(chrome, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-pick")));
    List<WebElement> planned = chrome.findElements(By.cssSelector("#plan-picks li"));
    assertThat(planned).hasSize(2);
    assertThat(planned.get(0).getText()).contains("change " + base._number);
    assertThat(planned.get(1).getText()).contains("change " + middle._number);
    assertWithMessage("nothing made by the dry run")
        .that(
            gApi.changes()
                .query("project:" + core.get() + " branch:" + BRANCH + " status:open")
                .get())
        .hasSize(1);
    HeadlessChromium.screenshot(chrome, "one-click-plan");

    click("confirm-pick");
    awaitStatus("Made 2");
    List<ChangeInfo> made =
        gApi.changes()
            .query(
                "project:"
                    + core.get()
                    + " branch:"
                    + BRANCH
                    + " status:open -change:"
                    + backport._number)
            .get();
    assertThat(made).hasSize(2);
    List<WebElement> listed = chrome.findElements(By.cssSelector("#made li"));
    assertThat(listed).hasSize(2);
    for (ChangeInfo c : made) {
      assertThat(text("made")).contains("change " + c._number);
    }
    // The grid shows the new state: both open on the target branch, linked to the new changes.
    assertThat(cell(base, BRANCH)).isEqualTo("open");
    assertThat(cell(middle, BRANCH)).isEqualTo("open");
    assertThat(cellClass(base, BRANCH)).contains("open");
    HeadlessChromium.screenshot(chrome, "after-one-click-fix");

    awaitEvaluations();
    click("recheck");
    new WebDriverWait(chrome, WAIT)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Checked again"));
    assertThat(outcome()).isEqualTo("blocked");
    assertThat(cell(base, BRANCH)).isEqualTo("open");
  }

  @Test
  @GerritConfig(name = "auth.type", value = SIGN_IN)
  public void copiesOnOtherBranchesGetTheirColumnsTheRestBehindMore() throws Exception {
    createBranch(project, BRANCH);
    createBranch(project, "wmf/0.9");
    createBranch(project, "wmf/1.1");
    ChangeInfo base = withFile(create("master", message("Add the helper")), "helper.py");
    merge(base);
    ChangeInfo baseOld = cherryPickTo(base, "wmf/0.9");
    merge(baseOld);
    ChangeInfo middle =
        withFile(
            create("master", message("Use the helper", "Depends-On: " + base.changeId)), "use.py");
    merge(middle);
    ChangeInfo middleOld = cherryPickTo(middle, "wmf/0.9");
    ChangeInfo middleNew = cherryPickTo(middle, "wmf/1.1");
    abandon(middleNew);
    ChangeInfo backport = backport(middle.changeId);

    // Room for one other branch: the default branch; the two others behind "more".
    signIn(admin.id().get());
    chrome.get(pageUrl(project.get(), backport._number, "?columns=1"));
    awaitShown();
    assertThat(rowNumbers()).containsExactly(base._number, middle._number).inOrder();
    assertThat(columns()).containsExactly("Prerequisite", BRANCH + " (target)", "master").inOrder();
    WebElement more = chrome.findElement(By.id("more-columns"));
    assertThat(more.getText()).isEqualTo("2 more branches");
    assertThat(more.getAttribute("aria-expanded")).isEqualTo("false");

    click("more-columns");
    // The branch with more copies first.
    assertThat(columns())
        .containsExactly("Prerequisite", BRANCH + " (target)", "master", "wmf/0.9", "wmf/1.1")
        .inOrder();
    assertThat(chrome.findElement(By.id("more-columns")).getAttribute("aria-expanded"))
        .isEqualTo("true");
    // The chain-only row too: its copies come with it in the landing order.
    assertThat(cell(base, "wmf/0.9")).isEqualTo("merged");
    assertThat(cellClass(base, "wmf/0.9")).contains("ok");
    assertThat(cellLink(base, "wmf/0.9")).endsWith("/+/" + baseOld._number);
    assertThat(cell(base, "wmf/1.1")).isEqualTo("no copy known");
    assertThat(cell(middle, "wmf/0.9")).isEqualTo("open");
    assertThat(cellClass(middle, "wmf/0.9")).contains("open");
    assertThat(cellLink(middle, "wmf/0.9")).endsWith("/+/" + middleOld._number);
    assertThat(cell(middle, "wmf/1.1")).isEqualTo("abandoned");
    assertThat(cellClass(middle, "wmf/1.1")).contains("bad");
    assertThat(cellLink(middle, "wmf/1.1")).endsWith("/+/" + middleNew._number);
    assertThat(cell(middle, BRANCH)).isEqualTo("missing");
    HeadlessChromium.screenshot(chrome, "copies-on-other-branches");

    click("more-columns");
    assertThat(columns()).containsExactly("Prerequisite", BRANCH + " (target)", "master").inOrder();
    assertThat(chrome.findElement(By.id("more-columns")).getText()).isEqualTo("2 more branches");

    // With the default room, every branch is shown and there is nothing more.
    chrome.get(pageUrl(project.get(), backport._number, ""));
    awaitShown();
    assertThat(columns()).hasSize(5);
    assertThat(chrome.findElements(By.id("more-columns"))).isEmpty();
  }

  @Test
  @GerritConfig(name = "auth.type", value = SIGN_IN)
  public void aCycleIsDrawnAsOne() throws Exception {
    Project.NameKey demo = projectOperations.newProject().name("demo").create();
    createBranch(demo, BRANCH);
    String topId = newChangeId();
    ChangeInfo other = create(demo, "master", message("Other half", "Depends-On: " + topId));
    ChangeInfo top =
        create(demo, BRANCH, messageWithId("One half", topId, "Depends-On: " + other.changeId));
    awaitEvaluations();

    signIn(admin.id().get());
    open(top);
    awaitShown();

    assertThat(outcome()).isEqualTo("blocked");
    WebElement cycle = chrome.findElement(By.id("cycle-section"));
    assertThat(cycle.isDisplayed()).isTrue();
    List<String> steps = new ArrayList<>();
    for (WebElement li : chrome.findElements(By.cssSelector("#cycle li"))) {
      steps.add(li.getText());
    }
    assertThat(steps).hasSize(3);
    assertThat(steps.get(0)).contains("this change (" + top._number + ")");
    assertThat(steps.get(1)).contains("change " + other._number);
    assertThat(steps.get(2)).contains("back to this change (" + top._number + ")");
    assertThat(chrome.findElement(By.id("landing-section")).isDisplayed()).isFalse();
    // Nothing can be picked in a cycle: no such button, but a re-check.
    assertThat(chrome.findElements(By.id("pick"))).isEmpty();
    assertThat(chrome.findElements(By.id("recheck"))).hasSize(1);
    HeadlessChromium.screenshot(chrome, "cycle");
  }

  @Test
  @GerritConfig(name = "auth.type", value = SIGN_IN)
  public void anAnonymousReaderOfAPublicChangeReadsItWithoutButtons() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport =
        create(
            BRANCH,
            message(
                "Use the helper",
                "Depends-On: " + prerequisite.changeId,
                "Depends-On: https://gitlab.example.org/group/repo/-/merge_requests/12",
                "Depends-On: bogus"));
    awaitEvaluations();

    open(backport);
    awaitShown();

    assertThat(text("status")).contains("read-only");
    assertThat(cell(prerequisite, BRANCH)).isEqualTo("missing");
    assertThat(cell(prerequisite, "master")).isEqualTo("merged");
    assertThat(chrome.findElement(By.id("actions")).isDisplayed()).isFalse();
    assertThat(chrome.findElements(By.cssSelector("#actions button"))).isEmpty();
    assertThat(text("external")).contains("gitlab.example.org");
    assertThat(text("not-understood")).contains("bogus");
    // The page asked Gerrit for the session's XSRF token, and an anonymous reader has none.
    assertThat(chrome.manage().getCookieNamed("XSRF_TOKEN")).isNull();
  }

  @Test
  @GerritConfig(name = "auth.type", value = SIGN_IN)
  public void aChangeItCannotShowGetsAClearMessage() throws Exception {
    // No such change.
    signIn(user.id().get());
    chrome.get(pageUrl(project.get(), 999999, ""));
    assertError("404", "does not exist, or you may not see it");

    // A change the reader may not see reads the same: Gerrit answers 404 for both.
    ChangeInfo hidden = create(BRANCH.equals("x") ? "x" : "master", message("Hidden"));
    projectOperations
        .project(project)
        .forUpdate()
        .add(
            block(Permission.READ)
                .ref("refs/heads/master")
                .group(SystemGroupBackend.REGISTERED_USERS))
        .update();
    open(hidden);
    assertError("404", "does not exist, or you may not see it");

    // An address that names no change.
    chrome.get(pageUrl("", 0, "").replace("#~0", "#nonsense"));
    assertError("error", "must end with #<project>~<number>");
  }

  @Test
  @GerritConfig(name = "auth.type", value = SIGN_IN)
  public void aRefusedCherryPickSaysWhyAndWhatWasMade() throws Exception {
    createBranch(project, BRANCH);
    ChangeInfo prerequisite = withFile(create("master", message("Add the helper")), "helper.py");
    merge(prerequisite);
    ChangeInfo backport = backport(prerequisite.changeId);
    // The reader may read the branch but not upload to it: Gerrit refuses the cherry-pick (403).
    projectOperations
        .project(project)
        .forUpdate()
        .add(
            block(Permission.PUSH)
                .ref("refs/for/refs/heads/" + BRANCH)
                .group(SystemGroupBackend.REGISTERED_USERS))
        .update();

    signIn(user.id().get());
    open(backport);
    awaitShown();
    click("pick");
    new WebDriverWait(chrome, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-pick")));
    click("confirm-pick");

    assertError("403", "The cherry-picks stopped.");
    assertThat(text("error")).contains("change " + prerequisite._number);
    assertThat(text("error")).contains("Nothing was made");
    // The grid is still there, unchanged.
    assertThat(cell(prerequisite, BRANCH)).isEqualTo("missing");
  }

  @Test
  @GerritConfig(name = "auth.type", value = SIGN_IN)
  public void aFailingOrSlowServerGetsAClearMessageNeverABlankPage() throws Exception {
    ChangeInfo prerequisite = prerequisiteMergedAfterCut();
    ChangeInfo backport = backport(prerequisite.changeId);

    proxy.fault("~prerequisites", new FaultInjectingProxy.Fault(500, null));
    open(backport);
    assertError("500", "The server failed (HTTP 500)");

    proxy.fault("~prerequisites", new FaultInjectingProxy.Fault(0, Duration.ofSeconds(6)));
    chrome.get(pageUrl(project.get(), backport._number, "?timeout=2"));
    assertError("-1", "did not answer within 2 s");

    // "Try again" once the server is back.
    proxy.clearFaults();
    chrome.findElement(By.cssSelector("#error button")).click();
    awaitShown();
    assertThat(cell(prerequisite, BRANCH)).isEqualTo("missing");
  }

  /** The change with a file added, so that a cherry-pick of it is not empty. */
  private ChangeInfo withFile(ChangeInfo c, String file) throws Exception {
    gApi.changes().id(c.id).edit().create();
    gApi.changes().id(c.id).edit().modifyFile(file, RawInputUtil.create("content of " + file));
    gApi.changes().id(c.id).edit().publish();
    return gApi.changes().id(c.id).get();
  }

  private void signIn(int accountId) {
    chrome.get(proxy.origin() + "/login/?account_id=" + accountId);
    // WebDriver reads the cookies of the document it shows: the session cookie is the proxy
    // origin's, so check it on a document of that origin.
    showDocumentOfProxy();
    assertWithMessage("signed in as account %s", accountId)
        .that(chrome.manage().getCookieNamed("GerritAccount"))
        .isNotNull();
  }

  /**
   * Shows a document of the proxy's origin: Gerrit's root, whatever it answers there (its UI, or a
   * 404 in the test server). Not a REST view: Gerrit 3.10 answers every one with {@code
   * Content-Disposition: attachment}, a download, which leaves the browser on the page it showed.
   */
  private void showDocumentOfProxy() {
    chrome.get(proxy.origin() + "/");
    assertWithMessage("the browser shows a document of the proxy's origin")
        .that(chrome.getCurrentUrl())
        .startsWith(proxy.origin() + "/");
  }

  private String pageUrl(String project, int number, String query) {
    return proxy.origin()
        + "/plugins/backport-guard/static/prerequisites.html"
        + query
        + "#"
        + project
        + "~"
        + number;
  }

  private void open(ChangeInfo c) {
    chrome.get(pageUrl(c.project, c._number, ""));
  }

  private void awaitShown() {
    awaitStatus("Shown");
  }

  /** Waits until the status line says {@code what}; fails with the page's error if it shows one. */
  private void awaitStatus(String what) {
    new WebDriverWait(chrome, WAIT)
        .until(
            d ->
                d.findElement(By.id("status")).getText().contains(what)
                    || d.findElement(By.id("error")).isDisplayed());
    assertWithMessage("error shown by the page while waiting for \"%s\"", what)
        .that(chrome.findElement(By.id("error")).isDisplayed() ? text("error") : "")
        .isEmpty();
  }

  private void assertError(String status, String message) {
    new WebDriverWait(chrome, WAIT)
        .until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
    WebElement error = chrome.findElement(By.id("error"));
    assertThat(error.getText()).contains(message);
    assertThat(error.getAttribute("data-status")).isEqualTo(status);
    assertThat(error.getAttribute("role")).isEqualTo("alert");
  }

  private void click(String id) {
    WebElement button = chrome.findElement(By.id(id));
    assertThat(button.getTagName()).isEqualTo("button");
    button.click();
  }

  private String text(String id) {
    return chrome.findElement(By.id(id)).getText();
  }

  private String outcome() {
    return chrome.findElement(By.id("outcome")).getAttribute("data-outcome");
  }

  private List<Integer> rowNumbers() {
    List<Integer> out = new ArrayList<>();
    for (WebElement tr : chrome.findElements(By.cssSelector("#grid tbody tr"))) {
      out.add(Integer.valueOf(tr.getAttribute("data-row")));
    }
    return out;
  }

  private List<String> columns() {
    List<String> out = new ArrayList<>();
    for (WebElement th : chrome.findElements(By.cssSelector("#grid thead th"))) {
      out.add(th.getText());
    }
    return out;
  }

  private WebElement cellOf(ChangeInfo row, String branch) {
    return chrome.findElement(
        By.cssSelector(
            "#grid tbody tr[data-change-id='"
                + row.changeId
                + "'] td[data-branch='"
                + branch
                + "']"));
  }

  private String cell(ChangeInfo row, String branch) {
    return cellOf(row, branch).getText();
  }

  private String cellLink(ChangeInfo row, String branch) {
    return cellOf(row, branch).findElement(By.tagName("a")).getAttribute("href");
  }

  private String cellClass(ChangeInfo row, String branch) {
    return cellOf(row, branch).getAttribute("class");
  }
}
