import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse, renderWithProviders } from "../../test/render";
import { HolidaysPage } from "./holidays-page";

afterEach(() => vi.unstubAllGlobals());

const DAYS = [
  { day: "2026-03-21", name: "Hari Raya Idul Fitri", kind: "national", source: "national_calendar" },
  { day: "2026-03-23", name: "Cuti Bersama Hari Raya Idul Fitri", kind: "cuti_bersama", source: "national_calendar" },
  { day: "2026-06-18", name: "Hari Jadi Kota Cimahi", kind: "regional", source: "local" },
];

function fakeApi() {
  const calls: { method: string; url: string; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (req: Request) => {
      const body = req.method === "POST" ? await req.json() : null;
      calls.push({ method: req.method, url: req.url, body });
      if (req.method === "POST") return jsonResponse({ ...(body as object), source: "local" }, 201);
      if (req.method === "DELETE") return new Response(null, { status: 204 });
      return jsonResponse(DAYS);
    }),
  );
  return calls;
}

describe("HolidaysPage", () => {
  it("shows each day's kind and source: national, cuti bersama of the SKB, the admin's regional day", async () => {
    fakeApi();
    renderWithProviders(<HolidaysPage canManage={false} />);
    const row = await screen.findByTestId("holiday-2026-03-23");
    expect(within(row).getByText("Cuti bersama")).toBeInTheDocument();
    expect(within(row).getByText(/Kalender nasional/)).toBeInTheDocument();
    const regional = screen.getByTestId("holiday-2026-06-18");
    expect(within(regional).getByText("Hari libur daerah")).toBeInTheDocument();
    expect(within(regional).getByText(/Ditambahkan administrator/)).toBeInTheDocument();
    expect(within(screen.getByTestId("holiday-2026-03-21")).getByText("Libur nasional")).toBeInTheDocument();
    expect(screen.queryByTestId("holiday-form")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: /Hapus/ })).not.toBeInTheDocument();
  });

  it("lets the admin add a regional day and remove only the days the admin added", async () => {
    const calls = fakeApi();
    const user = userEvent.setup();
    renderWithProviders(<HolidaysPage canManage />);
    await screen.findByTestId("holiday-2026-06-18");
    expect(screen.getAllByRole("button", { name: /Hapus/ })).toHaveLength(1);
    await user.click(screen.getByRole("button", { name: "Hapus Hari Jadi Kota Cimahi" }));
    expect(calls.some((c) => c.method === "DELETE" && c.url.endsWith("/api/v1/holidays/2026-06-18"))).toBe(true);
    const form = screen.getByTestId("holiday-form");
    await user.type(within(form).getByLabelText(/Tanggal/), "2026-09-01");
    await user.type(within(form).getByLabelText(/Nama/), "Libur daerah");
    await user.click(within(form).getByRole("button", { name: "Tambahkan" }));
    expect(await screen.findByText(/Libur daerah ditambahkan/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ day: "2026-09-01", name: "Libur daerah", kind: "regional" });
  });
});
