#!/usr/bin/python3
"""Runs one libFuzzer target for a few seconds on seeds from the fixtures.

Usage: run_fuzzer.py --fuzzer BIN --seeds KIND --source-dir DIR --seconds N
                     [--relcheck BIN] [-- extra libFuzzer flags]

KIND (what the target reads): annotations (ORM_* macro arguments from
fixtures/), facts (the facts JSON of a few fixtures, via relcheck
--dump-facts), lsp (LSP frames carrying fixture texts), config
(.relcheck.yaml texts). Passes when libFuzzer exits 0 (no crash, leak,
timeout or out-of-memory); a failing input is kept in the printed
directory. docs/fuzzing.md has the long run.
"""

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile

MACROS = ("ORM_MODEL(", "ORM_COLUMN(", "ORM_RELATIONSHIP(", "ORM_TABLE(")
CONFIGS = [
    "Rules: '-*,relcheck-legacy-backref'\n",
    "Rules: '*'\nFailOn: warning\nHeaderFilterRegex: '.*'\n",
    "InheritParentConfig: true\nCheckOptions:\n"
    "  relcheck-legacy-backref.Scalar: 'T'\n",
    "Rules: [\n  'a',\n",
]


def fixture_files(source_dir):
    return sorted(glob.glob(os.path.join(source_dir, "fixtures", "**", "*.cpp"),
                            recursive=True))


def macro_arguments(text):
    """The argument text of every ORM_* invocation (balanced parentheses)."""
    for macro in MACROS:
        start = text.find(macro)
        while start >= 0:
            i, depth = start + len(macro), 1
            while i < len(text) and depth:
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                i += 1
            yield text[start + len(macro):i - 1]
            start = text.find(macro, i)


def frame(message):
    body = json.dumps(message).encode()
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def seeds(kind, args):
    files = fixture_files(args.source_dir)
    if kind == "annotations":
        found = set()
        for path in files:
            with open(path, encoding="utf-8", errors="replace") as h:
                found.update(macro_arguments(h.read()))
        return [s.encode() for s in sorted(found)]
    if kind == "lsp":
        out = []
        for path in files[:40]:
            with open(path, encoding="utf-8", errors="replace") as h:
                text = h.read()
            out.append(frame({"jsonrpc": "2.0", "id": 1, "method": "initialize",
                              "params": {"capabilities": {}}}) +
                       frame({"jsonrpc": "2.0", "method": "textDocument/didOpen",
                              "params": {"textDocument": {
                                  "uri": "file://" + path, "text": text}}}))
        return out
    if kind == "config":
        return [c.encode() for c in CONFIGS]
    if kind == "facts":
        out = []
        for path in files[:30]:
            r = subprocess.run(
                [args.relcheck, "--no-cache", "--dump-facts=-", path, "--",
                 "-std=c++17", "-I", os.path.join(args.source_dir, "lib",
                                                  "include")],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            if r.stdout.startswith(b"{"):
                out.append(r.stdout)
        return out
    sys.exit("unknown seed kind " + kind)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fuzzer", required=True)
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--relcheck")
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="relcheck-fuzz-")
    corpus = os.path.join(work, "corpus")
    os.makedirs(corpus)
    for i, seed in enumerate(seeds(args.seeds, args)):
        with open(os.path.join(corpus, "seed-%04d" % i), "wb") as h:
            h.write(seed)
    cmd = [args.fuzzer, corpus, "-max_total_time=%d" % args.seconds,
           "-timeout=10", "-rss_limit_mb=2048", "-max_len=65536",
           "-print_final_stats=1", "-artifact_prefix=" + work + "/"] + args.extra
    print(" ".join(cmd), flush=True)
    status = subprocess.call(cmd)
    if status != 0:
        print("FAIL: the failing input is kept in " + work)
        return 1
    subprocess.call(["rm", "-rf", work])
    return 0


if __name__ == "__main__":
    sys.exit(main())
