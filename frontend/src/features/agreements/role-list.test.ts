import { rolesText } from "./role-list";

const labels: Record<string, string> = { "roles.secretariat": "Sekretariat TKKSD", "roles.opd_head": "Kepala OPD", "roles.tkksd": "Anggota TKKSD" };
const t = (key: string, o?: Record<string, unknown>) => labels[key] ?? String(o?.defaultValue ?? key);

describe("rolesText", () => {
  it("joins the role labels with 'atau' in Indonesian and 'or' in English", () => {
    expect(rolesText(["opd_head", "secretariat"], t, "id")).toBe("Kepala OPD atau Sekretariat TKKSD");
    expect(rolesText(["secretariat", "tkksd", "opd_head"], t, "id")).toBe("Sekretariat TKKSD, Anggota TKKSD, atau Kepala OPD");
    expect(rolesText(["secretariat", "opd_head"], t, "en")).toBe("Sekretariat TKKSD or Kepala OPD");
  });

  it("shows an unknown role by its code", () => {
    expect(rolesText(["auditor"], t, "id")).toBe("auditor");
  });
});
