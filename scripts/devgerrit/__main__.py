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
"""Commands for scripts/dev-gerrit: PYTHONPATH=scripts python3 -m devgerrit COMMAND."""

import argparse
import sys

from devgerrit import demo, provision, rest_example, site
from devgerrit.gerrit import Gerrit, GerritError
from devgerrit.git import GitError


def main(argv):
    ap = argparse.ArgumentParser(prog="devgerrit")
    sub = ap.add_subparsers(dest="command", required=True)
    c = sub.add_parser("configure", help="write the dev settings into the site's gerrit.config")
    c.add_argument("--http-port", type=int, required=True)
    c.add_argument("--ssh-port", type=int, required=True)
    sub.add_parser("ports", help="print the HTTP and SSH ports the site uses")
    sub.add_parser("release", help="print GERRIT_VERSION, its series and its .dev directory")
    sub.add_parser("clear-markers", help="forget provisioning and demo (a new site)")
    for name in ("provision", "demo"):
        p = sub.add_parser(name)
        p.add_argument("--no-plugin", action="store_true", help="the plugin is not installed")
        p.add_argument("--timeout", type=int, default=60)
    sub.add_parser("demo-vote", help="print the demo backport's Verified vote by the plugin")
    sub.add_parser("plugins", help="print the plugins Gerrit runs")
    sub.add_parser("rest-example", help="run rest-api.md's deployment example against the demo, "
                   "then check the plugin's other endpoints on it")
    args = ap.parse_args(argv)

    if args.command == "configure":
        provision.configure(args.http_port, args.ssh_port)
    elif args.command == "ports":
        print(*site.ports())
    elif args.command == "release":
        print(site.GERRIT_VERSION, site.SERIES, site.DEV_DIR, sep="\t")
    elif args.command == "clear-markers":
        site.PROVISIONED.clear()
        site.DEMO_LOADED.clear()
    elif args.command == "provision":
        provision.provision(plugin_installed=not args.no_plugin)
    elif args.command == "demo":
        g = Gerrit()
        demo.load(g)
        return 0 if demo.show(g, plugin_installed=not args.no_plugin, timeout=args.timeout) else 1
    elif args.command == "demo-vote":
        print(demo.vote(Gerrit()))
    elif args.command == "rest-example":
        example = rest_example.run()
        print("the plugin's other endpoints on the demo:")
        others = rest_example.endpoints()
        return 0 if example and others else 1
    elif args.command == "plugins":
        print(" ".join(sorted(Gerrit().get("/plugins/") or {})))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except (GerritError, GitError) as e:
        site.log(f"error: {e}")
        sys.exit(1)
