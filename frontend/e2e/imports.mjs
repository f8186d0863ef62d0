// Journey: the administrator imports existing agreements from a spreadsheet (issue 14, item 3):
// downloads the template, uploads a file with one bad row (the dry run names row, column and rule
// and saving stays disabled), fixes it, checks again and saves; the texts are then in the register
// as legacy imports. Called from run.mjs with its helpers. The files are written by the backend's
// Python (openpyxl), as a spreadsheet program would.

import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "./backend.mjs";

const TITLE = "KB impor e2e pengelolaan sampah";

/** Write an import file with tests/test_imports.py's helpers; `bad` adds a row with an unknown OPD. */
function importFile(dir, name, bad) {
  const path = join(dir, name);
  const code = [
    "import sys",
    "from tests.test_imports import row, workbook",
    `rows = [row(title=${JSON.stringify(TITLE)}), row(title="=1+1 formula e2e", partner_region_code="32.04")]`,
    bad ? 'rows.append(row(title="Baris salah e2e", lead_opd="TIDAKADA"))' : "",
    "open(sys.argv[1], 'wb').write(workbook(rows))",
  ].join("\n");
  execFileSync(join(repoRoot, ".venv", "bin", "python"), ["-c", code, path], { cwd: repoRoot });
  return path;
}

export async function importsJourney({ page, baseUrl, step, shot, assert, signInAs, api }) {
  const dir = mkdtempSync(join(tmpdir(), "kerjasama-import-"));
  try {
    await step("import: the admin downloads the template, a file with a bad row is refused row by row, the fixed file is saved", async () => {
      await page.goto(`${baseUrl}/sign-in`); // the journey before ends on the public register, signed out
      await signInAs(page, "admin", "Administrator Sistem");
      await page.getByTestId("nav-imports").click();
      await page.waitForURL(/\/imports$/);
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("import-template").click()]);
      assert(download.suggestedFilename() === "templat-impor-kerja-sama.xlsx", `template name: ${download.suggestedFilename()}`);
      const bytes = readFileSync(await download.path());
      assert(bytes.subarray(0, 2).toString() === "PK", "the template is an XLSX (zip)");

      const [chooser] = await Promise.all([page.waitForEvent("filechooser"), page.getByTestId("import-file").click()]);
      await chooser.setFiles(importFile(dir, "salah.xlsx", true));
      await page.getByTestId("import-check").click();
      await page.getByTestId("import-invalid").waitFor();
      const error = page.getByTestId("import-row-5").getByTestId("import-error");
      await error.getByText(/Kolom I \(OPD pemrakarsa\), aturan opd_unknown/).waitFor();
      assert(await page.getByTestId("import-commit").isDisabled(), "saving is disabled while a row is wrong");
      await shot("38-import-dry-run-errors");

      const [chooser2] = await Promise.all([page.waitForEvent("filechooser"), page.getByTestId("import-file").click()]);
      await chooser2.setFiles(importFile(dir, "benar.xlsx", false));
      await page.getByTestId("import-check").click();
      await page.getByTestId("import-row-4").waitFor();
      await page.getByText("Siap disimpan").waitFor();
      await page.getByTestId("import-row-3").getByText("Kota Bandung").waitFor();
      const before = await api(baseUrl, "admin", `/api/v1/agreements?q=${encodeURIComponent("impor e2e")}&limit=5`);
      assert(before.total === 0, "the dry run wrote nothing");
      await page.getByTestId("import-commit").click();
      await page.getByTestId("import-done").waitFor();
      await shot("39-import-saved");
      const after = await api(baseUrl, "admin", `/api/v1/agreements?q=${encodeURIComponent("impor e2e")}&limit=5`);
      assert(after.total === 1 && after.items[0].is_legacy_import, "the text is in the register as a legacy import");
      const formula = await api(baseUrl, "admin", `/api/v1/agreements?q=${encodeURIComponent("formula e2e")}&limit=5`);
      assert(formula.items[0]?.title === "=1+1 formula e2e", "a formula is stored as its text");
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
