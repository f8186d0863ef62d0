import type { Schemas } from "../../api/client";
import type { Problem } from "../../api/problem";

export type ReminderRule = Schemas["ReminderRuleRead"];
export type ReminderKind = ReminderRule["kind"];

/** The API's limits for offsets_days (reminders/schemas.py): 1 to 5 distinct whole days, 0 to 365. */
export const MAX_OFFSETS = 5;
export const MAX_OFFSET_DAYS = 365;

export type OffsetError = "required" | "notNumber" | "range" | "duplicate" | "tooMany";
export type ParsedOffsets = { ok: true; value: number[] } | { ok: false; error: OffsetError };

/** Days *after* the date for the overdue kinds, *before* it for the others. */
export function offsetDirection(kind: ReminderKind): "before" | "after" {
  return kind === "obligation_overdue" || kind === "report_overdue" ? "after" : "before";
}

/** "180, 90, 30" (commas, semicolons or spaces) → [180, 90, 30], most days first as the API stores them. */
export function parseOffsets(text: string): ParsedOffsets {
  const parts = text.split(/[\s,;]+/).filter((p) => p !== "");
  if (parts.length === 0) return { ok: false, error: "required" };
  if (!parts.every((p) => /^[+-]?\d+$/.test(p))) return { ok: false, error: "notNumber" };
  const days = parts.map((p) => Number(p));
  if (days.some((d) => d < 0 || d > MAX_OFFSET_DAYS)) return { ok: false, error: "range" };
  if (new Set(days).size !== days.length) return { ok: false, error: "duplicate" };
  if (days.length > MAX_OFFSETS) return { ok: false, error: "tooMany" };
  return { ok: true, value: [...days].sort((a, b) => b - a) };
}

export function formatOffsets(days: readonly number[]): string {
  return days.join(", ");
}

/**
 * The server's 422 on offsets_days (pydantic codes at ["body", "offsets_days", …]) as one of our
 * messages, so the field says it in the reader's language; null when the problem names another field.
 */
export function offsetErrorFromServer(problem: Problem): OffsetError | null {
  const e = (problem.errors ?? []).find((x) => x.loc[0] === "body" && x.loc[1] === "offsets_days");
  if (!e) return null;
  switch (e.code) {
    case "too_short":
    case "missing":
      return "required";
    case "too_long":
      return "tooMany";
    case "less_than_equal":
    case "greater_than_equal":
      return "range";
    case "offsets_duplicate":
      return "duplicate";
    default:
      return "notNumber";
  }
}
