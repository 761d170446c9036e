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

import static com.google.common.collect.ImmutableSet.toImmutableSet;
import static com.google.common.truth.Truth.assertThat;

import com.google.gerrit.acceptance.config.GerritConfig;
import com.google.gerrit.index.query.Predicate;
import com.google.gerrit.server.query.change.ChangeData;
import com.google.gerrit.server.query.change.ChangePredicates;
import com.googlesource.gerrit.plugins.backportguard.BackportGuardTestBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.lucene.search.IndexSearcher;
import org.junit.After;
import org.junit.Test;

/** Queries of any size are split to fit index.maxTerms, and say when a bound cut them. */
public class BoundedChangeQueryIT extends BackportGuardTestBase {
  @After
  public void restoreLuceneClauseLimit() {
    // Gerrit's Lucene index sets this JVM-wide static from index.maxTerms.
    IndexSearcher.setMaxClauseCount(1024);
  }

  private BoundedChangeQuery query() {
    return plugin.getSysInjector().getInstance(BoundedChangeQuery.class);
  }

  private Set<Integer> created = Set.of();

  /** Twelve changes, each mentioning all six words. */
  private List<Predicate<ChangeData>> twelveChangesAndSixWords() throws Exception {
    List<String> words = List.of("alpha", "bravo", "charlie", "delta", "echo", "foxtrot");
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      numbers.add(create("master", message("Change " + i + " " + String.join(" ", words)))._number);
    }
    created = Set.copyOf(numbers);
    return words.stream().map(ChangePredicates::message).toList();
  }

  private static Set<Integer> numbers(BoundedChangeQuery.Found found) {
    return found.changes().stream().map(cd -> cd.getId().get()).collect(toImmutableSet());
  }

  @Test
  @GerritConfig(name = "index.maxTerms", value = "5")
  public void everyBatchIsReadInFull() throws Exception {
    List<Predicate<ChangeData>> words = twelveChangesAndSixWords();
    BoundedChangeQuery q = query();
    assertThat(q.maxTerms()).isEqualTo(5);

    BoundedChangeQuery.Found found =
        q.anyOf(ChangePredicates.project(project), words, Integer.MAX_VALUE);

    assertThat(found.cut()).isFalse();
    assertThat(numbers(found)).containsExactlyElementsIn(created);
  }

  @Test
  @GerritConfig(name = "index.maxLimit", value = "10")
  public void theIndexLimitCutsAndSaysSo() throws Exception {
    List<Predicate<ChangeData>> words = twelveChangesAndSixWords();

    BoundedChangeQuery.Found found =
        query().anyOf(ChangePredicates.project(project), words, Integer.MAX_VALUE);

    assertThat(found.cut()).isTrue();
    assertThat(found.changes()).hasSize(9);
  }

  @Test
  public void theCallersBoundCutsAndSaysSo() throws Exception {
    List<Predicate<ChangeData>> words = twelveChangesAndSixWords();

    BoundedChangeQuery.Found found = query().anyOf(ChangePredicates.project(project), words, 7);

    assertThat(found.cut()).isTrue();
    assertThat(found.changes()).hasSize(7);
  }
}
