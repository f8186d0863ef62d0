import { ActionIcon, Badge, Box, Button, Divider, Group, Popover, ScrollArea, Stack, Text } from "@mantine/core";
import { IconBell } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../components/links";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { formatBadgeCount } from "./notification-rules";
import { NotificationLink, useOpenNotification } from "./notification-item";
import { useLatestNotifications, useMarkAllRead } from "./api";

/** The header's bell: unread count, the latest notifications, mark all read, the full list. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const [opened, setOpened] = useState(false);
  const latest = useLatestNotifications();
  const markAll = useMarkAllRead();
  const open = useOpenNotification(() => setOpened(false));
  const unread = latest.data?.unread ?? 0;
  const badge = formatBadgeCount(unread, i18n.language);
  const items = latest.data?.items ?? [];
  const english = i18n.language.startsWith("en");

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width="min(380px, calc(100vw - 16px))"
      shadow="md"
      trapFocus
      returnFocus
      withRoles
    >
      <Popover.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="lg"
          onClick={() => setOpened((o) => !o)}
          aria-label={unread > 0 ? t("notifications.bellUnread", { count: unread }) : t("notifications.bell")}
          data-testid="notification-bell"
          style={{ overflow: "visible" }}
        >
          <IconBell size={20} aria-hidden />
          {badge && (
            <Badge
              component="span"
              size="xs"
              color="red"
              variant="filled"
              circle={badge.length === 1}
              pos="absolute"
              top={-4}
              right={-6}
              style={{ pointerEvents: "none", paddingInline: badge.length === 1 ? undefined : 4 }}
              aria-hidden
              data-testid="notification-count"
            >
              {badge}
            </Badge>
          )}
        </ActionIcon>
      </Popover.Target>
      <Popover.Dropdown p={0} data-testid="notification-popover" aria-label={t("notifications.latest")}>
        <Group justify="space-between" px="sm" py="xs" wrap="nowrap">
          <Text fw={600} size="sm">
            {t("notifications.latest")}
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            disabled={unread === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
            data-testid="notification-mark-all"
          >
            {t("notifications.markAllRead")}
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah="min(420px, 60vh)" type="auto">
          {latest.isError ? (
            <Stack p="sm">
              <ErrorState error={latest.error} onRetry={() => void latest.refetch()} />
            </Stack>
          ) : latest.isPending ? (
            <LoadingState />
          ) : items.length === 0 ? (
            <EmptyState title={t("notifications.empty")} />
          ) : (
            <Box component="ul" p={4} m={0} style={{ listStyle: "none", display: "grid", gap: 2 }} data-testid="notification-list">
              {items.map((n) => (
                <li key={n.id}>
                  <NotificationLink n={n} onOpen={open} titleLines={2} bodyLines={2} showKind={english} />
                </li>
              ))}
            </Box>
          )}
        </ScrollArea.Autosize>
        <Divider />
        <Group justify="center" p="xs">
          <AnchorLink to="/notifications" size="sm" onClick={() => setOpened(false)} data-testid="notification-view-all">
            {t("notifications.viewAll")}
          </AnchorLink>
        </Group>
      </Popover.Dropdown>
    </Popover>
  );
}
