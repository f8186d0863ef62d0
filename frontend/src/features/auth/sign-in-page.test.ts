import i18n from "../../i18n";
import { ApiError } from "../../api/problem";
import { signInErrorMessage } from "./sign-in-page";

const t = i18n.t.bind(i18n) as unknown as (k: string, o?: Record<string, unknown>) => string;
const err = (status: number, code: string, retryAfter: number | null = null) =>
  new ApiError(status, { type: "about:blank", title: "x", status, code, detail: "" }, retryAfter);

describe("sign-in messages", () => {
  it("explains wrong credentials", () => {
    expect(signInErrorMessage(err(401, "invalid_credentials"), t)).toBe("Nama pengguna atau kata sandi salah.");
  });
  it("explains throttling with the wait from Retry-After", () => {
    expect(signInErrorMessage(err(429, "login_throttled", 120), t)).toBe(
      "Terlalu banyak percobaan masuk. Coba lagi dalam 120 detik.",
    );
    expect(signInErrorMessage(err(429, "login_throttled"), t)).toBe("Terlalu banyak percobaan masuk. Coba lagi sebentar lagi.");
  });
  it("explains a network failure", () => {
    expect(signInErrorMessage(new TypeError("Failed to fetch"), t)).toBe(
      "Tidak dapat menghubungi server. Periksa koneksi lalu coba lagi.",
    );
  });
});
