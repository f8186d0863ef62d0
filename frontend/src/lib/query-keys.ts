/**
 * Query-key roots that more than one feature uses. Each feature builds its own keys (in its
 * `api.ts`) on these roots, so that features agree on the cache layout without importing each other.
 *
 * Everything shown on an agreement's page sits under `["agreements", ...]`, including the tabs
 * other features provide (obligations, documents, monitoring reports): a change to an agreement
 * invalidates `AGREEMENTS` and so refreshes those tabs too (a term change regenerates the
 * obligation schedule on the server, a transition may add documents, and so on).
 */
export const AGREEMENTS = ["agreements"] as const;

/** A list or view that belongs to one agreement (its obligations, documents, reports...). */
export const agreementPart = (part: string, agreementId: string) => [...AGREEMENTS, part, agreementId] as const;

/** The dashboard's counters: any feature whose writes move them invalidates this root. */
export const DASHBOARD = ["dashboard"] as const;

/** Partner lists (the register, its pickers); agreements refer to partners by id. */
export const PARTNERS = ["partners"] as const;
