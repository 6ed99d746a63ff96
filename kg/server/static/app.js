// The query page of `kg serve`: named queries as examples, results as a table.
// Everything that comes from the server is written with textContent, never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
let catalog = [];

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (cls) node.className = cls;
  return node;
}

function setStatus(text, isError) {
  const status = $("status");
  status.textContent = text;
  status.className = isError ? "error" : "";
}

function clearResults() {
  $("table-wrap").replaceChildren();
  const pre = $("graph-text");
  pre.hidden = true;
  pre.textContent = "";
}

function termCell(term) {
  const td = el("td");
  if (!term) return td;
  if (term.type === "uri") {
    const a = el("a", term.value);
    if (/^https?:\/\//.test(term.value)) a.href = term.value;
    a.rel = "noopener noreferrer";
    td.appendChild(a);
  } else if (term.type === "bnode") {
    td.textContent = "_:" + term.value;
  } else {
    td.appendChild(el("span", term.value));
    if (term["xml:lang"]) td.appendChild(el("span", "@" + term["xml:lang"], "lang"));
    else if (term.datatype) td.appendChild(el("span", term.datatype.replace(/^.*[#/]/, ""), "dtype"));
  }
  return td;
}

function showResults(data, seconds) {
  clearResults();
  if (typeof data.boolean === "boolean") {
    setStatus("ASK: " + data.boolean + " (" + seconds + " s)");
    return;
  }
  const vars = data.head.vars;
  const table = el("table");
  const head = el("tr");
  vars.forEach((v) => head.appendChild(el("th", v)));
  table.appendChild(el("thead")).appendChild(head);
  const body = el("tbody");
  data.results.bindings.forEach((row) => {
    const tr = el("tr");
    vars.forEach((v) => tr.appendChild(termCell(row[v])));
    body.appendChild(tr);
  });
  table.appendChild(body);
  $("table-wrap").appendChild(table);
  setStatus(data.results.bindings.length + " row(s) in " + seconds + " s");
}

async function fetchAndShow(url, options) {
  clearResults();
  setStatus("running…");
  const started = performance.now();
  let response;
  try {
    response = await fetch(url, options);
  } catch (err) {
    setStatus("request failed: " + err, true);
    return;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  const type = response.headers.get("content-type") || "";
  if (!response.ok) {
    setStatus("HTTP " + response.status + ": " + (await response.text()), true);
    return;
  }
  if (type.startsWith("application/sparql-results+json")) {
    showResults(await response.json(), seconds);
  } else {
    const pre = $("graph-text");
    pre.textContent = await response.text();
    pre.hidden = false;
    setStatus("graph result (" + type + ") in " + seconds + " s");
  }
}

function runSparql(event) {
  event.preventDefault();
  const body = new URLSearchParams({ query: $("query").value });
  fetchAndShow("/sparql", {
    method: "POST",
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Accept: "application/sparql-results+json, " + $("graph-format").value + ";q=0.9",
    },
    body: body,
  });
}

function selectedQuery() {
  return catalog.find((q) => q.name === $("named-select").value);
}

function showParams() {
  const q = selectedQuery();
  const box = $("named-params");
  box.replaceChildren();
  if (!q) return;
  $("named-description").textContent = q.description;
  q.params.forEach((p) => {
    const label = el("label", p.name + (p.required ? " (required) " : " "));
    const input = el("input");
    input.name = p.name;
    input.placeholder = p.kind;
    input.title = p.description;
    input.required = p.required;
    input.addEventListener("input", updateGraphLink);
    label.appendChild(input);
    box.appendChild(label);
  });
  updateGraphLink();
}

function namedParams() {
  const params = new URLSearchParams();
  $("named-params").querySelectorAll("input").forEach((input) => {
    if (input.value.trim()) params.append(input.name, input.value.trim());
  });
  return params.toString();
}

function updateGraphLink() {
  const q = selectedQuery();
  if (!q) return;
  const query = namedParams();
  $("named-graph").href = "/graph/queries/" + encodeURIComponent(q.name) + (query ? "?" + query : "");
}

function runNamed(event) {
  event.preventDefault();
  const q = selectedQuery();
  if (!q) return;
  const query = namedParams();
  fetchAndShow("/queries/" + encodeURIComponent(q.name) + (query ? "?" + query : ""), {
    headers: { Accept: "application/sparql-results+json" },
  });
}

async function init() {
  $("sparql-form").addEventListener("submit", runSparql);
  $("named-form").addEventListener("submit", runNamed);
  $("named-select").addEventListener("change", showParams);
  $("named-edit").addEventListener("click", () => {
    const q = selectedQuery();
    if (q) $("query").value = q.sparql;
  });
  try {
    const limits = await (await fetch("/config.json")).json();
    $("limits").textContent =
      "Time-out " + limits.timeout + " s, at most " + limits.maxRows + " rows per result" +
      (limits.update ? ", updates enabled (with the token)." : ", read-only.");
    if (!limits.graphView) {
      $("named-graph").hidden = true;
      $("neighbourhood").hidden = true;
    }
    catalog = await (await fetch("/queries")).json();
  } catch (err) {
    setStatus("could not load the named queries: " + err, true);
    return;
  }
  catalog.forEach((q) => {
    const option = el("option", q.name + " — " + q.description);
    option.value = q.name;
    $("named-select").appendChild(option);
  });
  showParams();
}

document.addEventListener("DOMContentLoaded", init);
