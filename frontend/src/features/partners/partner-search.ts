import { PARTNER_TYPES, type PartnerType } from "./partner-types";

export type PartnerSearch = { q?: string; type?: PartnerType };

/** Parse the partner list's URL filters; invalid values are dropped. */
export function parsePartnerSearch(raw: Record<string, unknown>): PartnerSearch {
  const out: PartnerSearch = {};
  if (typeof raw.q === "string" && raw.q.trim()) out.q = raw.q.trim().slice(0, 200);
  if (typeof raw.type === "string" && (PARTNER_TYPES as readonly string[]).includes(raw.type)) out.type = raw.type as PartnerType;
  return out;
}
