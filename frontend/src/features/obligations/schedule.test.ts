import { EMPTY_OBLIGATION, HOME_PARTY, normaliseNumber, obligationBody, obligationProblems } from "./schedule";
import { isOpen, statusChangeProblems, statusColor } from "./status";

const base = { ...EMPTY_OBLIGATION, party: HOME_PARTY, kind: "KEWAJIBAN" as const, description: "Menyediakan lahan" };

describe("obligation schedule → request body", () => {
  it("continuous sends no dates or frequency, and the home region as a null partner", () => {
    const body = obligationBody({ ...base, dueDate: "2026-01-01", frequency: "monthly", anchorDate: "2026-01-01" });
    expect(body).toMatchObject({ partner_id: null, schedule_type: "continuous", due_date: null, frequency: null, anchor_date: null });
  });
  it("one-off sends only its due date", () => {
    const body = obligationBody({ ...base, scheduleType: "one_off", dueDate: "2026-07-15", frequency: "yearly", anchorDate: "2026-01-01" });
    expect(body).toMatchObject({ schedule_type: "one_off", due_date: "2026-07-15", frequency: null, anchor_date: null });
  });
  it("recurring sends frequency and anchor, not a due date", () => {
    const body = obligationBody({ ...base, party: "p-1", scheduleType: "recurring", frequency: "quarterly", anchorDate: "2026-03-31", dueDate: "2026-01-01" });
    expect(body).toMatchObject({ partner_id: "p-1", schedule_type: "recurring", frequency: "quarterly", anchor_date: "2026-03-31", due_date: null });
  });
  it("indicator fields: blanks become null, Indonesian numbers become decimals", () => {
    const body = obligationBody({ ...base, indicator: " Ton bawang ", target: "1.250,5", unit: "", value: "12,75" });
    expect(body).toMatchObject({ indicator: "Ton bawang", target: "1250.5", unit: null, value: "12.75" });
    expect(normaliseNumber("1250.5")).toBe("1250.5");
    expect(normaliseNumber("  ")).toBeNull();
  });
  it("names what each schedule still needs", () => {
    expect(obligationProblems({ ...EMPTY_OBLIGATION })).toEqual(["partner_id", "kind", "description"]);
    expect(obligationProblems({ ...base, scheduleType: "one_off" })).toEqual(["due_date"]);
    expect(obligationProblems({ ...base, scheduleType: "recurring" })).toEqual(["frequency", "anchor_date"]);
    expect(obligationProblems({ ...base, scheduleType: "recurring", frequency: "monthly", anchorDate: "2026-01-31" })).toEqual([]);
  });
});

describe("occurrence status", () => {
  it("maps each status to a distinct badge colour; late is red", () => {
    expect(statusColor("late")).toBe("red");
    expect(statusColor("fulfilled")).toBe("teal");
    const colours = (["pending", "in_progress", "fulfilled", "late", "not_fulfilled", "suspended_force_majeure"] as const).map(statusColor);
    expect(new Set(colours).size).toBe(6);
  });
  it("open occurrences take fulfilments; closed ones do not", () => {
    expect(isOpen("late")).toBe(true);
    expect(isOpen("fulfilled")).toBe(false);
    expect(isOpen("suspended_force_majeure")).toBe(false);
  });
  it("a status change needs a date for fulfilled and an event for force majeure", () => {
    expect(statusChangeProblems(null, "", null)).toEqual(["status"]);
    expect(statusChangeProblems("fulfilled", "", null)).toEqual(["fulfilled_on"]);
    expect(statusChangeProblems("suspended_force_majeure", "", null)).toEqual(["force_majeure_event_id"]);
    expect(statusChangeProblems("in_progress", "", null)).toEqual([]);
  });
});

describe("long schedules", () => {
  it("show every open occurrence and only the last three closed ones", async () => {
    const { recentAndOpen } = await import("./occurrences");
    const s = (effective_status: string, id: number) => ({ id, effective_status }) as unknown as { id: number; effective_status: "fulfilled" };
    const all = [s("fulfilled", 1), s("late", 2), s("fulfilled", 3), s("fulfilled", 4), s("fulfilled", 5), s("fulfilled", 6), s("pending", 7)];
    expect(recentAndOpen(all).map((o) => o.id)).toEqual([2, 4, 5, 6, 7]);
  });
});
