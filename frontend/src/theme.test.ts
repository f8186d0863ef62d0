import { DEFAULT_THEME } from "@mantine/core";
import { contrast, readableOn } from "./theme";

describe("readable badge colours (axe colour-contrast)", () => {
  it("measures contrast the WCAG way", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 0);
    expect(contrast("#087f5b", "#c3fae8")).toBeCloseTo(4.33, 1);
  });
  it("darkens every palette's shade 9 until it reads on its shade 2 (light, hovered) and on white", () => {
    for (const [name, shades] of Object.entries(DEFAULT_THEME.colors)) {
      expect(contrast(readableOn(shades[9], shades[2]), shades[2]), name).toBeGreaterThanOrEqual(4.5);
      expect(contrast(readableOn(shades[9], "#ffffff"), "#ffffff"), name).toBeGreaterThanOrEqual(4.5);
    }
  });
  it("leaves a colour that already reads as it is", () => {
    expect(readableOn("#1c7ed6", "#000000")).toBe("#1c7ed6");
  });
});
