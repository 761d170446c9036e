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
"""Changes in bulk for the scale site: many changes per `git push` to refs/for/<branch>.

Gerrit makes one change of every new commit a push to refs/for/<branch> brings,
so one push makes hundreds of changes. A push carries one magic branch, and the
commits of a plain series would form a relation chain (each change needing the
one below it), which the plugin's "submitted together" rules would read. So
`independent` changes are each a child of the branch's tip, and the push's tip
is an octopus merge of them all: Gerrit makes one change of each commit (N
independent changes, plus the merge's own change, which is abandoned at once).
`%submit` with Code-Review+2 and Verified+1 merges what a push makes in the
same push, which is how the prerequisites are merged.

Commits are written with git fast-import into a scratch repository that
borrows the cache's objects (objects/info/alternates), so fetching a branch
tip from Gerrit and pushing new commits sends only what is new.

What changes the scale site holds (plan(), pure, deterministic) and how they are
created (load()) are kept apart so the plan can be unit-tested without a server.
"""

import dataclasses
import json
import os
import shutil
import time

from devgerrit import scale, site
from devgerrit.gerrit import q
from devgerrit.git import git


@dataclasses.dataclass(frozen=True)
class Commit:
    change_id: str
    subject: str
    footers: tuple = ()
    path: str = "README"


def message(c):
    return (f"{c.subject}\n\nA change of the scale site.\n\n"
            + "".join(f + "\n" for f in c.footers) + f"Change-Id: {c.change_id}\n")


def stream(commits, parent, ref="refs/heads/scale-push", independent=True, merge_change_id=None,
           when=scale.EPOCH + scale.SPAN + 86_400):
    """The fast-import stream of `commits` above `parent` (a commit id) ending on `ref`.

    independent: each commit is a child of `parent` and `ref` ends on an octopus merge of
    them all (carrying merge_change_id); else the commits form one series.
    """
    out = []
    mark = 0
    for i, c in enumerate(commits):
        mark += 1
        raw = message(c).encode()
        base = parent if independent or i == 0 else f":{mark - 1}"
        body = f"scale change {c.change_id}\n".encode()
        out.append(b"commit %s\nmark :%d\n" % ((ref + "-parts" if independent else ref).encode(), mark)
                   + b"author %s <%s> %d +0000\n" % (b"Administrator", b"admin@example.com", when + i)
                   + b"committer %s <%s> %d +0000\n" % (b"Administrator", b"admin@example.com", when + i)
                   + b"data %d\n" % len(raw) + raw
                   + b"from %s\n" % base.encode()
                   + b"M 100644 inline %s\ndata %d\n%s\n\n" % (c.path.encode(), len(body), body))
    if independent and commits:
        raw = (f"Scaffolding: merge the {len(commits)} changes of one push\n\n"
               f"Abandoned once pushed.\n\nChange-Id: {merge_change_id}\n").encode()
        out.append(b"commit %s\n" % ref.encode()
                   + b"committer Administrator <admin@example.com> %d +0000\n" % (when + len(commits))
                   + b"data %d\n" % len(raw) + raw + b"from :1\n"
                   + b"".join(b"merge :%d\n" % m for m in range(2, mark + 1)) + b"\n")
    return b"".join(out)


class Pusher:
    """Pushes series of new commits to refs/for/<branch> (or directly) of the scale projects."""

    def __init__(self, g, dev_dir, shape):
        self.g = g
        self.shape = shape
        self.repo = site.scratch_dir("scale-push-")
        self.pushes = 0
        self.tips = {}
        git("init", "-q", "--bare", self.repo)
        cache_git = os.path.join(scale.cache_dir(dev_dir, shape), "git")
        with open(os.path.join(self.repo, "objects", "info", "alternates"), "w") as f:
            for name, _, _, _ in scale.projects(shape):
                f.write(os.path.join(cache_git, name + ".git", "objects") + "\n")

    def close(self):
        shutil.rmtree(self.repo, ignore_errors=True)

    def prefetch(self, project):
        """Every branch tip of the project in one fetch (the objects are the cache's: nothing moves)."""
        prefix = f"refs/tips/{project}/"
        git("--git-dir", self.repo, "fetch", "-q", "--no-tags", self.g.git_url(project),
            f"+refs/heads/*:{prefix}*")
        out = git("--git-dir", self.repo, "for-each-ref", "--format=%(refname) %(objectname)", prefix)
        for line in out.splitlines():
            ref, sha = line.split()
            self.tips[(project, ref[len(prefix):])] = sha

    def tip(self, project, branch):
        if (project, branch) not in self.tips:
            self.prefetch(project)
        return self.tips[(project, branch)]

    def push(self, project, branch, commits, independent=True, submit=False, direct=False, topic=None,
             scaffold=""):
        """One push making a change of each commit (direct: commits on the branch, no change).

        A commit carrying the Change-Id of an open change on the branch makes a new patch set of
        it; then give `scaffold` (any text new for the project) so that the octopus merge gets a
        new Change-Id rather than one of the earlier, abandoned, merge. Returns the seconds
        `git push` took."""
        if not commits:
            return 0.0
        parent = self.tip(project, branch)
        merge_cid = scale.change_id(self.shape.seed, project, "scaffold " + scaffold + commits[0].change_id)
        independent = independent and not direct and not submit and len(commits) > 1
        git("--git-dir", self.repo, "fast-import", "--quiet", "--force",
            input=stream(commits, parent, independent=independent, merge_change_id=merge_cid))
        opts = list(SUBMIT if submit else ()) + ([f"topic={topic}"] if topic else [])
        target = (f"refs/heads/{branch}" if direct
                  else f"refs/for/{branch}" + ("%" + ",".join(opts) if opts else ""))
        started = time.monotonic()
        git("--git-dir", self.repo, "push", "-q", self.g.git_url(project), f"refs/heads/scale-push:{target}")
        took = time.monotonic() - started
        self.pushes += 1
        if submit or direct:
            # The branch moved (a fast-forward to what was pushed); read it again when next needed.
            self.tips.pop((project, branch), None)
        if independent:
            self.g.rest("POST", f"/changes/{q(project + '~' + branch + '~' + merge_cid)}/abandon",
                        {"message": "Scaffolding of a bulk push (scripts/devgerrit/scale_changes.py)"})
        return took


SUBMIT = ("submit", "l=Code-Review+2", "l=Verified+1")


def numbers(g, query):
    """Change-Id -> change number of every change the query finds (paged)."""
    found, start = {}, 0
    while True:
        page = g.get(f"/changes/?q={q(query)}&n=500&S={start}") or []
        for c in page:
            found[c["change_id"]] = c["_number"]
        if not page or not page[-1].get("_more_changes"):
            return found
        start += len(page)


# --- what the scale site holds -----------------------------------------------------------

# The forms of a Depends-On value (about.md, "Declaring a dependency"), used in turn.
FORMS = ("change-id", "abbreviated", "number", "project~number", "triplet", "url")


@dataclasses.dataclass(frozen=True)
class Counts:
    core_prereqs: int = 500  # merged on core's master, after every cut
    ext_prereqs: int = 6  # per extension, merged on its master
    backport_branches: int = 100  # the newest core branches that get backports
    merged_on_branch: int = 2  # per such branch: prerequisites backported as merged changes
    direct_on_branch: int = 1  # per such branch: prerequisites cherry-picked by a direct push
    per_branch: int = 5  # prerequisites each such branch's backports draw from
    core_backports: int = 8  # open backports with Depends-On per such branch
    ext_backports: int = 4  # open backports with Depends-On per extension
    core_open: int = 2000  # open changes without Depends-On on core's master
    ext_open: int = 20  # per extension
    series: int = 50  # changes per push of those (one relation chain each)

    def total(self, shape):
        b = min(self.backport_branches, shape.branches)
        return (self.core_prereqs + shape.extensions * (self.ext_prereqs + self.ext_backports + self.ext_open)
                + b * (self.merged_on_branch + self.core_backports) + self.core_open)


def prerequisites(shape, counts):
    """project -> the Commits merged on its master that backports declare."""
    out = {shape.core: [Commit(scale.change_id(shape.seed, shape.core, f"prereq {i}"), f"Prerequisite {i}",
                               path=f"prereq/P{i:04d}.php") for i in range(counts.core_prereqs)]}
    for ext in shape.extension_names():
        out[ext] = [Commit(scale.change_id(shape.seed, ext, f"prereq {i}"), f"Prerequisite {i}",
                           path=f"prereq/P{i:04d}.php") for i in range(counts.ext_prereqs)]
    return out


def backport_branches(shape, counts):
    names = shape.branch_names()
    return names[len(names) - min(counts.backport_branches, len(names)):]


def branch_prereqs(counts, j):
    """Indexes of the core prerequisites branch j's backports draw from: the first
    merged_on_branch are merged on it, the next direct_on_branch pushed directly, the rest missing."""
    return [(j * counts.per_branch + t) % counts.core_prereqs for t in range(counts.per_branch)]


def reference(form, project, branch, change_id, number, base_url):
    """The Depends-On value naming a change in `form`."""
    if form == "change-id":
        return change_id
    if form == "abbreviated":
        return change_id[:10]
    if form == "number":
        return str(number)
    if form == "project~number":
        return f"{project}~{number}"
    if form == "triplet":
        return f"{project}~{branch}~{change_id}"
    if form == "url":
        return f"{base_url.rstrip('/')}/c/{project}/+/{number}"
    raise ValueError(form)


def core_backports(shape, counts, prereqs, nums, base_url):
    """branch -> the open backports of core on it, each declaring 1 to 3 prerequisites in turning
    forms; every fourth also declares an extension's prerequisite (cross-project)."""
    exts = shape.extension_names()
    out = {}
    for j, branch in enumerate(backport_branches(shape, counts)):
        pool = branch_prereqs(counts, j)
        commits = []
        for k in range(counts.core_backports):
            n = j * counts.core_backports + k
            footers = []
            for t in range(1 + k % 3):
                p = prereqs[shape.core][pool[(k + t) % len(pool)]]
                footers.append("Depends-On: " + reference(FORMS[(n + t) % len(FORMS)], shape.core, "master",
                                                          p.change_id, nums[p.change_id], base_url))
            if exts and k % 4 == 3:
                ext = exts[n % len(exts)]
                p = prereqs[ext][n % len(prereqs[ext])]
                footers.append("Depends-On: " + reference(FORMS[n % len(FORMS)], ext, "master",
                                                          p.change_id, nums[p.change_id], base_url))
            commits.append(Commit(scale.change_id(shape.seed, shape.core, f"backport {branch} {k}"),
                                  f"Backport {k} to {branch}", tuple(footers), path=f"backport/B{k}.php"))
        out[branch] = commits
    return out


def extension_backports(shape, counts, prereqs, nums, base_url):
    """(extension, branch) -> open backports declaring its own prerequisite, and every second
    one a core prerequisite too (cross-project)."""
    branches = backport_branches(shape, counts)[-2:]
    out = {}
    for e, ext in enumerate(shape.extension_names()):
        for k in range(counts.ext_backports):
            branch = branches[k % len(branches)]
            p = prereqs[ext][k % len(prereqs[ext])]
            footers = ["Depends-On: " + reference(FORMS[(e + k) % len(FORMS)], ext, "master", p.change_id,
                                                  nums[p.change_id], base_url)]
            if k % 2 == 1 and prereqs[shape.core]:
                c = prereqs[shape.core][(e * 7 + k) % len(prereqs[shape.core])]
                footers.append("Depends-On: " + reference(FORMS[(e + k + 3) % len(FORMS)], shape.core, "master",
                                                          c.change_id, nums[c.change_id], base_url))
            out.setdefault((ext, branch), []).append(
                Commit(scale.change_id(shape.seed, ext, f"backport {branch} {k}"), f"Backport {k} to {branch}",
                       tuple(footers), path=f"backport/B{k}.php"))
    return out


def open_changes(shape, project, n):
    return [Commit(scale.change_id(shape.seed, project, f"open {i}"), f"Work in progress {i}",
                   path=f"wip/W{i % 100:02d}.php") for i in range(n)]


# --- making Gerrit know the projects, then loading the changes -------------------------------


def register(g, shape):
    """Makes the running Gerrit see the repositories install() placed in its git/ directory.

    Gerrit opens a project's repository by name on demand, but lists projects from the
    project_list cache and searches them in the project index: flush the one, index the other.
    Administrators get push (direct pushes of backports), submit (also on refs/for/, for %submit) and forge rights on
    the scale projects, which a site's All-Projects does not give by default.
    """
    g.rest("POST", "/config/server/caches/", {"operation": "FLUSH", "caches": ["project_list", "projects"]})
    for name, _, _, _ in scale.projects(shape):
        register_project(g, name)


def register_project(g, name):
    """Indexes one project the site's git/ directory holds and grants Administrators push,
    submit (also on refs/for/, for %submit) and forge rights on it (once)."""
    admins = g.get(f"/groups/{q('Administrators')}")["id"]
    rules = {admins: {"action": "ALLOW"}}
    g.rest("POST", f"/projects/{q(name)}/index", {"index_children": False})
    local = g.get(f"/projects/{q(name)}/access").get("local") or {}
    if "refs/for/refs/heads/*" not in local:
        # Submit on refs/for/: what %submit (submit at upload) checks.
        g.rest("POST", f"/projects/{q(name)}/access", {
            "message": "Let the scale benchmark push, submit and forge (scripts/devgerrit/scale_changes.py)",
            "add": {"refs/heads/*": {"permissions": {
                p: {"rules": rules} for p in ("push", "submit", "forgeAuthor", "forgeCommitter")}},
                    "refs/for/refs/heads/*": {"permissions": {"submit": {"rules": rules}}}}})


def existing(g, project):
    """(branch, Change-Id) of every change the project has (any state)."""
    found, start = set(), 0
    while True:
        page = g.get(f"/changes/?q={q('project:' + project)}&n=500&S={start}") or []
        found.update((c["branch"], c["change_id"]) for c in page)
        if not page or not page[-1].get("_more_changes"):
            return found
        start += len(page)


def load(g, dev_dir, shape, counts, state_path, log=lambda m: None):
    """Creates the scale site's changes. A finished phase is recorded in state_path (in the site,
    so a new site starts over) and skipped; within a phase, a change that exists already (same
    Change-Id on the same branch) is skipped, so a load cut short is completed by the next
    (except the direct pushes of a phase cut short, which are pushed again). Returns each
    phase's figures."""
    figures = {}
    if os.path.exists(state_path):
        with open(state_path) as f:
            figures = json.load(f)
    have = {name: existing(g, name) for name, _, _, _ in scale.projects(shape)}
    pusher = Pusher(g, dev_dir, shape)

    def phase(name, pushes):
        """pushes: (project, branch, commits, push keywords); times the phase and counts changes."""
        if name in figures:
            log(f"{name}: done before ({figures[name]})")
            return
        started, changes, n, push_s = time.monotonic(), 0, 0, 0.0
        for project, branch, commits, kw in pushes:
            todo = [c for c in commits if (branch, c.change_id) not in have[project]]
            if not todo:
                continue
            push_s += pusher.push(project, branch, todo, **kw)
            have[project].update((branch, c.change_id) for c in todo)
            changes += 0 if kw.get("direct") else len(todo)
            n += 1
        figures[name] = {"changes": changes, "pushes": n, "push_seconds": round(push_s, 1),
                         "seconds": round(time.monotonic() - started, 1)}
        log(f"{name}: {changes} changes in {n} pushes, {figures[name]['seconds']} s "
            f"(git push {figures[name]['push_seconds']} s)")
        os.makedirs(os.path.dirname(state_path), exist_ok=True)
        with open(state_path + ".tmp", "w") as f:
            json.dump(figures, f, indent=1)
        os.replace(state_path + ".tmp", state_path)

    try:
        prereqs = prerequisites(shape, counts)
        phase("prerequisites merged on master",
              [(p, "master", cs, {"submit": True}) for p, cs in prereqs.items()])
        nums = {}
        for p in prereqs:
            nums.update(numbers(g, f"project:{p} branch:master status:merged"))
        branches = backport_branches(shape, counts)
        m, d = counts.merged_on_branch, counts.direct_on_branch
        core = prereqs[shape.core]
        phase("prerequisites merged on deployment branches",
              [(shape.core, b, [core[i] for i in branch_prereqs(counts, j)[:m]], {"submit": True})
               for j, b in enumerate(branches)])
        # A direct push makes no change: the prerequisite's commit is on the branch, its change on master.
        phase("prerequisites pushed directly onto deployment branches",
              [(shape.core, b, [core[i] for i in branch_prereqs(counts, j)[m:m + d]], {"direct": True})
               for j, b in enumerate(branches)])
        base = g.url + "/"
        phase("open backports with Depends-On",
              [(shape.core, b, cs, {}) for b, cs in core_backports(shape, counts, prereqs, nums, base).items()]
              + [(e, b, cs, {}) for (e, b), cs in extension_backports(shape, counts, prereqs, nums, base).items()])
        core_open = open_changes(shape, shape.core, counts.core_open)
        phase("open changes without Depends-On",
              [(shape.core, "master", core_open[i:i + counts.series], {"independent": False})
               for i in range(0, len(core_open), counts.series)]
              + [(e, "master", open_changes(shape, e, counts.ext_open), {"independent": False})
                 for e in shape.extension_names()])
    finally:
        pusher.close()
    return figures
