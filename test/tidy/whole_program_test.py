#!/usr/bin/python3
"""The clang-tidy plugin after a CLI run: the whole program.

For every fixture under fixtures/: the CLI runs with a fresh fact cache
(RELCHECK_CACHE_DIR), then clang-tidy-19 with the plugin runs each TU with
the same cache. Each TU's relcheck diagnostics must equal the CLI's
findings in the files that TU reads (its main file and the headers
`clang++-19 -M` lists): the plugin merges the other TUs' cached facts with
its own, so a back_populates that names a member of a class in another TU
is reported, as the CLI reports it. Fixtures the CLI refuses (exit 2) are
skipped: no cache entry vouches for a TU that does not compile.

Usage: whole_program_test.py --clang-tidy BIN --plugin SO --include DIR
                             --relcheck BIN --source-dir DIR
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "fixtures"))
import run_fixture  # noqa: E402

DIAG = re.compile(r"^(/\S+):(\d+):(\d+): (warning|error): (.*) \[(relcheck-[a-z-]+)\]$",
                  re.M)


def fixtures(source_dir):
    root = os.path.join(source_dir, "fixtures")
    out = []
    for rule in sorted(os.listdir(root)):
        for entry in sorted(os.listdir(os.path.join(root, rule))):
            path = os.path.join(root, rule, entry)
            if os.path.isdir(path) or entry.endswith(".cpp"):
                out.append(path)
    return out


def headers_read(tu, args, cwd):
    """The files the TU reads, absolute and normalized."""
    r = subprocess.run(["clang++-19", "-M"] + args + [tu], cwd=cwd,
                       stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    text = r.stdout.decode().replace("\\\n", " ")
    deps = text.split(":", 1)[1].split() if ":" in text else []
    return {os.path.normpath(os.path.join(cwd, d)) for d in deps} | {tu}


def check_fixture(path, opts):
    fixture = run_fixture.read_fixture(path)
    with tempfile.TemporaryDirectory(prefix="relcheck-whole-") as tmp:
        env = dict(os.environ, RELCHECK_CACHE_DIR=os.path.join(tmp, "cache"),
                   RELCHECK_TIDY_TRACE="1")
        cmd, cwd = run_fixture.relcheck_command(
            fixture, opts.relcheck, opts.include, ["--format=json"], tmp)
        cli = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        if cli.returncode == 2:
            return None
        report = json.loads(cli.stdout.decode())
        problems = []
        for tu in fixture.tus:
            args = run_fixture.compile_args(fixture, opts.include, tu)
            tu_dir = os.path.dirname(tu)
            files = headers_read(tu, args, tu_dir)
            expected = sorted({(f["file"], f["line"], f["column"], f["severity"],
                                f["message"], f["rule"])
                               for f in report["findings"] if f["file"] in files})
            tidy = subprocess.run(
                [opts.clang_tidy, "--load=" + opts.plugin,
                 "-checks=-*,relcheck-*", "--header-filter=.*", tu, "--"] + args,
                cwd=tu_dir, env=env, stdout=subprocess.PIPE,
                stderr=subprocess.PIPE)
            out = tidy.stdout.decode("utf-8", "replace")
            err = tidy.stderr.decode("utf-8", "replace")
            got = sorted({(os.path.normpath(f), int(l), int(c), s, m, r)
                          for f, l, c, s, m, r in DIAG.findall(out)})
            if "whole program" not in err:
                problems.append("%s: the plugin did not use the cache: %s"
                                % (tu, err.strip()))
            elif got != expected:
                problems.append("%s:\n  CLI:    %s\n  plugin: %s"
                                % (tu, expected, got))
        return problems


def main():
    p = argparse.ArgumentParser()
    for name in ("--clang-tidy", "--plugin", "--include", "--relcheck",
                 "--source-dir"):
        p.add_argument(name, required=True)
    opts = p.parse_args()
    paths = fixtures(opts.source_dir)
    failed, checked = [], 0
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        for path, problems in zip(paths, pool.map(
                lambda f: check_fixture(f, opts), paths)):
            if problems is None:
                continue
            checked += 1
            if problems:
                failed.append("%s\n%s" % (path, "\n".join(problems)))
    for f in failed:
        print("FAIL " + f)
    print("%d fixtures checked, %d differ" % (checked, len(failed)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
