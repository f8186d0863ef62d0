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
  build: {
    manifest: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      output: {
        // What every first screen needs, in a few chunks rather than dozens of small shared ones
        // (each file is gzipped on its own, and each shared chunk adds import lists and preload
        // entries): the framework (React, the router, i18next, Mantine's core), TanStack Query
        // (signed-in and public pages, not sign-in), the plain Mantine components, and the inputs
        // (sign-in and the forms; not the task list). Measured by scripts/bundle-budget.mjs: without
        // these groups sign-in loaded 25 files, 174 kB; with them 16 files, 159 kB.
        codeSplitting: {
          groups: [
            {
              name: "framework",
              test: /node_modules[\\/](react|react-dom|scheduler|@tanstack[\\/](react-router|router-core|history|store|react-store)|i18next|react-i18next|openapi-fetch|use-sync-external-store|clsx|@mantine[\\/]core[\\/]esm[\\/]core)[\\/]/,
            },
            { name: "query", test: /node_modules[\\/]@tanstack[\\/](query-core|react-query)[\\/]/ },
            {
              name: "ui",
              test: /node_modules[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/](Alert|Anchor|Badge|Box|Button|Center|CloseButton|Container|Divider|FloatingIndicator|Group|Loader|Paper|SegmentedControl|Stack|Text|Title|Transition|UnstyledButton|VisuallyHidden)[\\/]/,
            },
            {
              name: "inputs",
              test: /node_modules[\\/]@mantine[\\/]core[\\/]esm[\\/]components[\\/](ActionIcon|Input|InputBase|PasswordInput|TextInput)[\\/]/,
            },
          ],
        },
      },
    },
  },
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
