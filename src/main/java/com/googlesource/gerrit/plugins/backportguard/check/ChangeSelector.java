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

import static com.googlesource.gerrit.plugins.backportguard.query.Paging.PAGE_SIZE;
import static com.googlesource.gerrit.plugins.backportguard.query.QueryTerms.quote;

import com.google.common.collect.ImmutableList;
import com.google.gerrit.entities.Account;
import com.google.gerrit.entities.BranchNameKey;
import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.extensions.api.GerritApi;
import com.google.gerrit.extensions.client.ListChangesOption;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.restapi.ResourceNotFoundException;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.inject.Inject;
import com.googlesource.gerrit.plugins.backportguard.config.ServiceAccount;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Finds the changes to check, as the user the calling thread runs as sees them: the caller of the
 * {@code check} command, or the service account for the start-up sweep.
 *
 * <p>Queries are paged until the index says there is no more, so a user's query limit makes pages
 * smaller but never cuts the selection short.
 */
public class ChangeSelector {
  private final GerritApi gApi;
  private final ServiceAccount serviceAccount;

  @Inject
  ChangeSelector(GerritApi gApi, ServiceAccount serviceAccount) {
    this.gApi = gApi;
    this.serviceAccount = serviceAccount;
  }

  /**
   * One change, named as the REST API accepts it: a number, {@code project~number} or a Change-Id.
   *
   * @throws ResourceNotFoundException with a message for the user, if the user sees no such change
   *     or several
   */
  public CheckTarget change(String id) throws RestApiException {
    ChangeInfo info;
    try {
      info = gApi.changes().id(id).get(ListChangesOption.SKIP_DIFFSTAT);
    } catch (ResourceNotFoundException e) {
      // A Change-Id is shared by a change and its cherry-picks.
      throw new ResourceNotFoundException(
          e.getMessage() != null && e.getMessage().startsWith("Multiple changes")
              ? String.format(
                  "change \"%s\" matches several changes; name one as project~number", id)
              : String.format("change \"%s\" not found", id),
          e);
    }
    return new CheckTarget(Project.nameKey(info.project), Change.id(info._number));
  }

  /**
   * The open changes of a project.
   *
   * @throws ResourceNotFoundException with a message for the user, if the user cannot see the
   *     project
   */
  public ImmutableList<CheckTarget> openChanges(Project.NameKey project) throws RestApiException {
    requireProject(project);
    return query("status:open project:" + quote(project.get()));
  }

  /**
   * The open changes of a branch.
   *
   * @throws ResourceNotFoundException with a message for the user, if the user cannot see the
   *     project or the branch
   */
  public ImmutableList<CheckTarget> openChanges(BranchNameKey branch) throws RestApiException {
    requireProject(branch.project());
    try {
      gApi.projects().name(branch.project().get()).branch(branch.branch()).get();
    } catch (ResourceNotFoundException e) {
      throw new ResourceNotFoundException(
          String.format(
              "branch \"%s\" not found in project \"%s\"",
              branch.shortName(), branch.project().get()),
          e);
    }
    return query(
        "status:open project:"
            + quote(branch.project().get())
            + " branch:"
            + quote(branch.branch()));
  }

  /**
   * The open changes the plugin may have something to say about: those whose commit message has the
   * word "depends" (every {@code Depends-On} footer does, even one without a space after the colon;
   * the check itself decides whether a footer declares anything), and those the service account has
   * voted or commented on, whose recorded verdict may need taking back.
   */
  public ImmutableList<CheckTarget> openBackports() throws RestApiException {
    String query = "status:open message:depends";
    Optional<Account.Id> bot = serviceAccount();
    if (bot.isPresent()) {
      int id = bot.get().get();
      query = "status:open (message:depends OR reviewer:" + id + " OR cc:" + id + ")";
    }
    return query(query);
  }

  /** The service account, if it is configured and active. */
  public Optional<Account.Id> serviceAccount() {
    return serviceAccount.id();
  }

  private void requireProject(Project.NameKey project) throws RestApiException {
    try {
      gApi.projects().name(project.get()).get();
    } catch (ResourceNotFoundException e) {
      throw new ResourceNotFoundException(
          String.format("project \"%s\" not found", project.get()), e);
    }
  }

  private ImmutableList<CheckTarget> query(String query) throws RestApiException {
    TreeSet<CheckTarget> found = new TreeSet<>();
    int start = 0;
    List<ChangeInfo> page;
    do {
      page =
          gApi.changes()
              .query(query)
              .withOptions(ListChangesOption.SKIP_DIFFSTAT)
              .withStart(start)
              .withLimit(PAGE_SIZE)
              .get();
      for (ChangeInfo c : page) {
        found.add(new CheckTarget(Project.nameKey(c.project), Change.id(c._number)));
      }
      start += page.size();
    } while (!page.isEmpty() && Boolean.TRUE.equals(page.get(page.size() - 1)._moreChanges));
    return ImmutableList.copyOf(found);
  }
}
