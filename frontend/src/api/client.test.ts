import { api, setAccessToken, setSessionExpiredHandler } from "./client";

type Handler = (req: Request) => Response;

function stubFetch(handler: Handler) {
  const seen: Request[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
      const req = input instanceof Request ? input : new Request(new URL(String(input), "http://localhost"), init);
      seen.push(req);
      return handler(req);
    }),
  );
  return seen;
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });

afterEach(() => {
  vi.unstubAllGlobals();
  setAccessToken(null);
  setSessionExpiredHandler(null);
});

describe("API client session handling", () => {
  it("sends the in-memory token, refreshes once on 401 and retries", async () => {
    setAccessToken("old");
    const seen = stubFetch((req) => {
      if (req.url.endsWith("/api/v1/auth/refresh")) return json({ access_token: "new", token_type: "bearer", expires_in: 900 });
      return req.headers.get("Authorization") === "Bearer new" ? json([]) : json({ status: 401, title: "x", code: "token_expired" }, 401);
    });
    const res = await api.GET("/api/v1/affairs");
    expect(res.response.status).toBe(200);
    expect(seen.map((r) => new URL(r.url).pathname)).toEqual(["/api/v1/affairs", "/api/v1/auth/refresh", "/api/v1/affairs"]);
    expect(seen[0].headers.get("Authorization")).toBe("Bearer old");
  });

  it("ends the session when the refresh is refused", async () => {
    setAccessToken("old");
    const expired = vi.fn();
    setSessionExpiredHandler(expired);
    stubFetch(() => json({ status: 401, title: "x", code: "token_expired" }, 401));
    const res = await api.GET("/api/v1/affairs");
    expect(res.response.status).toBe(401);
    expect(expired).toHaveBeenCalledTimes(1);
  });
});
