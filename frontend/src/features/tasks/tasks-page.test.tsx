import { MantineProvider } from "@mantine/core";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createMemoryHistory, createRootRoute, createRouter, RouterProvider } from "@tanstack/react-router";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { jsonResponse } from "../../test/render";
import { theme } from "../../theme";
import { TasksPage } from "./tasks-page";

afterEach(() => vi.unstubAllGlobals());
beforeAll(() => {
  window.scrollTo = (() => undefined) as typeof window.scrollTo;
});

const task = (extra: Record<string, unknown>) => ({
  kind: "draft_to_submit",
  record_type: "agreement",
  record_id: "a1",
  agreement_id: "a1",
  number: "DRAFT/DLH/2026/001",
  title: "Pengelolaan sampah",
  detail: null,
  stage: "draft",
  period: null,
  due_date: null,
  overdue: false,
  basis: "PP 28/2018 Pasal 6 ayat (1) huruf a",
  href: "/agreements/a1",
  action: "submit",
  submission_request: null,
  ...extra,
});

function renderPage(body: unknown) {
  vi.stubGlobal("fetch", vi.fn(async () => jsonResponse(body)));
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const rootRoute = createRootRoute({ component: () => <TasksPage userName="Kepala DLH" /> });
  const router = createRouter({ routeTree: rootRoute, history: createMemoryHistory({ initialEntries: ["/tasks"] }) });
  render(
    <MantineProvider theme={theme} env="test">
      <QueryClientProvider client={client}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>,
  );
  return router;
}

describe("TasksPage", () => {
  it("lists each task with its kind, due date in Indonesian, Pasal and link, and follows the link", async () => {
    const router = renderPage({
      as_of: "2026-07-01",
      total: 2,
      items: [
        task({ submission_request: { requested_by: "Operator DLH", requested_at: "2026-06-30T03:00:00Z" } }),
        task({
          kind: "report_to_fill",
          record_type: "monitoring_report",
          record_id: "r1",
          stage: null,
          period: "2026-S1",
          due_date: "2026-07-15",
          overdue: true,
          basis: "Permendagri 22/2020 Pasal 17 dan 39",
          href: "/monitoring-reports/r1",
          action: "fill",
        }),
      ],
    });
    const items = await screen.findAllByTestId("task-item");
    expect(items).toHaveLength(2);
    expect(within(items[0]!).getByText("Ajukan draf")).toBeInTheDocument();
    expect(within(items[0]!).getByTestId("task-requested")).toHaveTextContent("Diminta operator");
    expect(within(items[0]!).getByText(/Diminta oleh Operator DLH/)).toBeInTheDocument();
    expect(within(items[1]!).getByTestId("task-due")).toHaveTextContent("Jatuh tempo 15 Juli 2026");
    expect(within(items[1]!).getByText("Terlambat")).toBeInTheDocument();
    expect(within(items[1]!).getByText(/Semester I 2026/)).toBeInTheDocument();
    expect(within(items[1]!).getByText("Dasar: Permendagri 22/2020 Pasal 17 dan 39")).toBeInTheDocument();
    expect(screen.getByTestId("tasks-summary")).toHaveTextContent("2 tugas per 1 Juli 2026; 1 terlambat.");
    await userEvent.setup().click(within(items[1]!).getByTestId("task-open"));
    expect(router.state.location.pathname).toBe("/monitoring-reports/r1");
  });

  it("says so when nothing waits", async () => {
    renderPage({ as_of: "2026-07-01", total: 0, items: [] });
    expect(await screen.findByText("Tidak ada tugas")).toBeInTheDocument();
    expect(screen.queryByTestId("task-item")).not.toBeInTheDocument();
  });
});
