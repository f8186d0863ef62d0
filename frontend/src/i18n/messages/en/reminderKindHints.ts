import type { Messages } from "../../id";

const messages: Messages["reminderKindHints"] = {
  agreement_expiry: "An agreement in force is nearing its end date.",
  obligation_due: "A scheduled obligation not yet fulfilled is nearing its due date.",
  obligation_overdue: "An obligation is past its due date and still not fulfilled.",
  report_due: "A monitoring & evaluation report not yet submitted is nearing its deadline.",
  report_overdue: "A monitoring & evaluation report was not submitted by its deadline.",
  dprd_deadline: "A request for DPRD approval still unanswered is nearing its deadline.",
  periodic_report_due: "The semester or annual Regional Cooperation Implementation Report, not yet finalized, is nearing its due date.",
  offer_answer_due: "The partner's answer to the offer letter or the second request is nearing its deadline (30 and 15 working days; Permendagri 22/2020 Pasal 8).",
};

export default messages;
