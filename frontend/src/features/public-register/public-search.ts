import type { paths } from "../../api/schema";

export const PUBLIC_CATEGORIES = ["KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"] as const;
export const PUBLIC_STATUSES = ["signed", "in_force", "ended"] as const;
export const PUBLIC_SORTS = ["-signed_date", "signed_date", "number", "-number", "title", "-title", "end_date", "-end_date"] as const;

export type PublicStatus = (typeof PUBLIC_STATUSES)[number];
export type PublicListQuery = NonNullable<paths["/api/v1/public/agreements"]["get"]["parameters"]["query"]>;

/** The public register's filters as they live in the URL (shareable, indexable). */
export type PublicSearch = {
  q?: string;
  category?: (typeof PUBLIC_CATEGORIES)[number];
  status?: PublicStatus;
  partner_id?: string;
  affair_code?: string;
  signed_year?: number;
  sort?: (typeof PUBLIC_SORTS)[number];
};

function oneOf<T extends string>(choices: readonly T[], v: unknown): T | undefined {
  return typeof v === "string" && (choices as readonly string[]).includes(v) ? (v as T) : undefined;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Parse untrusted URL search params; anything invalid is dropped, never sent to the API. */
export function parsePublicSearch(raw: Record<string, unknown>): PublicSearch {
  const q = typeof raw.q === "string" || typeof raw.q === "number" ? String(raw.q).trim().slice(0, 200) : "";
  const year = typeof raw.signed_year === "number" ? raw.signed_year : Number(raw.signed_year);
  const affair = typeof raw.affair_code === "string" && /^[0-9A-Za-z.]{1,10}$/.test(raw.affair_code) ? raw.affair_code : undefined;
  return compactSearch({
    q: q || undefined,
    category: oneOf(PUBLIC_CATEGORIES, raw.category),
    status: oneOf(PUBLIC_STATUSES, raw.status),
    partner_id: typeof raw.partner_id === "string" && UUID.test(raw.partner_id) ? raw.partner_id : undefined,
    affair_code: affair,
    signed_year: Number.isInteger(year) && year >= 1945 && year <= 2200 ? year : undefined,
    sort: oneOf(PUBLIC_SORTS, raw.sort),
  });
}

/** Drop empty keys so URLs stay short and equal filters compare equal. */
export function compactSearch(s: PublicSearch): PublicSearch {
  return Object.fromEntries(Object.entries(s).filter(([, v]) => v !== undefined && v !== "")) as PublicSearch;
}

/** The API query for a page of the register. */
export function toQuery(s: PublicSearch, cursor: string | null, limit = 20): PublicListQuery {
  return { ...s, limit, ...(cursor ? { cursor } : {}) };
}

export function hasPublicFilters(s: PublicSearch): boolean {
  return Object.keys(s).some((k) => k !== "sort");
}

/** The page's <title>: what the page shows, then the register's name (indexable, one per page). */
export function pageTitle(parts: (string | undefined | null)[], site: string): string {
  return [...parts.filter((p): p is string => Boolean(p)), site].join(" · ");
}
