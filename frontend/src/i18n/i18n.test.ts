import en from "./en";
import id from "./id";

function keys(o: object, prefix = ""): string[] {
  return Object.entries(o).flatMap(([k, v]) => (typeof v === "object" && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

describe("translations", () => {
  it("English has exactly the Indonesian keys", () => {
    expect(keys(en).sort()).toEqual(keys(id).sort());
  });
  it("no message is empty", () => {
    const values = (o: object): unknown[] => Object.values(o).flatMap((v) => (typeof v === "object" && v !== null ? values(v) : [v]));
    for (const v of [...values(en), ...values(id)]) expect(typeof v === "string" && v.length > 0).toBe(true);
  });
});
