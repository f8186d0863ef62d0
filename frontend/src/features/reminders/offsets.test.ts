import type { Problem } from "../../api/problem";
import { formatOffsets, offsetDirection, offsetErrorFromServer, parseOffsets } from "./offsets";

describe("parseOffsets", () => {
  it("reads comma, semicolon or space separated days, most days first", () => {
    expect(parseOffsets("30, 90,180")).toEqual({ ok: true, value: [180, 90, 30] });
    expect(parseOffsets(" 7 ; 1  0 ")).toEqual({ ok: true, value: [7, 1, 0] });
    expect(parseOffsets("365")).toEqual({ ok: true, value: [365] });
  });
  it("names what is wrong", () => {
    expect(parseOffsets("")).toEqual({ ok: false, error: "required" });
    expect(parseOffsets(" , ")).toEqual({ ok: false, error: "required" });
    expect(parseOffsets("30, abc")).toEqual({ ok: false, error: "notNumber" });
    expect(parseOffsets("1.5")).toEqual({ ok: false, error: "notNumber" });
    expect(parseOffsets("366")).toEqual({ ok: false, error: "range" });
    expect(parseOffsets("-1")).toEqual({ ok: false, error: "range" });
    expect(parseOffsets("30, 30")).toEqual({ ok: false, error: "duplicate" });
    expect(parseOffsets("1,2,3,4,5,6")).toEqual({ ok: false, error: "tooMany" });
    expect(parseOffsets("1,2,3,4,5")).toEqual({ ok: true, value: [5, 4, 3, 2, 1] });
  });
  it("round-trips with formatOffsets", () => {
    expect(formatOffsets([180, 90, 30])).toBe("180, 90, 30");
    expect(parseOffsets(formatOffsets([180, 90, 30]))).toEqual({ ok: true, value: [180, 90, 30] });
  });
});

describe("offsetDirection", () => {
  it("is after the date only for the overdue kinds", () => {
    expect(offsetDirection("obligation_overdue")).toBe("after");
    expect(offsetDirection("report_overdue")).toBe("after");
    expect(offsetDirection("agreement_expiry")).toBe("before");
    expect(offsetDirection("obligation_due")).toBe("before");
    expect(offsetDirection("report_due")).toBe("before");
    expect(offsetDirection("dprd_deadline")).toBe("before");
  });
});

describe("offsetErrorFromServer", () => {
  const problem = (loc: (string | number)[], code: string): Problem => ({
    type: "about:blank",
    title: "Invalid input",
    status: 422,
    code: "validation_error",
    detail: "",
    errors: [{ loc, msg: "x", code }],
  });
  it("maps pydantic codes on offsets_days to our messages", () => {
    expect(offsetErrorFromServer(problem(["body", "offsets_days", 0], "less_than_equal"))).toBe("range");
    expect(offsetErrorFromServer(problem(["body", "offsets_days", 2], "greater_than_equal"))).toBe("range");
    expect(offsetErrorFromServer(problem(["body", "offsets_days"], "too_long"))).toBe("tooMany");
    expect(offsetErrorFromServer(problem(["body", "offsets_days"], "too_short"))).toBe("required");
    expect(offsetErrorFromServer(problem(["body", "offsets_days"], "offsets_duplicate"))).toBe("duplicate");
    expect(offsetErrorFromServer(problem(["body", "offsets_days", 0], "int_type"))).toBe("notNumber");
  });
  it("ignores problems about other fields", () => {
    expect(offsetErrorFromServer(problem(["body", "enabled"], "bool_type"))).toBeNull();
    expect(offsetErrorFromServer({ ...problem([], "x"), errors: [] })).toBeNull();
  });
});
