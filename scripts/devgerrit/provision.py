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
"""Sets the dev site up as an administrator would; every step is idempotent.

configure() writes gerrit.config before the daemon starts; provision() then
makes the plugin's service account, the Verified label with its submit
requirement, and the permission to vote on it. site.PROVISIONED is written
only when all of it is done, so a start killed half-way is reported and
completed by the next one.
"""

import os
import time

from devgerrit import site
from devgerrit.gerrit import Gerrit, q
from devgerrit.site import log


def configure(http_port, ssh_port):
    url = f"http://127.0.0.1:{http_port}/"
    settings = [
        ("gerrit.canonicalWebUrl", url),
        ("httpd.listenUrl", url),
        ("sshd.listenAddress", f"127.0.0.1:{ssh_port}"),
        ("auth.type", "DEVELOPMENT_BECOME_ANY_ACCOUNT"),
        # No SMTP server here: without this every review logs a mail error.
        ("sendemail.enable", "false"),
        (f"plugin.{site.PLUGIN}.account", site.SERVICE_USER),
        # No automatic plugin reloads: scripts/dev-gerrit start restarts Gerrit instead.
        ("plugins.checkFrequency", "0"),
    ]
    for key, value in settings:
        site.config_set(key, value)


def ensure_admin(g):
    if g.call("GET", "/accounts/self")[0] != 200:
        raise SystemExit(
            f"cannot authenticate as {g.user}/{g.password} at {g.url}/a/accounts/self; was "
            f"{site.SITE} initialized with --dev? ({site.FROM_SCRATCH}, then start)")


def ensure_plugin_loaded(g, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if g.call("GET", f"/plugins/{site.PLUGIN}/gerrit~status")[0] == 200:
            return
        time.sleep(1)
    raise SystemExit(f"the {site.PLUGIN} plugin did not load (see {site.SITE}/logs/error_log)")


def ensure_service_account(g):
    if not g.exists(f"/accounts/{site.SERVICE_USER}"):
        log(f"creating the service account {site.SERVICE_USER} (member of {site.SERVICE_GROUP})")
        g.rest("PUT", f"/accounts/{site.SERVICE_USER}", {
            "username": site.SERVICE_USER, "name": site.SERVICE_USER,
            "display_name": "Backport Guard", "groups": [site.SERVICE_GROUP]})
    # Idempotent: makes sure of the membership on an older site too.
    g.rest("PUT", f"/groups/{q(site.SERVICE_GROUP)}/members/{site.SERVICE_USER}")


def ensure_verified_label(g):
    if not g.exists("/projects/All-Projects/labels/Verified"):
        log("defining label Verified in All-Projects")
        g.rest("PUT", "/projects/All-Projects/labels/Verified", {
            "commit_message": "Add label Verified (scripts/dev-gerrit)",
            "function": "NoBlock",
            "values": {"-1": "Fails", " 0": "No score", "+1": "Verified"},
            "default_value": 0,
            "copy_condition": "changekind:NO_CHANGE OR changekind:NO_CODE_CHANGE"})
    if not g.exists("/projects/All-Projects/submit_requirements/Verified"):
        log("adding submit requirement Verified in All-Projects")
        g.rest("PUT", "/projects/All-Projects/submit_requirements/Verified", {
            "name": "Verified",
            "description": "Changes need a +1 Verified and no -1 Fails to be submittable.",
            "submittability_expression": "label:Verified=MAX AND -label:Verified=MIN",
            "allow_override_in_child_projects": True})
    groups = [g.get(f"/groups/{q(name)}")["id"] for name in ("Administrators", site.SERVICE_GROUP)]
    access = g.get("/projects/All-Projects/access")
    rules = (access.get("local", {}).get("refs/heads/*", {}).get("permissions", {})
             .get("label-Verified", {}).get("rules", {}))
    if not all(uuid in rules for uuid in groups):
        log(f"granting label-Verified -1..+1 on refs/heads/* to Administrators and {site.SERVICE_GROUP}")
        g.rest("POST", "/projects/All-Projects/access", {
            "message": "Allow Verified votes (scripts/dev-gerrit)",
            "add": {"refs/heads/*": {"permissions": {"label-Verified": {
                "label": "Verified",
                "rules": {uuid: {"action": "ALLOW", "min": -1, "max": 1} for uuid in groups}}}}}})


def provision(plugin_installed=True):
    g = Gerrit()
    if not site.PROVISIONED.done():
        log(f"provisioning the site (no marker {os.path.relpath(site.PROVISIONED.path, site.ROOT)}"
            ": a new site, or the last start stopped before it finished)")
    ensure_admin(g)
    if plugin_installed:
        ensure_plugin_loaded(g)
    ensure_service_account(g)
    ensure_verified_label(g)
    site.PROVISIONED.write()
