#!/usr/bin/env bash
# Measures what the relcheck clang-tidy plugin adds to a clang-tidy run.
#
#   bench/tidy-overhead.sh [--tiny] [PLUGIN.so]
#
# --tiny: 2 TUs, 1 run, no warm-up (the test suite's check that the script
# works; its numbers mean little).
#
# Generates N translation units (default 20) that include <vector>, <string>,
# <map> and three of five generated model headers, then times, on the same
# TUs in one clang-tidy-19 process each:
#   relcheck:  clang-tidy-19 --load=PLUGIN -checks='-*,relcheck-*'
#   baseline:  clang-tidy-19 -checks='-*,readability-braces-around-statements'
# clang-tidy refuses to run with no check enabled, so the baseline is one of
# the cheapest checks there is: a handful of statement matchers over the same
# AST traversal every clang-tidy run does. Parsing dominates both runs; the
# ratio relcheck/baseline is the plugin's overhead (target <= 1.10).
#
# Environment: CLANG_TIDY (clang-tidy-19), TUS (20), RUNS (5), WARMUP (1),
# KEEP=1 to keep the generated project (its path is printed), TIMER=time
# to use /usr/bin/time even where hyperfine is installed.
# Uses hyperfine when installed (scripts/install-deps.sh installs it), else
# GNU time's /usr/bin/time (median of RUNS).
#
# Every run must succeed and every figure must parse to a positive number:
# otherwise the script says which and exits 1. A target is only called met
# when both sides were measured.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ ${1:-} == --tiny ]]; then
  TUS=2 RUNS=1 WARMUP=0
  shift
fi
PLUGIN=${1:-$ROOT/build-tidy/tool/relcheck-tidy.so}
CLANG_TIDY=${CLANG_TIDY:-clang-tidy-19}
TUS=${TUS:-20}
RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
PYTHON=/usr/bin/python3
fail() { echo "tidy-overhead: error: $*" >&2; exit 1; }

[[ -f $PLUGIN ]] || { echo "tidy-overhead: no plugin at $PLUGIN (build target relcheck-tidy)" >&2; exit 2; }
command -v "$CLANG_TIDY" >/dev/null || { echo "tidy-overhead: $CLANG_TIDY not found" >&2; exit 2; }

WORK=$(mktemp -d /tmp/relcheck-tidy-bench.XXXXXX)
if [[ ${KEEP:-0} != 1 ]]; then trap 'rm -rf "$WORK"' EXIT; fi

# --- the project: 5 headers x 4 models, valid pairs and a few legacy backrefs.
# Class names are unique project-wide, as SQLAlchemy's registry needs them
# (with Child0 in every header, every relationship is an ambiguous-target
# error and clang-tidy exits 1: the run would time the error path).
for h in 0 1 2 3 4; do
  {
    echo "#pragma once"
    echo "#include <relcheck/orm.hpp>"
    echo "#include <map>"
    echo "#include <string>"
    echo "#include <vector>"
    echo "namespace m$h {"
    for i in 0 1 2 3; do echo "struct Child${h}_${i};"; done
    for i in 0 1 2 3; do
      echo "struct ORM_MODEL(\"parent_${h}_${i}\") Parent${h}_${i} {"
      echo "  ORM_COLUMN(Integer, primary_key=True) int id;"
      echo "  ORM_COLUMN(String(50)) std::string name;"
      if (( i == 3 )); then
        echo "  ORM_RELATIONSHIP(\"Child${h}_${i}\", backref=\"parent\") std::vector<Child${h}_${i}*> children;"
      else
        echo "  ORM_RELATIONSHIP(\"Child${h}_${i}\", back_populates=\"parent\") std::vector<Child${h}_${i}*> children;"
      fi
      echo "  std::map<std::string, int> counters() const { return {}; }"
      echo "};"
      echo "struct ORM_MODEL(\"child_${h}_${i}\") Child${h}_${i} {"
      echo "  ORM_COLUMN(Integer, primary_key=True) int id;"
      echo "  ORM_COLUMN(Integer, ForeignKey(\"parent_${h}_${i}.id\")) int parent_id;"
      if (( i != 3 )); then
        echo "  ORM_RELATIONSHIP(\"Parent${h}_${i}\", back_populates=\"children\") Parent${h}_${i}* parent;"
      fi
      echo "};"
    done
    echo "} // namespace m$h"
  } > "$WORK/models$h.hpp"
done
FILES=()
for ((t = 0; t < TUS; t++)); do
  f="$WORK/tu$t.cpp"
  {
    echo "#include <map>"
    echo "#include <string>"
    echo "#include <vector>"
    echo "#include \"models$((t % 5)).hpp\""
    echo "#include \"models$(((t + 1) % 5)).hpp\""
    echo "#include \"models$(((t + 2) % 5)).hpp\""
    echo "int work$t(const std::vector<std::string> &In) {"
    echo "  std::map<std::string, int> Count;"
    echo "  for (const std::string &S : In) if (!S.empty()) ++Count[S];"
    echo "  return static_cast<int>(Count.size());"
    echo "}"
  } > "$f"
  FILES+=("$f")
done
"$PYTHON" - "$WORK" "$ROOT/lib/include" "${FILES[@]}" <<'PY'
import json, sys
work, include, files = sys.argv[1], sys.argv[2], sys.argv[3:]
json.dump([{"directory": work, "file": f,
            "arguments": ["clang++-19", "-std=c++17", "-I", include, "-c", f]}
           for f in files], open(work + "/compile_commands.json", "w"), indent=1)
PY

RELCHECK=("$CLANG_TIDY" --quiet -p "$WORK" "--load=$PLUGIN" '-checks=-*,relcheck-*' '--header-filter=.*' "${FILES[@]}")
BASELINE=("$CLANG_TIDY" --quiet -p "$WORK" '-checks=-*,readability-braces-around-statements' '--header-filter=.*' "${FILES[@]}")
RELCHECK_CMD=$(printf '%q ' "${RELCHECK[@]}")
BASELINE_CMD=$(printf '%q ' "${BASELINE[@]}")

# Sanity: the plugin must actually run (a legacy backref per header), and
# both commands must succeed: a failing command is not timed.
SANITY=$("${RELCHECK[@]}" 2>&1) || fail "the relcheck run failed: $RELCHECK_CMD
$(grep -m 5 'error' <<<"$SANITY")"
FOUND=$(grep -c '\[relcheck-legacy-backref\]' <<<"$SANITY" || true)
echo "project: $WORK ($TUS TUs; relcheck reports $FOUND legacy-backref warnings)"
[[ $FOUND -gt 0 ]] || fail "the plugin reported nothing; is it loaded?"
"${BASELINE[@]}" >/dev/null 2>&1 || fail "the baseline run failed: $BASELINE_CMD"

# TIMER=time takes the /usr/bin/time path even where hyperfine is installed
# (the test suite runs both).
if [[ ${TIMER:-} != time ]] && command -v hyperfine >/dev/null; then
  hyperfine --style basic --warmup "$WARMUP" --runs "$RUNS" \
    --export-json "$WORK/times.json" \
    -n baseline "$BASELINE_CMD >/dev/null 2>&1" \
    -n relcheck "$RELCHECK_CMD >/dev/null 2>&1" ||
    fail "hyperfine: a measured command failed (it does not time failures)"
  "$PYTHON" - "$WORK/times.json" "$TUS" <<'PY'
import json, sys
results = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
tus = int(sys.argv[2])
b, r = results.get("baseline"), results.get("relcheck")
for name, x in (("baseline", b), ("relcheck", r)):
    if not x or not isinstance(x.get("median"), (int, float)) \
            or x["median"] <= 0 or any(c != 0 for c in x.get("exit_codes", [])):
        sys.exit("tidy-overhead: error: no valid %s time in hyperfine's "
                 "output" % name)
print("baseline: mean %.3f s (median %.3f s), %.1f ms/TU" %
      (b["mean"], b["median"], 1000 * b["median"] / tus))
print("relcheck: mean %.3f s (median %.3f s), %.1f ms/TU" %
      (r["mean"], r["median"], 1000 * r["median"] / tus))
ratio = r["median"] / b["median"]
print("overhead ratio (median wall relcheck / baseline): %.3fx  (target <= 1.10x: %s)"
      % (ratio, "met" if ratio <= 1.10 else "NOT met"))
def cpu(x):  # hyperfine stores the mean user/system seconds
    mean = lambda v: sum(v) / len(v) if isinstance(v, list) else v
    return mean(x["user"]) + mean(x["system"])
print("CPU (user+sys) ratio, less sensitive to a busy machine: %.3fx"
      % (cpu(r) / cpu(b)))
PY
else
  measure() { # prints the median wall time of RUNS runs of "$@"
    local times=() t
    for ((w = 0; w < WARMUP; w++)); do "$@" >/dev/null 2>&1 || true; done
    for ((r = 0; r < RUNS; r++)); do
      # A failed run is no measurement: GNU time writes "Command exited
      # with non-zero status" into its file instead of a bare time.
      /usr/bin/time -f %e -o "$WORK/t" "$@" >/dev/null 2>&1 ||
        fail "a measured run failed: $*"
      t=$(tail -n 1 "$WORK/t")
      [[ $t =~ ^[0-9]+(\.[0-9]+)?$ ]] || fail "no time in /usr/bin/time's output: $(cat "$WORK/t")"
      times+=("$t")
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
  }
  B=$(measure "${BASELINE[@]}") || exit 1
  R=$(measure "${RELCHECK[@]}") || exit 1
  echo "baseline: median $B s; relcheck: median $R s (/usr/bin/time, $RUNS run$( ((RUNS == 1)) || echo s))"
  # /usr/bin/time has 10 ms resolution: a 0.00 s side is not a measurement.
  awk -v r="$R" -v b="$B" 'BEGIN { if (b <= 0 || r <= 0) exit 1; x = r / b; printf "overhead ratio (median wall relcheck / baseline): %.3fx  (target <= 1.10x: %s)\n", x, (x <= 1.10 ? "met" : "NOT met") }' ||
    fail "a median time is zero (baseline $B s, relcheck $R s)"
fi

# The plugin's own cost, as clang-tidy attributes it (extraction, graph and
# rules run inside the relcheck checks' callbacks): independent of the noise
# in the end-to-end times above.
PROFILE=$("${RELCHECK[@]}" --enable-check-profile 2>&1 >/dev/null) ||
  fail "the --enable-check-profile run failed"
"$PYTHON" -c '
import re, sys
total, seen = 0.0, 0
for line in sys.stdin:
    m = re.match(r"\s*\S+ \(.*?\)\s+\S+ \(.*?\)\s+(\S+) \(.*?\)\s+\S+ \(.*?\)\s+(relcheck-\S+)", line)
    if m:
        total += float(m.group(1))
        seen += 1
if not seen:
    sys.exit("tidy-overhead: error: no relcheck check in the --enable-check-profile output")
tus = int(sys.argv[1])
print("relcheck checks, user+sys CPU (--enable-check-profile): %.1f ms total, %.2f ms/TU" % (1000 * total, 1000 * total / tus))
' "$TUS" <<<"$PROFILE"
