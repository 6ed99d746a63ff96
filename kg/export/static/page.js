/* kg's interactive graph page. Reads the graph from the JSON element #kg-data, draws it with
   Cytoscape.js at the positions computed by `kg export`, and fills the side panels.
   All text goes in with textContent (never innerHTML), so names cannot inject markup. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var N = data.nodes, E = data.edges;
  var colours = {};
  data.types.forEach(function (t) { colours[t[0]] = t[1]; });

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function safeHref(a, url) {
    if (/^https?:\/\//i.test(url)) { a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer"; }
  }
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function size(degree) { return Math.min(12 + 7 * Math.sqrt(degree), 80); }

  // -- graph -------------------------------------------------------------------------------
  var elements = [];
  N.forEach(function (n, i) {
    elements.push({ group: "nodes", data: { id: "n" + i, i: i, label: n[1], type: n[2], colour: colours[n[2]] || "#BBBBBB",
      size: size(n[5]) }, position: { x: n[6], y: n[7] } });
  });
  E.forEach(function (e, i) {
    elements.push({ group: "edges", data: { id: "e" + i, i: i, source: "n" + e[0], target: "n" + e[1], relation: e[2] } });
  });
  var big = E.length > 3000;
  var cy = cytoscape({
    container: document.getElementById("cy"),
    elements: elements,
    layout: { name: "preset", fit: true, padding: 30 },
    minZoom: 0.02, maxZoom: 6,
    textureOnViewport: big, hideEdgesOnViewport: big, motionBlur: false, pixelRatio: big ? 1 : "auto",
    style: [
      { selector: "node", style: {
        "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
        "label": "data(label)", "font-size": 10, "text-valign": "bottom", "text-margin-y": 2,
        "text-wrap": "ellipsis", "text-max-width": 140, "min-zoomed-font-size": 7,
        "border-width": 0.6, "border-color": "#333" } },
      { selector: "edge", style: {
        "width": 1, "line-color": "#b8b8b8", "curve-style": big ? "haystack" : "bezier",
        "target-arrow-shape": big ? "none" : "triangle", "target-arrow-color": "#b8b8b8", "arrow-scale": 0.7,
        "label": "data(relation)", "font-size": 8, "color": "#555", "text-rotation": "autorotate",
        "min-zoomed-font-size": 6, "text-background-color": "#fcfcfc", "text-background-opacity": 0.8 } },
      { selector: "edge.nolabel", style: { "label": "" } },
      { selector: ".hidden", style: { "display": "none" } },
      { selector: "node.match", style: { "border-width": 3, "border-color": "#111" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#e00" } },
      { selector: "edge.near", style: { "line-color": "#e06666", "target-arrow-color": "#e06666", "width": 2 } }
    ]
  });

  var adjacency = N.map(function () { return []; });
  E.forEach(function (e, i) { adjacency[e[0]].push(i); if (e[1] !== e[0]) adjacency[e[1]].push(i); });

  // -- counts and sampling note --------------------------------------------------------------
  function updateCounts() {
    var nodes = cy.nodes().not(".hidden").length;
    var edges = cy.edges().filter(function (e) { return e.visible(); }).length;
    document.getElementById("node-count").textContent = nodes.toLocaleString("en");
    document.getElementById("edge-count").textContent = edges.toLocaleString("en");
    document.body.setAttribute("data-visible-nodes", String(nodes));
  }
  document.getElementById("generated").textContent = "Written by kg export on " + data.generated + ".";
  document.body.setAttribute("data-nodes", String(N.length));
  document.body.setAttribute("data-edges", String(E.length));
  if (data.sampled) {
    var note = document.getElementById("sample-note");
    note.hidden = false;
    note.textContent = "Sampled: showing the " + N.length.toLocaleString("en") + " most connected of " +
      data.total_nodes.toLocaleString("en") + " nodes (" + E.length.toLocaleString("en") + " of " +
      data.total_edges.toLocaleString("en") + " edges).";
  }

  // -- filters -----------------------------------------------------------------------------
  var typeOn = {};
  var legend = document.getElementById("legend");
  var typeCounts = {};
  N.forEach(function (n) { typeCounts[n[2]] = (typeCounts[n[2]] || 0) + 1; });
  data.types.forEach(function (t) {
    typeOn[t[0]] = true;
    var li = el("li"), label = el("label"), box = el("input");
    box.type = "checkbox"; box.checked = true; box.setAttribute("data-type", t[0]);
    box.addEventListener("change", function () { typeOn[t[0]] = box.checked; applyFilters(); });
    var swatch = el("span", null, "swatch"); swatch.style.backgroundColor = t[1];
    label.appendChild(box); label.appendChild(swatch);
    label.appendChild(document.createTextNode(t[0] + " (" + typeCounts[t[0]] + ")"));
    li.appendChild(label); legend.appendChild(li);
  });
  function bound(value, end) {
    value = value.trim();
    if (!value) return end ? "9999-99-99" : "0000-00-00";
    var parts = value.split("-");
    if (parts.length === 1) return value + (end ? "-12-31" : "-01-01");
    if (parts.length === 2) return value + (end ? "-31" : "-01");
    return value;
  }
  function applyFilters() {
    var lo = bound(document.getElementById("date-from").value, false);
    var hi = bound(document.getElementById("date-to").value, true);
    var hideUndated = document.getElementById("hide-undated").checked;
    cy.batch(function () {
      cy.nodes().forEach(function (node) {
        var n = N[node.data("i")], show = typeOn[n[2]] !== false, date = n[4];
        if (date) {
          show = show && bound(date, true) >= lo && bound(date, false) <= hi;
        } else if (hideUndated) {
          show = false;
        }
        if (show) node.removeClass("hidden"); else node.addClass("hidden");
      });
    });
    updateCounts();
  }
  ["date-from", "date-to"].forEach(function (id) { document.getElementById(id).addEventListener("input", applyFilters); });
  document.getElementById("hide-undated").addEventListener("change", applyFilters);
  document.getElementById("edge-labels").addEventListener("change", function (ev) {
    if (ev.target.checked) cy.edges().removeClass("nolabel"); else cy.edges().addClass("nolabel");
  });
  if (big) cy.edges().addClass("nolabel"), (document.getElementById("edge-labels").checked = false);
  document.getElementById("fit").addEventListener("click", function () { cy.fit(cy.nodes().not(".hidden"), 30); });

  // -- search ------------------------------------------------------------------------------
  var folded = N.map(function (n) { return fold(n[1]); });
  function search(query) {
    var q = fold(query.trim()), hits = [];
    if (!q) return hits;
    for (var i = 0; i < N.length; i++) if (folded[i].indexOf(q) >= 0) hits.push(i);
    hits.sort(function (a, b) {
      return (folded[b].indexOf(q) === 0) - (folded[a].indexOf(q) === 0) || N[b][5] - N[a][5];
    });
    return hits;
  }
  var results = document.getElementById("search-results");
  var searchBox = document.getElementById("search");
  function showResults() {
    var hits = search(searchBox.value);
    results.textContent = "";
    cy.nodes(".match").removeClass("match");
    hits.slice(0, 15).forEach(function (i) {
      cy.getElementById("n" + i).addClass("match");
      var li = el("li"), button = el("button", N[i][1] + " (" + (N[i][3] || N[i][2]) + ")");
      button.type = "button"; button.setAttribute("data-iri", N[i][0]);
      button.addEventListener("click", function () { select(i); });
      li.appendChild(button); results.appendChild(li);
    });
    if (searchBox.value.trim() && !hits.length) results.appendChild(el("li", "no node with that name", "hint"));
    if (hits.length > 15) results.appendChild(el("li", (hits.length - 15) + " more…", "hint"));
  }
  searchBox.addEventListener("input", showResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var hits = search(searchBox.value); if (hits.length) select(hits[0]); }
  });

  // -- panel -------------------------------------------------------------------------------
  var panel = document.getElementById("panel");
  document.getElementById("panel-close").addEventListener("click", function () { panel.hidden = true; cy.resize(); });

  function citation(sentenceIndex) {
    var s = data.sentences[sentenceIndex], quote = el("blockquote", s[0], "source");
    quote.appendChild(article(s[1]));
    return quote;
  }
  function article(articleIndex) {
    var a = data.articles[articleIndex], cite = el("cite", null, "cite"), link = el("a", a[1] || a[0]);
    safeHref(link, a[2] || a[0]);
    cite.appendChild(document.createTextNode("— "));
    cite.appendChild(link);
    if (a[3]) cite.appendChild(document.createTextNode(", " + a[3]));
    return cite;
  }
  function nodeLink(i) {
    var a = el("a", N[i][1], "node-link");
    a.setAttribute("role", "button"); a.tabIndex = 0;
    a.addEventListener("click", function () { select(i); });
    return a;
  }
  function showPanel(i) {
    var n = N[i];
    panel.hidden = false;
    document.getElementById("panel-title").textContent = n[1];
    document.getElementById("panel-meta").textContent =
      n[2] + (n[3] && n[3] !== n[2] ? " · " + n[3] : "") + (n[4] ? " · " + n[4] : "") + " · " + n[5] + " connection(s)";
    var iri = document.getElementById("panel-iri");
    iri.textContent = n[0]; iri.removeAttribute("href"); safeHref(iri, n[0]);
    var body = document.getElementById("panel-body");
    body.textContent = "";
    var props = data.properties[String(i)];
    if (props && props.length) {
      body.appendChild(el("h2", "Values"));
      var table = el("table", null, "props");
      props.forEach(function (p) {
        var tr = el("tr"); tr.appendChild(el("td", p[0])); tr.appendChild(el("td", p[1])); table.appendChild(tr);
      });
      body.appendChild(table);
    }
    var facts = adjacency[i];
    body.appendChild(el("h2", "Facts (" + facts.length + ")"));
    facts.slice(0, 200).forEach(function (k) {
      var e = E[k], div = el("div", null, "fact"), line = el("div");
      if (e[0] === i) {
        line.appendChild(el("span", e[2] + " → ", "rel")); line.appendChild(nodeLink(e[1]));
      } else {
        line.appendChild(nodeLink(e[0])); line.appendChild(el("span", " → " + e[2], "rel"));
      }
      div.appendChild(line);
      if (e[3].length) e[3].forEach(function (s) { div.appendChild(citation(s)); });
      else e[4].forEach(function (a) { div.appendChild(article(a)); });
      body.appendChild(div);
    });
    if (facts.length > 200) body.appendChild(el("p", (facts.length - 200) + " more facts not listed.", "hint"));
    var mentions = data.mentions[String(i)];
    if (mentions && mentions.length) {
      body.appendChild(el("h2", "Stated in"));
      mentions.forEach(function (s) { body.appendChild(citation(s)); });
    }
    cy.edges(".near").removeClass("near");
    cy.getElementById("n" + i).connectedEdges().addClass("near");
  }
  function select(i) {
    var node = cy.getElementById("n" + i);
    cy.nodes(":selected").unselect();
    node.removeClass("hidden");
    node.select();
    showPanel(i);
    cy.resize();
    cy.center(node);
  }
  cy.on("tap", "node", function (ev) { showPanel(ev.target.data("i")); cy.resize(); });

  updateCounts();
  window.kg = { cy: cy, data: data, search: function (q) { return search(q).map(function (i) { return N[i][1]; }); },
    select: select, ready: true };
})();
