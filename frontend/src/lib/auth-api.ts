import { api, type Me } from "../api/client";
import { unwrap } from "../api/problem";

/** The signed-in user, with the capabilities the SPA derives its menus and buttons from. */
export async function loadMe(): Promise<Me> {
  return unwrap(await api.GET("/api/v1/auth/me"));
}

/** Exchange a username and password for an access token (OAuth2 password grant, form-encoded). */
export async function requestToken(username: string, password: string): Promise<string> {
  const token = unwrap(
    await api.POST("/api/v1/auth/token", {
      body: {
        grant_type: "password",
        username,
        password,
        client_id: "kerjasama-spa",
        client_secret: "",
        scope: "",
      },
      bodySerializer: (body) => new URLSearchParams(body as Record<string, string>).toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    }),
  );
  return token.access_token;
}

/** End the session on the server (revokes the refresh cookie). */
export async function logout(): Promise<void> {
  await api.POST("/api/v1/auth/logout");
}
