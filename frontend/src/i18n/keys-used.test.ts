import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import id from "./id";

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) && !/\.test\./.test(f) ? [p] : [];
  });
}

function has(obj: unknown, path: string): boolean {
  let cur: unknown = obj;
  for (const part of path.split(".")) {
    if (typeof cur !== "object" || cur === null || !(part in cur)) return false;
    cur = (cur as Record<string, unknown>)[part];
  }
  return typeof cur === "string";
}

describe("i18n keys used in the code", () => {
  it("every literal t(\"…\") key exists", () => {
    const src = join(__dirname, "..");
    const missing: string[] = [];
    for (const file of files(src)) {
      for (const m of readFileSync(file, "utf8").matchAll(/\bt\(\s*"([a-zA-Z0-9_.]+)"/g)) {
        if (!has(id, m[1])) missing.push(`${m[1]} (${file.slice(src.length + 1)})`);
      }
    }
    expect(missing).toEqual([]);
  });
});
