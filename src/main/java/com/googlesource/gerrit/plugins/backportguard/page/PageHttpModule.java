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

package com.googlesource.gerrit.plugins.backportguard.page;

import com.google.gerrit.httpd.XsrfCookieFilter;
import com.google.inject.Scopes;
import com.google.inject.servlet.ServletModule;

/**
 * Gives the page of the prerequisites the XSRF token of the reader's session, the way Gerrit's own
 * UI pages get it: Gerrit's {@link XsrfCookieFilter} sets the {@code XSRF_TOKEN} cookie for a
 * signed-in reader (and clears it for an anonymous one) on the page's answer. The page sends it
 * back in {@code X-Gerrit-Auth} with its POSTs, as Gerrit's UI does. Needed on a headless server
 * (no UI page ever sets the cookie) and in a fresh browser session that opens the page first.
 */
public class PageHttpModule extends ServletModule {
  @Override
  protected void configureServlets() {
    // Guice's servlet pipeline takes filters only as singletons; Gerrit's is stateless.
    bind(XsrfCookieFilter.class).in(Scopes.SINGLETON);
    filter("/" + PrerequisitesPage.PATH).through(XsrfCookieFilter.class);
  }
}
