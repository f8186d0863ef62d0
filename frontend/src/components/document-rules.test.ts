import { formatSize, shortSha, titleFromFile, uploadProblems } from "./document-rules";

describe("document rules", () => {
  it("formats sizes with the language's decimal mark", () => {
    expect(formatSize(512, "id")).toBe("512 B");
    expect(formatSize(1536, "id")).toBe("1,5 KB");
    expect(formatSize(1536, "en")).toBe("1.5 KB");
    expect(formatSize(5 * 1024 * 1024, "id")).toBe("5 MB");
  });
  it("shortens a SHA-256 to 12 hex digits", () => {
    expect(shortSha("a".repeat(64))).toBe("a".repeat(12));
  });
  it("names the missing upload fields, and an empty file", () => {
    expect(uploadProblems({ file: null, title: " ", date: "", type: null })).toEqual(["doc_type", "title", "doc_date", "file"]);
    const empty = new File([], "x.pdf");
    expect(uploadProblems({ file: empty, title: "KAK", date: "2026-01-02", type: "KAK" })).toEqual(["file_empty"]);
    const ok = new File(["%PDF"], "x.pdf");
    expect(uploadProblems({ file: ok, title: "KAK", date: "2026-01-02", type: "KAK" })).toEqual([]);
    expect(uploadProblems({ file: ok, title: "KAK", date: "2026-01-02", type: "KAK", maxBytes: 3 })).toEqual(["file_too_large"]);
    expect(uploadProblems({ file: ok, title: "KAK", date: "2026-01-02", type: "KAK", maxBytes: 4 })).toEqual([]);
  });
  it("suggests a title from the file name", () => {
    expect(titleFromFile("Nota_Dinas 12.pdf")).toBe("Nota Dinas 12");
    expect(titleFromFile("laporan")).toBe("laporan");
  });
});
