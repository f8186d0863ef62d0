import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse, renderWithProviders } from "../../test/render";
import { CalendarFeedPage } from "./calendar-feed-page";

type Call = { method: string; ifMatch: string | null };
afterEach(() => vi.unstubAllGlobals());

function fakeApi(handlers: { get: () => Response; post?: () => Response; del?: (c: Call) => Response }) {
  const calls: Call[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (req: Request) => {
      const call = { method: req.method, ifMatch: req.headers.get("If-Match") };
      calls.push(call);
      if (req.method === "POST") return handlers.post?.() ?? jsonResponse({}, 500);
      if (req.method === "DELETE") return handlers.del?.(call) ?? new Response(null, { status: 204 });
      return handlers.get();
    }),
  );
  return calls;
}

const URL_ = "http://127.0.0.1:8000/api/v1/calendar/secret-token.ics";

describe("CalendarFeedPage", () => {
  it("creates a URL and shows it once, with the warnings", async () => {
    fakeApi({
      get: () => jsonResponse({ active: false, created_at: null }, 200, { ETag: '"0"' }),
      post: () => jsonResponse({ url: URL_, created_at: "2026-12-02T01:00:00Z" }, 201, { ETag: '"1"' }),
    });
    const user = userEvent.setup();
    renderWithProviders(<CalendarFeedPage />);
    await user.click(await screen.findByRole("button", { name: "Buat URL kalender" }));
    expect(await screen.findByRole("textbox", { name: "URL kalender (ICS)" })).toHaveValue(URL_);
    expect(screen.getByText(/hanya ditampilkan sekali/)).toBeInTheDocument();
    expect(screen.getByText(/Siapa pun yang memiliki URL ini/)).toBeInTheDocument();
    expect(screen.getByText("Aktif")).toBeInTheDocument();
  });

  it("revokes with the ETag of the status; a 412 reloads and explains", async () => {
    let version = 2;
    const calls = fakeApi({
      get: () => jsonResponse({ active: true, created_at: "2026-12-02T01:00:00Z" }, 200, { ETag: `"${version}"` }),
      del: () => {
        version = 3;
        return jsonResponse({ type: "about:blank", title: "Precondition Failed", status: 412, code: "precondition_failed", detail: "" }, 412);
      },
    });
    const user = userEvent.setup();
    renderWithProviders(<CalendarFeedPage />);
    await user.click(await screen.findByRole("button", { name: "Cabut URL" }));
    await user.click(await screen.findByRole("button", { name: "Ya, cabut" }));
    expect(await screen.findByText(/diubah di jendela atau perangkat lain/)).toBeInTheDocument();
    expect(calls.find((c) => c.method === "DELETE")?.ifMatch).toBe('"2"');
    await waitFor(() => expect(calls.filter((c) => c.method === "GET").length).toBeGreaterThanOrEqual(2));
  });

  it("asks before rotating an active URL", async () => {
    const calls = fakeApi({
      get: () => jsonResponse({ active: true, created_at: "2026-12-02T01:00:00Z" }, 200, { ETag: '"1"' }),
      post: () => jsonResponse({ url: URL_, created_at: "2026-12-02T02:00:00Z" }, 201, { ETag: '"2"' }),
    });
    const user = userEvent.setup();
    renderWithProviders(<CalendarFeedPage />);
    await user.click(await screen.findByRole("button", { name: "Buat URL baru" }));
    expect(await screen.findByText(/langsung berhenti bekerja/)).toBeInTheDocument();
    expect(calls.some((c) => c.method === "POST")).toBe(false);
    await user.click(screen.getByRole("button", { name: "Ya, buat URL baru" }));
    expect(await screen.findByRole("textbox", { name: "URL kalender (ICS)" })).toHaveValue(URL_);
  });
});
