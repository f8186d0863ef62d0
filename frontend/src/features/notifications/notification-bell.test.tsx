import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from "@tanstack/react-router";
import { render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse } from "../../test/render";
import { theme } from "../../theme";
import { NotificationBell } from "./notification-bell";

const n = (id: string, read_at: string | null = null) => ({
  id,
  kind: "agreement_expiry",
  title: `Pengingat ${id}`,
  body: `Kerja sama ${id} berakhir dalam 30 hari.`,
  link: `/agreements/${id}`,
  created_at: "2026-12-02T00:00:00Z",
  read_at,
});

afterEach(() => vi.unstubAllGlobals());
// The router scrolls on navigation; jsdom has no scrolling.
beforeAll(() => {
  window.scrollTo = (() => undefined) as typeof window.scrollTo;
});

function renderBell() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const rootRoute = createRootRoute({ component: NotificationBell });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: ["/"] }) });
  render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

describe("NotificationBell", () => {
  it("shows the unread count, opens the latest, and a click marks read and follows the link", async () => {
    let unread = 2;
    const posts: string[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (req: Request) => {
        const path = new URL(req.url).pathname;
        if (req.method === "POST") {
          posts.push(path);
          unread = 1;
          return jsonResponse(n("a1", "2026-12-02T01:00:00Z"));
        }
        return jsonResponse({ items: [n("a1", unread === 2 ? null : "2026-12-02T01:00:00Z"), n("b2"), n("c3", "2026-12-01T00:00:00Z")], next_cursor: null, total: 3, unread });
      }),
    );
    const user = userEvent.setup();
    const router = renderBell();
    const bell = await screen.findByRole("button", { name: "Notifikasi, 2 belum dibaca" });
    expect(screen.getByTestId("notification-count")).toHaveTextContent("2");
    await user.click(bell);
    const list = await screen.findByTestId("notification-list");
    const links = within(list).getAllByRole("link");
    expect(links).toHaveLength(3);
    expect(links[0]).toHaveAttribute("href", "/agreements/a1");
    await user.click(links[0]!);
    await waitFor(() => expect(router.state.location.pathname).toBe("/agreements/a1"));
    expect(posts).toEqual(["/api/v1/notifications/a1/read"]);
    await waitFor(() => expect(screen.getByTestId("notification-count")).toHaveTextContent("1"));
    expect(screen.queryByTestId("notification-list")).not.toBeInTheDocument();
  });

  it("has no badge when everything is read, and says so when empty", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => jsonResponse({ items: [], next_cursor: null, total: 0, unread: 0 })));
    const user = userEvent.setup();
    renderBell();
    const bell = await screen.findByRole("button", { name: "Notifikasi" });
    expect(screen.queryByTestId("notification-count")).not.toBeInTheDocument();
    await user.click(bell);
    expect(await screen.findByText("Belum ada notifikasi.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Tandai semua dibaca" })).toBeDisabled();
  });
});
