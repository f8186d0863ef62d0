// Journey: administration in the app (issue 15). The admin creates a user who then signs in, disables
// it (it can no longer sign in), adds an OPD and a holiday; the history tab reads "Judul: old → new"
// after an edit; the sign-in page re-translates its error on a language switch, its password toggle is
// reached by keyboard, and a first visit makes no refresh call. Screenshots of the users, OPD and
// history screens at 1366×768 and 390×844 in both languages. Called from run.mjs with its helpers.

import { signOutIfSignedIn } from "./session.mjs";
const NEW_USER = `e2e.operator.${Date.now().toString(36)}`;
const NEW_PASSWORD = "sandi-uji-e2e-2026";

/** Switch the UI language with the header's switch (ID / EN). */
async function language(page, lang) {
  await page.getByTestId("language-switch").first().getByText(lang.toUpperCase(), { exact: true }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

const signOut = signOutIfSignedIn;

async function trySignIn(page, username, password) {
  await page.getByLabel("Nama pengguna").fill(username);
  await page.getByLabel("Kata sandi").fill(password);
  await page.getByTestId("sign-in-submit").click();
}

/** The four screenshots of a screen: 1366×768 and 390×844, Indonesian and English. */
async function fourShots(page, shotView, name, ready) {
  for (const [w, h] of [
    [1366, 768],
    [390, 844],
  ]) {
    await page.setViewportSize({ width: w, height: h });
    for (const lang of ["id", "en"]) {
      await language(page, lang);
      await ready();
      await shotView(`${name}-${w}-${lang}`);
    }
  }
  await language(page, "id");
  await page.setViewportSize({ width: 1280, height: 800 });
}

export async function adminJourney({ page, baseUrl, step, shotView, assert, signInAs, api, token }) {
  await step("sign-in: a first visit makes no refresh call; the error is re-translated; the password toggle is reached by keyboard", async () => {
    await signOut(page);
    await page.context().clearCookies();
    await page.evaluate(() => window.localStorage.clear());
    const refreshes = [];
    const errors = [];
    const onRequest = (r) => r.url().includes("/api/v1/auth/refresh") && refreshes.push(r.url());
    const onConsole = (m) => m.type() === "error" && errors.push(m.text());
    page.on("request", onRequest);
    page.on("console", onConsole);
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByTestId("sign-in-submit").waitFor();
    await page.waitForLoadState("networkidle");
    page.off("request", onRequest);
    page.off("console", onConsole);
    assert(refreshes.length === 0, `no silent refresh on a first visit: ${refreshes.join(", ")}`);
    assert(errors.length === 0, `no console error on a first visit: ${errors.join("\n")}`);

    await trySignIn(page, "admin", "salah-sekali-2026");
    await page.getByTestId("sign-in-error").getByText("Nama pengguna atau kata sandi salah.").waitFor();
    await language(page, "en");
    await page.getByTestId("sign-in-error").getByText("Wrong username or password.").waitFor();
    await language(page, "id");
    await page.getByTestId("sign-in-error").getByText("Nama pengguna atau kata sandi salah.").waitFor();

    // Keyboard: from the password field, Tab reaches the show/hide toggle, and Space shows the password.
    await page.getByLabel("Kata sandi").fill("rahasia");
    await page.getByLabel("Kata sandi").focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("data-testid"));
    assert(focused === "password-toggle", `Tab from the password reaches the toggle, not ${focused}`);
    await page.keyboard.press("Space");
    const type = await page.getByLabel("Kata sandi").getAttribute("type");
    assert(type === "text", `the toggle shows the password (type=${type})`);
    await page.keyboard.press("Space");
  });

  await step("admin: the administration group; create a user who signs in, disable it and it no longer can", async () => {
    await signInAs(page, "admin", "Administrator Sistem");
    const group = page.getByTestId("nav-admin");
    await group.getByText("Administrasi").waitFor();
    for (const key of ["users", "opds", "holidays", "reminderRules", "serviceAccounts", "webhooks", "imports"]) {
      await group.getByTestId(`nav-${key}`).waitFor();
    }
    await group.getByTestId("nav-users").click();
    await page.waitForURL(/\/users$/);
    await page.getByTestId("user-row").first().waitFor();

    await page.getByTestId("user-new").click();
    const form = page.getByTestId("user-form");
    // The server's refusal lands on its field: an OPD role without an OPD.
    await form.getByTestId("user-username").fill(NEW_USER);
    await form.getByTestId("user-password").fill(NEW_PASSWORD);
    await form.getByTestId("user-full-name").fill("Operator Uji E2E");
    await form.getByTestId("user-role").click();
    await page.getByRole("option", { name: "Operator OPD", exact: true }).click();
    await form.getByTestId("user-submit").click();
    await form.getByText("Wajib untuk Kepala OPD dan Operator OPD").first().waitFor();
    await form.getByTestId("user-opd").click();
    await form.getByTestId("user-opd").fill("DLH");
    await page.getByRole("option", { name: /^DLH —/ }).click();
    await form.getByTestId("user-submit").click();
    await page.getByTestId("user-notice").getByText(`Pengguna ${NEW_USER} dibuat.`).waitFor();
    const users = await api(baseUrl, "admin", `/api/v1/users?q=${NEW_USER}`);
    assert(users.length === 1 && users[0].role === "opd_operator" && users[0].opd_id, "created as an OPD operator of an OPD");

    await signOut(page);
    await trySignIn(page, NEW_USER, NEW_PASSWORD);
    await page.getByTestId("user-card").getByText("Operator OPD").waitFor();
    await page.getByTestId("user-card").getByText("Dinas Lingkungan Hidup").waitFor();
    assert((await page.getByTestId("nav-admin").count()) === 0, "an operator sees no administration group");

    await signInAs(page, "admin", "Administrator Sistem");
    await page.getByTestId("nav-users").click();
    await page.getByTestId("user-search").fill(NEW_USER);
    const row = page.locator(`[data-testid=user-row][data-username="${NEW_USER}"]`);
    await row.waitFor();
    await page.waitForFunction(() => document.querySelectorAll("[data-testid=user-row]").length === 1);
    await row.getByTestId("user-disable").click();
    await page.getByTestId("user-disable-confirm").click();
    await page.getByTestId("user-notice").getByText(`${NEW_USER} dinonaktifkan.`).waitFor();
    await row.getByTestId("user-status").getByText("Nonaktif").waitFor();

    await signOut(page);
    await trySignIn(page, NEW_USER, NEW_PASSWORD);
    await page.getByTestId("sign-in-error").getByText("Nama pengguna atau kata sandi salah.").waitFor();
  });

  await step("admin: the last admin cannot be disabled (the refusal in Indonesian); add an OPD; add a holiday", async () => {
    await signInAs(page, "admin", "Administrator Sistem");
    await page.getByTestId("nav-users").click();
    const me = page.locator('[data-testid=user-row][data-username="admin"]');
    await me.waitFor();
    await me.getByTestId("user-disable").click();
    await page.getByTestId("user-disable-confirm").click();
    await page.getByTestId("user-notice").getByText(/administrator aktif terakhir/).waitFor();

    await page.getByTestId("nav-opds").click();
    await page.waitForURL(/\/opds$/);
    await page.getByTestId("opd-row").first().waitFor();
    const code = `UJI${Date.now().toString(36).toUpperCase().slice(-5)}`;
    await page.getByTestId("opd-new").click();
    const form = page.getByTestId("opd-form");
    await form.getByTestId("opd-code").fill(code);
    await form.getByTestId("opd-name").fill("Dinas Uji Coba E2E");
    await form.getByTestId("opd-abbreviation").fill("Uji E2E");
    await form.getByTestId("opd-submit").click();
    await page.getByTestId("opd-notice").getByText("Dinas Uji Coba E2E ditambahkan.").waitFor();
    await page.locator(`[data-testid=opd-row][data-code="${code}"]`).waitFor();
    // A second OPD with the same code: the server's 409 on the code field.
    await page.getByTestId("opd-new").click();
    await form.getByTestId("opd-code").fill(code);
    await form.getByTestId("opd-name").fill("Dinas Kembar");
    await form.getByTestId("opd-abbreviation").fill("Kembar");
    await form.getByTestId("opd-submit").click();
    await form.locator(".mantine-InputWrapper-error").first().waitFor();
    await form.getByRole("button", { name: "Batal" }).click();

    await page.getByTestId("nav-holidays").click();
    await page.waitForURL(/\/holidays$/);
    const year = new Date().toLocaleDateString("en-CA", { timeZone: "Asia/Jakarta" }).slice(0, 4);
    const days = new Set((await api(baseUrl, "admin", `/api/v1/holidays?year=${year}`)).map((d) => d.day));
    let free = "";
    for (let d = 1; d <= 28 && !free; d += 1) {
      const iso = `${year}-12-${String(d).padStart(2, "0")}`;
      const wd = new Date(`${iso}T12:00:00Z`).getUTCDay();
      if (wd !== 0 && wd !== 6 && !days.has(iso)) free = iso;
    }
    assert(free, "a free weekday in December");
    const hf = page.getByTestId("holiday-form");
    await hf.getByLabel(/Tanggal/).fill(free);
    await hf.getByLabel(/Nama/).fill("Libur daerah (admin e2e)");
    await hf.getByRole("button", { name: "Tambahkan" }).click();
    await page.getByText("Libur daerah (admin e2e) ditambahkan.").waitFor();
    await page.getByTestId(`holiday-${free}`).getByText("Ditambahkan administrator").waitFor();
    // leave the calendar as it was
    await page.getByTestId(`holiday-${free}`).getByRole("button", { name: "Hapus Libur daerah (admin e2e)" }).click();
    await page.getByTestId(`holiday-${free}`).waitFor({ state: "detached" });
  });

  await step("history: after an edit the tab reads 'Judul: old → new', labelled in both languages", async () => {
    const all = (await api(baseUrl, "sekretariat", "/api/v1/agreements?limit=200")).items;
    const draft = all.find((a) => a.status === "draft");
    assert(draft, "a demo draft");
    const auth = { Authorization: `Bearer ${await token(baseUrl, "sekretariat")}` };
    const cur = await fetch(`${baseUrl}/api/v1/agreements/${draft.id}`, { headers: auth });
    const before = (await cur.json()).title;
    const after = `${before} (judul diperbarui)`;
    const r = await fetch(`${baseUrl}/api/v1/agreements/${draft.id}`, {
      method: "PATCH",
      headers: { ...auth, "If-Match": cur.headers.get("etag"), "Content-Type": "application/json" },
      body: JSON.stringify({ title: after }),
    });
    assert(r.ok, `PATCH title: ${r.status}`);
    await page.goto(`${baseUrl}/agreements/${draft.id}`);
    await page.getByTestId("tab-history").click();
    const change = page.getByTestId("history-change").filter({ hasText: "Judul:" }).first();
    await change.waitFor();
    const text = await change.innerText();
    assert(text.includes(`Judul: ${before} → ${after}`), `the change reads 'Judul: old → new': ${text}`);
    assert(!/is_legacy_import|lead_opd_id/.test(await page.getByTestId("history").innerText()), "no raw field names");
    await language(page, "en");
    await page.getByTestId("history-change").filter({ hasText: `Title: ${before} → ${after}` }).first().waitFor();
    await language(page, "id");
    await fourShots(page, shotView, "50-history", async () => {
      await page.getByTestId("history-change").first().waitFor();
      await page.getByTestId("tab-history").scrollIntoViewIfNeeded();
      await page.evaluate(() => document.querySelector("[data-testid=tab-history]")?.scrollIntoView({ block: "start" }));
    });
    // put the title back, so that other journeys find the demo as they know it
    const again = await fetch(`${baseUrl}/api/v1/agreements/${draft.id}`, { headers: auth });
    await fetch(`${baseUrl}/api/v1/agreements/${draft.id}`, {
      method: "PATCH",
      headers: { ...auth, "If-Match": again.headers.get("etag"), "Content-Type": "application/json" },
      body: JSON.stringify({ title: before }),
    });
  });

  await step("screenshots: users and OPDs at 1366×768 and 390×844, Indonesian and English", async () => {
    await page.goto(`${baseUrl}/users`);
    await fourShots(page, shotView, "51-users", () => page.getByTestId("user-row").first().waitFor());
    await page.goto(`${baseUrl}/opds`);
    await fourShots(page, shotView, "52-opds", () => page.getByTestId("opd-row").first().waitFor());
    await page.goto(`${baseUrl}/users`);
    await page.getByTestId("user-new").click();
    await page.getByTestId("user-submit").click();
    await fourShots(page, shotView, "53-user-form", () => page.getByTestId("user-form").waitFor());
  });
}
