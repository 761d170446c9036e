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

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gerrit.extensions.restapi.BadRequestException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Batches inside index.maxTerms and pages to the end, within the check's budget. */
class ChangeQueryTest {
  /** An index of changes 1..n that serves at most {@code cut} per page, like a queryLimit. */
  private static final class FakeIndex implements ChangeQuery.Pages {
    final int size;
    final int cut;
    final List<String> queries = new ArrayList<>();

    FakeIndex(int size, int cut) {
      this.size = size;
      this.cut = cut;
    }

    @Override
    public List<ChangeInfo> page(String query, int start, int limit) {
      queries.add(query + " @" + start);
      int end = Math.min(size, start + Math.min(limit, cut));
      List<ChangeInfo> out = new ArrayList<>();
      for (int i = start; i < end; i++) {
        ChangeInfo c = new ChangeInfo();
        c._number = i + 1;
        out.add(c);
      }
      if (end < size && !out.isEmpty()) {
        out.get(out.size() - 1)._moreChanges = true;
      }
      return out;
    }
  }

  private static CheckBudget budget(int queries) {
    return new CheckBudget(
        1000,
        "plugin.backport-guard.maxCommitsPerCheck",
        queries,
        "plugin.backport-guard.maxQueriesPerCheck");
  }

  @Test
  void readsEveryPageWhateverTheLimitPerPage() throws Exception {
    FakeIndex index = new FakeIndex(7, 2);
    List<ChangeInfo> all = new ChangeQuery(index, 1024, budget(10)).any(List.of("change:I1"), "");

    assertThat(all.stream().map(c -> c._number).toList()).containsExactly(1, 2, 3, 4, 5, 6, 7);
    assertThat(index.queries)
        .containsExactly("change:I1 @0", "change:I1 @2", "change:I1 @4", "change:I1 @6");
  }

  @Test
  void runningOutOfQueriesSaysWhichSettingInsteadOfCuttingTheList() {
    FakeIndex index = new FakeIndex(7, 2);
    BoundReachedException e =
        assertThrows(
            BoundReachedException.class,
            () -> new ChangeQuery(index, 1024, budget(3)).any(List.of("change:I1"), ""));

    assertThat(e.setting()).isEqualTo("plugin.backport-guard.maxQueriesPerCheck");
  }

  @Test
  void batchesStayInsideMaxTerms() throws Exception {
    FakeIndex index = new FakeIndex(0, 10);
    List<String> terms = IntStream.range(0, 50).mapToObj(i -> "revertof:" + i).toList();
    new ChangeQuery(index, ChangeQuery.RESERVED_TERMS + 1 + 20, budget(100))
        .any(terms, "status:merged");

    assertThat(index.queries).hasSize(3);
    for (String q : index.queries) {
      int leaves = q.split(" OR ").length + 1;
      assertThat(leaves).isAtMost(21);
      assertThat(q).startsWith("status:merged (");
    }
  }

  @Test
  void projectNumberTermsCountTwice() {
    List<List<String>> batches =
        ChangeQuery.batches(List.of("change:\"p~1\"", "change:\"p~2\"", "change:3"), 4);

    assertThat(batches)
        .containsExactly(List.of("change:\"p~1\"", "change:\"p~2\""), List.of("change:3"));
  }

  @Test
  void aChangeMatchingTwoBatchesIsListedOnce() throws Exception {
    FakeIndex index = new FakeIndex(3, 10);
    List<ChangeInfo> all =
        new ChangeQuery(index, ChangeQuery.RESERVED_TERMS + 1, budget(10))
            .any(List.of("change:I1", "change:I2"), "");

    assertThat(index.queries).hasSize(2);
    assertThat(all).hasSize(3);
  }

  @Test
  void aTermGerritRefusesMatchesNothingAndHidesNoOther() throws Exception {
    // Like Gerrit on change:"a%zz~b~1": the whole query is a 400.
    List<String> queries = new ArrayList<>();
    ChangeQuery.Pages index =
        (q, start, limit) -> {
          queries.add(q);
          if (q.contains("bad")) {
            throw new BadRequestException("Error in operator " + q);
          }
          List<ChangeInfo> out = new ArrayList<>();
          for (String term : q.split(" OR ")) {
            ChangeInfo c = new ChangeInfo();
            c._number = Integer.parseInt(term.substring("change:".length()));
            out.add(c);
          }
          return out;
        };

    List<ChangeInfo> all =
        new ChangeQuery(index, 1024, budget(10))
            .any(List.of("change:1", "change:bad", "change:2"), "");

    assertThat(all.stream().map(c -> c._number).toList()).containsExactly(1, 2);
    assertThat(queries)
        .containsExactly("change:1 OR change:bad OR change:2", "change:1", "change:bad", "change:2")
        .inOrder();
  }
}
