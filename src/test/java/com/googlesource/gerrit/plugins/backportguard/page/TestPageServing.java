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

import com.google.common.io.ByteStreams;
import com.google.inject.Singleton;
import com.google.inject.servlet.ServletModule;
import java.io.IOException;
import java.io.InputStream;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * The plugin's HTTP module as the browser test installs it. Gerrit serves {@code static/} from a
 * plugin's jar, but the in-process test plugin has no jar (its classes come from the class path),
 * so this stands in for that: it serves the same files from the class path, with the content types
 * Gerrit gives them. Everything else is {@link PageHttpModule}, as in production.
 */
public class TestPageServing extends ServletModule {
  @Override
  protected void configureServlets() {
    install(new PageHttpModule());
    serve("/static/*").with(StaticFiles.class);
  }

  @Singleton
  static class StaticFiles extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
      String name = req.getPathInfo() == null ? "" : req.getPathInfo();
      if (!name.matches("/[a-z-]+\\.(html|js|css)")) {
        res.sendError(HttpServletResponse.SC_NOT_FOUND);
        return;
      }
      try (InputStream in = getClass().getClassLoader().getResourceAsStream("static" + name)) {
        if (in == null) {
          res.sendError(HttpServletResponse.SC_NOT_FOUND);
          return;
        }
        res.setContentType(
            name.endsWith(".html")
                ? "text/html; charset=UTF-8"
                : name.endsWith(".js") ? "application/javascript" : "text/css");
        res.setHeader("Cache-Control", "no-cache");
        ByteStreams.copy(in, res.getOutputStream());
      }
    }
  }
}
