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

import com.google.common.collect.ImmutableSet;
import com.google.gerrit.server.index.change.ChangeIndex;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gerrit's change search index, counting the queries made on the plugin's work queue threads: the
 * plugin's own count covers only its resolution, and Gerrit's query metric is a latency sum.
 * Queries made from the plugin's resolve package (resolution) and recheck package (finding the
 * dependents of a change that changed) are told apart from those Gerrit makes itself while the
 * plugin posts its vote. {@link #asIndex()} is installed in place of the search index for the
 * replay and removed after it.
 *
 * <p>A dynamic proxy rather than a class implementing {@link ChangeIndex}: the interface gains
 * methods from release to release (numDocs in 3.11, deleteAllForProject in 3.12), and the proxy
 * delegates whatever the running Gerrit's interface has, so the same source builds on each.
 */
final class CountingChangeIndex {
  private static final String RESOLVE_PACKAGE =
      "com.googlesource.gerrit.plugins.backportguard.resolve.";
  private static final String RECHECK_PACKAGE =
      "com.googlesource.gerrit.plugins.backportguard.recheck.";

  /** The methods that query the index: getSource (a search), get and getRaw (one change). */
  private static final ImmutableSet<String> QUERIES = ImmutableSet.of("getSource", "get", "getRaw");

  private final ChangeIndex index;
  private final ChangeIndex proxy;
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
    this.proxy =
        (ChangeIndex)
            Proxy.newProxyInstance(
                ChangeIndex.class.getClassLoader(),
                new Class<?>[] {ChangeIndex.class},
                (p, method, args) -> invoke(method, args));
  }

  /** The counting index, to install in place of the search index. */
  ChangeIndex asIndex() {
    return proxy;
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

  private Object invoke(Method method, Object[] args) throws Throwable {
    if (method.getDeclaringClass() == Object.class) {
      // equals, hashCode, toString: the proxy's own identity, as the class had.
      switch (method.getName()) {
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        default:
          return "CountingChangeIndex(" + index + ")";
      }
    }
    if (QUERIES.contains(method.getName())) {
      count();
    }
    try {
      return method.invoke(index, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
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
}
