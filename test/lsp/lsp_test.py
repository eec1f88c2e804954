#!/usr/bin/python3
"""`relcheck lsp` driven as an editor drives it (one ctest per test_<name>).

Usage: lsp_test.py --relcheck BIN --include DIR NAME

Each test writes a small multi-file project with a compile_commands.json
into a fresh temp directory, starts `relcheck lsp` on pipes and speaks LSP
to it with lsp_client.Client.
"""

import atexit
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                os.pardir, "support"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import check, check_eq, write, read  # noqa: E402
import lsp_client  # noqa: E402
from lsp_client import uri, position_of, apply_edits, workspace_edit_files  # noqa: E402

ARGS = None
CLIENTS = []


USER_HPP = """#pragma once
#include <relcheck/orm.hpp>
#include <vector>

struct Address;

struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  /* \U0001F600 caf\u00e9 */ ORM_RELATIONSHIP("Address", backref="user") std::vector<Address*> addresses;
};
"""

ADDRESS_HPP = """#pragma once
#include <relcheck/orm.hpp>

struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
"""

POST_HPP = """#pragma once
#include <relcheck/orm.hpp>
#include <vector>

struct Comment;

struct ORM_MODEL("post") Post {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Comment", back_populates="post") std::vector<Comment*> comments;
};
"""

COMMENT_HPP = """#pragma once
#include <relcheck/orm.hpp>

struct Post;

struct ORM_MODEL("comment") Comment {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("post.id")) int post_id;
  ORM_RELATIONSHIP("Post", back_populates="comment_list") Post* post;
};
"""

# One TU per model header, so every pair finding crosses translation units,
# and one (as in many projects) including the address and user headers.
SOURCES = {
    "src/user.cpp": '#include "models/user.hpp"\nint userCount() { return 0; }\n',
    "src/address.cpp": '#include "models/address.hpp"\n',
    "src/post.cpp": '#include "models/post.hpp"\n',
    "src/comment.cpp": '#include "models/comment.hpp"\n',
    "src/people.cpp": '#include "models/address.hpp"\n#include "models/user.hpp"\n',
}


def make_project(root, database_dir="build"):
    write(os.path.join(root, "models/user.hpp"), USER_HPP)
    write(os.path.join(root, "models/address.hpp"), ADDRESS_HPP)
    write(os.path.join(root, "models/post.hpp"), POST_HPP)
    write(os.path.join(root, "models/comment.hpp"), COMMENT_HPP)
    for rel, text in SOURCES.items():
        write(os.path.join(root, rel), text)
    write_database(root, sorted(SOURCES), database_dir)


def write_database(root, sources, database_dir="build"):
    entries = [{"directory": root,
                "file": os.path.join(root, rel),
                "arguments": ["clang++-19", "-std=c++17", "-I", root,
                              "-I", ARGS.include, "-c", rel, "-o",
                              os.devnull]}
               for rel in sources]
    write(os.path.join(root, database_dir, "compile_commands.json"),
          json.dumps(entries, indent=1))


def tempdir():
    return harness.tmpdir(prefix="relcheck-lsp-")


def start(*extra, cwd=None):
    client = lsp_client.Client([ARGS.relcheck, "lsp"] + list(extra), cwd=cwd)
    CLIENTS.append(client)
    atexit.register(client.kill)
    return client


def by_code(diagnostics, code):
    return [d for d in diagnostics if d.get("code") == code]


def range_of(text, needle, within=None):
    """The range of needle (in the first occurrence of within, if given)."""
    index = text.index(needle, text.index(within) if within else 0)
    return {"start": position_of(text, index),
            "end": position_of(text, index + len(needle))}


def finish(client):
    response, status = client.shutdown()
    check_eq(response.get("result", "missing"), None, "shutdown result")
    check_eq(status, 0, "exit status after shutdown + exit")
    check(not client.bad_frames, "stdout carried non-JSON-RPC lines: %r"
          % client.bad_frames)


# -----------------------------------------------------------------------------
def test_session():
    """initialize, didOpen, diagnostics (cross-file pair, related
    information, UTF-16 ranges), codeAction, apply, didSave, shutdown."""
    root = tempdir()
    make_project(root)
    user = os.path.join(root, "models/user.hpp")
    address = os.path.join(root, "models/address.hpp")
    comment = os.path.join(root, "models/comment.hpp")
    post = os.path.join(root, "models/post.hpp")

    client = start()  # The database is found in <root>/build.
    init = client.initialize(root)
    caps = init["result"]["capabilities"]
    check_eq(caps["positionEncoding"], "utf-16", "position encoding")
    check_eq(caps["textDocumentSync"]["change"], 2, "incremental sync")
    check("quickfix" in caps["codeActionProvider"]["codeActionKinds"],
          "quickfix code actions advertised")
    indexed = client.wait_notification(
        lambda m: m.get("method") == "window/logMessage"
        and "indexed" in m["params"]["message"])
    print(indexed["params"]["message"])
    check("indexed 5 translation units" in indexed["params"]["message"],
          "indexing message: %r" % indexed["params"]["message"])

    # The cross-file pair: Comment.post names a partner that Post (another
    # header, another TU) does not have.
    sent = time.monotonic()
    client.open(comment)
    params, _ = client.diagnostics(comment)
    print("didOpen -> publishDiagnostics (comment.hpp): %.1f ms"
          % ((time.monotonic() - sent) * 1000))
    check_eq(params["version"], 1, "published version")
    mismatch = by_code(params["diagnostics"], "relcheck-back-populates-mismatch")
    check(len(mismatch) == 1, "one back-populates-mismatch diagnostic in "
          "comment.hpp: %r" % params["diagnostics"])
    d = mismatch[0]
    check_eq(d["severity"], 1, "severity (error)")
    check_eq(d["source"], "relcheck", "source")
    check("comment_list" in d["message"], "message names the bad partner: %r"
          % d["message"])
    check_eq(d["range"]["start"]["line"], 8, "mismatch line (0-based)")
    href = d["codeDescription"]["href"]
    check(href.endswith("/rules/back-populates-mismatch.md") and
          os.path.isfile(lsp_client.path_of(href)), "rule page link %r" % href)
    related = d.get("relatedInformation", [])
    check(any(r["location"]["uri"] == uri(post) for r in related),
          "related information points into post.hpp: %r" % related)
    for r in related:
        if r["location"]["uri"] == uri(post):
            line = r["location"]["range"]["start"]["line"]
            check(POST_HPP.split("\n")[line].lstrip().startswith(
                ("struct", "ORM_RELATIONSHIP")),
                "related range lands on a declaration: line %d" % line)

    # The legacy backref in user.hpp, after a non-BMP character on its line.
    sent = time.monotonic()
    client.open(user)
    params, _ = client.diagnostics(user)
    print("didOpen -> publishDiagnostics (user.hpp): %.1f ms"
          % ((time.monotonic() - sent) * 1000))
    legacy = by_code(params["diagnostics"], "relcheck-legacy-backref")
    check(len(legacy) == 1, "one legacy-backref diagnostic: %r"
          % params["diagnostics"])
    d = legacy[0]
    check_eq(d["severity"], 2, "severity (warning)")
    check_eq(d["range"], range_of(USER_HPP, "backref", 'backref="user"'),
             "range in UTF-16 code units")
    check(any(r["location"]["uri"] == uri(address)
              for r in d.get("relatedInformation", [])),
          "note into address.hpp as related information: %r" % d)

    # The quick fix: one action editing both headers.
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri(user)}, "range": d["range"],
        "context": {"diagnostics": [d]}})["result"]
    quick = [a for a in actions if a["kind"] == "quickfix"]
    check(len(quick) == 1, "one quickfix: %r" % actions)
    action = quick[0]
    check_eq(action.get("isPreferred"), True, "isPreferred")
    check_eq(action["diagnostics"][0]["code"], "relcheck-legacy-backref",
             "attached diagnostic")
    for change in action["edit"]["documentChanges"]:
        expected = 1 if change["textDocument"]["uri"] == uri(user) else None
        check_eq(change["textDocument"]["version"], expected,
                 "version of " + change["textDocument"]["uri"])
    files = workspace_edit_files(action["edit"])
    check_eq(sorted(files), sorted([user, address]), "files the fix edits")

    # The same edits as `relcheck --fix` on a copy of the project.
    twin = tempdir()
    make_project(twin)
    fixed = lsp_client_run([ARGS.relcheck, "-p", os.path.join(twin, "build"),
                            "--fix", "--rules=-*,relcheck-legacy-backref",
                            "--quiet"])
    check(fixed.returncode == 0, "relcheck --fix on the twin: %r" % (fixed,))

    new_user = None
    for path, edits in files.items():
        text = apply_edits(read(path), edits)
        write(path, text)
        twin_path = os.path.join(twin, os.path.relpath(path, root))
        check_eq(text, read(twin_path), "LSP fix == --fix for " +
                 os.path.relpath(path, root))
        if path == user:
            new_user = text

    # The editor applied the edit to its buffer and saved it.
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(user), "version": 2},
        "contentChanges": [{"text": new_user}]})
    sent = time.monotonic()
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri(user)}})
    params, _ = client.diagnostics(user)
    print("didSave -> publishDiagnostics (user.hpp, 1 of 2 TUs re-extracted "
          "first): %.1f ms"
          % ((time.monotonic() - sent) * 1000))
    check_eq(params["version"], 2, "published version after the change")
    check_eq(params["diagnostics"], [], "diagnostics cleared after the fix")

    client.notify("textDocument/didClose", {"textDocument": {"uri": uri(user)}})
    params, _ = client.diagnostics(user)
    check_eq(params["diagnostics"], [], "diagnostics cleared on close")
    finish(client)


def test_configuration_and_nolint():
    """.relcheck.yaml and NOLINT comments govern the server's diagnostics as
    they govern the CLI's; an edited configuration applies at the next save."""
    root = tempdir()
    make_project(root)
    config = write(os.path.join(root, ".relcheck.yaml"),
                   "Rules: '-relcheck-back-populates-mismatch'\n")
    user = os.path.join(root, "models/user.hpp")
    comment = os.path.join(root, "models/comment.hpp")
    suppressed = USER_HPP.replace(
        "std::vector<Address*> addresses;",
        "std::vector<Address*> addresses; // NOLINT(relcheck-legacy-backref)")
    write(user, suppressed)
    client = start("-p", os.path.join(root, "build"))
    client.initialize(root)
    client.open(comment)
    params, _ = client.diagnostics(comment)
    check_eq(params["diagnostics"], [],
             "relcheck-back-populates-mismatch disabled by .relcheck.yaml")
    client.open(user)
    params, _ = client.diagnostics(user)
    check_eq(params["diagnostics"], [], "relcheck-legacy-backref under NOLINT")

    # Without the NOLINT, and with a severity override: on save, both apply.
    write(config, "Severity:\n  relcheck-legacy-backref: error\n")
    write(user, USER_HPP)
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(user), "version": 2},
        "contentChanges": [{"text": USER_HPP}]})
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri(user)}})
    params = client.wait_notification(
        lambda m: m.get("method") == "textDocument/publishDiagnostics"
        and m["params"]["uri"] == uri(user)
        and by_code(m["params"]["diagnostics"], "relcheck-legacy-backref"))["params"]
    legacy = by_code(params["diagnostics"], "relcheck-legacy-backref")
    check_eq([d["severity"] for d in legacy], [1],
             "the Severity override makes the finding an error")
    finish(client)


def lsp_client_run(argv):
    import subprocess
    return subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          timeout=240)


def test_malformed_messages():
    """Bad frames and bad requests get JSON-RPC errors; the server lives on."""
    root = tempdir()
    make_project(root)
    client = start("-p", os.path.join(root, "build"))

    def error_for(raw_or_message, expect_id=None):
        if isinstance(raw_or_message, bytes):
            client.send_raw(raw_or_message)
        else:
            client.send(raw_or_message)
        return client.response(expect_id)["error"]

    # Before initialize: requests are refused, not answered.
    err = error_for({"jsonrpc": "2.0", "id": 7, "method": "shutdown"}, 7)
    check_eq(err["code"], -32002, "request before initialize")

    body = b'{"jsonrpc": "2.0", "id": 1, "method": '
    err = error_for(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    check_eq(err["code"], -32700, "invalid JSON")
    err = error_for(b"Content-Type: application/json\r\n\r\n")
    check_eq(err["code"], -32600, "frame without Content-Length")
    err = error_for(b"Content-Length: banana\r\n\r\n")
    check_eq(err["code"], -32600, "non-numeric Content-Length")
    err = error_for(b"garbage line\r\n\r\n")
    check_eq(err["code"], -32600, "header line without a colon")
    err = error_for([1, 2, 3])
    check_eq(err["code"], -32600, "a JSON array")
    err = error_for({"jsonrpc": "2.0", "id": {"x": 1}, "method": "initialize"})
    check_eq(err["code"], -32600, "an object as id")

    check("result" in client.initialize(root), "initialize still works")
    err = client.request("no/such/method", {})["error"]
    check_eq(err["code"], -32601, "unknown method")
    err = client.request("textDocument/codeAction", {"range": 5})["error"]
    check_eq(err["code"], -32602, "codeAction without textDocument")
    err = client.request("textDocument/codeAction", {
        "textDocument": {"uri": "http://example.com/a.hpp"},
        "range": {"start": {"line": 0, "character": 0},
                  "end": {"line": 0, "character": 0}}})["error"]
    check_eq(err["code"], -32602, "a URI that is not a file")
    err = client.request("initialize", {"capabilities": {}})["error"]
    check_eq(err["code"], -32600, "second initialize")
    # Bad notifications are logged, not answered, and do not stop the server.
    client.notify("textDocument/didOpen", {"textDocument": 3})
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(os.path.join(root, "nope.hpp"))},
        "contentChanges": [{"text": ""}]})
    # A frame body that is valid but declared shorter than it is: the tail
    # is read as the next frame's header and reported, then all is well.
    client.send_raw(b"Content-Length: 2\r\n\r\n{}")
    client.open(os.path.join(root, "models/user.hpp"))
    params, _ = client.diagnostics(os.path.join(root, "models/user.hpp"))
    check(by_code(params["diagnostics"], "relcheck-legacy-backref"),
          "the server still analyzes after bad input")
    finish(client)
    check(any("skipped a malformed message" in l for l in client.stderr),
          "malformed frames are logged on stderr")


def test_hostile_frames():
    """Issue 12, defect 9: 100,000 nested arrays, a header line of 20 MB
    with no end, and a Content-Length of 2^64-1 each get one bounded error;
    the server lives on and reads shutdown/exit after them."""
    root = tempdir()
    make_project(root)
    client = start("-p", os.path.join(root, "build"))
    client.initialize(root)

    deep = b'{"jsonrpc": "2.0", "id": 5, "method": "x", "params": ' + \
        b"[" * 100000 + b"]" * 100000 + b"}"
    client.send_raw(b"Content-Length: %d\r\n\r\n" % len(deep) + deep)
    err = client.response(None, timeout=30)["error"]
    check("nested deeper" in err["message"], "deep nesting: %r" % err)

    started = time.monotonic()
    client.send_raw(b"X-Endless: " + b"a" * (20 << 20) + b"\r\n\r\n")
    err = client.response(None, timeout=60)["error"]
    elapsed = time.monotonic() - started
    check("header block longer than" in err["message"] and
          len(err["message"]) < 200, "endless header: %r" % err["message"][:300])
    check(elapsed < 10, "a 20 MB header line took %.1f s" % elapsed)

    client.send_raw(b"Content-Length: 18446744073709551615\r\n\r\n{}")
    err = client.response(None, timeout=30)["error"]
    check("exceeds the limit" in err["message"], "huge length: %r" % err)
    finish(client)


def test_crash_handler_exits():
    """A fatal signal ends the server with its own short report (no
    symbolization, which allocates and once deadlocked in malloc)."""
    import signal
    root = tempdir()
    make_project(root)
    client = start("-p", os.path.join(root, "build"))
    client.initialize(root)
    client.proc.send_signal(signal.SIGSEGV)
    check_eq(client.proc.wait(30), -signal.SIGSEGV, "dies of the signal")
    client._err.join(10)
    check(any("relcheck lsp: fatal signal" in line for line in client.stderr),
          "stderr: %r" % client.stderr[-5:])


def test_no_database():
    """No compilation database: one error message, one diagnostic per open
    file, and a normal shutdown."""
    root = tempdir()
    make_project(root, database_dir="elsewhere")
    client = start()
    client.initialize(root)
    shown = client.wait_notification(
        lambda m: m.get("method") == "window/showMessage")
    check_eq(shown["params"]["type"], 1, "message type (error)")
    check("no compilation database" in shown["params"]["message"] and
          root in shown["params"]["message"], "message: %r" % shown)
    user = os.path.join(root, "models/user.hpp")
    client.open(user)
    params, _ = client.diagnostics(user)
    check(len(params["diagnostics"]) == 1 and "-p <build-dir>" in
          params["diagnostics"][0]["message"], "diagnostic: %r" % params)
    finish(client)


def test_inputs_left_out_are_shown():
    """A database entry whose response file relcheck refuses to expand (a
    device: /dev/null) is left out of the index, as the CLI leaves it out
    (and exits 2). The server said so only on its own stderr; the client
    now gets a warning naming it and the problem in its log, and the other
    units are indexed."""
    root = tempdir()
    make_project(root)
    db = os.path.join(root, "build", "compile_commands.json")
    with open(db) as h:
        entries = json.load(h)
    problem = "response file '/dev/null' is not a regular file"
    entries[0]["arguments"].insert(1, "@/dev/null")
    write(db, json.dumps(entries, indent=1))
    client = start("-p", os.path.join(root, "build"))
    client.initialize(root)
    indexed = client.wait_notification(
        lambda m: m.get("method") == "window/logMessage"
        and "indexed" in m["params"]["message"])
    check("indexed 4 translation units" in indexed["params"]["message"],
          "the other units indexed: %r" % indexed["params"]["message"])
    logged = client.wait_notification(
        lambda m: m.get("method") == "window/logMessage"
        and m["params"]["type"] == 2)
    check(problem in logged["params"]["message"], "logged: %r" % logged)
    shown = client.wait_notification(
        lambda m: m.get("method") == "window/showMessage")
    check_eq(shown["params"]["type"], 2, "message type (warning)")
    check(shown["params"]["message"].startswith("relcheck: ") and
          problem in shown["params"]["message"] and
          "other input" not in shown["params"]["message"],
          "message: %r" % shown)
    finish(client)


def test_open_file_whose_command_is_refused():
    """Every entry's response file refused: the index is empty, the warning
    counts the other problems, and an open header, whose inferred command
    is refused too, gets a diagnostic saying why it is not analyzed (it got
    nothing: no findings and no word)."""
    root = tempdir()
    make_project(root)
    db = os.path.join(root, "build", "compile_commands.json")
    with open(db) as h:
        entries = json.load(h)
    for entry in entries:
        entry["arguments"].insert(1, "@/dev/null")
    write(db, json.dumps(entries, indent=1))
    client = start("-p", os.path.join(root, "build"))
    client.initialize(root)
    shown = client.wait_notification(
        lambda m: m.get("method") == "window/showMessage")
    check("(and %d other input problems in the log)" % (len(entries) - 1)
          in shown["params"]["message"], "message: %r" % shown)
    user = os.path.join(root, "models/user.hpp")
    client.open(user)
    params, _ = client.diagnostics(user)
    diags = params["diagnostics"]
    check(len(diags) == 1 and diags[0]["severity"] == 1 and
          diags[0]["message"].startswith(
              "'%s' is not analyzed: %s: the entry for " % (user, db)) and
          diags[0]["message"].endswith(
              ": response file '/dev/null' is not a regular file (a FIFO or "
              "device); only regular files are expanded"),
          "diagnostics: %r" % diags)
    finish(client)


def test_input_problems_in_the_log_are_capped():
    """60 refused entries: 50 problems in the client's log, then one line
    counting the rest (all 60 on the server's stderr)."""
    root = tempdir()
    entries = []
    for i in range(60):
        source = write(os.path.join(root, "src", "gen%02d.cpp" % i), "\n")
        entries.append({"directory": root, "file": source,
                        "arguments": ["clang++-19", "@/dev/null", "-c",
                                      source]})
    write(os.path.join(root, "build", "compile_commands.json"),
          json.dumps(entries, indent=1))
    client = start("-p", os.path.join(root, "build"))
    client.initialize(root)
    shown = client.wait_notification(
        lambda m: m.get("method") == "window/showMessage")
    check("(and 59 other input problems in the log)"
          in shown["params"]["message"], "message: %r" % shown)
    logged = [m["params"]["message"] for m in client.notifications
              if m.get("method") == "window/logMessage"
              and m["params"]["type"] == 2]
    check_eq(len(logged), 51, "problems logged, and the count of the rest")
    check_eq(logged[-1], "relcheck: 10 more input problems (every one is on "
             "the server's stderr)", "the last line")
    finish(client)  # stderr has its own reader: complete only after exit.
    on_stderr = [line for line in client.stderr
                 if line.startswith("relcheck lsp: ")
                 and "is not a regular file" in line]
    check_eq(len(on_stderr), 60, "problems on stderr: %r" % on_stderr[:3])


def test_random_messages():
    """Well-framed messages with random methods and parameters (seeded):
    the server answers requests with errors or results, never dies, and
    still analyzes afterwards."""
    import random
    rng = random.Random(1234)
    root = tempdir()
    make_project(root)
    files = [os.path.join(root, "models", f) for f in
             ("user.hpp", "address.hpp", "comment.hpp")]
    keys = ["textDocument", "uri", "text", "range", "start", "end", "line",
            "character", "contentChanges", "version", "context", "only",
            "diagnostics"]

    def value(depth):
        kind = rng.randrange(9 if depth < 3 else 6)
        if kind == 0:
            return rng.choice([-5, 0, 1, 7, 2 ** 40, -(2 ** 63)])
        if kind == 1:
            return rng.choice(["", "x", "\u00e9\U0001F600", "struct {"])
        if kind == 2:
            return uri(rng.choice(files))
        if kind == 3:
            return rng.choice([None, True, 1.5])
        if kind == 4:
            return {"line": rng.randrange(-2, 40),
                    "character": rng.randrange(-2, 200)}
        if kind == 5:
            return "file:///no/such/file.hpp"
        if kind == 6:
            return [value(depth + 1) for _ in range(rng.randrange(3))]
        return {rng.choice(keys): value(depth + 1)
                for _ in range(rng.randrange(1, 5))}

    def document():
        doc = {"uri": uri(rng.choice(files))}
        for key in ("text", "version"):
            if rng.random() < 0.7:
                doc[key] = value(2) if rng.random() < 0.3 else (
                    "struct X {};\n" if key == "text" else rng.randrange(9))
        return doc

    client = start("-p", os.path.join(root, "build"))
    client.initialize(root)
    methods = ["textDocument/didOpen", "textDocument/didChange",
               "textDocument/didSave", "textDocument/didClose",
               "textDocument/codeAction", "workspace/didChangeWatchedFiles",
               "$/cancelRequest", "initialized"]
    pending = []
    for _ in range(300):
        params = {k: value(1) for k in rng.sample(keys, rng.randrange(4))}
        if rng.random() < 0.6:
            params["textDocument"] = document()
        if rng.random() < 0.3:
            params["contentChanges"] = [{"text": "int x;"}, {
                "range": {"start": value(3), "end": value(3)}, "text": "y"}]
        message = {"jsonrpc": "2.0", "method": rng.choice(methods),
                   "params": params if rng.random() < 0.9 else value(2)}
        if message["method"] == "textDocument/codeAction" or rng.random() < 0.2:
            message["id"] = 1000 + len(pending)
            pending.append(message["id"])
        client.send(message)
    for rid in pending:
        response = client.response(rid, timeout=120)
        check("result" in response or "error" in response,
              "request %d answered: %r" % (rid, response))
    # Close everything the noise opened, then a clean analysis.
    for f in files:
        client.notify("textDocument/didClose", {"textDocument": {"uri": uri(f)}})
    client.open(files[0])
    deadline = time.monotonic() + 60
    while True:
        params, _ = client.diagnostics(files[0], timeout=60)
        if by_code(params["diagnostics"], "relcheck-legacy-backref"):
            break
        check(time.monotonic() < deadline, "analysis after the noise: %r"
              % params)
    finish(client)


def test_exit_without_shutdown():
    root = tempdir()
    make_project(root)
    client = start("-p", os.path.join(root, "build"))
    client.initialize(root)
    client.notify("exit", None)
    check_eq(client.proc.wait(30), 1, "exit without shutdown")


def test_header_without_tu():
    """A header no TU includes is analyzed alone with the command the
    database infers from a file next to it. The client asks for UTF-8
    positions, so columns count bytes."""
    root = tempdir()
    make_project(root)
    text = """#pragma once
#include <relcheck/orm.hpp>
#include <vector>
#include "models/post.hpp"

struct ORM_MODEL("tag") Tag {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("post.id")) int post_id;
  /* \u00e9t\u00e9 */ ORM_RELATIONSHIP("Post", backref="tags") Post* post;
};
"""
    lonely = write(os.path.join(root, "models/tag.hpp"), text)
    client = start("-p", os.path.join(root, "build"))
    init = client.initialize(root, {"general": {"positionEncodings":
                                                ["utf-8", "utf-16"]}})
    check_eq(init["result"]["capabilities"]["positionEncoding"], "utf-8",
             "negotiated encoding")
    client.open(lonely)
    params, _ = client.diagnostics(lonely)
    legacy = by_code(params["diagnostics"], "relcheck-legacy-backref")
    check(len(legacy) == 1, "the lonely header's finding: %r"
          % params["diagnostics"])
    line = text.split("\n")[8]
    column = len(line[:line.index("backref")].encode("utf-8"))
    check_eq(legacy[0]["range"]["start"], {"line": 8, "character": column},
             "UTF-8 position (bytes)")
    # Without relatedInformation support the notes go into the message.
    check("relatedInformation" not in legacy[0] and
          "note: target class 'Post' declared here" in legacy[0]["message"],
          "notes appended to the message: %r" % legacy[0]["message"])
    # A file that is not C or C++ is not compiled on its own.
    notes = write(os.path.join(root, "models/NOTES.txt"), "struct {\n")
    client.open(notes)
    params, _ = client.diagnostics(notes)
    check_eq(params["diagnostics"], [], "no diagnostics for a text file")
    finish(client)


def test_unsaved_buffer_and_compile_error():
    """didChange is analyzed (debounced) from the buffer, not the disk; a
    buffer that does not compile is one error diagnostic where it breaks."""
    root = tempdir()
    make_project(root)
    address = os.path.join(root, "models/address.hpp")
    client = start("-p", os.path.join(root, "build"))
    client.initialize(root)
    client.open(address)
    params, _ = client.diagnostics(address)
    check_eq(params["diagnostics"], [], "address.hpp is clean")

    # Unsaved: a legacy backref typed into the buffer (disk unchanged).
    text = ADDRESS_HPP.replace(
        "int user_id;\n",
        'int user_id;\n  ORM_RELATIONSHIP("User", backref="homes") User* owner;\n')
    text = text.replace("struct ORM_MODEL", "struct User;\n\nstruct ORM_MODEL")
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(address), "version": 2},
        "contentChanges": [{"text": text}]})
    params, _ = client.diagnostics(address)
    check_eq(params["version"], 2, "version of the analyzed buffer")
    legacy = by_code(params["diagnostics"], "relcheck-legacy-backref")
    check(len(legacy) == 1, "finding from the unsaved buffer: %r" % params)
    check_eq(legacy[0]["range"], range_of(text, "backref", 'backref="homes"'),
             "range in the buffer")
    check_eq(read(address), ADDRESS_HPP, "the disk is untouched")
    # address.hpp is read by two TUs: one is re-extracted before the
    # diagnostics go out, the other right after.
    deadline = time.monotonic() + 60
    while not any("(1 of 5 translation units extracted, the others follow)"
                  in l for l in client.stderr) or \
            not any("(1 of 5 translation units extracted)" in l
                    for l in client.stderr):
        check(time.monotonic() < deadline, "quick, then complete analysis: %s"
              % "".join(client.stderr))
        time.sleep(0.05)
    # The complete pass agrees with the quick one: nothing new published.
    client.drain(0.3)
    check(not any(m.get("method") == "textDocument/publishDiagnostics"
                  for m in client.notifications),
          "no further diagnostics after the complete pass: %r"
          % client.notifications)

    # An incremental change that breaks the syntax.
    where = position_of(text, text.index("int user_id;"))
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(address), "version": 3},
        "contentChanges": [{"range": {"start": where, "end": where},
                            "text": "int int "}]})
    params, _ = client.diagnostics(address)
    errors = [d for d in params["diagnostics"] if "does not compile" in d["message"]]
    check(len(errors) == 1, "one compile-error diagnostic: %r" % params)
    check_eq(errors[0]["range"]["start"]["line"], where["line"],
             "the error is where the buffer breaks")
    check_eq(errors[0]["severity"], 1, "compile error severity")
    finish(client)


# -----------------------------------------------------------------------------
def settled_diagnostics(client, path, version):
    """The diagnostics of path for buffer version once the server is done:
    the quick pass's, or the complete pass's if it published again."""
    def published(m):
        return (m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri(path))
    client.wait_notification(
        lambda m: published(m) and m["params"].get("version") == version)
    client.notifications[:] = []  # Older versions' (and this one's) go.
    client.drain(0.1)  # The server's log of that analysis.
    deadline = time.monotonic() + 60
    while True:  # Until the last analysis left nothing to follow.
        analyses = [l for l in client.stderr if "analyzed in" in l]
        if analyses and "the others follow" not in analyses[-1]:
            break
        check(time.monotonic() < deadline, "the complete pass: %s"
              % "".join(client.stderr))
        client.drain(0.05)
    client.drain(0.3)
    later = [m["params"] for m in client.notifications if published(m)]
    client.notifications[:] = []
    if later:
        return later[-1]
    # Nothing new: what the quick pass published stands. Ask again through
    # a no-op save, which always publishes.
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri(path)}})
    params, _ = client.diagnostics(path)
    return params


def test_typing_keeps_last_findings():
    """An unfinished edit (the header no longer compiles) keeps the last
    good findings, marked stale and where their text is now, plus one error
    saying where it breaks; once it compiles, the findings are fresh."""
    root = tempdir()
    make_project(root)
    user = os.path.join(root, "models/user.hpp")
    client = start("-p", os.path.join(root, "build"))
    client.initialize(root)
    client.open(user)
    params = settled_diagnostics(client, user, 1)
    legacy = by_code(params["diagnostics"], "relcheck-legacy-backref")
    check(len(legacy) == 1, "the legacy backref: %r" % params)
    check("stale" not in legacy[0].get("data", {}), "fresh: %r" % legacy)

    # Half-typed member above the relationship: user.hpp does not compile
    # in either TU that reads it (user.cpp, people.cpp).
    broken = USER_HPP.replace("  /* ", "  int half(\n  /* ")
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(user), "version": 2},
        "contentChanges": [{"text": broken}]})
    params = settled_diagnostics(client, user, 2)
    check_eq(params["version"], 2, "version of the analyzed buffer")
    legacy = by_code(params["diagnostics"], "relcheck-legacy-backref")
    check(len(legacy) == 1, "the last good finding is kept: %r" % params)
    check_eq(legacy[0].get("data", {}).get("stale"), True, "marked stale")
    check("stale" in legacy[0]["message"], "says so: %r" % legacy[0])
    check_eq(legacy[0]["range"], range_of(broken, "backref", 'backref="user"'),
             "where its text is in the buffer now")
    errors = [d for d in params["diagnostics"]
              if "does not compile" in d["message"]]
    check(len(errors) == 1, "plus one compile error: %r" % params)
    check_eq(errors[0]["severity"], 1, "compile error severity")
    check_eq(errors[0]["range"]["start"]["line"],
             broken.count("\n", 0, broken.index("int half(")) + 1,
             "at the first error, the line after the unfinished one")
    check(errors[0]["message"].endswith(
        "keeps the findings of the last version that did, marked stale"),
          "the error explains the stale findings: %r" % errors[0])
    # A stale finding offers no fix: its edits are offsets into old text.
    actions = client.request("textDocument/codeAction", {
        "textDocument": {"uri": uri(user)},
        "range": legacy[0]["range"],
        "context": {"diagnostics": []}})
    check_eq(actions.get("result"), [], "no code action on stale findings")

    # The edit finished: fresh findings, no error.
    fixed = USER_HPP.replace("  /* ", "  int half();\n  /* ")
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(user), "version": 3},
        "contentChanges": [{"text": fixed}]})
    params = settled_diagnostics(client, user, 3)
    check_eq(params["version"], 3, "version of the fixed buffer")
    check(not any("does not compile" in d["message"]
                  for d in params["diagnostics"]), "no error: %r" % params)
    legacy = by_code(params["diagnostics"], "relcheck-legacy-backref")
    check(len(legacy) == 1, "the finding: %r" % params)
    check("stale" not in legacy[0].get("data", {}), "fresh again: %r" % legacy)
    check("stale" not in legacy[0]["message"], "no stale note: %r" % legacy)
    check_eq(legacy[0]["range"], range_of(fixed, "backref", 'backref="user"'),
             "range in the fixed buffer")
    finish(client)


# -----------------------------------------------------------------------------
def indexed_stats(client):
    """The numbers of the server's start-up line: "indexed 5 translation
    units in 12 ms (parsed 2 of 5 TUs, 3 from cache, ...)"."""
    msg = client.wait_notification(
        lambda m: m.get("method") == "window/logMessage"
        and "indexed" in m["params"]["message"])["params"]["message"]
    print(msg)
    import re
    m = re.search(r"parsed (\d+) of (\d+) TUs \((\d+) from cache", msg)
    check(m, "the start-up line gives the driver's counts: %r" % msg)
    return {"parsed": int(m.group(1)), "total": int(m.group(2)),
            "cached": int(m.group(3))}


def stderr_line(client, text, timeout=30):
    """Whether the server writes a stderr line containing text within
    timeout seconds."""
    import time
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if any(text in line for line in list(client.stderr)):
            return True
        time.sleep(0.05)
    return False


def cli_stats(root, cache):
    """`relcheck -p build --tu-stats` on the project: its parse counts."""
    import re
    r = harness.relcheck("-p", os.path.join(root, "build"), "--cache-dir",
                         cache, "--tu-stats", "--format=json")
    m = re.search(r"parsed (\d+) of (\d+) TUs \((\d+) from cache", r.err)
    check(m, "--tu-stats line: %r" % r.err, r)
    return {"parsed": int(m.group(1)), "total": int(m.group(2)),
            "cached": int(m.group(3))}, json.loads(r.out)


def test_starts_from_the_cli_cache():
    """After a CLI run, the server parses no TU before its first
    diagnostics: it starts from the CLI's fact cache, as the CLI would."""
    root = tempdir()
    make_project(root)
    cache = os.path.join(root, "cache")
    cold, report = cli_stats(root, cache)
    check(cold["parsed"] > 0, "the CLI's cold run parses: %r" % cold)
    client = start("--cache-dir=" + cache)
    client.initialize(root)
    stats = indexed_stats(client)
    check_eq(stats["parsed"], 0, "TUs the server parsed at start-up")
    check_eq(stats["total"], 5, "TUs of the project")
    comment = os.path.join(root, "models/comment.hpp")
    client.open(comment)
    params, _ = client.diagnostics(comment)
    mismatch = by_code(params["diagnostics"],
                       "relcheck-back-populates-mismatch")
    check(len(mismatch) == 1, "the cross-TU mismatch from cached facts: %r"
          % params["diagnostics"])
    # stderr has its own reader thread: the line may land just after the
    # diagnostics do.
    check(stderr_line(client, "0 of 5 translation units extracted"),
          "opening an unchanged header re-extracts nothing: %r"
          % client.stderr)
    finish(client)


def test_writes_the_cache_the_cli_reads():
    """The server's start-up and its re-extractions after a save fill the
    fact cache: the CLI run after it parses nothing, and agrees."""
    root = tempdir()
    make_project(root)
    cache = os.path.join(root, "cache")
    client = start("--cache-dir", cache)
    client.initialize(root)
    check(indexed_stats(client)["parsed"] > 0, "a cold start parses")
    # An edit saved to disk: the TUs that read the header are re-extracted
    # from the disk and cached again.
    post = os.path.join(root, "models/post.hpp")
    text = POST_HPP.replace('back_populates="post"', 'back_populates="post" ')
    write(post, text)
    client.open(post, text=text)
    client.diagnostics(post)
    client.notify("textDocument/didSave", {"textDocument": {"uri": uri(post)}})
    client.diagnostics(post)
    client.drain(1.0)  # The complete pass after the quick one.
    finish(client)
    warm, report = cli_stats(root, cache)
    check_eq(warm["parsed"], 0, "TUs the CLI parses after the server ran")
    _, fresh = cli_stats(root, os.path.join(root, "fresh-cache"))
    check_eq(report["findings"], fresh["findings"],
             "findings from the server's cache entries")



def test_edit_reextracts_only_what_the_cover_needs():
    """A header edit re-extracts one TU that reads it: TUs the cover left
    unparsed (src/user.cpp: src/people.cpp reads user.hpp too) are not
    re-parsed later, neither in the quick pass nor after it."""
    root = tempdir()
    make_project(root)
    client = start("--cache-dir", os.path.join(root, "cache"))
    client.initialize(root)
    stats = indexed_stats(client)
    check(stats["parsed"] < stats["total"], "the cover leaves TUs: %r" % stats)
    user = os.path.join(root, "models/user.hpp")
    client.open(user)
    client.diagnostics(user)
    text = USER_HPP + "// edited\n"
    client.notify("textDocument/didChange", {
        "textDocument": {"uri": uri(user), "version": 2},
        "contentChanges": [{"text": text}]})
    params, _ = client.diagnostics(user)
    check(len(by_code(params["diagnostics"], "relcheck-legacy-backref")) == 1,
          "the edited header's finding: %r" % params["diagnostics"])
    client.drain(1.0)
    analyses = [l for l in client.stderr if "analyzed in" in l]
    print("".join(analyses))
    extracting = [l for l in analyses if "(0 of 5 " not in l]
    check(len(extracting) == 1 and "(1 of 5 translation units extracted)"
          in extracting[0],
          "the edit re-extracts one TU, with nothing to follow: %r"
          % analyses)
    finish(client)


def dump_server_logs():
    for client in CLIENTS:
        sys.stdout.write("--- server stderr:\n" + "".join(client.stderr))


def main():
    global ARGS
    ARGS = harness.parse_args(harness.argument_parser())
    status = harness.run_tests(globals(), ARGS, failures=(TimeoutError, EOFError),
                               on_failure=dump_server_logs)
    if status == 0 and os.environ.get("RELCHECK_LSP_TEST_VERBOSE"):
        for client in CLIENTS:
            sys.stdout.write("".join(client.stderr))
    return status


if __name__ == "__main__":
    sys.exit(main())
