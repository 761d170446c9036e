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

import com.google.common.collect.ImmutableSet;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A tiny HTTP proxy in front of the test's Gerrit that the browser talks to, so that a test can
 * make one REST view fail (an HTTP status) or answer late, as a real server under load or a broken
 * deployment does, while everything else (the page, the session, the other views) is Gerrit's own.
 */
final class FaultInjectingProxy implements AutoCloseable {
  /** Headers the JDK's client sets itself, and hop-by-hop headers. */
  private static final ImmutableSet<String> NOT_FORWARDED =
      ImmutableSet.of(
          "host",
          "connection",
          "content-length",
          "expect",
          "upgrade",
          "keep-alive",
          "transfer-encoding",
          "te",
          "trailer",
          "proxy-connection",
          "http2-settings");

  /** What to do instead of forwarding: answer {@code status}, or forward after {@code delay}. */
  record Fault(int status, Duration delay) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .version(HttpClient.Version.HTTP_1_1)
          .build();
  private final Map<String, Fault> faults = new ConcurrentHashMap<>();
  private volatile URI target;

  FaultInjectingProxy() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  /** The proxy's own origin, e.g. {@code http://127.0.0.1:40123}. */
  String origin() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Forwards to this Gerrit, e.g. {@code http://localhost:39999/}. */
  void target(String url) {
    target = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
  }

  /** Requests whose path contains {@code pathPart} get this fault, until {@link #clearFaults}. */
  void fault(String pathPart, Fault fault) {
    faults.put(pathPart, fault);
  }

  void clearFaults() {
    faults.clear();
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      String query = ex.getRequestURI().getRawQuery();
      Fault fault = null;
      for (Map.Entry<String, Fault> f : faults.entrySet()) {
        if (path.contains(f.getKey())) {
          fault = f.getValue();
        }
      }
      if (fault != null && fault.status() > 0) {
        byte[] body =
            ("Internal server error (injected by the test)\n").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/plain; charset=UTF-8");
        ex.sendResponseHeaders(fault.status(), body.length);
        ex.getResponseBody().write(body);
        return;
      }
      if (fault != null && fault.delay() != null) {
        try {
          Thread.sleep(fault.delay().toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
      forward(ex, path + (query == null ? "" : "?" + query));
    }
  }

  private void forward(HttpExchange ex, String pathAndQuery) throws IOException {
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      body = in.readAllBytes();
    }
    HttpRequest.Builder req =
        HttpRequest.newBuilder(URI.create(target + pathAndQuery))
            .timeout(Duration.ofSeconds(120))
            .method(
                ex.getRequestMethod(),
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
      if (!NOT_FORWARDED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        for (String v : h.getValue()) {
          req.header(h.getKey(), v);
        }
      }
    }
    HttpResponse<byte[]> res;
    try {
      res = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    for (Map.Entry<String, List<String>> h : res.headers().map().entrySet()) {
      String name = h.getKey().toLowerCase(Locale.ROOT);
      if (name.equals("location")) {
        ex.getResponseHeaders().put(h.getKey(), h.getValue().stream().map(this::onProxy).toList());
      } else if (!NOT_FORWARDED.contains(name) && !name.startsWith(":")) {
        ex.getResponseHeaders().put(h.getKey(), h.getValue());
      }
    }
    byte[] out = res.body();
    boolean noBody = res.statusCode() == 204 || res.statusCode() == 304 || out.length == 0;
    ex.sendResponseHeaders(res.statusCode(), noBody ? -1 : out.length);
    if (!noBody) {
      try (OutputStream o = ex.getResponseBody()) {
        o.write(out);
      }
    }
  }

  /**
   * A redirect to the target's origin, made a redirect to the proxy's, as a reverse proxy does
   * (nginx's {@code proxy_redirect}, Apache's {@code ProxyPassReverse}). Jetty 9.4 (Gerrit 3.10)
   * makes a relative {@code Location} absolute from the {@code Host} this proxy's client sent,
   * which is the target's; a browser following it would leave the proxy's origin and its cookies.
   */
  private String onProxy(String location) {
    String from = target.toString();
    if (location.equals(from) || location.startsWith(from + "/")) {
      return origin() + location.substring(from.length());
    }
    return location;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
