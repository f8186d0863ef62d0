import type { Schemas } from "../../api/client";
import type { paths } from "../../api/schema";

export type ServiceAccount = Schemas["ServiceAccountRead"];
export type ServiceAccountWithSecret = Schemas["ServiceAccountWithSecret"];
export type ServiceAccountCreate = Schemas["ServiceAccountCreate"];
export type ServiceAccountUpdate = Schemas["ServiceAccountUpdate"];
export type ServiceRole = ServiceAccountCreate["role"];
export type Scope = ServiceAccount["scopes"][number];
export type ServiceAccountListQuery = NonNullable<paths["/api/v1/service-accounts"]["get"]["parameters"]["query"]>;

export const SERVICE_ROLES: readonly ServiceRole[] = ["province", "viewer"];
export const SCOPES: readonly Scope[] = ["read", "webhooks"];
export const SERVICE_ACCOUNT_PAGE_SIZE = 25;

/** The columns the list sorts by (the API's `sort` values, "-" for descending). */
export type ServiceAccountSortField = "name" | "client_id";
export type ServiceAccountSort = ServiceAccountSortField | `-${ServiceAccountSortField}`;

/** The ETag of a record as the API sends it (its version, quoted): what If-Match carries. */
export function etagOf(account: Pick<ServiceAccount, "version">): string {
  return `"${account.version}"`;
}

export type ServiceAccountFormValues = { name: string; description: string; role: ServiceRole; scopes: Scope[] };

export function emptyServiceAccountValues(): ServiceAccountFormValues {
  return { name: "", description: "", role: "province", scopes: ["read"] };
}

export function serviceAccountValues(a: ServiceAccount): ServiceAccountFormValues {
  return { name: a.name, description: a.description, role: a.role, scopes: [...a.scopes] };
}

/** Checks the browser can make before sending; the server decides the rest. Values are i18n keys, by field. */
export function validateServiceAccount(v: ServiceAccountFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!v.name.trim()) errors.name = "common.fieldRequired";
  if (v.scopes.length === 0) errors.scopes = "serviceAccounts.form.scopesRequired";
  return errors;
}

export function createPayload(v: ServiceAccountFormValues): ServiceAccountCreate {
  return { name: v.name.trim(), description: v.description.trim(), role: v.role, scopes: SCOPES.filter((s) => v.scopes.includes(s)) };
}

/** Only what changed (the role cannot change after creation). */
export function updatePayload(before: ServiceAccountFormValues, v: ServiceAccountFormValues): ServiceAccountUpdate {
  const out: ServiceAccountUpdate = {};
  if (v.name.trim() !== before.name) out.name = v.name.trim();
  if (v.description.trim() !== before.description) out.description = v.description.trim();
  const sorted = (xs: readonly string[]) => [...xs].sort().join(",");
  if (sorted(v.scopes) !== sorted(before.scopes)) out.scopes = SCOPES.filter((s) => v.scopes.includes(s));
  return out;
}
