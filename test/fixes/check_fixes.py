#!/usr/bin/python3
"""Checks the guarantees of relcheck's fixes on one fixture (docs/fixes.md).

On a copy of the fixture (a file, or a directory of TUs and headers):

  1. `relcheck --fix` applies every fix offered (none refused), and exits 0
     exactly when no finding remains afterwards;
  2. the fixed code compiles (clang++ -std=c++17 -fsyntax-only, the fixture's
     RUN-ARGS);
  3. relcheck run again reports none of the fixed findings;
  4. a second `relcheck --fix` changes no byte;
  5. `relcheck --export-fixes` on a fresh copy, applied with
     clang-apply-replacements, gives byte-identical files;
  6. `relcheck --fix-dry-run` on a fresh copy prints a git-style diff that
     `patch -p1` and `git apply` apply to the same bytes, and writes nothing;
  7. with --render: SQLAlchemy 1.4 configures the model before and after
     the fixes (rendered by scripts/render_sqlalchemy.py) to exactly the same
     relationship properties, errors and warnings when every fix is an exact
     rewrite (relcheck-legacy-backref); a fixture with a one-way fix (a
     behaviour change by design) must still configure; after a fix of
     relcheck-back-populates-mismatch (a rename, an added back_populates)
     SQLAlchemy must configure the model, and every back_populates link it
     wrote must link both sides (each names the other as its reverse);
  8. `// CHECK-FIXES: TEXT` lines (clang-tidy's convention: literal text with
     {{regex}} parts) match lines of the fixed file that holds them, in
     order, each after the previous one; CHECK-* comments are stripped from
     the fixed file before matching, so a directive never matches itself.

A fixture whose findings offer no fix passes after one run (nothing to
check), unless --expect-fixes is given.

Exit status: 0 pass, 1 fail, 2 bad command line or fixture.
"""

import argparse
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from typing import Dict, List, Optional, Tuple

TIMEOUT = 300
SQLALCHEMY_SKIP_RE = re.compile(r"(?://|/\*)\s*SQLALCHEMY\s*:\s*skip")
EXACT_RULES = {"relcheck-legacy-backref"}
LINK_RULES = {"relcheck-back-populates-mismatch"}
OVERLAP_RULES = {"relcheck-overlapping-writers"}
OVERLAP_WARNING = "SAWarning: overlapping relationships: "
CHECK_FIXES_RE = re.compile(r"//\s*CHECK-FIXES\s*:\s?(?P<text>.*?)\s*$")
DIRECTIVE_COMMENT_RE = re.compile(r"\s*//\s*CHECK-[A-Z-]+\s*:.*$")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))), "fixtures"))
import run_fixture  # noqa: E402  ({{regex}} patterns, as the runner reads them)
RUN_ARGS_RE = re.compile(r"(?://|/\*)\s*RUN-ARGS\s*:(?P<rest>.*?)(?:\*/)?\s*$")


class Failure(Exception):
    pass


def run(cmd: List[str], cwd: str) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, timeout=TIMEOUT)


def text(data: bytes) -> str:
    return data.decode("utf-8", errors="replace")


def copy_fixture(fixture: str, into: str) -> str:
    """Copies the fixture under `into`; returns the copy's path."""
    target = os.path.join(into, os.path.basename(fixture.rstrip("/")))
    if os.path.isdir(fixture):
        shutil.copytree(fixture, target)
    else:
        shutil.copy2(fixture, target)
    return target


def translation_units(path: str) -> List[str]:
    if os.path.isdir(path):
        found = []
        for root, dirs, names in os.walk(path):
            dirs.sort()
            found += [os.path.join(root, n) for n in sorted(names)
                      if n.endswith(".cpp")]
        return sorted(found)
    return [path]


def run_args(tu: str) -> List[str]:
    args = []
    with open(tu, "rb") as handle:
        for line in text(handle.read()).splitlines():
            match = RUN_ARGS_RE.search(line)
            if match:
                args += shlex.split(match.group("rest"))
    return args


def snapshot(path: str) -> Dict[str, bytes]:
    files = {}
    if os.path.isdir(path):
        for root, _, names in os.walk(path):
            for name in names:
                full = os.path.join(root, name)
                with open(full, "rb") as handle:
                    files[os.path.relpath(full, path)] = handle.read()
    else:
        with open(path, "rb") as handle:
            files[os.path.basename(path)] = handle.read()
    return files


class Runner:
    def __init__(self, args):
        self.binary = args.relcheck
        self.include = args.include
        self.cxx = args.cxx
        self.apply = args.apply_replacements
        self.patch = args.patch
        self.git = args.git
        self.render = args.render
        self.python = args.python
        here = os.path.dirname(os.path.abspath(__file__))
        self.properties_script = os.path.join(here, "sqlalchemy_properties.py")

    def compile_flags(self, tu: str) -> List[str]:
        return ["-std=c++17", "-I", self.include] + run_args(tu)

    def relcheck_cmd(self, copy: str, tool_args: List[str],
                     workdir: str) -> Tuple[List[str], str]:
        if os.path.isdir(copy):
            entries = [{"directory": copy, "file": tu,
                        "arguments": ["clang++-19"] + self.compile_flags(tu) +
                                     ["-c", tu, "-o", os.devnull]}
                       for tu in translation_units(copy)]
            db = os.path.join(workdir, "db-" + os.path.basename(copy))
            os.makedirs(db, exist_ok=True)
            with open(os.path.join(db, "compile_commands.json"), "w") as out:
                json.dump(entries, out, indent=2)
            return [self.binary] + tool_args + ["-p", db], copy
        return ([self.binary] + tool_args + [copy, "--"] +
                self.compile_flags(copy)), os.path.dirname(copy)

    def relcheck(self, copy: str, tool_args: List[str],
                 workdir: str) -> subprocess.CompletedProcess:
        cmd, cwd = self.relcheck_cmd(copy, tool_args, workdir)
        result = run(cmd, cwd)
        if result.returncode not in (0, 1):
            raise Failure("relcheck failed (exit %d): %s\n%s%s" % (
                result.returncode, " ".join(cmd), text(result.stdout),
                text(result.stderr)))
        return result

    def sqlalchemy(self, copy: str, workdir: str, tag: str) -> dict:
        """What SQLAlchemy configures from the fixture copy's facts."""
        facts = os.path.join(workdir, "facts-%s.json" % tag)
        module = os.path.join(workdir, "models_%s.py" % tag)
        self.relcheck(copy, ["--quiet", "--dump-facts=" + facts], workdir)
        rendered = run([self.python, self.render, facts, "-o", module],
                       workdir)
        if rendered.returncode != 0:
            raise Failure("rendering failed: %s" % text(rendered.stderr))
        configured = run([self.python, self.properties_script, module],
                         workdir)
        if configured.returncode != 0:
            raise Failure("configuring failed: %s" % text(configured.stderr))
        return json.loads(text(configured.stdout).strip().splitlines()[-1])

    def findings(self, copy: str, workdir: str) -> List[dict]:
        result = self.relcheck(copy, ["--format=json", "--quiet"], workdir)
        return json.loads(text(result.stdout))["findings"]


def key(finding: dict, root: str) -> Tuple[str, str, str, str]:
    """Identity of a finding across edits (its line moves)."""
    return (finding["rule"], finding.get("model") or "",
            finding.get("attribute") or "",
            os.path.relpath(finding["file"], root) if finding.get("file")
            else "")


def describe(finding: dict) -> str:
    return "%s:%s:%s: %s [%s]" % (finding.get("file"), finding.get("line"),
                                 finding.get("column"), finding["message"],
                                 finding["rule"])


def check(args) -> List[str]:
    runner = Runner(args)
    fixture = os.path.realpath(args.fixture)
    notes = []
    with tempfile.TemporaryDirectory(prefix="relcheck-fixes-") as work:
        fixed_dir = os.path.join(work, "fixed")
        exported_dir = os.path.join(work, "exported")
        diffed_dir = os.path.join(work, "diffed")
        for d in (fixed_dir, exported_dir, diffed_dir):
            os.makedirs(d)
        fixed = copy_fixture(fixture, fixed_dir)
        root = fixed if os.path.isdir(fixed) else os.path.dirname(fixed)

        before = runner.findings(fixed, work)
        with_fix = [f for f in before if f.get("fixes")]
        if not with_fix:
            expecting = [name for name, data in snapshot(fixture).items()
                         if any(CHECK_FIXES_RE.search(line)
                                for line in text(data).splitlines())]
            if expecting:
                raise Failure("no finding offers a fix, but %s expect(s) "
                              "fixed text (CHECK-FIXES):\n  %s" % (
                                  ", ".join(sorted(expecting)),
                                  "\n  ".join(describe(f) for f in before)))
            if args.expect_fixes:
                raise Failure("no finding offers a fix:\n  " +
                              "\n  ".join(describe(f) for f in before))
            notes.append("no finding offers a fix; nothing to check")
            return notes

        # 1. --fix applies every offered fix.
        result = runner.relcheck(fixed, ["--fix", "--quiet"], work)
        stderr = text(result.stderr)
        refused = [l for l in stderr.splitlines() if "not applying" in l]
        if refused:
            raise Failure("--fix refused fixes:\n  " + "\n  ".join(refused))
        fix_exit = result.returncode
        after_fix = snapshot(fixed)
        if after_fix == snapshot(fixture):
            raise Failure("--fix changed nothing")

        # 2. The fixed code compiles.
        for tu in translation_units(fixed):
            cmd = [runner.cxx, "-fsyntax-only"] + runner.compile_flags(tu) + [tu]
            compiled = run(cmd, os.path.dirname(tu))
            if compiled.returncode != 0:
                raise Failure("the fixed code does not compile: %s\n%s\n%s" % (
                    " ".join(cmd), text(compiled.stderr),
                    "\n".join("--- %s\n%s" % (n, text(c)) for n, c in
                              sorted(after_fix.items()))))

        # 3. None of the fixed findings is reported again.
        fixed_keys = {key(f, root) for f in with_fix}
        again = runner.findings(fixed, work)
        back = [f for f in again if key(f, root) in fixed_keys]
        if back:
            raise Failure("fixed findings are reported again:\n  " +
                          "\n  ".join(describe(f) for f in back))
        new = [f for f in again
               if key(f, root) not in {key(b, root) for b in before}]
        if new:
            raise Failure("the fixes introduced findings:\n  " +
                          "\n  ".join(describe(f) for f in new))

        # --fix exits 0 exactly when no finding remains.
        if fix_exit != (1 if again else 0):
            raise Failure("--fix exited %d, but %d finding(s) remain:\n  %s" %
                          (fix_exit, len(again),
                           "\n  ".join(describe(f) for f in again)))

        # 4. A second --fix changes nothing.
        runner.relcheck(fixed, ["--fix", "--quiet"], work)
        if snapshot(fixed) != after_fix:
            raise Failure("a second --fix changed the files again")

        # 5. --export-fixes + clang-apply-replacements == --fix.
        exported = copy_fixture(fixture, exported_dir)
        yaml_dir = os.path.join(work, "yaml")
        os.makedirs(yaml_dir)
        runner.relcheck(exported, ["--quiet", "--export-fixes=" +
                                   os.path.join(yaml_dir, "fixes.yaml")], work)
        if snapshot(exported) != snapshot(fixture):
            raise Failure("--export-fixes wrote source files")
        applied = run([runner.apply, yaml_dir], work)
        if applied.returncode != 0:
            raise Failure("%s failed: %s%s" % (runner.apply,
                                               text(applied.stdout),
                                               text(applied.stderr)))
        if snapshot(exported) != after_fix:
            raise Failure("clang-apply-replacements on the exported fixes "
                          "differs from --fix:\n" + diff_report(
                              snapshot(exported), after_fix))

        # 6. --fix-dry-run prints the same change and writes nothing, as a
        # git-style diff (a/ b/ paths relative to --base-dir) that both
        # `patch -p1` and `git apply` apply there.
        for tool in ("patch", "git"):
            os.makedirs(diffed_dir + "-" + tool)
            diffed = copy_fixture(fixture, diffed_dir + "-" + tool)
            root = diffed if os.path.isdir(diffed) else os.path.dirname(diffed)
            result = runner.relcheck(diffed, ["--fix-dry-run", "--quiet",
                                              "--base-dir=" + root], work)
            if snapshot(diffed) != snapshot(fixture):
                raise Failure("--fix-dry-run wrote source files")
            patch_file = os.path.join(work, "fixes-%s.diff" % tool)
            with open(patch_file, "wb") as out:
                out.write(result.stdout)
            command = ([runner.patch, "-p1", "--quiet", "-i", patch_file]
                       if tool == "patch" else
                       [runner.git, "apply", patch_file])
            patched = run(command, root)
            if patched.returncode != 0:
                raise Failure("%s rejects the --fix-dry-run diff: %s%s\n%s" % (
                    " ".join(command), text(patched.stdout),
                    text(patched.stderr), text(result.stdout)))
            if snapshot(diffed) != after_fix:
                raise Failure("the --fix-dry-run diff applied by %s differs "
                              "from --fix:\n" % tool +
                              diff_report(snapshot(diffed), after_fix))
        # 8. The fixed text the fixture expects.
        checked = check_fixes_directives(fixture, after_fix)
        if checked:
            notes.append("%d CHECK-FIXES line(s) matched" % checked)

        # 7. SQLAlchemy configures the same thing (exact rewrites).
        if runner.render and not skips_sqlalchemy(fixture):
            original = os.path.join(work, "original")
            os.makedirs(original)
            before_sa = runner.sqlalchemy(copy_fixture(fixture, original),
                                          work, "before")
            after_sa = runner.sqlalchemy(fixed, work, "after")
            rules = {f["rule"] for f in with_fix}
            if rules & OVERLAP_RULES:
                notes.append(check_overlaps_fixed(with_fix, before_sa,
                                                  after_sa, rules))
            if rules <= EXACT_RULES:
                if before_sa != after_sa:
                    raise Failure("SQLAlchemy configures differently after "
                                  "the fixes:\n" + sqlalchemy_difference(
                                      before_sa, after_sa))
                notes.append("SQLAlchemy configuration identical")
            elif before_sa["error"] is None and after_sa["error"]:
                raise Failure("SQLAlchemy refuses the fixed model: %s" %
                              after_sa["error"])
            if rules & LINK_RULES:
                # Before a rename SQLAlchemy refuses the misspelt name (E2);
                # after it, and after an added back_populates, the model
                # configures and every written link is a two-way pair.
                if after_sa["error"]:
                    raise Failure("SQLAlchemy refuses the fixed model: %s" %
                                  after_sa["error"])
                problems = one_sided_links(after_sa)
                if problems:
                    raise Failure("after the fixes, back_populates links are "
                                  "not two-way pairs:\n  " +
                                  "\n  ".join(problems))
                notes.append("SQLAlchemy configures the fixed links as pairs")
        notes.insert(0, "%d fix(es) applied and checked" % len(with_fix))
    return notes


def check_overlaps_fixed(with_fix, before_sa: dict, after_sa: dict,
                         rules: set) -> str:
    """After fixes of relcheck-overlapping-writers SQLAlchemy configures the
    model without any overlap warning. When every fix applied is exact
    (overlaps=, and the exact rewrites of backrefs), the relationship
    properties, errors and other warnings are exactly those before; after
    a link (back_populates, a behaviour change) every link is two-way."""
    if after_sa["error"]:
        raise Failure("SQLAlchemy refuses the fixed model: %s" %
                      after_sa["error"])
    left = [w for w in after_sa["warnings"] if w.startswith(OVERLAP_WARNING)]
    if left:
        raise Failure("after the fixes SQLAlchemy still warns about "
                      "overlapping relationships:\n  " + "\n  ".join(left))
    linked = any(f["rule"] in OVERLAP_RULES and
                 f["fixes"][0]["description"].startswith("link ")
                 for f in with_fix)
    if linked:
        problems = one_sided_links(after_sa)
        if problems:
            raise Failure("after the fixes, back_populates links are not "
                          "two-way pairs:\n  " + "\n  ".join(problems))
        return "SQLAlchemy configures the fixed links without overlaps"
    if rules <= EXACT_RULES | OVERLAP_RULES:
        quiet = dict(before_sa, warnings=[
            w for w in before_sa["warnings"]
            if not w.startswith(OVERLAP_WARNING)])
        if quiet != after_sa:
            raise Failure("SQLAlchemy configures differently after the "
                          "overlaps= fixes (beyond the overlap warnings "
                          "gone):\n" + sqlalchemy_difference(quiet, after_sa))
    return "SQLAlchemy configuration identical but for the overlap warnings"


def one_sided_links(configured: dict) -> List[str]:
    """Written back_populates links whose partner does not link back: a
    pair is two properties, each the other's only reverse property."""
    props = configured["properties"]
    short = {}
    for name in props:
        module_class_key = name.rsplit(".", 2)
        short["%s.%s" % (module_class_key[-2], module_class_key[-1])] = name
    problems = []
    for name, prop in sorted(props.items()):
        if not prop.get("back_populates"):
            continue
        reverse = prop.get("reverse") or []
        if len(reverse) != 1:
            problems.append("%s: reverse properties %r" % (name, reverse))
            continue
        other = props.get(short.get(reverse[0], ""))
        me = "%s.%s" % tuple(name.rsplit(".", 2)[-2:])
        if other is None or other.get("reverse") != [me]:
            problems.append("%s -> %s does not link back" % (name, reverse[0]))
    return problems


def check_fixes_directives(fixture: str, fixed: Dict[str, bytes]) -> int:
    """Step 8; returns how many CHECK-FIXES lines matched."""
    original = snapshot(fixture)
    matched = 0
    for name in sorted(original):
        wanted = [(number + 1, m.group("text"))
                  for number, line in
                  enumerate(text(original[name]).splitlines())
                  for m in [CHECK_FIXES_RE.search(line)] if m]
        if not wanted:
            continue
        lines = [DIRECTIVE_COMMENT_RE.sub("", line)
                 for line in text(fixed.get(name, b"")).splitlines()]
        position = 0
        for number, expected in wanted:
            where = "%s:%d" % (name, number)
            try:
                regex = run_fixture.pattern_to_regex(expected, where)
            except run_fixture.FixtureError as err:
                raise Failure(str(err))
            found = next((i for i in range(position, len(lines))
                          if regex.search(lines[i])), None)
            if found is None:
                raise Failure("%s: CHECK-FIXES: %r matches no line of the "
                              "fixed file after line %d:\n%s" % (
                                  where, expected, position,
                                  "\n".join("%4d| %s" % (i + 1, l)
                                             for i, l in enumerate(lines))))
            position = found + 1
            matched += 1
    return matched


def skips_sqlalchemy(fixture: str) -> bool:
    paths = ([os.path.join(r, n) for r, _, ns in os.walk(fixture) for n in ns]
             if os.path.isdir(fixture) else [fixture])
    for path in paths:
        with open(path, "rb") as handle:
            if SQLALCHEMY_SKIP_RE.search(text(handle.read())):
                return True
    return False


def sqlalchemy_difference(before: dict, after: dict) -> str:
    lines = []
    for field in ("error", "warnings"):
        if before[field] != after[field]:
            lines.append("%s: %r -> %r" % (field, before[field], after[field]))
    props_before, props_after = before["properties"], after["properties"]
    for name in sorted(set(props_before) | set(props_after)):
        b, a = props_before.get(name), props_after.get(name)
        if b is None or a is None:
            lines.append("%s: %s" % (name, "only after" if b is None
                                     else "only before"))
            continue
        for key in sorted(set(b) | set(a)):
            if b.get(key) != a.get(key):
                lines.append("%s.%s: %r -> %r" % (name, key, b.get(key),
                                                  a.get(key)))
    return "\n".join("  " + l for l in lines)


def diff_report(got: Dict[str, bytes], want: Dict[str, bytes]) -> str:
    lines = []
    for name in sorted(set(got) | set(want)):
        if got.get(name) != want.get(name):
            lines.append("--- %s (got)\n%s\n--- %s (--fix)\n%s" % (
                name, text(got.get(name, b"")), name,
                text(want.get(name, b""))))
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--cxx", default="clang++-19")
    parser.add_argument("--apply-replacements",
                        default="clang-apply-replacements-19")
    parser.add_argument("--patch", default="patch")
    parser.add_argument("--git", default="git")
    parser.add_argument("--expect-fixes", action="store_true")
    parser.add_argument("--render", default="",
                        help="scripts/render_sqlalchemy.py: also compare "
                             "SQLAlchemy's configuration before and after")
    parser.add_argument("--python", default="/usr/bin/python3",
                        help="a Python with SQLAlchemy 1.4")
    parser.add_argument("fixture")
    args = parser.parse_args()
    if not os.path.exists(args.fixture):
        print("check_fixes: no such fixture: %s" % args.fixture)
        return 2
    try:
        notes = check(args)
    except Failure as failure:
        print("FAIL %s\n%s" % (args.fixture, failure))
        return 1
    except subprocess.TimeoutExpired as err:
        print("FAIL %s\ntimed out: %s" % (args.fixture, err.cmd))
        return 1
    print("PASS %s: %s" % (args.fixture, "; ".join(notes)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
