import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse, renderWithProviders } from "../../test/render";
import { ReminderRulesPage } from "./reminder-rules-page";

const rule = (kind: string, offsets_days: number[], version = 1) => ({ kind, offsets_days, enabled: true, email: true, version });
const RULES = [
  rule("agreement_expiry", [180, 90, 30], 3),
  rule("dprd_deadline", [5]),
  rule("obligation_due", [14, 3]),
  rule("obligation_overdue", [1]),
  rule("report_due", [14]),
  rule("report_overdue", [1]),
];
const problem = (status: number, errors: { loc: (string | number)[]; msg: string; code: string }[] = []) => ({
  type: "about:blank",
  title: "x",
  status,
  code: status === 412 ? "precondition_failed" : "validation_error",
  detail: "",
  errors,
});

type Call = { method: string; path: string; ifMatch: string | null; body: string };

/** A fake API: `patch` answers the PATCH; each GET of the rule returns the next of `versions`. */
function fakeApi(patch: (call: Call) => Response, versions: ReturnType<typeof rule>[]) {
  const calls: Call[] = [];
  let gets = 0;
  vi.stubGlobal(
    "fetch",
    vi.fn(async (req: Request) => {
      const path = new URL(req.url).pathname;
      const call = { method: req.method, path, ifMatch: req.headers.get("If-Match"), body: req.method === "PATCH" ? await req.text() : "" };
      calls.push(call);
      if (req.method === "PATCH") return patch(call);
      if (path === "/api/v1/reminder-rules") return jsonResponse(RULES);
      const r = versions[Math.min(gets++, versions.length - 1)]!;
      return jsonResponse(r, 200, { ETag: `"${r.version}"` });
    }),
  );
  return calls;
}

afterEach(() => vi.unstubAllGlobals());

async function openEditor(user: ReturnType<typeof userEvent.setup>) {
  const table = await screen.findByTestId("rule-table");
  await user.click(within(table).getByRole("button", { name: "Ubah aturan Akhir masa berlaku kerja sama" }));
  const dialog = await screen.findByRole("dialog");
  const days = await within(dialog).findByRole("textbox", { name: /Hari sebelum tanggal/ });
  return { dialog, days };
}

describe("ReminderRulesPage", () => {
  it("is read-only without the admin role", async () => {
    fakeApi(() => jsonResponse({}), [RULES[0]!]);
    renderWithProviders(<ReminderRulesPage canEdit={false} />);
    await screen.findByTestId("rule-table");
    expect(screen.getByText("Hanya administrator yang dapat mengubah aturan pengingat.")).toBeInTheDocument();
    expect(screen.queryAllByRole("button", { name: /Ubah aturan/ })).toHaveLength(0);
  });

  it("sends the rule's ETag and shows the server's 422 on the days field", async () => {
    const calls = fakeApi(
      () => jsonResponse(problem(422, [{ loc: ["body", "offsets_days", 0], msg: "Input should be less than or equal to 365", code: "less_than_equal" }]), 422),
      [RULES[0]!],
    );
    const user = userEvent.setup();
    renderWithProviders(<ReminderRulesPage canEdit />);
    const { days } = await openEditor(user);
    expect(days).toHaveValue("180, 90, 30");
    await user.clear(days);
    await user.type(days, "60, 120");
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    await waitFor(() => expect(days).toHaveAttribute("aria-invalid", "true"));
    expect(screen.getByText("Setiap angka harus antara 0 dan 365.")).toBeInTheDocument();
    const patch = calls.find((c) => c.method === "PATCH");
    expect(patch?.ifMatch).toBe('"3"');
    expect(JSON.parse(patch?.body ?? "{}")).toEqual({ offsets_days: [120, 60], enabled: true, email: true });
  });

  it("checks the days before sending", async () => {
    const calls = fakeApi(() => jsonResponse({}), [RULES[0]!]);
    const user = userEvent.setup();
    renderWithProviders(<ReminderRulesPage canEdit />);
    const { days } = await openEditor(user);
    await user.clear(days);
    await user.type(days, "30, 30");
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    expect(await screen.findByText("Setiap angka hari hanya boleh muncul sekali.")).toBeInTheDocument();
    expect(calls.some((c) => c.method === "PATCH")).toBe(false);
  });

  it("on 412 reloads the rule, says so, and saves with the new ETag", async () => {
    let patches = 0;
    const calls = fakeApi(
      () => (patches++ === 0 ? jsonResponse(problem(412), 412) : jsonResponse(rule("agreement_expiry", [21, 3], 5), 200, { ETag: '"5"' })),
      [RULES[0]!, rule("agreement_expiry", [21, 3], 4)],
    );
    const user = userEvent.setup();
    renderWithProviders(<ReminderRulesPage canEdit />);
    const { days } = await openEditor(user);
    await user.clear(days);
    await user.type(days, "10");
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    expect(await screen.findByText(/baru saja diubah orang lain/)).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole("textbox", { name: /Hari sebelum tanggal/ })).toHaveValue("21, 3"));
    await user.click(screen.getByRole("button", { name: "Simpan" }));
    expect(await screen.findByTestId("rule-saved")).toBeInTheDocument();
    expect(calls.filter((c) => c.method === "PATCH").map((c) => c.ifMatch)).toEqual(['"3"', '"4"']);
  });
});
