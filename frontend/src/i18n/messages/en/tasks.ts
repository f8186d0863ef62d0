import type { Messages } from "../../id";

const messages: Messages["tasks"] = {
  title: "My tasks",
  greeting: "Welcome, {{name}}. The work waiting for your role, most urgent first.",
  dashboardLink: "See the statistics on the dashboard",
  summary: "{{count}} task(s) as of {{date}}; {{overdue}} overdue.",
  emptyTitle: "No tasks",
  emptyHint: "Nothing is waiting for you now. The statistics are on the dashboard.",
  open: "Open",
  overdue: "Overdue",
  requested: "Requested by the operator",
  requestedBy: "Requested by {{name}}, {{date}}",
  due: "Due {{date}}",
  noDue: "No deadline",
  basis: "Basis: {{basis}}",
  kinds: {
    draft_to_complete: "Complete the draft",
    draft_to_submit: "Submit the draft",
    submission_to_review: "Review the submission",
    telaahan_to_give: "Give the telaahan",
    offer_awaiting_answer: "Answer to the offer",
    dprd_deadline: "DPRD decision",
    report_to_fill: "Fill in the monitoring report",
    report_to_sign_off: "Submit the monitoring report",
    report_to_verify: "Verify the monitoring report",
    report_to_review: "Review the monitoring report",
    report_to_finalise: "Finalise the monitoring report",
    obligation_due: "Obligation falling due",
    periodic_report_due: "Cooperation implementation report",
  },
  period: {
    semester: "Semester {{n}} {{year}}",
    year: "Year {{year}}",
    annual: "Annual report {{year}}",
  },
  askHead: {
    button: "Ask the OPD head to submit",
    title: "Ask the OPD head to submit the draft",
    body: "Your OPD head receives a notification, and this draft shows first in their My tasks. You can still edit the draft until it is submitted.",
    message: "Message to the OPD head (optional)",
    send: "Send the request",
    cancel: "Cancel",
    sent: "Request sent to {{names}}.",
  },
};

export default messages;
