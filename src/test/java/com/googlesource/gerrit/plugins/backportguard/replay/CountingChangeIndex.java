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

package com.googlesource.gerrit.plugins.backportguard.replay;

import com.google.gerrit.entities.Change;
import com.google.gerrit.entities.Project;
import com.google.gerrit.index.QueryOptions;
import com.google.gerrit.index.Schema;
import com.google.gerrit.index.query.DataSource;
import com.google.gerrit.index.query.FieldBundle;
import com.google.gerrit.index.query.Matchable;
import com.google.gerrit.index.query.Predicate;
import com.google.gerrit.index.query.QueryParseException;
import com.google.gerrit.server.index.change.ChangeIndex;
import com.google.gerrit.server.query.change.ChangeData;
import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gerrit's change search index, counting the queries made on the plugin's work queue threads: the
 * plugin's own count covers only its resolution, and Gerrit's query metric is a latency sum.
 * Queries made from the plugin's resolve package (resolution) and recheck package (finding the
 * dependents of a change that changed) are told apart from those Gerrit makes itself while the
 * plugin posts its vote. Installed in place of the search index for the replay and removed after
 * it.
 */
final class CountingChangeIndex implements ChangeIndex {
  private static final String RESOLVE_PACKAGE =
      "com.googlesource.gerrit.plugins.backportguard.resolve.";
  private static final String RECHECK_PACKAGE =
      "com.googlesource.gerrit.plugins.backportguard.recheck.";

  private final ChangeIndex index;
  private final String threadPrefix;
  private final AtomicLong resolverQueries = new AtomicLong();
  private final AtomicLong recheckQueries = new AtomicLong();
  private final AtomicLong otherQueries = new AtomicLong();

  /**
   * @param threadPrefix the name that the plugin's queue threads start with
   */
  CountingChangeIndex(ChangeIndex index, String threadPrefix) {
    this.index = index;
    this.threadPrefix = threadPrefix;
  }

  ChangeIndex unwrap() {
    return index;
  }

  /** Queries made by the plugin's dependency resolution so far. */
  long resolverQueries() {
    return resolverQueries.get();
  }

  /** Queries made finding the dependents of changes that changed, so far. */
  long recheckQueries() {
    return recheckQueries.get();
  }

  /** Other queries on the plugin's threads so far: Gerrit's own, e.g. while posting a review. */
  long otherQueries() {
    return otherQueries.get();
  }

  private void count() {
    if (!Thread.currentThread().getName().startsWith(threadPrefix)) {
      return;
    }
    String caller =
        StackWalker.getInstance()
            .walk(
                s ->
                    s.map(f -> f.getClassName())
                        .filter(c -> c.startsWith(RESOLVE_PACKAGE) || c.startsWith(RECHECK_PACKAGE))
                        .findFirst()
                        .orElse(""));
    if (caller.startsWith(RESOLVE_PACKAGE)) {
      resolverQueries.incrementAndGet();
    } else if (caller.startsWith(RECHECK_PACKAGE)) {
      recheckQueries.incrementAndGet();
    } else {
      otherQueries.incrementAndGet();
    }
  }

  @Override
  public DataSource<ChangeData> getSource(Predicate<ChangeData> p, QueryOptions opts)
      throws QueryParseException {
    count();
    return index.getSource(p, opts);
  }

  @Override
  public Optional<ChangeData> get(Change.Id key, QueryOptions opts) {
    count();
    return index.get(key, opts);
  }

  @Override
  public Optional<FieldBundle> getRaw(Change.Id key, QueryOptions opts) {
    count();
    return index.getRaw(key, opts);
  }

  @Override
  public Schema<ChangeData> getSchema() {
    return index.getSchema();
  }

  @Override
  public void close() {
    index.close();
  }

  @Override
  public void insert(ChangeData obj) {
    index.insert(obj);
  }

  @Override
  public void replace(ChangeData obj) {
    index.replace(obj);
  }

  @Override
  public void deleteByValue(ChangeData value) {
    index.deleteByValue(value);
  }

  @Override
  public void delete(Change.Id key) {
    index.delete(key);
  }

  @Override
  public void deleteAllForProject(Project.NameKey project) {
    index.deleteAllForProject(project);
  }

  @Override
  public void deleteAll() {
    index.deleteAll();
  }

  @Override
  public int numDocs() {
    return index.numDocs();
  }

  @Override
  public Predicate<ChangeData> keyPredicate(Change.Id id) {
    return index.keyPredicate(id);
  }

  @Override
  public void markReady(boolean ready) {
    index.markReady(ready);
  }

  @Override
  public boolean isEnabled() {
    return index.isEnabled();
  }

  @Override
  public Optional<Matchable<ChangeData>> getIndexFilter() {
    return index.getIndexFilter();
  }

  @Override
  public boolean snapshot(String id) throws IOException {
    return index.snapshot(id);
  }
}
