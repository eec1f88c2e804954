#!/usr/bin/python3
"""Copies the real-world corpus's model files into a corpus directory.

For each project of test/realworld/projects.json: the model modules and the
licence file at the pinned commit, read from a local git clone of the
project (`git -C GITDIR show COMMIT:PATH`), go to CORPUS/<project>/ at their
repository paths, with LICENSE and SOURCE.md (repository, commit, paths,
licence). The corpus stays outside relcheck's repository: the projects'
code is not committed there, only their description.

Usage: import_realworld_corpus.py --corpus DIR --git PROJECT=GITDIR...
"""
import argparse
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROJECTS = os.path.join(HERE, os.pardir, "test", "realworld", "projects.json")


def show(gitdir, commit, path):
    return subprocess.run(["git", "-C", gitdir, "show", "%s:%s" % (commit, path)],
                          check=True, stdout=subprocess.PIPE).stdout


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--projects", default=PROJECTS)
    parser.add_argument("--git", action="append", default=[],
                        help="PROJECT=GITDIR (a clone holding the pinned commit)")
    args = parser.parse_args(argv)
    with open(args.projects) as handle:
        projects = json.load(handle)["projects"]
    gits = dict(item.split("=", 1) for item in args.git)
    for name, project in sorted(projects.items()):
        gitdir = gits.get(name)
        if gitdir is None:
            sys.stderr.write("import: %s: no --git given; skipped\n" % name)
            continue
        root = os.path.join(args.corpus, name)
        for path in project["modules"]:
            target = os.path.join(root, path)
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as out:
                out.write(show(gitdir, project["commit"], path))
        with open(os.path.join(root, "LICENSE"), "wb") as out:
            out.write(show(gitdir, project["commit"], project["license_file"]))
        with open(os.path.join(root, "SOURCE.md"), "w") as out:
            out.write("# %s\n\nRepository: %s\nCommit: %s\nLicence: %s (LICENSE, "
                      "copied from %s at that commit)\n\nModel files, unchanged:\n\n%s\n"
                      % (name, project["repository"], project["commit"],
                         project["license"], project["license_file"],
                         "\n".join("- `%s`" % p for p in project["modules"])))
        print("imported %s: %d module(s)" % (name, len(project["modules"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
