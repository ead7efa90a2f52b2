// The SPARQL editor: YASGUI (vendored in /static/yasgui) on this server's /sparql endpoint.
// Offline by construction: no endpoint catalogue, no prefix.cc or LOV autocompletion; the
// "Names" results view asks /sparql for the English labels of the IRIs in the answer and links
// akr: resources to their pages.
(function () {
  "use strict";
  const holder = document.getElementById("yasgui");
  const picker = document.getElementById("examples");
  const status = document.getElementById("status");
  const examples = JSON.parse(picker.dataset.examples || "[]");
  const prefixes = JSON.parse(holder.dataset.prefixes || "{}");
  const AKR = prefixes.akr || "https://w3id.org/augustkg/resource/";
  const RDFS = "http://www.w3.org/2000/01/rdf-schema#";
  const prologue = Object.entries(prefixes).map(([p, iri]) => "PREFIX " + p + ": <" + iri + ">").join("\n") + "\n";

  function el(tag, content, attrs) {
    const node = document.createElement(tag);
    if (content !== undefined) node.textContent = content;
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  function shorten(iri) {
    for (const [p, base] of Object.entries(prefixes)) if (iri.startsWith(base)) return p + ":" + iri.slice(base.length);
    return iri;
  }

  async function labelsOf(iris) {
    if (!iris.length) return {};
    const values = iris.map((i) => "<" + i + ">").join(" ");
    const query = "SELECT ?s (SAMPLE(?l) AS ?label) WHERE { VALUES ?s { " + values + " } ?s <" + RDFS +
      "label> ?l FILTER(LANGMATCHES(LANG(?l), 'en') || LANG(?l) = '') } GROUP BY ?s";
    const response = await fetch("/sparql", { method: "POST", body: query,
      headers: { "Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json" } });
    if (!response.ok) return {};
    const found = {};
    (await response.json()).results.bindings.forEach((b) => { found[b.s.value] = b.label.value; });
    return found;
  }

  // A Yasr plugin: the answer as a table of names, each a link (to its resource page for akr:),
  // with the IRI on hover.
  class Names {
    constructor(yasr) { this.yasr = yasr; this.priority = 20; this.label = "Names"; }
    canHandleResults() {
      const r = this.yasr.results;
      try { return !!r && r.getVariables().length > 0; } catch (e) { return false; }
    }
    getIcon() { return el("span", "≡"); }
    async draw() {
      const r = this.yasr.results, vars = r.getVariables(), rows = r.getBindings();
      const iris = new Set();
      rows.forEach((row) => vars.forEach((v) => { if (row[v] && row[v].type === "uri") iris.add(row[v].value); }));
      const labels = await labelsOf([...iris].slice(0, 2000));
      const table = el("table", undefined, { class: "names" }), head = el("tr"), body = el("tbody");
      vars.forEach((v) => head.appendChild(el("th", v)));
      table.appendChild(el("thead")).appendChild(head);
      rows.forEach((row) => {
        const tr = el("tr");
        vars.forEach((v) => {
          const term = row[v], td = el("td");
          if (term && term.type === "uri") {
            const local = term.value.startsWith(AKR) ? term.value.slice(AKR.length) : null;
            const text = labels[term.value] || shorten(term.value);
            // Only web addresses become links: a javascript:, data: or vbscript: IRI is shown as text.
            if (local || /^https?:\/\//i.test(term.value)) {
              td.appendChild(el("a", text,
                { href: local ? "/resource/" + encodeURIComponent(local) : term.value, title: term.value }));
            } else {
              td.appendChild(el("span", text, { class: "iri", title: term.value }));
            }
          } else if (term) {
            td.textContent = term.value;
            if (term["xml:lang"]) td.appendChild(el("small", " @" + term["xml:lang"]));
          }
          tr.appendChild(td);
        });
        body.appendChild(tr);
      });
      table.appendChild(body);
      this.yasr.resultsEl.appendChild(el("p", rows.length + " row(s)", { class: "count" }));
      this.yasr.resultsEl.appendChild(table);
    }
  }

  function start() {
    Yasgui.Yasr.registerPlugin("names", Names);
    Yasgui.Yasqe.defaults.autocompleters = ["variables"];  // the others ask prefix.cc and LOV
    const yasgui = new Yasgui(holder, {
      requestConfig: { endpoint: "/sparql", method: "POST" },
      copyEndpointOnNewTab: true,
      endpointCatalogueOptions: { getData: () => [] },
      populateFromUrl: false,
      persistenceId: null,
      yasqe: { value: prologue + holder.dataset.start },
      yasr: { prefixes: prefixes, defaultPlugin: "names", pluginOrder: ["names", "table", "response"] },
    });
    window.augustYasgui = yasgui;
    picker.addEventListener("change", function () {
      const chosen = examples[Number(picker.value)];
      if (!chosen) return;
      const tab = yasgui.addTab(true, { name: chosen.name });
      yasgui.selectTabId(tab.getId());
      tab.setQuery(prologue + chosen.text);
    });
    yasgui.on("queryResponse", function () { status.textContent = "done"; });
  }

  if (window.Yasgui) start(); else window.addEventListener("load", start);
})();
