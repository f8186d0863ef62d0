import { Anchor, Button, Card, NavLink, type AnchorProps, type ButtonProps, type CardProps, type NavLinkProps } from "@mantine/core";
import { createLink, type LinkComponent } from "@tanstack/react-router";
import { forwardRef, type AnchorHTMLAttributes } from "react";

/*
 * Mantine components as typed router links (createLink keeps the route/param typing that a
 * polymorphic `component={Link}` loses).
 */
type A = AnchorHTMLAttributes<HTMLAnchorElement>;

const AnchorBase = forwardRef<HTMLAnchorElement, AnchorProps & A>((props, ref) => <Anchor ref={ref} {...props} />);
const ButtonBase = forwardRef<HTMLAnchorElement, ButtonProps & A>((props, ref) => <Button component="a" ref={ref} {...props} />);
const CardBase = forwardRef<HTMLAnchorElement, CardProps & A>((props, ref) => <Card component="a" ref={ref} {...props} />);
const NavLinkBase = forwardRef<HTMLAnchorElement, NavLinkProps & A>((props, ref) => <NavLink component="a" ref={ref} {...props} />);

const CreatedAnchor = createLink(AnchorBase);
const CreatedButton = createLink(ButtonBase);
const CreatedCard = createLink(CardBase);
const CreatedNavLink = createLink(NavLinkBase);

export const AnchorLink: LinkComponent<typeof AnchorBase> = (props) => <CreatedAnchor preload={false} {...props} />;
export const ButtonLink: LinkComponent<typeof ButtonBase> = (props) => <CreatedButton preload={false} {...props} />;
export const CardLink: LinkComponent<typeof CardBase> = (props) => <CreatedCard preload={false} {...props} />;
export const NavLinkLink: LinkComponent<typeof NavLinkBase> = (props) => <CreatedNavLink preload={false} {...props} />;
