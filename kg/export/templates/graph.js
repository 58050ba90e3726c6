// Interactive graph of kg's statements: two views, type and actor filters,
// a search box, a legend and tooltips. Article text only ever reaches the page
// through textContent (see el()), never as markup.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var typeById = new Map(data.types.map(function (t) { return [t.id, t]; }));
  var familyColor = {};
  data.families.forEach(function (f) { familyColor[f.id] = f.color; });
  var kindColor = {};
  data.kinds.forEach(function (k) { kindColor[k.id] = k.color; });
  var actorById = new Map(data.actors.map(function (a) { return [a.id, a]; }));
  var statementById = new Map(data.statements.map(function (s) { return [s.id, s]; }));
  // forceAtlas2 settings per view: compact enough that the whole graph stays legible when fitted.
  var PHYSICS = {
    actors: { gravitationalConstant: -120, centralGravity: 0.02, springLength: 130, springConstant: 0.06, avoidOverlap: 1 },
    statements: { gravitationalConstant: -45, centralGravity: 0.02, springLength: 60, springConstant: 0.08, avoidOverlap: 0.4 },
  };
  var LABEL_LIMIT = 2000;  // more edges than this: no edge labels (they only show once zoomed in anyway)

  var state = {
    view: "actors",
    types: new Set(data.types.map(function (t) { return t.id; })),
    actor: "",
  };

  // ---- small helpers -------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function typeOf(id) {
    return typeById.get(id) || { id: id, verb: id, family: "neutral", label: id, count: 0 };
  }
  function colorOfType(id) { return familyColor[typeOf(id).family] || "#8a8f98"; }
  function actorName(id) { var a = actorById.get(id); return a ? a.label : id; }
  function fold(text) {
    return String(text || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
  }
  function shorten(text, size) {
    text = String(text || "");
    return text.length > size ? text.slice(0, size - 1).trimEnd() + "\u2026" : text;
  }
  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function shade(hex, factor) {
    var n = parseInt(hex.slice(1), 16);
    var channel = function (shift) { return Math.max(0, Math.min(255, Math.round(((n >> shift) & 255) * factor))); };
    return "rgb(" + channel(16) + "," + channel(8) + "," + channel(0) + ")";
  }

  // ---- descriptions: tooltips and the details panel, built as DOM text --------

  function describeActor(actor) {
    var box = el("div", "tip");
    box.appendChild(el("div", "head", actor.label));
    var facts = [actor.kind, actor.country, actor.role].filter(Boolean).join(" \u00b7 ");
    if (facts) box.appendChild(el("div", "sub", facts));
    box.appendChild(el("div", null, "Speaks " + plural(actor.spoken, "statement") + ", targeted by " + actor.received));
    if (actor.qid) box.appendChild(el("div", "sub", "Wikidata " + actor.qid));
    return box;
  }

  function statementLine(st) {
    var targets = st.targets.map(function (t) { return actorName(t[0]); }).join(", ");
    return actorName(st.speaker) + " " + typeOf(st.type).verb + (targets ? " " + targets : "");
  }

  function describeStatement(st) {
    var box = el("div", "tip");
    box.appendChild(el("div", "head", statementLine(st)));
    var flags = [typeOf(st.type).label + " (" + typeOf(st.type).family + ")"];
    if (st.topic) flags.push("topic: " + st.topic);
    if (st.negated) flags.push("negated");
    if (st.hedged) flags.push("hedged");
    box.appendChild(el("div", "sub", flags.join(" \u00b7 ")));
    box.appendChild(el("blockquote", null, st.quoted ? "\u00ab " + st.text + " \u00bb" : st.text));
    box.appendChild(el("div", "sub", "Speaker: " + actorName(st.speaker) + " \u00b7 " + (st.date || "undated")));
    box.appendChild(el("div", "sub", (st.articles.length > 1 ? "Articles: " : "Article: ") + st.articles.join(", ")));
    return box;
  }

  function describeActorEdge(edge) {
    var box = el("div", "tip");
    box.appendChild(el("div", "head", actorName(edge.from) + " " + typeOf(edge.type).verb + " " + actorName(edge.to)));
    var when = edge.first ? (edge.first === edge.last ? edge.first : edge.first + " \u2192 " + edge.last) : "undated";
    box.appendChild(el("div", "sub", plural(edge.weight, "statement") + " \u00b7 " + when));
    var list = el("ul");
    edge.statements.slice(0, 5).forEach(function (id) {
      var st = statementById.get(id);
      var item = el("li");
      item.appendChild(el("span", null, (st.date || "undated") + " \u2014 "));
      item.appendChild(el("q", null, shorten(st.text, 160)));
      item.appendChild(el("span", "sub", " (" + st.articles.join(", ") + ")"));
      list.appendChild(item);
    });
    box.appendChild(list);
    if (edge.statements.length > 5) box.appendChild(el("div", "sub", "\u2026 and " + (edge.statements.length - 5) + " more"));
    return box;
  }

  // ---- the two views as vis DataSets -----------------------------------------

  function actorNode(actor) {
    var fill = kindColor[actor.kind] || "#cccccc";
    return {
      id: actor.id, label: actor.label, value: Math.max(1, actor.spoken + actor.received),
      shape: "dot", kgKind: "actor", title: describeActor(actor),
      color: { background: fill, border: shade(fill, 0.62), highlight: { background: fill, border: "#1f2430" },
               hover: { background: fill, border: "#1f2430" } },
      font: { color: "#1f2430", strokeWidth: 4, strokeColor: "#ffffff" },
    };
  }

  function curve(edges) {
    // Parallel edges between the same two nodes bend by different amounts.
    var seen = {};
    edges.forEach(function (edge) {
      var pair = edge.from < edge.to ? edge.from + "\u0000" + edge.to : edge.to + "\u0000" + edge.from;
      var index = seen[pair] = (seen[pair] === undefined ? 0 : seen[pair] + 1);
      edge.smooth = { enabled: true, type: "curvedCW", roundness: Math.min(0.1 + 0.12 * index, 0.7) };
    });
    return edges;
  }

  function buildActorView() {
    var nodes = data.actors.map(actorNode);
    var edges = curve(data.actorEdges.map(function (edge, i) {
      var color = colorOfType(edge.type);
      return {
        id: "a" + i, from: edge.from, to: edge.to, kgType: edge.type,
        kgLabel: typeOf(edge.type).verb + (edge.weight > 1 ? " \u00d7" + edge.weight : ""),
        width: 1.5 + 2 * Math.log2(edge.weight), arrows: { to: { enabled: true, scaleFactor: 0.6 } },
        color: { color: color, highlight: color, hover: color, opacity: 0.85 },
        title: describeActorEdge(edge),
      };
    }));
    return { nodes: nodes, edges: edges, positions: data.positions && data.positions.actors };
  }

  function buildStatementView() {
    var nodes = data.actors.map(actorNode);
    var edges = [];
    data.statements.forEach(function (st) {
      var color = colorOfType(st.type);
      nodes.push({
        id: st.id, label: st.topic ? shorten(st.topic, 32) : "(" + typeOf(st.type).label + ")", shape: "box", kgKind: "statement", title: describeStatement(st),
        color: { background: "#ffffff", border: color, highlight: { background: "#f3f4f7", border: color },
                 hover: { background: "#f3f4f7", border: color } },
        borderWidth: 2, margin: 5, font: { size: 12, color: "#1f2430" }, shapeProperties: { borderRadius: 4 },
      });
      edges.push({
        id: st.id + ">speaker", from: st.speaker, to: st.id, kgType: st.type, kgStatement: st.id,
        kgLabel: typeOf(st.type).verb, width: 2, arrows: { to: { enabled: true, scaleFactor: 0.55 } },
        color: { color: color, highlight: color, hover: color }, title: describeStatement(st),
      });
      st.targets.forEach(function (target) {
        edges.push({
          id: st.id + ">" + target[1] + ">" + target[0], from: st.id, to: target[0], kgType: st.type, kgStatement: st.id,
          kgLabel: target[1], width: 1.5, dashes: target[1] === "addressee" ? [6, 4] : false,
          arrows: { to: { enabled: true, scaleFactor: 0.55 } },
          color: { color: color, highlight: color, hover: color, opacity: 0.7 }, title: describeStatement(st),
        });
      });
    });
    return { nodes: nodes, edges: curve(edges), positions: data.positions && data.positions.statements };
  }

  // ---- filtering ---------------------------------------------------------------

  function edgeVisible(edge) {
    if (!state.types.has(edge.kgType)) return false;
    if (!state.actor) return true;
    if (edge.kgStatement) {
      var st = statementById.get(edge.kgStatement);
      return st.speaker === state.actor || st.targets.some(function (t) { return t[0] === state.actor; });
    }
    return edge.from === state.actor || edge.to === state.actor;
  }

  var spokenTypes = new Map();  // actor id -> the types of its statements
  data.statements.forEach(function (st) {
    if (!spokenTypes.has(st.speaker)) spokenTypes.set(st.speaker, []);
    spokenTypes.get(st.speaker).push(st.type);
  });
  function ownTypes(actorId) { return spokenTypes.get(actorId) || []; }

  function computeVisible(view) {
    var edges = new Set();
    var nodes = new Set();
    view.edgeSet.forEach(function (edge) {
      if (edgeVisible(edge)) {
        edges.add(edge.id);
        nodes.add(edge.from);
        nodes.add(edge.to);
      }
    });
    view.isolated.forEach(function (id) {  // speakers whose statements have no target
      if ((!state.actor || state.actor === id) && ownTypes(id).some(function (t) { return state.types.has(t); })) nodes.add(id);
    });
    view.visibleNodes = nodes;
    view.visibleEdges = edges;
  }

  // ---- drawing ---------------------------------------------------------------

  var views = {};
  var container = document.getElementById("graph");

  function options(view) {
    var fixed = Boolean(view.positions);
    return {
      autoResize: true,
      layout: { randomSeed: 7, improvedLayout: !fixed && view.nodeCount < 150 },
      physics: fixed ? false : {
        enabled: true, solver: "forceAtlas2Based",
        forceAtlas2Based: PHYSICS[view.name],
        stabilization: { enabled: true, iterations: 600, fit: true },
      },
      nodes: {
        scaling: { min: 9, max: 40, label: { enabled: true, min: 14, max: 26, drawThreshold: 6 } },
        font: { face: "system-ui, DejaVu Sans, sans-serif" },
      },
      edges: {
        font: { size: 10, face: "system-ui, DejaVu Sans, sans-serif", color: "#4a4f5c", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
        scaling: { label: { drawThreshold: 9 } },  // edge labels appear once zoomed in enough to read them
        selectionWidth: 1.5, hoverWidth: 0.8,
      },
      interaction: { hover: true, tooltipDelay: 120, hideEdgesOnDrag: view.edgeSet.length > 1500, keyboard: false },
    };
  }

  function makeView(name) {
    var built = name === "actors" ? buildActorView() : buildStatementView();
    var div = el("div", "canvas");
    div.style.cssText = "position:absolute;inset:0;";
    container.appendChild(div);
    var linked = new Set();
    built.edges.forEach(function (e) { linked.add(e.from); linked.add(e.to); });
    if (built.positions) {
      built.nodes.forEach(function (node) {
        var xy = built.positions[node.id];
        if (xy) { node.x = xy[0]; node.y = xy[1]; }
      });
    }
    var view = {
      name: name, div: div, positions: built.positions, edgeSet: built.edges, nodeCount: built.nodes.length,
      isolated: built.nodes.filter(function (n) { return !linked.has(n.id); }).map(function (n) { return n.id; }),
      labels: built.edges.length <= LABEL_LIMIT, ready: false,
    };
    built.edges.forEach(function (e) { if (view.labels && e.kgLabel !== "about") e.label = e.kgLabel; });
    computeVisible(view);
    view.nodes = new vis.DataSet(built.nodes);
    view.edges = new vis.DataSet(built.edges);
    view.nodeView = new vis.DataView(view.nodes, { filter: function (n) { return view.visibleNodes.has(n.id); } });
    view.edgeView = new vis.DataView(view.edges, { filter: function (e) { return view.visibleEdges.has(e.id); } });
    view.network = new vis.Network(div, { nodes: view.nodeView, edges: view.edgeView }, options(view));
    var settle = function () {
      view.network.setOptions({ physics: false });
      view.ready = true;
      if (views[name]) updateStatus();
    };
    if (built.positions) settle();
    else view.network.once("stabilizationIterationsDone", settle);
    view.network.on("click", function (params) {
      if (params.nodes.length) showDetails(view, params.nodes[0]);
      else if (params.edges.length) showEdgeDetails(view, params.edges[0]);
      else detailsCard.hidden = true;
    });
    return view;
  }

  function current() { return views[state.view]; }

  function refresh() {
    Object.keys(views).forEach(function (name) {
      var view = views[name];
      computeVisible(view);
      view.nodeView.refresh();
      view.edgeView.refresh();
    });
    updateStatus();
  }

  function setView(name) {
    state.view = name;
    if (!views[name]) views[name] = makeView(name);
    Object.keys(views).forEach(function (key) { views[key].div.style.display = key === name ? "block" : "none"; });
    computeVisible(views[name]);
    views[name].nodeView.refresh();
    views[name].edgeView.refresh();
    views[name].network.redraw();
    views[name].network.fit();
    document.getElementById("view-" + name).checked = true;
    updateStatus();
  }

  function counts() {
    var view = current();
    return { view: view.name, nodes: view.nodeView.length, edges: view.edgeView.length,
             totalNodes: view.nodes.length, totalEdges: view.edges.length, ready: view.ready };
  }

  function updateStatus() {
    var c = counts();
    var text = (c.view === "actors" ? "Actors" : "Statements") + " view \u00b7 " + plural(c.nodes, "node") + " \u00b7 " + plural(c.edges, "edge");
    if (c.nodes !== c.totalNodes || c.edges !== c.totalEdges) text += " shown (of " + c.totalNodes + " / " + c.totalEdges + ")";
    if (!current().labels) text += " \u00b7 edge labels off (hover an edge for details)";
    var status = document.getElementById("status");
    status.textContent = text;
    status.dataset.nodes = c.nodes;
    status.dataset.edges = c.edges;
  }

  // ---- details panel -----------------------------------------------------------

  var details = document.getElementById("details");
  var detailsCard = document.getElementById("details-card");

  function pin(element) {
    details.replaceChildren(element);
    detailsCard.hidden = false;
  }

  function actorStatements(actorId) {
    // The actor's statements, newest first, as a list under its description.
    var box = describeActor(actorById.get(actorId));
    var mine = data.statements.filter(function (st) {
      return st.speaker === actorId || st.targets.some(function (t) { return t[0] === actorId; });
    }).sort(function (a, b) { return (b.date || "").localeCompare(a.date || ""); });
    var list = el("ul");
    mine.slice(0, 12).forEach(function (st) {
      var item = el("li");
      item.appendChild(el("span", null, statementLine(st) + " (" + (st.date || "undated") + "): "));
      item.appendChild(el("q", null, shorten(st.text, 140)));
      list.appendChild(item);
    });
    box.appendChild(list);
    if (mine.length > 12) box.appendChild(el("div", "sub", "\u2026 and " + (mine.length - 12) + " more"));
    return box;
  }

  function showDetails(view, id) {
    if (actorById.has(id)) pin(actorStatements(id));
    else if (statementById.has(id)) pin(describeStatement(statementById.get(id)));
  }

  function showEdgeDetails(view, edgeId) {
    var edge = view.edges.get(edgeId);
    if (!edge) return;
    if (edge.kgStatement) pin(describeStatement(statementById.get(edge.kgStatement)));
    else pin(describeActorEdge(data.actorEdges[Number(edgeId.slice(1))]));
  }

  // ---- search ----------------------------------------------------------------

  function search(query) {
    var result = document.getElementById("search-result");
    var wanted = fold(query);
    if (!wanted) { result.textContent = ""; return null; }
    var view = current();
    var ranked = [];
    view.nodes.forEach(function (node) {
      var st = statementById.get(node.id);
      var label = fold(actorById.has(node.id) ? actorById.get(node.id).label : st.label);
      var rank = label === wanted ? 0 : label.indexOf(wanted) === 0 ? 1 : label.indexOf(wanted) >= 0 ? 2
        : st && fold(st.text).indexOf(wanted) >= 0 ? 3 : -1;
      if (rank >= 0) ranked.push([rank, view.visibleNodes.has(node.id) ? 0 : 1, node.id]);
    });
    ranked.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : 1); });
    if (!ranked.length) { result.textContent = "No match in this view."; return null; }
    var id = ranked[0][2];
    var name = actorById.has(id) ? actorById.get(id).label : statementById.get(id).label;
    var where = ranked[0][0] === 3 ? " (in what was said)" : "";
    if (!view.visibleNodes.has(id)) {
      result.textContent = "\u201c" + name + "\u201d is hidden by the filters.";
      return null;
    }
    view.network.selectNodes([id]);
    showDetails(view, id);
    // Centre the node in the part of the canvas the details card leaves free. No animation:
    // overlapping focus animations leave vis-network redrawing a stale view.
    var shift = detailsCard.hidden ? 0 : -(detailsCard.offsetWidth + 12) / 2;
    view.network.focus(id, { scale: Math.max(view.network.getScale(), 1.1), offset: { x: shift, y: 0 }, locked: false, animation: false });
    result.textContent = "Found \u201c" + name + "\u201d" + where + (ranked.length > 1 ? ", " + ranked.length + " matches" : "") + ".";
    return id;
  }

  // ---- side panel -----------------------------------------------------------------

  function swatch(className, color) {
    var box = el("span", className);
    if (className === "swatch-box") box.style.borderColor = color;
    else box.style.background = color;
    return box;
  }

  function buildPanel() {
    var dates = data.statements.map(function (s) { return s.date; }).filter(Boolean).sort();
    document.getElementById("summary").textContent = plural(data.statements.length, "statement") + " \u00b7 " +
      plural(data.actors.length, "actor") + (dates.length ? " \u00b7 " + dates[0] + " \u2013 " + dates[dates.length - 1] : "");

    var filters = document.getElementById("type-filters");
    data.families.forEach(function (family) {
      var head = el("div", "family item");
      head.appendChild(swatch("swatch-line", family.color));
      head.appendChild(el("span", null, family.id));
      filters.appendChild(head);
      data.types.filter(function (t) { return t.family === family.id && t.count > 0; }).forEach(function (t) {
        var label = el("label");
        var box = el("input");
        box.type = "checkbox";
        box.checked = true;
        box.value = t.id;
        box.dataset.type = t.id;
        box.addEventListener("change", function () {
          if (box.checked) state.types.add(t.id); else state.types.delete(t.id);
          refresh();
        });
        label.appendChild(box);
        label.appendChild(el("span", null, t.verb));
        label.appendChild(el("span", "count", t.count));
        filters.appendChild(label);
      });
    });
    var setAll = function (on) {
      filters.querySelectorAll("input[type=checkbox]").forEach(function (box) {
        box.checked = on;
        if (on) state.types.add(box.value); else state.types.delete(box.value);
      });
      refresh();
    };
    document.getElementById("types-all").addEventListener("click", function () { setAll(true); });
    document.getElementById("types-none").addEventListener("click", function () { setAll(false); });

    var kinds = document.getElementById("kind-legend");
    data.kinds.forEach(function (kind) {
      var n = data.actors.filter(function (a) { return a.kind === kind.id; }).length;
      if (!n) return;
      var item = el("div", "item");
      item.appendChild(swatch("swatch-dot", kind.color));
      item.appendChild(el("span", null, kind.id));
      item.appendChild(el("span", "count", n));
      kinds.appendChild(item);
    });
    var stItem = el("div", "item");
    stItem.appendChild(swatch("swatch-box", "#8a8f98"));
    stItem.appendChild(el("span", null, "statement, labelled with its topic"));
    kinds.appendChild(stItem);
    var dashed = el("div", "item");
    dashed.appendChild(el("span", "swatch-dash"));
    dashed.appendChild(el("span", null, "addressed to (statements view)"));
    kinds.appendChild(dashed);

    var select = document.getElementById("actor-filter");
    var names = document.getElementById("search-names");
    data.actors.slice().sort(function (a, b) { return a.label.localeCompare(b.label, "fr"); }).forEach(function (actor) {
      var option = el("option", null, actor.label + " (" + (actor.spoken + actor.received) + ")");
      option.value = actor.id;
      select.appendChild(option);
      var name = el("option");
      name.value = actor.label;
      names.appendChild(name);
    });
    select.addEventListener("change", function () { state.actor = select.value; refresh(); current().network.fit(); });

    var input = document.getElementById("search");
    var searched = null;  // Enter also fires "change": search once
    var run = function () { searched = input.value; search(input.value); };
    input.addEventListener("keydown", function (event) { if (event.key === "Enter") run(); });
    input.addEventListener("change", function () { if (input.value !== searched) run(); });

    document.querySelectorAll("input[name=view]").forEach(function (radio) {
      radio.addEventListener("change", function () { if (radio.checked) setView(radio.value); });
    });
  }

  document.getElementById("details-close").addEventListener("click", function () { detailsCard.hidden = true; });
  buildPanel();
  setView("actors");
  window.kg = { data: data, views: views, state: state, counts: counts, setView: setView, search: search, refresh: refresh };
})();
