import type { Messages } from "../../id";

const messages: Messages["reminderKinds"] = {
  agreement_expiry: "Agreement expiry",
  obligation_due: "Obligation due",
  obligation_overdue: "Obligation overdue",
  report_due: "M&E report due",
  report_overdue: "M&E report overdue",
  dprd_deadline: "DPRD approval deadline",
  periodic_report_due: "Implementation report due",
  offer_answer_due: "Offer answer due",
  webhook_disabled: "Webhook disabled",
  submission_request: "Request to submit a draft",
};

export default messages;
