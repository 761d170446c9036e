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

import static com.googlesource.gerrit.plugins.backportguard.query.Paging.PAGE_SIZE;

import com.google.common.collect.ImmutableList;
import com.google.common.flogger.FluentLogger;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.googlesource.gerrit.plugins.backportguard.query.Batches;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs "any of these terms" as index queries that the server accepts and reads to the end: the
 * terms go in batches that stay inside {@code index.maxTerms}, and each batch is read page by page
 * for as long as Gerrit says there are more ({@code _more_changes}), whatever limit the querying
 * user's {@code queryLimit} sets. Every query and every page counts against the check's budget;
 * when it runs out, the query fails with a {@link BoundReachedException} rather than return a list
 * that is silently cut. A batch Gerrit refuses (400: a term its parser cannot read) is run again a
 * term at a time, and a term refused alone matches nothing, so that one bad reference neither hides
 * the others nor leaves the change without a verdict.
 */
public final class ChangeQuery {
  private static final FluentLogger logger = FluentLogger.forEnclosingClass();

  /** One page of results: the changes matching {@code query}, skipping the first {@code start}. */
  @FunctionalInterface
  public interface Pages {
    List<ChangeInfo> page(String query, int start, int limit) throws RestApiException;
  }

  /** Leaf terms left free for the filter and what Gerrit adds to a query (status, visibility). */
  static final int RESERVED_TERMS = 10;

  private final Pages pages;
  private final int maxTerms;
  private final CheckBudget budget;

  public ChangeQuery(Pages pages, int maxTerms, CheckBudget budget) {
    this.pages = pages;
    this.maxTerms = maxTerms;
    this.budget = budget;
  }

  /**
   * Every change that matches any of the terms and the filter, each once.
   *
   * @param terms query terms, e.g. {@code change:I1234567}, {@code revertof:12}
   * @param filter a term every result must match as well, e.g. {@code status:merged}; may be empty
   */
  public ImmutableList<ChangeInfo> any(Collection<String> terms, String filter)
      throws RestApiException, BoundReachedException {
    Map<Integer, ChangeInfo> out = new LinkedHashMap<>();
    for (List<String> batch : batches(terms, maxTerms - RESERVED_TERMS - leaves(filter))) {
      try {
        read(batch, filter, out);
      } catch (BadRequestException refused) {
        // Gerrit refuses the whole query for one term it cannot parse: find out which, so that
        // the others are still looked up; a refused term matches nothing (not found, blocks).
        for (String term : batch) {
          try {
            read(List.of(term), filter, out);
          } catch (BadRequestException e) {
            logger.atFine().withCause(e).log("Gerrit refuses the query term %s", term);
          }
        }
      }
    }
    return ImmutableList.copyOf(out.values());
  }

  /**
   * Reads every page of "any of the terms", adding to {@code out}.
   *
   * @throws BadRequestException if Gerrit refuses the query itself (its first page)
   */
  private void read(List<String> terms, String filter, Map<Integer, ChangeInfo> out)
      throws RestApiException, BoundReachedException {
    String any = String.join(" OR ", terms);
    String q = filter.isEmpty() ? any : filter + " (" + any + ")";
    for (int start = 0; ; ) {
      budget.countQuery();
      List<ChangeInfo> page;
      try {
        page = pages.page(q, start, PAGE_SIZE);
      } catch (BadRequestException e) {
        if (start == 0) {
          throw e;
        }
        // Past the server's index.maxPages: the rest cannot be read.
        throw new BoundReachedException("index.maxPages");
      }
      page.forEach(c -> out.putIfAbsent(c._number, c));
      if (page.isEmpty() || !Boolean.TRUE.equals(page.get(page.size() - 1)._moreChanges)) {
        return;
      }
      start += page.size();
    }
  }

  /**
   * Splits the terms into batches of at most {@code maxLeaves} leaf terms each, as Gerrit counts
   * them; a term that alone is over the limit still gets a batch of its own.
   */
  static List<List<String>> batches(Collection<String> terms, int maxLeaves) {
    return Batches.of(terms, ChangeQuery::leaves, maxLeaves);
  }

  /**
   * The leaf terms Gerrit makes of a term: {@code change:project~number} is a project and a number,
   * a triplet three; an operator of its own is one.
   */
  static int leaves(String term) {
    if (term.isEmpty()) {
      return 0;
    }
    return 1 + (int) term.chars().filter(ch -> ch == '~').count();
  }
}
