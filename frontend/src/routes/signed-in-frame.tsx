import type { ReactNode } from "react";
import { Shell } from "../components/app-shell";
import { Queries } from "./query-client";

/** The frame of every signed-in screen, loaded as one chunk: the shell and the query client. */
export function SignedInFrame({ children, headerActions }: { children: ReactNode; headerActions?: ReactNode }) {
  return (
    <Queries>
      <Shell headerActions={headerActions}>{children}</Shell>
    </Queries>
  );
}
