import { firstPage, safeRedirect } from "./redirect";

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

describe("firstPage", () => {
  it("opens Tugas saya instead of the home page for a principal with a task queue", () => {
    expect(firstPage("/", true)).toBe("/tasks");
    expect(firstPage("/", false)).toBe("/");
  });

  it("keeps a page the user was going to", () => {
    expect(firstPage("/agreements/x", true)).toBe("/agreements/x");
  });
});
