import { describe, expect, it } from "vitest";
import { hasPublicFilters, pageTitle, parsePublicSearch, toQuery } from "./public-search";

describe("parsePublicSearch", () => {
  it("keeps valid filters and drops the rest", () => {
    expect(
      parsePublicSearch({
        q: "  sampah ",
        category: "KSDD",
        status: "draft",
        partner_id: "not-a-uuid",
        affair_code: "2.11",
        signed_year: "2021",
        sort: "title",
      }),
    ).toEqual({ q: "sampah", category: "KSDD", affair_code: "2.11", signed_year: 2021, sort: "title" });
  });
  it("refuses statuses the public does not see and absurd years", () => {
    expect(parsePublicSearch({ status: "in_progress", signed_year: "99999", category: "X" })).toEqual({});
    expect(parsePublicSearch({ status: "signed", partner_id: "6f1d9a7e-3c44-4b1e-8f0a-0d4b6c2e9a10" })).toEqual({
      status: "signed",
      partner_id: "6f1d9a7e-3c44-4b1e-8f0a-0d4b6c2e9a10",
    });
  });
});

describe("helpers", () => {
  it("builds the API query with the cursor", () => {
    expect(toQuery({ q: "a" }, null)).toEqual({ q: "a", limit: 20 });
    expect(toQuery({}, "abc", 5)).toEqual({ limit: 5, cursor: "abc" });
  });
  it("tells filters from sorting", () => {
    expect(hasPublicFilters({ sort: "title" })).toBe(false);
    expect(hasPublicFilters({ q: "x" })).toBe(true);
  });
  it("titles a page", () => {
    expect(pageTitle(["KB Garut", undefined], "Register Publik")).toBe("KB Garut · Register Publik");
    expect(pageTitle([], "Register Publik")).toBe("Register Publik");
  });
});
