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

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's headless Chromium, driven through Debian's chromedriver. Never downloads a browser or a
 * driver (Selenium Manager is not asked): a machine without them fails the test with the command
 * that installs them, rather than skipping it.
 */
final class HeadlessChromium {
  static final String INSTALL =
      "apt-get install -y --no-install-recommends chromium chromium-driver";

  private HeadlessChromium() {}

  static ChromeDriver start() {
    File browser = new File(env("CHROMIUM_BIN", "/usr/bin/chromium"));
    File driver = new File(env("CHROMEDRIVER_BIN", "/usr/bin/chromedriver"));
    if (!browser.canExecute() || !driver.canExecute()) {
      throw new AssertionError(
          "The browser test needs Chromium and its driver from Debian ("
              + browser
              + (browser.canExecute() ? " found" : " missing")
              + ", "
              + driver
              + (driver.canExecute() ? " found" : " missing")
              + "). Install them with: "
              + INSTALL
              + " (scripts/test does it when run as root), or point CHROMIUM_BIN and"
              + " CHROMEDRIVER_BIN at them.");
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(browser);
    options.addArguments(
        "--headless=new",
        "--no-sandbox", // CI runs as root, where Chromium's sandbox refuses to start.
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-extensions",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--lang=en-US",
        "--window-size=1280,1000");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver).usingAnyFreePort().build();
    ChromeDriver chrome = new ChromeDriver(service, options);
    chrome.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
    chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    return chrome;
  }

  /** Saves what the browser shows under {@code target/screenshots/<name>.png}. */
  static Path screenshot(ChromeDriver chrome, String name) throws IOException {
    Path dir = Path.of(System.getProperty("screenshots.dir", "target/screenshots"));
    Files.createDirectories(dir);
    Path out = dir.resolve(name + ".png");
    File shot = ((TakesScreenshot) chrome).getScreenshotAs(OutputType.FILE);
    Files.copy(shot.toPath(), out, StandardCopyOption.REPLACE_EXISTING);
    return out;
  }

  private static String env(String name, String dflt) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? dflt : v;
  }
}
