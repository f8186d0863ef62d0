import { Alert, Badge, Button, CopyButton, Group, Paper, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy, IconPlus, IconWebhook } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { useCursorStack } from "../../components/cursor-stack";
import { AnchorLink } from "../../components/links";
import { ListPager } from "../../components/list-pager";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { formatNumber } from "../../lib/format";
import { useWebhooks } from "./api";
import { WebhookForm } from "./webhook-form";
import { WEBHOOK_PAGE_SIZE, emptyWebhookValues, type Webhook, type WebhookCreated } from "./webhook-rules";

export function ActiveBadge({ w }: { w: Pick<Webhook, "is_active"> }) {
  const { t } = useTranslation();
  return (
    <Badge color={w.is_active ? "teal" : "gray"} variant="light" size="sm" data-testid="webhook-active">
      {w.is_active ? t("webhooks.active") : t("webhooks.disabled")}
    </Badge>
  );
}

/** The signing secret, right after creation: shown once, with a copy button. */
export function SecretOnce({ created, children }: { created: WebhookCreated; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t("webhooks.secret.title")} data-testid="webhook-secret">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {t("webhooks.secret.once")}
        </Text>
        <Group align="flex-end" gap="xs" wrap="wrap">
          <TextInput
            label={t("webhooks.secret.label")}
            value={created.secret}
            readOnly
            onFocus={(e) => e.currentTarget.select()}
            style={{ flex: "1 1 320px" }}
            styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)" } }}
            data-testid="webhook-secret-value"
          />
          <CopyButton value={created.secret}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                color={copied ? "teal" : undefined}
                leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
                data-testid="webhook-secret-copy"
              >
                {copied ? t("webhooks.secret.copied") : t("webhooks.secret.copy")}
              </Button>
            )}
          </CopyButton>
        </Group>
        <Text size="xs">{t("webhooks.secret.howTo")}</Text>
        {children}
      </Stack>
    </Alert>
  );
}

/** Webhook subscriptions: the list, and a form for a new one whose secret is then shown once. */
export function WebhooksPage() {
  const { t, i18n } = useTranslation();
  const [active, setActive] = useState<"true" | "false" | null>(null);
  const filters = active === null ? {} : { is_active: active === "true" };
  const pages = useCursorStack(filters);
  const list = useWebhooks({ ...filters, limit: WEBHOOK_PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<WebhookCreated | null>(null);
  const items = list.data?.items ?? [];

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          <IconWebhook size={24} aria-hidden />
          <Title order={2}>{t("webhooks.title")}</Title>
        </Group>
        {!creating && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => {
              setCreated(null);
              setCreating(true);
            }}
            data-testid="webhook-new"
          >
            {t("webhooks.new")}
          </Button>
        )}
      </Group>
      <Text size="sm" maw={820}>
        {t("webhooks.intro")}
      </Text>
      {created && (
        <SecretOnce created={created}>
          <AnchorLink to="/webhooks/$id" params={{ id: created.id }} size="sm">
            {t("webhooks.openCreated")}
          </AnchorLink>
        </SecretOnce>
      )}
      {creating && (
        <Paper withBorder p="md" component="section" aria-label={t("webhooks.new")}>
          <WebhookForm
            mode="create"
            initial={emptyWebhookValues()}
            onCreated={(c) => {
              setCreated(c);
              setCreating(false);
            }}
            onCancel={() => setCreating(false)}
          />
        </Paper>
      )}
      <Group>
        <Select
          label={t("webhooks.status")}
          clearable
          placeholder={t("common.all")}
          value={active}
          onChange={(v) => setActive(v as "true" | "false" | null)}
          data={[
            { value: "true", label: t("webhooks.active") },
            { value: "false", label: t("webhooks.disabled") },
          ]}
          w={220}
        />
      </Group>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <Paper withBorder>
          <EmptyState title={t("webhooks.empty")} hint={t("webhooks.emptyHint")} />
        </Paper>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={760} type="native">
            <Table stickyHeader striped highlightOnHover verticalSpacing="xs" data-testid="webhook-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("webhooks.form.url")}</Table.Th>
                  <Table.Th>{t("webhooks.form.eventTypes")}</Table.Th>
                  <Table.Th>{t("webhooks.owner")}</Table.Th>
                  <Table.Th>{t("webhooks.status")}</Table.Th>
                  <Table.Th ta="right">{t("webhooks.failures")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((w) => (
                  <Table.Tr key={w.id} data-testid="webhook-row">
                    <Table.Td style={{ overflowWrap: "anywhere" }}>
                      <AnchorLink to="/webhooks/$id" params={{ id: w.id }} ff="monospace" size="sm">
                        {w.url}
                      </AnchorLink>
                      {w.description && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {w.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="xs" ff="monospace">
                        {w.event_types.join(", ")}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{w.owner.name}</Text>
                      <Text size="xs" c="dimmed">
                        {t(`roles.${w.owner.role}`, { defaultValue: w.owner.role })}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <ActiveBadge w={w} />
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(w.consecutive_failures, i18n.language)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {list.data && <ListPager pages={pages} total={list.data.total} nextCursor={list.data.next_cursor} />}
    </Stack>
  );
}
