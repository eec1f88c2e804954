"""A minimal LSP client for tests and benchmarks: starts `relcheck lsp`,
frames JSON-RPC messages with Content-Length, and collects what the server
sends (responses by id, notifications in order) on a reader thread."""

import json
import os
import queue
import subprocess
import threading
import time
import urllib.parse


def uri(path):
    return "file://" + urllib.parse.quote(os.path.abspath(path))


def path_of(u):
    assert u.startswith("file://"), u
    return urllib.parse.unquote(u[len("file://"):])


class Client:
    def __init__(self, argv, cwd=None):
        self.proc = subprocess.Popen(argv, cwd=cwd, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.messages = queue.Queue()
        self.notifications = []  # Everything without an id, in order.
        self.responses = {}
        self.next_id = 1
        self.stderr = []
        self.bad_frames = []
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self._err = threading.Thread(target=self._read_stderr, daemon=True)
        self._err.start()

    # -- wire ---------------------------------------------------------------
    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.messages.put(None)
                    return
                line = line.rstrip(b"\r\n")
                if not line:
                    break
                if b":" not in line:
                    self.bad_frames.append(line)
                    continue
                name, value = line.split(b":", 1)
                headers[name.strip().lower()] = value.strip()
            length = int(headers[b"content-length"])
            body = out.read(length)
            self.messages.put(json.loads(body.decode("utf-8")))

    def _read_stderr(self):
        for line in self.proc.stderr:
            self.stderr.append(line.decode("utf-8", "replace"))

    def _pump(self, timeout):
        msg = self.messages.get(timeout=timeout)
        if msg is None:
            raise EOFError("server closed stdout")
        if "id" in msg and "method" not in msg:
            self.responses[msg["id"]] = msg
        else:
            self.notifications.append(msg)
        return msg

    # -- protocol -----------------------------------------------------------
    def request(self, method, params, timeout=60):
        rid = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": rid, "method": method,
                   "params": params})
        return self.response(rid, timeout)

    def response(self, rid, timeout=60):
        deadline = time.monotonic() + timeout
        while rid not in self.responses:
            self._pump(max(0.01, deadline - time.monotonic()))
        return self.responses.pop(rid)

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_notification(self, predicate, timeout=60):
        """The first notification (not yet consumed) satisfying predicate;
        notifications before it stay in self.notifications."""
        deadline = time.monotonic() + timeout
        start = 0
        while True:
            for i in range(start, len(self.notifications)):
                if predicate(self.notifications[i]):
                    return self.notifications.pop(i)
            start = len(self.notifications)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError("no matching notification; got %r\nstderr:\n%s"
                                   % (self.notifications, "".join(self.stderr)))
            try:
                self._pump(remaining)
            except queue.Empty:
                pass

    def wait_stderr(self, needle, since=0, timeout=60):
        """The first line of stderr from line `since` on containing needle,
        or None after timeout: stderr is read by its own thread, so a line
        the server wrote before its last stdout message may not be here
        yet."""
        deadline = time.monotonic() + timeout
        while True:
            for line in self.stderr[since:]:
                if needle in line:
                    return line
            if time.monotonic() >= deadline or self.proc.poll() is not None:
                return None
            time.sleep(0.01)

    def drain(self, seconds):
        """Collects whatever the server sends during the next seconds."""
        deadline = time.monotonic() + seconds
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return
            try:
                self._pump(remaining)
            except queue.Empty:
                return

    def diagnostics(self, path, timeout=60):
        """The next publishDiagnostics for path: (params, seconds waited)."""
        start = time.monotonic()
        msg = self.wait_notification(
            lambda m: m.get("method") == "textDocument/publishDiagnostics"
            and m["params"]["uri"] == uri(path), timeout)
        return msg["params"], time.monotonic() - start

    def initialize(self, root, capabilities=None):
        caps = capabilities if capabilities is not None else {
            "textDocument": {"publishDiagnostics": {"relatedInformation": True}},
            "workspace": {"workspaceEdit": {"documentChanges": True}},
        }
        result = self.request("initialize", {
            "processId": os.getpid(), "rootUri": uri(root),
            "capabilities": caps})
        self.notify("initialized", {})
        return result

    def open(self, path, version=1, text=None):
        if text is None:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": uri(path), "languageId": "cpp", "version": version,
            "text": text}})

    def shutdown(self, timeout=30):
        response = self.request("shutdown", None)
        self.notify("exit", None)
        self.proc.stdin.close()
        status = self.proc.wait(timeout)
        self._err.join(timeout)  # All of stderr is in self.stderr now.
        return response, status

    def kill(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


# -- positions and edits (UTF-16, as LSP counts) -------------------------------
def utf16_len(text):
    return len(text.encode("utf-16-le")) // 2


def position_of(text, index):
    """LSP position of Python string index (code points) in text."""
    line = text.count("\n", 0, index)
    line_start = text.rfind("\n", 0, index) + 1
    return {"line": line, "character": utf16_len(text[line_start:index])}


def index_of(text, position):
    lines = text.split("\n")
    offset = sum(len(l) + 1 for l in lines[:position["line"]])
    line = lines[position["line"]] if position["line"] < len(lines) else ""
    units = 0
    i = 0
    while i < len(line) and units < position["character"]:
        units += utf16_len(line[i])
        i += 1
    return offset + i


def apply_edits(text, edits):
    """Applies TextEdits (non-overlapping, all relative to text)."""
    spans = sorted(((index_of(text, e["range"]["start"]),
                     index_of(text, e["range"]["end"]), e["newText"])
                    for e in edits), reverse=True)
    for begin, end, new in spans:
        text = text[:begin] + new + text[end:]
    return text


def workspace_edit_files(edit):
    """{path: [TextEdit]} from a WorkspaceEdit (changes or documentChanges)."""
    files = {}
    for change in edit.get("documentChanges", []):
        files.setdefault(path_of(change["textDocument"]["uri"]), []).extend(
            change["edits"])
    for u, edits in edit.get("changes", {}).items():
        files.setdefault(path_of(u), []).extend(edits)
    return files
