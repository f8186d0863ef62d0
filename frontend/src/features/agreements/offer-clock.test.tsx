import { screen } from "@testing-library/react";
import { renderWithProviders } from "../../test/render";
import { OfferClock } from "./offer-clock";

const none = {
  stage: "drafting",
  offer_due_date: null,
  offer_second_request_date: null,
  offer_non_answer_reported_date: null,
  initiated_by_partner: false,
};

describe("offer clock (Permendagri 22/2020 Pasal 8(3)-(5))", () => {
  it("is not shown outside the offer stage when no offer date is set", () => {
    renderWithProviders(<OfferClock agreement={none} />);
    expect(screen.queryByTestId("offer-clock")).not.toBeInTheDocument();
  });

  it("shows the due date and that no second request or report was made", () => {
    renderWithProviders(<OfferClock agreement={{ ...none, stage: "offer", offer_due_date: "2026-04-14" }} today="2026-04-01" />);
    expect(screen.getByTestId("offer-due-date")).toHaveTextContent("14 April 2026");
    expect(screen.getByTestId("offer-second-request")).toHaveTextContent("Belum");
    expect(screen.getByTestId("offer-non-answer")).toHaveTextContent("Belum");
    expect(screen.queryByTestId("offer-overdue")).not.toBeInTheDocument();
  });

  it("marks an unanswered offer past its due date, with the second request and the report dates", () => {
    const a = {
      ...none,
      stage: "offer",
      offer_due_date: "2026-05-06",
      offer_second_request_date: "2026-04-15",
      offer_non_answer_reported_date: "2026-05-08",
    };
    renderWithProviders(<OfferClock agreement={a} today="2026-05-08" />);
    expect(screen.getByTestId("offer-overdue")).toHaveTextContent("Lewat batas jawaban");
    expect(screen.getByTestId("offer-second-request")).toHaveTextContent("15 April 2026");
    expect(screen.getByTestId("offer-non-answer")).toHaveTextContent("8 Mei 2026");
  });

  it("says when the partner made the offer", () => {
    renderWithProviders(<OfferClock agreement={{ ...none, stage: "approved_for_offer", initiated_by_partner: true }} />);
    expect(screen.getByText(/Penawaran datang dari mitra/)).toBeInTheDocument();
  });
});
