// Browser journeys (issue 5) in Debian chromium driven by playwright-core.
// Starts the real backend itself (fresh SQLite, demo data) unless E2E_BASE_URL points at one.
// Exits non-zero on any failure and always stops the backend it started.
import { execFileSync } from "node:child_process";
import { readFile } from "node:fs/promises";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { startBackend } from "./backend.mjs";
import { signOutIfSignedIn } from "./session.mjs";
import { serviceAccountsJourney } from "./service-accounts.mjs";
import { publicRegisterJourney } from "./public-register.mjs";
import { holidaysJourney } from "./holidays.mjs";
import { importsJourney } from "./imports.mjs";
import { approveJourney } from "./approve.mjs";
import { tasksJourney } from "./tasks.mjs";
import { adminJourney } from "./admin.mjs";
import { procedureUiJourney } from "./procedure-ui.mjs";
import { layoutJourney } from "./layout.mjs";
import { a11yJourney } from "./a11y.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const shots = join(here, "screenshots");
mkdirSync(shots, { recursive: true });
const PASSWORD = "cimahi-demo-2026";

function chromiumPath() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  try {
    return execFileSync("sh", ["-c", "command -v chromium"], { encoding: "utf8" }).trim();
  } catch {
    throw new Error("chromium not found: apt-get install -y chromium");
  }
}

function assert(cond, message) {
  if (!cond) throw new Error(`assertion failed: ${message}`);
}

async function token(baseUrl, username) {
  const form = new URLSearchParams({ grant_type: "password", username, password: PASSWORD, client_id: "kerjasama-spa" });
  const tok = await fetch(`${baseUrl}/api/v1/auth/token`, { method: "POST", body: form });
  assert(tok.ok, `token for ${username}: ${tok.status}`);
  return (await tok.json()).access_token;
}

async function api(baseUrl, username, path) {
  const r = await fetch(`${baseUrl}${path}`, { headers: { Authorization: `Bearer ${await token(baseUrl, username)}` } });
  assert(r.ok, `GET ${path} as ${username}: ${r.status}`);
  return r.json();
}

/** Another user saves the agreement first (for the If-Match conflict journey). */
async function patchAgreementAs(baseUrl, username, id, body) {
  const auth = { Authorization: `Bearer ${await token(baseUrl, username)}` };
  const cur = await fetch(`${baseUrl}/api/v1/agreements/${id}`, { headers: auth });
  assert(cur.ok, `GET agreement ${id}: ${cur.status}`);
  const r = await fetch(`${baseUrl}/api/v1/agreements/${id}`, {
    method: "PATCH",
    headers: { ...auth, "Content-Type": "application/json", "If-Match": cur.headers.get("ETag") },
    body: JSON.stringify(body),
  });
  assert(r.ok, `PATCH agreement ${id}: ${r.status} ${await r.text()}`);
}

/** Sign out (when signed in) and sign in as another demo user. */
async function signInAs(page, username, expectRole) {
  await signOutIfSignedIn(page);
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(PASSWORD);
  await page.getByTestId("sign-in-submit").click();
  await page.getByTestId("user-card").getByText(expectRole).first().waitFor(); // a name may equal its role label
}

// A minimal, valid PDF (the server judges files by their bytes).
const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

const steps = [];
// E2E_ONLY=holidays,approve runs only those journey modules (for working on one); "core" is the inline part.
const only = process.env.E2E_ONLY ? new Set(process.env.E2E_ONLY.split(",").map((s) => s.trim())) : null;
let group = "core";
/** Run a journey module under its name, so E2E_ONLY can pick it. */
async function journey(name, fn) {
  if (only && !only.has(name)) return;
  group = name;
  try {
    await fn();
  } finally {
    group = "core";
  }
}
async function step(name, fn) {
  if (only && !only.has(group)) return;
  const t0 = Date.now();
  process.stdout.write(`• ${name} … `);
  await fn();
  steps.push(name);
  process.stdout.write(`ok (${Date.now() - t0} ms)\n`);
}

async function main() {
  const external = process.env.E2E_BASE_URL;
  const backend = external ? { baseUrl: external, stop: () => {}, log: () => "" } : await startBackend();
  const profile = mkdtempSync(join(tmpdir(), "kerjasama-chromium-"));
  let context;
  try {
    const { baseUrl } = backend;
    context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      acceptDownloads: true,
      viewport: { width: 1280, height: 800 },
      locale: "id-ID",
      timezoneId: "Asia/Jakarta",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    context.setDefaultTimeout(15_000);
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleErrors = [];
    page.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    page.on("pageerror", (e) => consoleErrors.push(String(e)));
    const shot = (name) => page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
    /** The visible part only (a popover over a long page; the top of a long phone list). */
    const shotView = (name) => page.screenshot({ path: join(shots, `${name}.png`) });
    /** Wait until Mantine's open transition of the element is over (for screenshots). */
    const opaque = (selector) =>
      page.waitForFunction((sel) => {
        const el = document.querySelector(sel);
        return el !== null && getComputedStyle(el).opacity === "1";
      }, selector);

    // Reference data for the journeys, read through the API.
    const all = (await api(baseUrl, "sekretariat", "/api/v1/agreements?limit=200")).items;
    const kbBandung = all.find((a) => a.number === "DEMO/KB/2021/KABBDG");
    const kbGarut = all.find((a) => a.number === "DEMO/KB/2023/GARUT");
    assert(kbBandung && kbGarut, "demo KBs present");
    if (only) await page.goto(`${baseUrl}/sign-in`); // the skipped core part is what signs in first

    await step("deep link while signed out goes to sign-in; wrong password is explained", async () => {
      await page.goto(`${baseUrl}/agreements?category=KSDD`);
      await page.waitForURL(/\/sign-in\?redirect=/);
      await page.getByLabel("Nama pengguna").fill("sekretariat");
      await page.getByLabel("Kata sandi").fill("wrong-password");
      await page.getByTestId("sign-in-submit").click();
      await page.getByTestId("sign-in-error").getByText("Nama pengguna atau kata sandi salah.").waitFor();
      await shot("01-sign-in-error");
    });

    await step("sign in as sekretariat and come back to the deep link", async () => {
      await page.getByLabel("Kata sandi").fill(PASSWORD);
      await page.getByTestId("sign-in-submit").click();
      await page.waitForURL(/\/agreements\?category=KSDD/);
      await page.getByTestId("agreement-table").waitFor();
      const user = await page.getByTestId("user-card").innerText();
      assert(/Sekretariat TKKSD/.test(user), `role shown in the shell: ${user}`);
    });

    await step("silent refresh: a reload keeps the session", async () => {
      await page.reload();
      await page.getByTestId("agreement-table").waitFor();
      assert(!page.url().includes("/sign-in"), "still signed in after reload");
    });

    await step("dashboard shows headline numbers, categories and deadlines", async () => {
      await page.getByTestId("nav-dashboard").click();
      await page.waitForURL(`${baseUrl}/`);
      await page.getByTestId("category-chart").waitFor();
      await page.getByTestId("deadlines").or(page.getByTestId("no-deadlines")).waitFor();
      await page.getByTestId("affair-chart").waitFor();
      await page.getByTestId("deadlines-90").waitFor();
      const inForce = await page.getByTestId("headline-in-force").innerText();
      assert(/\d/.test(inForce), `in-force count: ${inForce}`);
      await page.waitForFunction(() => !document.body.innerText.includes("…"));
      await shot("02-dashboard");
    });

    await step("filter agreements by category and expiring; filters live in the URL", async () => {
      await page.getByTestId("nav-agreements").click();
      await page.getByTestId("agreement-table").waitFor();
      await page.getByRole("combobox", { name: "Kategori", exact: true }).click();
      await page.getByRole("option", { name: /^KSDD/ }).click();
      await page.waitForURL(/category=KSDD/);
      await page.getByRole("combobox", { name: "Berakhir dalam", exact: true }).click();
      await page.getByRole("option", { name: "180 hari" }).click();
      await page.waitForURL(/expiring=180/);
      await page.waitForFunction(() => {
        const rows = document.querySelectorAll("[data-testid=agreement-table] tbody tr");
        return rows.length > 0 && [...rows].every((r) => r.textContent.includes("KSDD") && r.textContent.includes("Segera berakhir"));
      });
      await shot("03-agreements-filtered");
      // The same URL opened afresh shows the same filtered view (shareable).
      const url = page.url();
      await page.goto(url);
      await page.getByTestId("agreement-table").waitFor();
      assert((await page.getByRole("combobox", { name: "Kategori", exact: true }).inputValue()).startsWith("KSDD"), "category restored from URL");
      // Export of the current filter: the CSV holds exactly the rows on screen.
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("export-csv").click()]);
      assert(download.suggestedFilename().startsWith("kerja-sama-") && download.suggestedFilename().endsWith(".csv"), "csv file name");
      const csvText = (await readFile(await download.path(), "utf8")).replace(/^\uFEFF/, "");
      const csvRows = csvText.trim().split(/\r?\n/).slice(1);
      const shown = await page.locator("[data-testid=agreement-table] tbody tr").count();
      assert(csvRows.length === shown && csvRows.every((r) => r.includes("KSDD")), `csv has the ${shown} filtered rows`);
    });

    await step("open a KB and its PKS (family tree)", async () => {
      await page.goto(`${baseUrl}/agreements?kind=KB`);
      await page.getByRole("link", { name: kbBandung.title }).click();
      await page.getByTestId("agreement-header").getByText(kbBandung.number).waitFor();
      await page.getByTestId("children").waitFor();
      await shot("04-kb-detail");
      await page.getByTestId("children").getByRole("link").first().click();
      await page.getByTestId("parent-link").waitFor();
      const kind = await page.getByTestId("agreement-header").innerText();
      assert(kind.includes("Perjanjian Kerja Sama (PKS)"), "child is a PKS");
      await page.getByTestId("tab-history").click();
      await page.getByTestId("history").or(page.getByText("Belum ada riwayat perubahan.")).waitFor();
      await page.getByTestId("stage-stepper").waitFor();
      await page.getByTestId("tab-checks").click();
      await page.getByRole("tabpanel").getByTestId("findings").or(page.getByTestId("no-findings")).waitFor();
      await shot("05-pks-detail");
      await page.getByRole("tab", { name: "Dokumen" }).click();
      await page.getByText("Belum ada dokumen.").or(page.getByTestId("documents")).waitFor();
    });

    await step("create a PKS under a KB: server error on the field, fix it, save", async () => {
      await page.goto(`${baseUrl}/agreements/${kbGarut.id}`);
      await page.getByTestId("add-child").click();
      await page.getByTestId("agreement-form").waitFor();
      // Step 1: kind, category and parent come from the KB. A registry number that is already taken:
      // only the server can know.
      await page.getByRole("textbox", { name: /^Nomor registri/ }).fill(kbGarut.number);
      await page.getByTestId("step-next").click();
      // Step 2: a second partner, created inline without leaving the form.
      await page.getByRole("button", { name: "Tambah pihak" }).click();
      await page.getByTestId("party-1").getByRole("button", { name: "Mitra baru" }).click();
      const modal = page.getByRole("dialog");
      await modal.getByRole("combobox", { name: "Jenis mitra", exact: true }).click();
      await page.getByRole("option", { name: "Daerah", exact: true }).click();
      await modal.getByRole("combobox", { name: "Daerah", exact: true }).fill("Bogor");
      await page.getByRole("option", { name: "Kota Bogor (32.71)" }).click();
      await shot("06a-inline-partner");
      await modal.getByTestId("partner-save").click();
      await modal.waitFor({ state: "hidden" });
      assert(!(await page.getByText("Sudah terdaftar; gunakan nilai lain.").isVisible()), "the modal's submit did not submit the agreement");
      assert((await page.getByTestId("party-1").getByRole("combobox", { name: "Mitra", exact: true }).inputValue()) === "Kota Bogor", "new partner picked");
      await page.getByTestId("step-next").click();
      // Step 3: client-side validation as you type.
      const title = page.getByRole("textbox", { name: /^Judul/ });
      await title.fill("ab");
      await page.getByText("Judul minimal 3 karakter.").waitFor();
      await title.fill("[E2E] PKS Pasokan Bawang Merah dari Kabupaten Garut");
      await page.getByTestId("step-next").click();
      // Step 4: term; clauses are offered for a PKS.
      await page.getByTestId("field-clauses").waitFor();
      // Dates are typed dd/mm/yyyy whatever the browser's locale (components/date-field.tsx).
      await page.getByTestId("field-start").fill("01/01/2026");
      await page.getByTestId("field-end").fill("31/12/2027");
      await page.getByTestId("field-end").press("Tab");
      assert((await page.getByTestId("field-end").inputValue()) === "31/12/2027", "the end date reads dd/mm/yyyy");
      await shot("06c-form-last-step");
      await page.getByTestId("save").click();
      // The server names the number: the form jumps back to step 1 with the field marked.
      await page.getByText("Sudah terdaftar; gunakan nilai lain.").waitFor();
      assert((await page.getByRole("textbox", { name: /^Nomor registri/ }).getAttribute("aria-invalid")) === "true", "number field marked invalid");
      await shot("06-form-server-error");
      await page.getByRole("textbox", { name: /^Nomor registri/ }).fill("E2E/PKS/2026/BAWANG");
      // The server's rule findings before saving (dry run): R7, no planning reference yet.
      await page.getByTestId("draft-findings").getByText("R7 ·").waitFor();
      await shot("06b-draft-findings");
      await page.getByTestId("save").click();
      await page.getByTestId("agreement-number").getByText("E2E/PKS/2026/BAWANG").waitFor();
      await page.getByTestId("parent-link").waitFor();
      await page.getByTestId("parties").getByText("Kota Bogor").waitFor();
      await shot("07-pks-created");
    });

    await step("take a procedure action: start drafting, see a BLOCK finding on the next one, and the history entry", async () => {
      await page.getByTestId("actions").waitFor();
      await page.getByTestId("action-start_drafting").click();
      const modal = page.getByTestId("transition-modal");
      await modal.getByTestId("transition-submit").waitFor();
      // A WARN finding (if any) needs a written justification: give one when the dialog asks.
      if (await page.getByTestId("transition-justification").isVisible()) {
        await page.getByTestId("transition-justification").fill("Disetujui rapat koordinasi TKKSD");
      }
      await page.getByTestId("transition-submit").click();
      await page.getByTestId("action-done").waitFor();
      await page.getByTestId("stage-stepper").getByText("Penyusunan naskah").first().waitFor();
      // finalise is guarded by the data rules: R7 (no planning reference yet) blocks it, with its Pasal.
      const blocked = page.getByTestId("blocked-finalise");
      await blocked.getByText("R7 · PP 28/2018 Pasal 4").waitFor();
      assert(await page.getByTestId("action-finalise").isDisabled(), "blocked action is disabled");
      await shot("07c-actions-blocked");
      await page.getByTestId("tab-history").click();
      await page.getByTestId("history").getByText("Mulai penyusunan PKS").waitFor();
      await shot("07d-history-transition");
      // Record an obligation of the home region (R27 asks for one per party).
      await page.getByRole("tab", { name: "Hak dan kewajiban" }).click();
      await page.getByTestId("obligation-add").click();
      const form = page.getByTestId("obligation-form");
      await form.getByRole("combobox", { name: "Pihak", exact: true }).click();
      await page.getByRole("option", { name: "Pemerintah daerah (pihak sendiri)" }).click();
      await form.getByRole("combobox", { name: "Jenis", exact: true }).click();
      await page.getByRole("option", { name: "Kewajiban", exact: true }).click();
      await form.getByRole("textbox", { name: /^Uraian/ }).fill("Menyediakan lapak distribusi bawang merah");
      await form.getByRole("button", { name: "Simpan" }).click();
      await page.getByTestId("obligations").getByText("Menyediakan lapak distribusi bawang merah").waitFor();
      await page.getByTestId("tab-approvals").click();
      await page.getByTestId("tkksd-reviews").waitFor();
      await page.getByTestId("dprd-approvals").waitFor();
      // Record a TKKSD appraisal, a DPRD request and the DPRD's decision (PATCH with If-Match).
      await page.getByTestId("tkksd-add").click();
      const review = page.getByTestId("tkksd-reviews");
      await review.getByRole("combobox", { name: "Hasil", exact: true }).click();
      await page.getByRole("option", { name: "Layak dengan perbaikan" }).click();
      await review.getByRole("textbox", { name: "Berita acara" }).fill("BA-TKKSD/07/2026");
      await review.getByRole("button", { name: "Simpan" }).click();
      await review.getByText("BA-TKKSD/07/2026").waitFor();
      const dprd = page.getByTestId("dprd-approvals");
      await page.getByTestId("dprd-add").click();
      await dprd.getByRole("button", { name: "Simpan" }).click();
      await dprd.getByRole("button", { name: "Catat keputusan" }).click();
      await dprd.getByRole("combobox", { name: "Keputusan", exact: true }).click();
      await page.getByRole("option", { name: "Disetujui" }).click();
      await dprd.getByRole("textbox", { name: "Nomor keputusan DPRD" }).fill("KEP-DPRD/12/2026");
      await dprd.getByRole("button", { name: "Simpan" }).click();
      await dprd.getByText("KEP-DPRD/12/2026").waitFor();
      await shot("07e-approvals");
    });

    await step("see a rule finding (R7, planning reference), fix it in the form, save", async () => {
      await page.getByTestId("tab-checks").click();
      await page.getByRole("tabpanel").getByTestId("findings").getByText("R7 ·").waitFor();
      await shot("07a-rule-finding");
      await page.getByTestId("edit").click();
      await page.getByTestId("form-findings").getByText("R7 ·").waitFor();
      await page.getByTestId("form-step-2").click();
      await page.getByRole("textbox", { name: "Rujukan dokumen perencanaan" }).fill("RKPD Kota Cimahi 2026, program ketahanan pangan");
      await page.getByTestId("save").click();
      await page.getByTestId("agreement-header").waitFor();
      await page.getByTestId("tab-checks").click();
      await page.getByRole("tabpanel").getByTestId("findings").or(page.getByTestId("no-findings")).waitFor();
      assert((await page.getByRole("tabpanel").getByText("R7 ·").count()) === 0, "R7 is gone after the fix");
    });

    await step("edit with If-Match: a clear message when someone else saved first", async () => {
      const id = new URL(page.url()).pathname.split("/").pop();
      await page.getByTestId("edit").click();
      await page.getByTestId("agreement-form").waitFor();
      await patchAgreementAs(baseUrl, "admin", id, { purpose: "Diubah oleh pengguna lain" });
      await page.getByTestId("form-step-2").click();
      await page.getByRole("textbox", { name: /^Judul/ }).fill("[E2E] PKS Pasokan Bawang Merah (revisi)");
      await page.getByTestId("save").click();
      await page.getByTestId("conflict").waitFor();
      await shot("07b-edit-conflict");
      await page.getByRole("button", { name: "Muat ulang" }).click();
      await page.getByTestId("agreement-form").waitFor();
      await page.getByTestId("form-step-2").click();
      await page.getByRole("textbox", { name: /^Judul/ }).fill("[E2E] PKS Pasokan Bawang Merah (revisi)");
      await page.getByTestId("save").click();
      await page.getByRole("heading", { name: "[E2E] PKS Pasokan Bawang Merah (revisi)" }).waitFor();
      await page.getByText("Diubah oleh pengguna lain").waitFor();
    });

    await step("partners: type filter, duplicate warning from the API, create anyway, detail", async () => {
      await page.getByTestId("nav-partners").click();
      await page.getByTestId("partner-table").waitFor();
      await page.getByRole("combobox", { name: "Jenis mitra", exact: true }).click();
      await page.getByRole("option", { name: "Daerah", exact: true }).click();
      await page.waitForURL(/type=REGION/);
      await page.waitForFunction(() => !document.querySelector("[data-testid=partner-table]")?.textContent.includes("Kejaksaan"));
      await shot("12-partners-region");
      await page.getByRole("link", { name: "Tambah mitra" }).click();
      await page.getByTestId("partner-form").waitFor();
      await page.getByRole("combobox", { name: "Jenis mitra", exact: true }).click();
      await page.getByRole("option", { name: "Instansi pemerintah pusat" }).click();
      await page.getByTestId("partner-name").fill("Kejaksaan Negeri Cimahi");
      await page.getByRole("button", { name: "Tambah narahubung" }).click();
      await page.getByRole("textbox", { name: /^Nama/ }).last().fill("Kepala Seksi Datun");
      await page.getByTestId("partner-save").click();
      await page.getByTestId("duplicates").waitFor();
      await shot("13-partner-duplicate");
      await page.getByTestId("create-anyway").click();
      await page.getByText("Kepala Seksi Datun").waitFor();
      await shot("14-partner-detail");
    });


    const cabai = all.find((a) => a.number === "DEMO/PKS/2024/CABAI");
    const legok = all.find((a) => a.number === "DEMO/PKS/2019/LEGOKNANGKA");
    assert(cabai && legok, "demo PKS Cabai and Legok Nangka present");

    await step("dashboard: late obligations, this period's reports and compliance per OPD", async () => {
      await page.getByTestId("nav-dashboard").click();
      await page.getByTestId("report-figures").waitFor();
      const late = await page.getByTestId("headline-late-obligations").innerText();
      assert(late.trim().endsWith("\n1"), `one late obligation in the demo data: ${late}`);
      await page.getByTestId("compliance").waitFor();
      const compliance = await page.getByTestId("compliance").innerText();
      assert(/%/.test(compliance) && compliance.includes("—"), `rates as percentages, a dash when nothing was due: ${compliance.slice(0, 200)}`);
      await page.waitForFunction(() => !document.body.innerText.includes("Memuat"));
      await shot("15-dashboard-tracking");
    });

    await step("obligations page: filter late, sort, open the agreement", async () => {
      await page.getByTestId("nav-obligations").click();
      await page.getByTestId("obligation-table").waitFor();
      await page.getByRole("combobox", { name: "Status", exact: true }).click();
      await page.getByRole("option", { name: "Terlambat", exact: true }).click();
      await page.waitForURL(/status=late/);
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=obligation-table] tbody tr").length === 1);
      await page.getByTestId("obligation-table").getByText("1 terlambat").waitFor();
      await shot("16-obligations-late");
      await page.getByTestId("sort-description").click();
      await page.waitForURL(/sort=description/);
    });

    await step("documents: upload a PDF, refuse a disguised .exe, download the PDF", async () => {
      await page.goto(`${baseUrl}/agreements/${cabai.id}`);
      await page.getByTestId("tab-documents").click();
      await page.getByTestId("document-add").click();
      const form = page.getByTestId("document-form");
      // A program renamed .pdf: the server reads the bytes and names the field.
      await form.getByRole("combobox", { name: "Jenis dokumen", exact: true }).click();
      await page.getByRole("option", { name: "Bukti pemenuhan" }).click();
      await form.getByRole("textbox", { name: /^Judul/ }).fill("Berita acara serah terima cabai Juni");
      await form.locator("input[type=file]").setInputFiles({ name: "setup.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 this is not a pdf") });
      await page.getByTestId("document-upload").click();
      await form.getByText(/Jenis berkas tidak didukung/).waitFor();
      await shot("17a-document-refused");
      await form.locator("input[type=file]").setInputFiles({ name: "bast-cabai-juni.pdf", mimeType: "application/pdf", buffer: PDF });
      await page.getByTestId("document-upload").click();
      await page.getByTestId("documents").getByText("Berita acara serah terima cabai Juni").waitFor();
      const row = page.getByTestId("document-row").filter({ hasText: "Berita acara serah terima cabai Juni" });
      assert((await row.innerText()).includes("bast-cabai-juni.pdf"), "original file name listed");
      await shot("17-documents");
      const [download] = await Promise.all([page.waitForEvent("download"), row.getByTestId("document-download").click()]);
      assert(download.suggestedFilename().endsWith(".pdf"), `download name: ${download.suggestedFilename()}`);
      const bytes = await readFile(await download.path());
      assert(bytes.equals(PDF), "downloaded bytes equal the uploaded ones");
    });

    await step("obligations tab: record a fulfilment on the late occurrence, with evidence", async () => {
      await page.getByTestId("tab-obligations").click();
      const late = page.getByTestId("obligation").filter({ has: page.getByTestId("late-badge") });
      await late.getByTestId("obligation-toggle").click();
      const row = late.getByTestId("occurrence-row").filter({ has: page.getByTestId("occurrence-status-late") });
      await row.getByTestId("occurrence-fulfil").click();
      const form = page.getByTestId("fulfilment-form");
      await form.getByRole("textbox", { name: "Nilai/capaian realisasi" }).fill("12,5");
      await form.getByRole("textbox", { name: "Catatan" }).fill("Diserahkan terlambat karena gagal panen");
      await form.getByTestId("fulfilment-documents-pick").click();
      await page.getByRole("option", { name: /Berita acara serah terima cabai Juni/ }).click();
      await shot("18a-fulfilment-form");
      await page.getByTestId("fulfilment-save").click();
      await form.waitFor({ state: "detached" });
      await page.getByTestId("occurrences").getByText("Diserahkan terlambat karena gagal panen").waitFor();
      await page.waitForFunction(() => document.querySelectorAll("[data-testid=late-badge]").length === 0);
      await shot("18-obligation-fulfilled");
      // The schedule form: a recurring obligation needs a frequency and an anchor date.
      await page.getByTestId("obligation-add").click();
      const ob = page.getByTestId("obligation-form");
      await ob.getByText("Berulang").click();
      await ob.getByTestId("field-anchor-date").waitFor();
      await shot("18b-obligation-form");
      await ob.getByRole("button", { name: "Batal" }).click();
      await page.getByTestId("nav-dashboard").click();
      await page.getByTestId("report-figures").waitFor();
      await page.waitForFunction(() => (document.querySelector("[data-testid=headline-late-obligations]")?.innerText.trim() ?? "").endsWith("\n0"));
    });

    await step("monitoring page: reports owed per OPD for a period", async () => {
      await page.getByTestId("nav-monitoring").click();
      await page.getByTestId("due-totals").waitFor();
      await page.getByTestId("due-opds").waitFor();
      await shot("19-monitoring-due");
    });

    await step("monitoring report: kadis.dlh drafts, fills and submits; the status changes", async () => {
      await signInAs(page, "kadis.dlh", "Kepala OPD");
      await page.goto(`${baseUrl}/agreements/${legok.id}`);
      await page.getByTestId("tab-monitoring").click();
      await page.getByTestId("reports").waitFor();
      await page.getByTestId("report-period").click();
      await page.getByRole("option", { name: "Semester II 2025" }).click();
      await page.getByTestId("report-create-submit").click();
      await page.waitForURL(/\/monitoring-reports\//);
      await page.getByTestId("minimum-items").getByText(legok.title).waitFor();
      assert((await page.getByTestId("report-status").textContent()) === "Draf", "a new report is a draft");
      await page.getByTestId("report-problems").fill("Volume sampah melebihi kuota harian pada bulan Desember.");
      await page.getByTestId("report-solutions").fill("Penjadwalan ulang ritase pengangkutan bersama DLH Provinsi.");
      await page.getByTestId("report-other_matters").fill("Tidak ada.");
      for (const key of ["conformity", "indicator_achievement", "timeliness", "coordination", "partner_contribution", "public_service_impact"]) {
        await page.getByTestId(`rating-${key}`).getByText("4", { exact: true }).click();
      }
      await page.getByTestId("report-recommendation").click();
      await page.getByRole("option", { name: "Dilanjutkan" }).click();
      await page.getByTestId("report-save").click();
      await page.getByTestId("report-done").getByText("Perubahan tersimpan.").waitFor();
      await shot("20a-report-draft");
      await page.getByTestId("report-action-submit").click();
      await page.getByTestId("step-modal").getByTestId("step-confirm").click();
      await page.getByTestId("report-done").getByText("Laporan diajukan.").waitFor();
      assert((await page.getByTestId("report-status").textContent()) === "Diajukan", "status is submitted");
      assert(!(await page.getByTestId("report-action-submit").isVisible()), "no submit button after submitting");
      assert(await page.getByTestId("report-problems").getAttribute("readonly") !== null, "a submitted report is read-only");
      await page.getByTestId("report-events").getByText("Ajukan", { exact: true }).waitFor();
      await shot("20-report-submitted");
    });

    let hidden;
    await step("sign out; operator.dinkes cannot reach another OPD's agreement", async () => {
      const mine = new Set((await api(baseUrl, "operator.dinkes", "/api/v1/agreements?limit=200")).items.map((a) => a.id));
      hidden = all.find((a) => !mine.has(a.id));
      assert(hidden, "an agreement outside Dinkes' scope exists");
      await page.getByRole("button", { name: "Keluar" }).click();
      await page.waitForURL(/\/sign-in/);
      await page.getByLabel("Nama pengguna").fill("operator.dinkes");
      await page.getByLabel("Kata sandi").fill(PASSWORD);
      await page.getByTestId("sign-in-submit").click();
      await page.getByTestId("user-card").getByText("Operator OPD").waitFor();
      await page.goto(`${baseUrl}/agreements?q=${encodeURIComponent(hidden.number)}`);
      await page.getByText("Belum ada kerja sama yang cocok dengan filter ini.").waitFor();
      await page.goto(`${baseUrl}/agreements/${hidden.id}`);
      await page.getByTestId("not-found").waitFor();
      await page.getByText("Kerja sama tidak ditemukan").waitFor();
      await shot("08-operator-not-found");
      await page.goto(`${baseUrl}/no-such-page`);
      await page.getByTestId("not-found").waitFor();
    });

    await step("switch the language to English (remembered) and back", async () => {
      await page.goto(`${baseUrl}/agreements`);
      await page.getByTestId("agreement-table").waitFor();
      await page.getByTestId("language-switch").getByText("EN").click();
      await page.getByRole("heading", { name: "Agreements" }).waitFor();
      await page.reload();
      await page.getByRole("heading", { name: "Agreements" }).waitFor();
      assert((await page.locator("html").getAttribute("lang")) === "en", "html lang follows the language");
      await shot("09-english");
      await page.getByTestId("language-switch").getByText("ID").click();
      await page.getByRole("heading", { name: "Daftar kerja sama" }).waitFor();
    });

    await step("phone width: dashboard and list stay readable", async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${baseUrl}/`);
      await page.getByTestId("category-chart").waitFor();
      await page.waitForFunction(() => !document.body.innerText.includes("…") && !document.body.innerText.includes("Memuat"));
      await shot("10-phone-dashboard");
      await page.goto(`${baseUrl}/agreements`);
      await page.getByTestId("agreement-cards").waitFor();
      await shot("10b-phone-list");
      await page.goto(`${baseUrl}/agreements/${[...all].find((a) => a.lead_opd.abbreviation === "Dinkes")?.id ?? ""}`);
      await page.getByTestId("stage-stepper").waitFor();
      await page.waitForFunction(() => !document.body.innerText.includes("Memuat"));
      await shot("11-phone-detail");
      await page.getByTestId("tab-obligations").click();
      await page.getByTestId("obligation-toggle").first().click();
      await page.getByTestId("occurrences").first().waitFor();
      await shot("23-phone-obligations-tab");
      const dinkesDue = await api(baseUrl, "operator.dinkes", "/api/v1/monitoring/due");
      const reportId = dinkesDue.opds.flatMap((g) => g.items).find((i) => i.report_id)?.report_id;
      if (reportId) {
        await page.goto(`${baseUrl}/monitoring-reports/${reportId}`);
        await page.getByTestId("minimum-items").waitFor();
        await shot("24-phone-report");
      }
      await page.goto(`${baseUrl}/obligations`);
      await page.getByTestId("obligation-cards").or(page.getByText("Tidak ada hak atau kewajiban")).waitFor();
      await shot("21-phone-obligations");
      await page.goto(`${baseUrl}/monitoring`);
      await page.getByTestId("due-totals").waitFor();
      await shot("22-phone-monitoring");
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    // --- reminders: bell, notifications, calendar feed, rules, delivery log (issue 4) ---------------

    await step("bell: sekretariat sees the unread count; opening a notification goes to its record and lowers it", async () => {
      await signInAs(page, "sekretariat", "Staf Bagian Pemerintahan");
      const before = (await api(baseUrl, "sekretariat", "/api/v1/notifications?limit=1")).unread;
      assert(before > 1, `the reminder run left unread notifications for sekretariat: ${before}`);
      await page.getByTestId("notification-count").getByText(String(before), { exact: true }).waitFor();
      const bell = page.getByTestId("notification-bell");
      assert((await bell.getAttribute("aria-label")) === `Notifikasi, ${before} belum dibaca`, "the bell's name says how many are unread");
      await bell.click();
      const popover = page.getByTestId("notification-popover");
      await popover.getByTestId("notification-list").waitFor();
      const items = popover.getByTestId("notification-item");
      assert((await items.count()) === Math.min(10, before), "the latest ten notifications");
      await opaque("[data-testid=notification-popover]");
      await shotView("25-notification-bell");
      const first = items.first();
      const href = await first.getAttribute("href");
      assert(/^\/(agreements|monitoring-reports)\/[0-9a-f-]{36}$/.test(href ?? ""), `a link into the app: ${href}`);
      await first.click();
      await page.waitForURL(`${baseUrl}${href}`);
      await popover.waitFor({ state: "hidden" });
      await page.getByTestId("agreement-header").or(page.getByTestId("minimum-items")).waitFor();
      await page.getByTestId("notification-count").getByText(String(before - 1), { exact: true }).waitFor();
      assert((await api(baseUrl, "sekretariat", "/api/v1/notifications?limit=1")).unread === before - 1, "marked read on the server");
      // Keyboard: the bell opens with Enter, Escape closes it and focus returns to the bell.
      await bell.focus();
      await page.keyboard.press("Enter");
      await popover.waitFor();
      await page.keyboard.press("Escape");
      await popover.waitFor({ state: "hidden" });
      assert(await bell.evaluate((el) => el === document.activeElement), "focus back on the bell");
    });

    await step("notifications page: unread filter, mark one read, mark all read; kinds in English", async () => {
      await page.getByTestId("notification-bell").click();
      await page.getByTestId("notification-view-all").click();
      await page.waitForURL(`${baseUrl}/notifications`);
      await page.getByTestId("notifications").waitFor();
      const unread = (await api(baseUrl, "sekretariat", "/api/v1/notifications?limit=1")).unread;
      await page.getByTestId("notifications-unread").getByText(`Belum dibaca: ${unread}`).waitFor();
      await shot("26-notifications");
      await page.getByTestId("notifications-filter").getByText("Belum dibaca").click();
      await page.waitForURL(/show=unread/);
      await page.waitForFunction((n) => document.querySelectorAll("[data-testid=notifications] [data-testid=notification-item]").length === n, unread);
      await page.getByTestId("notification-mark-read").first().click();
      await page.getByTestId("notifications-unread").getByText(`Belum dibaca: ${unread - 1}`).waitFor();
      await page.getByTestId("notification-count").getByText(String(unread - 1), { exact: true }).waitFor();
      // English: the server's Indonesian text, with the kind translated beside it.
      await page.getByTestId("language-switch").getByText("EN").click();
      await page.getByRole("heading", { name: "Notifications" }).waitFor();
      await page.getByTestId("notifications").getByTestId("notification-kind").getByText("M&E report overdue").first().waitFor();
      await shot("26b-notifications-english");
      await page.getByTestId("language-switch").getByText("ID").click();
      await page.getByTestId("notifications-mark-all").click();
      await page.getByText("Tidak ada notifikasi yang belum dibaca.").waitFor();
      await page.getByTestId("notification-count").waitFor({ state: "detached" });
      assert((await page.getByTestId("notification-bell").getAttribute("aria-label")) === "Notifikasi", "no count once all are read");
      assert((await api(baseUrl, "sekretariat", "/api/v1/notifications?limit=1")).unread === 0, "all read on the server");
      await shot("26c-notifications-unread-empty");
    });

    await step("calendar feed: create a URL, the feed answers ICS; a change elsewhere is caught (412); revoke: 404", async () => {
      await page.getByTestId("nav-calendar").click();
      await page.waitForURL(`${baseUrl}/settings/calendar`);
      await page.getByTestId("calendar-active").getByText("Belum ada").waitFor();
      await shot("27a-calendar-none");
      await page.getByTestId("calendar-create").click();
      const url = await page.getByTestId("calendar-url").inputValue();
      assert(url.startsWith(`${baseUrl}/api/v1/calendar/`) && url.endsWith(".ics"), `a secret .ics URL: ${url}`);
      await page.getByTestId("calendar-new-url").getByText("hanya ditampilkan sekali").waitFor();
      await page.getByTestId("calendar-active").getByText("Aktif").waitFor();
      await shot("27-calendar-url");
      const ics = await fetch(url);
      assert(ics.status === 200, `the feed answers: ${ics.status}`);
      const body = await ics.text();
      assert(body.startsWith("BEGIN:VCALENDAR"), `an ICS calendar: ${body.slice(0, 40)}`);
      assert(body.includes("BEGIN:VEVENT"), "with events");
      // Rotating asks first, then the old URL stops working.
      await page.getByTestId("calendar-rotate").click();
      await page.getByTestId("calendar-confirm").getByText("URL yang sekarang aktif langsung berhenti bekerja").waitFor();
      await page.getByTestId("calendar-confirm-submit").click();
      await page.waitForFunction((old) => document.querySelector("[data-testid=calendar-url]")?.value !== old, url);
      const rotated = await page.getByTestId("calendar-url").inputValue();
      assert((await fetch(url)).status === 404, "the old URL is revoked by rotating");
      assert((await fetch(rotated)).status === 200, "the new URL works");
      // Shown once: after a reload only the status is left.
      await page.reload();
      await page.getByTestId("calendar-status-text").getByText("URL kalender aktif sejak").waitFor();
      assert((await page.getByTestId("calendar-url").count()) === 0, "the URL is not shown again");
      // Another window creates a URL meanwhile: this page's If-Match is stale, the server answers 412.
      const auth = { Authorization: `Bearer ${await token(baseUrl, "sekretariat")}` };
      const elsewhere = await fetch(`${baseUrl}/api/v1/calendar-feed`, { method: "POST", headers: auth });
      assert(elsewhere.status === 201, `created elsewhere: ${elsewhere.status}`);
      const other = (await elsewhere.json()).url;
      await page.getByTestId("calendar-revoke").click();
      await page.getByTestId("calendar-confirm-submit").click();
      await page.getByTestId("calendar-notice").getByText("diubah di jendela atau perangkat lain").waitFor();
      assert((await fetch(other)).status === 200, "the URL made elsewhere was not revoked by mistake");
      await page.locator("[data-testid=calendar-confirm] .mantine-Modal-content").waitFor({ state: "detached" });
      await shot("27b-calendar-conflict");
      await page.getByTestId("calendar-revoke").click();
      await page.getByTestId("calendar-confirm-submit").click();
      await page.getByTestId("calendar-notice").getByText("URL kalender sudah dicabut.").waitFor();
      await page.getByTestId("calendar-active").getByText("Belum ada").waitFor();
      assert((await fetch(other)).status === 404, "the revoked URL answers 404");
      assert((await fetch(rotated)).status === 404, "and so does every earlier one");
    });

    await step("reminder rules: the secretariat reads them; the delivery log has no retry for it", async () => {
      await page.getByTestId("nav-reminderRules").click();
      await page.getByTestId("rule-table").waitFor();
      await page.getByTestId("rules-read-only").waitFor();
      assert((await page.locator("[data-testid^=rule-edit-]").count()) === 0, "no edit buttons for the secretariat");
      const seeded = (await api(baseUrl, "sekretariat", "/api/v1/reminder-rules")).length;
      assert((await page.locator("[data-testid=rule-table] tbody tr").count()) === seeded, `all ${seeded} rules`);
      await page.getByTestId("rule-table").getByTestId("rule-days-agreement_expiry").getByText("H-180").waitFor();
      await page.getByTestId("rule-table").getByTestId("rule-days-obligation_overdue").getByText("H+", { exact: false }).first().waitFor();
      await page.getByTestId("nav-reminderDeliveries").click();
      await page.getByTestId("delivery-table").waitFor();
      assert((await page.getByTestId("delivery-retry").count()) === 0, "no retry for the secretariat");
    });

    await step("reminder rules as admin: change the days and see them saved; an invalid value names the field; 412 reloads", async () => {
      await signInAs(page, "admin", "Administrator Sistem");
      await page.getByTestId("nav-reminderRules").click();
      await page.getByTestId("rule-table").waitFor();
      await shot("28-reminder-rules");
      await page.getByTestId("rule-table").getByTestId("rule-edit-agreement_expiry").click();
      const modal = page.getByTestId("rule-modal");
      const days = modal.getByTestId("rule-offsets");
      await days.waitFor();
      assert((await days.inputValue()) === "180, 90, 30", `current days: ${await days.inputValue()}`);
      await days.fill("400, 30");
      await modal.getByTestId("rule-save").click();
      await modal.getByText("Setiap angka harus antara 0 dan 365.").waitFor();
      assert((await days.getAttribute("aria-invalid")) === "true", "the days field is marked invalid");
      await opaque("[data-testid=rule-modal] .mantine-Modal-content");
      await shot("28b-reminder-rule-field-error");
      await days.fill("30, 30");
      await modal.getByText("Setiap angka hari hanya boleh muncul sekali.").waitFor();
      await days.fill("120, 60, 7");
      await modal.getByTestId("rule-save").click();
      await modal.waitFor({ state: "detached" });
      await page.getByTestId("rule-saved").waitFor();
      await page.getByTestId("rule-table").getByTestId("rule-days-agreement_expiry").getByText("H-120").waitFor();
      await page.getByTestId("rule-table").getByTestId("rule-days-agreement_expiry").getByText("H-7").waitFor();
      const saved = await api(baseUrl, "admin", "/api/v1/reminder-rules/agreement_expiry");
      assert(JSON.stringify(saved.offsets_days) === "[120,60,7]", `saved on the server: ${JSON.stringify(saved.offsets_days)}`);
      // Someone else saves while the form is open: 412, the form reloads with their values.
      await page.getByTestId("rule-table").getByTestId("rule-edit-report_due").click();
      await modal.getByTestId("rule-offsets").waitFor();
      const auth = { Authorization: `Bearer ${await token(baseUrl, "admin")}` };
      const cur = await fetch(`${baseUrl}/api/v1/reminder-rules/report_due`, { headers: auth });
      const other = await fetch(`${baseUrl}/api/v1/reminder-rules/report_due`, {
        method: "PATCH",
        headers: { ...auth, "Content-Type": "application/json", "If-Match": cur.headers.get("ETag") },
        body: JSON.stringify({ offsets_days: [21, 3] }),
      });
      assert(other.ok, `PATCH elsewhere: ${other.status}`);
      await modal.getByTestId("rule-offsets").fill("10");
      await modal.getByTestId("rule-save").click();
      await modal.getByTestId("rule-stale").waitFor();
      await page.waitForFunction(() => document.querySelector("[data-testid=rule-modal] [data-testid=rule-offsets]")?.value === "21, 3");
      await shot("28c-reminder-rule-conflict");
      await modal.getByTestId("rule-save").click();
      await modal.waitFor({ state: "detached" });
      await page.getByTestId("rule-table").getByTestId("rule-days-report_due").getByText("H-21").waitFor();
    });

    await step("delivery log as admin: failed e-mails, status filter with its empty state, retry one", async () => {
      await page.getByTestId("nav-reminderDeliveries").click();
      await page.getByTestId("delivery-table").waitFor();
      const log = await api(baseUrl, "admin", "/api/v1/reminder-deliveries?limit=1");
      assert(log.total > 0, "the reminder run queued e-mails for the user with an address");
      const row = page.getByTestId("delivery-row").first();
      await row.getByText("sekretariat.surel@cimahikota.go.id").waitFor();
      await row.getByTestId("delivery-status").getByText("Gagal").waitFor();
      await row.getByText(/Connection refused/).waitFor();
      await shot("29-delivery-log");
      await page.getByRole("combobox", { name: "Status", exact: true }).click();
      await page.getByRole("option", { name: "Terkirim", exact: true }).click();
      await page.waitForURL(/status=sent/);
      await page.getByTestId("delivery-empty").getByText("Tidak ada e-mail pengingat dengan status ini.").waitFor();
      await shot("29b-delivery-log-empty");
      await page.goto(`${baseUrl}/reminder-deliveries?status=failed`);
      await page.getByTestId("delivery-table").waitFor();
      const failed = await page.getByTestId("delivery-row").count();
      await page.getByTestId("delivery-table").getByTestId("delivery-retry").first().click();
      await page.getByTestId("delivery-notice").getByText("E-mail diantrekan lagi").waitFor();
      await page.waitForFunction((n) => document.querySelectorAll("[data-testid=delivery-row]").length === n - 1, failed);
      const queued = await api(baseUrl, "admin", "/api/v1/reminder-deliveries?status=queued");
      assert(queued.total === 1 && queued.items[0].attempts === 0, "one e-mail queued again, with a fresh count of tries");
      await page.goto(`${baseUrl}/reminder-deliveries?status=queued`);
      await page.getByTestId("delivery-row").getByTestId("delivery-status").getByText("Antre").waitFor();
      assert((await page.getByTestId("delivery-retry").count()) === 0, "no retry on a queued e-mail");
    });

    await step("phone width: the reminder screens stay readable", async () => {
      await page.setViewportSize({ width: 390, height: 844 });
      // Admin receives no reminders (they go to the secretariat and the OPDs): the empty states.
      await page.goto(`${baseUrl}/notifications`);
      await page.getByText("Belum ada notifikasi.").waitFor();
      await shot("30a-phone-notifications-empty");
      await page.goto(`${baseUrl}/settings/calendar`);
      await page.getByTestId("calendar-create").click();
      await page.getByTestId("calendar-url").waitFor();
      await shot("31-phone-calendar");
      await page.getByTestId("calendar-revoke").click();
      await page.getByTestId("calendar-confirm-submit").click();
      await page.getByTestId("calendar-active").getByText("Belum ada").waitFor();
      await page.goto(`${baseUrl}/reminder-rules`);
      await page.getByTestId("rule-cards").waitFor();
      await shot("32-phone-rules");
      await page.getByTestId("rule-cards").getByTestId("rule-edit-obligation_overdue").click();
      await page.getByTestId("rule-modal").getByTestId("rule-offsets").waitFor();
      await opaque("[data-testid=rule-modal] .mantine-Modal-content");
      await shotView("32b-phone-rule-form");
      await page.keyboard.press("Escape");
      await page.getByTestId("rule-modal").waitFor({ state: "detached" });
      await page.goto(`${baseUrl}/reminder-deliveries`);
      await page.getByTestId("delivery-cards").waitFor();
      await shotView("33-phone-deliveries");
      // The secretariat's notifications (all read by now) and the bell.
      await page.setViewportSize({ width: 1280, height: 800 });
      await signInAs(page, "sekretariat", "Staf Bagian Pemerintahan");
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(`${baseUrl}/notifications`);
      await page.getByTestId("notifications").waitFor();
      await shotView("30-phone-notifications");
      await page.getByTestId("notification-bell").click();
      await page.getByTestId("notification-popover").getByTestId("notification-list").waitFor();
      await opaque("[data-testid=notification-popover]");
      await shotView("30b-phone-bell");
      await page.keyboard.press("Escape");
      await page.setViewportSize({ width: 1280, height: 800 });
    });

    await step("periodic report: the secretariat previews Semester I 2026, downloads XLSX and PDF, finalizes it and records the sending", async () => {
      await page.goto(`${baseUrl}/`);
      await page.getByTestId("nav-periodicReports").click();
      await page.waitForURL(/\/periodic-reports/);
      // The annual report first (its preview is shown at once), then the semester the journey is about.
      await page.getByTestId("periodic-period").getByText("Tahunan", { exact: true }).click();
      await page.waitForURL(/period=annual/);
      await page.getByRole("combobox", { name: "Tahun", exact: true }).click();
      await page.getByRole("option", { name: "2026", exact: true }).click();
      await page.getByTestId("periodic-period").getByText("Semester I", { exact: true }).click();
      await page.waitForURL(/year=2026&period=S1/);
      await page.getByTestId("periodic-agreements").getByText(kbBandung.title).waitFor();
      await page.getByTestId("periodic-status").getByText("Pratinjau — belum final").waitFor();
      await page.getByTestId("periodic-problems").getByText(kbBandung.number).waitFor();
      await shot("34-periodic-report-preview");
      for (const [format, magic] of [["xlsx", "PK"], ["pdf", "%PDF"]]) {
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`download-${format}`).click()]);
        assert(download.suggestedFilename() === `laporan-kerja-sama-32.77-2026-S1.${format}`, `${format} name: ${download.suggestedFilename()}`);
        const bytes = await readFile(await download.path());
        assert(bytes.subarray(0, magic.length).toString("latin1") === magic, `${format} bytes`);
      }
      await page.getByTestId("finalize").click();
      await page.getByTestId("finalize-modal").getByText("Finalkan laporan Semester I 2026?").waitFor();
      await opaque("[data-testid=finalize-modal] .mantine-Modal-content");
      await shotView("35-periodic-report-confirm");
      await page.getByTestId("finalize-confirm").click();
      await page.getByTestId("finalize-modal").waitFor({ state: "detached" });
      await page.getByTestId("periodic-status").getByText("Final").waitFor();
      assert((await page.getByTestId("finalize").count()) === 0, "no finalize button on a finalized report");
      await page.getByTestId("sending-letter").fill("000.2.3/123-Pem");
      await page.getByTestId("sending-submit").click();
      await page.getByTestId("sendings-table").getByText("000.2.3/123-Pem").waitFor();
      const finalized = await api(baseUrl, "sekretariat", "/api/v1/reports/periodic/finalized?year=2026&period=S1");
      assert(finalized.total === 1 && finalized.items[0].sendings.length === 1, "finalized once, one sending recorded");
      assert(finalized.items[0].sendings[0].recipient === "wali_kota", "sent to the Wali Kota");
      await shot("36-periodic-report-finalized");
    });

    await journey("holidays", () => holidaysJourney({ page, baseUrl, step, shot, assert, signInAs, api }));

    await journey("service-accounts", () => serviceAccountsJourney({ page, baseUrl, step, shot, shotView, opaque, assert, signInAs, token }));

    await journey("public-register", () => publicRegisterJourney({ page, baseUrl, step, shot, shotView, assert }));

    await journey("imports", () => importsJourney({ page, baseUrl, step, shot, assert, signInAs, api }));

    await journey("approve", () => approveJourney({ page, baseUrl, step, shot, assert, signInAs, token }));

    await journey("tasks", () => tasksJourney({ page, baseUrl, step, shot, shotView, assert, token }));

    await journey("admin", () => adminJourney({ page, baseUrl, step, shotView, assert, signInAs, api, token }));

    await journey("procedure-ui", () => procedureUiJourney({ page, baseUrl, step, shot, shotView, opaque, assert, signInAs, api, token }));

    await journey("layout", () => layoutJourney({ page, baseUrl, step, shot, shotView, assert, signInAs }));

    await journey("a11y", () => a11yJourney({ page, baseUrl, step, shot, assert, api }));

    const serious = consoleErrors.filter((e) => !/status of 40[14]/.test(e) && !/Failed to load resource/.test(e));
    assert(serious.length === 0, `no console errors: ${serious.join("\n")}`);
    process.stdout.write(`\n${steps.length} journeys passed; screenshots in ${shots}\n`);
  } finally {
    await context?.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
    backend.stop();
  }
}

main().catch((err) => {
  console.error(`\nE2E FAILED: ${err instanceof Error ? err.stack : err}`);
  process.exit(1);
});
