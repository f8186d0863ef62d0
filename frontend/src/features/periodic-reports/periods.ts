import type { PeriodCode } from "./api";

export const PERIOD_CODES: readonly PeriodCode[] = ["S1", "S2", "annual"];

export type PeriodicReportSearch = { year?: number; period?: PeriodCode };

/** The years offered: this year and the five before it, newest first. */
export function yearChoices(todayIso: string, back = 5): number[] {
  const year = Number(todayIso.slice(0, 4));
  return Array.from({ length: back + 1 }, (_, i) => year - i);
}

/**
 * The period shown when the URL names none: the latest one that has ended. In July–December that
 * is this year's first semester; in January–June the previous year's second semester.
 */
export function defaultPeriod(todayIso: string): { year: number; period: PeriodCode } {
  const year = Number(todayIso.slice(0, 4));
  const month = Number(todayIso.slice(5, 7));
  return month >= 7 ? { year, period: "S1" } : { year: year - 1, period: "S2" };
}

/** ?year=2026&period=S1 from the URL, keeping only values the API accepts. */
export function parsePeriodicReportSearch(raw: Record<string, unknown>): PeriodicReportSearch {
  const year = typeof raw.year === "number" ? raw.year : typeof raw.year === "string" ? Number(raw.year) : NaN;
  const period = typeof raw.period === "string" && (PERIOD_CODES as readonly string[]).includes(raw.period) ? (raw.period as PeriodCode) : undefined;
  return {
    ...(Number.isInteger(year) && year >= 1945 && year <= 2200 ? { year } : {}),
    ...(period ? { period } : {}),
  };
}
