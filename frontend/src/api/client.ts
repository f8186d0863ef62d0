import createClient from "openapi-fetch";
import type { components, paths } from "./schema";

export type Schemas = components["schemas"];
export type Me = Schemas["MeRead"];
export type AgreementSummary = Schemas["AgreementSummary"];
export type AgreementRead = Schemas["AgreementRead"];
export type AgreementCreate = Schemas["AgreementCreate"];
export type AgreementUpdate = Schemas["AgreementUpdate"];
export type PartnerRead = Schemas["PartnerRead"];
export type PartnerBrief = Schemas["PartnerBrief"];
export type PartnerCreate = Schemas["PartnerCreate"];
export type PartnerUpdate = Schemas["PartnerUpdate"];
export type RegionRead = Schemas["RegionRead"];
export type AffairRead = Schemas["AffairRead"];
export type OpdRead = Schemas["OpdRead"];
export type AuditEntry = Schemas["AuditEntryRead"];
export type AgreementListQuery = NonNullable<
  paths["/api/v1/agreements"]["get"]["parameters"]["query"]
>;
export type PartnerListQuery = NonNullable<paths["/api/v1/partners"]["get"]["parameters"]["query"]>;

/** The access token lives in memory only (CONTRIBUTING.md#add-a-screen); the refresh token is an HttpOnly cookie. */
let accessToken: string | null = null;
let onExpired: (() => void) | null = null;
let refreshing: Promise<boolean> | null = null;

/*
 * A hint, not a secret: "this browser signed in before". The refresh cookie is HttpOnly, so the SPA
 * cannot see whether it has one; without the hint a first visit would call /auth/refresh, get a 401
 * and leave an error in the browser console. With it the silent refresh is tried only where a session
 * may exist. Without storage (private mode) the refresh is always tried, as before.
 */
const SESSION_HINT = "kerjasama.session";

function setHint(on: boolean): void {
  try {
    if (on) window.localStorage.setItem(SESSION_HINT, "1");
    else window.localStorage.removeItem(SESSION_HINT);
  } catch {
    /* no storage: nothing to remember */
  }
}

/** Whether a silent refresh may succeed: this browser signed in and did not sign out since. */
export function mayHaveSession(): boolean {
  try {
    return window.localStorage.getItem(SESSION_HINT) === "1";
  } catch {
    return true;
  }
}

export function setAccessToken(token: string | null): void {
  accessToken = token;
  setHint(token !== null);
}

export function hasAccessToken(): boolean {
  return accessToken !== null;
}

/** Called when a request is refused and a silent refresh does not help. */
export function setSessionExpiredHandler(handler: (() => void) | null): void {
  onExpired = handler;
}

/** Ask for a new access token with the refresh cookie; one request at a time. */
export function refreshAccessToken(): Promise<boolean> {
  refreshing ??= (async () => {
    try {
      const res = await fetch("/api/v1/auth/refresh", { method: "POST", credentials: "same-origin" });
      if (!res.ok) {
        setAccessToken(null);
        return false;
      }
      const body = (await res.json()) as Schemas["TokenResponse"];
      setAccessToken(body.access_token);
      return true;
    } catch {
      return false;
    } finally {
      refreshing = null;
    }
  })();
  return refreshing;
}

async function authFetch(request: Request): Promise<Response> {
  const retry = request.clone();
  if (accessToken) request.headers.set("Authorization", `Bearer ${accessToken}`);
  const res = await fetch(request);
  const isAuthCall = new URL(request.url).pathname.startsWith("/api/v1/auth/");
  if (res.status !== 401 || isAuthCall || accessToken === null) return res;
  if (await refreshAccessToken()) {
    retry.headers.set("Authorization", `Bearer ${accessToken}`);
    return fetch(retry);
  }
  onExpired?.();
  return res;
}

export const api = createClient<paths>({
  baseUrl: typeof window === "undefined" ? "http://localhost" : window.location.origin,
  fetch: authFetch,
  credentials: "same-origin",
});
