import type { paths } from "../../api/schema";
import { EFFECTIVE_STATUSES, type EffectiveStatus } from "./status";

export type ObligationListQuery = NonNullable<paths["/api/v1/obligations"]["get"]["parameters"]["query"]>;
export type ObligationSort = NonNullable<ObligationListQuery["sort"]>;
export const OBLIGATION_SORTS: readonly ObligationSort[] = [
  "next_due_date",
  "-next_due_date",
  "agreement_number",
  "-agreement_number",
  "description",
  "-description",
];
const CATEGORIES = ["KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"] as const;
type Category = (typeof CATEGORIES)[number];

/** The cross-agreement obligations list's filters as they live in the URL. */
export type ObligationSearch = {
  q?: string;
  status?: EffectiveStatus;
  opd_id?: string;
  party?: string;
  due_after?: string;
  due_before?: string;
  category?: Category;
  kind?: "HAK" | "KEWAJIBAN";
  sort?: ObligationSort;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const oneOf = <T extends string>(choices: readonly T[], v: unknown): T | undefined =>
  typeof v === "string" && (choices as readonly string[]).includes(v) ? (v as T) : undefined;
const str = (v: unknown, re: RegExp): string | undefined => (typeof v === "string" && re.test(v) ? v : undefined);

function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== "")) as T;
}

/** Parse untrusted URL params; anything invalid is dropped, never sent to the API. */
export function parseObligationSearch(raw: Record<string, unknown>): ObligationSearch {
  return compact({
    q: typeof raw.q === "string" && raw.q.trim() ? raw.q.trim().slice(0, 200) : undefined,
    status: oneOf(EFFECTIVE_STATUSES, raw.status),
    opd_id: str(raw.opd_id, UUID),
    party: raw.party === "home" ? "home" : str(raw.party, UUID),
    due_after: str(raw.due_after, DATE),
    due_before: str(raw.due_before, DATE),
    category: oneOf(CATEGORIES, raw.category),
    kind: oneOf(["HAK", "KEWAJIBAN"] as const, raw.kind),
    sort: oneOf(OBLIGATION_SORTS, raw.sort),
  });
}

export function updateObligationSearch(cur: ObligationSearch, change: Partial<ObligationSearch>): ObligationSearch {
  return compact({ ...cur, ...change });
}

export function toObligationQuery(s: ObligationSearch, cursor: string | null, limit = 25): ObligationListQuery {
  return compact({ ...s, sort: s.sort ?? "next_due_date", limit, cursor: cursor ?? undefined });
}

export { CATEGORIES as OBLIGATION_CATEGORIES };
