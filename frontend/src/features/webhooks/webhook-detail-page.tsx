import { Alert, Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconPlayerPause, IconPlayerPlay, IconRefresh, IconTrash } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { useCursorStack } from "../../components/cursor-stack";
import { AnchorLink } from "../../components/links";
import { ListPager } from "../../components/list-pager";
import { EmptyState, ErrorState, LoadingState, errorMessage } from "../../components/page-state";
import { formatDateTime, formatNumber } from "../../lib/format";
import { useDeleteWebhook, useRetryWebhookDelivery, useUpdateWebhook, useWebhook, useWebhookDeliveries } from "./api";
import { WebhookForm } from "./webhook-form";
import {
  WEBHOOK_DELIVERY_STATUSES,
  toDeliveryQuery,
  webhookDeliveryColor,
  webhookValues,
  type Webhook,
  type WebhookDelivery,
  type WebhookDeliveryStatus,
  type WebhookSearch,
} from "./webhook-rules";
import { ActiveBadge } from "./webhooks-page";

type Notice = { color: "teal" | "orange" | "red"; text: string };

function DeliveryLog({ id, active, search, onSearchChange }: { id: string; active: boolean; search: WebhookSearch; onSearchChange: (s: WebhookSearch) => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pages = useCursorStack(search);
  const log = useWebhookDeliveries(id, toDeliveryQuery(search, pages.cursor));
  const [notice, setNotice] = useState<Notice | null>(null);
  const retry = useRetryWebhookDelivery(id, {
    onSuccess: () => setNotice({ color: "teal", text: t("webhooks.log.retried") }),
    onError: (e) =>
      setNotice(
        e instanceof ApiError && e.status === 409
          ? { color: "orange", text: t("webhooks.log.retryInactive") }
          : { color: "red", text: errorMessage(e, t) },
      ),
  });
  const items = log.data?.items ?? [];
  const status = (d: WebhookDelivery) => (
    <Badge color={webhookDeliveryColor(d.status)} variant={d.status === "dead" ? "filled" : "light"} size="sm" data-testid="webhook-delivery-status">
      {t(`webhooks.deliveryStatus.${d.status}`)}
    </Badge>
  );

  return (
    <Stack gap="sm" component="section" aria-labelledby="webhook-log-title">
      <Title order={3} id="webhook-log-title">
        {t("webhooks.log.title")}
      </Title>
      <Select
        label={t("webhooks.status")}
        clearable
        placeholder={t("common.all")}
        value={search.status ?? null}
        onChange={(v) => onSearchChange(v ? { status: v as WebhookDeliveryStatus } : {})}
        data={WEBHOOK_DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`webhooks.deliveryStatus.${s}`) }))}
        w={220}
        data-testid="webhook-log-filter"
      />
      {notice && (
        <Alert color={notice.color} variant="light" role={notice.color === "teal" ? "status" : "alert"}>
          {notice.text}
        </Alert>
      )}
      {log.isError ? (
        <ErrorState error={log.error} onRetry={() => void log.refetch()} />
      ) : log.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <Paper withBorder>
          <EmptyState title={search.status ? t("webhooks.log.emptyFiltered") : t("webhooks.log.empty")} hint={t("webhooks.log.emptyHint")} />
        </Paper>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={880} type="native">
            <Table stickyHeader striped verticalSpacing="xs" layout="fixed" data-testid="webhook-log-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={190}>{t("webhooks.log.event")}</Table.Th>
                  <Table.Th w={140}>
                    {t("webhooks.status")} / {t("webhooks.log.attempts")}
                  </Table.Th>
                  <Table.Th w={120}>{t("webhooks.log.answer")}</Table.Th>
                  <Table.Th>{t("webhooks.log.lastError")}</Table.Th>
                  <Table.Th w={180}>{t("webhooks.log.times")}</Table.Th>
                  <Table.Th w={150}>{t("webhooks.log.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((d) => (
                  <Table.Tr key={d.id} data-testid="webhook-log-row">
                    <Table.Td>
                      <Text size="sm" ff="monospace">
                        {d.event_type}
                      </Text>
                      <Text size="xs" c="dimmed">
                        #{d.seq}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {status(d)}
                      <Text size="xs" mt={2}>
                        {t("webhooks.log.attempts")}: {formatNumber(d.attempts, lang)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{d.last_status_code ?? "—"}</Text>
                      {d.last_response_ms !== null && (
                        <Text size="xs" c="dimmed">
                          {formatNumber(d.last_response_ms, lang)} ms
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace" style={{ overflowWrap: "anywhere" }} lineClamp={4} title={d.last_error ?? undefined}>
                        {d.last_error ?? "—"}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs">{formatDateTime(d.created_at, lang)}</Text>
                      {d.delivered_at && (
                        <Text size="xs">
                          {t("webhooks.log.deliveredAt")}: {formatDateTime(d.delivered_at, lang)}
                        </Text>
                      )}
                      {d.next_attempt_at && (
                        <Text size="xs" c="dimmed">
                          {t("webhooks.log.nextAttempt", { date: formatDateTime(d.next_attempt_at, lang) })}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="compact-xs"
                        variant="light"
                        leftSection={<IconRefresh size={14} aria-hidden />}
                        disabled={!active || (retry.isPending && retry.variables !== d.id)}
                        loading={retry.isPending && retry.variables === d.id}
                        onClick={() => {
                          setNotice(null);
                          retry.mutate(d.id);
                        }}
                        aria-label={t("webhooks.log.retryLabel", { event: d.event_type, seq: d.seq })}
                        data-testid="webhook-log-retry"
                      >
                        {t("webhooks.log.retry")}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {log.data && <ListPager pages={pages} total={log.data.total} nextCursor={log.data.next_cursor} />}
    </Stack>
  );
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <div>{children}</div>
    </Stack>
  );
}

function Header({ w, etag, onEdit, onDeleted }: { w: Webhook; etag: string; onEdit: () => void; onDeleted: () => void }) {
  const { t, i18n } = useTranslation();
  const [notice, setNotice] = useState<Notice | null>(null);
  const [confirming, setConfirming] = useState(false);
  const toggle = useUpdateWebhook(w.id, etag, {
    onSuccess: (saved) => setNotice({ color: "teal", text: saved.is_active ? t("webhooks.enabledNotice") : t("webhooks.disabledNotice") }),
    onError: (e) => setNotice({ color: e instanceof ApiError && e.status === 412 ? "orange" : "red", text: e instanceof ApiError && e.status === 412 ? t("errors.stale") : errorMessage(e, t) }),
  });
  const remove = useDeleteWebhook(w.id, etag, {
    onSuccess: onDeleted,
    onError: (e) => {
      setConfirming(false);
      setNotice({ color: "red", text: e instanceof ApiError && e.status === 412 ? t("errors.stale") : errorMessage(e, t) });
    },
  });
  return (
    <Paper withBorder p="md" data-testid="webhook-header">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text ff="monospace" fw={600} style={{ overflowWrap: "anywhere" }} data-testid="webhook-url-text">
              {w.url}
            </Text>
            {w.description && <Text size="sm">{w.description}</Text>}
          </Stack>
          <ActiveBadge w={w} />
        </Group>
        {!w.is_active && w.disabled_reason && (
          <Alert color="orange" variant="light" data-testid="webhook-disabled-reason">
            {t("webhooks.disabledBecause", { reason: w.disabled_reason, date: formatDateTime(w.disabled_at, i18n.language) })}
          </Alert>
        )}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Field label={t("webhooks.form.eventTypes")}>
            <Text size="sm" ff="monospace">
              {w.event_types.join(", ")}
            </Text>
          </Field>
          <Field label={t("webhooks.owner")}>
            <Text size="sm">
              {w.owner.name} · {t(`roles.${w.owner.role}`, { defaultValue: w.owner.role })}
            </Text>
          </Field>
          <Field label={t("webhooks.failures")}>
            <Text size="sm">{formatNumber(w.consecutive_failures, i18n.language)}</Text>
          </Field>
        </SimpleGrid>
        {notice && (
          <Alert color={notice.color} variant="light" role={notice.color === "teal" ? "status" : "alert"}>
            {notice.text}
          </Alert>
        )}
        <Group gap="xs">
          <Button variant="default" onClick={onEdit} data-testid="webhook-edit">
            {t("common.edit")}
          </Button>
          <Button
            variant="light"
            color={w.is_active ? "orange" : "teal"}
            leftSection={w.is_active ? <IconPlayerPause size={16} aria-hidden /> : <IconPlayerPlay size={16} aria-hidden />}
            loading={toggle.isPending}
            onClick={() => {
              setNotice(null);
              toggle.mutate({ is_active: !w.is_active });
            }}
            data-testid="webhook-toggle"
          >
            {w.is_active ? t("webhooks.disable") : t("webhooks.enable")}
          </Button>
          <Button variant="light" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={() => setConfirming(true)} data-testid="webhook-delete">
            {t("common.delete")}
          </Button>
        </Group>
      </Stack>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t("webhooks.deleteTitle")}>
        <Stack gap="md">
          <Text size="sm">{t("webhooks.deleteBody")}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setConfirming(false)}>
              {t("common.cancel")}
            </Button>
            <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()} data-testid="webhook-delete-confirm" data-autofocus>
              {t("common.confirmDelete")}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Paper>
  );
}

/** One subscription: its settings (edit, disable / enable, delete) and its delivery log with retry. */
export function WebhookDetailPage({
  id,
  search,
  onSearchChange,
  onDeleted,
  notFound,
}: {
  id: string;
  search: WebhookSearch;
  onSearchChange: (s: WebhookSearch) => void;
  onDeleted: () => void;
  notFound: ReactNode;
}) {
  const { t } = useTranslation();
  const one = useWebhook(id);
  const [editing, setEditing] = useState(false);
  if (one.isError) {
    if (one.error instanceof ApiError && one.error.status === 404) return <>{notFound}</>;
    return <ErrorState error={one.error} onRetry={() => void one.refetch()} />;
  }
  if (one.isPending) return <LoadingState />;
  const { data: w, etag } = one.data;
  return (
    <Stack gap="md">
      <AnchorLink to="/webhooks" size="sm">
        ← {t("webhooks.title")}
      </AnchorLink>
      <Title order={2}>{t("webhooks.detailTitle")}</Title>
      {editing ? (
        <Paper withBorder p="md">
          <WebhookForm
            key={etag}
            mode="edit"
            id={w.id}
            etag={etag}
            initial={webhookValues(w)}
            onSaved={() => setEditing(false)}
            onCancel={() => setEditing(false)}
          />
        </Paper>
      ) : (
        <Header w={w} etag={etag} onEdit={() => setEditing(true)} onDeleted={onDeleted} />
      )}
      <DeliveryLog id={w.id} active={w.is_active} search={search} onSearchChange={onSearchChange} />
    </Stack>
  );
}
