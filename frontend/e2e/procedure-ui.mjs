// Journey: the defects of issue 15 around the procedure and the reports, reproduced and now passing.
// - a procedure dialog takes its supporting documents from the agreement's uploads (and one new file),
//   and a refused document is shown in the dialog in Indonesian (the server's English never leaks);
// - "Ubah" on a signed text offers "Buat adendum" and edits only what R31 leaves editable;
// - the monitoring report's "Ajukan", the TKKSD's review (with notes) and "Finalkan" ask first;
// - a fulfilment is recorded with its evidence file in one form.
// Screenshots of the changed dialogs and forms at 1366x768 and 390x844, in both languages.
// Called from run.mjs (E2E_ONLY=procedure-ui).

const PDF = Buffer.from(
  "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n",
);

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
  return { data: text ? JSON.parse(text) : null, etag: r.headers.get("ETag") };
}

async function upload(baseUrl, auth, agreementId, title) {
  const form = new FormData();
  form.append("doc_type", "LAINNYA");
  form.append("title", title);
  form.append("doc_date", "2026-11-02");
  form.append("file", new Blob([PDF], { type: "application/pdf" }), `${title}.pdf`);
  const r = await fetch(`${baseUrl}/api/v1/agreements/${agreementId}/documents`, { method: "POST", headers: { Authorization: `Bearer ${auth}` }, body: form });
  if (!r.ok) throw new Error(`upload ${title}: ${r.status} ${await r.text()}`);
  return r.json();
}

const VIEWS = [
  { w: 1366, h: 768, tag: "1366" },
  { w: 390, h: 844, tag: "390" },
];

/** The open dialog or form in both languages and both widths: `open` brings it up on a fresh page. */
async function screenshots(page, shotView, name, open) {
  for (const lang of ["id", "en"]) {
    await page.evaluate((l) => window.localStorage.setItem("kerjasama.lang", l), lang);
    for (const v of VIEWS) {
      await page.setViewportSize({ width: v.w, height: v.h });
      await page.reload();
      await open().catch(async (e) => {
        await shotView(`p-debug-${name}`);
        throw new Error(`${e.message.split("\n")[0]} (${lang} ${v.tag}, at ${page.url()})`);
      });
      await page.waitForTimeout(300); // the modal's open transition, for the picture only
      await shotView(`${name}-${lang}-${v.tag}`);
    }
  }
  await page.evaluate(() => window.localStorage.setItem("kerjasama.lang", "id"));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.reload();
}

export async function procedureUiJourney({ page, baseUrl, step, shotView, assert, signInAs, token }) {
  const sec = await token(baseUrl, "sekretariat");
  let kb;

  await step("procedure dialog: a supporting document is picked (a refused one shown in Indonesian), one uploaded, both linked", async () => {
    const { data: partners } = await call(baseUrl, sec, "GET", "/api/v1/partners?region_code=32.73");
    const { data: opds } = await call(baseUrl, sec, "GET", "/api/v1/opds");
    const pem = opds.find((o) => o.code === "PEM") ?? opds[0];
    const kak = Object.fromEntries(
      ["background", "purpose", "location", "scope", "term", "benefits", "impact", "financing"].map((h) => [h, `Uraian ${h} (uji e2e)`]),
    );
    ({ data: kb } = await call(baseUrl, sec, "POST", "/api/v1/agreements", {
      kind: "KB",
      category: "KSDD",
      nature: "SUKARELA",
      title: "KB uji dokumen pendukung e2e",
      object: "Pengelolaan data kependudukan",
      affair_codes: ["1.02"],
      lead_opd_id: pem.id,
      planning_reference: "RPJMD Kota Cimahi 2025-2029",
      kak,
      parties: [
        { partner_id: null, signatory_name: "Ngatiyana", signatory_title: "Wali Kota Cimahi" },
        { partner_id: partners.items[0].id, signatory_title: "Wali Kota Bandung" },
      ],
      start_date: "2027-01-01",
      end_date: "2030-12-31",
    }));
    const memo = await upload(baseUrl, sec, kb.id, "Nota dinas pengajuan KB");
    const doomed = await upload(baseUrl, sec, kb.id, "Surat yang akan dihapus");

    await signInAs(page, "sekretariat", "Sekretariat TKKSD");
    await page.goto(`${baseUrl}/agreements/${kb.id}`);
    await page.getByTestId("action-submit").click();
    const modal = page.getByTestId("transition-modal");
    await modal.getByTestId("transition-documents-pick").click();
    await page.getByRole("option", { name: /Surat yang akan dihapus/ }).click();
    await page.keyboard.press("Escape");
    // Forced server error: the picked document is deleted before the dialog is sent.
    await call(baseUrl, sec, "DELETE", `/api/v1/documents/${doomed.id}`, null, `"${doomed.version}"`);
    await modal.getByTestId("transition-submit").click();
    await modal.getByText("Dokumen tidak ditemukan pada kerja sama ini").waitFor();
    assert((await modal.getByText(/No document with this id/).count()) === 0, "no English server text in the Indonesian dialog");
    assert((await page.getByTestId("action-done").count()) === 0, "the refused step did not happen");
    await shotView("p01-transition-refused-document");

    // Pick the real document instead, and upload one more file in the same dialog.
    await modal.getByTestId("transition-documents-pick").click();
    await modal.getByTestId("transition-documents-pick").press("Backspace"); // drops the refused one
    await page.getByRole("option", { name: /Nota dinas pengajuan KB/ }).click();
    await page.keyboard.press("Escape");
    await modal.getByTestId("transition-documents-upload-toggle").click();
    await modal.locator("input[type=file]").setInputFiles({ name: "Berita_acara_rapat.pdf", mimeType: "application/pdf", buffer: PDF });
    assert((await modal.getByTestId("transition-documents-title").inputValue()) === "Berita acara rapat", "title suggested from the file name");
    await modal.getByTestId("transition-submit").click();
    await page.getByTestId("action-done").waitFor();
    const { data: history } = await call(baseUrl, sec, "GET", `/api/v1/agreements/${kb.id}/history`);
    const submitted = history.find((h) => h.kind === "transition" && h.action === "submit");
    const linked = submitted?.document_ids ?? [];
    const { data: docs } = await call(baseUrl, sec, "GET", `/api/v1/agreements/${kb.id}/documents`);
    const uploaded = docs.find((d) => d.title === "Berita acara rapat");
    assert(uploaded, "the file chosen in the dialog is on the Documents tab");
    assert(linked.length === 2 && linked.includes(memo.id) && linked.includes(uploaded.id), `both documents linked to the step: ${JSON.stringify(submitted)}`);
    assert(!linked.includes(doomed.id), "the deleted document is not linked");
  });

  await step("screenshots: the procedure dialog with its document picker and upload", async () => {
    const { data: cur } = await call(baseUrl, sec, "GET", `/api/v1/agreements/${kb.id}/actions`);
    const action = cur.actions.find((a) => a.allowed_for_role)?.action ?? "cancel";
    await screenshots(page, shotView, "p02-transition-documents", async () => {
      await page.getByTestId(`action-${action}`).click();
      const modal = page.getByTestId("transition-modal");
      await modal.getByTestId("transition-documents-upload-toggle").click();
      await modal.getByTestId("transition-documents-file").waitFor();
    });
  });

  await step("'Ubah' on a signed text offers 'Buat adendum' and edits only what stays editable", async () => {
    const { data: list } = await call(baseUrl, sec, "GET", "/api/v1/agreements?status=in_force&kind=PKS&limit=5");
    const signed = list.items[0];
    assert(signed, "a PKS in force in the demo data");
    await page.goto(`${baseUrl}/agreements/${signed.id}/edit`);
    const form = page.getByTestId("signed-edit");
    await form.waitFor();
    assert((await page.getByTestId("agreement-form").count()) === 0, "the full form is not offered on a signed text");
    const href = await form.getByTestId("make-adendum").getAttribute("href");
    assert(href.includes(`parent_id=${signed.id}`) && href.includes("kind=ADENDUM"), `adendum link: ${href}`);
    const inputs = await page.getByTestId("signed-edit-form").locator("input:not([type=hidden]), textarea, select").count();
    assert(inputs === 2, `only the planning reference and 'public' are editable (${inputs} inputs)`);
    const before = signed.public;
    await page.getByTestId("field-public").click();
    await page.getByTestId("save").click();
    await page.getByTestId("agreement-header").waitFor();
    const { data: after } = await call(baseUrl, sec, "GET", `/api/v1/agreements/${signed.id}`);
    assert(after.public === !before, "'public' saved on the signed text");
    await page.goto(`${baseUrl}/agreements/${signed.id}/edit`);
    await page.getByTestId("make-adendum").click();
    await page.getByTestId("agreement-form").waitFor();
    assert(page.url().includes("kind=ADENDUM"), "the adendum form opens under the signed text");
    await page.goto(`${baseUrl}/agreements/${signed.id}/edit`);
    await screenshots(page, shotView, "p03-signed-edit", async () => {
      await page.getByTestId("signed-edit").waitFor();
    });
  });

  await step("fulfilment recorded with its evidence file in the one form", async () => {
    await call(baseUrl, sec, "POST", `/api/v1/agreements/${kb.id}/obligations`, {
      kind: "KEWAJIBAN",
      description: "Menyerahkan data kependudukan semester pertama",
      schedule_type: "one_off",
      due_date: "2027-06-30",
    });
    // A second one stays open for the screenshots of the form.
    await call(baseUrl, sec, "POST", `/api/v1/agreements/${kb.id}/obligations`, {
      kind: "KEWAJIBAN",
      description: "Menyerahkan data kependudukan semester kedua",
      schedule_type: "one_off",
      due_date: "2027-12-31",
    });
    const open = async () => {
      await page.getByTestId("tab-obligations").click().catch(async (e) => {
        await shotView("p-debug");
        throw new Error(`${e} at ${page.url()}`);
      });
      const toggles = page.getByTestId("obligation-toggle");
      await toggles.first().waitFor();
      for (let i = 0; i < (await toggles.count()) && !(await page.getByTestId("occurrence-fulfil").first().isVisible()); i += 1) {
        await toggles.nth(i).click();
      }
      await page.getByTestId("occurrence-fulfil").first().click();
      await page.getByTestId("fulfilment-form").waitFor();
    };
    await page.goto(`${baseUrl}/agreements/${kb.id}`);
    await open();
    const form = page.getByTestId("fulfilment-form");
    await form.getByRole("textbox", { name: "Catatan" }).fill("Data diserahkan lebih awal");
    // A wrong file first: the server's refusal lands on the form's file field, in Indonesian.
    await form.locator("input[type=file]").setInputFiles({ name: "data.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ\x90\x00 not a pdf") });
    await page.getByTestId("fulfilment-save").click();
    await form.getByText(/Jenis berkas tidak didukung/).waitFor();
    await shotView("p04-fulfilment-refused-file");
    await form.locator("input[type=file]").setInputFiles({ name: "BAST_data_kependudukan.pdf", mimeType: "application/pdf", buffer: PDF });
    await page.getByTestId("fulfilment-save").click();
    await form.waitFor({ state: "detached" });
    await page.getByTestId("occurrences").getByText("Data diserahkan lebih awal").waitFor();
    const { data: docs } = await call(baseUrl, sec, "GET", `/api/v1/agreements/${kb.id}/documents`);
    const evidence = docs.find((d) => d.title === "BAST data kependudukan");
    assert(evidence && evidence.doc_type === "BUKTI_PEMENUHAN", "the evidence file is uploaded as Bukti pemenuhan");
    // Linked: the fulfilment holds on to its evidence, so the document cannot be deleted.
    const del = await fetch(`${baseUrl}/api/v1/documents/${evidence.id}`, { method: "DELETE", headers: { Authorization: `Bearer ${sec}`, "If-Match": `"${evidence.version}"` } });
    assert(del.status === 409 && (await del.json()).code === "document_in_use", `the evidence is linked to the fulfilment (${del.status})`);
    await screenshots(page, shotView, "p05-fulfilment-form", open);
  });

  await step("monitoring report: 'Ajukan' and 'Finalkan' ask first, the review takes notes, one banner", async () => {
    const head = await token(baseUrl, "kadis.dlh");
    const { data: mine } = await call(baseUrl, head, "GET", "/api/v1/agreements?status=in_force&limit=100");
    let report = null;
    for (const a of mine.items.filter((x) => ["KSDD", "KSDPK", "SINERGI"].includes(x.category))) {
      for (const period of ["2025-S2", "2025-S1", "2024-S2", "2026-S1"]) {
        const r = await fetch(`${baseUrl}/api/v1/agreements/${a.id}/monitoring-reports`, {
          method: "POST",
          headers: { Authorization: `Bearer ${head}`, "Content-Type": "application/json" },
          body: JSON.stringify({ period }),
        });
        if (r.status === 201) {
          report = await r.json();
          break;
        }
      }
      if (report) break;
    }
    assert(report, "a domestic DLH agreement owes a report for a past period");
    await call(baseUrl, head, "PATCH", `/api/v1/monitoring-reports/${report.id}`, {
      problems: "Keterlambatan data",
      solutions: "Rapat koordinasi bulanan",
      other_matters: "Tidak ada",
    }, `"${report.version}"`);

    await signInAs(page, "kadis.dlh", "Kepala OPD");
    await page.goto(`${baseUrl}/monitoring-reports/${report.id}`);
    assert(/Semester I{1,2} 20\d\d/.test(await page.getByRole("heading", { level: 2 }).innerText()), "the period is written 'Semester I 2025'");
    await page.getByTestId("report-action-submit").click();
    const modal = page.getByTestId("step-modal");
    await modal.getByTestId("step-confirm").waitFor();
    await shotView("p06-report-submit-confirm");
    await modal.getByRole("button", { name: "Batal" }).click();
    await modal.getByTestId("step-confirm").waitFor({ state: "detached" });
    let { data: now } = await call(baseUrl, head, "GET", `/api/v1/monitoring-reports/${report.id}`);
    assert(now.status === "draft", "cancelling the confirmation submits nothing");
    await screenshots(page, shotView, "p07-report-submit-confirm", async () => {
      await page.getByTestId("report-action-submit").click();
      await page.getByTestId("step-modal").getByTestId("step-confirm").waitFor();
    });
    await page.getByTestId("report-action-submit").click();
    await page.getByTestId("step-modal").getByTestId("step-confirm").click();
    await page.getByTestId("report-done").getByText("Laporan diajukan.").waitFor();
    assert((await page.locator("[data-testid=report-done]").count()) === 1, "one success banner");

    ({ data: now } = await call(baseUrl, sec, "GET", `/api/v1/monitoring-reports/${report.id}`));
    await call(baseUrl, sec, "POST", `/api/v1/monitoring-reports/${report.id}/transitions`, { action: "verify" }, `"${now.version}"`);

    await signInAs(page, "tkksd", "Anggota TKKSD");
    await page.goto(`${baseUrl}/monitoring-reports/${report.id}`);
    await page.getByTestId("report-action-review").click();
    const review = page.getByTestId("step-modal");
    await review.getByTestId("review-notes").fill("Target indikator perlu dirinci per triwulan.");
    await shotView("p08-report-review-notes");
    await review.getByTestId("step-confirm").click();
    await page.getByTestId("report-done").waitFor();
    ({ data: now } = await call(baseUrl, sec, "GET", `/api/v1/monitoring-reports/${report.id}`));
    assert(now.events.at(-1).reason === "Target indikator perlu dirinci per triwulan.", "the review notes are recorded");

    await signInAs(page, "sekretariat", "Sekretariat TKKSD");
    await page.goto(`${baseUrl}/monitoring-reports/${report.id}`);
    await page.getByTestId("report-action-finalise").click();
    const fin = page.getByTestId("step-modal");
    await fin.getByText(/tidak dapat dibatalkan/).waitFor();
    await shotView("p09-report-finalise-confirm");
    await fin.getByTestId("step-confirm").click();
    await page.getByTestId("report-frozen").waitFor();
    assert((await page.getByTestId("report-done").count()) === 0, "only the lock notice, not a second banner");
    assert((await page.getByText("Belum ada dokumen; unggah di tab Dokumen").count()) === 0, "no upload hint on a final report");
    await page.getByTestId("report-evidence").waitFor();
    await shotView("p10-report-final");
  });
}
