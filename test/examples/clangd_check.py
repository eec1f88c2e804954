#!/usr/bin/python3
"""clangd works on model classes: `clangd-19 --check` on a model header
reports no failure, as on a plain struct (its code actions, such as adding
a constructor or the special members, refused model classes with "Class
body in wrong file" while the member macros were GNU attributes).

Usage: clangd_check.py --include DIR [--clangd clangd-19]
Exit 77 (skipped) when clangd-19 is not installed.
"""

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile

MODEL = """#pragma once
#include <relcheck/orm.hpp>
#include <string>
#include <vector>

struct Address;

struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(String(50)) std::string name;
  ORM_RELATIONSHIP("Address", back_populates="user")
  std::vector<Address*> addresses;
};
"""


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--include", required=True)
    p.add_argument("--clangd", default="clangd-19")
    args = p.parse_args()
    clangd = shutil.which(args.clangd)
    if not clangd:
        print("SKIP: %s is not installed" % args.clangd)
        return 77
    with tempfile.TemporaryDirectory(prefix="relcheck-clangd-") as tmp:
        header = os.path.join(tmp, "user.hpp")
        with open(header, "w") as f:
            f.write(MODEL)
        with open(os.path.join(tmp, "compile_flags.txt"), "w") as f:
            f.write("-xc++\n-std=c++17\n-I%s\n" % args.include)
        r = subprocess.run([clangd, "--check=" + header], cwd=tmp,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=300)
        log = r.stdout.decode("utf-8", "replace")
    failures = [l for l in log.splitlines() if "FAIL" in l]
    summary = re.search(r"All checks completed, (\d+) errors", log)
    if failures or not summary or summary.group(1) != "0":
        print(log)
        print("FAIL: clangd --check on a model header: %d failures"
              % len(failures))
        return 1
    print("PASS: clangd --check on a model header: no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
