#!/usr/bin/python3
"""Runs a fuzz target on one small input, first --runs-before times, then
--runs-after times, and fails when the peak RSS grew by more than
--max-growth-mb: a target whose memory grows per execution cannot fuzz for
its CPU-hour under libFuzzer's 2 GB limit (docs/fuzzing.md).

Usage: check_flat_memory.py --fuzzer BIN --input-text TEXT
         [--runs-before N] [--runs-after N] [--max-growth-mb M]
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile


def peak_rss_mb(fuzzer, path, runs):
    r = subprocess.run([fuzzer, "-runs=%d" % runs, "-print_final_stats=1",
                        path], stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, timeout=600)
    out = r.stdout.decode("utf-8", "replace")
    m = re.search(r"stat::peak_rss_mb:\s*(\d+)", out)
    if r.returncode != 0 or not m:
        sys.exit("FAIL: %s -runs=%d exited %d:\n%s"
                 % (fuzzer, runs, r.returncode, out[-3000:]))
    return int(m.group(1))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--fuzzer", required=True)
    p.add_argument("--input-text", required=True)
    p.add_argument("--runs-before", type=int, default=20000)
    p.add_argument("--runs-after", type=int, default=520000)
    p.add_argument("--max-growth-mb", type=int, default=10)
    args = p.parse_args()
    with tempfile.TemporaryDirectory(prefix="relcheck-flat-") as tmp:
        path = os.path.join(tmp, "input")
        with open(path, "w") as f:
            f.write(args.input_text.replace("\\n", "\n"))
        before = peak_rss_mb(args.fuzzer, path, args.runs_before)
        after = peak_rss_mb(args.fuzzer, path, args.runs_after)
    print("peak RSS: %d MB after %d runs, %d MB after %d runs"
          % (before, args.runs_before, after, args.runs_after))
    if after - before > args.max_growth_mb:
        print("FAIL: grew by %d MB (at most %d allowed)"
              % (after - before, args.max_growth_mb))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
