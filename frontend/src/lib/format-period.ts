// Apart from format.ts: its keys are in the "monitoring" message group, which only the pages that
// show periods load (routes/page-messages.test.ts).

/**
 * A reporting period as people write it: "2026-S1" → "Semester I 2026", "2025" → "Tahun 2025"
 * (English "Semester 1, 2026", "Year 2025"); core/labels.period writes the same in the exports.
 * Any other text is returned as it is.
 */
export function formatPeriod(code: string, t: (k: string, o?: Record<string, unknown>) => string): string {
  const m = /^(\d{4})(?:-S([12]))?$/.exec(code);
  if (!m) return code;
  return m[2] ? t("monitoring.semesterLabel", { n: m[2] === "1" ? "I" : "II", half: m[2], year: m[1] }) : t("monitoring.yearLabel", { year: m[1] });
}
