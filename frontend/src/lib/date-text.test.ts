import { parseDateText } from "./date-text";

describe("reading a typed date the Indonesian way", () => {
  it("reads day/month/year, whatever the separator", () => {
    expect(parseDateText("15/07/2026")).toBe("2026-07-15");
    expect(parseDateText("5-7-2026")).toBe("2026-07-05");
    expect(parseDateText(" 01.12.2025 ")).toBe("2025-12-01");
  });
  it("reads day first, never month first (03/04 is 3 April)", () => {
    expect(parseDateText("03/04/2026")).toBe("2026-04-03");
  });
  it("reads month names in Indonesian and English, long or short", () => {
    expect(parseDateText("15 Juli 2026")).toBe("2026-07-15");
    expect(parseDateText("15 July 2026")).toBe("2026-07-15");
    expect(parseDateText("1 Agt 2026")).toBe("2026-08-01");
    expect(parseDateText("1 Ags 2026")).toBe("2026-08-01");
    expect(parseDateText("31 Des 2026")).toBe("2026-12-31");
    expect(parseDateText("9 Mei 2026")).toBe("2026-05-09");
  });
  it("reads the ISO form the API uses", () => {
    expect(parseDateText("2026-07-15")).toBe("2026-07-15");
  });
  it("refuses dates that do not exist and text not yet whole", () => {
    expect(parseDateText("31/02/2026")).toBeNull();
    expect(parseDateText("29/02/2025")).toBeNull();
    expect(parseDateText("29/02/2024")).toBe("2024-02-29");
    expect(parseDateText("15/07/2")).toBeNull();
    expect(parseDateText("15/13/2026")).toBeNull();
    expect(parseDateText("15 Juliet 2026")).toBeNull();
    expect(parseDateText("")).toBeNull();
  });
});
