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
package com.googlesource.gerrit.plugins.backportguard.recheck;

import com.google.common.collect.ImmutableList;
import com.google.gerrit.common.Nullable;
import com.google.gerrit.entities.Change;
import com.google.gerrit.exceptions.StorageException;
import com.google.gerrit.index.IndexConfig;
import com.google.gerrit.index.query.Predicate;
import com.google.gerrit.index.query.QueryParseException;
import com.google.gerrit.index.query.QueryResult;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.ChangeQueryProcessor;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.googlesource.gerrit.plugins.backportguard.query.Batches;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Change index queries of any size, within the server's limits: the alternatives of a query are
 * split into as many queries as {@code index.maxTerms} requires, and each query asks for as many
 * changes as the caller's bound leaves, so that what it cannot read is known and reported as cut,
 * never silently dropped. Visibility is not enforced, so neither is any user's {@code queryLimit}:
 * a re-check must find every dependent, whoever can see it.
 *
 * <p>Not paged: without visibility checks Gerrit's index does not skip to a start offset (it leaves
 * that to the visibility filter), so each query reads its results in one go, up to the bound. The
 * index serves no more than {@code index.maxLimit} changes per query when a site sets it; a query
 * with more results than that is reported as cut.
 */
public class BoundedChangeQuery {
  /**
   * Terms the index rewriter may add to a query ({@code status:open OR status:closed}), which count
   * against {@code index.maxTerms} too.
   */
  private static final int REWRITER_TERMS = 2;

  private final Provider<ChangeQueryProcessor> processors;
  private final int maxTerms;
  private final int maxLimit;

  @Inject
  BoundedChangeQuery(Provider<ChangeQueryProcessor> processors, IndexConfig indexConfig) {
    this.processors = processors;
    // index.maxTerms of gerrit.config as the server's index module read it; 1024 when unset.
    this.maxTerms = indexConfig.maxTerms();
    this.maxLimit = indexConfig.maxLimit();
  }

  /**
   * What a query found, without duplicates; {@code cut} when it stopped at the caller's bound or
   * the index's with more left to read.
   */
  public record Found(ImmutableList<ChangeData> changes, boolean cut) {}

  /** The server's {@code index.maxTerms}. */
  public int maxTerms() {
    return maxTerms;
  }

  /**
   * The changes that match {@code base} (if given) and any of the alternatives, at most {@code
   * maxChanges} of them.
   */
  public Found anyOf(
      @Nullable Predicate<ChangeData> base,
      Collection<Predicate<ChangeData>> alternatives,
      int maxChanges) {
    int perQuery =
        Math.max(1, maxTerms - (base == null ? 0 : base.getLeafCount()) - REWRITER_TERMS);
    Map<Change.Id, ChangeData> found = new LinkedHashMap<>();
    for (List<Predicate<ChangeData>> batch : batches(alternatives, perQuery)) {
      Predicate<ChangeData> any = Predicate.or(batch);
      if (!readAll(base == null ? any : Predicate.and(base, any), found, maxChanges)) {
        return new Found(ImmutableList.copyOf(found.values()), true);
      }
    }
    return new Found(ImmutableList.copyOf(found.values()), false);
  }

  /**
   * The alternatives in batches of at most {@code maxLeaves} terms each (an alternative such as
   * {@code project:p change:I...} counts its terms); an alternative larger than that alone.
   */
  private static List<List<Predicate<ChangeData>>> batches(
      Collection<Predicate<ChangeData>> alternatives, int maxLeaves) {
    // A leaf counts none of its own.
    return Batches.of(alternatives, p -> Math.max(1, p.getLeafCount()), maxLeaves);
  }

  /** Reads one query into {@code found}; false if a bound stopped it. */
  private boolean readAll(
      Predicate<ChangeData> query, Map<Change.Id, ChangeData> found, int maxChanges) {
    // One below index.maxLimit: asking for exactly maxLimit could not tell that more follow.
    int limit = Math.max(1, Math.min(maxChanges, maxLimit - 1));
    QueryResult<ChangeData> result;
    try {
      result =
          processors.get().enforceVisibility(false).setUserProvidedLimit(limit, false).query(query);
    } catch (QueryParseException e) {
      throw new StorageException(e);
    }
    for (ChangeData cd : result.entities()) {
      if (!found.containsKey(cd.getId())) {
        if (found.size() >= maxChanges) {
          return false;
        }
        found.put(cd.getId(), cd);
      }
    }
    return !result.more();
  }
}
