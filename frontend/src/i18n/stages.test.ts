import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import en from "./en";
import id from "./id";

// The stepper, the history and the action dialogs name stages through `enums.stage.<code>`. The
// stage codes come from the procedure machines (GET /api/v1/procedures): the committed fixture
// src/test/fixtures/procedures.json is that answer, and is checked against the backend when the
// Python venv is present. Regenerate it from the repository root with:
//   .venv/bin/python -c "import json; from kerjasama.procedure import reads; print(json.dumps(reads.procedures().model_dump(mode='json'), ensure_ascii=False, indent=1))" > frontend/src/test/fixtures/procedures.json
type Machine = { id: string; stages: string[]; transitions: { action: string; from_stages: string[]; to_stage: string }[] };
type Procedures = { machines: Machine[] };

const root = resolve(__dirname, "..", "..", "..");
const fixturePath = join(root, "frontend", "src", "test", "fixtures", "procedures.json");
const python = join(root, ".venv", "bin", "python");
const DUMP =
  "import json; from kerjasama.procedure import reads; print(json.dumps(reads.procedures().model_dump(mode='json'), ensure_ascii=False))";

function stagesOf(p: Procedures): string[] {
  const all = p.machines.flatMap((m) => [...m.stages, ...m.transitions.flatMap((t) => [...t.from_stages, t.to_stage])]);
  return [...new Set(all)].sort();
}

function missingLabels(stages: string[], catalogue: { enums: { stage: Record<string, string> } }): string[] {
  return stages.filter((s) => !catalogue.enums.stage[s]);
}

const fixture = JSON.parse(readFileSync(fixturePath, "utf8")) as Procedures;

describe("stage labels", () => {
  it("every stage of every procedure machine has a label in both languages", () => {
    const stages = stagesOf(fixture);
    expect(stages.length).toBeGreaterThan(15);
    expect(missingLabels(stages, id), "stages without an Indonesian label").toEqual([]);
    expect(missingLabels(stages, en), "stages without an English label").toEqual([]);
  });

  it("finds a stage without a label", () => {
    expect(missingLabels(["draft", "no_such_stage"], id)).toEqual(["no_such_stage"]);
  });

  it.skipIf(!existsSync(python))(
    "the fixture is the backend's machines (regenerate it when this fails)",
    () => {
      const live = JSON.parse(execFileSync(python, ["-c", DUMP], { cwd: root, encoding: "utf8", stdio: "pipe" })) as Procedures;
      expect(stagesOf(live), "src/test/fixtures/procedures.json is stale").toEqual(stagesOf(fixture));
    },
    60_000,
  );
});
