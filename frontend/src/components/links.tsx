import { Anchor, Button, type AnchorProps, type ButtonProps } from "@mantine/core";
import { createLink, type LinkComponent } from "@tanstack/react-router";
import { forwardRef, type AnchorHTMLAttributes } from "react";

/*
 * Mantine components as typed router links (createLink keeps the route/param typing that a
 * polymorphic `component={Link}` loses). CardLink and NavLinkLink are modules of their own
 * (card-link.tsx, nav-link-link.tsx): a page that uses neither does not download the Card or the
 * NavLink (with its Collapse) with these.
 */
export type A = AnchorHTMLAttributes<HTMLAnchorElement>;

const AnchorBase = forwardRef<HTMLAnchorElement, AnchorProps & A>((props, ref) => <Anchor ref={ref} {...props} />);
const ButtonBase = forwardRef<HTMLAnchorElement, ButtonProps & A>((props, ref) => <Button component="a" ref={ref} {...props} />);

const CreatedAnchor = createLink(AnchorBase);
const CreatedButton = createLink(ButtonBase);

export const AnchorLink: LinkComponent<typeof AnchorBase> = (props) => <CreatedAnchor preload={false} {...props} />;
export const ButtonLink: LinkComponent<typeof ButtonBase> = (props) => <CreatedButton preload={false} {...props} />;
