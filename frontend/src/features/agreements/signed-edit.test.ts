import type { AgreementRead } from "../../api/client";
import { isSigned, takesAdendum } from "./signed-edit";

const a = (stage: string, kind = "PKS") => ({ stage, kind }) as unknown as AgreementRead;

describe("editing a signed text", () => {
  it("treats the stages from signing on as signed (R31), drafts and reviews as editable", () => {
    for (const s of ["signed", "dprd_approval", "in_force", "dispute", "ended"]) expect(isSigned(a(s))).toBe(true);
    for (const s of ["draft", "submitted", "tkksd_review", "cancelled"]) expect(isSigned(a(s))).toBe(false);
  });
  it("offers an adendum for the kinds an adendum changes, not for an adendum or a letter of intent", () => {
    expect(takesAdendum(a("in_force", "PKS"))).toBe(true);
    expect(takesAdendum(a("in_force", "KB"))).toBe(true);
    expect(takesAdendum(a("in_force", "ADENDUM"))).toBe(false);
    expect(takesAdendum(a("in_force", "LOI"))).toBe(false);
  });
});
