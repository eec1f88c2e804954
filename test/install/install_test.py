#!/usr/bin/python3
"""relcheck as it is installed (docs/install.md): one ctest per test_<name>.

Usage: install_test.py --relcheck BIN --include DIR --source-dir DIR
         --build-dir DIR --prefix DIR --cmake BIN --cpack BIN --cxx BIN
         --clang-tidy BIN --readelf BIN --groff BIN --bash BIN --zsh BIN
         --dpkg-deb BIN --apt-get BIN NAME

install/prefix (the ctest fixture the others need) runs
`cmake --install --strip` into --prefix; the others check that tree: its
layout, stripped binaries, --print-plugin-path, the plugin in clang-tidy,
the man page and the completions against --help (and in bash and zsh), and a consumer project
using find_package(relcheck). install/debian-package builds the .deb with
cpack, unpacks it into a throwaway root and runs the relcheck in it.
"""

import atexit
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.realpath(__file__)),
                                os.pardir, "support"))
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import check, check_eq, read, run, write  # noqa: E402

ARGS = None
# ctest's SKIP_RETURN_CODE of install/clean_root (not root).
SKIPPED = 77

# The tree `cmake --install` writes, relative to the prefix (docs are many
# files: share/doc/relcheck is checked by a few of them).
LAYOUT = [
    "bin/relcheck",
    "bin/relcheck-clang-tidy",
    "include/relcheck/orm.hpp",
    "lib/relcheck/relcheck-tidy.so",
    "lib/cmake/relcheck/relcheckConfig.cmake",
    "lib/cmake/relcheck/relcheckConfigVersion.cmake",
    "lib/cmake/relcheck/relcheckTargets.cmake",
    "share/man/man1/relcheck.1",
    "share/man/man1/relcheck-clang-tidy.1",
    "share/bash-completion/completions/relcheck",
    "share/zsh/site-functions/_relcheck",
    "share/doc/relcheck/README.md",
    "share/doc/relcheck/LICENSE",
    "share/doc/relcheck/cli.md",
    "share/doc/relcheck/install.md",
    "share/doc/relcheck/rules/legacy-backref.md",
]

BACKREF_MODEL = """#include <relcheck/orm.hpp>
#include <vector>
struct Address;
struct ORM_MODEL("user") User {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_RELATIONSHIP("Address", backref="owner") std::vector<Address*> addresses;
};
struct ORM_MODEL("address") Address {
  ORM_COLUMN(Integer, primary_key=True) int id;
  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;
};
"""
CLEAN_MODEL = BACKREF_MODEL.replace(
    'backref="owner") std::vector<Address*> addresses;',
    'back_populates="owner") std::vector<Address*> addresses;').replace(
    '  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;\n',
    '  ORM_COLUMN(Integer, ForeignKey("user.id")) int user_id;\n'
    '  ORM_RELATIONSHIP("User", back_populates="addresses") User* owner;\n')


def installed(path):
    return os.path.join(ARGS.prefix, path)


def help_option_names(text):
    """As test/cli: the option names of an llvm::cl --help."""
    return set(re.findall(r"^  (-{1,2}[A-Za-z][\w-]*)", text, re.M))


def check_stripped(path):
    sections = run([ARGS.readelf, "-S", "-W", path])
    check_eq(sections.rc, 0, "readelf -S %s" % path, sections)
    for section in (".debug_info", ".symtab"):
        check(" %s " % section not in sections.out,
              "%s keeps %s: not stripped" % (path, section), sections)


def test_prefix():
    shutil.rmtree(ARGS.prefix, ignore_errors=True)
    result = run([ARGS.cmake, "--install", ARGS.build_dir, "--prefix", ARGS.prefix,
                  "--strip"], timeout=120)
    check_eq(result.rc, 0, "cmake --install --strip", result)


def test_layout():
    for path in LAYOUT:
        check(os.path.isfile(installed(path)), "%s is installed" % path)
    check(not os.path.exists(installed("bin/relcheck-tidy.so")),
          "the plugin is not in bin/ any more")
    check_stripped(installed("bin/relcheck"))
    check_stripped(installed("lib/relcheck/relcheck-tidy.so"))
    check(os.path.getsize(installed("bin/relcheck")) < 80 * 1024 * 1024,
          "bin/relcheck is %d bytes" % os.path.getsize(installed("bin/relcheck")))


def test_print_plugin_path():
    relcheck = installed("bin/relcheck")
    result = run([relcheck, "--print-plugin-path"])
    check_eq((result.rc, result.out, result.err),
             (0, installed("lib/relcheck/relcheck-tidy.so") + "\n", ""),
             "installed --print-plugin-path", result)
    built = harness.relcheck("--print-plugin-path")
    check_eq((built.rc, built.out),
             (0, os.path.join(os.path.dirname(ARGS.relcheck), "relcheck-tidy.so") + "\n"),
             "the build tree's --print-plugin-path", built)
    # A copy of the binary with no plugin anywhere near it says so.
    lonely = os.path.join(harness.tmpdir("relcheck-install-"), "bin", "relcheck")
    os.makedirs(os.path.dirname(lonely))
    os.symlink(relcheck, lonely + "-link")  # symlinks resolve to the real prefix
    check_eq(run([lonely + "-link", "--print-plugin-path"]).out, result.out,
             "a symlink to the binary finds the plugin of the real prefix")
    shutil.copy(relcheck, lonely)
    missing = run([lonely, "--print-plugin-path"])
    check_eq(missing.rc, 2, "no plugin: exit 2", missing)
    check(missing.err.startswith("relcheck: error: the clang-tidy plugin "
                                 "relcheck-tidy.so is not installed (looked for '"),
          "the error names where it looked", missing)


def test_plugin_loads_from_printed_path():
    work = harness.tmpdir("relcheck-install-")
    model = write(os.path.join(work, "models.cpp"), BACKREF_MODEL)
    plugin = run([installed("bin/relcheck"), "--print-plugin-path"]).out.strip()
    compile_args = ["--", "-std=c++17", "-I" + installed("include")]
    for command in ([ARGS.clang_tidy, "--load=" + plugin],
                    [installed("bin/relcheck-clang-tidy")]):
        result = run(command + ["-checks=-*,relcheck-*", model] + compile_args,
                     cwd=work)
        check("models.cpp:6:31: warning: " in result.out
              and "[relcheck-legacy-backref]" in result.out,
              "%s reports the backref" % command[0], result)
    result = run([installed("bin/relcheck"), "--no-cache", model] + compile_args)
    check_eq(result.rc, 1, "the installed relcheck with the installed header", result)
    check("[relcheck-legacy-backref]" in result.out, "its finding", result)


def man_page_options(text):
    options = text[text.index(".SH OPTIONS"):]
    options = options[:options.index("\n.SH ", 1)]
    return set(re.findall(r"^\.B (\\-(?:\\-)?[A-Za-z][\w\\-]*)", options, re.M))


def test_man_page_matches_help():
    page = installed("share/man/man1/relcheck.1")
    text = read(page)
    shown = run([installed("bin/relcheck"), "--help"])
    check_eq(shown.rc, 0, "--help", shown)
    in_man = {name.replace("\\-", "-") for name in man_page_options(text)}
    check(len(in_man) > 25, "options parsed from the man page: %r" % sorted(in_man))
    check_eq(sorted(in_man), sorted(help_option_names(shown.out)),
             "the man page's OPTIONS are --help's")
    check(".TH RELCHECK 1 " in text and "relcheck %s" % ARGS.version in text,
          "title and version", None)
    rendered = run([ARGS.groff, "-man", "-Tascii", "-ww", page],
                   timeout=60)
    check_eq((rendered.rc, rendered.err), (0, ""), "groff renders it without warnings",
             rendered)
    flat = " ".join(re.sub(r".\x08", "", rendered.out).split())
    tidy_page = installed("share/man/man1/relcheck-clang-tidy.1")
    tidy = run([ARGS.groff, "-man", "-Tascii", "-ww", tidy_page], timeout=60)
    check_eq((tidy.rc, tidy.err), (0, ""), "groff renders relcheck-clang-tidy.1", tidy)
    check("relcheck-clang-tidy - clang-tidy 19 with the relcheck plugin loaded"
          in re.sub(r".\x08", "", tidy.out), "relcheck-clang-tidy(1)'s NAME", tidy)
    for line in shown.out.splitlines():
        match = re.match(r"^  -\S*\s+- (.*)$", line)
        if match:
            check(" ".join(match.group(1).split()) in flat,
                  "the man page says %r" % match.group(1), rendered)


def bash_complete(*words):
    """COMPREPLY of the installed bash completion for the command line
    `words` (the last one is being completed), split as bash splits it
    (COMP_WORDBREAKS holds '=')."""
    split = []
    for word in words:
        parts = re.split(r"(=)", word)
        split.extend(p for p in parts if p != "")
    if words[-1] == "":
        split.append("")
    script = ('source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); '
              '_relcheck; printf "%s\\n" "${COMPREPLY[@]}"')
    result = run([ARGS.bash, "-c", script, "bash",
                  installed("share/bash-completion/completions/relcheck"),
                  "relcheck"] + split)
    check_eq((result.rc, result.err), (0, ""), "bash completion of %r" % (words,),
             result)
    return [line for line in result.out.splitlines() if line]


def test_completions_match_help():
    help_names = help_option_names(run([installed("bin/relcheck"), "--help"]).out)
    offered = {w.rstrip("=") for w in bash_complete("-")}
    check_eq(sorted(offered), sorted(help_names), "bash offers --help's options")
    check_eq(bash_complete("--form"), ["--format="], "--form completes")
    check_eq(bash_complete("--format=j"), ["json"], "--format values")
    check_eq(bash_complete("--fail-on="), ["error", "warning"], "--fail-on values")
    check_eq(bash_complete("graph", "--format="), ["dot", "mermaid"],
             "graph --format values")
    check_eq(bash_complete("gra"), ["graph"], "subcommands first")
    work = harness.tmpdir("relcheck-install-")
    os.makedirs(os.path.join(work, "build-dir"))
    write(os.path.join(work, "build-file"), "")
    check_eq(bash_complete("-p", os.path.join(work, "build")),
             [os.path.join(work, "build-dir")], "-p completes directories only")
    graph_names = help_option_names(run([installed("bin/relcheck"), "graph",
                                         "--help"]).out)
    offered = {w.rstrip("=") for w in bash_complete("graph", "-")}
    check_eq(sorted(offered - {"--format"}), sorted(graph_names),
             "bash offers graph --help's options after graph")

    zsh = read(installed("share/zsh/site-functions/_relcheck"))
    check(zsh.startswith("#compdef relcheck\n"), "zsh #compdef line")
    main = zsh[zsh.rindex("_arguments"):]
    specs = set(re.findall(r"^    '(-{1,2}[A-Za-z][\w-]*)", main, re.M))
    check_eq(sorted(specs), sorted(help_names), "zsh offers --help's options")


# Drives an interactive zsh (zsh/zpty): loads the installed completion with
# compinit, types $3 and a Tab, prints what the terminal shows.
ZSH_DRIVER = r"""
zmodload zsh/zpty
zpty -b z "zsh -f -i"
zpty -w z "fpath=($1 \$fpath); autoload -Uz compinit; compinit -u -D; \
PS1='READY> '; LISTMAX=1000; path=($2 \$path)"
zpty -w -n z "$3"$'\t'
# Until the prompt has shown and nothing more came for a second (at most 20 s).
out="" quiet=0
for i in {1..200}; do
  sleep 0.1
  if zpty -r -t z chunk; then
    out+=$chunk quiet=0
    while zpty -r -t z chunk; do out+=$chunk; done
  else
    (( quiet++ ))
  fi
  # The prompt itself, not its echo in PS1='READY> '.
  [[ $out == *"READY> "$'\e'* ]] && (( quiet >= 10 )) && break
done
print -r -- "$out"
zpty -d z
"""


def zsh_complete(line):
    """What zsh shows after typing `line` and a Tab: the edited line and the
    listed matches, without terminal escapes."""
    result = run([ARGS.zsh, "-f", "-c", ZSH_DRIVER, "zsh",
                  installed("share/zsh/site-functions"), installed("bin"), line],
                 timeout=30)
    check_eq(result.rc, 0, "zsh completion of %r" % line, result)
    shown = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", result.out)
    shown = re.sub(r"[\x00-\x08\x0b-\x1f]", " ", shown)
    check("READY> " in shown, "the zsh prompt appeared", result)
    return shown[shown.rindex("READY> "):]


def test_completions_work_in_zsh():
    check("relcheck --format=" in zsh_complete("relcheck --form"),
          "--form completes to --format=")
    values = zsh_complete("relcheck --format=").split()
    for value in ("codequality", "json", "rdjsonl", "sarif", "text"):
        check(value in values, "--format= lists %s: %r" % (value, values))
    values = zsh_complete("relcheck graph --format=").split()
    check("dot" in values and "mermaid" in values and "json" not in values,
          "graph --format= lists dot and mermaid: %r" % values)


CONSUMER_CMAKE = """cmake_minimum_required(VERSION 3.20)
project(consumer LANGUAGES CXX)
set(CMAKE_EXPORT_COMPILE_COMMANDS ON)
find_package(relcheck 0.1 CONFIG REQUIRED)
add_library(models STATIC models.cpp)
target_compile_features(models PUBLIC cxx_std_17)
target_link_libraries(models PUBLIC relcheck::orm)
relcheck_add_check(relcheck-check ARGS --no-cache)
"""


def test_consumer_project():
    work = harness.tmpdir("relcheck-consumer-")
    source = os.path.join(work, "src")
    build = os.path.join(work, "build")
    write(os.path.join(source, "CMakeLists.txt"), CONSUMER_CMAKE)
    write(os.path.join(source, "models.hpp"), CLEAN_MODEL)
    write(os.path.join(source, "models.cpp"), '#include "models.hpp"\n')
    configured = run([ARGS.cmake, "-S", source, "-B", build, "-G", "Ninja",
                      "-DCMAKE_CXX_COMPILER=" + ARGS.cxx,
                      "-DCMAKE_PREFIX_PATH=" + ARGS.prefix], timeout=120)
    check_eq(configured.rc, 0, "the consumer configures", configured)
    cache = read(os.path.join(build, "CMakeCache.txt"))
    check("relcheck_DIR:PATH=%s" % installed("lib/cmake/relcheck") in cache,
          "find_package found the installed package", configured)
    built = run([ARGS.cmake, "--build", build], timeout=120)
    check_eq(built.rc, 0, "the consumer builds", built)
    commands = json.loads(read(os.path.join(build, "compile_commands.json")))
    check("-isystem %s" % installed("include") in commands[0]["command"]
          or "-I%s" % installed("include") in commands[0]["command"],
          "relcheck::orm adds the installed include directory", built)

    clean = run([ARGS.cmake, "--build", build, "--target", "relcheck-check",
                 "--verbose"], timeout=120)
    check_eq(clean.rc, 0, "the check passes on a clean model", clean)
    check("%s -p %s --no-cache" % (installed("bin/relcheck"), build) in clean.out,
          "the check ran the installed relcheck over the build's database", clean)
    write(os.path.join(source, "models.hpp"), BACKREF_MODEL)
    found = run([ARGS.cmake, "--build", build, "--target", "relcheck-check"],
                timeout=120)
    check(found.rc != 0, "the check fails the build on a finding", found)
    check(re.search(r"%s:6:31: warning: 'User\.addresses' uses the legacy backref= "
                    r".*\[relcheck-legacy-backref\]"
                    % re.escape(os.path.join(source, "models.hpp")), found.out)
          is not None, "the finding is reported", found)

    # Without a compilation database there is nothing to check: say so.
    write(os.path.join(source, "CMakeLists.txt"), CONSUMER_CMAKE.replace(
        "set(CMAKE_EXPORT_COMPILE_COMMANDS ON)\n", ""))
    refused = run([ARGS.cmake, "-S", source, "-B", os.path.join(work, "no-db"),
                   "-G", "Ninja", "-DCMAKE_CXX_COMPILER=" + ARGS.cxx,
                   "-DCMAKE_PREFIX_PATH=" + ARGS.prefix], timeout=120)
    check(refused.rc != 0 and "set CMAKE_EXPORT_COMPILE_COMMANDS to ON"
          in " ".join(refused.err.split()),
          "relcheck_add_check without CMAKE_EXPORT_COMPILE_COMMANDS", refused)


def check_copyright(text):
    """/usr/share/doc/relcheck/copyright is machine-readable (DEP-5): a
    header paragraph, Files paragraphs whose every License has its text in
    a stand-alone License paragraph, and the licence of LICENSE."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p]
    fields = []
    for paragraph in paragraphs:
        field = {}
        for line in paragraph.splitlines():
            if line.startswith((" ", "\t")):
                check(bool(field), "a continuation line after a field: %r" % line)
                continue
            match = re.match(r"^([A-Za-z-]+):(.*)$", line)
            check(match is not None, "a field line: %r" % line)
            field[match.group(1)] = match.group(2).strip()
        fields.append(field)
    check_eq(fields[0].get("Format"),
             "https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/",
             "the header paragraph's Format")
    check_eq(fields[0].get("Upstream-Name"), "relcheck", "Upstream-Name")
    files = [f for f in fields[1:] if "Files" in f]
    licenses = {f["License"] for f in fields[1:] if "Files" not in f}
    check(any(f["Files"] == "*" for f in files), "a Files: * paragraph")
    for paragraph in files:
        check("Copyright" in paragraph and paragraph.get("License") in licenses,
              "Files: %s has a Copyright and a License with its text"
              % paragraph["Files"])
    check_eq(sorted(licenses), ["Apache-2.0 WITH LLVM-exception"], "the licence")
    check("LLVM Exceptions to the Apache 2.0 License" in text
          and "/usr/share/common-licenses/Apache-2.0" in text,
          "the exceptions' text and the path of Apache-2.0")
    license_text = read(os.path.join(ARGS.source_dir, "LICENSE"))
    check("Apache License\n                           Version 2.0, January 2004"
          in license_text and "---- LLVM Exceptions to the Apache 2.0 License ----"
          in license_text, "LICENSE is Apache-2.0 with the LLVM exceptions")


# What lintian may say about the package and why it is left (docs/install.md).
LINTIAN_ACCEPTED = {
    # cpack adds `ldconfig` to postinst and postrm for the plugin under
    # /usr/lib/relcheck, and has no option to leave it out.
    "maintscript-calls-ldconfig",
}


def check_lintian(deb):
    result = run([ARGS.lintian, "--tag-display-limit", "0", deb], timeout=300)
    tags = re.findall(r"^([EWIPX]): relcheck[^:]*: (\S+)", result.out, re.M)
    print("lintian: %s" % (" ".join("%s:%s" % t for t in tags) or "nothing"))
    check_eq([t for t in tags if t[0] == "E"], [], "lintian reports no error", result)
    check_eq(sorted({t[1] for t in tags if t[0] == "W"} - LINTIAN_ACCEPTED), [],
             "lintian's warnings are the accepted ones", result)


def built_deb():
    """The .deb install/debian_package built into --deb-dir (the fixture
    relcheck-deb)."""
    debs = glob.glob(os.path.join(ARGS.deb_dir, "*.deb"))
    check_eq(len(debs), 1, "one .deb in %s" % ARGS.deb_dir)
    return debs[0]


def test_debian_package():
    work = harness.tmpdir("relcheck-deb-")
    shutil.rmtree(ARGS.deb_dir, ignore_errors=True)
    os.makedirs(ARGS.deb_dir)
    packed = run([ARGS.cpack, "--config", os.path.join(ARGS.build_dir, "CPackConfig.cmake"),
                  "-G", "DEB", "-B", work], cwd=work, timeout=300)
    check_eq(packed.rc, 0, "cpack -G DEB", packed)
    debs = glob.glob(os.path.join(work, "*.deb"))
    check_eq(len(debs), 1, "one .deb in %s" % os.listdir(work), packed)
    deb = shutil.copy(debs[0], ARGS.deb_dir)
    depends = run([ARGS.dpkg_deb, "--field", deb, "Depends"]).out.strip()
    print("Depends: %s\nsize: %d bytes" % (depends, os.path.getsize(deb)))
    packages = [d.split()[0] for d in depends.split(", ")]
    for needed in ("libc6", "libllvm19", "libstdc++6", "libclang-common-19-dev"):
        check(needed in packages, "Depends names %s: %s" % (needed, depends))
    # Clang's resource headers are the one -dev package (see
    # cmake/RelcheckInstall.cmake); no library's -dev package.
    check_eq([p for p in packages if p.endswith("-dev")], ["libclang-common-19-dev"],
             "the only -dev dependency")

    # apt resolves its Depends against Debian 12's packages (a dry run).
    simulated = run([ARGS.apt_get, "--simulate", "install", deb], timeout=60)
    check(simulated.rc == 0 and "Inst relcheck (%s " % ARGS.version in simulated.out,
          "apt-get --simulate install of the package", simulated)
    control = run([ARGS.dpkg_deb, "--field", deb, "Description"]).out
    check("\n  " not in control, "Description continuation lines", None)

    root = os.path.join(work, "root")
    unpacked = run([ARGS.dpkg_deb, "-x", deb, root])
    check_eq(unpacked.rc, 0, "dpkg-deb -x", unpacked)
    relcheck = os.path.join(root, "usr", "bin", "relcheck")
    plugin = os.path.join(root, "usr", "lib", "relcheck", "relcheck-tidy.so")
    check_stripped(relcheck)
    check_stripped(plugin)
    for path in ("usr/share/man/man1/relcheck.1.gz",
                 "usr/share/man/man1/relcheck-clang-tidy.1.gz",
                 "usr/include/relcheck/orm.hpp",
                 "usr/share/bash-completion/completions/relcheck",
                 "usr/share/zsh/vendor-completions/_relcheck",  # Debian's zsh
                 "usr/lib/cmake/relcheck/relcheckConfig.cmake",
                 "usr/share/doc/relcheck/rules/legacy-backref.md"):
        check(os.path.isfile(os.path.join(root, path)), "the package has /%s" % path)
    check(not os.path.exists(os.path.join(root, "usr/share/zsh/site-functions")),
          "no /usr/share/zsh/site-functions, which Debian's zsh does not read")
    copyright_file = os.path.join(root, "usr/share/doc/relcheck/copyright")
    check(os.path.isfile(copyright_file), "the package has a copyright file")
    check_copyright(read(copyright_file))
    check(os.path.isfile(os.path.join(root, "usr/share/doc/relcheck/changelog.gz")),
          "the package has a changelog.gz (native package)")
    check_lintian(deb)
    printed = run([relcheck, "--print-plugin-path"])
    check_eq((printed.rc, printed.out), (0, plugin + "\n"), "--print-plugin-path",
             printed)

    # examples/shop, as its README runs it, with the packaged header.
    template = read(os.path.join(ARGS.source_dir, "examples", "shop",
                                 "compile_commands.json.in"))
    database = template.replace("-I@DIR@/lib/include",
                                "-I" + os.path.join(root, "usr", "include"))
    database = database.replace("@DIR@", ARGS.source_dir)
    check("@DIR@/lib/include" in template and "/lib/include" not in database,
          "the database uses the packaged header")
    write(os.path.join(work, "shop", "compile_commands.json"), database)
    shop = run([relcheck, "--no-cache", "-p", os.path.join(work, "shop")])
    check_eq(shop.rc, 1, "relcheck on examples/shop: findings", shop)
    rules = re.findall(r"^/\S+: (?:warning|error): .*\[(relcheck-[a-z-]+)\]$",
                       shop.out, re.M)
    check_eq(sorted(rules), ["relcheck-back-populates-mismatch",
                             "relcheck-legacy-backref",
                             "relcheck-one-way-filtered-collection"],
             "the example's three deliberate findings", shop)
    check_eq(shop.err, "2 warnings and 1 error generated.\n", "summary", shop)


# The clean Debian 12 root: `mmdebstrap --variant=apt` (Essential and
# Priority: required packages, and apt) to a tarball, cached in --cache-dir
# and made again when it is older than a week or missing.
DEBIAN_SOURCES = [
    "deb http://deb.debian.org/debian bookworm main",
    "deb http://deb.debian.org/debian bookworm-updates main",
    "deb http://deb.debian.org/debian-security bookworm-security main",
]
ROOT_MAX_AGE = 7 * 24 * 3600
# Where examples/shop goes in the root, and the packages its build needs
# there: relcheck parses with the project's C++ standard library, which a
# project's build machine has and the package rightly does not depend on.
ROOT_SHOP = "/srv/relcheck/examples/shop"
PROJECT_TOOLCHAIN = ["libstdc++-12-dev"]


def clean_root_tarball():
    os.makedirs(ARGS.cache_dir, exist_ok=True)
    tarball = os.path.join(ARGS.cache_dir, "bookworm-apt.tar")
    if (os.path.isfile(tarball)
            and time.time() - os.path.getmtime(tarball) < ROOT_MAX_AGE):
        print("cached clean root: %s" % tarball)
        return tarball
    # Another test run may make it at the same time: each writes its own
    # file and renames it into place.
    # (mmdebstrap writes a tarball when the name ends in .tar)
    partial = "%s.%d.tmp.tar" % (tarball[:-len(".tar")], os.getpid())
    started = time.time()
    made = run([ARGS.mmdebstrap, "--variant=apt", "--mode=root", "--quiet",
                "bookworm", partial] + DEBIAN_SOURCES, timeout=900)
    if made.rc != 0 and os.path.exists(partial):
        os.remove(partial)
    check_eq(made.rc, 0, "mmdebstrap --variant=apt bookworm", made)
    os.replace(partial, tarball)
    print("made the clean root %s in %.0f s" % (tarball, time.time() - started))
    return tarball


def in_root(root, script, timeout=600):
    """Runs the sh script as root in the root: its own mount and PID
    namespaces with /proc mounted, so nothing stays mounted after it, and a
    clean environment."""
    return run(["unshare", "--mount", "--pid", "--fork",
                "--mount-proc=" + os.path.join(root, "proc"),
                "chroot", root, "/usr/bin/env", "-i",
                "PATH=/usr/sbin:/usr/bin:/sbin:/bin", "HOME=/root",
                "LANG=C.UTF-8", "DEBIAN_FRONTEND=noninteractive",
                "/bin/sh", "-ec", script], timeout=timeout)


def keep_downloads(archives, downloads):
    """Copies the packages apt downloaded into the root to the cache."""
    for fetched in glob.glob(os.path.join(archives, "*.deb")):
        name = os.path.basename(fetched)
        if not name.startswith("relcheck_") and not os.path.exists(
                os.path.join(downloads, name)):
            partial = os.path.join(downloads, name + ".%d.tmp" % os.getpid())
            shutil.copy(fetched, partial)
            os.replace(partial, os.path.join(downloads, name))


def test_clean_root():
    if os.geteuid() != 0:
        print("SKIP: needs root (mmdebstrap --mode=root, chroot)")
        sys.exit(SKIPPED)
    if os.environ.get("RELCHECK_CLEAN_ROOT_NAMESPACE") != "1":
        # Again in a mount namespace of its own, where the root is a tmpfs:
        # unpacked in seconds, gone when the test ends however it ends
        # (removing the unpacked root from this machine's disk took 30 s).
        argv = sys.argv[:len(sys.argv) - len(ARGS.tests)] + ["clean_root"]
        inner = subprocess.run(["unshare", "--mount", "--propagation", "private",
                                sys.executable] + argv,
                               env=dict(os.environ, RELCHECK_CLEAN_ROOT_NAMESPACE="1"),
                               timeout=1800)
        check_eq(inner.returncode, 0, "clean_root in its mount namespace")
        return
    started = time.time()
    deb = built_deb()
    tarball = clean_root_tarball()
    work = harness.tmpdir("relcheck-clean-root-")
    root = os.path.join(work, "root")
    os.makedirs(root)
    mounted = run(["mount", "-t", "tmpfs", "-o", "size=4G,mode=755",
                   "relcheck-clean-root", root])
    check_eq(mounted.rc, 0, "a tmpfs for the root", mounted)
    # Before the harness removes the temporary directories (atexit: last
    # registered, first run).
    atexit.register(run, ["umount", "--lazy", root])
    unpacked = run(["tar", "-C", root, "-xf", tarball], timeout=300)
    check_eq(unpacked.rc, 0, "unpack the clean root", unpacked)
    check(not os.path.exists(os.path.join(root, "usr/lib/llvm-19")),
          "the root has no LLVM 19 before the package")
    shutil.copy("/etc/resolv.conf", os.path.join(root, "etc", "resolv.conf"))
    shutil.copy(deb, os.path.join(root, "tmp"))
    # Downloaded packages are kept between runs (copied in and back out,
    # not shared, so that runs at the same time cannot lock each other out);
    # apt still resolves every Depends in the root.
    archives = os.path.join(root, "var", "cache", "apt", "archives")
    downloads = os.path.join(ARGS.cache_dir, "archives")
    os.makedirs(downloads, exist_ok=True)
    for cached in glob.glob(os.path.join(downloads, "*.deb")):
        shutil.copy(cached, archives)

    installed_deb = "/tmp/" + os.path.basename(deb)
    install = in_root(root, "apt-get update -q\n"
                      "apt-get install -y -q --no-install-recommends %s\n"
                      % installed_deb)
    print(install.out[-3000:])
    check_eq(install.rc, 0, "apt-get install ./%s in the clean root"
             % os.path.basename(deb), install)
    keep_downloads(archives, downloads)
    newly = re.search(r"(\d+) newly installed", install.out)
    check(newly is not None and int(newly.group(1)) > 1,
          "apt installed relcheck and its dependencies", install)

    status = in_root(root, "dpkg-query -W -f='${db:Status-Abbrev} ${Version}\\n' relcheck\n"
                     "relcheck --version\n"
                     "relcheck --print-plugin-path\n"
                     "test -f /usr/share/doc/relcheck/copyright\n"
                     "test -f /usr/share/man/man1/relcheck.1.gz\n")
    check_eq(status.rc, 0, "the installed package", status)
    lines = status.out.splitlines()
    check(lines[0].startswith("ii  %s" % ARGS.version), "dpkg: installed", status)
    check("version %s" % ARGS.version in status.out, "relcheck --version", status)
    check_eq(lines[-1], "/usr/lib/relcheck/relcheck-tidy.so",
             "--print-plugin-path in the root", status)

    # examples/shop, copied into the root, with a compile database for the
    # root's paths and the header from the package's /usr/include.
    shop = os.path.join(root, ROOT_SHOP.lstrip("/"))
    shutil.copytree(os.path.join(ARGS.source_dir, "examples", "shop"), shop)
    template = read(os.path.join(shop, "compile_commands.json.in"))
    database = template.replace('      "-I@DIR@/lib/include",\n', "")
    database = database.replace("@DIR@/examples/shop", ROOT_SHOP)
    check("@DIR@" not in database and "/lib/include" not in database,
          "the database uses the packaged header")
    write(os.path.join(shop, "compile_commands.json"), database)
    toolchain = in_root(root, "apt-get install -y -q --no-install-recommends %s\n"
                        % " ".join(PROJECT_TOOLCHAIN))
    check_eq(toolchain.rc, 0, "the project's toolchain: %s" % PROJECT_TOOLCHAIN,
             toolchain)
    keep_downloads(archives, downloads)
    result = in_root(root, "cd %s\nrc=0\nrelcheck -p . || rc=$?\necho \"exit $rc\"\n"
                     % ROOT_SHOP)
    check_eq(result.rc, 0, "relcheck on examples/shop in the root", result)
    check(result.out.endswith("exit 1\n"), "relcheck on examples/shop: findings", result)
    rules = re.findall(r"^%s/\S+: (?:warning|error): .*\[(relcheck-[a-z-]+)\]$"
                       % re.escape(ROOT_SHOP), result.out, re.M)
    check_eq(sorted(rules), ["relcheck-back-populates-mismatch",
                             "relcheck-legacy-backref",
                             "relcheck-one-way-filtered-collection"],
             "the example's three deliberate findings", result)
    check_eq(result.err, "2 warnings and 1 error generated.\n", "summary", result)
    print("clean root test: %.0f s" % (time.time() - started))


def main():
    global ARGS
    parser = harness.argument_parser()
    for option in ("--source-dir", "--build-dir", "--prefix", "--cmake", "--cpack",
                   "--cxx", "--clang-tidy", "--readelf", "--groff", "--bash",
                   "--zsh", "--dpkg-deb", "--apt-get", "--version", "--deb-dir",
                   "--mmdebstrap", "--cache-dir", "--lintian"):
        parser.add_argument(option, required=True)
    ARGS = harness.parse_args(parser)
    return harness.run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
