// Journey: the agreement list fits a 1366×768 screen (issue 15): the table is not wider than its
// container, no status badge is cut, the columns are chosen and the choice is remembered; at
// 390 px the filters fold into a drawer behind a "Filter" button that counts the active ones,
// and an agreement's obligation schedule shows each occurrence as a card with its status and
// action. Called from run.mjs with its helpers.

/** Elements wider than their box (cut text), and the table against its scroll container. */
async function overflow(page) {
  return page.evaluate(() => {
    const table = document.querySelector("[data-testid=agreement-table]");
    const box = table?.closest(".mantine-ScrollArea-viewport") ?? table?.parentElement;
    const cut = [...document.querySelectorAll("[data-testid=agreement-table] .mantine-Badge-label")]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.textContent);
    return { table: table?.scrollWidth ?? 0, box: box?.clientWidth ?? 0, cut };
  });
}

export async function layoutJourney({ page, baseUrl, step, shot, shotView, assert, signInAs }) {
  await step("agreement list at 1366×768: fits, badges whole, columns chosen and remembered", async () => {
    await page.setViewportSize({ width: 1366, height: 768 });
    // The secretariat records fulfilments: the occurrence cards carry its actions.
    await page.goto(`${baseUrl}/agreements`);
    await page.getByTestId("user-card").or(page.getByLabel("Nama pengguna")).waitFor();
    await signInAs(page, "sekretariat", "Sekretariat TKKSD");
    await page.evaluate(() => window.localStorage.removeItem("kerjasama.agreementColumns"));
    await page.goto(`${baseUrl}/agreements?expiring=180`);
    await page.getByTestId("agreement-table").waitFor();
    let o = await overflow(page);
    assert(o.table <= o.box, `the table (${o.table}px) fits its container (${o.box}px)`);
    assert(o.cut.length === 0, `no badge is cut: ${o.cut.join(", ")}`);
    const head = page.getByTestId("agreement-table").locator("thead");
    assert(!(await head.innerText()).includes("Mitra"), "partners are not a default column");
    await shotView("layout-list-1366");
    await page.getByTestId("column-chooser").click();
    await page.getByTestId("column-partners").check();
    await head.getByText("Mitra").waitFor();
    await page.keyboard.press("Escape");
    await page.reload();
    await page.getByTestId("agreement-table").waitFor();
    await head.getByText("Mitra").waitFor();
    o = await overflow(page);
    assert(o.cut.length === 0, `no badge is cut with partners shown: ${o.cut.join(", ")}`);
    await page.getByTestId("column-chooser").click();
    await page.getByTestId("column-partners").uncheck();
    await page.keyboard.press("Escape");
    await head.getByText("Mitra").waitFor({ state: "detached" });
  });

  await step("phone width: filters in a drawer with the active count; obligation schedule as cards", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${baseUrl}/agreements`);
    await page.getByTestId("agreement-cards").waitFor();
    assert(!(await page.getByTestId("filter-category").isVisible()), "the filters are folded away");
    const open = page.getByTestId("filter-open");
    assert((await open.getAttribute("aria-label")) === "Filter, 0 aktif", "no active filter yet");
    await shotView("layout-list-390");
    await open.click();
    await page.getByRole("dialog").getByRole("combobox", { name: "Kategori", exact: true }).click();
    await page.getByRole("option", { name: /^KSDD/ }).click();
    await page.waitForURL(/category=KSDD/);
    await shotView("layout-filter-drawer-390");
    await page.getByTestId("filter-done").click();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    assert((await open.getAttribute("aria-label")) === "Filter, 1 aktif", "one active filter counted");
    // An agreement with a schedule: the occurrences are cards with status and action.
    await page.goto(`${baseUrl}/obligations`);
    await page.getByTestId("obligation-cards").waitFor();
    await page.getByTestId("obligation-cards").getByRole("link").first().click();
    await page.getByTestId("tab-obligations").click();
    await page.getByTestId("obligation-toggle").first().click();
    const occurrences = page.getByTestId("occurrences").first();
    await occurrences.waitFor();
    assert((await occurrences.evaluate((el) => el.tagName)) !== "TABLE", "occurrences are cards, not a table");
    const card = occurrences.getByTestId("occurrence-row").first();
    const box = await card.boundingBox();
    assert(box && box.x >= 0 && box.x + box.width <= 390, "a card fits the phone's width");
    assert(await card.getByTestId("occurrence-status").isVisible(), "the card's action is on screen");
    await shot("layout-obligations-tab-390");
    await page.setViewportSize({ width: 1280, height: 800 });
  });
}
