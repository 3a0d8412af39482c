// The routeguard prefix checker: the VRP set lives in a Web Worker
// (vrp-worker.js, driven through vrp-loader.js) running the lean
// WebAssembly module (../pkg-lite, built by scripts/build-wasm.sh), which
// loads VRP exports and answers RFC 6811 checks; the page itself starts
// without WebAssembly. The full module (../pkg) is loaded when a later
// section needs it: IRR
// route objects (IrrDb); whole-path checks (RouteChecker: ROV, ASPA, bogons,
// leaks over AsRelations); prefix lists from a pasted RPSL dump
// (Dataset.prefixList, printed as bgpq4 prints them). The VRPs reach it as
// the worker's snapshot bytes.
import { $, showError, text } from "./dom.js";
import { fullModule as full } from "./full-module.js";
import { renderTable } from "./table.js";
import { VrpWorker } from "./vrp-loader.js";

const MAX_LIST_ROWS = 2000;
const SAMPLE = `ASN,IP Prefix,Max Length,Trust Anchor
AS64500,192.0.2.0/24,24,ripe
AS64501,198.51.100.0/22,24,arin
AS0,203.0.113.0/24,24,apnic
AS64502,2001:db8::/32,48,ripe
`;
const SAMPLE_ROUTES = `192.0.2.0/24 AS64500
192.0.2.0/25 AS64500
198.51.100.0/24 64501
198.51.100.0/24 64999
203.0.113.0/24 AS64503
2001:db8:1::/48 AS64502
10.0.0.0/8 AS64500`;

/** The loaded set: {worker, length, aspaCount, routerKeyCount}, or null. */
let vrps = null;
/** The full module's set, made from the worker's snapshot when needed. */
let fullVrps = null;
/** Aborts the running VRP load (the cancel button). */
let loading = null;
let irr = null;
const MAX_IRR_RESULTS = 200;
let relations = null;
const MAX_PATH_ROWS = 2000;



function describeVrp(v) {
  return `${v.prefix}-${v.maxLength} AS${v.asn}${v.ta ? ` (${v.ta})` : ""}`;
}

/** The full module's VrpSet of the loaded VRPs (null when none). */
async function fullVrpSet() {
  if (!vrps) return null;
  if (!fullVrps) {
    const worker = vrps.worker;
    const [{ VrpSet }, { snapshot }] = await Promise.all([full(), worker.request("snapshot")]);
    // A newer load may have replaced the set meanwhile.
    if (vrps?.worker !== worker) return fullVrpSet();
    fullVrps = VrpSet.fromSnapshot(snapshot);
  }
  return fullVrps;
}

function setLoaded(worker, loaded, source) {
  vrps?.worker.terminate();
  fullVrps?.free();
  const set = { worker, length: loaded.length, aspaCount: loaded.aspaCount, routerKeyCount: loaded.routerKeyCount };
  vrps = set;
  fullVrps = null;
  const n = (x) => x.toLocaleString("en-US");
  let status = `Loaded ${n(set.length)} VRPs from ${source} (format: ${loaded.format ?? "empty"})` +
    ` · ${n(set.aspaCount)} ASPAs · ${n(set.routerKeyCount)} router keys.`;
  if (loaded.skipped > 0) {
    const shown = loaded.warnings.slice(0, 3).join("; ");
    status += ` Skipped ${n(loaded.skipped)} bad records: ${shown}${loaded.skipped > 3 ? "; …" : ""}`;
  }
  $("vrp-status").textContent = status;
  $("vrp-status").dataset.count = String(set.length);
}

function showProgress({ phase, done, total }) {
  const bar = $("vrp-progress");
  const mb = (x) => (x / 1e6).toLocaleString("en-US", { maximumFractionDigits: 1 });
  if (phase === "read") {
    bar.max = total || 1;
    bar.value = done;
    $("vrp-phase").textContent = `Reading ${mb(done)} of ${mb(total)} MB…`;
  } else {
    bar.removeAttribute("value");
    $("vrp-phase").textContent = "Parsing and indexing…";
  }
}

/** Loads `{file}` or `{text}` in a new worker, which then holds the set. */
async function load(input, source) {
  showError("vrp-error", null);
  loading?.abort();
  const controller = new AbortController();
  loading = controller;
  const format = $("vrp-format").value || null;
  const options = { lenient: $("vrp-lenient").checked };
  $("vrp-status").textContent = `Loading ${source}…`;
  for (const b of document.querySelectorAll("#vrp-form button")) b.disabled = true;
  $("vrp-loading").hidden = false;
  showProgress({ phase: input.file ? "read" : "parse", done: 0, total: input.file?.size ?? 0 });
  const t0 = performance.now();
  const worker = new VrpWorker();
  try {
    const loaded = await worker.request("load", { ...input, format, options },
      { onProgress: showProgress, signal: controller.signal });
    setLoaded(worker, loaded, source);
    $("vrp-status").dataset.ms = String(Math.round(performance.now() - t0));
  } catch (e) {
    worker.terminate();
    if (e.name === "AbortError") {
      $("vrp-status").textContent = vrps
        ? `Loading cancelled. Still using the previous ${vrps.length.toLocaleString("en-US")} VRPs.`
        : "Loading cancelled. No VRPs loaded yet.";
      return;
    }
    showError("vrp-error", e);
    $("vrp-status").textContent = vrps
      ? `Still using the previous ${vrps.length.toLocaleString("en-US")} VRPs.`
      : "No VRPs loaded yet.";
  } finally {
    if (loading === controller) {
      loading = null;
      $("vrp-loading").hidden = true;
      for (const b of document.querySelectorAll("#vrp-form button")) b.disabled = false;
    }
  }
}

function needVrps(errorId) {
  if (vrps) return true;
  showError(errorId, "Load VRP data first (section 1).");
  return false;
}

async function checkOne(event) {
  event.preventDefault();
  showError("check-error", null);
  $("result").hidden = true;
  if (!needVrps("check-error")) return;
  const prefix = $("prefix").value.trim();
  const originText = $("origin").value.trim();
  const origin = originText === "" ? null : originText;
  let r;
  try {
    ({ result: r } = await vrps.worker.request("validate", { prefix, origin }));
  } catch (e) {
    showError("check-error", e);
    return;
  }
  $("result-route").textContent = `${prefix} ${origin === null ? "(no origin)" : origin}`;
  const state = $("result-state");
  state.textContent = r.state;
  state.className = `state ${r.state}`;
  $("result-reason").textContent = r.reason ? `reason: ${r.reason}` : "";
  $("result-explain").textContent = {
    valid: "A covering VRP authorises this origin and length.",
    invalid: r.reason === "length"
      ? "A VRP for this origin covers the prefix, but the prefix is longer than its max length."
      : "VRPs cover this prefix, but none authorises this origin.",
    "not-found": "No VRP covers this prefix.",
  }[r.state];
  $("covering-caption").textContent = r.state === "valid"
    ? `Matching VRPs (${r.covering.length})`
    : `Covering VRPs (${r.covering.length})`;
  const body = $("covering");
  body.replaceChildren();
  for (const v of r.covering) {
    const tr = document.createElement("tr");
    tr.append(text("td", v.prefix), text("td", String(v.maxLength)), text("td", `AS${v.asn}`),
      text("td", v.ta ?? "—"));
    body.append(tr);
  }
  $("covering-table").hidden = r.covering.length === 0;
  $("result").hidden = false;
}

async function checkList(event) {
  event.preventDefault();
  showError("list-error", null);
  $("list-result").hidden = true;
  if (!needVrps("list-error")) return;
  const routes = [];
  const lines = [];
  $("routes").value.split(/\r?\n/).forEach((line, i) => {
    const t = line.trim();
    if (t === "" || t.startsWith("#")) return;
    const [prefix, origin = ""] = t.split(/[\s,]+/);
    routes.push([prefix, origin === "" ? null : origin]);
    lines.push(i + 1);
  });
  let results;
  try {
    ({ results } = await vrps.worker.request("validateMany", { routes }));
  } catch (e) {
    if (typeof e.index === "number") e.message = `line ${lines[e.index]}: ${e.message}`;
    showError("list-error", e);
    return;
  }
  const counts = { valid: 0, invalid: 0, "not-found": 0 };
  const rows = results.map((r, i) => {
    counts[r.state] += 1;
    const [prefix, origin] = routes[i];
    return { line: lines[i], prefix, origin: origin ?? "—", state: r.state, reason: r.reason ?? "",
      vrps: r.covering.map(describeVrp).join(", ") };
  });
  renderTable($("list-table"), {
    caption: "Verdict per route", filename: "route-verdicts.csv", maxRows: MAX_LIST_ROWS,
    columns: [
      { key: "line", label: "Line", numeric: true },
      { key: "prefix", label: "Prefix" },
      { key: "origin", label: "Origin" },
      { key: "state", label: "State", render: (r) => text("span", r.state, `state ${r.state}`) },
      { key: "reason", label: "Reason" },
      { key: "vrps", label: "Deciding VRPs" },
    ],
    rows,
  });
  $("list-summary").textContent = `${results.length} routes: ${counts.valid} valid, ` +
    `${counts.invalid} invalid, ${counts["not-found"]} not-found.`;
  $("list-result").hidden = false;
}

function setIrrLoaded(db, source) {
  if (irr) irr.free();
  irr = db;
  const n = (x) => x.toLocaleString("en-US");
  const stats = db.stats();
  let status = `Loaded ${n(stats.objects)} objects (${n(stats.routesV4)} route, ${n(stats.routesV6)} route6)` +
    ` from ${source} · sources: ${db.sources.join(", ") || "none"}.`;
  if (stats.errors > 0 || db.warnings.length > 0) {
    const shown = db.warnings.slice(0, 3).join("; ");
    status += ` Skipped ${n(stats.errors)} bad objects: ${shown}${db.warnings.length > 3 ? "; …" : ""}`;
  }
  $("irr-status").textContent = status;
}

async function loadIrr(input, name) {
  showError("irr-error", null);
  const source = $("irr-source").value.trim() || null;
  $("irr-status").textContent = `Loading ${name}…`;
  $("irr-load").disabled = true;
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    const { IrrDb } = await full();
    setIrrLoaded(IrrDb.fromText(input, source, { strict: $("irr-strict").checked }), name);
  } catch (e) {
    showError("irr-error", e);
    $("irr-status").textContent = irr
      ? `Still using the previous ${irr.length.toLocaleString("en-US")} objects.`
      : "No IRR data loaded yet.";
  } finally {
    $("irr-load").disabled = false;
  }
}

function irrResult(c) {
  const div = document.createElement("div");
  div.className = "irr-result";
  const h = document.createElement("h3");
  h.append(text("span", `${c.prefix} ${c.origin}`, "route"), text("span", c.status, `state ${c.status}`));
  if (c.rpki) h.append(text("span", `RPKI: ${c.rpki}`, "hint"));
  div.append(h);
  const per = document.createElement("table");
  per.className = "per-source";
  per.append(text("caption", "Per source"));
  const head = document.createElement("tr");
  for (const name of ["Source", "Status"]) {
    const th = text("th", name);
    th.scope = "col";
    head.append(th);
  }
  per.append(head);
  for (const [source, status] of Object.entries(c.perSource)) {
    const tr = document.createElement("tr");
    const td = document.createElement("td");
    td.append(text("span", status, `state ${status}`));
    tr.append(text("td", source), td);
    per.append(tr);
  }
  div.append(per);
  if (c.advice.length > 0) {
    const ul = document.createElement("ul");
    ul.className = "advice";
    for (const a of c.advice) {
      const li = document.createElement("li");
      li.className = a.level;
      li.dataset.code = a.code;
      li.append(text("span", a.level, "level"), document.createTextNode(a.message));
      ul.append(li);
    }
    div.append(ul);
  }
  if (c.matching.length > 0) {
    div.append(text("p", `Matching route objects (${c.matching.length})`, "hint"));
    for (const m of c.matching) div.append(text("pre", m.text, "rpsl"));
  }
  return div;
}

async function checkIrr(event) {
  event.preventDefault();
  showError("irr-check-error", null);
  const out = $("irr-results");
  out.replaceChildren();
  if (!irr) {
    showError("irr-check-error", "Load IRR data first (section 4).");
    return;
  }
  let results;
  try {
    results = irr.checkRoutes($("irr-routes").value, (await fullVrpSet()) ?? undefined);
  } catch (e) {
    if (typeof e.line === "number") e.message = `line ${e.line}: ${e.message}`;
    showError("irr-check-error", e);
    return;
  }
  if (results.length === 0) {
    showError("irr-check-error", "Enter a prefix and an origin, e.g. 192.0.2.0/24 AS64500.");
    return;
  }
  for (const c of results.slice(0, MAX_IRR_RESULTS)) out.append(irrResult(c));
  if (results.length > MAX_IRR_RESULTS) out.append(text("p", `Showing the first ${MAX_IRR_RESULTS} of ${results.length}.`, "hint"));
}

function setRelationsLoaded(rel, source) {
  if (relations) relations.free();
  relations = rel;
  const n = (x) => x.toLocaleString("en-US");
  $("asrel-status").textContent = `Loaded ${n(rel.length)} AS relationships from ${source}` +
    (rel.clique.length > 0 ? ` · clique: ${rel.clique.map((a) => `AS${a}`).join(" ")}.` : ".");
}

async function loadRelations(input, source) {
  showError("asrel-error", null);
  $("asrel-status").textContent = `Loading ${source}…`;
  $("asrel-load").disabled = true;
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    const { AsRelations } = await full();
    setRelationsLoaded(AsRelations.fromText(input), source);
  } catch (e) {
    showError("asrel-error", e);
    $("asrel-status").textContent = relations
      ? `Still using the previous ${relations.length.toLocaleString("en-US")} AS relationships.`
      : "No AS relationships loaded yet.";
  } finally {
    $("asrel-load").disabled = false;
  }
}

/** A verdict word as the tables show it: a coloured state, or "-" for none. */
function stateWord(word, title) {
  if (word === null) return "-";
  const span = text("span", word, `state ${word}`);
  if (title) span.title = title;
  return span;
}

async function checkPaths(event) {
  event.preventDefault();
  showError("path-error", null);
  $("path-result").hidden = true;
  let checker = null;
  let results;
  let aspa = null;
  try {
    const { RouteChecker } = await full();
    const vrps = await fullVrpSet();
    // ASPAs come from the VRP file of section 1 when it has any.
    aspa = vrps && vrps.aspaCount > 0 ? vrps.aspaSet() : null;
    checker = new RouteChecker({ vrps, aspa, relations, direction: $("path-direction").value });
    results = checker.checkLines($("path-routes").value);
  } catch (e) {
    if (typeof e.line === "number" && !e.message.startsWith("line ")) e.message = `line ${e.line}: ${e.message}`;
    showError("path-error", e);
    return;
  } finally {
    checker?.free();
    aspa?.free();
  }
  if (results.length === 0) {
    showError("path-error", "Enter routes, e.g. 1.1.1.0/24 3356 13335.");
    return;
  }
  const rejected = results.filter((r) => r.rejected).length;
  const word = (key) => (r) => r[key] ?? "-";
  renderTable($("path-table"), {
    caption: "Path verdicts", filename: "path-verdicts.csv", maxRows: MAX_PATH_ROWS,
    rowClass: (r) => (r.rejected ? "rejected" : ""),
    columns: [
      { key: "line", label: "Line", numeric: true },
      { key: "prefix", label: "Prefix" },
      { key: "path", label: "AS path" },
      { key: "rov", label: "ROV", value: word("rov"), render: (r) => stateWord(r.rov) },
      { key: "aspa", label: "ASPA", value: word("aspa"), render: (r) => stateWord(r.aspa) },
      { key: "bogon", label: "Bogon", value: word("bogonWord"), render: (r) => stateWord(r.bogonWord, r.bogon?.text) },
      { key: "leak", label: "Leak", value: word("leak"), render: (r) => stateWord(r.leak) },
    ],
    rows: results,
  });
  const used = [vrps ? "VRPs" : null, aspa ? "ASPAs" : null, "bogons", relations ? "AS relationships" : null]
    .filter(Boolean).join(", ");
  $("path-summary").textContent = `${results.length} routes, ${rejected} rejected (checked with ${used}).`;
  $("path-result").hidden = false;
}

async function buildPrefixList(e) {
  e.preventDefault();
  showError("pl-error", null);
  $("pl-output").hidden = true;
  $("pl-status").textContent = "";
  let ds = null;
  let filter = null;
  try {
    const { Dataset } = await full();
    ds = new Dataset({ irr: $("pl-rpsl").value });
    filter = ds.prefixList($("pl-objects").value, { family: Number($("pl-family").value) });
    const out = filter.render($("pl-format").value, {
      name: $("pl-name").value.trim() || "NN",
      aggregate: $("pl-aggregate").checked,
    });
    $("pl-output").textContent = out;
    $("pl-output").hidden = false;
    const missing = filter.missingSets.length ? ` Not found: ${filter.missingSets.join(", ")}.` : "";
    const warned = ds.warnings.length ? ` ${ds.warnings.length} objects skipped: ${ds.warnings[0]}` : "";
    $("pl-status").textContent =
      `${filter.length} prefixes from ${filter.asns.length} ASNs.${missing}${warned}`;
  } catch (err) {
    showError("pl-error", err);
  } finally {
    filter?.free();
    ds?.free();
  }
}

async function main() {
  const probe = new VrpWorker();
  $("version").textContent = (await probe.request("version")).version;
  probe.terminate();
  $("vrp-form").addEventListener("submit", (e) => {
    e.preventDefault();
    $("vrp-file").value = "";
    load({ text: $("vrp-text").value }, "pasted text");
  });
  $("vrp-file").addEventListener("change", async () => {
    const file = $("vrp-file").files[0];
    if (!file) return;
    load({ file }, file.name);
  });
  $("vrp-cancel").addEventListener("click", () => loading?.abort());
  $("vrp-sample").addEventListener("click", () => {
    $("vrp-text").value = SAMPLE;
    $("vrp-file").value = "";
    if ($("routes").value.trim() === "") $("routes").value = SAMPLE_ROUTES;
    load({ text: SAMPLE }, "sample data");
  });
  $("check-form").addEventListener("submit", checkOne);
  $("list-form").addEventListener("submit", checkList);
  $("irr-form").addEventListener("submit", (e) => {
    e.preventDefault();
    $("irr-file").value = "";
    loadIrr($("irr-text").value, "pasted text");
  });
  $("irr-file").addEventListener("change", async () => {
    const file = $("irr-file").files[0];
    if (!file) return;
    loadIrr(new Uint8Array(await file.arrayBuffer()), file.name);
  });
  $("irr-check-form").addEventListener("submit", checkIrr);
  $("asrel-form").addEventListener("submit", (e) => {
    e.preventDefault();
    $("asrel-file").value = "";
    loadRelations($("asrel-text").value, "pasted text");
  });
  $("asrel-file").addEventListener("change", async () => {
    const file = $("asrel-file").files[0];
    if (!file) return;
    loadRelations(new Uint8Array(await file.arrayBuffer()), file.name);
  });
  $("path-form").addEventListener("submit", checkPaths);
  $("pl-form").addEventListener("submit", buildPrefixList);
  document.body.dataset.ready = "true";
}

main().catch((e) => showError("vrp-error", e));
