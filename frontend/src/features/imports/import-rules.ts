import type { ImportReport } from "./api";

/** The import may be committed: a dry run of this very file found rows and no error. */
export function canCommit(report: ImportReport | null | undefined): boolean {
  return !!report && report.dry_run && report.rows_total > 0 && report.rows_invalid === 0;
}

/** Every error of the report as flat lines, in sheet order. */
export function errorLines(report: ImportReport): { row: number; column: string; header: string; rule: string; message: string }[] {
  return report.rows.flatMap((r) => r.errors.map((e) => ({ row: e.row, column: e.column, header: e.header, rule: e.rule, message: e.message })));
}
