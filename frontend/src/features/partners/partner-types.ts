/*
 * The partner kinds, apart from partner-rules.ts: the route tree checks the list's URL filter with
 * them (partner-search.ts), and the route tree is in every first load (scripts/bundle-budget.mjs).
 */
export const PARTNER_TYPES = ["REGION", "THIRD_PARTY", "FOREIGN_GOVERNMENT", "FOREIGN_INSTITUTION", "CENTRAL_GOVERNMENT"] as const;
export type PartnerType = (typeof PARTNER_TYPES)[number];
