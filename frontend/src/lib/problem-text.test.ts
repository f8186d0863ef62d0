import i18n from "../i18n";
import { ApiError, type Problem } from "../api/problem";
import { errorText, problemErrors } from "./problem-text";

const t = i18n.t.bind(i18n);

const signed: Problem = {
  type: "about:blank",
  title: "Conflict",
  status: 409,
  code: "rule_blocked",
  detail: "The text is signed; change it through an adendum. Locked fields: title.",
  errors: [{ loc: ["body", "title"], msg: "The text is signed; change it through an adendum. Locked fields: title.", code: "R31" }],
  findings: [
    {
      rule_id: "R31",
      severity: "BLOCK",
      message_id: "Naskah sudah ditandatangani; ubah melalui adendum. Kolom terkunci: title.",
      message_en: "The text is signed; change it through an adendum. Locked fields: title.",
      basis: "x",
      fields: ["title"],
    },
  ],
} as Problem;

describe("problem texts by code", () => {
  it("shows a rule-coded field error with the finding's Indonesian message", () => {
    const m = problemErrors(signed, t, "id");
    expect(m.fields.title).toMatch(/^Naskah sudah ditandatangani/);
    expect(errorText(new ApiError(409, signed), t, "id")).toMatch(/^Naskah sudah ditandatangani/);
    expect(errorText(new ApiError(409, signed), t, "en")).toMatch(/^The text is signed/);
  });

  it("translates field and problem codes, and keeps the server text for an unknown code", () => {
    const p: Problem = {
      type: "about:blank",
      title: "Invalid input",
      status: 422,
      code: "validation_error",
      detail: "document_ids.0: Input should be a valid UUID",
      errors: [
        { loc: ["body", "document_ids", 0], msg: "Input should be a valid UUID", code: "uuid_parsing" },
        { loc: ["body", "x"], msg: "Something new", code: "brand_new_code" },
      ],
    };
    const m = problemErrors(p, t, "id");
    expect(m.fields["document_ids.0"]).toBe(i18n.t("serverErrors.uuid_parsing", { lng: "id" }));
    expect(m.fields.x).toBe("Something new");
    const q: Problem = { type: "about:blank", title: "Conflict", status: 409, code: "report_not_editable", detail: "English only" };
    expect(problemErrors(q, t, "id").general).toEqual([i18n.t("serverErrors.report_not_editable", { lng: "id" })]);
  });
});
