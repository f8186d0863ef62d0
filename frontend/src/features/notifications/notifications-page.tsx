import { Alert, Box, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from "@mantine/core";
import { IconChecks } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { formatNumber } from "../../lib/format";
import type { NotificationSearch } from "./notification-rules";
import { NotificationLink, useOpenNotification } from "./notification-item";
import { useMarkAllRead, useMarkRead, useNotificationList } from "./api";

/** All of the caller's notifications, newest first: filter unread, mark read, load more. */
export function NotificationsPage({ search, onSearchChange }: { search: NotificationSearch; onSearchChange: (s: NotificationSearch) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const unreadOnly = search.show === "unread";
  const list = useNotificationList(unreadOnly);
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const open = useOpenNotification();
  const pages = list.data?.pages ?? [];
  const items = pages.flatMap((p) => p.items);
  const unread = pages[0]?.unread ?? 0;
  const total = pages[0]?.total ?? 0;

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>{t("notifications.title")}</Title>
        <Button
          variant="default"
          leftSection={<IconChecks size={16} aria-hidden />}
          disabled={unread === 0}
          loading={markAll.isPending}
          onClick={() => markAll.mutate()}
          data-testid="notifications-mark-all"
        >
          {t("notifications.markAllRead")}
        </Button>
      </Group>
      <Group gap="sm" align="center">
        <SegmentedControl
          aria-label={t("notifications.show")}
          value={unreadOnly ? "unread" : "all"}
          onChange={(v) => onSearchChange(v === "unread" ? { show: "unread" } : {})}
          data={[
            { value: "all", label: t("notifications.showAll") },
            { value: "unread", label: t("notifications.showUnread") },
          ]}
          data-testid="notifications-filter"
        />
        {list.data && (
          <Text size="sm" c="dimmed" data-testid="notifications-unread">
            {t("notifications.unreadCount", { formatted: formatNumber(unread, lang) })}
          </Text>
        )}
      </Group>
      {lang.startsWith("en") && (
        <Text size="xs" c="dimmed">
          {t("notifications.serverLanguage")}
        </Text>
      )}
      {markAll.isSuccess && unread === 0 && (
        <Alert color="teal" variant="light" role="status" py="xs">
          {t("notifications.markedAll")}
        </Alert>
      )}
      {markAll.isError && <ErrorState error={markAll.error} />}

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <Paper withBorder>
          <EmptyState title={unreadOnly ? t("notifications.emptyUnread") : t("notifications.empty")} hint={t("notifications.emptyHint")} />
        </Paper>
      ) : (
        <Paper withBorder p={4}>
          <Box component="ul" m={0} p={0} style={{ listStyle: "none", display: "grid", gap: 2 }} data-testid="notifications">
            {items.map((n) => (
              <li key={n.id} className="notification-row" data-unread={!n.read_at || undefined}>
                <Group gap="xs" wrap="nowrap" align="flex-start">
                  <Box style={{ flex: 1, minWidth: 0 }}>
                    <NotificationLink n={n} onOpen={open} showKind kindSize="sm" />
                  </Box>
                  {!n.read_at && (
                    <Button
                      variant="subtle"
                      size="compact-xs"
                      mt="xs"
                      mr="xs"
                      onClick={() => markRead.mutate(n.id)}
                      aria-label={`${t("notifications.markRead")}: ${n.title}`}
                      data-testid="notification-mark-read"
                    >
                      {t("notifications.markRead")}
                    </Button>
                  )}
                </Group>
              </li>
            ))}
          </Box>
        </Paper>
      )}
      {list.data && items.length > 0 && (
        <Group justify="space-between">
          <Text size="sm" c="dimmed" data-testid="notifications-shown">
            {t("notifications.shown", { shown: formatNumber(items.length, lang), total: formatNumber(total, lang) })}
          </Text>
          {list.hasNextPage && (
            <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()} data-testid="notifications-more">
              {t("notifications.loadMore")}
            </Button>
          )}
        </Group>
      )}
    </Stack>
  );
}
