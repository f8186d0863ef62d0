import type { Schemas } from "./client";

export type DuplicateRef = { id: string; name: string; matched_on: string };

/** RFC 9457 problem as the API sends it, plus the extras some answers carry (409 duplicates). */
export type Problem = Schemas["Problem"] & {
  existing_id?: string;
  duplicates?: DuplicateRef[];
};

export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly retryAfter: number | null;

  constructor(status: number, problem: Problem, retryAfter: number | null = null) {
    super(problem.detail || problem.title);
    this.name = "ApiError";
    this.status = status;
    this.problem = problem;
    this.retryAfter = retryAfter;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "status" in value && "title" in value;
}

export function toApiError(error: unknown, response: Response): ApiError {
  const retry = response.headers.get("Retry-After");
  const problem: Problem = isProblem(error)
    ? error
    : { type: "about:blank", title: response.statusText || "Error", status: response.status, code: "http_error", detail: "" };
  return new ApiError(response.status, problem, retry ? Number(retry) : null);
}

type Result<T> = { data?: T; error?: unknown; response: Response };

/** Return the data of an openapi-fetch answer, or throw an ApiError. */
export function unwrap<T>(result: Result<T>): T {
  if (result.error !== undefined || !result.response.ok) throw toApiError(result.error, result.response);
  return result.data as T;
}

/** Like unwrap, and also the record's ETag (its version) for If-Match. */
export function unwrapWithEtag<T>(result: Result<T>): { data: T; etag: string } {
  const data = unwrap(result);
  return { data, etag: result.response.headers.get("ETag") ?? "" };
}

export type FieldErrors = Record<string, string>;

/**
 * Split a problem's errors into per-field messages (keyed by loc[1..] joined with ".")
 * and general messages (errors about the whole body, or without a field).
 */
export function mapProblemErrors(
  problem: Problem,
  translate: (code: string, msg: string) => string = (_code, msg) => msg,
): { fields: FieldErrors; general: string[] } {
  const fields: FieldErrors = {};
  const general: string[] = [];
  for (const e of problem.errors ?? []) {
    const [where, ...rest] = e.loc;
    const path = rest.map(String).join(".");
    const msg = translate(e.code, e.msg.replace(/^Value error, /, ""));
    if ((where === "body" || where === "query") && path) {
      fields[path] ??= msg;
    } else {
      general.push(msg);
    }
  }
  if (!problem.errors?.length && problem.detail) general.push(translate(problem.code, problem.detail));
  return { fields, general };
}

/** The message for the first field under `prefix` (e.g. "parties" matches "parties.0.partner_id"). */
export function fieldError(fields: FieldErrors, name: string): string | undefined {
  if (fields[name]) return fields[name];
  const key = Object.keys(fields).find((k) => k.startsWith(`${name}.`));
  return key ? fields[key] : undefined;
}
