import { screen } from "@testing-library/react";
import { mayHaveSession, setAccessToken } from "../api/client";
import { jsonResponse, renderWithProviders } from "../test/render";
import { SessionProvider, useSession } from "./session";

afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
});

function Status() {
  return <span data-testid="status">{useSession().status}</span>;
}

function stubFetch() {
  const urls: string[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (input: Request | string) => {
      const url = typeof input === "string" ? input : input.url;
      urls.push(url);
      if (url.endsWith("/api/v1/auth/refresh")) return jsonResponse({ access_token: "t", token_type: "bearer", expires_in: 900 });
      return jsonResponse({ id: "u", username: "admin", full_name: "A", role: "admin", opd_id: null, opd_name: null, capabilities: [] });
    }),
  );
  return urls;
}

describe("the silent sign-in on page load", () => {
  it("asks nothing on a first visit (no 401 in the console), and is anonymous", async () => {
    const urls = stubFetch();
    expect(mayHaveSession()).toBe(false);
    renderWithProviders(
      <SessionProvider>
        <Status />
      </SessionProvider>,
    );
    expect(await screen.findByText("anonymous")).toBeInTheDocument();
    expect(urls).toEqual([]);
  });

  it("refreshes where this browser signed in before, and forgets the hint when the session ends", async () => {
    setAccessToken("earlier");
    setAccessToken(null);
    expect(mayHaveSession()).toBe(false);
    setAccessToken("earlier");
    expect(mayHaveSession()).toBe(true);
    const urls = stubFetch();
    renderWithProviders(
      <SessionProvider>
        <Status />
      </SessionProvider>,
    );
    expect(await screen.findByText("authenticated")).toBeInTheDocument();
    expect(urls.some((u) => u.endsWith("/api/v1/auth/refresh"))).toBe(true);
  });
});
