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
"""git for the scripts, isolated from the configuration of whoever runs them.

A developer's ~/.gitconfig may sign every commit, run hooks from a global
core.hooksPath, rewrite URLs or ask a credential helper; none of that belongs
in a demo or a benchmark, and any of it can make them fail in ways that have
nothing to do with the plugin. So git runs here with neither the global nor
the system configuration, without GIT_* variables inherited from a caller
(a hook's GIT_DIR, a parent's `git -c`), never prompts, and with a fixed
identity. When git fails, its own output is in the error.
"""

import os
import subprocess

IDENTITY = ("Administrator", "admin@example.com")


class GitError(Exception):
    """A git command failed; str() holds the command and git's own output."""


def isolated_env(extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env.update(
        {
            # Ignore ~/.gitconfig, $XDG_CONFIG_HOME/git/config and /etc/gitconfig.
            "GIT_CONFIG_GLOBAL": os.devnull,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_TERMINAL_PROMPT": "0",
            "GIT_AUTHOR_NAME": IDENTITY[0],
            "GIT_AUTHOR_EMAIL": IDENTITY[1],
            "GIT_COMMITTER_NAME": IDENTITY[0],
            "GIT_COMMITTER_EMAIL": IDENTITY[1],
        }
    )
    env.update(extra or {})
    return env


def git(*args, cwd=None, input=None, env=None):
    """Runs git isolated; returns its stdout, raises GitError with git's output on failure."""
    # Older git (< 2.32) has no GIT_CONFIG_GLOBAL: these settings hold there too.
    cmd = ["git", "-c", "commit.gpgsign=false", "-c", "tag.gpgsign=false",
           "-c", "core.hooksPath=" + os.devnull, "-c", "credential.helper=", *args]
    proc = subprocess.run(
        cmd, cwd=cwd, input=input, capture_output=True, env=isolated_env(env),
        text=not isinstance(input, bytes),
    )
    if proc.returncode != 0:
        out = proc.stderr if isinstance(proc.stderr, str) else proc.stderr.decode(errors="replace")
        out += proc.stdout if isinstance(proc.stdout, str) else proc.stdout.decode(errors="replace")
        shown = " ".join(a for a in args)
        raise GitError(f"git {shown} failed (exit {proc.returncode}):\n{out.rstrip()}")
    return proc.stdout
