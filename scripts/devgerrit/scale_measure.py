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
"""The five measurements of issue 12 on a built scale site (scripts/scale-benchmark measure).

1. upload latency ratio: `git push` of one backport to refs/for/<branch> of the core with the
   plugin on and off in its own project.config, interleaved;
2. evaluation latency: from the start of the REST call that creates a backport declaring K
   prerequisites in one state to the plugin's comment on it (read from the change, not the
   index), core vs the 1,000-commit project, interleaved;
3. re-vote throughput: from the submit of a prerequisite's backport to the last of N dependents
   re-voted, next to N bare review posts by the same account;
4. index queries and objects read per evaluation (metric deltas around each evaluation of 2);
5. the plugin's retained heap (class histogram) and verdict cache during a burst of new patch sets.

The pure parts (percentiles, the order of the samples, metric deltas, the histogram, the table)
are kept apart from the Gerrit plumbing and unit-tested (test_scale_measure.py).
"""

import dataclasses
import json
import math
import os
import re
import subprocess
import tempfile
import time

from devgerrit import scale, scale_changes, site
from devgerrit.gerrit import q
from devgerrit.git import git

PACKAGE = "com.googlesource.gerrit.plugins.backportguard"
METRIC_PREFIX = "plugins/backport-guard/"
QUERIES = METRIC_PREFIX + "evaluation/index_queries"
OBJECTS = METRIC_PREFIX + "evaluation/objects_read"
EVALUATIONS = METRIC_PREFIX + "evaluation/count"
CACHE = "backport-guard-verdicts"
# What the plugin's comment says of a prerequisite it could not decide within maxCommitsPerCheck.
UNDECIDED = "could not be decided within the bound"

# States of a backport's prerequisites on the branch it targets (issue 12, item 2).
STATES = ("missing", "merged before the cut", "merged on the branch", "direct push", "reverted")


# --- pure ----------------------------------------------------------------------------------


def percentile(values, p):
    """The p-th percentile (0..100) by linear interpolation between closest ranks; None if empty."""
    if not values:
        return None
    v = sorted(values)
    rank = (len(v) - 1) * p / 100.0
    lo, hi = math.floor(rank), math.ceil(rank)
    return v[lo] + (v[hi] - v[lo]) * (rank - lo)


def summary(values):
    """n, p50, p95 and max of a list of numbers (None for an empty list's figures)."""
    return {"n": len(values), "p50": percentile(values, 50), "p95": percentile(values, 95),
            "max": max(values) if values else None}


def ratio(a, b):
    return None if a is None or not b else a / b


def spread(names, n):
    """n of names spread evenly over the list, oldest to newest (the ends excluded)."""
    if n <= 0 or not names:
        return []
    n = min(n, len(names))
    return [names[(i + 1) * len(names) // (n + 1)] for i in range(n)]


@dataclasses.dataclass(frozen=True)
class Sample:
    round: int
    k: int
    state: str
    project: str


def evaluation_plan(samples_per_k, states, projects):
    """The evaluation samples in the order they run: round by round, in each round every K,
    state and project in turn, so that core and small (and the states) alternate under the same
    load instead of one running in a quieter minute than the other. samples_per_k: {K: rounds}."""
    out = []
    for r in range(max(samples_per_k.values(), default=0)):
        for k, rounds in samples_per_k.items():
            if r >= rounds:
                continue
            for state in states:
                for project in projects:
                    out.append(Sample(r, k, state, project))
    return out


def metric_value(metrics, name):
    """A counter's count (or a gauge's value) in GET /config/server/metrics/; None if absent."""
    m = metrics.get(name)
    if m is None:
        return None
    if "count" in m:
        return m["count"]
    return m.get("value")


def metric_delta(before, after, name):
    a, b = metric_value(before, name), metric_value(after, name)
    return None if a is None or b is None else b - a


HISTOGRAM_LINE = re.compile(r"^\s*\d+:\s+(\d+)\s+(\d+)\s+(\S+)")


def parse_histogram(text, package=PACKAGE):
    """(instances, bytes, {class: bytes}) of the classes of `package` in `jcmd GC.class_histogram`."""
    instances = size = 0
    classes = {}
    for line in text.splitlines():
        m = HISTOGRAM_LINE.match(line)
        if not m or not m.group(3).startswith(package):
            continue
        instances += int(m.group(1))
        size += int(m.group(2))
        classes[m.group(3)] = classes.get(m.group(3), 0) + int(m.group(2))
    return instances, size, classes


BLOCKING_STATES = ("missing", "reverted")


def wrong_verdicts(report):
    """What a run got wrong rather than slow: a check the plugin could not decide within its bounds,
    a vote the state does not call for (-1 exactly where a prerequisite is missing or reverted), a
    dependent still blocked after its prerequisite's backport merged. Empty when all is right."""
    wrong = []
    for c in (report.get("evaluation") or {}).get("cells", []):
        where = f"K={c['k']} {c['state']} on {c['project']}"
        if c["undecided"]:
            wrong.append(f"{where}: {c['undecided']} undecided")
        votes = set(c["votes"].split(",")) if c["votes"] else set()
        if c["state"] in BLOCKING_STATES and votes != {"-1"}:
            wrong.append(f"{where}: votes {c['votes']}, want -1")
        if c["state"] not in BLOCKING_STATES and "-1" in votes:
            wrong.append(f"{where}: votes {c['votes']}, want no -1")
    for x in report.get("revote") or []:
        if x["still_blocked"]:
            wrong.append(f"re-vote of {x['n']}: {x['still_blocked']} still -1")
    return wrong


def fmt(x, digits=2):
    if x is None:
        return "n/a"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    return str(x)


def graphs(header, key="commit_graph"):
    g = header.get(key) or {}
    on = [p for p, v in g.items() if v]
    return "none" if not on else ("all measured projects" if len(on) == len(g) else ", ".join(on))


def render_markdown(r):
    """The report of one run as Markdown: the load, then one table per measurement."""
    h = r["header"]
    out = [f"## Scale benchmark, {h['started']}", "",
           f"Gerrit {h['gerrit']}, {h['cores']} cores, {h['memory_gb']} GB, plugin threads {h['threads']},"
           f" shape {h['shape_key']} (core {h['core']}: {h['core_commits']} commits, {h['branches']} branches;"
           f" small {h['small']}: {h['small_commits']} commits). Commit-graph: {graphs(h)}; bitmaps: {graphs(h, 'bitmaps')}. Load (1/5/15 min) before {h['load_before']},"
           f" after {h['load_after']}; {h['seconds']} s.", ""]
    u = r.get("upload")
    if u:
        out += ["### 1. Upload latency (git push of one backport to refs/for/)", "",
                "| plugin | pushes | median s | p95 s | load before / after |", "|---|---|---|---|---|",
                f"| on ({u['on_project']}) | {u['on']['n']} | {fmt(u['on']['p50'], 3)} | {fmt(u['on']['p95'], 3)}"
                f" | {u['load'][0]} / {u['load'][1]} |",
                f"| off ({u['off_project']}) | {u['off']['n']} | {fmt(u['off']['p50'], 3)}"
                f" | {fmt(u['off']['p95'], 3)} | |",
                "", f"Ratio of the medians on/off: **{fmt(u['ratio'])}** (goal <= 1.05).", ""]
    e = r.get("evaluation")
    if e:
        out += ["### 2. Evaluation latency (create call start -> plugin's comment on the change) "
                "and 4. cost per evaluation", "",
                "| K | state | project | n | p50 s | p95 s | max s | create p50 s | vote | undecided | queries/eval"
                " | objects/eval |", "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for c in e["cells"]:
            out.append(f"| {c['k']} | {c['state']} | {c['project']} | {c['latency']['n']} | "
                       f"{fmt(c['latency']['p50'])} | {fmt(c['latency']['p95'])} | {fmt(c['latency']['max'])} | "
                       f"{fmt(c['create']['p50'])} | {c['votes']} | {c['undecided']} | {fmt(c['queries'], 1)} | {fmt(c['objects'], 0)} |")
        out += ["", "| K | p95 all states, core s | goal s | median core / small |", "|---|---|---|---|"]
        for k in e["by_k"]:
            out.append(f"| {k['k']} | {fmt(k['core_p95'])} | {fmt(k['goal'])} | {fmt(k['core_small'])} (goal <= 1.5) |")
        out += ["", f"Load before / after: {e['load'][0]} / {e['load'][1]}.", ""]
    v = r.get("revote")
    if v:
        out += ["### 3. Re-vote throughput (submit -> last dependent re-voted) vs bare review posts", "",
                "| dependents | re-vote s | of which submit s | still -1 after | bare posts s | ratio | load before / after |",
                "|---|---|---|---|---|---|---|"]
        for x in v:
            out.append(f"| {x['n']} | {fmt(x['revote'])} | {fmt(x['submit'])} | {x['still_blocked']} | {fmt(x['posts'])} | "
                       f"{fmt(x['ratio'])} | {x['load'][0]} / {x['load'][1]} |")
        out += ["", "Goal: ratio <= 1.5, 1,000 dependents within 60 s.", ""]
    m = r.get("memory")
    if m:
        out += ["### 5. Memory (plugin classes after a full GC; verdict cache entries in memory)", "",
                "| when | events | instances | bytes | verdict cache | plugin queue | load |",
                "|---|---|---|---|---|---|---|"]
        for s in m["samples"]:
            out.append(f"| {s['when']} | {s['events']} | {fmt(s['instances'])} | {fmt(s['bytes'])} | "
                       f"{fmt(s['cache'])} | {fmt(s['queue'])} | {s['load']} |")
        out += ["", f"Burst: {m['events']} new patch sets of open backports on {m['project']} {m['branch']}"
                    f" in {m['pushes']} pushes, {fmt(m['seconds'], 1)} s until the plugin's queue was idle.", ""]
    return "\n".join(out) + "\n"


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


# --- Gerrit plumbing -------------------------------------------------------------------------


def set_plugin_enabled(site_git_dir, project, enabled):
    """Turns the plugin on or off for a project by a commit on its refs/meta/config written straight
    into the site's repository; the caller flushes Gerrit's project cache. The upload ratio compares
    pushes to the same project, with the same refs, with the plugin on and off: a twin without the
    core's 5,000 changes took a third of the time to receive a push, plugin or not."""
    repo = os.path.join(site_git_dir, project + ".git")
    old = git("--git-dir", repo, "rev-parse", "refs/meta/config").strip()
    config = git("--git-dir", repo, "show", "refs/meta/config:project.config")
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "project.config")
        with open(path, "w") as f:
            f.write(config)
        git("config", "-f", path, "plugin.backport-guard.enabled", "true" if enabled else "false")
        with open(path) as f:
            config = f.read()
    blob = git("--git-dir", repo, "hash-object", "-w", "--stdin", input=config).strip()
    # Every other file of refs/meta/config kept: `groups` names the groups its ACLs grant to.
    entries = [e for e in git("--git-dir", repo, "ls-tree", old).splitlines()
               if not e.endswith("\tproject.config")]
    entries.append(f"100644 blob {blob}\tproject.config")
    tree = git("--git-dir", repo, "mktree", input="\n".join(entries) + "\n").strip()
    commit = git("--git-dir", repo, "commit-tree", tree, "-p", old, "-m",
                 f"Plugin {'on' if enabled else 'off'} for the upload ratio (scale_measure.py)").strip()
    git("--git-dir", repo, "update-ref", "refs/meta/config", commit, old)


class Measure:
    """Runs the measurements against the dev Gerrit `g` holding the scale site of `shape`."""

    def __init__(self, g, shape, state_path, log=lambda m: None, seed_run=None):
        self.g = g
        self.shape = shape
        self.log = log
        self.state_path = state_path
        self.pusher = scale_changes.Pusher(g, site.DEV_DIR, shape)
        self.run = seed_run or f"{int(time.time())}"
        self.state = {}
        if os.path.exists(state_path):
            with open(state_path) as f:
                self.state = json.load(f)

    def close(self):
        self.pusher.close()

    def save(self):
        os.makedirs(os.path.dirname(self.state_path), exist_ok=True)
        with open(self.state_path + ".tmp", "w") as f:
            json.dump(self.state, f, indent=1)
        os.replace(self.state_path + ".tmp", self.state_path)

    def cid(self, project, what):
        return scale.change_id(self.shape.seed, project, what)

    def metrics(self):
        return self.g.get("/config/server/metrics/") or {}

    def idle(self, timeout=600):
        self.g.wait_idle(timeout=timeout, quiet=0.2)

    # --- setup, recorded so that a second run does not redo it ---

    def branch(self, project, name, revision):
        code, _ = self.g.call("GET", f"/projects/{q(project)}/branches/{q(name)}")
        if code != 200:
            self.g.rest("PUT", f"/projects/{q(project)}/branches/{q(name)}", {"revision": revision})

    def tip(self, project, branch):
        return self.g.get(f"/projects/{q(project)}/branches/{q(branch)}")["revision"]

    def setup_project(self, project, branches, k_max, spread_n):
        """K_max prerequisites merged on master, and a branch per state where all of them are in
        that state: returns {state: [branch, ...]}."""
        key = f"evaluation setup {project} {k_max} {spread_n}"
        if key in self.state:
            return self.state[key]
        t = time.monotonic()
        prereqs = [scale_changes.Commit(self.cid(project, f"measure prereq {i}"), f"Measure prerequisite {i}",
                                        path=f"measure/P{i:03d}.php") for i in range(k_max)]
        have = scale_changes.existing(self.g, project)
        todo = [c for c in prereqs if ("master", c.change_id) not in have]
        self.pusher.push(project, "master", todo, submit=True)
        points = spread(branches, spread_n)
        out = {s: [] for s in STATES}
        for b in points:
            tip = self.tip(project, b)
            for state in ("missing", "merged on the branch", "direct push"):
                name = f"measure/{state.replace(' ', '-')}/{b}"
                self.branch(project, name, tip)
                out[state].append(name)
                if state == "merged on the branch":
                    self._merged_onto(project, name, prereqs)
                elif state == "direct push" and self.tip(project, name) == tip:
                    self.pusher.push(project, name, prereqs, direct=True)
        # Reverted: Gerrit's revert (which records revertOf, what the plugin reads), merged, on the
        # middle branch only: three REST calls per prerequisite.
        mid = points[len(points) // 2]
        name = f"measure/reverted/{mid}"
        self.branch(project, name, self.tip(project, mid))
        self._merged_onto(project, name, prereqs)
        for c in prereqs:
            pick = q(f"{project}~{name}~{c.change_id}")
            number = self.g.get(f"/changes/{pick}")["_number"]
            found = self.g.query(f"revertof:{number}", n=1)
            r = found[0] if found else self.g.rest("POST", f"/changes/{pick}/revert", {})
            if r["status"] != "MERGED":
                self.g.merge(f"{project}~{r['_number']}")
        out["reverted"].append(name)
        before = "measure/merged-before-the-cut"
        self.branch(project, before, self.tip(project, "master"))
        out["merged before the cut"].append(before)
        out["prereqs"] = [c.change_id for c in prereqs]
        self.state[key] = out
        self.save()
        self.log(f"{project}: evaluation setup in {time.monotonic() - t:.1f} s")
        return out

    def _merged_onto(self, project, branch, prereqs):
        """Cherry-picks of the prerequisites (same Change-Ids) merged on the branch in one push."""
        have = scale_changes.existing(self.g, project)
        # A file of the branch's own, so that two branches cut at one commit get distinct commits.
        slug = re.sub(r"[^A-Za-z0-9.]+", "-", branch)
        todo = [dataclasses.replace(c, path=f"measure/{slug}/{os.path.basename(c.path)}")
                for c in prereqs if (branch, c.change_id) not in have]
        self.pusher.push(project, branch, todo, independent=False, submit=True)

    # --- 1. upload latency ---

    def plugin(self, project, enabled):
        set_plugin_enabled(os.path.join(site.SITE, "git"), project, enabled)
        self.g.rest("POST", "/config/server/caches/", {"operation": "FLUSH", "caches": ["projects"]})

    def upload(self, branch, pushes, warmup, prereq):
        """The same project (the core, its 5,000 changes) with the plugin on and off in turn."""
        project = self.shape.core
        times = {"on": [], "off": []}
        load = [loadavg()]
        self.idle()
        try:
            for i in range(warmup + pushes):
                for mode in (("on", "off") if i % 2 == 0 else ("off", "on")):
                    self.plugin(project, mode == "on")
                    c = scale_changes.Commit(self.cid(project, f"upload {self.run} {i} {mode}"),
                                             f"Backport {i} (upload, plugin {mode})",
                                             (f"Depends-On: {prereq}",), path=f"measure/U{i % 10}.php")
                    took = self.pusher.push(project, branch, [c], independent=False)
                    self.idle()
                    if i >= warmup:
                        times[mode].append(took)
        finally:
            self.plugin(project, True)
        load.append(loadavg())
        res = {"on_project": project, "off_project": project + ", plugin off", "branch": branch,
               "on": summary(times["on"]), "off": summary(times["off"]), "load": load, "raw": times}
        res["ratio"] = ratio(res["on"]["p50"], res["off"]["p50"])
        return res

    # --- 2 and 4. evaluation latency and cost ---

    def evaluate_once(self, project, branch, footers, label):
        before = self.metrics()
        msg = (f"Measure backport {label}\n\nA backport of the scale benchmark.\n\n"
               + "".join(f"Depends-On: {f}\n" for f in footers)
               + f"Change-Id: {self.cid(project, 'eval ' + self.run + ' ' + label)}\n")
        t0 = time.monotonic()
        info = self.g.rest("POST", "/changes/", {"project": project, "branch": branch, "subject": msg})
        created = time.monotonic() - t0
        raw = f"{project}~{info['_number']}"
        ident = q(raw)
        deadline = t0 + 120
        while True:
            msgs = [m for m in self.g.get(f"/changes/{ident}/messages") or [] if m.get("tag") == site.MESSAGE_TAG]
            if msgs:
                break
            if time.monotonic() > deadline:
                raise TimeoutError(f"no comment of the plugin on {ident} within 120 s")
            time.sleep(0.02)
        latency = time.monotonic() - t0
        self.idle()
        after = self.metrics()
        vote = self.g.vote(raw, site.SERVICE_USER)
        return {"latency": latency, "create": created, "vote": vote,
                "undecided": UNDECIDED in msgs[0].get("message", ""),
                "queries": metric_delta(before, after, QUERIES), "objects": metric_delta(before, after, OBJECTS),
                "evaluations": metric_delta(before, after, EVALUATIONS)}

    def evaluation(self, setups, samples_per_k):
        """setups: {project: {state: [branches], 'prereqs': [...]}}."""
        projects = list(setups)
        plan = evaluation_plan(samples_per_k, STATES, projects)
        load = [loadavg()]
        results = {}
        for i, s in enumerate(plan):
            su = setups[s.project]
            branches = su[s.state]
            branch = branches[s.round % len(branches)]
            r = self.evaluate_once(s.project, branch, su["prereqs"][:s.k], f"{i} k{s.k} r{s.round}")
            results.setdefault((s.k, s.state, s.project), []).append(r)
        load.append(loadavg())
        cells = []
        for (k, state, project), rs in results.items():
            qs = [r["queries"] for r in rs if r["queries"] is not None]
            os_ = [r["objects"] for r in rs if r["objects"] is not None]
            cells.append({"k": k, "state": state, "project": project,
                          "latency": summary([r["latency"] for r in rs]),
                          "create": summary([r["create"] for r in rs]),
                          "votes": ",".join(sorted({str(r["vote"]) for r in rs})),
                          "undecided": sum(1 for r in rs if r.get("undecided")),
                          "queries": sum(qs) / len(qs) if qs else None,
                          "objects": sum(os_) / len(os_) if os_ else None,
                          "raw": rs})
        by_k = []
        core, small = self.shape.core, self.shape.small
        for k in samples_per_k:
            lat = {p: [r["latency"] for (kk, _, pp), rs in results.items() if kk == k and pp == p for r in rs]
                   for p in projects}
            by_k.append({"k": k, "core_p95": percentile(lat.get(core, []), 95),
                         "goal": 0.5 if k <= 1 else (1.5 if k >= 50 else None),
                         "core_small": ratio(percentile(lat.get(core, []), 50), percentile(lat.get(small, []), 50))})
        creates = [r["create"] for rs in results.values() for r in rs]
        return {"cells": cells, "by_k": by_k, "create": summary(creates), "load": load}

    # --- 3. re-vote throughput ---

    def blocked(self, project, branch):
        return (f"project:{project} branch:{branch} status:open "
                f"label:Verified=-1,user={site.SERVICE_USER}")

    def revote(self, n, project, cut_from):
        branch = f"measure/revote-{self.run}-{n}"
        load = [loadavg()]
        self.branch(project, branch, self.tip(project, cut_from))
        p = scale_changes.Commit(self.cid(project, f"revote prereq {self.run} {n}"), f"Re-vote prerequisite {n}",
                                 path=f"measure/R{n}.php")
        self.pusher.push(project, "master", [p], submit=True)
        deps = [scale_changes.Commit(self.cid(project, f"revote dep {self.run} {n} {i}"), f"Dependent {i}",
                                     (f"Depends-On: {p.change_id}",), path=f"measure/D{i % 100:02d}.php")
                for i in range(n)]
        t = time.monotonic()
        for i in range(0, n, 500):  # a push of more than ~500 new changes is refused by default limits
            self.pusher.push(project, branch, deps[i:i + 500], scaffold=f"revote {self.run} {n} {i}")
        self.idle(timeout=1800)
        setup = time.monotonic() - t
        nums = list(scale_changes.numbers(self.g, self.blocked(project, branch)).values())
        if len(nums) != n:
            raise TimeoutError(f"{len(nums)} of {n} dependents carry the plugin's -1 on {branch}")
        self.pusher.push(project, branch, [p], independent=False)
        pick = f"{project}~{branch}~{p.change_id}"
        self.g.approve(pick)
        self.idle()
        t0 = time.monotonic()
        self.g.submit(pick)
        submitted = time.monotonic() - t0
        took, cleared = self.until_revoted(project, branch, t0)
        still = 0 if cleared else len(scale_changes.numbers(self.g, self.blocked(project, branch)))
        self.idle()
        t1 = time.monotonic()
        for num in nums:
            self.g.rest("POST", f"/changes/{q(project)}~{num}/revisions/current/review",
                        {"message": "Bare review post of the scale benchmark's baseline."})
        posts = time.monotonic() - t1
        load.append(loadavg())
        self.state.setdefault("revote branches", []).append(branch)
        self.save()
        return {"n": n, "revote": took, "submit": submitted, "still_blocked": still, "posts": posts,
                "ratio": ratio(took, posts),
                "setup": setup, "branch": branch, "load": load, "dependents": deps, "numbers": nums}

    def until_revoted(self, project, branch, t0, settle=2.0, quiet=1.0, timeout=600):
        """Seconds from t0 until no dependent on the branch carries the plugin's -1 (polled with a
        one-result query), and whether that happened: if the plugin's queue is idle for `quiet`
        seconds (after `settle`) with dependents still blocked, the plugin re-checked them and kept
        the -1 (e.g. undecided within its bound), and the time until the queue went idle counts."""
        idle_since = None
        last_busy = t0
        while True:
            now = time.monotonic()
            if not self.g.query(self.blocked(project, branch), n=1):
                return now - t0, True
            if now - t0 > timeout:
                self.log(f"dependents of {branch} still blocked, the plugin busy, after {timeout} s: stopped")
                return None, False
            if self.g.plugin_tasks():
                last_busy, idle_since = time.monotonic(), None
            elif now - t0 >= settle:
                idle_since = idle_since or now
                if now - idle_since >= quiet:
                    return last_busy - t0, False
            time.sleep(0.05)

    # --- 5. memory ---

    def jcmd(self):
        with open(site.PID_FILE) as f:
            pid = f.read().strip()
        java = os.readlink(f"/proc/{pid}/exe")
        return os.path.join(os.path.dirname(java), "jcmd"), pid

    def heap(self, when, events):
        # The queue first: the full GC below takes long enough for the queue to drain meanwhile.
        queue = len(self.g.plugin_tasks())
        jcmd, pid = self.jcmd()
        subprocess.run([jcmd, pid, "GC.run"], check=True, capture_output=True)
        out = subprocess.run([jcmd, pid, "GC.class_histogram"], check=True, capture_output=True,
                             text=True).stdout
        instances, size, classes = parse_histogram(out)
        caches = self.g.get("/config/server/caches/") or {}
        cache = (caches.get(CACHE) or {}).get("entries", {}).get("mem")
        top = sorted(classes.items(), key=lambda x: -x[1])[:5]
        return {"when": when, "events": events, "instances": instances, "bytes": size, "cache": cache,
                "queue": queue, "load": loadavg(), "top": top}

    def memory(self, project, cut_from, prereq, events, pushes):
        """A burst of `events` new patch sets in `pushes` pushes on as many open backports (one per
        event of a push, declaring `prereq`) on a new branch of `project`, heap sampled after each."""
        per = max(1, events // pushes)
        branch = f"measure/burst-{self.run}"
        self.branch(project, branch, self.tip(project, cut_from))
        deps = [scale_changes.Commit(self.cid(project, f"burst {self.run} {i}"), f"Burst backport {i}",
                                     (f"Depends-On: {prereq}",), path=f"measure/B{i % 100:02d}.php")
                for i in range(per)]
        for i in range(0, per, 500):
            self.pusher.push(project, branch, deps[i:i + 500], scaffold=f"burst {self.run} {i}")
        self.idle(timeout=1800)
        samples = [self.heap("before the burst", 0)]
        done = 0
        t = time.monotonic()
        for r in range(pushes):
            # A change gets one patch set per push: `per` changes, each a new patch set per push.
            batch = [dataclasses.replace(c, subject=f"{c.subject} (patch set {r + 2})") for c in deps]
            for i in range(0, per, 500):
                self.pusher.push(project, branch, batch[i:i + 500], scaffold=f"burst {self.run} ps{r} {i}")
            done += len(batch)
            samples.append(self.heap(f"after push {r + 1} of {pushes}", done))
        self.idle(timeout=1800)
        seconds = time.monotonic() - t
        samples.append(self.heap("queue idle", done))
        return {"samples": samples, "events": done, "pushes": pushes, "seconds": seconds, "project": project,
                "branch": branch}
