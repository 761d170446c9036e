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

package com.googlesource.gerrit.plugins.backportguard.search;

import com.google.common.collect.ImmutableList;
import com.google.gerrit.entities.Change;
import com.google.gerrit.exceptions.StorageException;
import com.google.gerrit.index.IndexConfig;
import com.google.gerrit.index.query.Predicate;
import com.google.gerrit.index.query.QueryParseException;
import com.google.gerrit.server.permissions.ChangePermission;
import com.google.gerrit.server.permissions.PermissionBackend;
import com.google.gerrit.server.permissions.PermissionBackendException;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.InternalChangeQuery;
import com.google.inject.Inject;
import com.google.inject.Provider;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyRef;
import com.googlesource.gerrit.plugins.backportguard.recheck.DependentsFinder;
import com.googlesource.gerrit.plugins.backportguard.recheck.Subject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes that declare a given change, as an index-backed query: the words every declaration of
 * it contains ({@code message:} terms, from {@link DependentsFinder}, the same lookup re-checks
 * use) and a filter that confirms the footer. Shared by {@code needs_<plugin>:} and {@code
 * needed-by}.
 */
public class DeclaringChanges {
  /** Terms Gerrit may add to a query ({@code status:open OR status:closed}), and the user's own. */
  private static final int RESERVED_TERMS = 10;

  private final DependentsFinder finder;
  private final Provider<InternalChangeQuery> queries;
  private final PermissionBackend permissionBackend;
  private final int maxTerms;

  @Inject
  DeclaringChanges(
      DependentsFinder finder,
      Provider<InternalChangeQuery> queries,
      PermissionBackend permissionBackend,
      IndexConfig indexConfig) {
    this.finder = finder;
    this.queries = queries;
    this.permissionBackend = permissionBackend;
    this.maxTerms = indexConfig.maxTerms();
  }

  /**
   * The changes a reference names that the current user can see, as one subject per change: one
   * index query. A change the user cannot see is not named, as if it did not exist.
   */
  ImmutableList<Subject> visibleChanges(String operator, String value, DependencyRef ref)
      throws QueryParseException {
    List<ChangeData> found;
    if (ref instanceof DependencyRef.ChangeId id) {
      found = queries.get().byKey(Change.key(id.id()));
    } else if (ref instanceof DependencyRef.ChangeIdPrefix p) {
      found = queries.get().byKeyPrefix(p.prefix());
    } else if (ref instanceof DependencyRef.Triplet t) {
      found =
          queries.get().byKey(Change.key(t.changeId())).stream()
              .filter(cd -> cd.project().get().equals(t.project()))
              .toList();
    } else if (ref instanceof DependencyRef.ChangeNumber n) {
      found =
          queries.get().byLegacyChangeId(Change.id(n.number())).stream()
              .filter(cd -> n.project().map(p -> p.equals(cd.project().get())).orElse(true))
              .toList();
    } else {
      throw new QueryParseException(
          operator + ": \"" + value + "\" is not a change of this server");
    }
    Map<Change.Id, Subject> visible = new LinkedHashMap<>();
    for (ChangeData cd : found) {
      if (canRead(cd)) {
        visible.put(cd.getId(), new Subject(cd.project(), cd.getId(), cd.change().getKey().get()));
      }
    }
    if (visible.isEmpty()) {
      throw new QueryParseException(
          String.format("%s: no change \"%s\" that you can see", operator, value));
    }
    long changeIds = visible.values().stream().map(Subject::changeId).distinct().count();
    if (ref instanceof DependencyRef.ChangeIdPrefix && changeIds > 1) {
      throw new QueryParseException(
          String.format(
              "%s: \"%s\" abbreviates %d Change-Ids; write more of it",
              operator, value, changeIds));
    }
    return ImmutableList.copyOf(visible.values());
  }

  private boolean canRead(ChangeData cd) {
    try {
      return permissionBackend.currentUser().change(cd).test(ChangePermission.READ);
    } catch (PermissionBackendException e) {
      throw new StorageException(e);
    }
  }

  /**
   * The changes that declare any of the subjects directly: index terms and a post-filter that
   * confirms the footer.
   */
  public Predicate<ChangeData> declaring(
      String operator, String value, Collection<Subject> subjects) throws QueryParseException {
    DependentsFinder.Declarers declarers = finder.declarersOf(subjects);
    Predicate<ChangeData> words = Predicate.or(declarers.words());
    if (words.getLeafCount() + RESERVED_TERMS > maxTerms) {
      throw new QueryParseException(
          String.format(
              "%s: \"%s\" is carried by so many changes that the query would need %d terms, over"
                  + " the server's index.maxTerms (%d)",
              operator, value, words.getLeafCount(), maxTerms));
    }
    List<Predicate<ChangeData>> all = new ArrayList<>();
    all.add(DependentsFinder.declaresSomething());
    all.add(words);
    all.add(new DeclaresPredicate(operator, value, declarers));
    return Predicate.and(all);
  }
}
