/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

const api = process.env.KERJASAMA_API ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/readyz": api,
    },
  },
  // The manifest lets scripts/bundle-budget.mjs find what the sign-in page loads first.
  build: { manifest: true, chunkSizeWarningLimit: 600 },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["./src/test/setup.ts"],
    include: ["src/**/*.test.{ts,tsx}"],
    // Generous: a busy CI machine rendered a whole form in jsdom past the 5 s default. No test
    // measures time; this only bounds a hung one.
    testTimeout: 30_000,
  },
});
