#!/usr/bin/env python3
"""Tests of `relcheck graph` through the real binary (see CMakeLists.txt).

    check_graph.py [common options] dot <fixture.cpp | shop>
    check_graph.py [common options] mermaid <fixture.cpp | shop>
    check_graph.py [common options] mermaid-checker-rejects
    check_graph.py [common options] docs-image
    check_graph.py [common options] cli <case>

`dot` renders the graph with Graphviz (`dot -Tsvg`), parses the SVG as XML
and checks it against the GRAPH-NODE / GRAPH-EDGE expectations of the
fixture (for `shop`: test/graph/shop.expect, on examples/shop through its
compilation database). `mermaid` checks the Mermaid output with mermaid's
own parser (mermaid_check.mjs) against the same expectations.

Expectation lines (anywhere in the file, e.g. in a comment):

    GRAPH-NODE: <node id> ; <property> ; ...
    GRAPH-EDGE: <edge id> ; <property> ; ...

The ids listed must be exactly the ids drawn. Properties: classes=<names>
(the exact class list), text=<label line> (repeatable), dashed, solid,
bold, color=<stroke colour>, tooltip=<line> (SVG only) and
dot:<attr>=<value> (a DOT attribute, DOT check only).
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"
XLINK = "{http://www.w3.org/1999/xlink}"
DEFAULT_EDGE_COLOR = "#333333"


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


# --- running relcheck ------------------------------------------------------

def run(command, **kwargs):
    try:
        return subprocess.run(command, capture_output=True, text=True, **kwargs)
    except FileNotFoundError:
        raise Failure(f"{command[0]} not found: scripts/install-deps.sh installs "
                      "graphviz and node, see docs/graph.md")


def shop_database(args):
    """Instantiates examples/shop's database like scripts/setup.sh does."""
    db_dir = os.path.join(args.work_dir, "shop-db")
    os.makedirs(db_dir, exist_ok=True)
    template = os.path.join(args.source_root, "examples", "shop",
                            "compile_commands.json.in")
    with open(template) as f:
        text = f.read().replace("@DIR@", args.source_root)
    with open(os.path.join(db_dir, "compile_commands.json"), "w") as f:
        f.write(text)
    return db_dir


def input_arguments(args, target):
    if target == "shop":
        return ["-p", shop_database(args)]
    return [target, "--", "-std=c++17", "-I" + args.include]


def relcheck_graph(args, target, fmt, extra=()):
    command = [args.relcheck, "graph", "--format=" + fmt, *extra,
               *input_arguments(args, target)]
    result = run(command)
    check(result.returncode == 0,
          f"{' '.join(command)} exited {result.returncode}\n{result.stderr}")
    return result.stdout


# --- expectations ----------------------------------------------------------

EXPECT_RE = re.compile(r"GRAPH-(NODE|EDGE):\s*(.*)$")


def load_expectations(path):
    nodes, edges = {}, {}
    with open(path) as f:
        for number, line in enumerate(f, 1):
            m = EXPECT_RE.search(line)
            if not m:
                continue
            parts = [p.strip() for p in m.group(2).split(" ; ")]
            table = nodes if m.group(1) == "NODE" else edges
            check(parts[0] not in table, f"{path}:{number}: duplicate {parts[0]}")
            table[parts[0]] = parts[1:]
    check(nodes or edges, f"{path}: no GRAPH-NODE/GRAPH-EDGE expectations")
    return nodes, edges


def expectations_file(args, target):
    if target == "shop":
        return os.path.join(os.path.dirname(os.path.abspath(__file__)),
                            "shop.expect")
    return target


def split_property(prop):
    key, _, value = prop.partition("=")
    return key, value


# --- DOT / SVG -------------------------------------------------------------

def svg_elements(svg_text):
    root = ET.fromstring(svg_text)
    nodes, edges = {}, []
    for g in root.iter(SVG + "g"):
        classes = (g.get("class") or "").split()
        if "node" in classes and not g.get("id", "").startswith("legend"):
            nodes[g.get("id")] = g
        elif "edge" in classes:
            edges.append(g)
    return nodes, edges


def texts(g):
    return [t.text or "" for t in g.iter(SVG + "text")]


def first_shape(g):
    for tag in ("path", "polygon", "ellipse"):
        for el in g.iter(SVG + tag):
            return el
    raise Failure(f"{g.get('id')}: no shape in the SVG group")


def dot_statement(dot_text, element_id):
    needle = 'id="' + element_id.replace("\\", "\\\\").replace('"', '\\"') + '"'
    for line in dot_text.splitlines():
        if needle in line:
            return line
    raise Failure(f"no DOT statement with {needle}")


def check_svg_properties(what, g, props, default_color, dot_line):
    shape = first_shape(g)
    classes = set((g.get("class") or "").split()) - {"node", "edge"}
    stroke = shape.get("stroke")
    dashed = shape.get("stroke-dasharray") is not None
    width = shape.get("stroke-width")
    colored = bold = False
    for prop in props:
        key, value = split_property(prop)
        if key == "classes":
            check(classes == set(value.split()),
                  f"{what}: classes {sorted(classes)}, expected {value}")
        elif key == "text":
            check(value in texts(g),
                  f"{what}: no text {value!r} in {texts(g)}")
        elif key == "tooltip":
            titles = [a.get(XLINK + "title") or "" for a in g.iter(SVG + "a")]
            check(titles and value in titles[0].split("\n"),
                  f"{what}: tooltip {titles[:1]} lacks the line {value!r}")
        elif key == "dashed":
            check(dashed, f"{what}: not dashed ({shape.attrib})")
        elif key == "solid":
            check(not dashed, f"{what}: dashed ({shape.attrib})")
        elif key == "bold":
            bold = True
            check(width == "2", f"{what}: stroke-width {width}, expected 2")
        elif key == "color":
            colored = True
            check(stroke == value, f"{what}: stroke {stroke}, expected {value}")
        elif key.startswith("dot:"):
            attr = key[4:] + "=" + value
            check(re.search(r"[\[ ,]" + re.escape(attr) + r"[,\]]", dot_line),
                  f"{what}: DOT statement lacks {attr}: {dot_line}")
        else:
            raise Failure(f"{what}: unknown property {prop!r}")
    if not colored and default_color:
        check(stroke == default_color,
              f"{what}: stroke {stroke}, expected the default {default_color}")
    if not bold and default_color:  # edges: nothing bold unless expected
        check(width in (None, "1"), f"{what}: stroke-width {width}, not bold")


def check_dot(args, target):
    exp_nodes, exp_edges = load_expectations(expectations_file(args, target))
    dot_text = relcheck_graph(args, target, "dot")
    render = run([args.dot, "-Tsvg"], input=dot_text)
    check(render.returncode == 0 and not render.stderr.strip(),
          f"dot -Tsvg failed or warned:\n{render.stderr}")
    nodes, edges = svg_elements(render.stdout)

    expected_node_ids = {"model:" + n for n in exp_nodes}
    check(set(nodes) == expected_node_ids,
          f"nodes drawn {sorted(nodes)}, expected {sorted(expected_node_ids)}")
    for name, props in exp_nodes.items():
        g = nodes["model:" + name]
        check(name in [t.text for t in g.iter(SVG + "title")],
              f"node {name}: SVG title is not its name")
        check_svg_properties(f"node {name}", g, props, None,
                             dot_statement(dot_text, "model:" + name))

    by_id = {}
    for g in edges:
        gid = g.get("id", "")
        check(gid.startswith(("rel:", "inherits:")), f"unexpected edge {gid}")
        by_id[gid.split(":", 1)[1]] = g
    check(len(by_id) == len(edges), "two edges share an id")
    check(set(by_id) == set(exp_edges),
          f"edges drawn {sorted(by_id)}, expected {sorted(exp_edges)}")
    for name, props in exp_edges.items():
        g = by_id[name]
        check_svg_properties(f"edge {name}", g, props, DEFAULT_EDGE_COLOR,
                             dot_statement(dot_text, g.get("id")))

    # The legend is part of every picture.
    legend = [g for g in ET.fromstring(render.stdout).iter(SVG + "g")
              if g.get("id") == "legend"]
    check(legend, "no legend cluster in the SVG")
    check("back_populates mismatch" in texts(legend[0]),
          "legend lacks the mismatch entry")
    print(f"ok: {len(nodes)} nodes, {len(edges)} edges checked in the SVG")


# --- Mermaid ---------------------------------------------------------------

def mermaid_id(name):
    return "n_" + re.sub(r"[^A-Za-z0-9_]", "_", name)


def mermaid_parse(args, path):
    checker = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "mermaid_check.mjs")
    return run([args.node, checker, args.node_modules, path])


def label_lines(text):
    """Lines of a parsed label; the only markup relcheck writes is <b>, <br/>
    (anything else was written as an entity and is decoded text now)."""
    return [re.sub(r"</?b>", "", line) for line in re.split(r"<br/?>", text)]


def check_mermaid(args, target):
    exp_nodes, exp_edges = load_expectations(expectations_file(args, target))
    text = relcheck_graph(args, target, "mermaid")
    # The edge order is the DOT order (one GraphView for both formats).
    dot_text = relcheck_graph(args, target, "dot")
    dot_ids = re.findall(r' -> .*?\[id="(?:rel|inherits):((?:[^"\\]|\\.)*)"',
                         dot_text)
    check(text.startswith("%%") and "\nflowchart LR\n" in text,
          "not a Mermaid flowchart")
    with tempfile.NamedTemporaryFile("w", suffix=".mmd", delete=False,
                                     dir=args.work_dir) as f:
        f.write(text)
        path = f.name
    result = mermaid_parse(args, path)
    check(result.returncode == 0, f"mermaid rejects the output:\n{result.stderr}")
    parsed = json.loads(result.stdout)
    check(parsed["type"].startswith("flowchart"), f"parsed as {parsed['type']}")

    vertices = {v["id"]: v for v in parsed["vertices"] if v["id"] != "legend"}
    expected = {mermaid_id(n): n for n in exp_nodes}
    check(set(vertices) == set(expected),
          f"Mermaid nodes {sorted(vertices)}, expected {sorted(expected)}")
    for vid, name in expected.items():
        v = vertices[vid]
        lines = label_lines(v["text"])
        for prop in exp_nodes[name]:
            key, value = split_property(prop)
            if key == "classes":
                check(set(v["classes"]) == set(value.split()),
                      f"node {name}: classes {v['classes']}, expected {value}")
            elif key == "text":
                check(value in lines, f"node {name}: no line {value!r} in {lines}")

    edges = parsed["edges"]
    check(len(edges) == len(dot_ids) == len(exp_edges),
          f"{len(edges)} Mermaid edges, {len(dot_ids)} DOT edges, "
          f"{len(exp_edges)} expected")
    for edge, eid in zip(edges, dot_ids):
        eid = eid.replace('\\"', '"').replace("\\\\", "\\")
        props = exp_edges[eid]
        what = f"Mermaid edge {eid}"
        lines = label_lines(edge["text"])
        style = edge["style"]
        classes = set()
        colored = bold = dashed = False
        for prop in props:
            key, value = split_property(prop)
            if key == "classes":
                classes = set(value.split())
            elif key == "text":
                check(any(l == value or re.fullmatch(
                    "[→←] " + re.escape(value) + r" \[[1*?]\]", l)
                    for l in lines), f"{what}: no label {value!r} in {lines}")
            elif key == "color":
                colored = True
                check("stroke:" + value in style,
                      f"{what}: style {style} lacks stroke:{value}")
            elif key == "bold":
                bold = True
            elif key == "dashed":
                dashed = True
        inherits = "inherits" in classes
        if not colored:
            check(not any(s.startswith("stroke:") for s in style),
                  f"{what}: coloured {style}")
        if inherits:
            check(any(s.startswith("stroke-dasharray") for s in style),
                  f"{what}: inheritance not dashed: {style}")
        elif dashed:
            check(edge["stroke"] == "dotted", f"{what}: stroke {edge['stroke']}")
            check(bold == ("stroke-width:3px" in style),
                  f"{what}: bold {bold} but style {style}")
        else:
            check(edge["stroke"] == ("thick" if bold else "normal"),
                  f"{what}: stroke {edge['stroke']}, bold {bold}")
        two_ends = bool(classes & {"two-way", "one-way"})
        check(edge["type"] == ("double_arrow_point" if two_ends
                               else "arrow_point"),
              f"{what}: arrow type {edge['type']}")
        check(edge["start"] == mermaid_id(eid.split(" inherits ")[0]
                                          if inherits else
                                          eid.split("/")[0].rsplit(".", 1)[0]),
              f"{what}: starts at {edge['start']}")
    print(f"ok: {len(vertices)} nodes, {len(edges)} edges parsed by mermaid")


def check_mermaid_checker_rejects(args):
    """The Mermaid check can fail: a real output with a broken line."""
    fixture = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                           "fixtures", "kinds.cpp")
    text = relcheck_graph(args, fixture, "mermaid")
    broken = {
        "unterminated label": text.replace('|"', '|', 1),
        "unescaped quote": text.replace("table: author",
                                        'table: "author', 1),
        "linkStyle out of range": text + "  linkStyle 999 stroke:red\n",
    }
    for what, bad in broken.items():
        check(bad != text, f"{what}: the mutation did not apply")
        path = os.path.join(args.work_dir, "broken.mmd")
        with open(path, "w") as f:
            f.write(bad)
        result = mermaid_parse(args, path)
        check(result.returncode == 1 and "syntax error" in result.stderr,
              f"{what}: the checker accepted broken Mermaid "
              f"(exit {result.returncode})")
    print(f"ok: {len(broken)} broken variants rejected")


def svg_summary(svg_text):
    """{element id: sorted texts} of every node and edge, for comparing two
    renderings without depending on Graphviz's coordinates."""
    nodes, edges = svg_elements(svg_text)
    summary = {i: sorted(texts(g)) for i, g in nodes.items()}
    summary.update({g.get("id"): sorted(texts(g)) for g in edges})
    return summary


def check_docs_image(args):
    """docs/images/shop-graph.{dot,svg} show what relcheck draws today."""
    images = os.path.join(args.source_root, "docs", "images")
    fresh = relcheck_graph(args, "shop", "dot", ["--quiet"])
    with open(os.path.join(images, "shop-graph.dot")) as f:
        check(f.read() == fresh, "docs/images/shop-graph.dot is stale: "
              "regenerate it and the SVG (docs/graph.md)")
    render = run([args.dot, "-Tsvg"], input=fresh)
    check(render.returncode == 0, render.stderr)
    with open(os.path.join(images, "shop-graph.svg")) as f:
        committed = svg_summary(f.read())
    check(committed == svg_summary(render.stdout),
          "docs/images/shop-graph.svg was not rendered from shop-graph.dot")
    print(f"ok: docs image up to date ({len(committed)} elements)")


# --- command line ----------------------------------------------------------

def kinds_fixture():
    return os.path.join(os.path.dirname(os.path.abspath(__file__)),
                        "fixtures", "kinds.cpp")


def graph_command(args, *options, target=None):
    return [args.relcheck, "graph", *options,
            *input_arguments(args, target or kinds_fixture())]


def cli_unknown_format(args):
    for fmt in ("json", "text", "svg"):
        result = run(graph_command(args, "--format=" + fmt))
        check(result.returncode == 2, f"--format={fmt}: exit {result.returncode}")
        check(f"relcheck: error: --format: unknown graph format '{fmt}' "
              "(expected 'dot' or 'mermaid')" in result.stderr, result.stderr)
        check(result.stdout == "", "output written despite the error")
    # ... and the report's command does not accept the graph formats.
    result = run([args.relcheck, "--format=dot", kinds_fixture(), "--",
                  "-std=c++17", "-I" + args.include])
    check(result.returncode == 2 and "unknown format 'dot'" in result.stderr,
          f"relcheck --format=dot: exit {result.returncode}: {result.stderr}")


def cli_format_spellings(args):
    outputs = set()
    for spelling in (["--format=mermaid"], ["--format", "mermaid"],
                     ["-format=mermaid"], ["-format", "mermaid"]):
        result = run(graph_command(args, *spelling))
        check(result.returncode == 0, f"{spelling}: {result.stderr}")
        check(result.stdout.startswith("%%"), f"{spelling}: not Mermaid")
        outputs.add(result.stdout)
    check(len(outputs) == 1, "the spellings give different graphs")
    default = run(graph_command(args))
    check(default.returncode == 0 and
          "\ndigraph relcheck {\n" in default.stdout, "default is not DOT")
    missing = run([args.relcheck, "graph", kinds_fixture(), "--format"])
    check(missing.returncode == 2 and "'--format' needs a value" in
          missing.stderr, f"trailing --format: {missing.stderr}")


def cli_rejects_report_options(args):
    for option in ("--fix", "--fix-dry-run", "--export-fixes=x.yaml",
                   "--parseable-fixits", "--list-rules"):
        result = run(graph_command(args, option))
        name = option.split("=")[0]
        check(result.returncode == 2 and
              f"'{name}' cannot be used with 'relcheck graph'" in result.stderr,
              f"{option}: exit {result.returncode}: {result.stderr}")


def cli_output_file(args):
    out = os.path.join(args.work_dir, "graph.dot")
    with open(out, "w") as f:
        f.write("old content\n")
    first = run(graph_command(args, "-o", out))
    # Findings are drawn, they do not make the exit status 1.
    check(first.returncode == 0, f"exit {first.returncode}: {first.stderr}")
    check(first.stdout == "", "-o also wrote to stdout")
    check("1 warning and" in first.stderr or "warnings and" in first.stderr,
          f"no summary line: {first.stderr!r}")
    with open(out) as f:
        content = f.read()
    check(content.startswith("// The relcheck model graph"), "not replaced")
    second = run(graph_command(args, "--output=" + out, "--quiet"))
    check(second.returncode == 0 and second.stderr == "",
          f"--quiet: {second.stderr!r}")
    with open(out) as f:
        check(f.read() == content, "two runs differ: output not deterministic")
    leftovers = [n for n in os.listdir(args.work_dir) if n.startswith("graph.dot")
                 and n != "graph.dot"]
    check(not leftovers, f"temporary files left: {leftovers}")
    bad = run(graph_command(args, "-o",
                            os.path.join(args.work_dir, "no", "such", "x.dot")))
    check(bad.returncode == 2 and "cannot write" in bad.stderr,
          f"unwritable -o: exit {bad.returncode}: {bad.stderr}")


def cli_rules_select_highlights(args):
    every = run(graph_command(args))
    only_backref = run(graph_command(args, "--rules=-*,relcheck-legacy-backref"))
    check(every.returncode == 0 and only_backref.returncode == 0,
          only_backref.stderr)
    check("color=red" in every.stdout, "no mismatch highlighted")
    for color in ("red", "darkorange", "purple"):
        check(f"color={color}" not in only_backref.stdout,
              f"{color} edge without the rule that finds it")
    # The backref pair is dashed whatever the rules: it is a graph fact.
    check('style="dashed"' in only_backref.stdout, "backref pair not dashed")


def cli_configuration_selects_highlights(args):
    # .relcheck.yaml governs the graph's marks as it governs the report.
    config = os.path.join(args.work_dir, "relcheck.yaml")
    with open(config, "w") as f:
        f.write("Rules: '-*,relcheck-legacy-backref'\n")
    configured = run(graph_command(args, "--config-file=" + config))
    by_option = run(graph_command(args, "--rules=-*,relcheck-legacy-backref"))
    check(configured.returncode == 0, configured.stderr)
    check(configured.stdout == by_option.stdout,
          "--config-file and --rules give different graphs")
    check("color=red" not in configured.stdout,
          "a rule the configuration disables is highlighted")
    # A configuration error names its file and position and fails the run.
    with open(config, "w") as f:
        f.write("Rules: '-*'\nNoSuchKey: 1\n")
    bad = run(graph_command(args, "--config-file=" + config))
    check(bad.returncode == 2 and f"{config}:2:1" in bad.stderr,
          f"bad configuration: exit {bad.returncode}: {bad.stderr}")


def cli_compile_error(args):
    bad = os.path.join(args.work_dir, "broken.cpp")
    with open(bad, "w") as f:
        f.write("#include <relcheck/orm.hpp>\n"
                "struct ORM_MODEL(\"a\") A { ORM_COLUMN(Integer, "
                "primary_key=True) int id; }\nint x = ;\n")
    result = run([args.relcheck, "graph", bad, kinds_fixture(), "--",
                  "-std=c++17", "-I" + args.include])
    check(result.returncode == 2, f"exit {result.returncode}")
    check(f"relcheck: error: '{bad}' does not compile" in result.stderr,
          result.stderr)
    # The graph of what compiled is still written (like the report).
    check('"lib::Author"' in result.stdout and '"A"' not in result.stdout,
          "graph of the compiled TUs missing or includes the broken one")


def cli_dump_facts(args):
    facts = os.path.join(args.work_dir, "facts.json")
    result = run(graph_command(args, "--quiet", "--dump-facts=" + facts))
    check(result.returncode == 0, result.stderr)
    with open(facts) as f:
        units = json.load(f)["translationUnits"]
    check(len(units) == 1 and units[0]["models"], "no facts dumped")
    check("digraph relcheck" in result.stdout, "no graph beside the dump")


def cli_help(args):
    result = run([args.relcheck, "graph", "--help"])
    check(result.returncode == 0, f"exit {result.returncode}")
    check(result.stdout.startswith("USAGE: relcheck graph [--format=dot|mermaid]"),
          result.stdout[:200])
    check("--rules" in result.stdout, "analysis options not listed")


CLI_CASES = {
    "unknown_format": cli_unknown_format,
    "format_spellings": cli_format_spellings,
    "rejects_report_options": cli_rejects_report_options,
    "output_file": cli_output_file,
    "rules_select_highlights": cli_rules_select_highlights,
    "configuration_selects_highlights": cli_configuration_selects_highlights,
    "compile_error": cli_compile_error,
    "dump_facts": cli_dump_facts,
    "help": cli_help,
}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--relcheck", required=True)
    parser.add_argument("--include", required=True)
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--dot", default="dot")
    parser.add_argument("--node", default="node")
    parser.add_argument("--node-modules")
    parser.add_argument("mode", choices=["dot", "mermaid",
                                         "mermaid-checker-rejects",
                                         "docs-image", "cli"])
    parser.add_argument("target", nargs="?")
    args = parser.parse_args()
    os.makedirs(args.work_dir, exist_ok=True)
    try:
        if args.mode == "dot":
            check_dot(args, args.target)
        elif args.mode == "mermaid":
            check_mermaid(args, args.target)
        elif args.mode == "mermaid-checker-rejects":
            check_mermaid_checker_rejects(args)
        elif args.mode == "docs-image":
            check_docs_image(args)
        else:
            CLI_CASES[args.target](args)
            print(f"ok: cli {args.target}")
    except Failure as e:
        print(f"FAIL: {e}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
