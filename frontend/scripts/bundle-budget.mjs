#!/usr/bin/env node
/*
 * Bundle budget (issue 15): the JavaScript a browser must download before the first screen
 * shows, gzipped, for the sign-in page and the pages a user lands on. It reads the Vite
 * manifest of the last build (dist/.vite/manifest.json): the entry chunk and its static
 * imports, the default language's chunk (i18n/index.ts loads it before the first paint), and
 * the page's own lazily loaded chunk with its static imports. Run after `npm run build`;
 * `make e2e` runs it.
 *
 * The goal is 150 kB. The floor today is about 160 kB before any page code: react-dom
 * (~60), Mantine's core (~30), TanStack Router (~20), i18next (~16), one language's messages
 * (~17), TanStack Query (~8). So the check prints each page against the goal and fails (exit 1)
 * only above the page's ceiling (CEILINGS), which guards against regressions (docs/benchmarks.md,
 * "Web app bundle").
 *
 *   node scripts/bundle-budget.mjs [--budget-kb 150] [--ceiling-kb N]
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const dist = process.env.DIST_DIR ?? join(root, "dist");
const manifestPath = join(dist, ".vite", "manifest.json");
const argBudget = process.argv.indexOf("--budget-kb");
const budgetKb = argBudget > 0 ? Number(process.argv[argBudget + 1]) : 150;
const argCeiling = process.argv.indexOf("--ceiling-kb");
const ceilingArg = argCeiling > 0 ? Number(process.argv[argCeiling + 1]) : null;
// Today's size plus a margin: a page that drags more into its first load fails (theme.ts once
// pulled floating-ui into the sign-in page: +20 kB).
const CEILINGS = { "sign-in": 200, dashboard: 250, "task list": 250, "public register": 240 };
const LANGUAGE = "src/i18n/id.ts";

// The pages a user may land on first: sign-in, the dashboard, and the task list when it exists.
const PAGES = {
  "sign-in": "src/features/auth/sign-in-page.tsx",
  dashboard: "src/features/dashboard/dashboard-page.tsx",
  "task list": "src/features/tasks/tasks-page.tsx",
  "public register": "src/features/public-register/public-register-page.tsx",
};
// Every signed-in page also loads the shell around it.
const SHELL = ["src/components/app-shell.tsx", "src/features/notifications/notification-bell.tsx"];

if (!existsSync(manifestPath)) {
  console.error(`bundle budget: ${manifestPath} is missing; run 'npm run build' first (vite.config.ts sets build.manifest)`);
  process.exit(1);
}
const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
const entry = Object.entries(manifest).find(([, c]) => c.isEntry);
if (!entry) throw new Error("no entry chunk in the manifest");

/** The chunk files a key loads before it runs: itself and its static imports, transitively. */
function closure(key, seen = new Set()) {
  const chunk = manifest[key];
  if (!chunk || seen.has(chunk.file)) return seen;
  seen.add(chunk.file);
  for (const dep of chunk.imports ?? []) closure(dep, seen);
  return seen;
}

const gz = new Map();
function gzipKb(file) {
  if (!gz.has(file)) gz.set(file, gzipSync(readFileSync(join(dist, file))).length / 1024);
  return gz.get(file);
}

const rows = [];
let failed = false;
for (const [name, src] of Object.entries(PAGES)) {
  // A page whose module has no chunk of its own does not exist in this build.
  if (!manifest[src]) {
    if (name === "sign-in") throw new Error(`${src} is not a chunk of its own: is it still lazy (routes/lazy-page.ts)?`);
    continue;
  }
  const files = closure(entry[0]);
  closure(LANGUAGE, files);
  closure(src, files);
  if (name !== "sign-in" && name !== "public register") for (const s of SHELL) closure(s, files);
  const js = [...files].filter((f) => f.endsWith(".js"));
  const kb = js.reduce((sum, f) => sum + gzipKb(f), 0);
  const ceilingKb = ceilingArg ?? CEILINGS[name];
  const verdict = kb > ceilingKb ? "FAIL" : kb > budgetKb ? "over goal" : "ok";
  failed ||= kb > ceilingKb;
  rows.push(`${verdict.padEnd(9)} ${name.padEnd(16)} ${kb.toFixed(1).padStart(7)} kB gzip in ${js.length} JS files (goal ${budgetKb} kB, ceiling ${ceilingKb} kB)`);
}
const total = Object.values(manifest)
  .map((c) => c.file)
  .filter((f, i, all) => f.endsWith(".js") && all.indexOf(f) === i)
  .reduce((sum, f) => sum + gzipKb(f), 0);
console.log("bundle budget: initial JavaScript per landing page");
for (const row of rows) console.log(`  ${row}`);
console.log(`  (all JS of the app: ${total.toFixed(1)} kB gzip; entry chunk ${entry[1].file}: ${gzipKb(entry[1].file).toFixed(1)} kB gzip)`);
if (failed) {
  console.error("bundle ceiling exceeded: load the page lazily (routes/lazy-page.ts) or drop what it imports");
  process.exit(1);
}
