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
"""A small REST client for the dev Gerrit, as the admin account Init --dev creates."""

import base64
import json
import secrets
import time
import urllib.error
import urllib.parse
import urllib.request

from devgerrit import site


class GerritError(Exception):
    def __init__(self, method, path, code, body):
        super().__init__(f"{method} {path} -> HTTP {code}: {body.strip()[:1000]}")
        self.code = code


def q(s):
    """Quotes one path segment or query value."""
    return urllib.parse.quote(str(s), safe="")


def new_change_id():
    return "I" + secrets.token_hex(20)


class Gerrit:
    def __init__(self, url=None, user=site.ADMIN[0], password=site.ADMIN[1]):
        self.url = (url or site.url()).rstrip("/")
        self.user = user
        self.password = password
        self._auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def up(self):
        try:
            with urllib.request.urlopen(self.url + "/config/server/version", timeout=2) as r:
                return r.status == 200
        except (OSError, urllib.error.URLError):
            return False

    def call(self, method, path, body=None, content_type="application/json; charset=UTF-8"):
        """Returns (status, parsed JSON or None); never raises on an HTTP status."""
        if body is None:
            data = None
        elif isinstance(body, (bytes, str)):
            data = body.encode() if isinstance(body, str) else body
        else:
            data = json.dumps(body).encode()
        req = urllib.request.Request(self.url + "/a" + path, data=data, method=method)
        req.add_header("Authorization", self._auth)
        if data is not None:
            req.add_header("Content-Type", content_type)
        try:
            with urllib.request.urlopen(req, timeout=120) as resp:
                code, text = resp.status, resp.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode(errors="replace")
        if text.startswith(")]}'"):  # Gerrit's XSSI guard line
            text = text.split("\n", 1)[1] if "\n" in text else ""
        return code, (json.loads(text) if text.strip() else None)

    def rest(self, method, path, body=None, **kw):
        code, value = self.call(method, path, body, **kw)
        if code >= 400:
            raise GerritError(method, path, code, value if isinstance(value, str) else json.dumps(value))
        return value

    def exists(self, path):
        code, value = self.call("GET", path)
        if code == 404:
            return False
        if code >= 400:
            raise GerritError("GET", path, code, str(value))
        return True

    def get(self, path):
        return self.rest("GET", path)

    def query(self, query, n=None, options=()):
        path = f"/changes/?q={q(query)}" + (f"&n={n}" if n else "")
        path += "".join(f"&o={o}" for o in options)
        return self.get(path) or []

    def git_url(self, project):
        host = self.url.split("://", 1)[1]
        return f"http://{self.user}:{self.password}@{host}/a/{project}"

    # --- what the scripts do with changes -------------------------------------------------

    def create_change(self, project, branch, message):
        """A change whose commit (empty, on the branch tip) carries the message."""
        return self.rest("POST", "/changes/", {"project": project, "branch": branch, "subject": message})

    def approve(self, change):
        self.rest("POST", f"/changes/{q(change)}/revisions/current/review",
                  {"labels": {"Code-Review": 2, "Verified": 1}})

    def submit(self, change):
        return self.rest("POST", f"/changes/{q(change)}/submit", {})

    def merge(self, change):
        self.approve(change)
        return self.submit(change)

    def cherry_pick(self, change, branch):
        return self.rest("POST", f"/changes/{q(change)}/revisions/current/cherrypick",
                         {"destination": branch, "allow_empty": True})

    def vote(self, change, username, label="Verified"):
        """username's vote on label, read from the change (not the index); 0 when none."""
        d = self.get(f"/changes/{q(change)}/?o=DETAILED_LABELS&o=DETAILED_ACCOUNTS")
        for a in (d.get("labels", {}).get(label, {}).get("all") or []):
            if a.get("username") == username:
                return a.get("value") or 0
        return 0

    def tagged_messages(self, change, tag=site.MESSAGE_TAG):
        return [m for m in (self.get(f"/changes/{q(change)}/messages") or []) if m.get("tag") == tag]

    def plugin_tasks(self, queue=site.PLUGIN):
        """The tasks waiting or running in the plugin's queue (what show-queue lists)."""
        return [t for t in (self.get("/config/server/tasks/") or []) if t.get("queue_name") == queue]

    def wait_idle(self, timeout=120, quiet=0.3):
        """Waits until the plugin's queue has been empty for `quiet` seconds."""
        deadline = time.monotonic() + timeout
        empty_since = None
        while time.monotonic() < deadline:
            if self.plugin_tasks():
                empty_since = None
            elif empty_since is None:
                empty_since = time.monotonic()
            elif time.monotonic() - empty_since >= quiet:
                return
            time.sleep(0.05)
        raise TimeoutError(f"the {site.PLUGIN} queue was still busy after {timeout}s")
