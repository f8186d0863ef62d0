import { createTheme, defaultVariantColorsResolver, type CSSVariablesResolver, type VariantColorsResolver } from "@mantine/core";

/**
 * Mantine's defaults with one primary colour, darkened where the defaults fall short of
 * WCAG AA (4.5:1): filled buttons use shade 8, light variants use shade 9 text, dimmed text gray.7.
 */
const variantColorResolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  if (input.variant === "light" || input.variant === "outline" || input.variant === "subtle") {
    const color = input.color ?? input.theme.primaryColor;
    if (color in input.theme.colors) {
      return { ...base, color: `var(--mantine-color-${color}-9)`, border: input.variant === "outline" ? `1px solid var(--mantine-color-${color}-9)` : base.border };
    }
  }
  return base;
};

export const theme = createTheme({
  primaryColor: "blue",
  primaryShade: { light: 8, dark: 8 },
  autoContrast: true,
  variantColorResolver,
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', sans-serif",
  defaultRadius: "sm",
});

export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: { "--mantine-color-dimmed": "var(--mantine-color-gray-7)" },
  dark: {},
});
