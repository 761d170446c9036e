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

package com.googlesource.gerrit.plugins.backportguard.check;

import static com.google.common.truth.Truth.assertThat;

import com.google.common.base.Splitter;
import com.google.gerrit.extensions.common.ChangeInfo;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.Test;

/** {@code check --format json}: the REST API's answer, one JSON object per line and change. */
public class CheckJsonIT extends CheckTestBase {
  private JsonObject rest(ChangeInfo c) throws Exception {
    var r =
        adminRestSession.get(
            "/changes/" + c.id + "/revisions/current/backport-guard~prerequisites");
    r.assertOK();
    return JsonParser.parseReader(r.getReader()).getAsJsonObject();
  }

  @Test
  public void eachCheckedChangeIsPrintedAsTheRestApiAnswersIt() throws Exception {
    ChangeInfo stale = staleBackport();
    ChangeInfo prerequisite = create("master", message("Another helper"));
    merge(prerequisite);
    ChangeInfo blocked = backport(prerequisite.changeId);

    String out =
        adminSshSession.exec(
            "backport-guard check --format json " + stale._number + " " + blocked._number);
    adminSshSession.assertSuccess();
    // The example of cmd-check.md comes from here (target/surefire-reports/*-output.txt).
    System.out.println("EXAMPLE check --format json\n" + out);

    List<String> lines = Splitter.on('\n').omitEmptyStrings().splitToList(out);
    assertThat(lines).hasSize(2);
    JsonObject first = JsonParser.parseString(lines.get(0)).getAsJsonObject();
    JsonObject second = JsonParser.parseString(lines.get(1)).getAsJsonObject();
    // The check re-voted the stale change: the line says so, as the REST API does after it.
    assertThat(vote(stale)).isEqualTo(0);
    assertThat(first.getAsJsonObject("outcome").get("status").getAsString()).isEqualTo("pass");
    assertThat(second.getAsJsonObject("outcome").get("status").getAsString()).isEqualTo("blocked");
    assertThat(first).isEqualTo(rest(stale));
    assertThat(second).isEqualTo(rest(blocked));
  }

  @Test
  public void aChangeThatCannotBeCheckedIsAnObjectWithTheError() throws Exception {
    ChangeInfo stale = staleBackport();
    CountDownLatch release = holdQueue();
    String out;
    try {
      out = adminSshSession.exec("backport-guard check --format json --timeout 1 " + stale._number);
    } finally {
      release.countDown();
    }
    JsonObject line = JsonParser.parseString(out.strip()).getAsJsonObject();
    assertThat(line.get("change").getAsInt()).isEqualTo(stale._number);
    assertThat(line.get("project").getAsString()).isEqualTo(stale.project);
    assertThat(line.get("error").getAsString()).contains("not finished after 1 s");
    assertThat(line.has("outcome")).isFalse();
    awaitEvaluations();
  }
}
