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
"""The demo: a prerequisite merged on master after wmf/1.0 was cut, and a backport on wmf/1.0
that declares it, pushed with git as a developer would.

Loading resumes where a killed start left it: each part is looked up before it
is made (the Change-Ids are fixed for that), and site.DEMO_LOADED is written
only at the end.
"""

import hashlib
import json
import os
import shutil
import time
import urllib.parse

from devgerrit import site
from devgerrit.gerrit import Gerrit, q
from devgerrit.git import git
from devgerrit.site import log

PROJECT = "demo"
BRANCH = "wmf/1.0"
HASHTAG = "backport-guard-demo"


def _fixed_change_id(name):
    return "I" + hashlib.sha1(f"backport-guard demo {name}".encode()).hexdigest()


PREREQ_ID = _fixed_change_id("prerequisite")
BACKPORT_ID = _fixed_change_id("backport")

PREREQ_MESSAGE = f"""Add a retry limit setting

The backport below needs this setting.

Change-Id: {PREREQ_ID}
"""

BACKPORT_MESSAGE = f"""[{BRANCH}] Use the retry limit setting

Backport of the retry handling. It reads the setting added by the
prerequisite, which is merged on master but not on {BRANCH}.

Depends-On: {PREREQ_ID}
Change-Id: {BACKPORT_ID}
"""


def _one(g, query):
    found = g.query(query, n=1)
    return found[0] if found else None


def backport(g):
    """The demo backport change (newest with the demo hashtag), or None."""
    return _one(g, f"project:{PROJECT} hashtag:{HASHTAG}")


def _push_commit(g, work, branch, files, message, push_options=""):
    git("fetch", "-q", "origin", branch, cwd=work)
    git("checkout", "-q", "-B", "work", "FETCH_HEAD", cwd=work)
    for name, text in files.items():
        with open(os.path.join(work, name), "w") as f:
            f.write(text)
        git("add", name, cwd=work)
    git("commit", "-q", "-F", "-", cwd=work, input=message)
    git("push", "-q", "origin", f"HEAD:refs/for/{branch}{push_options}", cwd=work)


def load(g):
    if site.DEMO_LOADED.done():
        # Trust the marker, not the index: after a hard kill the index may lack the demo's changes
        # until they are re-indexed, and loading again would push commits that already exist.
        log(f"demo project '{PROJECT}' is loaded; not loading it again")
        return
    if backport(g):
        site.DEMO_LOADED.write()  # a demo loaded by an older dev-gerrit
        log(f"demo project '{PROJECT}' is loaded; not loading it again")
        return
    if g.exists(f"/projects/{PROJECT}"):
        log(f"the demo in project '{PROJECT}' was left half-loaded by an earlier start; completing it")
    log(f"loading the demo: project {PROJECT}, branch {BRANCH}, a merged prerequisite on master, "
        f"a backport on {BRANCH}")
    if not g.exists(f"/projects/{PROJECT}"):
        # Both branches at the same empty commit, in one step: the cut comes before the prerequisite.
        g.rest("PUT", f"/projects/{PROJECT}", {"description": "backport-guard demo",
                                                "create_empty_commit": True,
                                                "branches": ["master", BRANCH]})
    if not g.exists(f"/projects/{PROJECT}/branches/{q(BRANCH)}"):
        raise SystemExit(f"project {PROJECT} exists without branch {BRANCH}; it was not made by this "
                         f"script: start from scratch ({site.FROM_SCRATCH})")
    work = site.scratch_dir("demo-work-")
    try:
        git("clone", "-q", "--no-checkout", g.git_url(PROJECT), work)
        prereq = _one(g, f"change:{PREREQ_ID}")
        if prereq is None:
            _push_commit(g, work, "master", {"settings.ini": "retry_limit = 3\n"}, PREREQ_MESSAGE)
            prereq = _one(g, f"change:{PREREQ_ID}")
        if prereq["status"] != "MERGED":
            g.merge(prereq["_number"])
        log(f"prerequisite change {prereq['_number']} ({PREREQ_ID}) merged on master")
        _push_commit(g, work, BRANCH,
                     {"retry.py": 'def retries(settings):\n    return settings["retry_limit"]\n'},
                     BACKPORT_MESSAGE, f"%hashtag={HASHTAG}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    site.DEMO_LOADED.write()


def _details(g, number):
    return g.get(f"/changes/{number}/?o=DETAILED_LABELS&o=DETAILED_ACCOUNTS&o=MESSAGES")


def _plugin_messages(d):
    return [m for m in d.get("messages", []) if m.get("tag") == site.MESSAGE_TAG]


def page_url(g, number):
    """The plugin's page of the change's prerequisites across branches, as its comment links it."""
    return (f"{g.url}/plugins/{site.PLUGIN}/static/prerequisites.html#"
            f"{urllib.parse.quote(PROJECT, safe='/')}~{number}")


def show(g, plugin_installed, timeout):
    """Prints where Gerrit is and what the plugin said on the demo backport; False if it said nothing."""
    change = None
    # After a hard kill the index may lack recent changes until the plugin's catch-up has
    # re-indexed them (scripts/crash-test): look for a while.
    deadline = time.monotonic() + timeout
    while change is None and time.monotonic() < deadline:
        change = backport(g)
        if change is None:
            time.sleep(1)
    if change is None:
        raise SystemExit(f"no demo backport found (query: project:{PROJECT} hashtag:{HASHTAG})")
    number = change["_number"]
    d = _details(g, number)
    said = bool(_plugin_messages(d))
    if plugin_installed and not said:
        log(f"waiting up to {timeout}s for the plugin's message on change {number}")
        deadline = time.monotonic() + timeout
        while not said and time.monotonic() < deadline:
            time.sleep(1)
            d = _details(g, number)
            said = bool(_plugin_messages(d))
    votes = [{k: v for k, v in a.items() if k in ("value", "username", "_account_id", "date")}
             for a in d.get("labels", {}).get("Verified", {}).get("all", []) if a.get("value")]
    http, ssh = site.ports()
    user, password = site.ADMIN
    print(f"""
Gerrit is running (headless: REST, SSH and git over HTTP; no web UI)
  URL:          {g.url}/
  SSH:          ssh -p {ssh} {user}@127.0.0.1   (after adding a key: PUT /a/accounts/self/sshkeys)
  credentials:  {user} / {password}   e.g. curl -u {user}:{password} {g.url}/a/accounts/self
  site:         {site.SITE}   (logs: {site.SITE}/logs/error_log)

Demo backport: change {number} on {PROJECT}/{BRANCH}
  URL:          {g.url}/c/{PROJECT}/+/{number}
  REST:         curl -u {user}:{password} '{g.url}/a/changes/{number}/?o=DETAILED_LABELS&o=MESSAGES'
  page:         {page_url(g, number)}
                (read-only until you sign in: open {g.url}/login/?user_name={user} first)
  Verified:     {json.dumps(votes, sort_keys=True) if votes else '(no votes)'}""")
    if said:
        print(f"  plugin message ({site.MESSAGE_TAG}):")
        for line in _plugin_messages(d)[-1]["message"].splitlines():
            print(f"    | {line}")
    elif plugin_installed:
        print(f"  plugin message: NONE within {timeout}s")
    else:
        print("  plugin message: none (the plugin is not installed)")
    print(f"\nStop the server with: {site.COMMAND} stop   "
          f"(start from scratch: {site.FROM_SCRATCH})", flush=True)
    if plugin_installed and not said:
        log(f"(if the demo was loaded before the plugin worked, start over: {site.FROM_SCRATCH})")
        log(f"error: the {site.PLUGIN} plugin posted no message (tag {site.MESSAGE_TAG}) on change "
            f"{number} within {timeout}s")
        return False
    return True


def vote(g):
    """The demo backport's Verified vote by the plugin's account, as '-1', '0' or '+1'."""
    change = backport(g)
    if change is None:
        raise SystemExit("[dev-gerrit] error: no demo backport found; run scripts/dev-gerrit start first")
    d = g.get(f"/changes/{change['_number']}/?o=DETAILED_LABELS&o=DETAILED_ACCOUNTS")
    for a in d.get("labels", {}).get("Verified", {}).get("all", []) or []:
        if a.get("username") == site.SERVICE_USER and a.get("value") is not None:
            v = a["value"]
            return f"{v:+d}" if v else "0"
    raise SystemExit(f"[dev-gerrit] error: no Verified vote by {site.SERVICE_USER} on change "
                     f"{change['_number']}")
