#!/usr/bin/env python3
"""Installs the npm test tools of test/tools/graph into the build tree.

    install_node_tools.py --source test/tools/graph --dest <build>/test/tools/graph

Copies package.json and package-lock.json to --dest and runs `npm ci` there,
but only when the lock file differs from the one last installed (a stamp
file records it), so running it again is free and needs no network. The
ctest fixture graph/setup-mermaid runs it before the Mermaid tests;
node_modules never lands in the source tree.
"""
import argparse
import hashlib
import os
import shutil
import subprocess
import sys


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--source", required=True)
    parser.add_argument("--dest", required=True)
    parser.add_argument("--npm", default="npm")
    args = parser.parse_args()

    lock = os.path.join(args.source, "package-lock.json")
    with open(lock, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    stamp = os.path.join(args.dest, ".installed-lock-sha256")
    modules = os.path.join(args.dest, "node_modules")
    if os.path.isdir(modules) and os.path.exists(stamp):
        with open(stamp) as f:
            if f.read().strip() == digest:
                print(f"npm test tools up to date in {args.dest}")
                return 0

    os.makedirs(args.dest, exist_ok=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copyfile(os.path.join(args.source, name),
                        os.path.join(args.dest, name))
    if os.path.exists(stamp):
        os.remove(stamp)
    command = [args.npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"]
    print("$", " ".join(command), f"(in {args.dest})", flush=True)
    result = subprocess.run(command, cwd=args.dest)
    if result.returncode != 0:
        print(f"error: npm ci failed with status {result.returncode}; the "
              "Mermaid tests need the npm registry once (see docs/graph.md)",
              file=sys.stderr)
        return 1
    with open(stamp, "w") as f:
        f.write(digest + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
