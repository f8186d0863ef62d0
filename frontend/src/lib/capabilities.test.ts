import { testMe } from "../test/me";
import { capabilitiesOf, has, navFor } from "./capabilities";

describe("capabilities", () => {
  it("has() answers from the server's list, not from the role", () => {
    const admin = testMe([], { role: "admin" });
    expect(has(admin, "agreements:write")).toBe(false);
    const writer = testMe(["agreements:write"], { role: "viewer" });
    expect(has(writer, "agreements:write")).toBe(true);
    expect(has(writer, "partners:write")).toBe(false);
  });

  it("no user, or a user without the field, holds nothing", () => {
    expect(has(null, "agreements:write")).toBe(false);
    const old = testMe();
    delete (old as { capabilities?: unknown }).capabilities;
    expect(capabilitiesOf(old)).toEqual([]);
  });

  it("everyone signed in sees the registers; the reminder screens need reminders:oversee", () => {
    expect(navFor(null)).toEqual([]);
    expect(navFor(testMe())).toEqual(["dashboard", "agreements", "obligations", "monitoring", "partners", "notifications"]);
    expect(navFor(testMe(["reminders:oversee"]))).toEqual([
      "dashboard",
      "agreements",
      "obligations",
      "monitoring",
      "partners",
      "notifications",
      "reminderRules",
      "reminderDeliveries",
    ]);
    expect(navFor(testMe(["reminders:manage"]))).not.toContain("reminderRules");
  });
});
