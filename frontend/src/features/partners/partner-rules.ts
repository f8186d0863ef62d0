import type { PartnerCreate, PartnerRead, PartnerUpdate } from "../../api/client";

import type { PartnerType } from "./partner-types";

export { PARTNER_TYPES, type PartnerType } from "./partner-types";
export const THIRD_PARTY_KINDS = ["individual", "business_entity", "civil_organisation"] as const;
export type ThirdPartyKind = (typeof THIRD_PARTY_KINDS)[number];
export type BusinessForm = NonNullable<PartnerCreate["business_form"]>;

/** PP 28/2018 Pasal 14: the legal forms that fit each kind of third party (mirrors the API). */
export const BUSINESS_FORMS_BY_KIND: Record<ThirdPartyKind, readonly BusinessForm[]> = {
  individual: [],
  business_entity: ["bumn", "bumd", "koperasi", "pt", "other_business"],
  civil_organisation: ["yayasan", "perkumpulan", "unincorporated_organisation"],
};

export type ContactValues = { name: string; title: string; email: string; phone: string };

export type PartnerFormValues = {
  type: PartnerType;
  name: string;
  region_code: string | null;
  third_party_kind: ThirdPartyKind | null;
  business_form: BusinessForm | null;
  nib: string;
  npwp: string;
  country_code: string;
  is_bankrupt: boolean;
  address: string;
  notes: string;
  contacts: ContactValues[];
};

export function emptyPartnerValues(type: PartnerType = "REGION"): PartnerFormValues {
  return {
    type,
    name: "",
    region_code: null,
    third_party_kind: null,
    business_form: null,
    nib: "",
    npwp: "",
    country_code: "",
    is_bankrupt: false,
    address: "",
    notes: "",
    contacts: [],
  };
}

export function partnerValuesFrom(p: PartnerRead): PartnerFormValues {
  return {
    type: p.type,
    name: p.name,
    region_code: p.region_code ?? null,
    third_party_kind: p.third_party_kind ?? null,
    business_form: p.business_form ?? null,
    nib: p.nib ?? "",
    npwp: p.npwp ?? "",
    country_code: p.country_code ?? "",
    is_bankrupt: p.is_bankrupt,
    address: p.address,
    notes: p.notes,
    contacts: p.contacts.map((c) => ({ name: c.name, title: c.title, email: c.email ?? "", phone: c.phone ?? "" })),
  };
}

const digits = (s: string) => s.replace(/\D/g, "");

/** Client-side rules per partner type; values are i18n keys. */
export function validatePartner(v: PartnerFormValues): Record<string, string> {
  const e: Record<string, string> = {};
  if (v.type !== "REGION" && v.name.trim().length < 2) e.name = "partner.nameRequired";
  if (v.type === "REGION" && !v.region_code) e.region_code = "partner.regionRequired";
  if (v.type === "THIRD_PARTY") {
    if (!v.third_party_kind) e.third_party_kind = "partner.kindRequired";
    else if (BUSINESS_FORMS_BY_KIND[v.third_party_kind].length > 0 && !v.business_form) e.business_form = "partner.formRequired";
    if (v.nib && digits(v.nib).length !== 13) e.nib = "partner.invalidNib";
    if (v.npwp && ![15, 16].includes(digits(v.npwp).length)) e.npwp = "partner.invalidNpwp";
  }
  if (v.type === "FOREIGN_GOVERNMENT" || v.type === "FOREIGN_INSTITUTION") {
    if (!/^[A-Za-z]{2}$/.test(v.country_code) || v.country_code.toUpperCase() === "ID") e.country_code = "partner.invalidCountry";
  }
  v.contacts.forEach((c, i) => {
    if (!c.name.trim()) e[`contacts.${i}.name`] = "common.fieldRequired";
  });
  return e;
}

/** Only the fields that belong to the type are sent (the API rejects the others). */
export function partnerPayload(v: PartnerFormValues): PartnerUpdate {
  const opt = (s: string) => (s.trim() ? s.trim() : null);
  const out: PartnerUpdate = {
    name: opt(v.name),
    address: v.address,
    notes: v.notes,
    contacts: v.contacts.map((c) => ({ name: c.name.trim(), title: c.title.trim(), email: opt(c.email), phone: opt(c.phone) })),
  };
  if (v.type === "REGION") out.region_code = v.region_code;
  if (v.type === "THIRD_PARTY") {
    out.third_party_kind = v.third_party_kind;
    out.business_form = v.third_party_kind && BUSINESS_FORMS_BY_KIND[v.third_party_kind].length ? v.business_form : null;
    out.nib = opt(v.nib);
    out.npwp = opt(v.npwp);
    out.is_bankrupt = v.is_bankrupt;
  }
  if (v.type === "FOREIGN_GOVERNMENT" || v.type === "FOREIGN_INSTITUTION") out.country_code = v.country_code.toUpperCase();
  return out;
}

export function partnerCreatePayload(v: PartnerFormValues): PartnerCreate {
  return { ...partnerPayload(v), type: v.type };
}
