import { overdueCount, periodText, type Task } from "./task-rules";

const t = (key: string, o?: Record<string, unknown>) => `${key}|${JSON.stringify(o ?? {})}`;

describe("periodText", () => {
  it("names semesters, years and the annual report", () => {
    expect(periodText("2026-S1", t)).toBe('tasks.period.semester|{"n":"I","year":"2026"}');
    expect(periodText("2025-S2", t)).toBe('tasks.period.semester|{"n":"II","year":"2025"}');
    expect(periodText("2026", t)).toBe('tasks.period.year|{"year":"2026"}');
    expect(periodText("2025-annual", t)).toBe('tasks.period.annual|{"year":"2025"}');
  });

  it("leaves an unknown code as it is, and nothing as null", () => {
    expect(periodText("Q3-2026", t)).toBe("Q3-2026");
    expect(periodText(null, t)).toBeNull();
  });
});

describe("overdueCount", () => {
  it("counts the tasks past their due date", () => {
    const tasks = [{ overdue: true }, { overdue: false }, { overdue: true }] as Task[];
    expect(overdueCount(tasks)).toBe(2);
  });
});
