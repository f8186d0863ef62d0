// Journey: accessibility, measured (issue 15, item 4). axe-core (the npm package) is injected
// into every main page, in Indonesian and English, at 1366×768 and at phone width 390×844, as
// the demo user who works there. The count of serious/critical violations is printed per page;
// the journey fails on any. The same pass takes the screenshots a11y-<page>-<lang>-<width>.png
// that are looked at for layout defects. Called from run.mjs with its helpers.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
// Evaluated through the DevTools protocol: the app's CSP (script-src 'self') refuses a <script> tag.
const AXE = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const WIDTHS = [
  { width: 1366, height: 768 },
  { width: 390, height: 844 },
];
const LANGS = ["id", "en"];
const PASSWORD = "cimahi-demo-2026";

/** Until the page has data: no loader, no "Memuat…"/"Loading…" text. */
async function settled(page) {
  await page.waitForFunction(
    () => !document.querySelector(".mantine-Loader-root") && !/Memuat|Loading…|Memeriksa sesi/.test(document.body.innerText),
    undefined,
    { timeout: 15_000 },
  );
}

/** Sign in as a demo user, or only sign out (user null): the session lives in cookies. */
async function switchUser(page, baseUrl, user, password) {
  await page.context().clearCookies();
  await page.goto(`${baseUrl}/sign-in`);
  await page.evaluate(() => window.localStorage.setItem("kerjasama.lang", "id"));
  await page.reload();
  if (!user) return;
  await page.getByLabel("Nama pengguna").fill(user);
  await page.locator("input[type=password]").fill(password);
  await page.getByTestId("sign-in-submit").click();
  await page.getByTestId("user-card").waitFor();
}

async function setLang(page, lang) {
  await page.evaluate((l) => window.localStorage.setItem("kerjasama.lang", l), lang);
}

/** Run axe on what is on screen; returns the serious and critical violations. */
async function axe(page) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await window.axe.run(document, { resultTypes: ["violations"] });
    const why = (n) => {
      const d = n.any?.[0]?.data;
      return d && d.contrastRatio ? ` [${d.fgColor} on ${d.bgColor}: ${d.contrastRatio}:1] "${(n.html ?? "").replace(/<[^>]*>/g, "").slice(0, 40)}"` : "";
    };
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 4).map((n) => n.target.join(" ") + why(n)) }));
  });
  return result;
}

export async function a11yJourney({ page, baseUrl, step, shot, assert, api }) {
  const agreements = await api(baseUrl, "sekretariat", "/api/v1/agreements?status=in_force&limit=50");
  // The cabai PKS has a monthly schedule with a late occurrence: the obligations tab shows rows.
  const agreement = agreements.items.find((a) => a.number.endsWith("/CABAI")) ?? agreements.items[0];
  const partners = await api(baseUrl, "sekretariat", "/api/v1/partners?limit=5");
  const partner = partners.items[0];
  assert(agreement && partner, "an agreement and a partner to look at");

  // [name, path, user (null: signed out), an extra action before the check]
  const tab = (name) => async () => {
    await page.getByTestId(`tab-${name}`).click();
    await settled(page);
  };
  const ALL = [
    ["sign-in", "/sign-in", null],
    ["public-register", "/publik", null],
    ["dashboard", "/", "sekretariat"],
    ["agreements", "/agreements", "sekretariat"],
    ["agreement-overview", `/agreements/${agreement.id}`, "sekretariat"],
    ["agreement-checks", `/agreements/${agreement.id}`, "sekretariat", tab("checks")],
    ["agreement-approvals", `/agreements/${agreement.id}`, "sekretariat", tab("approvals")],
    ["agreement-documents", `/agreements/${agreement.id}`, "sekretariat", tab("documents")],
    [
      "agreement-obligations",
      `/agreements/${agreement.id}`,
      "sekretariat",
      async () => {
        await tab("obligations")();
        const toggle = page.getByTestId("obligation-toggle").first();
        if (await toggle.isVisible().catch(() => false)) {
          await toggle.click();
          await page.getByTestId("occurrence-row").first().waitFor();
        }
      },
    ],
    ["agreement-monitoring", `/agreements/${agreement.id}`, "sekretariat", tab("monitoring")],
    ["agreement-history", `/agreements/${agreement.id}`, "sekretariat", tab("history")],
    ["partners", "/partners", "sekretariat"],
    ["partner-detail", `/partners/${partner.id}`, "sekretariat"],
    ["obligations", "/obligations", "sekretariat"],
    ["monitoring", "/monitoring", "sekretariat"],
    ["periodic-reports", "/periodic-reports", "sekretariat"],
    ["notifications", "/notifications", "sekretariat"],
    ["calendar-feed", "/settings/calendar", "sekretariat"],
    ["reminder-rules", "/reminder-rules", "sekretariat"],
    ["holidays", "/holidays", "admin"],
    ["service-accounts", "/service-accounts", "admin"],
    ["webhooks", "/webhooks", "admin"],
    ["imports", "/imports", "admin"],
  ];
  // A11Y_PAGES=agreements,holidays checks only those (while fixing one page).
  const pick = process.env.A11Y_PAGES?.split(",");
  const PAGES = pick ? ALL.filter(([name]) => pick.includes(name)) : ALL;

  const failures = [];
  const counts = [];
  let who = "?";
  for (const lang of LANGS) {
    await step(`a11y (${lang}): axe on every main page at 1366 and 390 px, 0 serious/critical; screenshots`, async () => {
      for (const [name, path, user, before] of PAGES) {
        await page.setViewportSize(WIDTHS[0]);
        if (user !== who) {
          await switchUser(page, baseUrl, user, PASSWORD);
          who = user;
        }
        await setLang(page, lang);
        for (const size of WIDTHS) {
          await page.setViewportSize(size);
          await page.goto(`${baseUrl}${path}`);
          await settled(page);
          if (before) await before();
          await page.locator("h1, h2").first().waitFor();
          const found = await axe(page);
          const bad = found.filter((v) => v.impact === "serious" || v.impact === "critical");
          counts.push(`${name}/${lang}/${size.width}: ${bad.length}`);
          process.stdout.write(`\n    a11y ${name} ${lang} ${size.width}px: ${bad.length} serious/critical (${found.length} violations in all)`);
          for (const v of bad) failures.push(`${name} ${lang} ${size.width}px: ${v.impact} ${v.id} (${v.help}) at ${v.nodes.join(" | ")}`);
          await shot(`a11y-${name}-${lang}-${size.width}`);
        }
      }
      process.stdout.write("\n");
    });
  }
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.evaluate(() => window.localStorage.setItem("kerjasama.lang", "id"));
  await step("a11y: no serious or critical violation on any page", async () => {
    process.stdout.write(`\n    ${counts.length} page views checked\n`);
    assert(failures.length === 0, `serious/critical violations:\n  ${[...new Set(failures)].join("\n  ")}`);
  });
}
