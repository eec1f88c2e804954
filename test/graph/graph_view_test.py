#!/usr/bin/python3
"""`relcheck graph`'s view options on a generated 50-model project (issue 17,
deliverable 4): --focus/--depth, --only-findings, --cluster, and the
default that keeps 50 models legible. Rendered with Graphviz (dot -Tsvg);
the SVG is parsed as XML.

Usage: graph_view_test.py --relcheck BIN --include DIR --dot DOT
                          --node NODE --node-modules DIR NAME
"""

import html
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

HERE = os.path.dirname(os.path.realpath(__file__))
sys.path.insert(0, os.path.join(HERE, os.pardir, "support"))
sys.path.insert(0, HERE)
import relcheck_harness as harness  # noqa: E402
from relcheck_harness import check, write  # noqa: E402
import fifty_models  # noqa: E402

ARGS = None
SVG = "{http://www.w3.org/2000/svg}"
PROJECT = {}

# Before issue 17's options: 8277 x 2890 pt for this project (LR, wide
# spacing, no clusters); then 1735 x 2649 pt (LR, compact, clustered),
# whose text was 3.7 px tall fit to a 1920x1080 screen. The default must be
# legible on such a screen: its smallest text at least 8 px tall when the
# picture is scaled (down only) to fit the screen, SVG points being 4/3 px.
SCREEN_PX = (1920, 1080)
MIN_TEXT_PX = 8.0
FOCUS_MAX_PT = (1200, 900)


def project():
    """The generated project, once per process: (dir, models, pairs)."""
    if not PROJECT:
        d = harness.tmpdir(prefix="relcheck-graph-view-")
        models, pairs = fifty_models.generate(d, ARGS.include)
        PROJECT.update(dir=d, models=models, pairs=pairs)
    return PROJECT


def render(*options):
    """relcheck graph on the project, rendered: (svg root, dot text)."""
    p = project()
    r = harness.run([ARGS.relcheck, "graph", "--quiet", "--no-cache", "-p",
                     p["dir"]] + list(options))
    check(r.rc == 0, "relcheck graph failed", r)
    svg = subprocess.run([ARGS.dot, "-Tsvg"], input=r.out.encode(),
                         stdout=subprocess.PIPE, check=True).stdout
    return ET.fromstring(svg), r.out


def size_pt(root):
    w, h = (float(root.get(k).rstrip("pt")) for k in ("width", "height"))
    return w, h


def groups(root, kind):
    """id -> class of the SVG <g> elements of a kind (node, edge, cluster)."""
    found = {}
    for g in root.iter(SVG + "g"):
        classes = (g.get("class") or "").split()
        if kind in classes:
            found[html.unescape(g.get("id"))] = classes
    return found


def model_ids(root):
    return {i[len("model:"):] for i in groups(root, "node")
            if i.startswith("model:")}


def qualified(model):
    h, i = model
    return "shop%d::M%d_%d" % (h, h, i)


def neighbours(start, depth):
    kept = set(start)
    frontier = set(start)
    for _ in range(depth):
        nxt = set()
        for a, b in project()["pairs"]:
            a, b = qualified(a), qualified(b)
            if a in frontier and b not in kept:
                nxt.add(b)
            if b in frontier and a not in kept:
                nxt.add(a)
        kept |= nxt
        frontier = nxt
    return kept


def edges_between(kept):
    return {(qualified(a), qualified(b)) for a, b in project()["pairs"]
            if qualified(a) in kept and qualified(b) in kept}


def drawn_edges(root):
    """(tail model, head model) of every relationship edge drawn, read from
    the edge's <title> ("a&#45;&gt;b")."""
    pairs = set()
    for g in root.iter(SVG + "g"):
        if "edge" not in (g.get("class") or "").split():
            continue
        title = html.unescape(g.find(SVG + "title").text)
        # Parallel edges carry compass ports: "a:ne->b:nw".
        tail, head = (re.sub(r":(ne|nw|se|sw)$", "", end)
                      for end in title.split("->"))
        pairs.add(tuple(sorted((tail, head))))
    return pairs


def fit_to_screen(root):
    """(scale, smallest text in px) of the picture fit to SCREEN_PX: the
    scale is at most 1 (a small picture is shown at 100%)."""
    w, h = size_pt(root)
    scale = min(1.0, SCREEN_PX[0] / (w * 4 / 3), SCREEN_PX[1] / (h * 4 / 3))
    sizes = [float(t.get("font-size")) for t in root.iter(SVG + "text")]
    return scale, min(sizes) * 4 / 3 * scale


def test_default_keeps_fifty_models_legible():
    root, dot = render()
    w, h = size_pt(root)
    scale, text_px = fit_to_screen(root)
    print("default picture: %.0f x %.0f pt (%.0f x %.0f px at 100%%); fit to "
          "%d x %d: scale %.2f, smallest text %.1f px"
          % (w, h, w * 4 / 3, h * 4 / 3, SCREEN_PX[0], SCREEN_PX[1], scale,
             text_px))
    check(text_px >= MIN_TEXT_PX,
          "the default picture (%.0f x %.0f pt) fit to %d x %d shows text "
          "%.1f px tall (min %.0f)" % (w, h, SCREEN_PX[0], SCREEN_PX[1],
                                       text_px, MIN_TEXT_PX))
    # Legible, and still everything: every model, every relationship.
    check(model_ids(root) == set(project()["models"]), "not every model drawn")
    relationships = [i for i in groups(root, "edge") if i.startswith("rel:")]
    check(len(relationships) == len(project()["pairs"]),
          "%d relationship lines for %d relationships"
          % (len(relationships), len(project()["pairs"])))
    check(drawn_edges(root) == {tuple(sorted((qualified(a), qualified(b))))
                                for a, b in project()["pairs"]},
          "the lines join other models than the relationships")
    clusters = groups(root, "cluster")
    check(len(clusters) == 5, "expected a cluster per namespace: %s"
          % sorted(clusters))
    check("rankdir=TB" in dot and "nodesep=0.15" in dot,
          "large graph not compact")


def test_focus_keeps_the_models_and_their_edges():
    for depth in (0, 1, 2):
        root, _ = render("--focus=M0_3,shop2::M2_5", "--depth=%d" % depth)
        expected = neighbours({"shop0::M0_3", "shop2::M2_5"}, depth)
        drawn = model_ids(root)
        check(drawn == expected, "depth %d: models %s, expected %s"
              % (depth, sorted(drawn), sorted(expected)))
        want = {tuple(sorted(e)) for e in edges_between(expected)}
        check(drawn_edges(root) == want, "depth %d: edges %s, expected %s"
              % (depth, sorted(drawn_edges(root)), sorted(want)))
        w, h = size_pt(root)
        print("--focus depth %d: %d models, %d edges, %.0f x %.0f pt"
              % (depth, len(drawn), len(want), w, h))
        if depth <= 1:
            check(w <= FOCUS_MAX_PT[0] and h <= FOCUS_MAX_PT[1],
                  "focused picture is %.0f x %.0f pt" % (w, h))


def test_only_findings():
    root, _ = render("--only-findings")
    drawn = model_ids(root)
    marked = set()
    for gid, classes in groups(root, "edge").items():
        if {"backref", "mismatch", "invalid-annotation",
                "other-finding"} & set(classes):
            tail_head = gid[len("rel:"):].split("/")
            marked |= {t.rsplit(".", 1)[0] for t in tail_head}
    nodes = groups(root, "node")
    for gid, classes in nodes.items():
        if {"mismatch", "invalid-annotation", "other-finding"} & set(classes):
            marked.add(gid[len("model:"):])
    print("--only-findings: %d of 50 models" % len(drawn))
    check(0 < len(drawn) < 50, "--only-findings kept %d models" % len(drawn))
    check(drawn <= marked | {m for e in drawn_edges(root) for m in e},
          "a model without findings: %s" % sorted(drawn - marked))


def test_cluster_by_header_and_none():
    root, _ = render("--cluster=header")
    clusters = groups(root, "cluster")
    labels = sorted(os.path.basename(c.split(":", 1)[1]) for c in clusters)
    check(labels == ["h%d.hpp" % h for h in range(5)],
          "header clusters: %s" % labels)
    root, _ = render("--cluster=none")
    check(not groups(root, "cluster"), "--cluster=none drew clusters")
    root, _ = render("--focus=M0_3", "--cluster=namespace")
    check(groups(root, "cluster"), "--cluster=namespace drew no cluster")


def test_mermaid_clusters():
    """The Mermaid output's clusters, read by Mermaid's own parser
    (mermaid_check.mjs): one subgraph per namespace holding its models."""
    p = project()
    r = harness.run([ARGS.relcheck, "graph", "--format=mermaid", "--quiet",
                     "--no-cache", "-p", p["dir"]])
    check(r.rc == 0, "relcheck graph failed", r)
    mmd = os.path.join(p["dir"], "graph.mmd")
    write(mmd, r.out)
    parsed = harness.run([ARGS.node, os.path.join(HERE, "mermaid_check.mjs"),
                          ARGS.node_modules, mmd])
    check(parsed.rc == 0, "mermaid rejects the output", parsed)
    subgraphs = json.loads(parsed.out)["subgraphs"]
    titles = sorted(g["title"] for g in subgraphs)
    check(titles == ["shop%d" % h for h in range(5)],
          "subgraphs: %s" % titles)
    for g in subgraphs:
        check(len(g["nodes"]) == 10 and all(
            n.startswith("n_%s__" % g["title"]) for n in g["nodes"]),
            "subgraph %s holds %s" % (g["title"], g["nodes"]))


def test_option_errors():
    d = project()["dir"]
    for args, text in (
            (["--focus=Nope"], "--focus: no model named 'Nope'"),
            (["--depth=2"], "--depth needs --focus"),
            (["--focus=M0_1", "--depth=x"], "--depth: 'x' is not a number"),
            (["--cluster=bogus"], "--cluster: unknown value 'bogus'"),
            (["--focus"], "'--focus' needs a value")):
        r = harness.run([ARGS.relcheck, "graph", "--no-cache", "-p", d] + args)
        check(r.rc == 2 and text in r.err, "%s: %s" % (args, text), r)


def main():
    global ARGS
    parser = harness.argument_parser()
    parser.add_argument("--dot", required=True)
    parser.add_argument("--node", required=True)
    parser.add_argument("--node-modules", required=True)
    ARGS = harness.parse_args(parser)
    return harness.run_tests(globals(), ARGS)


if __name__ == "__main__":
    sys.exit(main())
