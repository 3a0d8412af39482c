// Compile-time checks of the Dataset declarations (pkg-node).
import {
  AsRelations, AspaSet, Dataset, IrrDb, VrpSet,
  type DatasetOptions, type IrrCheck, type RouteVerdict, type RovResult,
} from "../../pkg-node/routeguard_wasm.js";

const opts: DatasetOptions = {
  vrps: "ASN,IP Prefix,Max Length\n",
  vrpFormat: "csv",
  slurm: new Uint8Array(),
  irr: ["route: 192.0.2.0/24\norigin: AS1\nsource: X\n", ["RIPE", new Uint8Array()]],
  asrel: "1|2|-1\n",
  bogons: ["10.0.0.0/8\n", ["cymru", "192.0.2.0/24\n"]],
  strict: false,
};
const ds: Dataset = new Dataset(opts);
const empty: Dataset = new Dataset();
const v: RouteVerdict = ds.check("192.0.2.0/24", "64500 64501", 64500);
const irr: IrrCheck | null = ds.checkIrr("192.0.2.0/24", "AS64501");
const none: IrrCheck | null = ds.checkIrr("192.0.2.0/24", null);
const rov: RovResult | null = ds.validate("192.0.2.0/24", 64501);
const vrps: VrpSet | undefined = ds.vrps;
const db: IrrDb | undefined = ds.irr;
const aspas: AspaSet | undefined = ds.aspas;
const rel: AsRelations | undefined = ds.relations;
const warnings: string[] = ds.warnings;
const format: "json" | "csv" | "openbgpd" | "bird" | "slurm" | "snapshot" | null = ds.format;

// @ts-expect-error: inputs are strings or Uint8Arrays
new Dataset({ vrps: 42 });
// @ts-expect-error: an unknown format name
new Dataset({ vrpFormat: "xml" });
// @ts-expect-error: bogons is a list
new Dataset({ bogons: "10.0.0.0/8\n" });

export { v, irr, none, rov, vrps, db, aspas, rel, warnings, format, empty };
