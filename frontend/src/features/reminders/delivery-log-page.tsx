import { Alert, Anchor, Badge, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconRefresh } from "@tabler/icons-react";
import { useRouter } from "@tanstack/react-router";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { Schemas } from "../../api/client";
import { ApiError } from "../../api/problem";
import { useCursorStack } from "../../components/cursor-stack";
import { ListPager } from "../../components/list-pager";
import { EmptyState, ErrorState, LoadingState, errorMessage } from "../../components/page-state";
import { appPath } from "../../lib/app-path";
import { formatDate, formatDateTime, formatNumber } from "../../lib/format";
import { DELIVERY_STATUSES, deliveryStatusColor, toDeliveryQuery, type DeliverySearch, type DeliveryStatus } from "./delivery-search";
import { useDeliveries, useRetryDelivery } from "./api";

type Delivery = Schemas["DeliveryRead"];

function StatusBadge({ status }: { status: DeliveryStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={deliveryStatusColor(status)} variant={status === "failed" ? "filled" : "light"} size="sm" data-testid="delivery-status">
      {t(`enums.deliveryStatus.${status}`)}
    </Badge>
  );
}

/** An e-mail address that wraps before the "@" rather than anywhere. */
function Address({ address }: { address: string }) {
  const at = address.indexOf("@");
  return (
    <Text size="xs" c="dimmed" style={{ overflowWrap: "anywhere" }}>
      {at > 0 ? (
        <>
          {address.slice(0, at)}
          <wbr />
          {address.slice(at)}
        </>
      ) : (
        address
      )}
    </Text>
  );
}

/** The record the reminder is about (an agreement or a monitoring report), opened inside the app. */
function RecordLink({ link }: { link: string }) {
  const { t } = useTranslation();
  const router = useRouter();
  const path = appPath(link, "/reminder-deliveries");
  return (
    <Anchor
      href={path}
      size="xs"
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        router.history.push(path);
      }}
    >
      {t("reminders.deliveries.openRecord")}
    </Anchor>
  );
}

function ReminderCell({ d }: { d: Delivery }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Text size="sm" lang="id" lineClamp={3}>
        {d.reminder.title}
      </Text>
      <Text size="xs" c="dimmed">
        {t(`reminderKinds.${d.reminder.kind}`)} · {t("reminders.deliveries.due", { date: formatDate(d.reminder.due_date, i18n.language) })}
      </Text>
      <RecordLink link={d.reminder.link} />
    </>
  );
}

/** The e-mail delivery log: filter by status, page with the cursor, retry failed e-mails (admin). */
export function DeliveryLogPage({
  search,
  onSearchChange,
  canRetry,
}: {
  search: DeliverySearch;
  onSearchChange: (s: DeliverySearch) => void;
  canRetry: boolean;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const pages = useCursorStack(search);
  const list = useDeliveries(toDeliveryQuery(search, pages.cursor));
  const [notice, setNotice] = useState<{ color: "teal" | "orange" | "red"; text: string } | null>(null);

  const retry = useRetryDelivery({
    onMutate: () => setNotice(null),
    onSuccess: () => setNotice({ color: "teal", text: t("reminders.deliveries.retried") }),
    onError: (e) =>
      setNotice(
        e instanceof ApiError && e.status === 409
          ? { color: "orange", text: t("reminders.deliveries.retryConflict") }
          : { color: "red", text: errorMessage(e, t) },
      ),
  });

  const items = list.data?.items ?? [];
  const retryButton = (d: Delivery) =>
    canRetry &&
    d.status === "failed" && (
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<IconRefresh size={14} aria-hidden />}
        loading={retry.isPending && retry.variables === d.id}
        disabled={retry.isPending && retry.variables !== d.id}
        onClick={() => retry.mutate(d.id)}
        aria-label={t("reminders.deliveries.retryLabel", { name: d.recipient.full_name || d.recipient.username })}
        data-testid="delivery-retry"
      >
        {t("reminders.deliveries.retry")}
      </Button>
    );

  return (
    <Stack gap="md">
      <Title order={2}>{t("reminders.deliveries.title")}</Title>
      <Text size="sm" maw={820}>
        {t("reminders.deliveries.intro")}
      </Text>
      <Paper withBorder p="sm" component="section" aria-label={t("agreement.filters")}>
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="sm">
          <Select
            label={t("reminders.deliveries.status")}
            clearable
            placeholder={t("common.all")}
            value={search.status ?? null}
            onChange={(v) => onSearchChange(v ? { status: v as DeliveryStatus } : {})}
            data={DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`enums.deliveryStatus.${s}`) }))}
            data-testid="delivery-filter-status"
          />
        </SimpleGrid>
      </Paper>
      {notice && (
        <Alert color={notice.color} variant="light" role={notice.color === "teal" ? "status" : "alert"} data-testid="delivery-notice">
          {notice.text}
        </Alert>
      )}

      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <Paper withBorder data-testid="delivery-empty">
          <EmptyState
            title={search.status ? t("reminders.deliveries.emptyFiltered") : t("reminders.deliveries.empty")}
            hint={t("reminders.deliveries.emptyHint")}
          />
        </Paper>
      ) : (
        <>
          <Stack gap="xs" hiddenFrom="sm" data-testid="delivery-cards">
            {items.map((d) => (
              <Paper withBorder p="sm" key={d.id} data-testid="delivery-card">
                <Stack gap={4}>
                  <Group justify="space-between" wrap="nowrap" align="flex-start">
                    <div style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600}>
                        {d.recipient.full_name || d.recipient.username}
                      </Text>
                      <Address address={d.recipient.address} />
                    </div>
                    <StatusBadge status={d.status} />
                  </Group>
                  <ReminderCell d={d} />
                  <Text size="xs" c="dimmed">
                    {t("reminders.deliveries.attempts")}: {formatNumber(d.attempts, lang)} · {t("reminders.deliveries.createdAt")}:{" "}
                    {formatDateTime(d.created_at, lang)}
                    {d.sent_at ? ` · ${t("reminders.deliveries.sentAt")}: ${formatDateTime(d.sent_at, lang)}` : ""}
                  </Text>
                  {d.last_error && (
                    <Text size="xs" c="red.9" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                      {d.last_error}
                    </Text>
                  )}
                  {retryButton(d) && <Group>{retryButton(d)}</Group>}
                </Stack>
              </Paper>
            ))}
          </Stack>
          <Paper withBorder visibleFrom="sm">
            <Table.ScrollContainer minWidth={900} type="native">
              <Table stickyHeader striped highlightOnHover verticalSpacing="xs" layout="fixed" data-testid="delivery-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th w={160}>{t("reminders.deliveries.recipient")}</Table.Th>
                    <Table.Th>{t("reminders.deliveries.reminder")}</Table.Th>
                    <Table.Th w={130}>
                      {t("reminders.deliveries.status")} / {t("reminders.deliveries.attempts")}
                    </Table.Th>
                    <Table.Th w={160}>{t("reminders.deliveries.lastError")}</Table.Th>
                    <Table.Th w={175}>
                      {t("reminders.deliveries.createdAt")} / {t("reminders.deliveries.sentAt")}
                    </Table.Th>
                    {canRetry && <Table.Th w={135}>{t("reminders.rules.actions")}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((d) => (
                    <Table.Tr key={d.id} data-testid="delivery-row">
                      <Table.Td>
                        <Text size="sm">{d.recipient.full_name || d.recipient.username}</Text>
                        <Address address={d.recipient.address} />
                      </Table.Td>
                      <Table.Td>
                        <ReminderCell d={d} />
                      </Table.Td>
                      <Table.Td>
                        <StatusBadge status={d.status} />
                        <Text size="xs" mt={2} data-testid="delivery-attempts">
                          {t("reminders.deliveries.attempts")}: {formatNumber(d.attempts, lang)}
                        </Text>
                        {d.status === "queued" && (
                          <Text size="xs" c="dimmed">
                            {t("reminders.deliveries.nextAttempt", { date: formatDateTime(d.next_attempt_at, lang) })}
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
                        <Text size="xs" c={d.sent_at ? undefined : "dimmed"}>
                          {t("reminders.deliveries.sentAt")}: {formatDateTime(d.sent_at, lang)}
                        </Text>
                      </Table.Td>
                      {canRetry && <Table.Td>{retryButton(d)}</Table.Td>}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
        </>
      )}
      {list.data && <ListPager pages={pages} total={list.data.total} nextCursor={list.data.next_cursor} totalTestId="delivery-total" />}
    </Stack>
  );
}
