// Checks a Mermaid file with Mermaid's own parser and prints what it parsed.
//
//   node mermaid_check.mjs <node_modules dir> <file.mmd>
//
// mermaid.parse() runs the real flowchart grammar (no layout, no browser:
// jsdom provides the DOM that mermaid's sanitizer needs at load time). On
// success prints {"type", "vertices": [{id, text, classes}], "edges":
// [{start, end, type, stroke, text, style}]} as JSON, with Mermaid's entity
// codes (#34;) decoded, so the caller can compare labels and styles; on a
// syntax error prints the parser's message on stderr and exits 1.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [modulesArg, file] = process.argv.slice(2);
if (!modulesArg || !file) {
  console.error('usage: node mermaid_check.mjs <node_modules dir> <file.mmd>');
  process.exit(2);
}
const modulesDir = resolve(modulesArg);

const require = createRequire(join(modulesDir, 'noop.js'));
const { JSDOM } = require('jsdom');
const dom = new JSDOM('<!DOCTYPE html><body></body>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;

const mermaidDir = join(modulesDir, 'mermaid');
const pkg = JSON.parse(readFileSync(join(mermaidDir, 'package.json'), 'utf8'));
const entry = pkg.exports['.'].import;
const { default: mermaid } = await import(pathToFileURL(join(mermaidDir, entry)).href);
mermaid.initialize({ startOnLoad: false, logLevel: 'fatal' });

// mermaid keeps "#34;" as placeholder characters until rendering.
const named = { quot: '"', amp: '&', lt: '<', gt: '>', nbsp: '\u00a0' };
function decode(text) {
  return String(text ?? '')
    .replace(/ﬂ°°(\d+)¶ß/g, (_, n) => String.fromCodePoint(Number(n)))
    .replace(/ﬂ°(\w+)¶ß/g, (m, n) => named[n] ?? m);
}

const text = readFileSync(file, 'utf8');
let diagram;
try {
  await mermaid.parse(text);
  diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
} catch (e) {
  console.error(`${file}: mermaid syntax error: ${e.message}`);
  process.exit(1);
}
const db = diagram.db;
const vertices = [...db.getVertices().values()].map((v) => ({
  id: v.id,
  text: decode(v.text),
  classes: v.classes ?? [],
}));
const edges = db.getEdges().map((e) => ({
  start: e.start,
  end: e.end,
  type: e.type,
  stroke: e.stroke,
  text: decode(e.text),
  style: e.style ?? [],
}));
// Subgraphs: relcheck graph --cluster (test/graph/graph_view_test.py).
const subgraphs = (db.getSubGraphs ? db.getSubGraphs() : []).map((g) => ({
  id: g.id,
  title: decode(g.title),
  nodes: [...g.nodes],
}));
console.log(JSON.stringify({ type: diagram.type, vertices, edges, subgraphs }, null, 1));
