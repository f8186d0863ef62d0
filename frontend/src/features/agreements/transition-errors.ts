import type { Schemas } from "../../api/client";
import { ApiError, mapProblemErrors, type FieldErrors } from "../../api/problem";

type Finding = Schemas["FindingRead"];

export const END_REASONS = ["term_expired", "goal_achieved", "mutual_agreement", "policy_change", "object_lost"] as const;
export const END_REASONS_KSDPK = ["court_decision", "partner_bankrupt"] as const;

/** The legal ending reasons of Pasal 9 and 22; court decision and bankruptcy only for KSDPK (R39, R40). */
export function endReasonsFor(category: string): string[] {
  return category === "KSDPK" ? [...END_REASONS, ...END_REASONS_KSDPK] : [...END_REASONS];
}

export type TransitionErrorView =
  | { kind: "blocked"; findings: Finding[] }
  | { kind: "not_allowed"; allowed: string[] }
  | { kind: "stale" }
  | { kind: "justification"; findings: Finding[] }
  | { kind: "fields"; fields: FieldErrors; general: string[] }
  | { kind: "other"; error: unknown };

function asFindings(value: unknown): Finding[] {
  return Array.isArray(value) ? (value as Finding[]) : [];
}

/** How a refused transition is shown: rule findings, a stale record, a missing justification, or field errors. */
export function transitionErrorView(
  error: unknown,
  translate?: (code: string, msg: string) => string,
): TransitionErrorView {
  if (!(error instanceof ApiError)) return { kind: "other", error };
  const p = error.problem;
  if (error.status === 409 && p.code === "rule_blocked") return { kind: "blocked", findings: asFindings(p.findings) };
  if (error.status === 409 && p.code === "action_not_allowed") return { kind: "not_allowed", allowed: p.allowed_actions ?? [] };
  if (error.status === 412) return { kind: "stale" };
  if (error.status === 422 && p.code === "justification_required") {
    return { kind: "justification", findings: asFindings(p.findings) };
  }
  if (error.status === 422) {
    const { fields, general } = mapProblemErrors(p, translate);
    return { kind: "fields", fields, general };
  }
  return { kind: "other", error };
}

type ActionLike = { action?: string; needs_reason: boolean; findings: Finding[] };

/** What the `approve` dialog records with the step: the TKKSD's telaahan (R19) and its no-conflict declaration (R9). */
export const APPROVE_DIALOG_FIELDS = ["tkksd_reviews", "declarations.no_conflict"];

/**
 * The BLOCK findings that really stop an action now. GET /actions evaluates the rules without what
 * the dialog asks for, so a finding about that alone is answered in the dialog and does not disable
 * the action: the `reason` (R39: no lawful ending reason yet), and for `approve` the telaahan (R19)
 * and the no-conflict declaration (R9), both sent as `review`. The POST checks them again.
 */
export function blockingFindings(action: ActionLike): Finding[] {
  const answered = (f: Finding) =>
    f.fields.length > 0 &&
    f.fields.every((x) => (action.needs_reason && x === "reason") || (action.action === "approve" && APPROVE_DIALOG_FIELDS.includes(x)));
  return action.findings.filter((f) => f.severity === "BLOCK" && !answered(f));
}
