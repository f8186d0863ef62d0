// Journey: the holiday list (issue 13, item 3). Working days skip national holidays, the cuti bersama
// of the SKB 3 Menteri and the admin's regional days; the list shows each day's kind and source, and
// the admin adds and removes a regional day. Called from run.mjs with its helpers.

export async function holidaysJourney({ page, baseUrl, step, shot, assert, signInAs, api }) {
  await step("holidays: the list shows cuti bersama from the national calendar; the admin adds and removes a regional day", async () => {
    await signInAs(page, "admin", "Administrator Sistem");
    await page.getByTestId("nav-holidays").click();
    await page.waitForURL(/\/holidays$/);
    const table = page.getByTestId("holiday-table");
    await table.waitFor();
    const year = new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Jakarta" }).slice(0, 4);
    const days = await api(baseUrl, "admin", `/api/v1/holidays?year=${year}`);
    const cuti = days.find((d) => d.kind === "cuti_bersama" && d.source === "national_calendar");
    if (cuti) {
      const row = page.getByTestId(`holiday-${cuti.day}`);
      await row.getByText("Cuti bersama", { exact: true }).waitFor();
      await row.getByText(/Kalender nasional/).waitFor();
    }
    // A weekday of this year that is not yet a holiday.
    const taken = new Set(days.map((d) => d.day));
    let free = "";
    for (let m = 9; m <= 11 && !free; m += 1) {
      for (let d = 1; d <= 28 && !free; d += 1) {
        const iso = `${year}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
        const wd = new Date(`${iso}T12:00:00Z`).getUTCDay();
        if (wd !== 0 && wd !== 6 && !taken.has(iso)) free = iso;
      }
    }
    assert(free, "a free weekday to add");
    const form = page.getByTestId("holiday-form");
    // Typed the Indonesian way (dd/mm/yyyy); the field shows it so and sends ISO.
    const dayField = form.getByLabel(/Tanggal/);
    await dayField.fill(free.split("-").reverse().join("/"));
    await dayField.press("Tab");
    assert((await dayField.inputValue()) === free.split("-").reverse().join("/"), "the day reads dd/mm/yyyy");
    await form.getByLabel(/Nama/).fill("Hari libur daerah (uji e2e)");
    await form.getByRole("button", { name: "Tambahkan" }).click();
    await page.getByText("Hari libur daerah (uji e2e) ditambahkan.").waitFor();
    const added = page.getByTestId(`holiday-${free}`);
    await added.getByText("Ditambahkan administrator").waitFor();
    await added.getByText("Hari libur daerah", { exact: true }).waitFor();
    await shot("40-holidays");
    await added.getByRole("button", { name: "Hapus Hari libur daerah (uji e2e)" }).click();
    await added.waitFor({ state: "detached" });
    const after = await api(baseUrl, "admin", `/api/v1/holidays?year=${year}`);
    assert(!after.some((d) => d.day === free), "the regional day is gone");
  });
}
