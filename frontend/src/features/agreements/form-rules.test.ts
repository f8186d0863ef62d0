import type { AgreementRead } from "../../api/client";
import { applyChange, declarationsFor, emptyAgreementValues, stepOfField, toCreatePayload, toUpdatePayload, validateAgreement, valuesFromAgreement } from "./form-rules";

const valid = () =>
  applyChange(emptyAgreementValues(), {
    category: "KSDD",
    nature: "SUKARELA",
    kind: "PKS",
    parent_id: "11111111-1111-1111-1111-111111111111",
    title: "PKS pasokan cabai",
    lead_opd_id: "22222222-2222-2222-2222-222222222222",
    affair_codes: ["2.09"],
    partners: [
      { partner_id: "33333333-3333-3333-3333-333333333333", partner_name: "Kab. Garut", signatory_name: "", signatory_title: "", document_number: "", power_of_attorney_ref: "" },
    ],
  });

describe("agreement form rules", () => {
  it("accepts a complete PKS", () => {
    expect(validateAgreement(valid(), "create")).toEqual({});
  });

  it("asks for the nature only for KSDD and clears it otherwise", () => {
    expect(validateAgreement({ ...valid(), nature: null }, "create").nature).toBe("agreement.form.natureRequired");
    const v = applyChange(valid(), { category: "SINERGI" });
    expect(v.nature).toBeNull();
    expect(validateAgreement(v, "create").nature).toBeUndefined();
  });

  it("drops a kind the new category does not use, and the parent with it", () => {
    const v = applyChange(valid(), { category: "SINERGI" });
    expect(v.kind).toBeNull();
    expect(v.parent_id).toBeNull();
  });

  it("has no parent for a KB, and requires one for an ADENDUM", () => {
    expect(applyChange(valid(), { kind: "KB" }).parent_id).toBeNull();
    const ad = applyChange(valid(), { kind: "ADENDUM", parent_id: null });
    expect(validateAgreement(ad, "create").parent_id).toBe("agreement.form.parentRequired");
  });

  it("checks the term, the title, the number, affairs and partners", () => {
    const e = validateAgreement(
      { ...valid(), start_date: "2026-01-01", end_date: "2025-12-31", title: "ab", number: "bad#number", affair_codes: [], partners: [] },
      "create",
    );
    expect(e).toMatchObject({
      end_date: "agreement.form.termOrder",
      title: "agreement.form.titleTooShort",
      number: "agreement.form.invalidNumber",
      affair_codes: "agreement.form.affairRequired",
      parties: "agreement.form.partnerRequired",
    });
  });

  it("sends the home region first and only chosen partners", () => {
    const body = toCreatePayload({ ...valid(), partners: [...valid().partners, { ...valid().partners[0], partner_id: "" }] });
    expect(body.parties.map((p) => p.role)).toEqual(["HOME", "PARTNER"]);
    expect(body.number).toBeNull();
    expect(body.nature).toBe("SUKARELA");
  });

  it("patches only what changed", () => {
    const before = valid();
    expect(toUpdatePayload({ ...before, title: "Judul baru" }, before)).toEqual({ title: "Judul baru" });
    expect(toUpdatePayload(before, before)).toEqual({});
  });

  it("reads an agreement back into the form", () => {
    const a = {
      kind: "PKS",
      category: "KSDD",
      nature: "WAJIB",
      parent_id: null,
      number: "N/1",
      title: "T",
      object: "",
      scope: "",
      purpose: "",
      lead_opd: { id: "o1", code: "1", abbreviation: "X", name: "X" },
      related_opd_ids: [],
      affair_codes: ["1.02"],
      parties: [
        { role: "HOME", partner: null, signatory_name: "W", signatory_title: "Wali Kota", document_number: "", power_of_attorney_ref: null },
        { role: "PARTNER", partner: { id: "p1", type: "REGION", name: "Kab. X", region_code: "32.04" }, signatory_name: "B", signatory_title: "Bupati", document_number: "9", power_of_attorney_ref: null },
      ],
      planning_reference: null,
      out_of_plan_reason: null,
      funding_sources: [],
      apbd_value: null,
      burdens_community_and_region: false,
      budgeted_in_current_apbd: true,
      signed_date: "2021-10-25",
      start_date: null,
      end_date: null,
      public: false,
    } as unknown as AgreementRead;
    const v = valuesFromAgreement(a);
    expect(v.home.signatory_title).toBe("Wali Kota");
    expect(v.partners).toEqual([
      { partner_id: "p1", partner_name: "Kab. X", signatory_name: "B", signatory_title: "Bupati", document_number: "9", power_of_attorney_ref: "" },
    ]);
  });

  it("maps a server field to the step that holds it", () => {
    expect(stepOfField("number")).toBe(0);
    expect(stepOfField("parties.1.partner_id")).toBe(1);
    expect(stepOfField("affair_codes")).toBe(2);
    expect(stepOfField("kak.background")).toBe(3);
    expect(stepOfField("nonsense")).toBe(-1);
  });

  it("sends the procedure fields only where they apply", () => {
    const v = applyChange(valid(), { clauses: ["purpose"], feasibility_study_ref: "SK 1", amendment: { title: "", end_date: "2030-01-01", object: "", scope: "" } });
    const p = toCreatePayload(v);
    expect(p.clauses).toEqual(["purpose"]);
    expect(p.feasibility_study_ref).toBeNull(); // KSDD: no feasibility study
    expect(p.amendment).toBeNull(); // a PKS is no ADENDUM
    expect(p.kak).toBeNull();
    const add = toCreatePayload(applyChange(v, { kind: "ADENDUM", kak: { ...v.kak, background: "Latar" } }));
    expect(add.amendment).toEqual({ end_date: "2030-01-01" });
    expect(add.kak?.background).toBe("Latar");
  });

  it("asks for the declarations the rules check: R30 (KSDD KB), R16 (KSDPK KB the partner initiated), R44 (foreign)", () => {
    expect(declarationsFor("KSDD", "KB", false)).toEqual(["cooperation_secretariat"]);
    expect(declarationsFor("KSDPK", "KB", false)).toEqual([]);
    expect(declarationsFor("KSDPK", "KB", true)).toEqual(["technical_fit", "economic_feasibility", "initiator_financial_capacity"]);
    expect(declarationsFor("KSDPL", "LOI", false)).toContain("equivalence");
    expect(declarationsFor("KSDLL", "NASKAH_LN", false)).not.toContain("equivalence");
    expect(declarationsFor("KSDD", "PKS", false)).toEqual([]);
  });

  it("sends initiated_by_partner for a KB or NK only, and the declarations that apply plus the TKKSD's no_conflict", () => {
    const kb = applyChange(valid(), { category: "KSDPK", kind: "KB", parent_id: null, initiated_by_partner: true });
    const v = { ...kb, declarations: { technical_fit: true, no_conflict: true, equivalence: true } };
    const p = toCreatePayload(v);
    expect(p.initiated_by_partner).toBe(true);
    expect(p.declarations).toEqual({ no_conflict: true, technical_fit: true }); // equivalence is for foreign texts
    expect(applyChange(v, { kind: "PKS" }).initiated_by_partner).toBe(false);
    // Unchanged declarations are not sent again; a removed one is.
    expect(toUpdatePayload(v, v)).toEqual({});
    expect(toUpdatePayload({ ...v, declarations: { no_conflict: true } }, v)).toEqual({ declarations: { no_conflict: true } });
  });
});
