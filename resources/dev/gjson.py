#!/usr/bin/env python3
"""Tiny JSON helper for scripts/dev-gerrit (so the script needs no jq).

Usage: gjson.py EXPR < response

Reads a Gerrit REST response from stdin, drops Gerrit's XSSI guard line
")]}'" if present, binds the parsed JSON to `d` and prints the value of the
Python expression EXPR: strings as they are, None as nothing, lists of
strings one per line, anything else as compact JSON. `json` is in scope, and
`find(items, **kv)` returns the first dict in items whose keys match kv.
Exits 1 if EXPR raises (e.g. a missing key).
"""

import json
import sys


def find(items, **kv):
    for item in items or []:
        if all(item.get(k) == v for k, v in kv.items()):
            return item
    return None


def main():
    text = sys.stdin.read()
    if text.startswith(")]}'"):
        text = text.split("\n", 1)[1] if "\n" in text else ""
    d = json.loads(text) if text.strip() else None
    try:
        value = eval(sys.argv[1], {"json": json, "find": find, "d": d})
    except Exception as e:  # noqa: BLE001 - report any lookup failure
        print(f"gjson: {sys.argv[1]}: {type(e).__name__}: {e}", file=sys.stderr)
        return 1
    if value is None:
        return 0
    if isinstance(value, str):
        print(value)
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        for v in value:
            print(v)
    else:
        print(json.dumps(value, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
