import type { Schemas } from "../../api/client";

export type Task = Schemas["TaskRead"];
export type TaskKind = Task["kind"];

/** A badge colour per family of work: drafts, procedure steps, reports, obligations, periodic reports. */
export const KIND_COLOR: Record<TaskKind, string> = {
  draft_to_complete: "blue",
  draft_to_submit: "blue",
  submission_to_review: "grape",
  telaahan_to_give: "grape",
  offer_awaiting_answer: "teal",
  dprd_deadline: "orange",
  report_to_fill: "cyan",
  report_to_sign_off: "cyan",
  report_to_verify: "cyan",
  report_to_review: "cyan",
  report_to_finalise: "cyan",
  obligation_due: "orange",
  periodic_report_due: "indigo",
};

type T = (key: string, options?: Record<string, unknown>) => string;

/**
 * A period code as words: "2026-S1" → "Semester I 2026", "2026" (a yearly monitoring report) →
 * "Tahun 2026", "2026-annual" (the TKKSD's annual report) → "Laporan tahunan 2026"; anything else as is.
 */
export function periodText(code: string | null | undefined, t: T): string | null {
  if (!code) return null;
  const m = /^(\d{4})(?:-(S1|S2|annual))?$/.exec(code);
  if (!m) return code;
  const [, year, part] = m;
  if (part === "annual") return t("tasks.period.annual", { year });
  if (part) return t("tasks.period.semester", { n: part === "S1" ? "I" : "II", year });
  return t("tasks.period.year", { year });
}

/** The number of tasks whose due date has passed. */
export function overdueCount(tasks: readonly Task[]): number {
  return tasks.filter((x) => x.overdue).length;
}
