import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse, renderWithProviders } from "../../test/render";
import { PartnerForm } from "./partner-form";
import { emptyPartnerValues } from "./partner-rules";

const saved = {
  id: "9d6f6d8e-0000-4000-8000-000000000001",
  type: "CENTRAL_GOVERNMENT",
  name: "Kejaksaan Negeri Cimahi",
  region_code: null,
  third_party_kind: null,
  business_form: null,
  nib: null,
  npwp: null,
  country_code: null,
  is_bankrupt: false,
  address: "",
  notes: "",
  contacts: [],
  version: 1,
  created_at: "2026-01-01T00:00:00Z",
  updated_at: "2026-01-01T00:00:00Z",
};

afterEach(() => vi.unstubAllGlobals());

describe("PartnerForm", () => {
  it("validates as you type per partner type", async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <PartnerForm mode="create" initial={emptyPartnerValues("THIRD_PARTY")} onSaved={() => undefined} onCancel={() => undefined} />,
    );
    await user.type(screen.getByRole("textbox", { name: /^NIB/ }), "123");
    expect(await screen.findByText("NIB terdiri dari 13 digit.")).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: /^NIB/ }), "4567890123");
    await waitFor(() => expect(screen.queryByText("NIB terdiri dari 13 digit.")).not.toBeInTheDocument());
  });

  it("asks for the legal form only once it was touched or on submit, not when the kind is chosen", async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <PartnerForm mode="create" initial={emptyPartnerValues("THIRD_PARTY")} onSaved={() => undefined} onCancel={() => undefined} />,
    );
    await user.click(screen.getAllByLabelText(/Jenis pihak ketiga/)[0]);
    await user.click(await screen.findByRole("option", { name: "Badan usaha berbadan hukum", hidden: true }));
    expect((await screen.findAllByLabelText(/Bentuk badan/)).length).toBeGreaterThan(0);
    expect(screen.queryByText("Pilih bentuk badan.")).not.toBeInTheDocument();
    await user.click(screen.getByTestId("partner-save"));
    expect(await screen.findByText("Pilih bentuk badan.")).toBeInTheDocument();
  }, 30_000);

  it("shows the API's duplicate warning and can create anyway", async () => {
    const calls: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (req: Request) => {
        calls.push(req.url);
        if (!req.url.includes("force=true")) {
          return jsonResponse(
            {
              type: "about:blank",
              title: "Conflict",
              status: 409,
              code: "partner_duplicate",
              detail: "This looks like an existing partner",
              existing_id: "e1",
              duplicates: [{ id: "e1", name: "Kejaksaan Negeri Kota Cimahi", matched_on: "name" }],
            },
            409,
          );
        }
        return jsonResponse(saved, 201);
      }),
    );
    const onSaved = vi.fn();
    const onUseExisting = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(
      <PartnerForm
        mode="create"
        initial={{ ...emptyPartnerValues("CENTRAL_GOVERNMENT"), name: "Kejaksaan Negeri Cimahi" }}
        onSaved={onSaved}
        onUseExisting={onUseExisting}
        onCancel={() => undefined}
      />,
    );
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    expect(await screen.findByText("Mitra serupa sudah ada")).toBeInTheDocument();
    expect(screen.getByText("Kejaksaan Negeri Kota Cimahi")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Tetap buat mitra baru" }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledWith(expect.objectContaining({ name: "Kejaksaan Negeri Cimahi" })));
    expect(calls).toHaveLength(2);
    expect(calls[1]).toContain("force=true");
  });

  it("shows a server field error next to its field", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        jsonResponse(
          {
            type: "about:blank",
            title: "Unprocessable",
            status: 422,
            code: "validation_failed",
            detail: "",
            errors: [{ loc: ["body", "address"], msg: "too long", code: "string_too_long" }],
          },
          422,
        ),
      ),
    );
    const user = userEvent.setup();
    renderWithProviders(
      <PartnerForm
        mode="create"
        initial={{ ...emptyPartnerValues("CENTRAL_GOVERNMENT"), name: "Kejaksaan Negeri Cimahi" }}
        onSaved={() => undefined}
        onCancel={() => undefined}
      />,
    );
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    const address = screen.getByRole("textbox", { name: "Alamat" });
    await waitFor(() => expect(address).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("Terlalu panjang")).toBeInTheDocument();
  });
});
