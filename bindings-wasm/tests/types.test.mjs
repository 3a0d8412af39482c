// The generated TypeScript declarations compile under `strict` and reject
// misuse (tests/types/*.ts, each @ts-expect-error must see an error).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { test } from "node:test";

import { WASM_DIR } from "./helpers.mjs";

const TSC = path.join(WASM_DIR, "node_modules", "typescript", "bin", "tsc");
const skip = !existsSync(TSC) && process.env.CI !== "true" ? "typescript missing (npm ci in bindings-wasm/)" : false;

test("tsc --strict accepts the declarations and rejects misuse", { skip }, () => {
  const run = spawnSync(process.execPath, [TSC, "-p", path.join(WASM_DIR, "tests", "types", "tsconfig.json")],
    { encoding: "utf8" });
  assert.equal(run.status, 0, `tsc failed:\n${run.stdout}${run.stderr}`);
});
