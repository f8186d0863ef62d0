import { screen } from "@testing-library/react";
import { jsonResponse, renderWithProviders } from "../../test/render";
import { DprdApprovalsPanel, TkksdReviewsPanel } from "./approvals";

const pending = {
  id: "d1",
  agreement_id: "a1",
  request_date: "2026-01-05",
  received_date: "2026-01-06",
  deadline_date: "2026-02-20",
  decision: "pending",
  decision_date: null,
  decree_number: null,
  deemed_approved: false,
  version: 1,
};

afterEach(() => vi.unstubAllGlobals());

function serve() {
  vi.stubGlobal(
    "fetch",
    vi.fn(async (req: Request) => jsonResponse(new URL(req.url).pathname.endsWith("/dprd-approvals") ? [pending] : [])),
  );
}

describe("approvals panels follow the caller's capabilities", () => {
  it("offers to record a TKKSD appraisal only with procedure:record_tkksd_review", async () => {
    serve();
    const { unmount } = renderWithProviders(<TkksdReviewsPanel id="a1" canRecord />);
    expect(await screen.findByTestId("tkksd-add")).toBeInTheDocument();
    unmount();
    renderWithProviders(<TkksdReviewsPanel id="a1" canRecord={false} />);
    expect(await screen.findByText("Belum ada telaahan TKKSD yang dicatat.")).toBeInTheDocument();
    expect(screen.queryByTestId("tkksd-add")).not.toBeInTheDocument();
  });

  it("offers to request DPRD approval and record its decision only with procedure:record_dprd_approval", async () => {
    serve();
    const { unmount } = renderWithProviders(<DprdApprovalsPanel id="a1" canRecord required />);
    expect(await screen.findByTestId("dprd-add")).toBeInTheDocument();
    expect(await screen.findByRole("button", { name: "Catat keputusan" })).toBeInTheDocument();
    unmount();
    renderWithProviders(<DprdApprovalsPanel id="a1" canRecord={false} required />);
    expect(await screen.findByText("20 Februari 2026")).toBeInTheDocument();
    expect(screen.queryByTestId("dprd-add")).not.toBeInTheDocument();
    expect(screen.queryByRole("button", { name: "Catat keputusan" })).not.toBeInTheDocument();
  });
});
