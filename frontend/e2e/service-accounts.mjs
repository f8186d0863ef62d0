// Journey: an admin manages service accounts (issue 11, item 4): create, see and copy the secret
// once, rotate it (the old one dies), disable the account (its secret dies too), and a stale
// enable answered 412 asks to reload. Called from run.mjs with its helpers.

const MONTHS = "Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember";

/** Sign in as a service account; returns the HTTP status of the token endpoint. */
async function clientCredentials(baseUrl, clientId, secret) {
  const form = new URLSearchParams({ grant_type: "client_credentials", client_id: clientId, client_secret: secret });
  const r = await fetch(`${baseUrl}/api/v1/auth/token`, { method: "POST", body: form });
  return r.status;
}

export async function serviceAccountsJourney({ page, baseUrl, step, shot, shotView, opaque, assert, signInAs, token }) {
  const name = "Biro Otonomi Daerah Jawa Barat (uji e2e)";
  const modal = page.getByTestId("secret-modal");
  const row = () => page.getByTestId("service-account-row").filter({ hasText: name });
  /** Whether any secret (they all start with ksd_) is anywhere on the page, in a field or in the text. */
  const secretShown = () =>
    page.evaluate(() => [...document.querySelectorAll("input")].some((i) => i.value.startsWith("ksd_")) || document.body.innerText.includes("ksd_"));
  let clientId = "";
  let firstSecret = "";

  await step("service accounts: the admin creates one (a short name is refused on the field), sees and copies its secret once", async () => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
    await signInAs(page, "admin", "Administrator Sistem");
    await page.getByTestId("nav-serviceAccounts").click();
    await page.waitForURL(/\/service-accounts$/);
    await page.getByText("Belum ada akun layanan").or(page.getByTestId("service-account-table")).waitFor();
    await page.getByTestId("service-account-new").click();
    const nameField = page.getByTestId("service-account-name");
    await nameField.fill("AB");
    await page.getByTestId("service-account-submit").click();
    await page.getByTestId("service-account-form").getByText("Terlalu pendek").waitFor();
    assert((await nameField.getAttribute("aria-invalid")) === "true", "the name field is marked invalid by the server's 422");
    await nameField.fill(name);
    await page.getByLabel("Keterangan").fill("Sinkronisasi data kerja sama kab/kota ke SIKD provinsi");
    await page.getByTestId("service-account-scope-webhooks").click();
    await page.getByTestId("service-account-submit").click();
    await modal.getByText("Rahasia ini hanya ditampilkan sekali").waitFor();
    firstSecret = await page.getByTestId("secret-client-secret-value").inputValue();
    clientId = await page.getByTestId("secret-client-id-value").inputValue();
    assert(/^ksd_\S{20,}$/.test(firstSecret), `a secret is shown: ${firstSecret.slice(0, 6)}…`);
    assert(/^sa-[0-9a-f]+$/.test(clientId), `a client id is shown: ${clientId}`);
    await page.getByTestId("secret-client-secret-copy").click();
    await modal.getByRole("button", { name: /^Tersalin/ }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    assert(copied === firstSecret, "the copy button put the secret on the clipboard");
    await opaque("[data-testid=secret-modal] .mantine-Modal-content");
    await shotView("37-service-account-secret");
    assert((await clientCredentials(baseUrl, clientId, firstSecret)) === 200, "the shown secret signs in (client_credentials)");
    await page.getByTestId("secret-close").click();
    await modal.waitFor({ state: "detached" });
    assert(!(await secretShown()), "the secret is gone from the page once the dialog is closed");
    await page.reload();
    await row().waitFor();
    assert(!(await secretShown()), "and it does not come back on reload");
    await row().getByTestId("service-account-status").getByText("Aktif").waitFor();
    await row().getByText(clientId).waitFor();
    const lastUsed = await row().getByTestId("service-account-last-used").innerText();
    assert(new RegExp(`^\\d{1,2} (${MONTHS}) \\d{4}`).test(lastUsed), `last used in Indonesian: ${lastUsed}`);
    await shot("38-service-accounts");
  });

  await step("service accounts: rotating the secret (confirmed) shows a new one once; the old secret no longer signs in", async () => {
    await row().getByTestId("service-account-rotate").click();
    const confirm = page.getByTestId("service-account-confirm");
    await confirm.getByText("Buat rahasia klien baru?").waitFor();
    await confirm.getByTestId("service-account-confirm-submit").click();
    await modal.getByText("Rahasia klien baru").waitFor();
    await modal.getByText("Rahasia lama sudah tidak berlaku").waitFor();
    const newSecret = await page.getByTestId("secret-client-secret-value").inputValue();
    assert(newSecret.startsWith("ksd_") && newSecret !== firstSecret, "a different secret is shown");
    await page.getByTestId("secret-close").click();
    await modal.waitFor({ state: "detached" });
    assert(!(await secretShown()), "the new secret is gone once the dialog is closed");
    assert((await clientCredentials(baseUrl, clientId, firstSecret)) === 401, "the old secret is refused");
    assert((await clientCredentials(baseUrl, clientId, newSecret)) === 200, "the new secret signs in");
    firstSecret = newSecret;
  });

  await step("service accounts: disable (confirmed) kills the secret; a stale enable gets 412 and a reload", async () => {
    await row().getByTestId("service-account-disable").click();
    await page.getByTestId("service-account-confirm").getByTestId("service-account-confirm-submit").click();
    await page.getByTestId("service-account-notice").getByText(/dinonaktifkan/).waitFor();
    await row().getByTestId("service-account-status").getByText("Nonaktif").waitFor();
    assert((await clientCredentials(baseUrl, clientId, firstSecret)) === 401, "a disabled account cannot sign in");
    // Another admin edits it meanwhile: the row on screen is stale, so enabling it here gets 412.
    const auth = { Authorization: `Bearer ${await token(baseUrl, "admin")}` };
    const list = await (await fetch(`${baseUrl}/api/v1/service-accounts?limit=500`, { headers: auth })).json();
    const account = list.items.find((a) => a.client_id === clientId);
    const other = await fetch(`${baseUrl}/api/v1/service-accounts/${account.id}`, {
      method: "PATCH",
      headers: { ...auth, "Content-Type": "application/json", "If-Match": `"${account.version}"` },
      body: JSON.stringify({ description: "Diubah oleh admin lain" }),
    });
    assert(other.ok, `PATCH elsewhere: ${other.status}`);
    await row().getByTestId("service-account-enable").click();
    const notice = page.getByTestId("service-account-notice");
    await notice.getByText(/sudah diubah orang lain/).waitFor();
    await notice.getByRole("button", { name: "Muat ulang" }).click();
    await row().getByText("Diubah oleh admin lain").waitFor();
    await row().getByTestId("service-account-enable").click();
    await page.getByTestId("service-account-notice").getByText(/aktif kembali/).waitFor();
    await row().getByTestId("service-account-status").getByText("Aktif").waitFor();
    assert((await clientCredentials(baseUrl, clientId, firstSecret)) === 200, "enabled again, the current secret signs in");
    await row().getByTestId("service-account-disable").click();
    await page.getByTestId("service-account-confirm").getByTestId("service-account-confirm-submit").click();
    await row().getByTestId("service-account-status").getByText("Nonaktif").waitFor();
    assert((await clientCredentials(baseUrl, clientId, firstSecret)) === 401, "disabled again");
    await page.locator("[data-testid=service-account-confirm] .mantine-Modal-content").waitFor({ state: "detached" });
    await shot("39-service-account-disabled");
  });
}
