// Compile-time checks of the MANRS declarations (pkg-node).
import {
  Dataset, ManrsObservatory, ManrsReport,
  type ManrsActionSummary, type ManrsCheckOptions, type ManrsFinding, type ManrsMetrics,
  type ManrsRemedies, type ManrsReportJson, type ManrsRuleOutcome, type ObservatoryRow, type RouteguardError,
} from "../../pkg-node/routeguard_wasm.js";

const ds = new Dataset({
  vrps: "ASN,IP Prefix,Max Length\n",
  peeringdb: ['{"data": []}', new Uint8Array()],
  savFacts: '{"interfaces": []}',
  spoofer: "timestamp,asn,client,private,routed\n",
});
const one = new Dataset({ peeringdb: '{"data": []}', spoofer: new Uint8Array() });
const opts: ManrsCheckOptions = { asSet: "AS-ONE", customers: [64501, "AS64502"], thresholds: { ready: 80 } };
const report: ManrsReport = ds.manrsCheck([64500, "AS64500"], "192.0.2.0/24 64500\n", opts);
const r2: ManrsReport = one.manrsCheck(64500, ["192.0.2.0/24 64500"]);
const r3: ManrsReport = one.manrsCheck("AS64500", new Uint8Array());
const conformant: boolean = report.conformant;
const findings: ReadonlyArray<ManrsFinding> = report.findings;
const asn: string | null = findings[0].asn;
const prefix: string | null = findings[0].prefix;
const rules: ReadonlyArray<ManrsRuleOutcome> = report.rules;
const why: string | null = rules[0].reason;
const actions: ReadonlyArray<ManrsActionSummary> = report.actions;
const score: number | null = actions[0].score;
const metrics: ManrsMetrics = report.metrics;
const m7: number | null = metrics.m7rpki;
const notFound: number | undefined = metrics.rpki?.notFound;
const remedies: ManrsRemedies = report.remedies;
const members: ReadonlyArray<string> = remedies.asSetMembers;
const own: number = report.routes.own;
const asSet: string | undefined = report.asSet;
const json: ManrsReportJson = report.toJSON();
const texts: string[] = [report.toJson(), report.toJsonString(), report.toMarkdown(), report.toHtml(), report.toText(), report.render("html")];
const files: Record<string, Uint8Array> = report.remedyFiles();
const obs: ManrsObservatory = ds.manrsObservatory("192.0.2.0/24 64500\n");
const rows: ReadonlyArray<ObservatoryRow> = obs.rows;
const valid: number | null = rows[0].rpkiValid;
const csv: string = obs.toCsv() + obs.toJsonString();
const n: number = obs.length;
try {
  ds.manrsCheck([], "");
} catch (e) {
  const err = e as RouteguardError;
  const kind: "manrs" | string = err.kind;
  const record: number | undefined = err.record;
  console.log(kind, record, err.offset, err.line);
}

// @ts-expect-error: findings are read-only
report.findings.push(findings[0]);
// @ts-expect-error: toJson() is the CLI's JSON text, not an object
const notAnObject: ManrsReportJson = report.toJson();
// @ts-expect-error: an unknown report format
report.render("pdf");
// @ts-expect-error: routes are text, bytes or lines
ds.manrsCheck(64500, 42);
// @ts-expect-error: customers is a list
ds.manrsCheck(64500, "", { customers: 64501 });
// @ts-expect-error: savFacts is one input
new Dataset({ savFacts: ["{}"] });

export { notAnObject, r2, r3, conformant, asn, prefix, why, score, m7, notFound, members, own, asSet, json, texts, files, valid, csv, n };
