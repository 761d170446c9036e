# Copyright (C) 2026 The Android Open Source Project
#
# Licensed under the Apache License, Version 2.0 (the "License");
# you may not use this file except in compliance with the License.
# You may obtain a copy of the License at
#
# http://www.apache.org/licenses/LICENSE-2.0
#
# Unless required by applicable law or agreed to in writing, software
# distributed under the License is distributed on an "AS IS" BASIS,
# WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
# See the License for the specific language governing permissions and
# limitations under the License.
"""Runs the deployment tool example of rest-api.md against the demo, as CI does, then asks the
plugin's other endpoints about the demo and checks their answers.

The example is read from the page itself (the fenced block after the marker
below), so the page cannot drift from what is checked: against the demo it must
say that the backport is blocked on the demo branch by the demo's prerequisite,
and exit 1.
"""

import os
import re
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request

from devgerrit import demo, site
from devgerrit.gerrit import Gerrit
from devgerrit.site import log

PAGE = os.path.join(site.ROOT, "src", "main", "resources", "Documentation", "rest-api.md")
MARKER = "<!-- example: may_i_deploy.py, run by CI (scripts/devgerrit/rest_example.py) -->"


def extract(page=PAGE):
    """The example's source: the ```python block right after MARKER."""
    with open(page, encoding="utf-8") as f:
        text = f.read()
    at = text.find(MARKER)
    if at < 0:
        raise SystemExit(f"[dev-gerrit] error: {page} has no line {MARKER}")
    m = re.match(r"\s*```python\n(.*?)\n```", text[at + len(MARKER):], re.S)
    if not m:
        raise SystemExit(f"[dev-gerrit] error: no ```python block right after {MARKER} in {page}")
    return m.group(1) + "\n"


def run(g=None):
    """True when the example answers for the demo as it must."""
    g = g or Gerrit()
    change = demo.backport(g)
    if change is None:
        raise SystemExit("[dev-gerrit] error: no demo backport found; run scripts/dev-gerrit start first")
    number = change["_number"]
    with tempfile.TemporaryDirectory(prefix="rest-example-") as d:
        path = os.path.join(d, "may_i_deploy.py")
        with open(path, "w", encoding="utf-8") as f:
            f.write(extract())
        user, password = site.ADMIN
        cmd = [sys.executable, path, "--server", g.url, "--user", user, "--password", password,
               f"{demo.PROJECT}~{number}"]
        log("running the example of rest-api.md: " + " ".join(cmd[1:2] + cmd[2:4] + cmd[-1:]))
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    print(p.stdout, end="")
    print(p.stderr, end="", file=sys.stderr)
    expected = f"{demo.PROJECT}~{number}: blocked on {demo.BRANCH}"
    ok = p.returncode == 1 and expected in p.stdout
    if not ok:
        log(f"error: expected exit 1 and '{expected}' from the example; got exit {p.returncode}")
    return ok


def endpoints(g=None):
    """The other endpoints on the demo: every check that fails is printed; True when none does."""
    g = g or Gerrit()
    backport = demo.backport(g)
    if backport is None:
        raise SystemExit("[dev-gerrit] error: no demo backport found; run scripts/dev-gerrit start first")
    number = backport["_number"]
    me = f"{demo.PROJECT}~{number}"
    info = g.get(f"/changes/{me}/revisions/current/{site.PLUGIN}~prerequisites")
    prereq = info["cherry_pick_plan"][0]["number"] if info.get("cherry_pick_plan") else None
    failed = []

    def check(what, ok):
        print(f"  {'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            failed.append(what)

    check(f"GET prerequisites of {me}: blocked, a cherry-pick planned", info["outcome"]["status"] == "blocked"
          and prereq is not None)
    if prereq is not None:
        needed = g.get(f"/changes/{demo.PROJECT}~{prereq}/{site.PLUGIN}~needed-by") or []
        check(f"GET needed-by of change {prereq} lists {number}", [c["_number"] for c in needed] == [number])
        found = g.query(f"needs_{site.PLUGIN}:{prereq} is:open")
        check(f"search needs_{site.PLUGIN}:{prereq} finds {number}", [c["_number"] for c in found] == [number])
    found = g.query(f"is:missing_{site.PLUGIN} project:{demo.PROJECT} is:open", options=("SKIP_DIFFSTAT",))
    check(f"search is:missing_{site.PLUGIN} finds {number}", number in [c["_number"] for c in found])
    attr = [p for p in found[0].get("plugins", []) if p.get("name") == site.PLUGIN] if found else []
    check(f"the listing carries the {site.PLUGIN} attribute", bool(attr))
    plan = g.rest("POST", f"/changes/{me}/revisions/current/{site.PLUGIN}~cherry-pick-prerequisites",
                  {"dry_run": True})
    check(f"POST cherry-pick-prerequisites dry run plans change {prereq}",
          [p["source"]["number"] for p in plan.get("picks", [])] == [prereq])
    metrics = g.get("/config/server/metrics") or {}
    check(f"metric plugins/{site.PLUGIN}/evaluation/count is published",
          f"plugins/{site.PLUGIN}/evaluation/count" in metrics)
    for resource in ("prerequisites.html", "prerequisites.js"):
        check(f"the page's {resource} is served from the plugin's jar", _served(
            f"{g.url}/plugins/{site.PLUGIN}/static/{resource}"))
    said = [m["message"] for m in g.get(f"/changes/{me}/messages") or [] if m.get("tag") == site.MESSAGE_TAG]
    check("the plugin's comment links to the page of the change",
          bool(said) and f"/plugins/{site.PLUGIN}/static/prerequisites.html#{demo.PROJECT}~{number}" in said[-1])
    return not failed


def _served(url):
    try:
        with urllib.request.urlopen(url, timeout=30) as r:
            return r.status == 200 and len(r.read()) > 0
    except urllib.error.URLError:
        return False
