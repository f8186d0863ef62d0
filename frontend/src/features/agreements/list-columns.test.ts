import { DEFAULT_COLUMNS, readColumns, writeColumns } from "./list-columns";

function memory(): Storage {
  const data = new Map<string, string>();
  return {
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
  } as Storage;
}

describe("agreement list columns", () => {
  it("shows the default columns when nothing is stored", () => {
    expect(readColumns(memory())).toEqual(DEFAULT_COLUMNS);
  });
  it("remembers the choice, in the table's order", () => {
    const s = memory();
    writeColumns(["signedDate", "partners"], s);
    expect(readColumns(s)).toEqual(["partners", "signedDate"]);
  });
  it("keeps an empty choice (only number, title and status)", () => {
    const s = memory();
    writeColumns([], s);
    expect(readColumns(s)).toEqual([]);
  });
  it("ignores what it does not know and bad JSON", () => {
    const s = memory();
    s.setItem("kerjasama.agreementColumns", JSON.stringify(["endDate", "secret"]));
    expect(readColumns(s)).toEqual(["endDate"]);
    s.setItem("kerjasama.agreementColumns", "{not json");
    expect(readColumns(s)).toEqual(DEFAULT_COLUMNS);
  });
});
