import { appPath } from "./app-path";

describe("appPath", () => {
  it("keeps paths of this app", () => {
    expect(appPath("/monitoring-reports/1", "/x")).toBe("/monitoring-reports/1");
  });
  it("never leads off the site", () => {
    for (const bad of ["https://evil.example/", "//evil.example", "/\\evil.example", "javascript:alert(1)", "", null, undefined]) {
      expect(appPath(bad, "/reminder-deliveries")).toBe("/reminder-deliveries");
    }
  });
});
