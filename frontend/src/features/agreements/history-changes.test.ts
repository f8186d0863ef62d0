import i18n from "../../i18n";
import { historyChanges } from "./history-changes";

const ctx = (lang: string) => ({ t: i18n.getFixedT(lang), lang, opdName: (id: string) => (id === "o-dlh" ? "Dinas Lingkungan Hidup" : undefined) });

describe("historyChanges", () => {
  it("labels each changed field and shows old → new values the way a reader reads them", () => {
    const before = { title: "Lama", end_date: "2026-07-15", public: false, kind: "PKS", lead_opd_id: "o-dlh", funding_sources: ["apbd"] };
    const after = { title: "Baru", end_date: "2031-12-31", public: true, kind: "PKS", lead_opd_id: "o-x", funding_sources: ["apbd", "apbn"] };
    const id = historyChanges(before, after, ctx("id"));
    expect(id.map((c) => `${c.label}: ${c.before} → ${c.after}`)).toEqual([
      "Judul: Lama → Baru",
      "OPD pemrakarsa: Dinas Lingkungan Hidup → OPD lain",
      "Sumber pendanaan: APBD Kota → APBD Kota, APBN",
      "Berakhir: 15 Juli 2026 → 31 Desember 2031",
      "Boleh ditampilkan di halaman publik: Tidak → Ya",
    ]);
    const en = historyChanges(before, after, ctx("en"));
    expect(en[0]).toMatchObject({ label: "Title", before: "Lama", after: "Baru" });
    expect(en.find((c) => c.field === "end_date")?.after).toBe("31 December 2031");
    expect(en.find((c) => c.field === "public")?.before).toBe("No");
  });

  it("a creation lists only the fields it set, with enum labels and no raw field names", () => {
    const created = historyChanges(null, { kind: "KB", category: "KSDD", is_legacy_import: true, kak: {}, parent_id: null, stage: "draft" }, ctx("id"));
    expect(created.map((c) => `${c.label}=${c.after}`)).toEqual(["Jenis naskah=Kesepakatan Bersama (KB)", "Kategori=KSDD", "Tahap=Draf", "Impor lama=Ya"]);
    expect(created.every((c) => c.before === null)).toBe(true);
  });
});
