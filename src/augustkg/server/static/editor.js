// The SPARQL editor: load an example, POST the query to /sparql, show the answer as a table.
(function () {
  "use strict";
  const form = document.getElementById("editor");
  const text = document.getElementById("query");
  const picker = document.getElementById("examples");
  const status = document.getElementById("status");
  const out = document.getElementById("results");
  const examples = JSON.parse(picker.dataset.examples || "[]");
  const AKR = "https://w3id.org/augustkg/resource/";

  picker.addEventListener("change", function () {
    const chosen = examples[Number(picker.value)];
    if (chosen) text.value = chosen.text;
  });

  function el(tag, content, attrs) {
    const node = document.createElement(tag);
    if (content !== undefined) node.textContent = content;
    Object.entries(attrs || {}).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  function cell(term) {
    const td = el("td");
    if (!term) return td;
    if (term.type === "uri") {
      const local = term.value.startsWith(AKR) ? term.value.slice(AKR.length) : null;
      td.appendChild(el("a", local ? "akr:" + local : term.value,
        { href: local ? "/resource/" + encodeURIComponent(local) : term.value, title: term.value }));
    } else {
      td.textContent = term.value;
      if (term["xml:lang"]) td.appendChild(el("small", " @" + term["xml:lang"]));
    }
    return td;
  }

  function render(answer) {
    out.replaceChildren();
    if ("boolean" in answer) { out.appendChild(el("p", answer.boolean ? "yes" : "no", { class: "boolean" })); return; }
    const vars = answer.head.vars, rows = answer.results.bindings;
    out.appendChild(el("p", rows.length + " row(s)", { class: "count" }));
    const table = el("table"), head = el("tr"), body = el("tbody");
    vars.forEach((v) => head.appendChild(el("th", v)));
    table.appendChild(el("thead")).appendChild(head);
    rows.forEach((row) => {
      const tr = el("tr");
      vars.forEach((v) => tr.appendChild(cell(row[v])));
      body.appendChild(tr);
    });
    table.appendChild(body);
    out.appendChild(table);
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    status.textContent = "running…";
    const started = performance.now();
    try {
      const response = await fetch("/sparql", {
        method: "POST",
        headers: { "Content-Type": "application/sparql-query",
                   "Accept": "application/sparql-results+json, text/turtle;q=0.9" },
        body: text.value,
      });
      const type = response.headers.get("Content-Type") || "";
      const seconds = ((performance.now() - started) / 1000).toFixed(2);
      if (!response.ok) {
        out.replaceChildren(el("pre", await response.text(), { class: "error" }));
        status.textContent = "error " + response.status;
      } else if (type.includes("json")) {
        render(await response.json());
        status.textContent = "done in " + seconds + " s";
      } else {
        out.replaceChildren(el("pre", await response.text()));
        status.textContent = "done in " + seconds + " s";
      }
    } catch (err) {
      out.replaceChildren(el("pre", String(err), { class: "error" }));
      status.textContent = "failed";
    }
  });
})();
