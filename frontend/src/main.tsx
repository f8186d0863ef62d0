import "@mantine/core/styles.css";
import "./app.css";
import { MantineProvider } from "@mantine/core";
import { RouterProvider } from "@tanstack/react-router";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { i18nReady } from "./i18n";
import { SessionProvider } from "./lib/session";
import "./routes/route-components";
import { router } from "./routes/route-tree";
import { cssVariablesResolver, theme } from "./theme";

const root = document.getElementById("root");
// The language's messages arrive first (i18n/index.ts), so the first paint is not raw keys.
// (Not a top-level await: that turns off rolldown's chunk merging, and the first screen then
// downloads dozens of tiny chunks whose gzip overhead adds up.)
if (root) {
  void i18nReady
    .catch(() => undefined)
    .then(() =>
      createRoot(root).render(
        <StrictMode>
          <MantineProvider theme={theme} cssVariablesResolver={cssVariablesResolver}>
            <SessionProvider>
              <RouterProvider router={router} />
            </SessionProvider>
          </MantineProvider>
        </StrictMode>,
      ),
    );
}
