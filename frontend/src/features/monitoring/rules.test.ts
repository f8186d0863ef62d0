import {
  FOREIGN_FIELDS,
  canEditReport,
  dueStateColor,
  periodChoices,
  ratingProblems,
  reportBody,
  reportStatusColor,
  reportingSemester,
  semesterOf,
  unratedKeys,
} from "./rules";

describe("ratings", () => {
  it("accepts whole numbers 1–5 and unset; refuses 0, 6 and fractions", () => {
    expect(ratingProblems({ conformity: 1, timeliness: 5, coordination: null })).toEqual([]);
    expect(ratingProblems({ conformity: 0, timeliness: 6, coordination: 2.5 })).toEqual(["conformity", "timeliness", "coordination"]);
  });
  it("lists the unanswered keys", () => {
    expect(unratedKeys({ conformity: 3, indicator_achievement: 4, timeliness: 5, coordination: 2, partner_contribution: 1 })).toEqual(["public_service_impact"]);
  });
});

describe("report rules", () => {
  it("editing is for drafts and returned reports only", () => {
    expect(canEditReport(true, "draft")).toBe(true);
    expect(canEditReport(true, "returned")).toBe(true);
    expect(canEditReport(true, "final")).toBe(false);
    expect(canEditReport(true, "submitted")).toBe(false);
    expect(canEditReport(false, "draft")).toBe(false);
  });
  it("colours: final teal, returned orange, overdue red", () => {
    expect(reportStatusColor("final")).toBe("teal");
    expect(reportStatusColor("returned")).toBe("orange");
    expect(dueStateColor("overdue")).toBe("red");
  });
});

describe("periods", () => {
  it("semesters split at July", () => {
    expect(semesterOf("2026-06-30")).toBe("2026-S1");
    expect(semesterOf("2026-07-01")).toBe("2026-S2");
  });
  it("the reporting semester is the last one that has ended", () => {
    expect(reportingSemester("2026-07-10")).toBe("2026-S1");
    expect(reportingSemester("2026-03-01")).toBe("2025-S2");
  });
  it("offers recent semesters and years, newest first", () => {
    expect(periodChoices("2026-05-01").slice(0, 4)).toEqual(["2026-S2", "2026-S1", "2026", "2025-S2"]);
    // an agreement's own cadence offers only its own kind of period
    expect(periodChoices("2026-05-01", "semester").slice(0, 3)).toEqual(["2026-S2", "2026-S1", "2025-S2"]);
    expect(periodChoices("2026-05-01", "year").slice(0, 2)).toEqual(["2026", "2025"]);
  });
});

describe("period labels", () => {
  it("writes '2026-S1' as 'Semester I 2026' in Indonesian and as the exports write it in English", async () => {
    const { periodLabel } = await import("./rules");
    const { default: i18n } = await import("../../i18n");
    const id = i18n.getFixedT("id");
    const en = i18n.getFixedT("en");
    expect(periodLabel("2026-S1", id)).toBe("Semester I 2026");
    expect(periodLabel("2026-S2", id)).toBe("Semester II 2026");
    expect(periodLabel("2025", id)).toBe("Tahun 2025");
    // The same texts as core/labels.period (tests/test_exports_lists.py).
    expect(periodLabel("2026-S1", en)).toBe("Semester 1, 2026");
    expect(periodLabel("2025", en)).toBe("Year 2025");
    expect(periodLabel("bogus", id)).toBe("bogus");
  });
});

describe("reportBody (Permendagri 25/2020 Pasal 37 contents)", () => {
  const draft = { problems: "Visa", follow_up: "Jadwal", background: "Kota kembar", progress_results: "", beneficiaries: "Guru", funding: "APBD", analysis: "Baik" };
  it("sends the P25 fields for a foreign cooperation's report", () => {
    expect(reportBody(true, draft)).toEqual(draft);
  });
  it("leaves them out of a domestic report", () => {
    expect(reportBody(false, draft)).toEqual({ problems: "Visa", follow_up: "Jadwal" });
    expect(Object.keys(reportBody(false, draft)).some((k) => (FOREIGN_FIELDS as readonly string[]).includes(k))).toBe(false);
  });
});
