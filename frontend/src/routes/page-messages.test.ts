import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { AFTER_PAINT_GROUPS, CORE_GROUPS } from "../i18n";
import id, { type MessageGroup } from "../i18n/id";

/*
 * A lazily loaded page that names its message groups (lazy-page.ts) renders with only those and
 * the core groups loaded. This check reads the page's module and every module it imports
 * (statically, transitively, inside src) and fails when one of them names a key of a group the
 * page does not load: that key would show raw on the page's first screen (i18n/index.ts,
 * AFTER_PAINT_GROUPS, says why the server's error texts may come just after it). It over-approximates
 * (a key in a comment or an unused branch counts), which costs a few bytes, never a raw key.
 */
const SRC = join(__dirname, "..");
const GROUPS = Object.keys(id) as MessageGroup[];
const USE = new RegExp(`["'\`](${GROUPS.join("|")})\\.`, "g");

function resolve(from: string, spec: string): string | null {
  const base = join(dirname(from), spec);
  for (const p of [`${base}.ts`, `${base}.tsx`, join(base, "index.ts")]) if (existsSync(p)) return p;
  return null;
}

/** The groups whose keys the module and its static imports name. */
function groupsUsed(file: string, seen = new Set<string>()): Set<MessageGroup> {
  const used = new Set<MessageGroup>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    const source = readFileSync(f, "utf8");
    for (const m of source.matchAll(USE)) used.add(m[1] as MessageGroup);
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+"(\.[^"]+)";/gms)) {
      const target = resolve(f, m[1]);
      if (target && !relative(SRC, target).startsWith("i18n")) visit(target);
    }
  };
  visit(file);
  return used;
}

/** `lazyPage(() => import("…"), "Name", [groups])` and `lazyPart(…)` calls with their groups named. */
function declarations(): { name: string; file: string; groups: MessageGroup[] }[] {
  const routes = join(SRC, "routes", "route-components.tsx");
  const source = readFileSync(routes, "utf8");
  const out = [];
  for (const m of source.matchAll(/lazy(?:Page|Part)\(\s*\(\)\s*=>\s*import\("([^"]+)"\),\s*"(\w+)",\s*\[([^\]]*)\]/g)) {
    const file = resolve(routes, m[1]);
    if (!file) throw new Error(`cannot resolve ${m[1]}`);
    const groups = [...m[3].matchAll(/"(\w+)"/g)].map((g) => g[1] as MessageGroup);
    out.push({ name: m[2], file, groups });
  }
  return out;
}

describe("message groups of the pages a user lands on", () => {
  const pages = declarations();

  it("the landing pages, the frames and the bell name their groups", () => {
    expect(pages.map((p) => p.name).sort()).toEqual(
      expect.arrayContaining(["DashboardPage", "NotificationBell", "PublicFrame", "PublicRegisterPage", "SignedInFrame", "SignInPage", "TasksPage"]),
    );
  });

  it.each(pages.map((p) => [p.name, p] as const))("%s loads every group its modules use", (_name, page) => {
    for (const g of page.groups) expect(GROUPS).toContain(g);
    // The server's error texts follow right after the first paint; nothing on a first screen needs them.
    const loaded = new Set<MessageGroup>([...CORE_GROUPS, ...AFTER_PAINT_GROUPS, ...page.groups]);
    const missing = [...groupsUsed(page.file)].filter((g) => !loaded.has(g)).sort();
    expect(missing).toEqual([]);
  });
});
