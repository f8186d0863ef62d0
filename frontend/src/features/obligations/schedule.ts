import type { Schemas } from "../../api/client";

export type ScheduleType = Schemas["ObligationCreate"]["schedule_type"] & string;
export type Frequency = NonNullable<Schemas["ObligationCreate"]["frequency"]>;
export const SCHEDULE_TYPES: readonly ScheduleType[] = ["one_off", "recurring", "continuous"];
export const FREQUENCIES: readonly Frequency[] = ["monthly", "quarterly", "semester", "yearly"];

/** The obligation form as typed (strings for every input). */
export type ObligationFormValues = {
  party: string | null;
  kind: "HAK" | "KEWAJIBAN" | null;
  description: string;
  clause: string;
  responsibleOpdId: string | null;
  scheduleType: ScheduleType;
  dueDate: string;
  frequency: Frequency | null;
  anchorDate: string;
  indicator: string;
  target: string;
  unit: string;
  value: string;
};

export const HOME_PARTY = "__home__";

export const EMPTY_OBLIGATION: ObligationFormValues = {
  party: null,
  kind: null,
  description: "",
  clause: "",
  responsibleOpdId: null,
  scheduleType: "continuous",
  dueDate: "",
  frequency: null,
  anchorDate: "",
  indicator: "",
  target: "",
  unit: "",
  value: "",
};

const blank = (s: string) => (s.trim() === "" ? null : s.trim());

/** "1.250,5" or "1250,5" (Indonesian) and "1250.5" all become "1250.5"; anything else is sent as typed. */
export function normaliseNumber(input: string): string | null {
  const s = input.trim().replace(/\s/g, "");
  if (s === "") return null;
  if (/^\d{1,3}(\.\d{3})+(,\d+)?$/.test(s)) return s.replace(/\./g, "").replace(",", ".");
  if (/^\d+,\d+$/.test(s)) return s.replace(",", ".");
  return s;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Fields the form must still fill before it can be sent (the server checks the term). */
export function obligationProblems(v: ObligationFormValues): string[] {
  const out: string[] = [];
  if (v.party === null) out.push("partner_id");
  if (v.kind === null) out.push("kind");
  if (v.description.trim().length < 3) out.push("description");
  if (v.scheduleType === "one_off" && !DATE.test(v.dueDate)) out.push("due_date");
  if (v.scheduleType === "recurring") {
    if (v.frequency === null) out.push("frequency");
    if (!DATE.test(v.anchorDate)) out.push("anchor_date");
  }
  return out;
}

/** The request body: only the schedule fields the chosen schedule uses, the others null. */
export function obligationBody(v: ObligationFormValues): Schemas["ObligationCreate"] {
  return {
    partner_id: v.party === HOME_PARTY ? null : v.party,
    kind: v.kind ?? "KEWAJIBAN",
    description: v.description.trim(),
    clause_reference: v.clause.trim(),
    responsible_opd_id: v.responsibleOpdId,
    schedule_type: v.scheduleType,
    due_date: v.scheduleType === "one_off" ? v.dueDate : null,
    frequency: v.scheduleType === "recurring" ? v.frequency : null,
    anchor_date: v.scheduleType === "recurring" ? v.anchorDate : null,
    indicator: blank(v.indicator),
    target: normaliseNumber(v.target),
    unit: blank(v.unit),
    value: normaliseNumber(v.value),
  };
}

/** The form, filled from a saved obligation (for editing). */
export function formFromObligation(o: Schemas["ObligationSummary"]): ObligationFormValues {
  return {
    party: o.partner_id ?? HOME_PARTY,
    kind: o.kind,
    description: o.description,
    clause: o.clause_reference,
    responsibleOpdId: o.responsible_opd_id ?? null,
    scheduleType: o.schedule_type,
    dueDate: o.due_date ?? "",
    frequency: o.frequency ?? null,
    anchorDate: o.anchor_date ?? "",
    indicator: o.indicator ?? "",
    target: o.target ?? "",
    unit: o.unit ?? "",
    value: o.value ?? "",
  };
}
