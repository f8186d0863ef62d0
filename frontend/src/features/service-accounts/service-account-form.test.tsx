import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { navFor } from "../../lib/capabilities";
import { testMe } from "../../test/me";
import { jsonResponse, renderWithProviders } from "../../test/render";
import { SecretModal } from "./secret-modal";
import { ServiceAccountForm } from "./service-account-form";
import { emptyServiceAccountValues, updatePayload, validateServiceAccount, type ServiceAccountWithSecret } from "./service-account-rules";

const created: ServiceAccountWithSecret = {
  id: "7d1e0c2e-7d0f-4a4e-9a55-3d1f6f1f2a10",
  client_id: "sa-0123456789abcdef",
  name: "Biro Otonomi Daerah Jawa Barat",
  description: "",
  role: "province",
  scopes: ["read", "webhooks"],
  is_active: true,
  secret_generation: 1,
  last_used_at: null,
  created_at: "2026-12-05T01:00:00Z",
  updated_at: "2026-12-05T01:00:00Z",
  version: 1,
  client_secret: "ksd_Zr8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYqrTwj",
};

afterEach(() => vi.unstubAllGlobals());

function stubFetch(answer: (body: unknown) => Response) {
  const bodies: unknown[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (req: Request) => {
      const body: unknown = await req.json();
      bodies.push(body);
      return answer(body);
    }),
  );
  return bodies;
}

const renderCreate = (onCreated = vi.fn()) =>
  renderWithProviders(<ServiceAccountForm mode="create" initial={emptyServiceAccountValues()} onCreated={onCreated} onCancel={() => undefined} />);

describe("ServiceAccountForm", () => {
  it("checks the name and the scopes before sending", async () => {
    const bodies = stubFetch(() => jsonResponse(created, 201));
    const user = userEvent.setup();
    renderCreate();
    await user.click(screen.getByRole("checkbox", { name: /^Baca/ })); // untick the default scope
    await user.click(screen.getByRole("button", { name: "Buat akun layanan" }));
    expect(await screen.findByText("Wajib diisi")).toBeInTheDocument();
    expect(screen.getByText("Pilih sekurang-kurangnya satu cakupan")).toBeInTheDocument();
    expect(bodies).toEqual([]);
  });

  it("shows the server's 422 on the name field", async () => {
    stubFetch(() =>
      jsonResponse(
        {
          type: "about:blank",
          title: "Invalid input",
          status: 422,
          code: "validation_error",
          detail: "The request body is invalid",
          errors: [{ loc: ["body", "name"], msg: "String should have at least 3 characters", code: "string_too_short" }],
        },
        422,
      ),
    );
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderCreate(onCreated);
    const name = screen.getByRole("textbox", { name: /^Nama/ });
    await user.type(name, "AB");
    await user.click(screen.getByRole("button", { name: "Buat akun layanan" }));
    expect(await screen.findByText("Terlalu pendek")).toBeInTheDocument();
    expect(name).toHaveAttribute("aria-invalid", "true");
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("sends the chosen role and scopes and hands over the answer with its secret", async () => {
    const bodies = stubFetch(() => jsonResponse(created, 201));
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderCreate(onCreated);
    await user.type(screen.getByRole("textbox", { name: /^Nama/ }), "  Biro Otonomi Daerah Jawa Barat ");
    await user.click(screen.getByRole("radio", { name: /^Pembaca/ }));
    await user.click(screen.getByRole("checkbox", { name: /^Webhook/ }));
    await user.click(screen.getByRole("button", { name: "Buat akun layanan" }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(bodies).toEqual([{ name: "Biro Otonomi Daerah Jawa Barat", description: "", role: "viewer", scopes: ["read", "webhooks"] }]);
  });
});

describe("ServiceAccountForm (edit)", () => {
  it("sends only what changed, with the account's version as If-Match", async () => {
    const { client_secret: _secret, ...account } = created;
    const seen: { method: string; ifMatch: string | null; body: unknown }[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (req: Request) => {
        seen.push({ method: req.method, ifMatch: req.headers.get("If-Match"), body: await req.json() });
        return jsonResponse({ ...account, scopes: ["read"], version: 2 });
      }),
    );
    const onSaved = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<ServiceAccountForm mode="edit" account={account} onSaved={onSaved} onCancel={() => undefined} />);
    expect(screen.queryByRole("radio")).not.toBeInTheDocument(); // the role cannot change
    await user.click(screen.getByRole("checkbox", { name: /^Webhook/ }));
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(seen).toEqual([{ method: "PATCH", ifMatch: '"1"', body: { scopes: ["read"] } }]);
  });
});

describe("SecretModal", () => {
  it("shows the client id and the secret once, with a warning and copy buttons", async () => {
    const onClose = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<SecretModal account={created} reason="created" onClose={onClose} />);
    expect(await screen.findByRole("dialog", { name: "Akun layanan dibuat" })).toBeInTheDocument();
    expect(screen.getByRole("textbox", { name: "Rahasia klien (client secret)" })).toHaveValue(created.client_secret);
    expect(screen.getByRole("textbox", { name: "Client ID" })).toHaveValue(created.client_id);
    expect(screen.getByRole("alert")).toHaveTextContent("Rahasia ini hanya ditampilkan sekali");
    expect(screen.getByRole("button", { name: "Salin: Rahasia klien (client secret)" })).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Salin: Client ID" })).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Sudah saya simpan, tutup" }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it("copies the secret to the clipboard", async () => {
    const user = userEvent.setup();
    renderWithProviders(<SecretModal account={created} reason="rotated" onClose={() => undefined} />);
    expect(await screen.findByText(/Rahasia lama sudah tidak berlaku/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Salin: Rahasia klien (client secret)" }));
    await waitFor(() => expect(screen.getByRole("button", { name: "Tersalin: Rahasia klien (client secret)" })).toBeInTheDocument());
    expect(await navigator.clipboard.readText()).toBe(created.client_secret);
  });

  it("shows nothing without an account (the secret has left the page)", () => {
    renderWithProviders(<SecretModal account={null} reason="created" onClose={() => undefined} />);
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
    expect(screen.queryByDisplayValue(created.client_secret)).not.toBeInTheDocument();
  });
});

describe("service account rules", () => {
  it("validates and patches only what changed", () => {
    const base = { name: "Biro", description: "", role: "province" as const, scopes: ["read" as const] };
    expect(validateServiceAccount(base)).toEqual({});
    expect(validateServiceAccount({ ...base, name: "  ", scopes: [] })).toEqual({ name: "common.fieldRequired", scopes: "serviceAccounts.form.scopesRequired" });
    expect(updatePayload(base, { ...base })).toEqual({});
    expect(updatePayload(base, { ...base, scopes: ["webhooks", "read"] })).toEqual({ scopes: ["read", "webhooks"] });
  });

  it("shows Service accounts to holders of service_accounts:manage only", () => {
    expect(navFor(testMe(["service_accounts:manage"]))).toContain("serviceAccounts");
    expect(navFor(testMe(["webhooks:manage"]))).not.toContain("serviceAccounts");
  });
});
