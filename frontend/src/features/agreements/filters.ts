import type { AgreementListQuery } from "../../api/client";

// The column-header sort cycle is shared by every list; re-exported as part of this module's filter helpers.
export { nextSort, sortDirection } from "../../components/sort-order";

export const CATEGORIES = ["KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"] as const;
export const KINDS = ["KB", "PKS", "NK", "RK", "LOI", "NASKAH_LN", "ADENDUM"] as const;
export const NATURES = ["WAJIB", "SUKARELA"] as const;
export const STATUSES = ["draft", "in_progress", "in_force", "not_yet_in_force", "ended", "cancelled", "rejected"] as const;
export const SORTS = ["number", "-number", "title", "-title", "signed_date", "-signed_date", "end_date", "-end_date"] as const;
export const EXPIRING_CHOICES = [30, 90, 180, 365] as const;

export type Category = (typeof CATEGORIES)[number];
export type Kind = (typeof KINDS)[number];
export type Nature = (typeof NATURES)[number];
export type Status = (typeof STATUSES)[number];
export type Sort = (typeof SORTS)[number];

/** The agreements list's filters as they live in the URL (shareable). */
export type AgreementSearch = {
  q?: string;
  category?: Category;
  kind?: Kind;
  nature?: Nature;
  status?: Status;
  lead_opd_id?: string;
  partner_id?: string;
  affair_code?: string;
  signed_year?: number;
  expiring?: number;
  expired?: boolean;
  sort?: Sort;
};

function oneOf<T extends string>(choices: readonly T[], v: unknown): T | undefined {
  return typeof v === "string" && (choices as readonly string[]).includes(v) ? (v as T) : undefined;
}

function text(v: unknown, max = 200): string | undefined {
  if (typeof v === "number") v = String(v);
  return typeof v === "string" && v.trim() !== "" ? v.trim().slice(0, max) : undefined;
}

function int(v: unknown, min: number, max: number): number | undefined {
  const n = typeof v === "number" ? v : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
function uuid(v: unknown): string | undefined {
  return typeof v === "string" && UUID.test(v) ? v : undefined;
}

/** Parse untrusted URL search params; anything invalid is dropped, never sent to the API. */
export function parseAgreementSearch(raw: Record<string, unknown>): AgreementSearch {
  const out: AgreementSearch = {
    q: text(raw.q),
    category: oneOf(CATEGORIES, raw.category),
    kind: oneOf(KINDS, raw.kind),
    nature: oneOf(NATURES, raw.nature),
    status: oneOf(STATUSES, raw.status),
    lead_opd_id: uuid(raw.lead_opd_id),
    partner_id: uuid(raw.partner_id),
    affair_code: text(raw.affair_code, 20),
    signed_year: int(raw.signed_year, 1945, 2100),
    expiring: int(raw.expiring, 1, 3650),
    expired: raw.expired === true || raw.expired === "true" ? true : undefined,
    sort: oneOf(SORTS, raw.sort),
  };
  return compact(out);
}

/** Drop undefined keys so URLs stay short and equal filters compare equal. */
export function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as T;
}

/** Merge a change into the filters (undefined/"" removes a key). */
export function updateSearch(current: AgreementSearch, change: Partial<AgreementSearch>): AgreementSearch {
  return compact({ ...current, ...change });
}

/** The API query for one page of the list. */
export function toListQuery(s: AgreementSearch, cursor: string | null, limit = 25): AgreementListQuery {
  return compact({
    q: s.q,
    category: s.category,
    kind: s.kind,
    nature: s.nature,
    status: s.status,
    lead_opd_id: s.lead_opd_id,
    partner_id: s.partner_id,
    affair_code: s.affair_code,
    signed_year: s.signed_year,
    expiring_within_days: s.expiring,
    expired: s.expired,
    sort: s.sort ?? "-signed_date",
    limit,
    cursor: cursor ?? undefined,
  });
}

export function hasFilters(s: AgreementSearch): boolean {
  return Object.keys(s).some((k) => k !== "sort");
}

/** How many filters besides the search text are set: the phone's "Filter (n)" button. */
export function activeFilterCount(s: AgreementSearch): number {
  return Object.entries(s).filter(([k, v]) => k !== "sort" && k !== "q" && v !== undefined).length;
}
