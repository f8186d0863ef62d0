import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/*
 * The SPA's layers, and what each may import (relative imports only; packages are free):
 *
 *   api/         the generated client and problem+json handling    → api
 *   i18n/        message catalogues                                → i18n
 *   lib/         session, capabilities, formatting, query-key roots → api, i18n, lib
 *   components/  shared widgets and shared queries                 → api, i18n, lib, components
 *   features/f/  one screen family, its api.ts and rules           → api, i18n, lib, components, features/f
 *   routes/      the route tree: composes features                 → anything
 *
 * Features never import each other: what two features share moves down to components/ or lib/,
 * and what one feature shows inside another's screen is passed in by routes/ (render props).
 * Test helpers (test/, theme.ts) may be imported from anywhere.
 */

const SRC = __dirname;

export type SourceFile = { path: string; text: string };

const ALWAYS = ["test", "theme.ts", "theme"];
const ALLOWED: Record<string, readonly string[]> = {
  api: ["api"],
  i18n: ["i18n"],
  lib: ["api", "i18n", "lib"],
  components: ["api", "i18n", "lib", "components"],
  features: ["api", "i18n", "lib", "components"],
};

const IMPORT = /(?:^|[\s;])(?:import|export)\s[^;]*?from\s*["']([^"']+)["']|(?:^|[\s;])import\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

/** The relative module specifiers a file imports (static, re-exports and dynamic). */
export function importsOf(text: string): string[] {
  return [...text.matchAll(IMPORT)].map((m) => m[1] ?? m[2] ?? m[3]).filter((s) => s.startsWith("."));
}

/** ["features", "agreements"] for src/features/agreements/x.tsx; ["lib"] for src/lib/x.ts. */
function area(pathFromSrc: string): string[] {
  const parts = pathFromSrc.split(sep).join("/").split("/");
  return parts[0] === "features" ? parts.slice(0, 2) : [parts[0]];
}

/** Every import that crosses a boundary above, as "from → to" (paths relative to src/). */
export function boundaryViolations(files: readonly SourceFile[], root = SRC): string[] {
  const found: string[] = [];
  for (const file of files) {
    const from = relative(root, file.path);
    const [layer, feature] = area(from);
    const allowed = ALLOWED[layer];
    if (!allowed) continue; // routes/, main.tsx, test/: may compose anything
    for (const spec of importsOf(file.text)) {
      const to = relative(root, resolve(dirname(file.path), spec));
      if (to.startsWith("..")) continue;
      const [toLayer, toFeature] = area(to);
      if (ALWAYS.includes(toLayer)) continue;
      if (layer === "features" && toLayer === "features" && toFeature === feature) continue;
      if (!allowed.includes(toLayer)) found.push(`${from} → ${to}`);
    }
  }
  return found;
}

function sourceFiles(dir: string): SourceFile[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.tsx?$/.test(f) && !f.endsWith(".d.ts") ? [{ path: p, text: readFileSync(p, "utf8") }] : [];
  });
}

/** Requests, cache writes and query/mutation hooks written inline in a component file. */
const INLINE_DATA = /\bapi\.(GET|POST|PUT|PATCH|DELETE)\b|\buse(Mutation|Query|InfiniteQuery|SuspenseQuery)\s*\(|\b(invalidateQueries|setQueryData|refetchQueries|removeQueries)\s*\(/;

/** Component files (.tsx under components/ and features/) that fetch or mutate inline. */
export function inlineDataAccess(files: readonly SourceFile[], root = SRC): string[] {
  return files
    .filter((f) => f.path.endsWith(".tsx") && !f.path.endsWith(".test.tsx"))
    .filter((f) => ["components", "features"].includes(area(relative(root, f.path))[0]))
    .flatMap((f) =>
      f.text
        .split("\n")
        .flatMap((line, i) => (INLINE_DATA.test(line) ? [`${relative(root, f.path)}:${i + 1}: ${line.trim()}`] : [])),
    );
}

describe("module boundaries", () => {
  const files = sourceFiles(SRC);

  it("finds the source files", () => {
    expect(files.filter((f) => relative(SRC, f.path).startsWith(`features${sep}`)).length).toBeGreaterThan(20);
  });

  it("features never import each other; lower layers never import higher ones", () => {
    expect(boundaryViolations(files)).toEqual([]);
  });

  it("components do not fetch or mutate inline: requests live in a feature's api.ts or a shared *-queries.ts", () => {
    expect(inlineDataAccess(files)).toEqual([]);
  });
});

describe("the boundary check itself", () => {
  const at = (p: string, text: string): SourceFile => ({ path: join(SRC, p), text });

  it("reports a feature importing another feature", () => {
    const files = [
      at("features/obligations/panel.tsx", 'import { useAgreement } from "../agreements/api";\nimport { x } from "./api";'),
      at("features/agreements/page.tsx", 'export { thing } from "../../features/monitoring/rules";'),
      at("features/partners/lazy.tsx", 'const m = import("../documents/documents-panel");'),
    ];
    expect(boundaryViolations(files)).toEqual([
      `features${sep}obligations${sep}panel.tsx → features${sep}agreements${sep}api`,
      `features${sep}agreements${sep}page.tsx → features${sep}monitoring${sep}rules`,
      `features${sep}partners${sep}lazy.tsx → features${sep}documents${sep}documents-panel`,
    ]);
  });

  it("reports shared layers importing features or routes, and allows what the layers permit", () => {
    const files = [
      at("components/widget.tsx", 'import { Bell } from "../features/notifications/notification-bell";'),
      at("lib/thing.ts", 'import { router } from "../routes/route-tree";\nimport { api } from "../api/client";'),
      at("routes/route-components.tsx", 'import { Page } from "../features/agreements/agreement-list-page";'),
      at("features/agreements/ok.tsx", 'import { api } from "../../api/client";\nimport { Pager } from "../../components/list-pager";\nimport { x } from "./filters";\nimport { renderWithProviders } from "../../test/render";'),
    ];
    expect(boundaryViolations(files)).toEqual([
      `components${sep}widget.tsx → features${sep}notifications${sep}notification-bell`,
      `lib${sep}thing.ts → routes${sep}route-tree`,
    ]);
  });

  it("reports inline requests and mutations in a component", () => {
    const files = [
      at("features/agreements/page.tsx", 'const q = useQuery({ queryKey: ["x"] });\nconst r = await api.GET("/api/v1/x");'),
      at("features/agreements/api.ts", 'const q = useQuery({ queryKey: ["x"] });'),
      at("features/agreements/page.test.tsx", 'const q = useQuery({ queryKey: ["x"] });'),
    ];
    expect(inlineDataAccess(files)).toHaveLength(2);
  });
});
