import type { Opd, OpdCreate, OpdUpdate } from "./api";

export type OpdFormValues = { code: string; name: string; abbreviation: string; is_active: boolean };

export function opdValues(o?: Opd): OpdFormValues {
  return o ? { code: o.code, name: o.name, abbreviation: o.abbreviation, is_active: o.is_active } : { code: "", name: "", abbreviation: "", is_active: true };
}

const CODE = /^[A-Za-z0-9._-]+$/;

/** Checks the browser can make before sending (the API's own limits); values are i18n keys, by field. */
export function validateOpd(v: OpdFormValues, mode: "create" | "edit"): Record<string, string> {
  const errors: Record<string, string> = {};
  if (mode === "create") {
    if (!v.code.trim()) errors.code = "common.fieldRequired";
    else if (!CODE.test(v.code.trim())) errors.code = "opds.form.codeRule";
  }
  if (v.name.trim().length < 3) errors.name = v.name.trim() ? "opds.form.nameRule" : "common.fieldRequired";
  if (!v.abbreviation.trim()) errors.abbreviation = "common.fieldRequired";
  return errors;
}

export function createPayload(v: OpdFormValues): OpdCreate {
  return { code: v.code.trim(), name: v.name.trim(), abbreviation: v.abbreviation.trim() };
}

export function updatePayload(before: OpdFormValues, v: OpdFormValues): OpdUpdate {
  const out: OpdUpdate = {};
  if (v.name.trim() !== before.name) out.name = v.name.trim();
  if (v.abbreviation.trim() !== before.abbreviation) out.abbreviation = v.abbreviation.trim();
  if (v.is_active !== before.is_active) out.is_active = v.is_active;
  return out;
}
