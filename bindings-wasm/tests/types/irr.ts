// Compile-time checks of the IrrDb declarations (pkg-node).
import {
  IrrDb, VrpSet,
  type IrrAdvice, type IrrCheck, type IrrLoadOptions, type IrrObject, type IrrRoute, type IrrStats, type IrrStatus,
  type RouteguardError,
} from "../../pkg-node/routeguard_wasm.js";

const opts: IrrLoadOptions = { strict: true };
const db: IrrDb = IrrDb.fromText("", "RIPE", opts);
const db2: IrrDb = IrrDb.fromText(new Uint8Array(), null);
const db3: IrrDb = IrrDb.fromText("");
const vrps: VrpSet = VrpSet.fromCsv("");

const c: IrrCheck = db.checkRoute("192.0.2.0/24", "AS64500");
const c2: IrrCheck = db.checkRoute("192.0.2.0/24", 64500, vrps);
const status: IrrStatus = c.status;
const per: Record<string, IrrStatus> = c.perSource;
const m: IrrRoute[] = c.matching;
const texts: string[] = c.covering.map((r) => r.text + r.prefix + r.origin + r.source + r.line);
const adv: IrrAdvice[] = c2.advice;
const level: "info" | "warning" | "danger" = adv[0]!.level;
const rpki: "valid" | "invalid" | "not-found" | null = c2.rpki;
const many: IrrCheck[] = db.checkRoutes("192.0.2.0/24 AS1\n");
const many2: IrrCheck[] = db.checkRoutes([["192.0.2.0/24", 1], "192.0.2.0/24 AS1"], vrps);
const stats: IrrStats = db2.stats();
const n: number = stats.objects + stats.routesV4 + stats.routesV6 + stats.errors + db3.length;
const objs: IrrObject[] = db.lookup("AS64500");
const cls: string = objs[0]!.class;
const sources: string[] = db.sources;
const warnings: string[] = db.warnings;
try {
  db.checkRoutes("x");
} catch (err) {
  const line: number | undefined = (err as RouteguardError).line;
}

// @ts-expect-error the status is one of four strings
const s2: "valid" = c.status;
// @ts-expect-error an origin is required
db.checkRoute("192.0.2.0/24");
// @ts-expect-error vrps is a VrpSet
db.checkRoute("192.0.2.0/24", 1, "vrps");
// @ts-expect-error unknown option
IrrDb.fromText("", null, { lenient: true });
db.free();
