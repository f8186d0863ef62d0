import { screen } from "@testing-library/react";
import i18n from "../i18n";
import { renderWithProviders } from "../test/render";
import { AgreementBadges, StatusBadge } from "./agreement-badges";

const base = {
  status: "in_force" as const,
  not_yet_in_force: false,
  start_date: "2026-01-01",
  expiring: false,
  expired: false,
  is_demo: false,
  is_legacy_import: false,
};

describe("status badge", () => {
  it("shows 'Berlaku' for a text in force", () => {
    renderWithProviders(<AgreementBadges agreement={base} />);
    expect(screen.getByText("Berlaku")).toBeInTheDocument();
    expect(screen.queryByTestId("not-yet-in-force")).not.toBeInTheDocument();
  });

  it("shows 'Belum berlaku' instead of 'Berlaku' for a signed text whose start date is ahead", () => {
    renderWithProviders(<AgreementBadges agreement={{ ...base, not_yet_in_force: true, start_date: "2027-01-01" }} />);
    const badge = screen.getByTestId("not-yet-in-force");
    expect(badge).toHaveTextContent("Belum berlaku");
    expect(badge).toHaveAttribute("title", "Sudah ditandatangani; mulai berlaku 1 Januari 2027");
    expect(screen.queryByText("Berlaku")).not.toBeInTheDocument();
  });

  it("says 'Not yet in force' in English", async () => {
    await i18n.changeLanguage("en");
    try {
      const { unmount } = renderWithProviders(<StatusBadge status="in_force" notYetInForce startDate={null} />);
      expect(screen.getByTestId("not-yet-in-force")).toHaveTextContent("Not yet in force");
      unmount();
    } finally {
      await i18n.changeLanguage("id");
    }
  });
});
