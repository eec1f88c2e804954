#!/usr/bin/env bash
# Latency of `relcheck lsp` on examples/shop: initial indexing, didOpen ->
# publishDiagnostics of a model header, and didSave of an edited header ->
# publishDiagnostics (every TU including it re-extracted from the buffer,
# graph re-merged, rules re-run). See bench/README.md.
#
#   bench/lsp-latency.sh [--tiny] [path/to/relcheck]  # default: build/tool/relcheck
#
# ROUNDS (default 10) edits are timed; HEADER (default models/customer.hpp)
# is the header opened, relative to examples/shop. --tiny: one edit (the
# test suite's check that the script works, test/bench).
# A server that fails, answers nothing or logs no pass is an error: the
# script says which and exits 1.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ ${1:-} == --tiny ]]; then
  ROUNDS=1
  shift
fi
RELCHECK=${1:-$ROOT/build/tool/relcheck}
[[ -x $RELCHECK ]] || { echo "lsp-latency: error: no relcheck at $RELCHECK (build target relcheck)" >&2; exit 1; }
ROUNDS=${ROUNDS:-10}
HEADER=${HEADER:-models/customer.hpp}
WORK=$(mktemp -d /tmp/relcheck-lsp-bench.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
sed "s|@DIR@|$ROOT|g" "$ROOT/examples/shop/compile_commands.json.in" \
  > "$WORK/compile_commands.json"

/usr/bin/python3 - "$RELCHECK" "$WORK" "$ROOT/examples/shop" "$HEADER" \
  "$ROUNDS" "$ROOT/test/lsp" <<'PY'
import os, statistics, sys, time
relcheck, build, shop, header, rounds, client_dir = sys.argv[1:]
sys.path.insert(0, client_dir)
import lsp_client

def fail(message):
    sys.exit("lsp-latency: error: " + message)

def on_exception(kind, value, trace):
    # A server that died or timed out: one clear line, not a traceback.
    print("lsp-latency: error: the server failed: %s: %s"
          % (kind.__name__, value), file=sys.stderr)
    sys.exit(1)
sys.excepthook = on_exception

path = os.path.join(shop, header)
client = lsp_client.Client([relcheck, "lsp", "-p", build])
start = time.monotonic()
client.initialize(shop)
msg = client.wait_notification(
    lambda m: m.get("method") == "window/logMessage"
    and "indexed" in m["params"]["message"], timeout=300)
print("initial index:           %s (%.0f ms to the notification)"
      % (msg["params"]["message"], (time.monotonic() - start) * 1000))

text = open(path, encoding="utf-8").read()
sent = time.monotonic()
client.open(path, text=text)
params, _ = client.diagnostics(path)
print("didOpen  -> diagnostics: %6.1f ms (%d diagnostics in %s)"
      % ((time.monotonic() - sent) * 1000, len(params["diagnostics"]), header))

def completed():
    return sum(1 for l in client.stderr if "analyzed in" in l
               and "the others follow" not in l and "(0 of" not in l)

times = []
for n in range(int(rounds)):
    done = completed()
    text += "// edit %d\n" % n
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": lsp_client.uri(path), "version": n + 2},
        "contentChanges": [{"text": text}]})
    sent = time.monotonic()  # didChange alone waits for a quiet 400 ms.
    client.notify("textDocument/didSave",
                  {"textDocument": {"uri": lsp_client.uri(path)}})
    client.diagnostics(path, timeout=300)
    times.append((time.monotonic() - sent) * 1000)
    # Let the complete pass (the other TUs) finish before the next edit.
    deadline = time.monotonic() + 300
    while completed() == done and time.monotonic() < deadline:
        client.drain(0.05)
print("didSave  -> diagnostics: median %.1f ms, min %.1f, max %.1f over %d "
      "edit%s" % (statistics.median(times), min(times), max(times), len(times),
                  "" if len(times) == 1 else "s"))
if not times or min(times) <= 0:
    fail("no didSave was timed")
client.shutdown()
import re
def server(quick):
    found = [re.search(r"analyzed in (\d+) ms, (\d+) ms CPU \((\d+) of", l)
             for l in client.stderr
             if ("the others follow" in l) == quick]
    found = [m for m in found if m and m.group(3) != "0"]
    if not found:
        fail("the server logged no %s pass that re-extracted a TU"
             % ("quick" if quick else "complete"))
    tus = found[-1].group(3)
    return ("median %d ms wall, %d ms CPU, %s TU%s re-extracted"
            % (statistics.median(int(m.group(1)) for m in found),
               statistics.median(int(m.group(2)) for m in found),
               tus, "" if tus == "1" else "s"))
print("server, quick pass:      " + server(True))
print("server, complete pass:   " + server(False))
print("load average:            %.1f (%d CPUs)" % (os.getloadavg()[0],
                                                  os.cpu_count()))
PY
