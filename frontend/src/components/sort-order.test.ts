import { nextSort, sortDirection } from "./sort-order";

describe("sort order", () => {
  it("cycles a column ascending, descending, ascending", () => {
    expect(nextSort(undefined, "description")).toBe("description");
    expect(nextSort("description", "description")).toBe("-description");
    expect(nextSort("-description", "description")).toBe("description");
    expect(nextSort("-next_due_date", "description")).toBe("description");
  });

  it("tells a column's direction from the sort key", () => {
    expect(sortDirection("next_due_date", "next_due_date")).toBe("asc");
    expect(sortDirection("-next_due_date", "next_due_date")).toBe("desc");
    expect(sortDirection("-next_due_date", "due")).toBeNull();
    expect(sortDirection(undefined, "next_due_date")).toBeNull();
  });
});
