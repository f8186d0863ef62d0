import { parseDeliverySearch, toDeliveryQuery } from "./delivery-search";

describe("delivery log search", () => {
  it("keeps a known status and drops anything else", () => {
    expect(parseDeliverySearch({ status: "failed" })).toEqual({ status: "failed" });
    expect(parseDeliverySearch({ status: "bounced" })).toEqual({});
    expect(parseDeliverySearch({ status: ["failed"] })).toEqual({});
    expect(parseDeliverySearch({})).toEqual({});
  });
  it("builds the API query with the cursor of the page", () => {
    expect(toDeliveryQuery({}, null)).toEqual({ limit: 25 });
    expect(toDeliveryQuery({ status: "sent" }, "abc", 10)).toEqual({ status: "sent", limit: 10, cursor: "abc" });
  });
});
