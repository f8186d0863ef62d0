import { formatDate, formatDecimal, formatMoney, formatWeekday, intlLocale } from "./format";

describe("formatting via Intl", () => {
  it("writes dates the Indonesian way", () => {
    expect(formatDate("2021-10-25", "id")).toBe("25 Oktober 2021");
  });
  it("writes dates the British way in English", () => {
    expect(formatDate("2021-10-25", "en")).toBe("25 October 2021");
  });
  it("does not shift calendar dates across time zones", () => {
    expect(formatDate("2024-01-01", "id")).toBe("1 Januari 2024");
  });
  it("writes the Indonesian long form whatever the month", () => {
    expect(formatDate("2026-07-15", "id")).toBe("15 Juli 2026");
    expect(formatDate("2026-08-17", "id")).toBe("17 Agustus 2026");
    expect(formatDate("2026-07-15", "en")).toBe("15 July 2026");
  });
  it("names the weekday of a calendar date in both languages", () => {
    expect(formatWeekday("2026-07-15", "id")).toBe("Rabu");
    expect(formatWeekday("2026-07-15", "en")).toBe("Wednesday");
  });
  it("shows a dash for missing dates", () => {
    expect(formatDate(null, "id")).toBe("—");
  });
  it("writes rupiah with dots", () => {
    expect(formatMoney("1250000000.00", "id")).toBe("Rp 1.250.000.000");
    expect(formatMoney(1250000000, "en")).toBe("Rp 1,250,000,000");
    expect(formatMoney(null, "id")).toBe("—");
  });
  it("maps languages to locales", () => {
    expect(intlLocale("id")).toBe("id-ID");
    expect(intlLocale("en")).toBe("en-GB");
  });
  it("decimals from the API in the reader's style", () => {
    expect(formatDecimal("9125000000.00", "id")).toBe("9.125.000.000");
    expect(formatDecimal("12.50", "id")).toBe("12,5");
    expect(formatDecimal("12.50", "en")).toBe("12.5");
    expect(formatDecimal(null, "id")).toBe("—");
  });
});
