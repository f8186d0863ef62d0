import { safeRedirect } from "./redirect";

describe("redirect after sign-in", () => {
  it("returns to the page the user was on", () => {
    expect(safeRedirect("/agreements?category=KSDD")).toBe("/agreements?category=KSDD");
  });
  it("never leaves the site", () => {
    expect(safeRedirect("https://evil.example")).toBe("/");
    expect(safeRedirect("//evil.example")).toBe("/");
    expect(safeRedirect("/\\evil.example")).toBe("/");
    expect(safeRedirect(undefined)).toBe("/");
    expect(safeRedirect("/sign-in?redirect=/x")).toBe("/");
  });
});
