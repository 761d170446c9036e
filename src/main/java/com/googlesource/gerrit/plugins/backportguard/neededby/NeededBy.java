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

package com.googlesource.gerrit.plugins.backportguard.neededby;

import com.google.common.collect.Iterables;
import com.google.gerrit.entities.Change;
import com.google.gerrit.extensions.registration.DynamicItem;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.extensions.restapi.Response;
import com.google.gerrit.extensions.restapi.RestReadView;
import com.google.gerrit.index.query.Predicate;
import com.google.gerrit.index.query.QueryParseException;
import com.google.gerrit.index.query.QueryResult;
import com.google.gerrit.server.change.ChangeResource;
import com.google.gerrit.server.config.UrlFormatter;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.ChangeQueryProcessor;
import com.google.gerrit.server.query.change.ChangeStatusPredicate;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.googlesource.gerrit.plugins.backportguard.recheck.Subject;
import com.googlesource.gerrit.plugins.backportguard.search.DeclaringChanges;
import com.googlesource.gerrit.plugins.backportguard.store.Outcomes;
import com.googlesource.gerrit.plugins.backportguard.store.StoredVerdict;
import com.googlesource.gerrit.plugins.backportguard.store.VerdictStore;
import java.util.ArrayList;
import java.util.List;
import org.kohsuke.args4j.Option;

/**
 * {@code GET /changes/{change-id}/backport-guard~needed-by}: the open changes that declare this
 * change in a {@code Depends-On} footer, in any form, as the caller's own query would list them
 * (visibility and {@code queryLimit} apply), in pages. Each with the plugin's stored outcome: no
 * change is checked for the answer.
 */
public class NeededBy implements RestReadView<ChangeResource> {
  /** Changes per page unless the caller asks for another number. */
  static final int DEFAULT_LIMIT = 100;

  private final Provider<ChangeQueryProcessor> processors;
  private final DeclaringChanges declaring;
  private final VerdictStore store;
  private final DynamicItem<UrlFormatter> urlFormatter;

  private int limit = DEFAULT_LIMIT;
  private int start;

  @Option(
      name = "--limit",
      aliases = {"-n"},
      metaVar = "CNT",
      usage = "maximum number of changes to list")
  public void setLimit(int limit) {
    this.limit = limit;
  }

  @Option(
      name = "--start",
      aliases = {"-S"},
      metaVar = "CNT",
      usage = "number of changes to skip")
  public void setStart(int start) {
    this.start = start;
  }

  @Inject
  NeededBy(
      Provider<ChangeQueryProcessor> processors,
      DeclaringChanges declaring,
      VerdictStore store,
      DynamicItem<UrlFormatter> urlFormatter) {
    this.processors = processors;
    this.declaring = declaring;
    this.store = store;
    this.urlFormatter = urlFormatter;
  }

  @Override
  public Response<List<NeededByInfo>> apply(ChangeResource rsrc) throws BadRequestException {
    if (limit < 1) {
      throw new BadRequestException("n must be at least 1, not " + limit);
    }
    if (start < 0) {
      throw new BadRequestException("S must not be negative, not " + start);
    }
    Change change = rsrc.getChange();
    String name = "needed-by " + change.getId().get();
    QueryResult<ChangeData> result;
    try {
      Predicate<ChangeData> query =
          Predicate.and(
              ChangeStatusPredicate.open(),
              declaring.declaring(
                  name,
                  Integer.toString(change.getId().get()),
                  List.of(
                      new Subject(change.getProject(), change.getId(), change.getKey().get()))));
      // As the caller: enforces visibility, and the caller's queryLimit caps the page.
      result = processors.get().setStart(start).setUserProvidedLimit(limit, false).query(query);
    } catch (QueryParseException e) {
      throw new BadRequestException(e.getMessage(), e);
    }
    List<NeededByInfo> out = new ArrayList<>();
    for (ChangeData cd : result.entities()) {
      out.add(info(cd));
    }
    if (result.more() && !out.isEmpty()) {
      Iterables.getLast(out)._moreChanges = true;
    }
    return Response.ok(out);
  }

  private NeededByInfo info(ChangeData cd) {
    Change c = cd.change();
    NeededByInfo i = new NeededByInfo();
    i.project = c.getProject().get();
    i.branch = c.getDest().shortName();
    i.changeId = c.getKey().get();
    i._number = c.getId().get();
    i.subject = c.getSubject();
    i.status = c.getStatus().asChangeStatus();
    i.url = urlFormatter.get().getChangeViewUrl(c.getProject(), c.getId()).orElse(null);
    StoredVerdict v = store.get(c.getId()).orElse(null);
    i.outcome = v == null ? Outcomes.UNKNOWN : v.outcome();
    i.missing = v == null ? null : v.missing();
    return i;
  }
}
