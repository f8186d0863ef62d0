import type { AgreementCreate, AgreementRead, AgreementUpdate } from "../../api/client";
import type { Category, Kind, Nature } from "./filters";

/** Which kinds of text each category uses (mirrors the API's KINDS_BY_CATEGORY). */
export const KINDS_BY_CATEGORY: Record<Category, readonly Kind[]> = {
  KSDD: ["KB", "PKS", "ADENDUM"],
  KSDPK: ["KB", "PKS", "ADENDUM"],
  KSDPL: ["LOI", "NASKAH_LN", "ADENDUM"],
  KSDLL: ["LOI", "NASKAH_LN", "ADENDUM"],
  SINERGI: ["NK", "RK", "ADENDUM"],
};

/** Which kinds may be the parent of each kind; null: no parent allowed. */
export const PARENT_KINDS: Record<Kind, readonly Kind[] | null> = {
  KB: null,
  NK: null,
  LOI: null,
  PKS: ["KB"],
  RK: ["NK"],
  NASKAH_LN: ["LOI"],
  ADENDUM: ["KB", "PKS", "NK", "RK", "NASKAH_LN"],
};

/** Kinds whose parent is mandatory. */
export const PARENT_REQUIRED: readonly Kind[] = ["RK", "ADENDUM"];

/** The kind a child of this kind usually is (for "add a text under this one"). */
export const CHILD_KIND: Partial<Record<Kind, Kind>> = { KB: "PKS", NK: "RK", LOI: "NASKAH_LN" };

export const FUNDING_SOURCES = ["apbd", "apbd_provinsi", "apbn", "partner", "third_party", "other"] as const;
export const OUT_OF_PLAN_REASONS = ["emergency", "national_strategic_programme", "tugas_pembantuan"] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export type OutOfPlanReason = (typeof OUT_OF_PLAN_REASONS)[number];

export const KAK_HEADINGS = ["background", "purpose", "location", "scope", "term", "benefits", "impact", "financing"] as const;
export type KakHeading = (typeof KAK_HEADINGS)[number];
export const CLAUSES = [
  "purpose",
  "object",
  "scope",
  "implementation",
  "rights_obligations",
  "financing",
  "term",
  "dispute_settlement",
  "force_majeure",
  "termination",
  "sanctions",
  "correspondence",
  "other",
] as const;
export type Clause = (typeof CLAUSES)[number];
export const AMENDMENT_FIELDS = ["title", "end_date", "object", "scope"] as const;
export type AmendmentField = (typeof AMENDMENT_FIELDS)[number];

/** The declarations the form asks for; `no_conflict` (R9) is the TKKSD's, recorded with `approve`. */
export const FORM_DECLARATIONS = [
  "cooperation_secretariat",
  "technical_fit",
  "economic_feasibility",
  "initiator_financial_capacity",
  "diplomatic_relations",
  "no_representative_office",
  "technology_transfer",
  "equivalence",
] as const;
export type FormDeclaration = (typeof FORM_DECLARATIONS)[number];

/** Kinds that pass the offer stage, where the partner may have made the offer (Permendagri 22/2020 Pasal 8(2), 28). */
export const OFFER_KINDS: readonly Kind[] = ["KB", "NK"];

/**
 * The declarations the rules look at for this text: R30 (a cooperation secretariat, KSDD KB), R16 (a
 * KSDPK KB the third party initiated) and R44 (foreign LoI and text; equivalence for KSDPL only).
 */
export function declarationsFor(category: Category | null, kind: Kind | null, initiatedByPartner: boolean): FormDeclaration[] {
  if (kind === "KB" && category === "KSDD") return ["cooperation_secretariat"];
  if (kind === "KB" && category === "KSDPK" && initiatedByPartner) return ["technical_fit", "economic_feasibility", "initiator_financial_capacity"];
  if ((kind === "LOI" || kind === "NASKAH_LN") && (category === "KSDPL" || category === "KSDLL")) {
    return ["diplomatic_relations", "no_representative_office", "technology_transfer", ...(category === "KSDPL" ? (["equivalence"] as const) : [])];
  }
  return [];
}

/** Kinds whose text lists its clauses (Permendagri 22/2020 Pasal 40-41). */
export const CLAUSE_KINDS: readonly Kind[] = ["PKS", "ADENDUM"];

/** The form's steps and the fields each holds: a server error jumps to the step of its field. */
export const FORM_STEPS: readonly (readonly string[])[] = [
  ["category", "kind", "nature", "parent_id", "number"],
  ["parties"],
  ["title", "purpose", "object", "scope", "affair_codes", "lead_opd_id", "related_opd_ids", "planning_reference", "out_of_plan_reason"],
  [
    "signed_date",
    "start_date",
    "end_date",
    "funding_sources",
    "apbd_value",
    "burdens_community_and_region",
    "budgeted_in_current_apbd",
    "public",
    "initiated_by_partner",
    "declarations",
    "kak",
    "feasibility_study_ref",
    "clauses",
    "amendment",
  ],
];

/** The step holding a field ("parties.1.partner_id" → the parties step); -1 when no step has it. */
export function stepOfField(field: string): number {
  const root = field.split(".")[0];
  return FORM_STEPS.findIndex((fields) => fields.includes(root));
}

export type PartyValues = {
  partner_id: string;
  partner_name: string;
  signatory_name: string;
  signatory_title: string;
  document_number: string;
  power_of_attorney_ref: string;
};

export type AgreementFormValues = {
  kind: Kind | null;
  category: Category | null;
  nature: Nature | null;
  parent_id: string | null;
  number: string;
  title: string;
  object: string;
  scope: string;
  purpose: string;
  lead_opd_id: string | null;
  related_opd_ids: string[];
  affair_codes: string[];
  home: Omit<PartyValues, "partner_id" | "partner_name">;
  partners: PartyValues[];
  planning_reference: string;
  out_of_plan_reason: OutOfPlanReason | null;
  funding_sources: FundingSource[];
  apbd_value: string;
  burdens_community_and_region: boolean;
  budgeted_in_current_apbd: boolean;
  signed_date: string;
  start_date: string;
  end_date: string;
  public: boolean;
  kak: Record<KakHeading, string>;
  feasibility_study_ref: string;
  clauses: Clause[];
  amendment: Record<AmendmentField, string>;
  initiated_by_partner: boolean;
  declarations: Record<string, boolean>;
};

const emptyKak = (): Record<KakHeading, string> =>
  Object.fromEntries(KAK_HEADINGS.map((k) => [k, ""])) as Record<KakHeading, string>;
const emptyAmendment = (): Record<AmendmentField, string> =>
  Object.fromEntries(AMENDMENT_FIELDS.map((k) => [k, ""])) as Record<AmendmentField, string>;

export const emptyParty = (): PartyValues => ({
  partner_id: "",
  partner_name: "",
  signatory_name: "",
  signatory_title: "",
  document_number: "",
  power_of_attorney_ref: "",
});

export function emptyAgreementValues(): AgreementFormValues {
  return {
    kind: null,
    category: null,
    nature: null,
    parent_id: null,
    number: "",
    title: "",
    object: "",
    scope: "",
    purpose: "",
    lead_opd_id: null,
    related_opd_ids: [],
    affair_codes: [],
    home: { signatory_name: "", signatory_title: "", document_number: "", power_of_attorney_ref: "" },
    partners: [emptyParty()],
    planning_reference: "",
    out_of_plan_reason: null,
    funding_sources: [],
    apbd_value: "",
    burdens_community_and_region: false,
    budgeted_in_current_apbd: true,
    signed_date: "",
    start_date: "",
    end_date: "",
    public: false,
    kak: emptyKak(),
    feasibility_study_ref: "",
    clauses: [],
    amendment: emptyAmendment(),
    initiated_by_partner: false,
    declarations: {},
  };
}

export function valuesFromAgreement(a: AgreementRead): AgreementFormValues {
  const home = a.parties.find((p) => p.role === "HOME");
  return {
    kind: a.kind,
    category: a.category,
    nature: a.nature ?? null,
    parent_id: a.parent_id ?? null,
    number: a.number,
    title: a.title,
    object: a.object,
    scope: a.scope,
    purpose: a.purpose,
    lead_opd_id: a.lead_opd.id,
    related_opd_ids: a.related_opd_ids,
    affair_codes: a.affair_codes,
    home: {
      signatory_name: home?.signatory_name ?? "",
      signatory_title: home?.signatory_title ?? "",
      document_number: home?.document_number ?? "",
      power_of_attorney_ref: home?.power_of_attorney_ref ?? "",
    },
    partners: a.parties
      .filter((p) => p.role === "PARTNER" && p.partner)
      .map((p) => ({
        partner_id: p.partner?.id ?? "",
        partner_name: p.partner?.name ?? "",
        signatory_name: p.signatory_name,
        signatory_title: p.signatory_title,
        document_number: p.document_number,
        power_of_attorney_ref: p.power_of_attorney_ref ?? "",
      })),
    planning_reference: a.planning_reference ?? "",
    out_of_plan_reason: a.out_of_plan_reason ?? null,
    funding_sources: a.funding_sources,
    apbd_value: a.apbd_value ?? "",
    burdens_community_and_region: a.burdens_community_and_region,
    budgeted_in_current_apbd: a.budgeted_in_current_apbd,
    signed_date: a.signed_date ?? "",
    start_date: a.start_date ?? "",
    end_date: a.end_date ?? "",
    public: a.public,
    kak: { ...emptyKak(), ...pick(a.kak, KAK_HEADINGS) },
    feasibility_study_ref: a.feasibility_study_ref ?? "",
    clauses: (a.clauses ?? []).filter((c): c is Clause => (CLAUSES as readonly string[]).includes(c)),
    amendment: { ...emptyAmendment(), ...pick(a.amendment, AMENDMENT_FIELDS) },
    initiated_by_partner: a.initiated_by_partner,
    declarations: { ...a.declarations },
  };
}

function pick<K extends string>(source: Record<string, unknown> | null | undefined, keys: readonly K[]): Partial<Record<K, string>> {
  const out: Partial<Record<K, string>> = {};
  for (const k of keys) {
    const v = source?.[k];
    if (v !== null && v !== undefined) out[k] = String(v);
  }
  return out;
}

/** Apply a change and keep the form consistent (nature only for KSDD, kinds per category, parents per kind). */
export function applyChange(values: AgreementFormValues, change: Partial<AgreementFormValues>): AgreementFormValues {
  const next = { ...values, ...change };
  if (next.category !== "KSDD") next.nature = null;
  if (next.category && next.kind && !KINDS_BY_CATEGORY[next.category].includes(next.kind)) next.kind = null;
  if (!next.kind || PARENT_KINDS[next.kind] === null) next.parent_id = null;
  if (!next.kind || !OFFER_KINDS.includes(next.kind)) next.initiated_by_partner = false;
  return next;
}

export const NUMBER_PATTERN = /^[A-Za-z0-9./\-_ ]+$/;

/** Client-side rules, checked as the user types; the keys are i18n keys. The server has the last word. */
export function validateAgreement(v: AgreementFormValues, mode: "create" | "edit"): Record<string, string> {
  const e: Record<string, string> = {};
  if (mode === "create") {
    if (!v.category) e.category = "common.fieldRequired";
    if (!v.kind) e.kind = "common.fieldRequired";
    else if (v.category && !KINDS_BY_CATEGORY[v.category].includes(v.kind)) e.kind = "agreement.form.kindNotInCategory";
    if (v.kind && PARENT_REQUIRED.includes(v.kind) && !v.parent_id) e.parent_id = "agreement.form.parentRequired";
    if (v.number && (v.number.trim().length < 3 || !NUMBER_PATTERN.test(v.number))) e.number = "agreement.form.invalidNumber";
  }
  if (v.category === "KSDD" && !v.nature) e.nature = "agreement.form.natureRequired";
  if (v.title.trim().length < 3) e.title = "agreement.form.titleTooShort";
  if (!v.lead_opd_id) e.lead_opd_id = "common.fieldRequired";
  if (v.affair_codes.length === 0) e.affair_codes = "agreement.form.affairRequired";
  if (!v.partners.some((p) => p.partner_id)) e.parties = "agreement.form.partnerRequired";
  if (v.start_date && v.end_date && v.end_date <= v.start_date) e.end_date = "agreement.form.termOrder";
  return e;
}

function partiesPayload(v: AgreementFormValues): AgreementCreate["parties"] {
  const opt = (s: string) => (s.trim() ? s.trim() : null);
  return [
    {
      partner_id: null,
      role: "HOME",
      signatory_name: v.home.signatory_name.trim(),
      signatory_title: v.home.signatory_title.trim(),
      document_number: v.home.document_number.trim(),
      power_of_attorney_ref: opt(v.home.power_of_attorney_ref),
    },
    ...v.partners
      .filter((p) => p.partner_id)
      .map((p) => ({
        partner_id: p.partner_id,
        role: "PARTNER" as const,
        signatory_name: p.signatory_name.trim(),
        signatory_title: p.signatory_title.trim(),
        document_number: p.document_number.trim(),
        power_of_attorney_ref: opt(p.power_of_attorney_ref),
      })),
  ];
}

/** The fields both create and update carry. */
function commonPayload(v: AgreementFormValues) {
  const opt = (s: string) => (s.trim() ? s.trim() : null);
  return {
    nature: v.nature,
    title: v.title.trim(),
    object: v.object,
    scope: v.scope,
    purpose: v.purpose,
    parties: partiesPayload(v),
    affair_codes: v.affair_codes,
    lead_opd_id: v.lead_opd_id ?? "",
    related_opd_ids: v.related_opd_ids,
    planning_reference: opt(v.planning_reference),
    out_of_plan_reason: v.out_of_plan_reason,
    funding_sources: v.funding_sources,
    apbd_value: opt(v.apbd_value),
    burdens_community_and_region: v.burdens_community_and_region,
    budgeted_in_current_apbd: v.budgeted_in_current_apbd,
    signed_date: opt(v.signed_date),
    start_date: opt(v.start_date),
    end_date: opt(v.end_date),
    public: v.public,
    kak: KAK_HEADINGS.some((k) => v.kak[k].trim()) ? v.kak : null,
    feasibility_study_ref: v.category === "KSDPK" ? opt(v.feasibility_study_ref) : null,
    clauses: v.kind && CLAUSE_KINDS.includes(v.kind) && v.clauses.length ? v.clauses : null,
    amendment: v.kind === "ADENDUM" ? amendmentPayload(v.amendment) : null,
    initiated_by_partner: v.initiated_by_partner,
    declarations: declarationsPayload(v),
  };
}

/**
 * The declarations sent: those the form asks for this text, plus any the form does not manage
 * (R9's no_conflict, recorded with the telaahan), sorted so an unchanged set compares equal.
 */
function declarationsPayload(v: AgreementFormValues): Record<string, boolean> | null {
  const asked: readonly string[] = declarationsFor(v.category, v.kind, v.initiated_by_partner);
  const managed: readonly string[] = FORM_DECLARATIONS;
  const keys = Object.keys(v.declarations)
    .filter((k) => !managed.includes(k) || asked.includes(k))
    .sort();
  return keys.length ? Object.fromEntries(keys.map((k) => [k, v.declarations[k]])) : null;
}

/** The changes an ADENDUM applies to its parent: only the fields filled in. */
function amendmentPayload(a: Record<AmendmentField, string>) {
  const out: { title?: string; end_date?: string; object?: string; scope?: string } = {};
  for (const k of AMENDMENT_FIELDS) if (a[k].trim()) out[k] = a[k].trim();
  return Object.keys(out).length ? out : null;
}

export function toCreatePayload(v: AgreementFormValues): AgreementCreate {
  return {
    ...commonPayload(v),
    kind: v.kind ?? "KB",
    category: v.category ?? "KSDD",
    parent_id: v.parent_id,
    number: v.number.trim() ? v.number.trim() : null,
    is_demo: false,
    is_legacy_import: false,
  };
}

/** Only what changed, so a PATCH never overwrites fields the user did not touch. */
export function toUpdatePayload(v: AgreementFormValues, initial: AgreementFormValues): AgreementUpdate {
  const now = commonPayload(v);
  const before = commonPayload(initial);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(now) as (keyof typeof now)[]) {
    if (JSON.stringify(now[key]) !== JSON.stringify(before[key])) out[key] = now[key];
  }
  return out as AgreementUpdate;
}
