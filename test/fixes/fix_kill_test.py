#!/usr/bin/python3
"""--fix killed (kill -9) at random points while it writes a three-file fix:
the next relcheck run completes or rolls it back (docs/fixes.md, "All or
nothing"). After every run each file holds its old or its new bytes, all
three the same side, and no temporary or journal is left.

Usage: fix_kill_test.py --relcheck BIN --include DIR [--runs N] [--seed S]
RELCHECK_TEST_FIX_PAUSE_MS stretches the writing phase so that random kill
times land in every step of it (journal, temporaries, commit, renames).
Prints the figures (how many kills landed in which phase). Exit 0 pass.
"""

import argparse
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time

USER = """#pragma once
#include <relcheck/orm.hpp>
#include <vector>
#include "address.hpp"
#include "order.hpp"
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses;
  ORM_RELATIONSHIP("Order", backref="buyer") std::vector<Order*> orders;
};
"""
ADDRESS = """#pragma once
#include <relcheck/orm.hpp>
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
"""
ORDER = ADDRESS.replace('"address") Address', '"order") Order')
FILES = {"user.hpp": USER, "address.hpp": ADDRESS, "order.hpp": ORDER}
PAUSE_MS = 60


def setup(root):
    for name, text in FILES.items():
        with open(os.path.join(root, name), "w") as handle:
            handle.write(text)
    with open(os.path.join(root, "models.cpp"), "w") as handle:
        handle.write('#include "user.hpp"\n')


def command(args, root, *options):
    return [args.relcheck, "--cache-dir", os.path.join(root, "cache")] + \
        list(options) + [os.path.join(root, "src", "models.cpp"), "--",
                         "-std=c++17", "-I", args.include]


def state(root):
    src = os.path.join(root, "src")
    return {name: open(os.path.join(src, name)).read() for name in FILES}


def leftovers(root):
    src = os.listdir(os.path.join(root, "src"))
    journal_dir = os.path.join(root, "cache", "fix-journal")
    journals = os.listdir(journal_dir) if os.path.isdir(journal_dir) else []
    return sorted(n for n in src if n not in FILES and n != "models.cpp") + \
        journals


def journal_unwritten(root):
    """Only an unfinished journal is left (the kill came while --fix wrote
    it, before any temporary file): no file was touched, and the next run
    removes it without a word (FixJournal.cpp, recoverJournal)."""
    src = os.listdir(os.path.join(root, "src"))
    if any(n not in FILES and n != "models.cpp" for n in src):
        return False
    journal_dir = os.path.join(root, "cache", "fix-journal")
    for name in os.listdir(journal_dir):
        with open(os.path.join(journal_dir, name)) as f:
            if "\nend\n" in f.read():
                return False
    return True


def one_run(args, root, fixed, delay):
    """Kills --fix after delay seconds; returns the phase it was killed in."""
    src = os.path.join(root, "src")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(src)
    setup(src)
    env = dict(os.environ, RELCHECK_TEST_FIX_PAUSE_MS=str(PAUSE_MS))
    proc = subprocess.Popen(command(args, root, "--fix"), env=env,
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    before = state(root)
    new = sum(before[n] == fixed[n] for n in FILES)
    if proc.returncode == 0:
        phase = "finished"
    elif not leftovers(root) or journal_unwritten(root):
        phase = "before writing"
    else:
        phase = "writing, %d of %d files new" % (new, len(FILES))
    # The next run, a plain report: it must settle the interrupted fix.
    after_run = subprocess.run(command(args, root), stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE,
                               universal_newlines=True, timeout=300)
    after = state(root)
    problems = []
    for name in FILES:
        if after[name] not in (FILES[name], fixed[name]):
            problems.append("%s is neither old nor new" % name)
    sides = {after[n] == fixed[n] for n in FILES}
    if len(sides) != 1:
        problems.append("mixed: %r" % {n: after[n] == fixed[n]
                                       for n in FILES})
    if leftovers(root):
        problems.append("left behind: %r" % leftovers(root))
    if phase.startswith("writing") and "interrupted 'relcheck --fix'" \
            not in after_run.stderr:
        problems.append("no message about the interrupted fix:\n" +
                        after_run.stderr)
    return phase, problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--seed", type=int, default=None)
    args = parser.parse_args()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    rng = random.Random(seed)
    work = tempfile.mkdtemp(prefix="relcheck-fix-kill-")
    root = os.path.join(work, "p")
    try:
        # The fixed bytes and the time --fix takes, from one whole run.
        os.makedirs(os.path.join(root, "src"))
        setup(os.path.join(root, "src"))
        env = dict(os.environ, RELCHECK_TEST_FIX_PAUSE_MS=str(PAUSE_MS))
        start = time.monotonic()
        done = subprocess.run(command(args, root, "--fix"), env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=300)
        total = time.monotonic() - start
        fixed = state(root)
        if done.returncode != 0 or any(fixed[n] == FILES[n] for n in FILES):
            print("FAIL: the uninterrupted --fix did not fix all three "
                  "files:\n" + done.stderr)
            return 1
        # Writing takes the last (files*2 + 1) pauses; aim most kills there.
        writing = PAUSE_MS * (2 * len(FILES) + 1) / 1000.0
        phases, failures = {}, 0
        for run in range(args.runs):
            delay = rng.uniform(max(0.0, total - 1.5 * writing), total)
            phase, problems = one_run(args, root, fixed, delay)
            phases[phase] = phases.get(phase, 0) + 1
            if problems:
                failures += 1
                print("run %d (kill after %.3f s, %s): %s" %
                      (run, delay, phase, "; ".join(problems)))
        print("seed %d, %d runs, %d failed; kills by phase:" %
              (seed, args.runs, failures))
        for phase in sorted(phases):
            print("  %4d  %s" % (phases[phase], phase))
        # Else the test tested nothing (no pause hook: the steps are
        # microseconds apart).
        if not any(p.startswith("writing") for p in phases):
            print("FAIL: no kill landed while --fix was writing")
            return 1
        return 1 if failures else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
