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

package com.googlesource.gerrit.plugins.backportguard.query;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Splits the alternatives of an "any of these" query into queries that stay inside the server's
 * {@code index.maxTerms}: Gerrit refuses a query with more leaf terms than that.
 */
public final class Batches {
  private Batches() {}

  /**
   * The items in order, in batches of at most {@code maxLeaves} leaf terms each; an item that alone
   * is over the limit still gets a batch of its own (the server then says what is wrong with it).
   *
   * @param leaves how many leaf terms the server counts for an item
   */
  public static <T> List<List<T>> of(
      Collection<T> items, ToIntFunction<? super T> leaves, int maxLeaves) {
    List<List<T>> out = new ArrayList<>();
    List<T> batch = new ArrayList<>();
    int used = 0;
    for (T item : items) {
      int n = leaves.applyAsInt(item);
      if (!batch.isEmpty() && used + n > maxLeaves) {
        out.add(batch);
        batch = new ArrayList<>();
        used = 0;
      }
      batch.add(item);
      used += n;
    }
    if (!batch.isEmpty()) {
      out.add(batch);
    }
    return out;
  }
}
