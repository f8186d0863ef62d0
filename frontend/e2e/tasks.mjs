// Journey: "Tugas saya" (issue 15). Each working role signs in and lands on its task queue; the OPD head
// submits a draft from the queue (follows the link, takes the step, the item leaves the queue and
// reaches the secretariat's); the operator, who cannot submit, asks the head, and the head sees the
// request first in their tasks. Screenshots of the page at 1366×768 and 390×844, in both languages.
// Called from run.mjs.

import { signOutIfSignedIn } from "./session.mjs";
const PASSWORD = "cimahi-demo-2026";

async function call(baseUrl, auth, method, path, body, ifMatch) {
  const r = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      Authorization: `Bearer ${auth}`,
      ...(body ? { "Content-Type": "application/json" } : {}),
      ...(ifMatch ? { "If-Match": ifMatch } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await r.text();
  if (!r.ok) throw new Error(`${method} ${path}: ${r.status} ${text}`);
  return text ? JSON.parse(text) : null;
}

async function transition(baseUrl, auth, id, action) {
  // A transition changes the record: it needs the current ETag (If-Match), as every write does.
  const current = await fetch(`${baseUrl}/api/v1/agreements/${id}`, { headers: { Authorization: `Bearer ${auth}` } });
  await call(baseUrl, auth, "POST", `/api/v1/agreements/${id}/transitions`, { action }, current.headers.get("ETag"));
}

/** A complete KSDD KB draft (it passes the data rules of `submit`), created by `auth` for the OPD. */
async function draftKb(baseUrl, auth, opdId, partnerId, title) {
  const kak = Object.fromEntries(
    ["background", "purpose", "location", "scope", "term", "benefits", "impact", "financing"].map((h) => [h, `Uraian ${h} (uji e2e)`]),
  );
  return call(baseUrl, auth, "POST", "/api/v1/agreements", {
    kind: "KB",
    category: "KSDD",
    nature: "SUKARELA",
    title,
    object: "Pelayanan publik lintas batas",
    affair_codes: ["1.02"],
    lead_opd_id: opdId,
    planning_reference: "RPJMD Kota Cimahi 2025-2029",
    kak,
    parties: [
      { partner_id: null, signatory_name: "Ngatiyana", signatory_title: "Wali Kota Cimahi" },
      { partner_id: partnerId, signatory_title: "Wali Kota Bandung" },
    ],
    start_date: "2027-01-01",
    end_date: "2030-12-31",
  });
}

export async function tasksJourney({ page, baseUrl, step, shot, shotView, assert, token }) {
  /** Sign in from a clean sign-in page (no deep link to return to) and land on the first page. */
  async function signInFresh(username) {
    await signOutIfSignedIn(page);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByTestId("sign-in-submit").waitFor();
    await page.locator("input[autocomplete=username], input[name=username]").first().fill(username);
    await page.locator("input[type=password]").first().fill(PASSWORD);
    await page.getByTestId("sign-in-submit").click();
    await page.waitForURL(/\/tasks$/);
    await page.getByTestId("tasks-page").waitFor();
    await page.getByTestId("task-item").first().or(page.getByText(/^(Tidak ada tugas|No tasks)$/)).waitFor();
  }
  const items = () => page.getByTestId("task-item");
  const item = (id) => page.locator(`[data-testid=task-item][data-record="${id}"]`);

  const sec = await token(baseUrl, "sekretariat");
  const admin = await token(baseUrl, "admin");
  const opds = await call(baseUrl, sec, "GET", "/api/v1/opds");
  const dlh = opds.find((o) => o.code === "DLH");
  const dinkes = opds.find((o) => o.code === "DINKES");
  const pem = opds.find((o) => o.code === "PEM") ?? opds[0];
  assert(dlh && dinkes, "the demo OPDs DLH and DINKES exist");
  const [bandung] = (await call(baseUrl, sec, "GET", "/api/v1/partners?region_code=32.73")).items;
  // The demo has DINKES's operator but no DINKES head: the administrator adds one to be asked.
  const listed = await call(baseUrl, admin, "GET", "/api/v1/users?limit=500");
  const users = Array.isArray(listed) ? listed : listed.items;
  if (!users.some((u) => u.username === "kadis.dinkes")) {
    await call(baseUrl, admin, "POST", "/api/v1/users", {
      username: "kadis.dinkes",
      password: PASSWORD,
      role: "opd_head",
      opd_id: dinkes.id,
      full_name: "Kepala Dinas Kesehatan",
    });
  }
  const head = await token(baseUrl, "kadis.dlh");
  const operator = await token(baseUrl, "operator.dinkes");
  const headDraft = await draftKb(baseUrl, head, dlh.id, bandung.id, "KB uji antrean tugas e2e: pengelolaan sampah bersama");
  const opDraft = await draftKb(baseUrl, operator, dinkes.id, bandung.id, "KB uji antrean tugas e2e: rujukan pasien lintas batas");
  const review = await draftKb(baseUrl, sec, pem.id, bandung.id, "KB uji antrean tugas e2e: telaahan TKKSD");
  for (const action of ["submit", "start_review"]) await transition(baseUrl, sec, review.id, action);

  await step("tasks: operator.dinkes lands on Tugas saya and sees the OPD's draft and reports to fill", async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await signInFresh("operator.dinkes");
    await item(opDraft.id).getByText("Lengkapi draf").waitFor();
    assert((await item(headDraft.id).count()) === 0, "another OPD's draft is not in the operator's queue");
    await page.locator("[data-testid=task-item][data-kind=report_to_fill]").first().waitFor();
    await page.getByTestId("nav-tasks").waitFor();
    await page.getByTestId("nav-dashboard").waitFor();
    await shot("50-tasks-operator-1366");
  });

  await step("tasks: the operator cannot submit, is told who can, and asks the OPD head from the draft", async () => {
    await item(opDraft.id).getByTestId("task-open").click();
    await page.waitForURL(new RegExp(`/agreements/${opDraft.id}$`));
    const submit = page.getByTestId("action-submit");
    await submit.waitFor();
    assert(await submit.isDisabled(), "the operator's submit button is disabled");
    const why = await page.locator("#why-submit").textContent();
    assert(/Sekretariat TKKSD atau Kepala OPD/.test(why ?? ""), `the tooltip names who can submit: ${why}`);
    await page.getByTestId("ask-head").click();
    await page.getByTestId("ask-head-message").fill("Draf sudah lengkap, mohon diajukan ke Sekretariat TKKSD.");
    await shotView("51-ask-head-dialog");
    await page.getByTestId("ask-head-send").click();
    await page.getByTestId("ask-head-sent").getByText(/Kepala Dinas Kesehatan/).waitFor();
    await page.getByTestId("ask-head-send").waitFor({ state: "hidden" }); // the dialog has closed
    await shotView("51b-ask-head-sent");
  });

  await step("tasks: the DINKES head sees the operator's request first in Tugas saya", async () => {
    await signInFresh("kadis.dinkes");
    const first = items().first();
    assert((await first.getAttribute("data-record")) === opDraft.id, "the requested draft is the first task");
    await first.getByTestId("task-requested").waitFor();
    await first.getByText(/Diminta oleh Operator Dinas Kesehatan/).waitFor();
    await page.getByTestId("notification-count").waitFor();
  });

  await step("tasks: kadis.dlh submits a draft from the queue and it leaves the queue", async () => {
    await signInFresh("kadis.dlh");
    const task = item(headDraft.id);
    await task.getByText("Ajukan draf").waitFor();
    await shot("52-tasks-head-1366");
    await task.getByTestId("task-open").click();
    await page.waitForURL(new RegExp(`/agreements/${headDraft.id}$`));
    await page.getByTestId("action-submit").click();
    const modal = page.getByTestId("transition-modal");
    await modal.getByTestId("transition-submit").waitFor();
    if (await modal.getByTestId("transition-justification").isVisible()) {
      await modal.getByTestId("transition-justification").fill("Diajukan dari antrean tugas (uji e2e)");
    }
    await modal.getByTestId("transition-submit").click();
    await page.getByTestId("action-done").waitFor();
    await page.getByTestId("nav-tasks").click();
    await page.waitForURL(/\/tasks$/);
    await page.getByTestId("tasks-page").waitFor();
    // The page shows the cached queue while it reads the fresh one: the submitted draft must leave it.
    await item(headDraft.id).waitFor({ state: "detached" });
    await page.getByTestId("task-item").first().or(page.getByText("Tidak ada tugas")).waitFor();
    const after = await call(baseUrl, sec, "GET", `/api/v1/agreements/${headDraft.id}`);
    assert(after.stage === "submitted", `stage after submit: ${after.stage}`);
  });

  await step("tasks: sekretariat lands on Tugas saya with the submission to review and reports to verify", async () => {
    await signInFresh("sekretariat");
    await item(headDraft.id).getByText("Tinjau pengajuan").waitFor();
    await page.locator("[data-testid=task-item][data-kind=report_to_verify]").first().waitFor();
    await page.locator("[data-testid=task-item][data-kind=periodic_report_due]").first().waitFor();
    const due = await page.locator("[data-testid=task-item][data-kind=periodic_report_due] [data-testid=task-due]").first().innerText();
    assert(/^Jatuh tempo \d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember) \d{4}$/.test(due), `Indonesian due date: ${due}`);
    await shot("53-tasks-secretariat-1366");
    // The statistics are one click away.
    await page.getByTestId("tasks-dashboard-link").click();
    await page.waitForURL(`${baseUrl}/`);
    await page.getByTestId("category-chart").waitFor();
  });

  await step("tasks: tkksd lands on Tugas saya with the telaahan to give", async () => {
    await signInFresh("tkksd");
    await item(review.id).getByText("Berikan telaahan").waitFor();
    await shot("54-tasks-tkksd-1366");
  });

  await step("tasks: the page in English and at phone width (390 px)", async () => {
    await signInFresh("operator.dinkes");
    await shotView("55-tasks-operator-1366-id");
    await page.getByTestId("language-switch").getByText("EN", { exact: true }).click();
    await page.getByRole("heading", { name: "My tasks" }).waitFor();
    await item(opDraft.id).getByText("Complete the draft").waitFor();
    await shotView("56-tasks-operator-1366-en");
    await page.setViewportSize({ width: 390, height: 844 });
    // A reload draws the phone layout from the start (no navbar half-way through its closing slide).
    await page.reload();
    await page.getByRole("heading", { name: "My tasks" }).waitFor();
    await item(opDraft.id).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert(width <= 390, `no sideways scrolling at 390 px: ${width}`);
    await shotView("57-tasks-operator-390-en");
    await page.getByTestId("language-switch").getByText("ID", { exact: true }).click();
    await page.reload();
    await page.getByRole("heading", { name: "Tugas saya" }).waitFor();
    await item(opDraft.id).waitFor();
    await shotView("58-tasks-operator-390-id");
    await page.setViewportSize({ width: 1280, height: 800 });
  });
}
