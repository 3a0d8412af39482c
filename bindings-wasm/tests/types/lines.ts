// validateLines / validateLinesDetailed: typed arrays out, codes as enums.
import {
  Dataset, ReasonCode, RovCode, VrpSet,
  type LinesOptions, type LinesResult, type RouteguardError,
} from "../../pkg-node/routeguard_wasm.js";

const set: VrpSet = VrpSet.fromJson("[]");
const opts: LinesOptions = { relaxed: true };
const states: Uint8Array = set.validateLines("192.0.2.0/24 64500\n");
set.validateLines(new Uint8Array(), opts);
const valid: boolean = states[0] === RovCode.Valid;
const codes: number[] = [RovCode.Invalid, RovCode.NotFound, RovCode.Unparsable, ReasonCode.As, ReasonCode.Length, ReasonCode.None];
const d: LinesResult = set.validateLinesDetailed("192.0.2.0/24 64500\n", {});
const arrays: Uint8Array[] = [d.states, d.reasons, d.vrpLength, d.vrpMaxLength];
const words: Uint32Array[] = [d.lines, d.vrpStart, d.vrpAsn, d.vrpTa];
const tas: string[] = d.trustAnchors;
const bad: number = d.unparsable;
const first: RouteguardError | null = d.firstError;
const line: number | undefined = d.firstError?.line;

const ds = new Dataset({});
const maybe: Uint8Array | null = ds.validateLines("");
const maybeD: LinesResult | null = ds.validateLinesDetailed(new Uint8Array());

// @ts-expect-error: text must be a string or a Uint8Array
set.validateLines(42);
// @ts-expect-error: relaxed is a boolean
set.validateLines("", { relaxed: "yes" });
// @ts-expect-error: Dataset's result may be null
const notNull: Uint8Array = ds.validateLines("");
// @ts-expect-error: the states are bytes, not objects
const obj: string = d.states[0].state;
