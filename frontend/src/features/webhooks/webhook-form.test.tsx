import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { navFor } from "../../lib/capabilities";
import { testMe } from "../../test/me";
import { jsonResponse, renderWithProviders } from "../../test/render";
import { WebhookForm } from "./webhook-form";
import { SecretOnce } from "./webhooks-page";
import { emptyWebhookValues, updatePayload, validateWebhook, type WebhookCreated, type WebhookFormValues } from "./webhook-rules";

const created: WebhookCreated = {
  id: "5b0c0c2e-7d0f-4a4e-9a55-3d1f6f1f2a10",
  url: "https://sikd.jabarprov.go.id/hooks/kerjasama",
  event_types: ["agreement.*"],
  description: "",
  is_active: true,
  disabled_at: null,
  disabled_reason: null,
  consecutive_failures: 0,
  owner: { user_id: "00000000-0000-4000-8000-000000000001", name: "Admin", role: "admin", service_account_id: null },
  created_at: "2026-12-05T01:00:00Z",
  updated_at: "2026-12-05T01:00:00Z",
  version: 1,
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
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

describe("WebhookForm", () => {
  it("checks the URL and the event types before sending", async () => {
    const bodies = stubFetch(() => jsonResponse(created, 201));
    const user = userEvent.setup();
    renderWithProviders(<WebhookForm mode="create" initial={emptyWebhookValues()} onCreated={() => undefined} onCancel={() => undefined} />);
    await user.click(screen.getByRole("checkbox", { name: "Kerja sama: semua" })); // untick the default
    await user.click(screen.getByRole("button", { name: "Buat langganan" }));
    expect(await screen.findByText("Wajib diisi")).toBeInTheDocument();
    expect(screen.getByText("Pilih sekurang-kurangnya satu jenis peristiwa")).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: /URL penerima/ }), "ftp://example.org/x");
    expect(await screen.findByText(/harus diawali http/)).toBeInTheDocument();
    expect(bodies).toEqual([]);
  });

  it("names the URL field when the server refuses a private address", async () => {
    stubFetch(() =>
      jsonResponse(
        {
          type: "about:blank",
          title: "Invalid input",
          status: 422,
          code: "url_not_allowed",
          detail: "Webhooks may not reach this address: localhost resolves to 127.0.0.1",
          errors: [{ loc: ["body", "url"], msg: "localhost resolves to 127.0.0.1", code: "url_not_allowed" }],
        },
        422,
      ),
    );
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<WebhookForm mode="create" initial={emptyWebhookValues()} onCreated={onCreated} onCancel={() => undefined} />);
    const url = screen.getByRole("textbox", { name: /URL penerima/ });
    await user.type(url, "http://localhost:8080/hook");
    await user.click(screen.getByRole("button", { name: "Buat langganan" }));
    expect(await screen.findByText(/tidak boleh dituju webhook/)).toBeInTheDocument();
    expect(url).toHaveAttribute("aria-invalid", "true");
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("sends what was chosen and hands over the created subscription", async () => {
    const bodies = stubFetch(() => jsonResponse(created, 201));
    const onCreated = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<WebhookForm mode="create" initial={emptyWebhookValues()} onCreated={onCreated} onCancel={() => undefined} />);
    await user.type(screen.getByRole("textbox", { name: /URL penerima/ }), "  https://sikd.jabarprov.go.id/hooks/kerjasama ");
    await user.click(screen.getByRole("checkbox", { name: "Laporan monev: dibuat/diubah" }));
    await user.type(screen.getByRole("textbox", { name: "Keterangan" }), "Biro Otonomi Daerah");
    await user.click(screen.getByRole("button", { name: "Buat langganan" }));
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(bodies).toEqual([
      {
        url: "https://sikd.jabarprov.go.id/hooks/kerjasama",
        event_types: ["agreement.*", "monitoring_report.upsert"],
        description: "Biro Otonomi Daerah",
        is_active: true,
      },
    ]);
  });

  it("shows the secret once with a copy button", () => {
    renderWithProviders(<SecretOnce created={created} />);
    expect(screen.getByRole("textbox", { name: "Rahasia (whsec_…)" })).toHaveValue(created.secret);
    expect(screen.getByText(/hanya ditampilkan sekali/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Salin" })).toBeInTheDocument();
  });
});

describe("webhook rules", () => {
  const base: WebhookFormValues = { url: "https://a.example/x", event_types: ["*"], description: "", is_active: true };

  it("validates", () => {
    expect(validateWebhook(base)).toEqual({});
    expect(validateWebhook({ ...base, url: "https://" })).toEqual({ url: "webhooks.form.urlScheme" });
  });

  it("patches only what changed", () => {
    expect(updatePayload(base, { ...base })).toEqual({});
    expect(updatePayload(base, { ...base, is_active: false, event_types: ["*"] })).toEqual({ is_active: false });
    expect(updatePayload({ ...base, event_types: ["agreement.*", "partner.*"] }, { ...base, event_types: ["partner.*", "agreement.*"] })).toEqual({});
  });
});

describe("navigation", () => {
  it("shows Webhooks to holders of webhooks:manage only", () => {
    expect(navFor(testMe(["webhooks:manage"]))).toContain("webhooks");
    expect(navFor(testMe(["reminders:manage"]))).not.toContain("webhooks");
  });
});
