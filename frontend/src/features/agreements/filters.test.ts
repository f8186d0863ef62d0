import { activeFilterCount, hasFilters, nextSort, parseAgreementSearch, sortDirection, toListQuery, updateSearch } from "./filters";

describe("agreement filters ↔ URL", () => {
  it("keeps valid filters from the URL", () => {
    expect(parseAgreementSearch({ category: "KSDD", expiring: "90", expired: "true", q: " sampah ", sort: "-end_date" })).toEqual({
      category: "KSDD",
      expiring: 90,
      expired: true,
      q: "sampah",
      sort: "-end_date",
    });
  });

  it("drops values the API would reject", () => {
    expect(
      parseAgreementSearch({ category: "XYZ", kind: 3, expiring: "-5", lead_opd_id: "not-a-uuid", sort: "password", expired: "no" }),
    ).toEqual({});
  });

  it("accepts numbers already parsed by the router", () => {
    expect(parseAgreementSearch({ expiring: 180, signed_year: 2021 })).toEqual({ expiring: 180, signed_year: 2021 });
  });

  it("removes a filter when it is cleared", () => {
    expect(updateSearch({ category: "KSDD", q: "x" }, { category: undefined })).toEqual({ q: "x" });
    expect(updateSearch({ q: "x" }, { q: "" })).toEqual({});
  });

  it("builds the API query with the expiring window and a default sort", () => {
    expect(toListQuery({ category: "KSDPK", expiring: 90 }, null)).toEqual({
      category: "KSDPK",
      expiring_within_days: 90,
      sort: "-signed_date",
      limit: 25,
    });
    expect(toListQuery({}, "abc", 10)).toEqual({ sort: "-signed_date", limit: 10, cursor: "abc" });
  });

  it("toggles sorting ascending then descending", () => {
    expect(nextSort(undefined, "title")).toBe("title");
    expect(nextSort("title", "title")).toBe("-title");
    expect(nextSort("-title", "title")).toBe("title");
    expect(sortDirection("-end_date", "end_date")).toBe("desc");
    expect(sortDirection("number", "end_date")).toBeNull();
  });

  it("knows whether anything but the sort is filtered", () => {
    expect(hasFilters({ sort: "title" })).toBe(false);
    expect(hasFilters({ expired: true })).toBe(true);
  });

  it("keeps the 'not yet in force' status filter and sends it to the API", () => {
    const search = parseAgreementSearch({ status: "not_yet_in_force" });
    expect(search).toEqual({ status: "not_yet_in_force" });
    expect(toListQuery(search, null)).toMatchObject({ status: "not_yet_in_force" });
  });
  it("counts the filters set besides the search text and the order", () => {
    expect(activeFilterCount({})).toBe(0);
    expect(activeFilterCount({ q: "air", sort: "title" })).toBe(0);
    expect(activeFilterCount({ q: "air", category: "KSDD", expired: true, signed_year: 2024 })).toBe(3);
  });
});
