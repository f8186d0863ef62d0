import type { Schemas } from "../../api/client";

export type ReportStatus = Schemas["ReportRead"]["status"];
export type ReportAction = Schemas["ReportTransitionIn"]["action"];
export type DueState = Schemas["DueItem"]["state"];
export type Recommendation = NonNullable<Schemas["ReportRead"]["recommendation"]>;
export type RatingKey = keyof Schemas["RatingsIn"];
export type Ratings = Partial<Record<RatingKey, number | null>>;

/**
 * The contents of a foreign cooperation's yearly report (Permendagri 25/2020 Pasal 37) that a domestic
 * report does not have; kendala is `problems`, tindak lanjut `follow_up`.
 */
export const FOREIGN_FIELDS = ["background", "progress_results", "beneficiaries", "funding", "analysis"] as const;
export type ForeignField = (typeof FOREIGN_FIELDS)[number];

/** What the PATCH sends: the P25 fields only for a foreign cooperation's report (the API refuses them otherwise). */
export function reportBody<T extends Partial<Record<ForeignField, string>>>(foreign: boolean, draft: T): T {
  if (foreign) return { ...draft };
  const body = { ...draft };
  for (const k of FOREIGN_FIELDS) delete body[k];
  return body;
}

/** The questionnaire's rating items (docs/domain.md#monitoring-reports), in the order the form asks them. */
export const RATING_KEYS: readonly RatingKey[] = [
  "conformity",
  "indicator_achievement",
  "timeliness",
  "coordination",
  "partner_contribution",
  "public_service_impact",
];
export const RECOMMENDATIONS: readonly Recommendation[] = ["continue", "expand", "revise", "stop"];

/** Keys whose rating is set but not a whole number from 1 to 5 (unset is allowed until submit). */
export function ratingProblems(ratings: Ratings): RatingKey[] {
  return RATING_KEYS.filter((k) => {
    const v = ratings[k];
    return v !== null && v !== undefined && !(Number.isInteger(v) && v >= 1 && v <= 5);
  });
}

/** Rating keys still unanswered. */
export function unratedKeys(ratings: Ratings): RatingKey[] {
  return RATING_KEYS.filter((k) => ratings[k] === null || ratings[k] === undefined);
}

/*
 * Which workflow steps the caller may take now (draft → submitted → verified → reviewed → final, each
 * review step may return it) is the report's `allowed_actions`: the API lists only the steps open to
 * the caller's role from the report's status (monitoring/policy.py), so the buttons follow it as is.
 */

/**
 * The report's text and ratings can change only as a draft or after being returned; final is frozen.
 * `mayEdit`: the caller holds `monitoring:edit`.
 */
export function canEditReport(mayEdit: boolean, status: ReportStatus): boolean {
  return mayEdit && (status === "draft" || status === "returned");
}

const STATUS_COLOR: Record<ReportStatus, string> = {
  draft: "gray",
  submitted: "blue",
  verified: "cyan",
  reviewed: "violet",
  final: "teal",
  returned: "orange",
};
export const reportStatusColor = (s: ReportStatus): string => STATUS_COLOR[s];

const STATE_COLOR: Record<DueState, string> = { owed: "yellow", submitted: "teal", overdue: "red", missing: "gray" };
export const dueStateColor = (s: DueState): string => STATE_COLOR[s];

/** "2026-S1" for January–June, "2026-S2" for July–December. */
export function semesterOf(isoDate: string): string {
  const [y, m] = isoDate.split("-").map(Number);
  return `${y}-S${m <= 6 ? 1 : 2}`;
}

export function previousSemester(code: string): string {
  const [y, s] = code.split("-S").map(Number);
  return s === 1 ? `${y - 1}-S2` : `${y}-S1`;
}

/** The semester whose report is due next: the latest one that has ended. */
export function reportingSemester(today: string): string {
  return previousSemester(semesterOf(today));
}

/** Recent periods to choose from, newest first: semesters of this and the last three years, and the years. */
export function periodChoices(today: string, cadence?: "semester" | "year"): string[] {
  const year = Number(today.slice(0, 4));
  const out: string[] = [];
  for (let y = year; y >= year - 3; y -= 1) {
    if (cadence !== "year") out.push(`${y}-S2`, `${y}-S1`);
    if (cadence !== "semester") out.push(`${y}`);
  }
  return out;
}

/** The period's label; the one formatter is lib/format.ts (kept under this name for the monitoring screens). */
export { formatPeriod as periodLabel } from "../../lib/format-period";
