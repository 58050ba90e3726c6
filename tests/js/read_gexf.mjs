// Read a GEXF file with graphology-gexf, a reader independent of networkx,
// and print what it understood as JSON on stdout.
//
// Example:
//   node tests/js/read_gexf.mjs out/graph.gexf
//   {"order": 12, "size": 20, "type": "directed", "multi": true, "nodes": {...}, "edges": [...]}
import { readFileSync } from "node:fs";
import Graph from "graphology";
import gexf from "graphology-gexf";

const path = process.argv[2];
if (!path) {
  console.error("usage: node read_gexf.mjs FILE.gexf");
  process.exit(2);
}
const graph = gexf.parse(Graph, readFileSync(path, "utf-8"));
const nodes = {};
graph.forEachNode((node, attributes) => {
  nodes[node] = attributes;
});
const edges = [];
graph.forEachEdge((edge, attributes, source, target) => {
  edges.push({ id: edge, source, target, attributes });
});
console.log(JSON.stringify({ order: graph.order, size: graph.size, type: graph.type, multi: graph.multi, nodes, edges }));
