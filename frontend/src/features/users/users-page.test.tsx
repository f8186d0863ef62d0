import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse, renderWithProviders } from "../../test/render";
import { UsersPage } from "./users-page";

afterEach(() => vi.unstubAllGlobals());

const OPDS = [{ id: "o-dlh", code: "DLH", name: "Dinas Lingkungan Hidup", abbreviation: "DLH", is_active: true, version: 1, updated_at: "2026-01-01T00:00:00Z" }];
const ADMIN = {
  id: "u-admin",
  username: "admin",
  full_name: "Administrator Sistem",
  email: null,
  role: "admin",
  opd_id: null,
  is_active: true,
  last_login_at: null,
  version: 3,
};

type Call = { method: string; url: string; body: unknown; ifMatch: string | null };

function fakeApi(answer: (c: Call) => Response | undefined) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (req: Request) => {
      const body = req.method === "GET" ? null : await req.json();
      const call = { method: req.method, url: req.url, body, ifMatch: req.headers.get("If-Match") };
      calls.push(call);
      const custom = answer(call);
      if (custom) return custom;
      if (req.url.includes("/api/v1/opds")) return jsonResponse(OPDS);
      return jsonResponse([ADMIN]);
    }),
  );
  return calls;
}

const problem = (status: number, code: string, errors: { loc: string[]; msg: string; code: string }[]) =>
  new Response(JSON.stringify({ type: "about:blank", title: "x", status, detail: "refused", code, errors }), {
    status,
    headers: { "Content-Type": "application/problem+json" },
  });

describe("UsersPage", () => {
  it("shows the server's refusal on the field it names, in the UI language", async () => {
    const calls = fakeApi((c) =>
      c.method === "POST" ? problem(422, "validation_error", [{ loc: ["body", "opd_id"], msg: "required for role opd_head", code: "opd_required" }]) : undefined,
    );
    const user = userEvent.setup();
    renderWithProviders(<UsersPage />);
    await screen.findByText("Administrator Sistem");
    await user.click(screen.getByTestId("user-new"));
    const form = screen.getByTestId("user-form");
    await user.click(within(form).getByRole("button", { name: "Buat pengguna" }));
    // nothing sent while the browser's own checks fail, and they show only now (on submit)
    expect(calls.filter((c) => c.method === "POST")).toHaveLength(0);
    expect(within(form).getByText(/Kata sandi minimal 10 karakter/)).toBeInTheDocument();
    await user.type(within(form).getByLabelText(/Nama pengguna/), "operator.baru");
    await user.type(within(form).getByLabelText(/Kata sandi awal/), "rahasia-panjang-1");
    await user.click(within(form).getByLabelText(/Peran/));
    // the form's list opened last (the role filter above the list has one too)
    const options = await screen.findAllByRole("option", { name: "Operator OPD", hidden: true });
    await user.click(options[options.length - 1]);
    await user.click(within(form).getByRole("button", { name: "Buat pengguna" }));
    expect(await within(form).findByText("Wajib untuk Kepala OPD dan Operator OPD")).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toMatchObject({ username: "operator.baru", role: "opd_operator", opd_id: null });
  }, 30_000);

  it("disables with If-Match after a confirmation, and says why the last admin cannot be disabled", async () => {
    const calls = fakeApi((c) =>
      c.method === "PATCH"
        ? problem(409, "last_admin", [{ loc: ["body", "is_active"], msg: "the last active admin must stay an active admin", code: "last_admin" }])
        : undefined,
    );
    const user = userEvent.setup();
    renderWithProviders(<UsersPage />);
    await screen.findByText("Administrator Sistem");
    await user.click(screen.getByRole("button", { name: "Nonaktifkan: admin" }));
    expect(calls.filter((c) => c.method === "PATCH")).toHaveLength(0);
    await user.click(await screen.findByTestId("user-disable-confirm"));
    expect(await screen.findByTestId("user-notice")).toHaveTextContent("administrator aktif terakhir");
    const patch = calls.find((c) => c.method === "PATCH");
    expect(patch?.body).toEqual({ is_active: false });
    expect(patch?.ifMatch).toBe('"3"');
  });
});
