// Compile-time checks of the filter declarations (pkg-node).
import {
  Dataset, PrefixFilter, antispoof, auditConfig, diffPrefixLists,
  type AuditFinding, type Bgpq4Result, type Explanation, type FilterDiff, type FilterEntry,
  type PrefixListOptions, type RouteguardError,
} from "../../pkg-node/routeguard_wasm.js";

const ds = new Dataset({ irr: [["FILTERDB", "as-set: AS-X\nsource: FILTERDB\n"]] });
const r: Bgpq4Result = ds.bgpq4(["-A", "AS-X"], { dialect: "1.16" });
const out: string = r.stdout + r.stderr;
const code: number = r.code;
const opts: PrefixListOptions = {
  family: 6, sources: ["FILTERDB"], rpki: "tag", roaAsRoute: true, maxLen: 48, format: "junos", name: "C", aggregate: true,
};
const f: PrefixFilter = ds.prefixList("AS-X", opts);
const f2: PrefixFilter = ds.prefixList(["AS-X", "AS1"], { rpki: null });
const entries: ReadonlyArray<FilterEntry> = f.entries;
const origin: number | null = entries[0].origin;
const rpki: "valid" | "invalid" | "not-found" | null = entries[0].rpki;
const fam: 4 | 6 = f.family;
const asns: Uint32Array = f.asns;
const missing: string[] = f.missingSets;
const text: string = f.render() + f.render("frr", { name: "X", aggregate: false }) + f.toJsonString();
const d: FilterDiff = f.diff("ip prefix-list NN permit 10.0.0.0/8\n", { format: "cisco" });
const d2: FilterDiff = diffPrefixLists(new Uint8Array(), "", { expectedFormat: "junos", name: "N" });
const d3: FilterDiff = diffPrefixLists("", "", { list: "A", expectedList: "B" });
const eq: boolean = d.equivalent && d2.same && d3.same;
const gap: number = d.onlyRouter[0].routes;
const e: Explanation = ds.explain("AS-X", { family: 4, maxDepth: 2, sources: ["FILTERDB"] });
const path: ReadonlyArray<string> = e.asns[0].path;
const acl: string = antispoof({ eth1: ["192.0.2.0/24"] }, { vendor: "linux", output: "acl", hyperAggregate: true, name: "S", filterId: 7 });
const found: AuditFinding[] = auditConfig("interface Gi0/1\n", { dialect: "ios", interfaces: ["Gi0/1"] });
const problem: "interface-not-found" | "no-address-family" | "urpf-missing" | "urpf-not-strict" = found[0].problem;
const kind: RouteguardError["kind"] = "filter";

// @ts-expect-error: the dialect is 1.9 or 1.16
ds.bgpq4(["AS1"], { dialect: "2.0" });
// @ts-expect-error: rpki is drop, tag or null
ds.prefixList("AS1", { rpki: "keep" });
// @ts-expect-error: unknown format
f.render("cisco-9000");
// @ts-expect-error: output is urpf or acl
antispoof({ eth1: [] }, { output: "both" });
