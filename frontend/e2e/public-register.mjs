// Journey: the public register (issue 14, item 2) without signing in: reached from the sign-in page,
// counts, search and filters, a detail page without personal data, a text that is not public (404),
// the language switch, one <title> per page, and the pages at phone width (390 px).
// Called from run.mjs with its helpers.

const SITE_ID = "Register Publik Kerja Sama Daerah";
const SITE_EN = "Public Register of Regional Cooperation";

async function json(baseUrl, path) {
  const r = await fetch(`${baseUrl}${path}`);
  if (!r.ok) throw new Error(`GET ${path}: ${r.status}`);
  return r.json();
}

export async function publicRegisterJourney({ page, baseUrl, step, shot, shotView, assert }) {
  const stats = await json(baseUrl, "/api/v1/public/stats");
  const garut = (await json(baseUrl, "/api/v1/public/agreements?q=garut&limit=50")).items;
  const kbGarut = garut.find((a) => a.number === "DEMO/KB/2023/GARUT");
  assert(stats.total > 0 && kbGarut, "the demo data has public texts, the Garut KB among them");
  const items = page.getByTestId("public-item");
  const noOverflow = () => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

  await step("public register: reached from the sign-in page without signing in; counts and one title per page", async () => {
    await page.context().clearCookies(); // no refresh cookie: a fresh page load is signed out
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByTestId("sign-in-public-link").click();
    await page.waitForURL(/\/publik$/);
    await page.getByTestId("public-stats-total").getByText(String(stats.total)).waitFor();
    await items.first().waitFor();
    assert((await page.title()) === `Daftar kerja sama daerah · ${SITE_ID}`, `list title: ${await page.title()}`);
    assert((await page.getByTestId("nav-agreements").count()) === 0, "no staff navigation on the public page");
    const total = await page.getByTestId("public-total").innerText();
    assert(total.includes(String(stats.total)), `the list counts every public text: ${total}`);
    await shot("38-public-register");
  });

  await step("public register: search and a category filter narrow the list; the URL keeps them", async () => {
    await page.getByTestId("public-q").fill("garut");
    await page.waitForURL(/q=garut/);
    await page.getByTestId("public-total").getByText(`Jumlah: ${garut.length}`).waitFor();
    assert((await items.count()) === garut.length, "only the texts matching 'garut'");
    await page.getByTestId("public-category").click();
    await page.getByRole("option", { name: /^KSDD/ }).click();
    await page.waitForURL(/category=KSDD/);
    const texts = await items.allInnerTexts();
    assert(texts.length > 0 && texts.every((x) => x.length > 0), "KSDD texts about Garut remain");
    await shot("39-public-register-search");
  });

  await step("public register: a detail page shows the text without personal data; its title names it", async () => {
    await items.filter({ hasText: kbGarut.title }).click();
    await page.waitForURL(new RegExp(`/publik/${kbGarut.id}$`));
    await page.getByTestId("public-detail-title").getByText(kbGarut.title).waitFor();
    assert((await page.title()) === `${kbGarut.title} · ${SITE_ID}`, `detail title: ${await page.title()}`);
    const body = await page.locator("main").innerText();
    assert(body.includes("Pj. Wali Kota Cimahi") && body.includes("Bupati Garut"), "the offices that signed are shown");
    assert(!body.includes("Dicky Saromi"), "the signatory's name is not");
    assert(body.includes(kbGarut.number), "the registry number is shown");
    await shot("40-public-agreement");
  });

  await step("public register: a text that is not public is 'not found'", async () => {
    const internal = "00000000-0000-4000-8000-000000000000";
    await page.goto(`${baseUrl}/publik/${internal}`);
    await page.getByTestId("not-found").getByText("Naskah tidak ditemukan").waitFor();
    assert((await page.title()).startsWith("Naskah tidak ditemukan"), "the 404 page has its own title");
  });

  await step("public register: the language switch works without signing in (titles follow)", async () => {
    await page.goto(`${baseUrl}/publik/${kbGarut.id}`);
    await page.getByTestId("public-detail-title").waitFor();
    await page.getByTestId("language-switch").getByText("EN").click();
    await page.getByText(SITE_EN).first().waitFor();
    await page.getByText("Parties", { exact: true }).waitFor();
    assert((await page.title()) === `${kbGarut.title} · ${SITE_EN}`, `English title: ${await page.title()}`);
    await page.getByText("Back to the list").click();
    await page.getByRole("heading", { name: "Regional cooperation agreements" }).waitFor();
    assert((await page.title()) === `Regional cooperation agreements · ${SITE_EN}`, "English list title");
    await shot("41-public-register-en");
    await page.getByTestId("language-switch").getByText("ID").click();
    await page.getByText(SITE_ID).first().waitFor();
  });

  await step("public register: list and detail fit a phone (390 px), nothing wider than the screen", async () => {
    const before = page.viewportSize();
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.goto(`${baseUrl}/publik`);
      await items.first().waitFor();
      assert(await noOverflow(), "the list does not scroll sideways at 390 px");
      await shotView("42-public-register-phone");
      await items.first().click();
      await page.getByTestId("public-detail-title").waitFor();
      assert(await noOverflow(), "the detail does not scroll sideways at 390 px");
      await shot("43-public-agreement-phone");
    } finally {
      await page.setViewportSize(before ?? { width: 1280, height: 800 });
    }
  });

  // Leave the browser where the next journey expects a signed-out user: on the sign-in form.
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel("Nama pengguna").waitFor();
}
