import type { Me } from "../api/client";

export type Role = "admin" | "secretariat" | "tkksd" | "opd_head" | "opd_operator" | "viewer";

const AGREEMENT_WRITERS: readonly string[] = ["admin", "secretariat", "tkksd", "opd_head", "opd_operator"];
const PARTNER_WRITERS: readonly string[] = ["admin", "secretariat", "tkksd", "opd_head", "opd_operator"];

/** Role-gated UI is convenience only: the API enforces (DESIGN.md §4). */
export const can = {
  writeAgreements: (me: Me | null): boolean => !!me && AGREEMENT_WRITERS.includes(me.role),
  writePartners: (me: Me | null): boolean => !!me && PARTNER_WRITERS.includes(me.role),
};

export type NavKey = "dashboard" | "agreements" | "partners";

/** Left navigation by role: every role reads the dashboard, agreements and partners. */
export function navFor(me: Me | null): NavKey[] {
  if (!me) return [];
  return ["dashboard", "agreements", "partners"];
}
