// Compile-time checks of the lean module's declarations (pkg-lite, the web
// target without the `full` feature): the route checker's API is typed as
// in pkg, and the gated classes are not declared.
import init, {
  initSync, InputBuffer, loadVrpsWithSnapshot, ReasonCode, RovCode, snapshotVrps, VrpSet, version,
  type LinesOptions, type VrpSnapshot, type LinesResult, type LoadOptions, type RouteguardError, type RovResult,
} from "../../pkg-lite/routeguard_wasm.js";
import * as lite from "../../pkg-lite/routeguard_wasm.js";

const ready: Promise<unknown> = init();
initSync({ module: new Uint8Array() });
const options: LoadOptions = { lenient: true, slurm: "{}" };
const set: VrpSet = VrpSet.fromText(new Uint8Array(), null, options);
const r: RovResult = set.validate("192.0.2.0/24", 64500);
const many: RovResult[] = set.validateMany([["192.0.2.0/24", "AS64500"]]);
const lineOptions: LinesOptions = { relaxed: true };
const states: Uint8Array = set.validateLines("192.0.2.0/24 64500\n", lineOptions);
const d: LinesResult = set.validateLinesDetailed(new Uint8Array());
const first: RouteguardError | null = d.firstError;
const valid: boolean = states[0] === RovCode.Valid && d.reasons[0] === ReasonCode.Length;
const v: string = version();
const n: number = set.length + set.aspaCount + set.skipped;

// The Web Worker's path: chunks into an InputBuffer, a snapshot out, and
// the page's VrpSet from its bytes.
const input = new InputBuffer(1024);
input.push(new Uint8Array(16));
const held: number = input.length;
const snap: VrpSnapshot = snapshotVrps(input, "json", options);
const bytes: Uint8Array = snap.bytes;
const loadedFormat: "json" | "csv" | "openbgpd" | "bird" | "slurm" | "snapshot" | null = snap.format;
const report: number = snap.skipped + snap.warnings.length + snap.length + snap.byteLength;
const fromSnapshot: VrpSet = VrpSet.fromSnapshot(bytes);
const [kept, handed]: [VrpSet, VrpSnapshot] = loadVrpsWithSnapshot(new Uint8Array(), null, { lenient: true });
// @ts-expect-error: snapshotVrps takes text, bytes or an InputBuffer
snapshotVrps(42);

// @ts-expect-error: IrrDb is a class of the full module only
lite.IrrDb;
// @ts-expect-error: so is Dataset
lite.Dataset;
// @ts-expect-error: and RouteChecker
lite.RouteChecker;
// @ts-expect-error: and convertVrps
lite.convertVrps;
// @ts-expect-error: VrpSet.aspaSet() needs the path classes
set.aspaSet();
// @ts-expect-error: validateLines takes text or bytes
set.validateLines(42);

void [ready, r, many, first, valid, v, n, held, loadedFormat, report, fromSnapshot, kept, handed];
