import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { testMe } from "../test/me";
import { CAPABILITIES, capabilitiesOf, has, isAdminNav, navFor } from "./capabilities";

describe("capabilities", () => {
  it("has() answers from the server's list, not from the role", () => {
    const admin = testMe([], { role: "admin" });
    expect(has(admin, "agreements:write")).toBe(false);
    const writer = testMe(["agreements:write"], { role: "viewer" });
    expect(has(writer, "agreements:write")).toBe(true);
    expect(has(writer, "partners:write")).toBe(false);
  });

  it("no user holds nothing", () => {
    expect(has(null, "agreements:write")).toBe(false);
    expect(capabilitiesOf(undefined)).toEqual([]);
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

  it("an administrator's screens come together, after the registers, in the administration group", () => {
    const nav = navFor(testMe(["users:manage", "opds:manage", "holidays:manage", "reminders:oversee", "webhooks:manage", "service_accounts:manage", "imports:agreements", "reports:read"]));
    const admin = nav.filter(isAdminNav);
    expect(admin).toEqual(["users", "opds", "holidays", "reminderRules", "reminderDeliveries", "serviceAccounts", "webhooks", "imports"]);
    // one block: no register entry between two administration entries
    const first = nav.indexOf(admin[0]);
    expect(nav.slice(first)).toEqual(admin);
    expect(isAdminNav("agreements")).toBe(false);
  });
});

describe("the capability names", () => {
  it("are the ones the API documents for Me.capabilities (openapi.json)", () => {
    const doc = JSON.parse(readFileSync(resolve(__dirname, "..", "..", "openapi.json"), "utf8")) as {
      components: { schemas: { MeRead: { properties: { capabilities: { description: string } } } } };
    };
    const text = doc.components.schemas.MeRead.properties.capabilities.description;
    const documented = [...text.matchAll(/(?:^|; |Capabilities: )([a-z_]+:[a-z_]+):/g)].map((m) => m[1]);
    expect(documented.length).toBeGreaterThan(10);
    expect([...CAPABILITIES].sort()).toEqual([...documented].sort());
  });
});
