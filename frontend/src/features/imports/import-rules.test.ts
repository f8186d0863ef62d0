import { describe, expect, it } from "vitest";
import type { ImportReport } from "./api";
import { canCommit, errorLines } from "./import-rules";

const base: ImportReport = {
  dry_run: true,
  committed: false,
  rows_total: 1,
  rows_valid: 1,
  rows_invalid: 0,
  partners_created: 0,
  partners_matched: 1,
  rows: [],
};

describe("import rules", () => {
  it("commits only after a clean dry run", () => {
    expect(canCommit(base)).toBe(true);
    expect(canCommit({ ...base, rows_invalid: 1 })).toBe(false);
    expect(canCommit({ ...base, dry_run: false })).toBe(false);
    expect(canCommit({ ...base, rows_total: 0 })).toBe(false);
    expect(canCommit(null)).toBe(false);
  });
  it("flattens the errors", () => {
    const report: ImportReport = {
      ...base,
      rows: [
        {
          row: 4,
          valid: false,
          number: null,
          title: "x",
          status: null,
          stage: null,
          agreement_id: null,
          partner: null,
          findings: [],
          errors: [{ row: 4, column: "P", header: "Tanggal penandatanganan", field: "signed_date", rule: "date_format", message: "m" }],
        },
      ],
    };
    expect(errorLines(report)).toEqual([{ row: 4, column: "P", header: "Tanggal penandatanganan", rule: "date_format", message: "m" }]);
  });
});
