import type { Schemas } from "../../api/client";

export type EffectiveStatus = Schemas["OccurrenceRead"]["effective_status"];
export type StoredStatus = Schemas["OccurrenceRead"]["status"];

export const EFFECTIVE_STATUSES: readonly EffectiveStatus[] = [
  "pending",
  "in_progress",
  "fulfilled",
  "late",
  "not_fulfilled",
  "suspended_force_majeure",
];

/** Statuses a person may set; `late` is derived by the server (past due and still open). */
export const SETTABLE_STATUSES: readonly StoredStatus[] = [
  "pending",
  "in_progress",
  "fulfilled",
  "not_fulfilled",
  "suspended_force_majeure",
];

const COLOR: Record<EffectiveStatus, string> = {
  pending: "gray",
  in_progress: "blue",
  fulfilled: "teal",
  late: "red",
  not_fulfilled: "dark",
  suspended_force_majeure: "orange",
};

export function statusColor(status: EffectiveStatus): string {
  return COLOR[status];
}

/** An occurrence that still takes fulfilment records. */
export function isOpen(status: EffectiveStatus): boolean {
  return status === "pending" || status === "in_progress" || status === "late";
}

/** What a status change needs besides the status: a date for fulfilled, an event for force majeure. */
export function statusChangeProblems(status: StoredStatus | null, fulfilledOn: string, eventId: string | null): string[] {
  if (status === null) return ["status"];
  if (status === "fulfilled" && !/^\d{4}-\d{2}-\d{2}$/.test(fulfilledOn)) return ["fulfilled_on"];
  if (status === "suspended_force_majeure" && !eventId) return ["force_majeure_event_id"];
  return [];
}
