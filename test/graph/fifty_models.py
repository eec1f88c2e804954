"""A generated project of 50 models and 109 relationships over 5 headers
(namespaces shop0..shop4): the size issue 17 found unreadable."""

import json
import os

HEADERS = 5
PER_HEADER = 10


def name(h, i):
    return "M%d_%d" % (h, i)


def generate(directory, include):
    """Writes the headers, one TU and compile_commands.json; returns the
    (models, relationship pairs) written."""
    models = [(h, i) for h in range(HEADERS) for i in range(PER_HEADER)]
    # Pairs: a chain inside each header (9 per header = 45), a link to the
    # next header's model (50), and 14 more inside headers: 109.
    pairs = []
    for h in range(HEADERS):
        for i in range(PER_HEADER - 1):
            pairs.append(((h, i), (h, i + 1)))
    for h, i in models:
        pairs.append(((h, i), ((h + 1) % HEADERS, (i + 3) % PER_HEADER)))
    for k in range(14):
        h = k % HEADERS
        pairs.append(((h, k % PER_HEADER), (h, (k + 4) % PER_HEADER)))
    rels = {m: [] for m in models}
    for n, (parent, child) in enumerate(pairs):
        legacy = n % 37 == 0  # a few legacy backrefs: findings to show
        broken = n % 41 == 5  # and a few back_populates mismatches
        pq = "shop%d.%s" % (parent[0], name(*parent))
        cq = "shop%d.%s" % (child[0], name(*child))
        rels[child].append('  ORM_COLUMN(Integer, ForeignKey("t%d_%d.id")) '
                           "int p%d_id;" % (parent[0], parent[1], n))
        if legacy:
            rels[parent].append('  ORM_RELATIONSHIP("%s", backref="p%d") '
                                "std::vector<struct %s*> c%d;"
                                % (cq, n, name(*child), n))
            continue
        rels[parent].append('  ORM_RELATIONSHIP("%s", back_populates="p%d") '
                            "std::vector<struct %s*> c%d;"
                            % (cq, n if not broken else n + 1000,
                               name(*child), n))
        rels[child].append('  ORM_RELATIONSHIP("%s", back_populates="c%d") '
                           "struct %s* p%d;" % (pq, n, name(*parent), n))
    tu = []
    for h in range(HEADERS):
        lines = ["#pragma once", "#include <relcheck/orm.hpp>",
                 "#include <vector>"]
        lines += ['#include "h%d.hpp"' % k for k in range(h)]
        lines.append("namespace shop%d {" % h)
        for i in range(PER_HEADER):
            lines.append("struct %s;" % name(h, i))
        lines.append("}")
        for h2 in range(HEADERS):
            if h2 != h:
                lines.append("namespace shop%d { %s }" % (h2, " ".join(
                    "struct %s;" % name(h2, i) for i in range(PER_HEADER))))
        lines.append("namespace shop%d {" % h)
        for i in range(PER_HEADER):
            lines.append('struct ORM_MODEL("t%d_%d") %s {' % (h, i, name(h, i)))
            lines.append("  ORM_COLUMN(Integer, primary_key=True) int id;")
            lines += rels[(h, i)]
            lines.append("};")
        lines.append("} // namespace shop%d" % h)
        with open(os.path.join(directory, "h%d.hpp" % h), "w") as f:
            f.write("\n".join(lines) + "\n")
        tu.append('#include "h%d.hpp"' % h)
    main = os.path.join(directory, "main.cpp")
    with open(main, "w") as f:
        f.write("\n".join(tu) + "\n")
    with open(os.path.join(directory, "compile_commands.json"), "w") as f:
        json.dump([{"directory": directory, "file": main,
                    "arguments": ["clang++-19", "-std=c++17", "-I", include,
                                  "-c", main]}], f)
    return ["shop%d::%s" % (h, name(h, i)) for h, i in models], pairs
