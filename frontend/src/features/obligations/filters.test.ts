import { parseObligationSearch, toObligationQuery, updateObligationSearch } from "./filters";

describe("obligation list filters", () => {
  it("keeps valid params and drops the rest", () => {
    const s = parseObligationSearch({
      status: "late",
      opd_id: "not-a-uuid",
      party: "home",
      due_before: "2026-12-31",
      due_after: "31/12/2026",
      category: "KSDD",
      kind: "HAK",
      sort: "-description",
      q: "  bawang ",
      extra: "x",
    });
    expect(s).toEqual({ status: "late", party: "home", due_before: "2026-12-31", category: "KSDD", kind: "HAK", sort: "-description", q: "bawang" });
  });
  it("a partner id is a valid party; other strings are not", () => {
    expect(parseObligationSearch({ party: "0b0b0b0b-1111-2222-3333-444455556666" }).party).toBe("0b0b0b0b-1111-2222-3333-444455556666");
    expect(parseObligationSearch({ party: "mitra" }).party).toBeUndefined();
  });
  it("the API query sorts by next due date by default and carries the cursor", () => {
    expect(toObligationQuery({ status: "late" }, "abc")).toEqual({ status: "late", sort: "next_due_date", limit: 25, cursor: "abc" });
    expect(toObligationQuery({}, null)).toEqual({ sort: "next_due_date", limit: 25 });
  });
  it("clearing a filter removes the key", () => {
    expect(updateObligationSearch({ status: "late", kind: "HAK" }, { status: undefined })).toEqual({ kind: "HAK" });
  });
});
