// Compile-time checks of the generated declarations (pkg-node): `tsc -p`
// must pass, and every @ts-expect-error must see an error.
import {
  VrpSet, version,
  type CoveringVrp, type FormatName, type InvalidReason, type LoadOptions, type Origin,
  type RouteguardError, type Route, type RovResult, type RovState,
} from "../../pkg-node/routeguard_wasm.js";

const options: LoadOptions = { lenient: true, slurm: new Uint8Array() };
const a: VrpSet = VrpSet.fromJson("[]");
const b: VrpSet = VrpSet.fromCsv(new Uint8Array(), options);
const c: VrpSet = VrpSet.fromText("", "bird2", { lenient: false });
const d: VrpSet = VrpSet.fromText("", null);
const e: VrpSet = VrpSet.fromText("");

const r: RovResult = a.validate("192.0.2.0/24", 64500);
a.validate("192.0.2.0/24", "AS64500");
a.validate("192.0.2.0/24", null);
a.validate("192.0.2.0/24");
const state: RovState = r.state;
const reason: InvalidReason | null = r.reason;
const first: CoveringVrp | undefined = r.covering[0];
const nums: number[] = r.covering.map((v) => v.asn + v.maxLength);
const tas: (string | null)[] = r.covering.map((v) => v.ta);
const prefixes: string[] = r.covering.map((v) => v.prefix);

const routes: Route[] = [["192.0.2.0/24", 64500], ["2001:db8::/32", "AS64500"], ["10.0.0.0/8", null]];
const many: RovResult[] = b.validateMany(routes);
const counts: number[] = [c.length, c.aspaCount, c.routerKeyCount, c.skipped];
const warnings: string[] = d.warnings;
const generated: number | null = d.generated;
const format: "json" | "csv" | "openbgpd" | "bird" | "slurm" | "snapshot" | null = e.format;
const v: string = version();
const origin: Origin = 1;
const name: FormatName = "csvext";

try {
  a.validate("x", 1);
} catch (err) {
  const k: RouteguardError["kind"] = (err as RouteguardError).kind;
  const i: number | undefined = (err as RouteguardError).index;
}

// @ts-expect-error the state is one of three strings, not any string
const s2: "valid" = r.state;
// @ts-expect-error origins are numbers, strings or null
a.validate("192.0.2.0/24", true);
// @ts-expect-error prefixes are strings
a.validate(42, 1);
// @ts-expect-error routes are pairs
b.validateMany([["192.0.2.0/24", 1, 2]]);
// @ts-expect-error unknown format name
VrpSet.fromText("", "xml");
// @ts-expect-error unknown option
VrpSet.fromJson("[]", { strict: true });
// @ts-expect-error length is read-only
a.length = 3;
// @ts-expect-error asn is a number
const asn: string = r.covering[0]!.asn;
a.free();
