// Journey: 'layak' and the telaahan are one act (issue 13, item 2; Permendagri 22/2020 Pasal 7 and 29).
// A KB is prepared through the API up to the TKKSD stage; the TKKSD member approves it in the app, the
// dialog asking for the telaahan (meeting date, outcome, notes, berita acara, no-conflict declaration),
// and the agreement moves to the offer stage with the telaahan recorded. Called from run.mjs.

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

export async function approveJourney({ page, baseUrl, step, shot, assert, signInAs, token }) {
  await step("approve: the TKKSD member records the telaahan in the approve dialog and the KB moves to the offer", async () => {
    const sec = await token(baseUrl, "sekretariat");
    const [bandung] = (await call(baseUrl, sec, "GET", "/api/v1/partners?region_code=32.73")).items;
    const opds = await call(baseUrl, sec, "GET", "/api/v1/opds");
    const pem = opds.find((o) => o.code === "PEM") ?? opds[0];
    const kak = Object.fromEntries(
      ["background", "purpose", "location", "scope", "term", "benefits", "impact", "financing"].map((h) => [h, `Uraian ${h} (uji e2e)`]),
    );
    const kb = await call(baseUrl, sec, "POST", "/api/v1/agreements", {
      kind: "KB",
      category: "KSDD",
      nature: "SUKARELA",
      title: "KB uji telaahan e2e dengan Kota Bandung",
      object: "Pelayanan publik lintas batas",
      affair_codes: ["1.02"],
      lead_opd_id: pem.id,
      planning_reference: "RPJMD Kota Cimahi 2025-2029",
      kak,
      parties: [
        { partner_id: null, signatory_name: "Ngatiyana", signatory_title: "Wali Kota Cimahi" },
        { partner_id: bandung.id, signatory_title: "Wali Kota Bandung" },
      ],
      start_date: "2027-01-01",
      end_date: "2030-12-31",
    });
    for (const action of ["submit", "start_review"]) {
      // A transition changes the record: it needs the current ETag (If-Match), as every write does.
      const current = await fetch(`${baseUrl}/api/v1/agreements/${kb.id}`, { headers: { Authorization: `Bearer ${sec}` } });
      await call(baseUrl, sec, "POST", `/api/v1/agreements/${kb.id}/transitions`, { action }, current.headers.get("ETag"));
    }

    await signInAs(page, "tkksd", "Anggota TKKSD");
    await page.goto(`${baseUrl}/agreements/${kb.id}`);
    await page.getByTestId("action-approve").click();
    const modal = page.getByTestId("transition-modal");
    const review = modal.getByTestId("transition-review");
    await review.waitFor();
    // Submitting without a telaahan is refused in the dialog, not silently.
    await modal.getByTestId("transition-submit").click();
    assert(await modal.getByTestId("transition-submit").isVisible(), "the dialog stays open without a telaahan");
    const today = new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Jakarta" });
    // The date field reads dd/mm/yyyy (components/date-field.tsx); Tab closes its calendar.
    const meetingDate = review.getByTestId("review-meeting-date");
    await meetingDate.fill(today.split("-").reverse().join("/"));
    await meetingDate.press("Tab");
    await review.getByTestId("review-minutes").fill("BA-TKKSD/E2E/2026");
    await review.getByRole("radio", { name: "Layak", exact: true }).check();
    await review.getByTestId("review-notes").fill("Layak dilanjutkan ke penawaran.");
    const declaration = review.getByTestId("review-no-conflict");
    if (await declaration.isVisible()) await declaration.check();
    if (await modal.getByTestId("transition-justification").isVisible()) {
      await modal.getByTestId("transition-justification").fill("Dibahas dalam rapat TKKSD");
    }
    await shot("44-approve-with-telaahan");
    await modal.getByTestId("transition-submit").click();
    await page.getByTestId("action-done").waitFor();
    const after = await call(baseUrl, sec, "GET", `/api/v1/agreements/${kb.id}`);
    assert(after.stage === "approved_for_offer", `stage after approve: ${after.stage}`);
    const reviews = await call(baseUrl, sec, "GET", `/api/v1/agreements/${kb.id}/tkksd-reviews`);
    const list = Array.isArray(reviews) ? reviews : reviews.items;
    assert(list.some((r) => r.outcome === "layak" && r.minutes_ref === "BA-TKKSD/E2E/2026"), "the telaahan is recorded with the approval");
    await shot("45-approved-for-offer");
  });
}
