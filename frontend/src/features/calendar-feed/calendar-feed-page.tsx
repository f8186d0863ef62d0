import { Alert, Badge, Button, CopyButton, Group, Modal, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle, IconCalendarEvent, IconCheck, IconCopy } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { ApiError } from "../../api/problem";
import { ErrorState, LoadingState, errorMessage } from "../../components/page-state";
import { formatDateTime } from "../../lib/format";
import { useCalendarFeed, useCreateCalendarFeed, useRevokeCalendarFeed } from "./api";

type Notice = { color: "teal" | "orange" | "red"; text: string };
type Confirm = "rotate" | "revoke" | null;

function ConfirmModal({
  kind,
  busy,
  onCancel,
  onConfirm,
}: {
  kind: Confirm;
  busy: boolean;
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  const rotate = kind === "rotate";
  return (
    <Modal
      opened={kind !== null}
      onClose={onCancel}
      title={rotate ? t("calendarFeed.rotateTitle") : t("calendarFeed.revokeTitle")}
      data-testid="calendar-confirm"
    >
      <Stack gap="md">
        <Text size="sm">{rotate ? t("calendarFeed.rotateBody") : t("calendarFeed.revokeBody")}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button color={rotate ? undefined : "red"} loading={busy} onClick={onConfirm} data-testid="calendar-confirm-submit" data-autofocus>
            {rotate ? t("calendarFeed.rotateConfirm") : t("calendarFeed.revokeConfirm")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The secret URL, shown once right after it was created. */
function NewUrl({ url }: { url: string }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t("calendarFeed.newUrl")} data-testid="calendar-new-url">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {t("calendarFeed.onceWarning")}
        </Text>
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={t("calendarFeed.urlLabel")}
            value={url}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            style={{ flex: "1 1 320px" }}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            data-testid="calendar-url"
          />
          <CopyButton value={url}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                color={copied ? "teal" : undefined}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                data-testid="calendar-copy"
              >
                {copied ? t("calendarFeed.copied") : t("calendarFeed.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="sm">{t("calendarFeed.secretWarning")}</Text>
        <Text size="xs">{t("calendarFeed.howTo")}</Text>
      </Stack>
    </Alert>
  );
}

/** The caller's personal ICS feed: create, rotate (with a confirmation) or revoke its secret URL. */
export function CalendarFeedPage() {
  const { t, i18n } = useTranslation();
  const feed = useCalendarFeed();
  const [created, setCreated] = useState<Schemas["CalendarFeedCreated"] | null>(null);
  const [confirm, setConfirm] = useState<Confirm>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const create = useCreateCalendarFeed({
    onMutate: () => setNotice(null),
    onSuccess: ({ data }) => {
      setCreated(data);
      setConfirm(null);
    },
    onError: (e) => {
      setConfirm(null);
      setNotice({ color: "red", text: errorMessage(e, t) });
    },
  });

  const revoke = useRevokeCalendarFeed({
    onMutate: () => setNotice(null),
    onSuccess: () => {
      setCreated(null);
      setNotice({ color: "teal", text: t("calendarFeed.revoked") });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.status === 412) setNotice({ color: "orange", text: t("calendarFeed.changedElsewhere") });
      else if (e instanceof ApiError && e.status === 404) setNotice({ color: "orange", text: t("calendarFeed.alreadyRevoked") });
      else setNotice({ color: "red", text: errorMessage(e, t) });
      // The URL shown here may be the one that changed elsewhere: hide it rather than mislead.
      if (e instanceof ApiError && (e.status === 412 || e.status === 404)) setCreated(null);
    },
    onSettled: () => setConfirm(null),
  });

  const status = feed.data?.data;
  return (
    <Stack gap="md" maw={820}>
      <Group gap="xs">
        <IconCalendarEvent size={24} aria-hidden />
        <Title order={2}>{t("calendarFeed.title")}</Title>
      </Group>
      <Text size="sm">{t("calendarFeed.intro")}</Text>
      {notice && (
        <Alert color={notice.color} variant="light" role={notice.color === "teal" ? "status" : "alert"} data-testid="calendar-notice">
          {notice.text}
        </Alert>
      )}
      {feed.isError ? (
        <ErrorState error={feed.error} onRetry={() => void feed.refetch()} />
      ) : feed.isPending || !status ? (
        <LoadingState />
      ) : (
        <Paper withBorder p="md" data-testid="calendar-status">
          <Stack gap="sm">
            <Group justify="space-between" wrap="nowrap" align="flex-start">
              <Stack gap={2}>
                <Text fw={600}>{t("calendarFeed.status")}</Text>
                <Text size="sm" data-testid="calendar-status-text">
                  {status.active ? t("calendarFeed.activeSince", { date: formatDateTime(status.created_at, i18n.language) }) : t("calendarFeed.none")}
                </Text>
              </Stack>
              <Badge color={status.active ? "teal" : "gray"} variant="light" style={{ flexShrink: 0 }} data-testid="calendar-active">
                {status.active ? t("calendarFeed.active") : t("calendarFeed.inactive")}
              </Badge>
            </Group>
            <Group gap="xs">
              {status.active ? (
                <>
                  <Button onClick={() => setConfirm("rotate")} loading={create.isPending} data-testid="calendar-rotate">
                    {t("calendarFeed.rotate")}
                  </Button>
                  <Button color="red" variant="light" onClick={() => setConfirm("revoke")} loading={revoke.isPending} data-testid="calendar-revoke">
                    {t("calendarFeed.revoke")}
                  </Button>
                </>
              ) : (
                <Button onClick={() => create.mutate()} loading={create.isPending} data-testid="calendar-create">
                  {t("calendarFeed.create")}
                </Button>
              )}
            </Group>
          </Stack>
        </Paper>
      )}
      {created && <NewUrl url={created.url} />}
      <ConfirmModal
        kind={confirm}
        busy={create.isPending || revoke.isPending}
        onCancel={() => setConfirm(null)}
        onConfirm={() => (confirm === "rotate" ? create.mutate() : revoke.mutate(feed.data?.etag ?? ""))}
      />
    </Stack>
  );
}
