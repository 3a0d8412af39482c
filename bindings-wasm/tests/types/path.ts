// Compile-time checks of the path-check declarations (pkg-node): AsPath,
// AspaSet, Bogons, AsRelations, RouteChecker and the module functions.
import {
  AsPath, AspaSet, AsRelations, Bogons, RouteChecker, VrpSet,
  detectLeaks, otcEgress, otcIngress, specialPurpose, verifyDownstream, verifyUpstream,
  type AspaEntry, type AspaHop, type AspaResult, type AspaVerdict, type BogonFinding, type BogonKind,
  type HopResult, type Leak, type LeakResult, type LeakState, type OtcVerdict, type PathSegment,
  type Relation, type RouteLineVerdict, type RouteVerdict, type RovState, type SpecialPurposeRow,
} from "../../pkg-node/routeguard_wasm.js";

const p: AsPath = AsPath.parse("64500 64501 {64502,64503}");
const q: AsPath = AsPath.fromAsns([64500, "AS64501"]);
const origin: number | null = p.origin;
const neighbor: number | null = p.neighbor;
const len: number = p.length + (p.hasSet ? 1 : 0) + (p.isEmpty ? 1 : 0);
const asns: number[] = p.asns;
const segs: PathSegment[] = p.segments;
const segType: "sequence" | "set" | "confed-sequence" | "confed-set" = segs[0]!.type;
const compressed: number[] | null = p.compressed();
const text: string = p.dedupPrepends().toString();
const same: boolean = p.equals(q) && p.equals("64500") && p.equals([64500]);

const set: AspaSet = new AspaSet([{ customer: 64500, providers: [64510] }, [64501, ["AS0"]]]);
const empty: AspaSet = new AspaSet();
const fromText: AspaSet = AspaSet.fromText("{}", "json", { lenient: true });
const vrps: VrpSet = VrpSet.fromCsv("");
const fromVrps: AspaSet = vrps.aspaSet();
const fromVrps2: AspaSet = AspaSet.fromVrpSet(vrps);
const hop: HopResult = set.authorized(64500, "AS64510");
const providers: number[] | null = set.providers(64500);
const entries: AspaEntry[] = set.entries();
const has: boolean = set.has(64500);
const v: AspaVerdict = set.verify("64510 64500", { direction: "downstream", neighbor: 64510, role: "rs-client", routeServer: null });
const v2: AspaVerdict = set.verify(p);
const r: AspaResult = set.explain([64510, 64500], { direction: "upstream" });
const ramps: Array<number | null> = [r.maxUpRamp, r.minUpRamp, r.maxDownRamp, r.minDownRamp];
const deciding: AspaHop | null = r.deciding;
const reason: string = r.reason + r.text + r.direction + r.path.length;
const many: AspaVerdict[] = set.verifyMany("64510 64500\n") .concat(set.verifyMany([p, "1 2", [1, 2]], { neighbor: "AS1" }));
const up: AspaVerdict = verifyUpstream(set, "1 2");
const down: AspaVerdict = verifyDownstream(set, q);

const bogons: Bogons = new Bogons({ maxV4Len: 24, maxV6Len: 48, maxPathLen: null, allowDefault: false });
const n: number = bogons.addList("fullbogons", "0.0.0.0/8\n") + bogons.addList("x", ["10.0.0.0/8"]);
const lists: Array<{ name: string; size: number }> = bogons.lists;
const maxPath: number | null = bogons.options.maxPathLen;
const f: BogonFinding | null = bogons.checkPrefix("10.0.0.0/8");
const kind: BogonKind | undefined = f?.kind;
const fa: BogonFinding | null = bogons.checkAsn("AS23456");
const all: BogonFinding[] = bogons.checkRoute("192.0.2.0/24", "64500");
const first: BogonFinding | null = bogons.first("192.0.2.0/24", p);
const rows: SpecialPurposeRow[] = specialPurpose(6);
const reachable: boolean | null = rows[0]!.globallyReachable;

const rel: AsRelations = AsRelations.fromText("1|2|0\n");
const relation: Relation | null = rel.relationship(1, "AS2");
const lists2: number[] = rel.providersOf(1).concat(rel.customersOf(1), rel.peersOf(1), rel.clique, rel.ixps);
const counts: number = rel.length + rel.duplicates + rel.conflicts;
const leaks: LeakResult = detectLeaks(rel, "1 2 3", 4);
const state: LeakState = leaks.state;
const leak: Leak | undefined = leaks.leaks[0];
const leakType: 1 | 2 | 3 | 4 | undefined = leak?.type;
const missing: Array<[number, number]> = leaks.missing;
const otc: OtcVerdict = otcIngress("peer", 64500, 64500);
const otc2: OtcVerdict = otcEgress("provider", "AS64500");
const otcAs: number | null = otc.otc;

const checker: RouteChecker = new RouteChecker({ vrps, aspa: set, relations: rel, bogons, direction: "downstream", receiver: "AS1" });
const bare: RouteChecker = new RouteChecker();
const flags: boolean = checker.hasRov && checker.hasAspa && checker.hasRelations && bare.direction === "upstream";
const rv: RouteVerdict = checker.check("192.0.2.0/24", "64500 64501", 64500);
const rov: RovState | null = rv.rov;
const aspa: AspaVerdict | null = rv.aspa;
const leakState: LeakState | null = rv.leak;
const word: "ok" | BogonKind = rv.bogonWord;
const rejected: boolean = rv.rejected;
const csv: string = rv.text;
const batch: RouteVerdict[] = checker.checkMany([["192.0.2.0/24", "1 2"], ["192.0.2.0/24", [1, 2], 1], ["192.0.2.0/24", p, null]]);
const lines: RouteLineVerdict[] = checker.checkLines("192.0.2.0/24 1 2\n");
const line: number = lines[0]!.line;
const peer: number | null = lines[0]!.peerAs;
const routeText: string = lines[0]!.prefix + lines[0]!.path;

// @ts-expect-error a verdict is one of three words
const bad1: "valid" = set.verify("1");
// @ts-expect-error unknown direction
set.verify("1", { direction: "sideways" });
// @ts-expect-error unknown role
set.explain("1", { role: "boss" });
// @ts-expect-error vrps must be a VrpSet
new RouteChecker({ vrps: set });
// @ts-expect-error the ASPA set is required
verifyUpstream("1 2");
// @ts-expect-error a path is a string, an AsPath or ASNs
bogons.first("192.0.2.0/24", { path: "1" });
// @ts-expect-error unknown bogon option
new Bogons({ maxLen: 3 });
// @ts-expect-error the family is 4 or 6
specialPurpose(5);
// @ts-expect-error bogon may be null
const kind2: BogonKind = rv.bogon.kind;
// @ts-expect-error a role word
otcIngress("boss", 1);
p.free();
checker.free();
