import type { Me } from "../api/client";

/**
 * What the signed-in principal may do, as the API says in `GET /api/v1/auth/me` → `capabilities`.
 * The server's policy modules decide; the SPA only shows or hides menus and buttons from this
 * list, so a new role changes nothing here. Hiding is a convenience: the API enforces every rule.
 */
export const CAPABILITIES = [
  "agreements:write",
  "agreements:import_legacy",
  /** Put texts on the public register (the `public` flag), also signed ones. */
  "agreements:publish",
  "partners:write",
  "partners:manage",
  "obligations:write",
  "documents:upload",
  /** Mark documents for download from the public register. */
  "documents:publish",
  "monitoring:edit",
  "monitoring:settings",
  /** Record the TKKSD's appraisals (kajian) of an agreement. */
  "procedure:record_tkksd_review",
  /** Record requests for DPRD approval and the DPRD's decisions. */
  "procedure:record_dprd_approval",
  /** Read the reminder rules and the e-mail delivery log. */
  "reminders:oversee",
  /** Edit the reminder rules, retry a failed delivery. */
  "reminders:manage",
  "users:manage",
  "opds:manage",
  "holidays:manage",
  "audit:read",
  "changes:read",
  "reports:read",
  "reports:finalize",
  "service_accounts:manage",
  "webhooks:manage",
  /** Import existing agreements from the XLSX template (administrator). */
  "imports:agreements",
  /** Has a task queue (GET /me/tasks): "Tugas saya" is the first page after sign-in. */
  "tasks:queue",
  /** Ask the OPD head to submit a draft (an OPD operator). */
  "tasks:request_submission",
] as const;

export type Capability = (typeof CAPABILITIES)[number];

/** The caller's capabilities (`Me.capabilities`, sorted by the server); none without a user. */
export function capabilitiesOf(me: Me | null | undefined): readonly string[] {
  return me?.capabilities ?? [];
}

/** Whether the signed-in principal holds `capability`. */
export function has(me: Me | null | undefined, capability: Capability): boolean {
  return capabilitiesOf(me).includes(capability);
}

export type NavKey =
  | "tasks"
  | "dashboard"
  | "agreements"
  | "obligations"
  | "monitoring"
  | "partners"
  | "notifications"
  | "reminderRules"
  | "reminderDeliveries"
  | "periodicReports"
  | "webhooks"
  | "serviceAccounts"
  | "imports"
  | "users"
  | "opds"
  | "holidays";

/**
 * The left navigation in order; an entry with `needs` shows only to holders of that capability. The
 * `admin` group is shown together under one heading ("Administrasi"), after the registers.
 */
const NAV: readonly { key: NavKey; needs?: Capability; group?: "admin" }[] = [
  { key: "tasks", needs: "tasks:queue" },
  { key: "dashboard" },
  { key: "agreements" },
  { key: "obligations" },
  { key: "monitoring" },
  { key: "partners" },
  { key: "notifications" },
  { key: "periodicReports", needs: "reports:read" },
  { key: "users", needs: "users:manage", group: "admin" },
  { key: "opds", needs: "opds:manage", group: "admin" },
  { key: "holidays", needs: "holidays:manage", group: "admin" },
  { key: "reminderRules", needs: "reminders:oversee", group: "admin" },
  { key: "reminderDeliveries", needs: "reminders:oversee", group: "admin" },
  { key: "serviceAccounts", needs: "service_accounts:manage", group: "admin" },
  { key: "webhooks", needs: "webhooks:manage", group: "admin" },
  { key: "imports", needs: "imports:agreements", group: "admin" },
];

/** The navigation entries the signed-in principal sees: the registers for everyone, the rest by capability. */
export function navFor(me: Me | null | undefined): NavKey[] {
  if (!me) return [];
  return NAV.filter((n) => !n.needs || has(me, n.needs)).map((n) => n.key);
}

/** Whether an entry belongs to the administration group. */
export function isAdminNav(key: NavKey): boolean {
  return NAV.some((n) => n.key === key && n.group === "admin");
}
