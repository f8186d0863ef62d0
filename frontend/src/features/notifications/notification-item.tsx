import { Badge, Box, Group, Stack, Text, VisuallyHidden } from "@mantine/core";
import { useRouter } from "@tanstack/react-router";
import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../lib/format";
import { notificationPath, type Notification } from "./notification-rules";
import { useMarkRead } from "./api";

const KIND_COLOR: Record<Notification["kind"], string> = {
  agreement_expiry: "grape",
  obligation_due: "blue",
  obligation_overdue: "red",
  report_due: "cyan",
  report_overdue: "red",
  dprd_deadline: "orange",
  periodic_report_due: "indigo",
  offer_answer_due: "teal",
  webhook_disabled: "yellow",
  submission_request: "violet",
};

export function KindBadge({ kind, size = "xs" }: { kind: Notification["kind"]; size?: "xs" | "sm" }) {
  const { t } = useTranslation();
  return (
    <Badge size={size} variant="light" color={KIND_COLOR[kind]} data-testid="notification-kind">
      {t(`reminderKinds.${kind}`)}
    </Badge>
  );
}

/**
 * Opening a notification marks it read and follows its link inside the app. A click that asks for a
 * new tab (middle button, Ctrl/Cmd) is left to the browser; it still marks the notification read.
 */
export function useOpenNotification(afterOpen?: () => void) {
  const router = useRouter();
  const markRead = useMarkRead();
  return (n: Notification, e: MouseEvent<HTMLAnchorElement>) => {
    if (e.type === "auxclick" && e.button !== 1) return; // a right click opens the context menu only
    if (!n.read_at) markRead.mutate(n.id);
    if (e.type === "auxclick" || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    afterOpen?.();
    router.history.push(notificationPath(n.link));
  };
}

/** One notification as a link: title and body are the server's Indonesian text (lang="id"). */
export function NotificationLink({
  n,
  onOpen,
  titleLines,
  bodyLines,
  showKind,
  kindSize,
}: {
  n: Notification;
  onOpen: (n: Notification, e: MouseEvent<HTMLAnchorElement>) => void;
  /** Lines before the text is cut (the bell); all of it when absent (the page). */
  titleLines?: number;
  bodyLines?: number;
  showKind: boolean;
  kindSize?: "xs" | "sm";
}) {
  const { t, i18n } = useTranslation();
  const unread = !n.read_at;
  return (
    <a
      href={notificationPath(n.link)}
      onClick={(e) => onOpen(n, e)}
      onAuxClick={(e) => onOpen(n, e)}
      className="notification-item"
      data-unread={unread || undefined}
      data-testid="notification-item"
    >
      <Group gap="xs" wrap="nowrap" align="flex-start" p="xs">
        <Box
          w={8}
          h={8}
          mt={6}
          style={{ flexShrink: 0, borderRadius: 4, background: unread ? "var(--mantine-color-blue-8)" : "transparent" }}
          aria-hidden
        />
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          {showKind && (
            <Group gap={4}>
              <KindBadge kind={n.kind} size={kindSize} />
            </Group>
          )}
          <Text size="sm" fw={unread ? 700 : 400} lineClamp={titleLines} lang="id">
            {unread && <VisuallyHidden>{t("notifications.unread")}: </VisuallyHidden>}
            {n.title}
          </Text>
          <Text size="xs" c="dimmed" lineClamp={bodyLines} lang="id">
            {n.body}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(n.created_at, i18n.language)}
          </Text>
        </Stack>
      </Group>
    </a>
  );
}
