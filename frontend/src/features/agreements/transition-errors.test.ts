import { describe, expect, it } from "vitest";
import { ApiError } from "../../api/problem";
import { visibleStages } from "./procedure";
import { blockingFindings, endReasonsFor, transitionErrorView } from "./transition-errors";

const finding = {
  rule_id: "R10",
  severity: "BLOCK" as "BLOCK" | "WARN",
  message_id: "m",
  message_en: "m",
  basis: "PP 28/2018 Pasal 6",
  fields: [] as string[],
};
const problem = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  new ApiError(status, { type: "about:blank", title: "x", status, code, detail: "d", ...extra });

describe("transitionErrorView", () => {
  it("maps a 409 rule_blocked to its findings", () => {
    expect(transitionErrorView(problem(409, "rule_blocked", { findings: [finding] }))).toEqual({ kind: "blocked", findings: [finding] });
  });
  it("maps a 409 action_not_allowed with the allowed actions", () => {
    expect(transitionErrorView(problem(409, "action_not_allowed", { allowed_actions: ["submit"] }))).toEqual({
      kind: "not_allowed",
      allowed: ["submit"],
    });
  });
  it("maps 412 to a stale record", () => {
    expect(transitionErrorView(problem(412, "precondition_failed")).kind).toBe("stale");
  });
  it("maps a 422 justification_required to the WARN findings", () => {
    const warn = { ...finding, severity: "WARN" as const };
    expect(transitionErrorView(problem(422, "justification_required", { findings: [warn] }))).toEqual({
      kind: "justification",
      findings: [warn],
    });
  });
  it("maps other 422s to field errors", () => {
    const view = transitionErrorView(
      problem(422, "validation_error", { errors: [{ loc: ["body", "effective_date"], msg: "future", code: "date_in_future" }] }),
    );
    expect(view).toEqual({ kind: "fields", fields: { effective_date: "future" }, general: [] });
  });
});

describe("end reasons", () => {
  it("offers court decision and bankruptcy only for KSDPK", () => {
    expect(endReasonsFor("KSDD")).not.toContain("court_decision");
    expect(endReasonsFor("KSDPK")).toEqual(expect.arrayContaining(["court_decision", "partner_bankrupt"]));
  });
});

describe("visibleStages", () => {
  const machine = { stages: ["draft", "signed", "dprd_approval", "in_force"], optional_stages: ["dprd_approval"] };
  it("hides an optional DPRD stage the text does not need", () => {
    expect(visibleStages(machine, "in_force", false)).toEqual(["draft", "signed", "in_force"]);
  });
  it("keeps it when needed or when the text is in it", () => {
    expect(visibleStages(machine, "in_force", true)).toHaveLength(4);
    expect(visibleStages(machine, "dprd_approval", false)).toHaveLength(4);
  });
});

describe("blockingFindings", () => {
  it("does not count a finding about the reason the dialog asks for", () => {
    const r39 = { ...finding, rule_id: "R39", fields: ["reason"] };
    expect(blockingFindings({ needs_reason: true, findings: [r39] })).toEqual([]);
    expect(blockingFindings({ needs_reason: false, findings: [r39] })).toEqual([r39]);
    expect(blockingFindings({ needs_reason: true, findings: [finding, { ...finding, severity: "WARN" as const }] })).toEqual([finding]);
  });
  it("does not count the telaahan (R19) and no-conflict declaration (R9) the approve dialog records", () => {
    const r19 = { ...finding, rule_id: "R19", fields: ["tkksd_reviews"] };
    const r9 = { ...finding, rule_id: "R9", fields: ["declarations.no_conflict"] };
    const r16 = { ...finding, rule_id: "R16", fields: ["declarations.technical_fit"] };
    expect(blockingFindings({ action: "approve", needs_reason: false, findings: [r19, r9, r16] })).toEqual([r16]);
    expect(blockingFindings({ action: "send_offer", needs_reason: false, findings: [r19, r9] })).toEqual([r19, r9]);
  });
});
