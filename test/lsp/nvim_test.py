#!/usr/bin/python3
"""A real editor as the client of `relcheck lsp`: Debian's Neovim 0.7,
headless, with the configuration docs/editor.md gives for it.

On a copy of examples/shop: open models/customer.hpp, wait for relcheck's
diagnostics, request the "fix all" code action and apply its workspace
edit, save every buffer, wait until the header's diagnostics are gone.
The header must then equal what `relcheck --fix` writes on another copy.
The editor's copy also lists a source whose command relcheck refuses (a
response file that is /dev/null): Neovim's own window/showMessage handler
must receive the warning naming it, and its lsp.log the logged problem.

Usage: nvim_test.py --relcheck BIN --source-dir DIR [--nvim nvim]
Exit 77 (skipped) when nvim is not installed.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

DRIVER = r"""
local result = { before = -1, after = -1, actions = 0 }
local function finish()
  local f = io.open(os.getenv('RELCHECK_NVIM_RESULT'), 'w')
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd('qall!')
end
local ok, err = pcall(function()
  local buf = vim.api.nvim_get_current_buf()
  vim.wait(120000, function() return #vim.diagnostic.get(buf) > 0 end, 50)
  result.before = #vim.diagnostic.get(buf)
  local client = vim.lsp.get_active_clients()[1]
  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = { start = { line = 0, character = 0 },
              ['end'] = { line = vim.api.nvim_buf_line_count(buf), character = 0 } },
    context = { diagnostics = {}, only = { 'source.fixAll.relcheck' } },
  }
  local responses = vim.lsp.buf_request_sync(buf, 'textDocument/codeAction',
                                             params, 120000)
  for _, response in pairs(responses or {}) do
    for _, action in ipairs(response.result or {}) do
      if action.edit then
        vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
        result.actions = result.actions + 1
      end
    end
  end
  vim.cmd('silent wall')
  vim.wait(120000, function() return #vim.diagnostic.get(buf) == 0 end, 50)
  result.after = #vim.diagnostic.get(buf)
end)
if not ok then result.error = tostring(err) end
vim.wait(60000, function() return #RELCHECK_SHOWN > 0 end, 50)
result.shown = RELCHECK_SHOWN
finish()
"""

# Installed before the documented configuration starts the client, so that
# no message can come before it: records what reaches Neovim's own handler.
RECORD_SHOWN = r"""
RELCHECK_SHOWN = {}
local show = vim.lsp.handlers['window/showMessage']
vim.lsp.handlers['window/showMessage'] = function(err, result, ctx, config)
  table.insert(RELCHECK_SHOWN, result)
  return show(err, result, ctx, config)
end
"""


def copy_shop(source_dir, root):
    os.makedirs(os.path.join(root, "examples"))
    shutil.copytree(os.path.join(source_dir, "examples", "shop"),
                    os.path.join(root, "examples", "shop"))
    os.makedirs(os.path.join(root, "lib"))
    os.symlink(os.path.join(source_dir, "lib", "include"),
               os.path.join(root, "lib", "include"))
    shop = os.path.join(root, "examples", "shop")
    with open(os.path.join(shop, "compile_commands.json.in")) as f:
        text = f.read().replace("@DIR@", root)
    with open(os.path.join(shop, "compile_commands.json"), "w") as f:
        f.write(text)
    return shop


def documented_config(source_dir, relcheck):
    """The Neovim 0.7 block of docs/editor.md, with this build's binary."""
    with open(os.path.join(source_dir, "docs", "editor.md")) as f:
        doc = f.read()
    m = re.search(r"<!-- nvim-0.7-config:[^>]*-->\n```lua\n(.*?)```", doc, re.S)
    if not m:
        raise SystemExit("FAIL: docs/editor.md has no Neovim 0.7 block")
    return m.group(1).replace("/opt/relcheck/bin/relcheck", relcheck)


def add_refused_entry(shop):
    """A source whose compile command relcheck refuses; its path."""
    source = os.path.join(shop, "left_out.cpp")
    with open(source, "w") as f:
        f.write("\n")
    database = os.path.join(shop, "compile_commands.json")
    with open(database) as f:
        entries = json.load(f)
    entries.append({"directory": shop, "file": source,
                    "arguments": ["clang++-19", "@/dev/null", "-c", source]})
    with open(database, "w") as f:
        json.dump(entries, f, indent=1)
    return source


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--relcheck", required=True)
    p.add_argument("--source-dir", required=True)
    p.add_argument("--include")  # Accepted for relcheck_add_python_tests.
    p.add_argument("--nvim", default="nvim")
    p.add_argument("name", nargs="?")
    args = p.parse_args()
    nvim = shutil.which(args.nvim)
    if not nvim:
        print("SKIP: %s is not installed" % args.nvim)
        return 77
    relcheck = os.path.realpath(args.relcheck)
    with tempfile.TemporaryDirectory(prefix="relcheck-nvim-") as tmp:
        shop = copy_shop(args.source_dir, os.path.join(tmp, "editor"))
        left_out = add_refused_entry(shop)
        fixed = copy_shop(args.source_dir, os.path.join(tmp, "cli"))
        subprocess.run([relcheck, "-p", fixed, "--no-cache", "--fix",
                        "--quiet"], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        init = os.path.join(tmp, "init.lua")
        with open(init, "w") as f:
            f.write(RECORD_SHOWN + documented_config(args.source_dir, relcheck))
        driver = os.path.join(tmp, "driver.lua")
        with open(driver, "w") as f:
            f.write(DRIVER)
        header = os.path.join(shop, "models", "customer.hpp")
        result_file = os.path.join(tmp, "result.json")
        env = dict(os.environ, RELCHECK_NVIM_RESULT=result_file,
                   RELCHECK_CACHE_DIR=os.path.join(tmp, "cache"),
                   XDG_STATE_HOME=tmp, XDG_DATA_HOME=tmp, XDG_CONFIG_HOME=tmp,
                   XDG_CACHE_HOME=tmp)
        r = subprocess.run([nvim, "--headless", "-n", "-i", "NONE", "-u", init,
                            header, "-c", "luafile " + driver], cwd=shop,
                           env=env, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=600)
        log = r.stdout.decode("utf-8", "replace")
        if not os.path.exists(result_file):
            print(log)
            print("FAIL: Neovim wrote no result (exit %d)" % r.returncode)
            return 1
        with open(result_file) as f:
            result = json.load(f)
        print("Neovim: %r" % result)
        with open(header) as f:
            edited = f.read()
        with open(os.path.join(fixed, "models", "customer.hpp")) as f:
            expected = f.read()
        lsp_log = os.path.join(tmp, "nvim", "lsp.log")
        logged = open(lsp_log).read() if os.path.exists(lsp_log) else ""
    problems = []
    if result.get("error"):
        problems.append("error in the driver: %s" % result["error"])
    if result["before"] != 2:
        problems.append("diagnostics on open: %d, expected 2" % result["before"])
    if result["actions"] != 1:
        problems.append("fix-all actions applied: %d" % result["actions"])
    if result["after"] != 0:
        problems.append("diagnostics after the fix and save: %d"
                        % result["after"])
    if edited != expected:
        problems.append("the saved header differs from relcheck --fix's:\n"
                        "--- editor\n%s\n--- relcheck --fix\n%s"
                        % (edited, expected))
    refused = "the entry for '%s'" % left_out
    shown = result.get("shown") or []
    if [m.get("type") for m in shown] != [2] or \
            refused not in shown[0].get("message", ""):
        problems.append("window/showMessage: %r, expected one warning naming "
                        "%s" % (shown, left_out))
    # window/logMessage warnings are [WARN] entries (stderr is [ERROR]).
    if not any(line.startswith("[WARN]") and refused in line
               and "is not a regular file" in line
               for line in logged.splitlines()):
        problems.append("Neovim's lsp.log has no [WARN] entry for the refused "
                        "command:\n%s" % logged[-2000:])
    # Neovim logs each chunk it reads from the server's stderr as an entry;
    # whole lines come in one write each, so no entry ends mid-line.
    chunks = [line for line in logged.splitlines() if '"stderr"\t' in line]
    # vim.inspect quotes a chunk with ' when it holds a " and no '.
    broken = [c for c in chunks if not re.search(r'\\n["\']$', c)]
    if not chunks or broken:
        problems.append("%d of %d stderr entries in lsp.log end mid-line: %s"
                        % (len(broken), len(chunks), "\n".join(broken[:5])))
    for problem in problems:
        print("FAIL: " + problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
