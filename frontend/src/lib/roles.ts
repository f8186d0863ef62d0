import type { Me } from "../api/client";

export type Role = "admin" | "secretariat" | "tkksd" | "opd_head" | "opd_operator" | "viewer";

const AGREEMENT_WRITERS: readonly string[] = ["admin", "secretariat", "tkksd", "opd_head", "opd_operator"];
const PARTNER_WRITERS: readonly string[] = ["admin", "secretariat", "tkksd", "opd_head", "opd_operator"];
const DOCUMENT_WRITERS: readonly string[] = ["admin", "secretariat", "tkksd", "opd_head", "opd_operator"];
const OBLIGATION_WRITERS: readonly string[] = ["admin", "secretariat", "opd_head", "opd_operator"];
const REPORT_EDITORS: readonly string[] = ["admin", "secretariat", "opd_head", "opd_operator"];
const REMINDER_OVERSEERS: readonly string[] = ["admin", "secretariat"];

/** Role-gated UI is convenience only: the API enforces (DESIGN.md §4). */
export const can = {
  writeAgreements: (me: Me | null): boolean => !!me && AGREEMENT_WRITERS.includes(me.role),
  writePartners: (me: Me | null): boolean => !!me && PARTNER_WRITERS.includes(me.role),
  writeDocuments: (role: string): boolean => DOCUMENT_WRITERS.includes(role),
  writeObligations: (role: string): boolean => OBLIGATION_WRITERS.includes(role),
  editReports: (role: string): boolean => REPORT_EDITORS.includes(role),
  administer: (role: string): boolean => role === "admin",
  /** The reminder rules and the e-mail delivery log: admin edits, the secretariat reads. */
  overseeReminders: (role: string): boolean => REMINDER_OVERSEERS.includes(role),
};

export type NavKey =
  | "dashboard"
  | "agreements"
  | "obligations"
  | "monitoring"
  | "partners"
  | "notifications"
  | "reminderRules"
  | "reminderDeliveries";

/** Left navigation by role: every role reads the registers and its notifications; admin and the
 * secretariat also oversee the reminders. */
export function navFor(me: Me | null): NavKey[] {
  if (!me) return [];
  const keys: NavKey[] = ["dashboard", "agreements", "obligations", "monitoring", "partners", "notifications"];
  if (can.overseeReminders(me.role)) keys.push("reminderRules", "reminderDeliveries");
  return keys;
}
