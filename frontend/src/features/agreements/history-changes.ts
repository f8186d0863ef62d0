import { formatDate, formatMoney } from "../../lib/format";

type T = (key: string, options?: Record<string, unknown>) => string;

/** What a value needs to be read: the translator, the language, and the names behind ids. */
export type ValueContext = { t: T; lang: string; opdName: (id: string) => string | undefined };

type Kind = "text" | "date" | "bool" | "money" | "opd" | "opds" | "record" | "parties" | "list" | "map" | `enum:${string}` | `enums:${string}`;

/**
 * The fields of an agreement's audit snapshot (agreements/service.snapshot) with the i18n key of their
 * label and how their value reads. A field not listed here still shows, under its own name.
 */
export const HISTORY_FIELDS: Record<string, { label: string; kind: Kind }> = {
  kind: { label: "agreement.kind", kind: "enum:kind" },
  category: { label: "agreement.category", kind: "enum:categoryShort" },
  nature: { label: "agreement.nature", kind: "enum:nature" },
  number: { label: "agreement.number", kind: "text" },
  title: { label: "agreement.title", kind: "text" },
  object: { label: "agreement.object", kind: "text" },
  scope: { label: "agreement.scope", kind: "text" },
  purpose: { label: "agreement.purpose", kind: "text" },
  parent_id: { label: "agreement.parent", kind: "record" },
  predecessor_id: { label: "agreement.history.fields.predecessor", kind: "record" },
  lead_opd_id: { label: "agreement.leadOpd", kind: "opd" },
  related_opd_ids: { label: "agreement.relatedOpds", kind: "opds" },
  affair_codes: { label: "agreement.affairs", kind: "list" },
  parties: { label: "agreement.parties", kind: "parties" },
  planning_reference: { label: "agreement.planningReference", kind: "text" },
  out_of_plan_reason: { label: "agreement.outOfPlanReason", kind: "enum:outOfPlanReason" },
  funding_sources: { label: "agreement.fundingSources", kind: "enums:fundingSource" },
  apbd_value: { label: "agreement.apbdValue", kind: "money" },
  burdens_community_and_region: { label: "agreement.burdens", kind: "bool" },
  budgeted_in_current_apbd: { label: "agreement.budgeted", kind: "bool" },
  signed_date: { label: "agreement.signedDate", kind: "date" },
  start_date: { label: "agreement.startDate", kind: "date" },
  end_date: { label: "agreement.endDate", kind: "date" },
  status: { label: "agreement.status", kind: "enum:status" },
  stage: { label: "agreement.stage", kind: "enum:stage" },
  end_reason: { label: "agreement.endReason", kind: "enum:endReason" },
  is_demo: { label: "agreement.demo", kind: "bool" },
  is_legacy_import: { label: "agreement.legacy", kind: "bool" },
  public: { label: "agreement.public", kind: "bool" },
  kak: { label: "agreement.history.fields.kak", kind: "map" },
  feasibility_study_ref: { label: "agreement.feasibilityStudy", kind: "text" },
  initiated_by_partner: { label: "agreement.initiatedByPartner", kind: "bool" },
  declarations: { label: "agreement.declarationsMade", kind: "map" },
  clauses: { label: "agreement.clauses", kind: "enums:clause" },
  amendment: { label: "agreement.amendment.title", kind: "map" },
  ended_date: { label: "agreement.history.fields.endedDate", kind: "date" },
};

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function isEmpty(v: unknown): boolean {
  return v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && !Array.isArray(v) && Object.keys(v as object).length === 0);
}

/** A short reading of a nested value (a KAK, the declarations, an adendum's changes): "key: value; …". */
function plain(v: unknown, ctx: ValueContext): string {
  if (typeof v === "boolean") return v ? ctx.t("common.yes") : ctx.t("common.no");
  if (typeof v === "string" && DATE.test(v)) return formatDate(v, ctx.lang);
  if (Array.isArray(v)) return v.map((x) => plain(x, ctx)).join(", ");
  if (v && typeof v === "object") return Object.entries(v).map(([k, x]) => `${k}: ${plain(x, ctx)}`).join("; ");
  return String(v);
}

/** One value of a field as a reader should see it: labelled enums, Ya/Tidak, dates the Indonesian way, names for ids. */
export function formatHistoryValue(field: string, value: unknown, ctx: ValueContext): string {
  if (isEmpty(value)) return ctx.t("common.none");
  const kind = HISTORY_FIELDS[field]?.kind ?? "text";
  const { t, lang } = ctx;
  if (kind === "bool") return value ? t("common.yes") : t("common.no");
  if (kind === "date") return formatDate(String(value), lang);
  if (kind === "money") return formatMoney(value as string, lang);
  if (kind === "opd") return ctx.opdName(String(value)) ?? t("agreement.history.fields.unknownOpd");
  if (kind === "opds") return (value as string[]).map((id) => ctx.opdName(id) ?? t("agreement.history.fields.unknownOpd")).join(", ");
  if (kind === "record") return t("agreement.history.fields.otherRecord");
  if (kind === "parties") return t("agreement.history.fields.partiesCount", { count: (value as unknown[]).length });
  if (kind === "list") return (value as unknown[]).map(String).join(", ");
  if (kind.startsWith("enums:")) return (value as string[]).map((v) => t(`enums.${kind.slice(6)}.${v}`, { defaultValue: v })).join(", ");
  if (kind.startsWith("enum:")) return t(`enums.${kind.slice(5)}.${String(value)}`, { defaultValue: String(value) });
  return plain(value, ctx);
}

export type FieldChange = { field: string; label: string; before: string | null; after: string };

/**
 * The fields an audit entry changed, labelled and formatted, in the order of HISTORY_FIELDS. A
 * creation (no `before`) lists the fields it set; values equal on both sides are left out.
 */
export function historyChanges(before: Record<string, unknown> | null | undefined, after: Record<string, unknown> | null | undefined, ctx: ValueContext): FieldChange[] {
  const b = before ?? {};
  const a = after ?? {};
  const known = Object.keys(HISTORY_FIELDS);
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort((x, y) => {
    const ix = known.indexOf(x);
    const iy = known.indexOf(y);
    return (ix < 0 ? 999 : ix) - (iy < 0 ? 999 : iy);
  });
  return fields
    .filter((f) => JSON.stringify(b[f] ?? null) !== JSON.stringify(a[f] ?? null))
    .filter((f) => before || !isEmpty(a[f]))
    .map((f) => ({
      field: f,
      label: HISTORY_FIELDS[f] ? ctx.t(HISTORY_FIELDS[f].label) : f,
      before: before ? formatHistoryValue(f, b[f], ctx) : null,
      after: formatHistoryValue(f, a[f], ctx),
    }));
}
