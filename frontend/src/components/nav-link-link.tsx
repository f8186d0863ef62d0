import { NavLink, type NavLinkProps } from "@mantine/core";
import { createLink, type LinkComponent } from "@tanstack/react-router";
import { forwardRef } from "react";
import type { A } from "./links";

/** Mantine's NavLink as a typed router link (links.tsx says why it is a module of its own). */
const NavLinkBase = forwardRef<HTMLAnchorElement, NavLinkProps & A>((props, ref) => <NavLink component="a" ref={ref} {...props} />);
const CreatedNavLink = createLink(NavLinkBase);

export const NavLinkLink: LinkComponent<typeof NavLinkBase> = (props) => <CreatedNavLink preload={false} {...props} />;
