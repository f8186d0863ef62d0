import { formatRate } from "./dashboard-page";

describe("compliance rate", () => {
  it("shows a percentage, or a dash when nothing was due", () => {
    expect(formatRate(0.875, "en")).toBe("88%");
    expect(formatRate(1, "id").replace(/\s/g, " ")).toMatch(/^100\s?%$/);
    expect(formatRate(null, "id")).toBe("—");
  });
});
