import { describe, expect, it } from "vitest";
import { defaultPeriod, parsePeriodicReportSearch, yearChoices } from "./periods";

describe("periodic report periods", () => {
  it("defaults to the latest period that has ended", () => {
    expect(defaultPeriod("2026-12-05")).toEqual({ year: 2026, period: "S1" });
    expect(defaultPeriod("2026-07-01")).toEqual({ year: 2026, period: "S1" });
    expect(defaultPeriod("2027-01-10")).toEqual({ year: 2026, period: "S2" });
  });

  it("offers this year and the five before", () => {
    expect(yearChoices("2026-12-05")).toEqual([2026, 2025, 2024, 2023, 2022, 2021]);
  });

  it("keeps only what the API accepts from the URL", () => {
    expect(parsePeriodicReportSearch({ year: "2026", period: "S2" })).toEqual({ year: 2026, period: "S2" });
    expect(parsePeriodicReportSearch({ year: 2026, period: "annual" })).toEqual({ year: 2026, period: "annual" });
    expect(parsePeriodicReportSearch({ year: "20x6", period: "Q1" })).toEqual({});
    expect(parsePeriodicReportSearch({ year: 1800 })).toEqual({});
  });
});
