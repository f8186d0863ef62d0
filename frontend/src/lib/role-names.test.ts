import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/*
 * The SPA decides nothing by role name: menus and buttons follow `Me.capabilities` (capabilities.ts)
 * and the records' own lists (a report's `allowed_actions`, an agreement's actions), which the API's
 * policy modules compute. So a new role changes no file here. This check fails when a role name is
 * written as a string value in src, outside tests, the generated client and the i18n label maps.
 */
const ROLE_NAMES = ["secretariat", "tkksd", "opd_head", "opd_operator"] as const;
const SRC = join(__dirname, "..");
const SKIP = [/\.test\.tsx?$/, /^api\/schema\.d\.ts$/, /^i18n\//, /^test\//];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
  });
}

const LITERAL = new RegExp(`(["'\`])(${ROLE_NAMES.join("|")})\\1`, "g");

/** `line: name` of every role name written as a whole string literal in `source`. */
function roleLiterals(source: string): string[] {
  return source.split("\n").flatMap((line, i) => [...line.matchAll(LITERAL)].map((m) => `${i + 1}: ${m[2]}`));
}

describe("role names in the SPA", () => {
  it("the check finds a role literal but not a capability, an i18n key or an id", () => {
    const source = [
      'if (me.role === "secretariat") show();',
      "const roles = ['admin', 'opd_head'];",
      'has(me, "procedure:record_tkksd_review");',
      't("roles.tkksd"); const id = "tkksd-add";',
    ].join("\n");
    expect(roleLiterals(source)).toEqual(["1: secretariat", "2: opd_head"]);
  });

  it("no role name is used as a value outside tests and the i18n label maps", () => {
    const offenders = files(SRC)
      .map((p) => [relative(SRC, p).split("\\").join("/"), p] as const)
      .filter(([rel]) => !SKIP.some((re) => re.test(rel)))
      .flatMap(([rel, p]) => roleLiterals(readFileSync(p, "utf8")).map((hit) => `${rel}:${hit}`));
    expect(offenders).toEqual([]);
  });
});
