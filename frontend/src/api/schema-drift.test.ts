import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

// The committed client must be what `make client` generates from the committed openapi.json.
// (The backend's tests check that openapi.json itself matches the app.)
describe("generated API client", () => {
  it("src/api/schema.d.ts is fresh (run `make client` when this fails)", () => {
    const root = resolve(__dirname, "..", "..");
    const dir = mkdtempSync(join(tmpdir(), "schema-"));
    try {
      const out = join(dir, "schema.d.ts");
      execFileSync(join(root, "node_modules", ".bin", "openapi-typescript"), [join(root, "openapi.json"), "-o", out], {
        stdio: "pipe",
      });
      const fresh = readFileSync(out, "utf8");
      const committed = readFileSync(join(root, "src", "api", "schema.d.ts"), "utf8");
      expect(committed === fresh, "src/api/schema.d.ts is stale: run `make client`").toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
