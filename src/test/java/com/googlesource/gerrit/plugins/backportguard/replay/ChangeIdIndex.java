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

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which commit carries which Change-Id, over all loaded histories, and which Change-Ids the {@code
 * Depends-On} footers name, both read by {@link FooterReader}: neither the plugin's parser nor
 * JGit's.
 */
public final class ChangeIdIndex {
  static final String CHANGE_ID = "Change-Id";
  static final String DEPENDS_ON = "Depends-On";
  private static final Pattern CHANGE_ID_VALUE = Pattern.compile("I[0-9a-f]{7,40}");

  /** A commit carrying a Change-Id in its footers. */
  public record Carrier(CommitGraph graph, int commit) {
    public String project() {
      return graph.history().project();
    }
  }

  private final Map<String, List<Carrier>> carriers = new HashMap<>();
  private final Set<String> named = new LinkedHashSet<>();

  public ChangeIdIndex(List<CommitGraph> graphs) {
    for (CommitGraph g : graphs) {
      for (int i = 0; i < g.size(); i++) {
        for (FooterReader.Footer f : FooterReader.footers(g.commit(i).message())) {
          if (f.is(CHANGE_ID)) {
            carriers.computeIfAbsent(f.value(), k -> new ArrayList<>()).add(new Carrier(g, i));
          } else if (f.is(DEPENDS_ON)) {
            changeId(f.value()).ifPresent(named::add);
          }
        }
      }
    }
  }

  /**
   * The Change-Id (or abbreviation of one) a footer value names, in lower case after the {@code I};
   * empty for anything else (a change number, a URL).
   */
  public static Optional<String> changeId(String value) {
    String v = value.strip();
    if (v.length() < 8 || (v.charAt(0) != 'I' && v.charAt(0) != 'i')) {
      return Optional.empty();
    }
    String id = "I" + v.substring(1).toLowerCase(Locale.ROOT);
    return CHANGE_ID_VALUE.matcher(id).matches() ? Optional.of(id) : Optional.empty();
  }

  /** The commits whose Change-Id footer is the given Change-Id or starts with the abbreviation. */
  public ImmutableList<Carrier> carriers(String changeIdOrPrefix) {
    if (changeIdOrPrefix.length() == 41) {
      return ImmutableList.copyOf(carriers.getOrDefault(changeIdOrPrefix, List.of()));
    }
    return carriers.entrySet().stream()
        .filter(e -> e.getKey().startsWith(changeIdOrPrefix))
        .flatMap(e -> e.getValue().stream())
        .collect(ImmutableList.toImmutableList());
  }

  /** The distinct Change-Ids an abbreviation matches. */
  public ImmutableSet<String> matching(String changeIdOrPrefix) {
    return carriers.keySet().stream()
        .filter(k -> k.startsWith(changeIdOrPrefix))
        .collect(ImmutableSet.toImmutableSet());
  }

  /** Whether some Depends-On footer in the loaded histories names this Change-Id. */
  public boolean isNamed(String changeId) {
    return named.stream().anyMatch(changeId::startsWith);
  }

  /** The Change-Ids a commit carries. */
  public static ImmutableList<String> changeIdsOf(HistoryCommit c) {
    return FooterReader.values(c.message(), CHANGE_ID);
  }

  /** The values of a commit's Depends-On footers, as {@link FooterReader} reads them. */
  public static ImmutableList<String> dependsOn(HistoryCommit c) {
    return FooterReader.values(c.message(), DEPENDS_ON);
  }
}
