import type { ReactNode } from "react";
import { PublicLayout } from "../features/public-register/public-layout";
import { Queries } from "./query-client";

/** The frame of the public pages, loaded as one chunk: their layout and the query client. */
export function PublicFrame({ children }: { children: ReactNode }) {
  return (
    <Queries>
      <PublicLayout>{children}</PublicLayout>
    </Queries>
  );
}
