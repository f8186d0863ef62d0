import { ApiError, fieldError, mapProblemErrors, toApiError, type Problem } from "./problem";

const problem = (errors: Problem["errors"], detail = "Invalid"): Problem => ({
  type: "about:blank",
  title: "Unprocessable",
  status: 422,
  code: "invalid",
  detail,
  errors,
});

describe("problem+json error mapping", () => {
  it("puts body errors next to the field named by loc[1..]", () => {
    const { fields, general } = mapProblemErrors(
      problem([
        { loc: ["body", "number"], msg: "already registered", code: "unique" },
        { loc: ["body", "parties", 1, "partner_id"], msg: "no partner with this id", code: "partner_unknown" },
      ]),
    );
    expect(fields).toEqual({ number: "already registered", "parties.1.partner_id": "no partner with this id" });
    expect(general).toEqual([]);
  });

  it("keeps whole-body errors as general messages without Pydantic's prefix", () => {
    const { fields, general } = mapProblemErrors(
      problem([{ loc: ["body"], msg: "Value error, nature is required for KSDD: WAJIB or SUKARELA", code: "value_error" }]),
    );
    expect(fields).toEqual({});
    expect(general).toEqual(["nature is required for KSDD: WAJIB or SUKARELA"]);
  });

  it("falls back to the detail when there are no field errors", () => {
    expect(mapProblemErrors(problem([], "Someone else saved first")).general).toEqual(["Someone else saved first"]);
  });

  it("translates by code when a translation exists", () => {
    const { fields } = mapProblemErrors(problem([{ loc: ["body", "number"], msg: "already registered", code: "unique" }]), (code, msg) =>
      code === "unique" ? "Sudah terdaftar" : msg,
    );
    expect(fields.number).toBe("Sudah terdaftar");
  });

  it("finds a nested error by its prefix", () => {
    expect(fieldError({ "parties.1.partner_id": "x" }, "parties.1")).toBe("x");
    expect(fieldError({ title: "y" }, "parties")).toBeUndefined();
  });

  it("reads Retry-After for throttling", () => {
    const res = new Response("{}", { status: 429, headers: { "Retry-After": "42" } });
    const err = toApiError({ type: "about:blank", title: "Too many", status: 429, code: "login_throttled", detail: "" }, res);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.retryAfter).toBe(42);
    expect(err.problem.code).toBe("login_throttled");
  });

  it("survives a non-JSON error body", () => {
    const err = toApiError("Bad gateway", new Response("", { status: 502, statusText: "Bad Gateway" }));
    expect(err.status).toBe(502);
    expect(err.problem.title).toBe("Bad Gateway");
  });
});
