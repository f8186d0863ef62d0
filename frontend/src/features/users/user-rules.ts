import type { Schemas } from "../../api/client";
import type { paths } from "../../api/schema";
import i18n from "../../i18n";

export type User = Schemas["UserRead"];
export type UserCreate = Schemas["UserCreate"];
export type UserUpdate = Schemas["UserUpdate"];
export type Role = UserCreate["role"];
export type UserListQuery = NonNullable<paths["/api/v1/users"]["get"]["parameters"]["query"]>;

/**
 * The roles an account may hold, in the order the role label map lists them. The SPA writes no role
 * name as a value (lib/role-names.test.ts): the label map is the one list it keeps, and the server
 * decides what each role may do and which roles need an OPD (422 `opd_required` on `opd_id`). The
 * map is a core message group (i18n/index.ts), loaded before anything renders; both languages list
 * the same keys in the same order.
 */
export function userRoles(): Role[] {
  return Object.keys((i18n.getResource(i18n.language, "translation", "roles") as object | undefined) ?? {}) as Role[];
}

/** The ETag of a record as the API sends it (its version, quoted): what If-Match carries. */
export function etagOf(user: Pick<User, "version">): string {
  return `"${user.version}"`;
}

export const MIN_PASSWORD = 10;

export type UserFormValues = {
  username: string;
  password: string;
  full_name: string;
  email: string;
  role: Role | null;
  opd_id: string | null;
};

export function emptyUserValues(): UserFormValues {
  return { username: "", password: "", full_name: "", email: "", role: null, opd_id: null };
}

export function userValues(u: User): UserFormValues {
  return { username: u.username, password: "", full_name: u.full_name, email: u.email ?? "", role: u.role, opd_id: u.opd_id };
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,79}$/;

/** Checks the browser can make before sending; the server decides the rest. Values are i18n keys, by field. */
export function validateUser(v: UserFormValues, mode: "create" | "edit"): Record<string, string> {
  const errors: Record<string, string> = {};
  if (mode === "create") {
    if (!v.username.trim()) errors.username = "common.fieldRequired";
    else if (!USERNAME.test(v.username.trim())) errors.username = "users.form.usernameRule";
    if (v.password.length < MIN_PASSWORD) errors.password = "users.form.passwordRule";
  }
  if (!v.role) errors.role = "common.fieldRequired";
  return errors;
}

export function createPayload(v: UserFormValues): UserCreate {
  return {
    username: v.username.trim(),
    password: v.password,
    role: v.role as Role,
    opd_id: v.opd_id,
    full_name: v.full_name.trim(),
    email: v.email.trim() || null,
  };
}

/** Only what changed. */
export function updatePayload(before: UserFormValues, v: UserFormValues): UserUpdate {
  const out: UserUpdate = {};
  if (v.full_name.trim() !== before.full_name) out.full_name = v.full_name.trim();
  if (v.email.trim() !== before.email) out.email = v.email.trim() || null;
  if (v.role !== before.role && v.role) out.role = v.role;
  if (v.opd_id !== before.opd_id) out.opd_id = v.opd_id;
  return out;
}
