import { Anchor, AppShell, Burger, Button, Divider, Group, Stack, Text, Title, VisuallyHidden } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import {
  IconAdjustmentsAlt,
  IconBell,
  IconBuildingCommunity,
  IconCalendarEvent,
  IconCalendarOff,
  IconChecklist,
  IconFileAnalytics,
  IconFileImport,
  IconFileText,
  IconHome,
  IconListCheck,
  IconLogout,
  IconMailForward,
  IconReportAnalytics,
  IconRobot,
  IconUserCog,
  IconUsersGroup,
  IconWebhook,
} from "@tabler/icons-react";
import { useRouterState } from "@tanstack/react-router";
import { ButtonLink } from "./links";
import { NavLinkLink } from "./nav-link-link";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isAdminNav, navFor, type NavKey } from "../lib/capabilities";
import { useSession } from "../lib/session";
import { LanguageSwitch } from "./language-switch";

type NavPath =
  | "/tasks"
  | "/"
  | "/agreements"
  | "/partners"
  | "/obligations"
  | "/monitoring"
  | "/notifications"
  | "/reminder-rules"
  | "/reminder-deliveries"
  | "/periodic-reports"
  | "/webhooks"
  | "/service-accounts"
  | "/imports"
  | "/users"
  | "/opds"
  | "/holidays";

const NAV: Record<NavKey, { to: NavPath; icon: ReactNode }> = {
  tasks: { to: "/tasks", icon: <IconListCheck size={18} aria-hidden /> },
  dashboard: { to: "/", icon: <IconHome size={18} aria-hidden /> },
  agreements: { to: "/agreements", icon: <IconFileText size={18} aria-hidden /> },
  obligations: { to: "/obligations", icon: <IconChecklist size={18} aria-hidden /> },
  monitoring: { to: "/monitoring", icon: <IconReportAnalytics size={18} aria-hidden /> },
  partners: { to: "/partners", icon: <IconUsersGroup size={18} aria-hidden /> },
  notifications: { to: "/notifications", icon: <IconBell size={18} aria-hidden /> },
  reminderRules: { to: "/reminder-rules", icon: <IconAdjustmentsAlt size={18} aria-hidden /> },
  reminderDeliveries: { to: "/reminder-deliveries", icon: <IconMailForward size={18} aria-hidden /> },
  periodicReports: { to: "/periodic-reports", icon: <IconFileAnalytics size={18} aria-hidden /> },
  webhooks: { to: "/webhooks", icon: <IconWebhook size={18} aria-hidden /> },
  serviceAccounts: { to: "/service-accounts", icon: <IconRobot size={18} aria-hidden /> },
  imports: { to: "/imports", icon: <IconFileImport size={18} aria-hidden /> },
  users: { to: "/users", icon: <IconUserCog size={18} aria-hidden /> },
  opds: { to: "/opds", icon: <IconBuildingCommunity size={18} aria-hidden /> },
  holidays: { to: "/holidays", icon: <IconCalendarOff size={18} aria-hidden /> },
};

/**
 * The frame of every signed-in screen. `headerActions` (the notification bell) comes from a feature,
 * composed in routes/, so that components/ never imports features/.
 */
export function Shell({ children, headerActions }: { children: ReactNode; headerActions?: ReactNode }) {
  const { t } = useTranslation();
  const { me, signOut } = useSession();
  const [opened, { toggle, close }] = useDisclosure();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const nav = navFor(me);
  const admin = nav.filter(isAdminNav);
  const link = (key: NavKey) => {
    const { to, icon } = NAV[key];
    const active = to === "/" ? pathname === "/" : pathname.startsWith(to);
    return (
      <NavLinkLink
        key={key}
        to={to}
        label={t(`nav.${key}`)}
        leftSection={icon}
        active={active}
        onClick={close}
        aria-current={active ? "page" : undefined}
        data-testid={`nav-${key}`}
      />
    );
  };

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 240, breakpoint: "sm", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <Anchor href="#main" className="skip-link">
        {t("app.skipToContent")}
      </Anchor>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t("nav.toggleMenu")} />
            <Stack gap={0}>
              <Title order={1} size="h5" lineClamp={1}>
                {t("app.name")}
              </Title>
              <Text size="xs" c="dimmed" visibleFrom="xs">
                {t("app.region")}
              </Text>
            </Stack>
          </Group>
          <Group gap="xs" wrap="nowrap">
            {headerActions}
            <LanguageSwitch />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" aria-label={t("nav.label")}>
        <AppShell.Section grow component="nav" style={{ overflowY: "auto" }}>
          {nav.filter((k) => !isAdminNav(k)).map(link)}
          {admin.length > 0 && (
            <Stack gap={0} mt="sm" role="group" aria-labelledby="nav-admin-heading" data-testid="nav-admin">
              <Divider mb={6} />
              <Text id="nav-admin-heading" size="xs" fw={700} tt="uppercase" c="dimmed" px="sm" pb={4}>
                {t("nav.admin")}
              </Text>
              {admin.map(link)}
            </Stack>
          )}
        </AppShell.Section>
        {me && (
          <AppShell.Section>
            <Stack gap={4} p="xs" data-testid="user-card">
              <VisuallyHidden>{t("nav.signedInAs")}</VisuallyHidden>
              <Text fw={600} size="sm">
                {me.full_name}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`roles.${me.role}`, { defaultValue: me.role })}
              </Text>
              {me.opd_name && (
                <Text size="xs" c="dimmed">
                  {me.opd_name}
                </Text>
              )}
              <ButtonLink
                to="/settings/calendar"
                variant="subtle"
                size="xs"
                leftSection={<IconCalendarEvent size={14} aria-hidden />}
                onClick={close}
                justify="flex-start"
                px={0}
                aria-current={pathname === "/settings/calendar" ? "page" : undefined}
                data-testid="nav-calendar"
              >
                {t("calendarFeed.nav")}
              </ButtonLink>
              {!admin.includes("holidays") && (
              <ButtonLink
                to="/holidays"
                variant="subtle"
                size="xs"
                leftSection={<IconCalendarOff size={14} aria-hidden />}
                onClick={close}
                justify="flex-start"
                px={0}
                aria-current={pathname === "/holidays" ? "page" : undefined}
                data-testid="nav-holidays"
              >
                {t("holidays.nav")}
              </ButtonLink>
              )}
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconLogout size={14} aria-hidden />}
                onClick={() => void signOut()}
                justify="flex-start"
                px={0}
              >
                {t("nav.signOut")}
              </Button>
            </Stack>
          </AppShell.Section>
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>{children}</AppShell.Main>
    </AppShell>
  );
}
