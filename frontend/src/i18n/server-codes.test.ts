import codes from "./server-codes.json";
import en from "./en";
import id from "./id";

// server-codes.json lists every `code` the backend names (written by `python -m tests.problem_codes`;
// tests/test_problem_codes.py fails when it is stale). The SPA shows server messages by code
// (lib/problem-text.ts), so each needs a text in both languages, or English leaks into the Indonesian UI.
describe("server error codes", () => {
  it("lists the backend's codes (the agreement, procedure, document and monitoring refusals among them)", () => {
    for (const c of ["rule_blocked", "action_not_allowed", "unknown_document", "document_locked", "report_incomplete", "uuid_parsing"]) {
      expect(codes).toContain(c);
    }
  });

  it.each([
    ["id", id.serverErrors as Record<string, string>],
    ["en", en.serverErrors as Record<string, string>],
  ])("every code has a %s text", (_lang, catalogue) => {
    const missing = codes.filter((c) => typeof catalogue[c] !== "string" || catalogue[c].trim() === "");
    expect(missing).toEqual([]);
  });
});
