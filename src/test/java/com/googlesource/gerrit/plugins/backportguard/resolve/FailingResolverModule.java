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

import com.google.common.collect.ImmutableSet;
import com.google.gerrit.entities.Account;
import com.google.gerrit.extensions.api.GerritApi;
import com.google.gerrit.extensions.restapi.BadRequestException;
import com.google.gerrit.extensions.restapi.RestApiException;
import com.google.gerrit.server.git.GitRepositoryManager;
import com.google.inject.AbstractModule;
import com.google.inject.Inject;
import com.google.inject.util.Modules;
import com.googlesource.gerrit.plugins.backportguard.PluginModule;
import com.googlesource.gerrit.plugins.backportguard.parse.DeclaredDependency;
import com.googlesource.gerrit.plugins.backportguard.parse.DependencyFooterParser;
import java.io.IOException;
import java.util.List;

/**
 * The plugin, with a resolver that fails the way no reference can make it fail any more (after the
 * parser and the query fixes): for changes declaring {@link #MARKER}, Gerrit refuses a query with a
 * message that carries the server's internals. It stands for whatever error a future reference or
 * server state may cause, so that the evaluator's handling of it can be tested.
 */
public class FailingResolverModule extends AbstractModule {
  /** A dependency whose line contains this makes the resolver fail. */
  public static final String MARKER = "I0000000fa11";

  /** What the server's error says: the comment must not repeat it. */
  public static final String INTERNALS = "Error in operator change:\"internal/secret~name~1\"";

  @Override
  protected void configure() {
    install(
        Modules.override(new PluginModule())
            .with(b -> b.bind(DependencyResolver.class).to(FailingResolver.class)));
  }

  static class FailingResolver extends DependencyResolver {
    @Inject
    FailingResolver(
        GerritApi gApi,
        GitRepositoryManager repoManager,
        Visibility.Factory visibilityFactory,
        ResolveBounds bounds,
        DependencyFooterParser parser,
        RecentChangeIds recent) {
      super(gApi, repoManager, visibilityFactory, bounds, parser, recent);
    }

    @Override
    public Resolution resolve(
        CheckedChange change,
        Account.Id owner,
        ImmutableSet<Account.Id> uploaders,
        List<DeclaredDependency> dependencies,
        int maxChainDepth,
        int maxDependencies)
        throws RestApiException, IOException {
      if (dependencies.stream().anyMatch(d -> d.line().contains(MARKER))) {
        throw new BadRequestException(INTERNALS);
      }
      return super.resolve(change, owner, uploaders, dependencies, maxChainDepth, maxDependencies);
    }
  }
}
