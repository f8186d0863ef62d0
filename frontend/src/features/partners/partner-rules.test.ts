import { emptyPartnerValues, partnerCreatePayload, validatePartner } from "./partner-rules";
import { parsePartnerSearch } from "./partner-search";

describe("partner form rules per type", () => {
  it("needs a region for REGION, and the name may default", () => {
    expect(validatePartner(emptyPartnerValues("REGION"))).toEqual({ region_code: "partner.regionRequired" });
    expect(validatePartner({ ...emptyPartnerValues("REGION"), region_code: "32.73" })).toEqual({});
  });

  it("checks third-party kind, legal form, NIB and NPWP", () => {
    const v = { ...emptyPartnerValues("THIRD_PARTY"), name: "PT Bank BJB", third_party_kind: "business_entity" as const, nib: "123", npwp: "01.234" };
    expect(validatePartner(v)).toEqual({ business_form: "partner.formRequired", nib: "partner.invalidNib", npwp: "partner.invalidNpwp" });
    expect(
      validatePartner({ ...v, business_form: "bumd", nib: "1234567890123", npwp: "01.234.567.8-901.000" }),
    ).toEqual({});
  });

  it("an individual has no legal form", () => {
    const v = { ...emptyPartnerValues("THIRD_PARTY"), name: "Budi", third_party_kind: "individual" as const, business_form: "pt" as const };
    expect(validatePartner(v)).toEqual({});
    expect(partnerCreatePayload(v).business_form).toBeNull();
  });

  it("needs a foreign country for FOREIGN_* partners", () => {
    const v = { ...emptyPartnerValues("FOREIGN_GOVERNMENT"), name: "Kawasaki City", country_code: "ID" };
    expect(validatePartner(v).country_code).toBe("partner.invalidCountry");
    expect(validatePartner({ ...v, country_code: "jp" })).toEqual({});
    expect(partnerCreatePayload({ ...v, country_code: "jp" }).country_code).toBe("JP");
  });

  it("sends only the fields of the type", () => {
    const body = partnerCreatePayload({ ...emptyPartnerValues("CENTRAL_GOVERNMENT"), name: "Kejaksaan Negeri Cimahi", nib: "1234567890123" });
    expect(body).not.toHaveProperty("nib");
    expect(body).not.toHaveProperty("region_code");
    expect(body.type).toBe("CENTRAL_GOVERNMENT");
  });

  it("parses the partner list filters from the URL", () => {
    expect(parsePartnerSearch({ type: "REGION", q: " bandung " })).toEqual({ type: "REGION", q: "bandung" });
    expect(parsePartnerSearch({ type: "ALIEN" })).toEqual({});
  });
});
