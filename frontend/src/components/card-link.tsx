import { Card, type CardProps } from "@mantine/core";
import { createLink, type LinkComponent } from "@tanstack/react-router";
import { forwardRef } from "react";
import type { A } from "./links";

/** Mantine's Card as a typed router link (links.tsx says why it is a module of its own). */
const CardBase = forwardRef<HTMLAnchorElement, CardProps & A>((props, ref) => <Card component="a" ref={ref} {...props} />);
const CreatedCard = createLink(CardBase);

export const CardLink: LinkComponent<typeof CardBase> = (props) => <CreatedCard preload={false} {...props} />;
