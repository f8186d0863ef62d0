import type { Schemas } from "../api/client";
import { ApiError, mapProblemErrors, type FieldErrors, type Problem } from "../api/problem";

type Finding = Schemas["FindingRead"];

/** i18next's `t`, as loosely as these helpers use it (tests and callers pass the real one). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * The one mapping from a server `code` (of a problem or of one of its field errors) to the text the
 * SPA shows: the i18n key `serverErrors.<code>` in the current language, the server's own text when
 * the catalogue has none. Every problem the UI displays goes through here, so no English server
 * sentence lands in the Indonesian UI (i18n/server-codes.test.ts checks the catalogue covers every
 * code the backend names).
 */
export function codeText(t: Translate, code: string, fallback: string): string {
  return t(`serverErrors.${code}`, { defaultValue: fallback });
}

const RULE_ID = /^R\d+$/;

function findingsOf(problem: Problem | undefined): Finding[] {
  const f = (problem as { findings?: unknown } | undefined)?.findings;
  return Array.isArray(f) ? (f as Finding[]) : [];
}

function findingText(f: Finding, lang: string): string {
  return lang.startsWith("en") ? f.message_en : f.message_id;
}

/**
 * Translator for `mapProblemErrors`: a field error coded with a rule id (`R31`) is shown with the
 * finding's own message in the current language (the rule catalogue writes both); any other code
 * goes through `codeText`.
 */
export function problemTranslator(t: Translate, lang: string, problem?: Problem) {
  return (code: string, msg: string): string => {
    if (RULE_ID.test(code)) {
      const f = findingsOf(problem).find((x) => x.rule_id === code);
      if (f) return findingText(f, lang);
    }
    return codeText(t, code, msg);
  };
}

/** The problem's own message (not its field errors), in the current language. */
export function problemSummary(problem: Problem, t: Translate, lang: string): string {
  const findings = findingsOf(problem).filter((f) => f.severity === "BLOCK");
  if (findings.length) return findings.map((f) => findingText(f, lang)).join(" ");
  return codeText(t, problem.code, problem.detail || problem.title || t("errors.generic"));
}

/**
 * A problem split into messages per field and general messages, all translated. A problem without
 * field errors gives its summary as the one general message.
 */
export function problemErrors(problem: Problem, t: Translate, lang: string): { fields: FieldErrors; general: string[] } {
  const m = mapProblemErrors(problem, problemTranslator(t, lang, problem));
  if (!problem.errors?.length) return { fields: m.fields, general: [problemSummary(problem, t, lang)] };
  return m;
}

/** One sentence for any failed request: forbidden, a translated problem, or a network failure. */
export function errorText(error: unknown, t: Translate, lang: string): string {
  if (error instanceof ApiError) {
    if (error.status === 403 && error.problem.code !== "rule_blocked") return t("errors.forbidden");
    return problemSummary(error.problem, t, lang);
  }
  if (error instanceof TypeError) return t("common.networkError");
  return t("errors.generic");
}
