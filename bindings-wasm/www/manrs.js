// Section 7 of the routeguard page: the MANRS self-check. Builds a Dataset
// from the files given (VRPs, IRR dumps, as-rel, PeeringDB pages, anti-
// spoofing facts, Spoofer results), runs dataset.manrsCheck(asns, routes)
// and shows the report routeguard returns: per-action status, metrics,
// findings with evidence and remedy, a chart of the findings per action, and
// the report (JSON as the CLI writes it, Markdown, HTML) and the remedy files
// as downloads. Every judgement is the report's own; this file only reads
// inputs, calls routeguard and draws what it returned.
import { $, showError as showErrorIn, text } from "./dom.js";
import { fullModule } from "./full-module.js";
import { renderTable } from "./table.js";

/** examples/manrs/ of the repository, relative to the page (www/index.html). */
const SAMPLE_DIR = new URL("../../examples/manrs/", document.baseURI);
const SAMPLE = {
  routes: "routes.txt",
  vrps: "vrps.json",
  irr: ["irr.rpsl"],
  asrel: "asrel.txt",
  peeringdb: ["peeringdb-net.json", "peeringdb-poc.json"],
  savFacts: "facts.json",
  spoofer: ["spoofer.csv"],
};
const SAMPLE_ASNS = "AS1000";
/** Dataset option → file input; `multiple` inputs give a list. */
const FILE_INPUTS = {
  vrps: "manrs-vrps",
  irr: "manrs-irr",
  asrel: "manrs-asrel",
  peeringdb: "manrs-peeringdb",
  savFacts: "manrs-facts",
  spoofer: "manrs-spoofer",
};
const SEVERITIES = ["error", "warning", "info"];
const METRICS = [
  ["m7irr", "M7 IRR: share of own routes with a route object (0–1)"],
  ["m7rpki", "M7 RPKI: share of own routes RPKI valid (0–1)"],
  ["registeredOrValid", "Own routes IRR-registered or RPKI valid (0–1)"],
  ["m3", "M3: own routes with a bogon prefix"],
  ["m3c", "M3C: customer routes with a bogon prefix"],
  ["m4", "M4: routes passing on a bogon ASN"],
  ["m4c", "M4C: customer routes with a bogon ASN"],
  ["m5", "M5: anti-spoofing (0–100, Spoofer)"],
  ["ownRoutes", "Own routes"],
  ["customerRoutes", "Customer routes"],
  ["irrRegistered", "Own routes with a route object"],
  ["caidaAction1", "CAIDA Action 1 test passed"],
  ["caidaAction4", "CAIDA Action 4 test passed"],
];

/** Sample files fetched by "Use MANRS sample data": option → {name, data} or a list of them. */
let sample = null;
let report = null;
let downloadUrls = [];

/** Shows an error in this section's alert (hides it for null). */
const showError = (error) => showErrorIn("manrs-error", error);

const bytesOf = async (file) => new Uint8Array(await file.arrayBuffer());
const words = (s) => s.split(/[\s,]+/).filter((w) => w !== "");

/** The inputs: a chosen file wins over the sample's. Returns {options, routes, names}. */
async function gatherInputs() {
  const options = {};
  const names = [];
  for (const [key, id] of Object.entries(FILE_INPUTS)) {
    const input = $(id);
    const files = [...input.files];
    if (files.length > 0) {
      const data = await Promise.all(files.map(bytesOf));
      options[key] = input.multiple ? data : data[0];
      names.push(...files.map((f) => f.name));
    } else if (sample?.[key]) {
      const s = sample[key];
      options[key] = Array.isArray(s) ? s.map((f) => f.data) : s.data;
      names.push(...(Array.isArray(s) ? s : [s]).map((f) => f.name));
    }
  }
  let routes;
  const routeFile = $("manrs-routes-file").files[0];
  if (routeFile) {
    routes = await bytesOf(routeFile);
    names.unshift(routeFile.name);
  } else if ($("manrs-routes").value.trim() !== "") {
    routes = $("manrs-routes").value;
    names.unshift("pasted routes");
  } else if (sample?.routes) {
    routes = sample.routes.data;
    names.unshift(sample.routes.name);
  } else {
    routes = "";
  }
  return { options, routes, names };
}

function describeInputs() {
  const parts = [];
  for (const id of ["manrs-routes-file", ...Object.values(FILE_INPUTS)]) {
    for (const f of $(id).files) parts.push(f.name);
  }
  const sampleNames = sample
    ? Object.entries(sample).flatMap(([key, v]) => {
      if (key === "routes" ? $("manrs-routes-file").files.length > 0 || $("manrs-routes").value.trim() !== ""
        : $(FILE_INPUTS[key]).files.length > 0) return [];
      return (Array.isArray(v) ? v : [v]).map((f) => f.name);
    })
    : [];
  $("manrs-inputs").textContent = [
    parts.length ? `Files: ${parts.join(", ")}.` : "",
    sampleNames.length ? `Sample data: ${sampleNames.join(", ")}.` : "",
  ].filter(Boolean).join(" ");
}

async function runCheck() {
  showError(null);
  const button = $("manrs-check");
  button.disabled = true;
  $("manrs-status").textContent = "Checking…";
  // Let the status paint before the synchronous check.
  await new Promise((resolve) => setTimeout(resolve, 0));
  let ds = null;
  try {
    const asns = words($("manrs-asns").value);
    const { options, routes, names } = await gatherInputs();
    const checkOptions = {};
    const asSet = $("manrs-asset").value.trim();
    if (asSet !== "") checkOptions.asSet = asSet;
    const customers = words($("manrs-customers").value);
    if (customers.length > 0) checkOptions.customers = customers;
    const { Dataset } = await fullModule();
    ds = new Dataset(options);
    const next = ds.manrsCheck(asns, routes, checkOptions);
    report?.free();
    report = next;
    show(report, names, ds.warnings);
  } catch (e) {
    showError(e);
    $("manrs-result").hidden = true;
    $("manrs-status").textContent = "The MANRS check failed; see the error below.";
  } finally {
    ds?.free();
    button.disabled = false;
  }
}

function actionStatus(a) {
  if (!a.evaluated) return ["not evaluated", "unknown"];
  return a.conformant ? ["conformant", "ok"] : ["not conformant", "invalid"];
}

const fmt = (v) => (v === null || v === undefined ? "—" : typeof v === "number" && !Number.isInteger(v)
  ? v.toFixed(2) : typeof v === "boolean" ? (v ? "yes" : "no") : String(v));

function show(r, names, warnings) {
  const routes = r.routes;
  const warned = warnings.length ? ` ${warnings.length} input warnings, first: ${warnings[0]}` : "";
  $("manrs-status").textContent = `${r.operator.asns.join(" ")}: ${r.conformant ? "CONFORMANT" : "NOT CONFORMANT"}` +
    ` · ${routes.own} own and ${routes.customer} customer routes of ${routes.seen} seen` +
    ` · ${r.findings.length} findings · inputs: ${names.join(", ") || "none"}.${warned}`;
  $("manrs-status").dataset.conformant = String(r.conformant);

  renderTable($("manrs-actions"), {
    caption: "Per-action status",
    filename: "manrs-actions.csv",
    titleTag: "h3",
    columns: [
      { key: "number", label: "#", numeric: true },
      { key: "title", label: "Action" },
      { key: "required", label: "Required", value: (a) => (a.required ? "yes" : "no") },
      { key: "status", label: "Status", value: (a) => actionStatus(a)[0],
        render: (a) => text("span", actionStatus(a)[0], `state ${actionStatus(a)[1]}`) },
      { key: "score", label: "Score", numeric: true, value: (a) => (a.score === null ? null : Number(a.score.toFixed(1))) },
      { key: "readiness", label: "Readiness" },
      { key: "errors", label: "Errors", numeric: true, value: (a) => a.counts.error },
      { key: "warnings", label: "Warnings", numeric: true, value: (a) => a.counts.warning },
      { key: "infos", label: "Info", numeric: true, value: (a) => a.counts.info },
      { key: "basis", label: "Basis" },
    ],
    rows: r.actions,
  });
  $("manrs-actions").querySelector("tbody").querySelectorAll("tr").forEach((tr, i) => {
    tr.dataset.action = r.actions[i].action;
  });
  drawChart(r.actions);
  drawMetrics(r.metrics);

  const evidence = (f) => {
    const ul = text("ul", null, "evidence");
    for (const e of f.evidence) ul.append(text("li", e));
    return ul;
  };
  renderTable($("manrs-findings"), {
    caption: "Findings",
    filename: "manrs-findings.csv",
    titleTag: "h3",
    columns: [
      { key: "rule", label: "Rule" },
      { key: "severity", label: "Severity", render: (f) => text("span", f.severity, `sev sev-${f.severity}`) },
      { key: "subject", label: "Subject" },
      { key: "message", label: "Finding" },
      { key: "evidence", label: "Evidence", value: (f) => f.evidence.join("; "), render: evidence },
      { key: "remedy", label: "Remedy" },
    ],
    rows: r.findings,
  });
  const skipped = r.rules.filter((o) => !o.evaluated);
  const sk = $("manrs-skipped");
  sk.replaceChildren();
  if (skipped.length > 0) {
    sk.append(text("p", `Not evaluated (${skipped.length} rules): their data was not given.`, "hint"));
    const ul = text("ul", null, "skipped");
    for (const o of skipped) {
      const li = text("li");
      li.append(text("code", o.rule), document.createTextNode(`: ${o.reason}`));
      ul.append(li);
    }
    sk.append(ul);
  }

  const rem = r.remedies;
  renderTable($("manrs-route-objects"), {
    caption: "Route objects to create",
    filename: "manrs-route-objects.csv",
    columns: [{ key: "prefix", label: "Prefix" }, { key: "origin", label: "Origin" }],
    rows: rem.routeObjects,
  });
  renderTable($("manrs-roas"), {
    caption: "ROAs to create",
    filename: "manrs-roas.csv",
    columns: [
      { key: "prefix", label: "Prefix" },
      { key: "maxLength", label: "Max length", numeric: true },
      { key: "asn", label: "ASN" },
      { key: "rule", label: "Because of" },
    ],
    rows: rem.roas,
  });
  drawIncidents(r.metrics.incidents);
  drawDownloads(r);
  $("manrs-result").hidden = false;
}

function drawMetrics(m) {
  const dl = $("manrs-metrics");
  dl.replaceChildren();
  for (const [key, label] of METRICS) {
    const div = text("div");
    div.dataset.metric = key;
    div.append(text("dt", label), text("dd", fmt(m[key])));
    dl.append(div);
  }
  if (m.rpki) {
    const div = text("div");
    div.dataset.metric = "rpki";
    div.append(text("dt", "Own routes by RPKI state"),
      text("dd", `${m.rpki.valid} valid, ${m.rpki.invalid} invalid, ${m.rpki.notFound} not-found`));
    dl.append(div);
  }
}

function drawIncidents(incidents) {
  const box = $("manrs-incidents");
  if (incidents.length === 0) {
    box.replaceChildren();
    return;
  }
  renderTable(box, {
    caption: "Incidents per month",
    filename: "manrs-incidents.csv",
    columns: [
      { key: "month", label: "Month" },
      { key: "rule", label: "Rule" },
      { key: "count", label: "Count", numeric: true },
      { key: "score", label: "Score", numeric: true },
    ],
    rows: incidents,
  });
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, content) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (content != null) e.textContent = content;
  return e;
}

/** Stacked bars: the findings of each action by severity (the report's counts). */
function drawChart(actions) {
  const fig = $("manrs-chart");
  fig.replaceChildren();
  const rowH = 28;
  const labelW = 150;
  const barW = 420;
  const width = labelW + barW + 60;
  const height = actions.length * rowH + 30;
  const max = Math.max(1, ...actions.map((a) => a.counts.error + a.counts.warning + a.counts.info));
  const summary = actions.map((a) => `${a.title}: ${a.counts.error} errors, ${a.counts.warning} warnings, ` +
    `${a.counts.info} info`).join("; ");
  const root = svg("svg", {
    viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-labelledby": "manrs-chart-title manrs-chart-desc",
  });
  root.append(svg("title", { id: "manrs-chart-title" }, "Findings per MANRS action, by severity"),
    svg("desc", { id: "manrs-chart-desc" }, summary));
  actions.forEach((a, i) => {
    const y = i * rowH + 4;
    const g = svg("g", { "data-action": a.action });
    g.append(svg("text", { x: labelW - 8, y: y + 15, "text-anchor": "end", class: "chart-label" }, a.title));
    let x = labelW;
    for (const sev of SEVERITIES) {
      const n = a.counts[sev];
      if (n === 0) continue;
      const w = (n / max) * barW;
      const rect = svg("rect", { x, y, width: w, height: rowH - 8, class: `bar ${sev}`, "data-count": n });
      rect.append(svg("title", {}, `${a.title}: ${n} ${sev}`));
      g.append(rect);
      x += w;
    }
    const total = a.counts.error + a.counts.warning + a.counts.info;
    g.append(svg("text", { x: x + 6, y: y + 15, class: "chart-value" }, String(total)));
    root.append(g);
  });
  // Legend
  let lx = labelW;
  const ly = actions.length * rowH + 12;
  for (const sev of SEVERITIES) {
    root.append(svg("rect", { x: lx, y: ly, width: 12, height: 12, class: `bar ${sev}` }),
      svg("text", { x: lx + 16, y: ly + 11, class: "chart-label" }, sev));
    lx += 90;
  }
  fig.append(root, text("figcaption", `Findings per action: ${summary}.`));
}

function drawDownloads(r) {
  for (const url of downloadUrls) URL.revokeObjectURL(url);
  downloadUrls = [];
  const ul = $("manrs-downloads");
  ul.replaceChildren();
  const add = (label, data, filename, type) => {
    const url = URL.createObjectURL(new Blob([data], { type }));
    downloadUrls.push(url);
    const a = text("a", label);
    a.href = url;
    a.download = filename;
    const li = text("li");
    li.append(a);
    ul.append(li);
  };
  add("Report (JSON, as the CLI writes it)", r.toJson(), "manrs-report.json", "application/json");
  add("Report (Markdown)", r.toMarkdown(), "manrs-report.md", "text/markdown");
  add("Report (HTML)", r.toHtml(), "manrs-report.html", "text/html");
  for (const [name, bytes] of Object.entries(r.remedyFiles())) {
    add(`Remedy: ${name}`, bytes, name, name.endsWith(".json") ? "application/json" : "text/plain");
  }
}

async function useSample() {
  showError(null);
  const button = $("manrs-sample");
  button.disabled = true;
  $("manrs-status").textContent = "Fetching the sample data…";
  try {
    const get = async (name) => {
      const res = await fetch(new URL(name, SAMPLE_DIR));
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status} (serve the repository so that examples/manrs/ is reachable)`);
      return { name, data: new Uint8Array(await res.arrayBuffer()) };
    };
    const loaded = {};
    for (const [key, v] of Object.entries(SAMPLE)) {
      loaded[key] = Array.isArray(v) ? await Promise.all(v.map(get)) : await get(v);
    }
    sample = loaded;
    // The sample replaces what was chosen before.
    for (const id of ["manrs-routes-file", ...Object.values(FILE_INPUTS)]) $(id).value = "";
    $("manrs-routes").value = "";
    $("manrs-asns").value = SAMPLE_ASNS;
    describeInputs();
  } catch (e) {
    showError(e);
    $("manrs-status").textContent = "The sample data could not be fetched.";
    return;
  } finally {
    button.disabled = false;
  }
  await runCheck();
}

function main() {
  $("manrs-form").addEventListener("submit", (e) => {
    e.preventDefault();
    runCheck();
  });
  $("manrs-sample").addEventListener("click", useSample);
  for (const id of ["manrs-routes-file", ...Object.values(FILE_INPUTS)]) {
    $(id).addEventListener("change", describeInputs);
  }
  $("manrs-routes").addEventListener("change", describeInputs);
  $("manrs").dataset.ready = "true";
}

main();
