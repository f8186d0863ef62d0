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
  it("gives every filled badge a background white text reads on", async () => {
    const { theme } = await import("./theme");
    const { DEFAULT_THEME, mergeMantineTheme } = await import("@mantine/core");
    const full = mergeMantineTheme(DEFAULT_THEME, theme);
    let checked = 0;
    for (const color of ["teal", "green", "blue", "red", "grape"]) {
      const out = full.variantColorResolver({ color, theme: full, variant: "filled", autoContrast: true });
      if (out.color.includes("white")) {
        checked += 1;
        expect(contrast(out.background, "#ffffff"), color).toBeGreaterThanOrEqual(4.5);
      }
    }
    expect(checked).toBeGreaterThan(2);
  });
  it("leaves a colour that already reads as it is", () => {
    expect(readableOn("#1c7ed6", "#000000")).toBe("#1c7ed6");
  });
});
