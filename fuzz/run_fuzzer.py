#!/usr/bin/python3
"""Runs one libFuzzer target for a few seconds on seeds from the fixtures.

Usage: run_fuzzer.py --fuzzer BIN --seeds KIND --source-dir DIR --seconds N
                     [--relcheck BIN] [-- extra libFuzzer flags]

KIND (what the target reads): annotations (ORM_* macro arguments from
fixtures/), facts (the facts JSON of a few fixtures, via relcheck
--dump-facts), lsp (LSP frames carrying fixture texts), config
(.relcheck.yaml texts), cache (fact cache entries a relcheck run wrote),
baseline (--write-baseline files of the fixtures), shard (--facts-out
files), compdb (compile_commands.json of the project fixtures, in the
shapes build systems write), join (join condition strings of fixtures/),
manifest (the project manifests cached relcheck runs wrote).
Passes when libFuzzer exits 0 (no crash, leak, timeout or out-of-memory);
a failing input is kept in the printed directory. docs/fuzzing.md has the
long run: --cpu-seconds N stops the fuzzer (as Ctrl-C does, final
statistics printed) once it has used N seconds of CPU, however long that
takes on a shared machine, and --corpus DIR keeps the corpus there (seeds
are added to what it holds) so a long run can go on where one stopped.
"""

import argparse
import glob
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time

MACROS = ("ORM_MODEL(", "ORM_COLUMN(", "ORM_RELATIONSHIP(", "ORM_TABLE(")
CONFIGS = [
    "Rules: '-*,relcheck-legacy-backref'\n",
    "Rules: '*'\nFailOn: warning\nHeaderFilterRegex: '.*'\n",
    "InheritParentConfig: true\nCheckOptions:\n"
    "  relcheck-legacy-backref.Scalar: 'T'\n",
    "Rules: [\n  'a',\n",
]


def append_file(out, path):
    """Appends path's bytes to out when relcheck wrote it (a run that
    failed writes nothing, and its seed is left out)."""
    if os.path.isfile(path):
        with open(path, "rb") as h:
            out.append(h.read())


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


JOIN_KEYWORDS = ("primaryjoin", "secondaryjoin", "remote_side", "foreign_keys")
# The key FactCacheFuzzer.cpp looks entries up by.
FUZZ_CACHE_KEY = "f" * 64


def string_keyword(arguments, keyword):
    """The string value of keyword= in macro arguments, or ""."""
    match = re.search(r"\b%s\s*=\s*\"((?:[^\"\\]|\\.)*)\"" % keyword, arguments)
    return match.group(1).encode().decode("unicode_escape") if match else ""


def run_relcheck(args, extra, path):
    include = os.path.join(args.source_dir, "lib", "include")
    return subprocess.run(
        [args.relcheck] + extra + [path, "--", "-std=c++17", "-I", include],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)


def project_fixtures(source_dir):
    return sorted(os.path.dirname(p) for p in glob.glob(
        os.path.join(source_dir, "fixtures", "*", "*", "main.cpp")))


def compile_databases(args):
    """compile_commands.json texts: "arguments" and "command" forms,
    relative directories, link steps, response files (devices too),
    nesting."""
    include = os.path.join(args.source_dir, "lib", "include")
    out = []
    for project in project_fixtures(args.source_dir):
        tus = sorted(glob.glob(os.path.join(project, "**", "*.cpp"),
                               recursive=True))
        argv = [["clang++-19", "-std=c++17", "-I", include, "-c", tu]
                for tu in tus]
        out.append([{"directory": project, "file": tu, "arguments": a}
                    for tu, a in zip(tus, argv)])
        out.append([{"directory": project, "file": tu,
                     "command": " ".join(a), "output": tu + ".o"}
                    for tu, a in zip(tus, argv)])
    out.append([{"directory": "build", "file": "../a.cpp",
                 "command": "c++ -DX='\\\"y z\\\"' @args.rsp -c ../a.cpp"},
                {"directory": "/", "file": "a.o", "command": "c++ a.o -o a"},
                {"directory": "/", "file": "phony", "command": ""}])
    # Response files that are devices, FIFOs or never end: each entry is
    # refused (the fuzzer's directory holds no such file of its own).
    out.append([{"directory": "/tmp", "file": "/tmp/%s.cpp" % name,
                 "arguments": ["c++", "@" + rsp, "-c", "/tmp/%s.cpp" % name]}
                for name, rsp in (("zero", "/dev/zero"), ("stdin", "/dev/stdin"),
                                  ("dir", "/tmp"), ("proc", "/proc/self/fd/0"))])
    texts = [json.dumps(db, indent=1).encode() for db in out]
    texts.append(b"[" * 300 + b"]" * 300)
    texts.append(b'[{"directory": 1, "file": [], "arguments": "x"}]')
    return texts


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
    if kind == "join":
        found = set()
        for path in files:
            with open(path, encoding="utf-8", errors="replace") as h:
                for arguments in macro_arguments(h.read()):
                    parts = [string_keyword(arguments, k)
                             for k in JOIN_KEYWORDS]
                    if any(parts):
                        found.add("\0".join(parts).rstrip("\0"))
        # Names that are Python keywords: a table "class" (the inferred
        # join spells it locals()['class']), an attribute "from".
        found.update(["\0\0locals()['class'].c.id\0user.c.class_id",
                      "user.c.id == foreign(getattr(Address, 'from'))"])
        return [s.encode() for s in sorted(found)]
    if kind == "cache":
        cache = tempfile.mkdtemp(prefix="relcheck-fuzz-seeds-")
        for path in files[:30]:
            run_relcheck(args, ["--cache-dir=" + cache, "--quiet"], path)
        out = []
        for entry in sorted(glob.glob(os.path.join(cache, "*", "*.json"))):
            with open(entry, "rb") as h:
                header, _, body = h.read().partition(b"\n")
            out.append(header + b"\n" + body)  # As written: its own key.
            doc = json.loads(body)
            doc["key"] = FUZZ_CACHE_KEY
            # The fuzzer corrects the checksum of the second line on.
            out.append(header + b"\n" + json.dumps(
                doc, separators=(",", ":"), ensure_ascii=False).encode())
        subprocess.call(["rm", "-rf", cache])
        return out
    if kind == "manifest":
        # The project manifests (not the by-file records) that cached runs
        # over single fixtures and over the project fixtures wrote.
        cache = tempfile.mkdtemp(prefix="relcheck-fuzz-seeds-")
        for path in files[:10]:
            run_relcheck(args, ["--cache-dir=" + cache, "--quiet"], path)
        include = os.path.join(args.source_dir, "lib", "include")
        for project in project_fixtures(args.source_dir)[:5]:
            tus = sorted(glob.glob(os.path.join(project, "**", "*.cpp"),
                                   recursive=True))
            subprocess.run([args.relcheck, "--cache-dir=" + cache, "--quiet"]
                           + tus + ["--", "-std=c++17", "-I", include],
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        out = []
        for manifest in sorted(glob.glob(os.path.join(cache, "projects", "*"))):
            append_file(out, manifest)
        subprocess.call(["rm", "-rf", cache])
        return out
    if kind == "baseline":
        out = [b'{"tool": "relcheck", "version": 1, "entries": []}\n']
        work = tempfile.mkdtemp(prefix="relcheck-fuzz-seeds-")
        # One run per rule directory (a run per fixture took a minute).
        rules = sorted(glob.glob(os.path.join(args.source_dir, "fixtures", "*")))
        for i, rule in enumerate(rules):
            baseline = os.path.join(work, "b%d.json" % i)
            include = os.path.join(args.source_dir, "lib", "include")
            subprocess.run(
                [args.relcheck, "--no-cache", "--write-baseline=" + baseline]
                + sorted(glob.glob(os.path.join(rule, "*.cpp")))
                + ["--", "-std=c++17", "-I", include],
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            append_file(out, baseline)
        subprocess.call(["rm", "-rf", work])
        return out
    if kind == "shard":
        out = []
        work = tempfile.mkdtemp(prefix="relcheck-fuzz-seeds-")
        for i, path in enumerate(files[:30]):
            shard = os.path.join(work, "s%d.json" % i)
            run_relcheck(args, ["--no-cache", "--shard=0/1",
                                "--facts-out=" + shard], path)
            append_file(out, shard)
        subprocess.call(["rm", "-rf", work])
        return out
    if kind == "compdb":
        return compile_databases(args)
    sys.exit("unknown seed kind " + kind)


def cpu_seconds(pid):
    """User + system CPU seconds of a running process (Linux /proc)."""
    with open("/proc/%d/stat" % pid) as h:
        fields = h.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run_for_cpu(cmd, budget):
    """Runs cmd until it exits or has used budget CPU seconds; then SIGINT,
    on which libFuzzer prints its final statistics and exits with 72
    (libFuzzer 19 has no flag to change that code): 0 is returned then."""
    proc = subprocess.Popen(cmd)
    while proc.poll() is None:
        try:
            if cpu_seconds(proc.pid) >= budget:
                proc.send_signal(signal.SIGINT)
                return 0 if proc.wait() == 72 else 1
        except OSError:
            pass
        time.sleep(1)
    return proc.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--fuzzer", required=True)
    parser.add_argument("--seeds", required=True)
    parser.add_argument("--source-dir", required=True)
    parser.add_argument("--seconds", type=int, default=5)
    parser.add_argument("--cpu-seconds", type=int)
    parser.add_argument("--corpus")
    parser.add_argument("--relcheck")
    parser.add_argument("extra", nargs="*")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="relcheck-fuzz-")
    corpus = args.corpus or os.path.join(work, "corpus")
    os.makedirs(corpus, exist_ok=True)
    for i, seed in enumerate(seeds(args.seeds, args)):
        with open(os.path.join(corpus, "seed-%04d" % i), "wb") as h:
            h.write(seed)
    limit = [] if args.cpu_seconds else ["-max_total_time=%d" % args.seconds]
    cmd = [args.fuzzer, corpus] + limit + [
           "-timeout=10", "-rss_limit_mb=2048", "-max_len=65536",
           "-print_final_stats=1", "-artifact_prefix=" + work + "/"] + args.extra
    print(" ".join(cmd), flush=True)
    status = (run_for_cpu(cmd, args.cpu_seconds) if args.cpu_seconds
              else subprocess.call(cmd))
    if status != 0:
        print("FAIL: the failing input is kept in " + work)
        return 1
    subprocess.call(["rm", "-rf", work])
    return 0


if __name__ == "__main__":
    sys.exit(main())
