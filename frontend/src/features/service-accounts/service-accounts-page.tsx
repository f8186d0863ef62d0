import { ActionIcon, Alert, Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import { IconKey, IconPencil, IconPlayerPause, IconPlayerPlay, IconPlus, IconRobot } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { useCursorStack } from "../../components/cursor-stack";
import { ListPager } from "../../components/list-pager";
import { EmptyState, ErrorState, LoadingState, errorMessage } from "../../components/page-state";
import { SortableHeader } from "../../components/sortable-header";
import { formatDateTime } from "../../lib/format";
import { useRotateServiceAccountSecret, useServiceAccounts, useUpdateServiceAccount } from "./api";
import { SecretModal } from "./secret-modal";
import { ServiceAccountForm } from "./service-account-form";
import {
  SERVICE_ACCOUNT_PAGE_SIZE,
  emptyServiceAccountValues,
  type ServiceAccount,
  type ServiceAccountSort,
  type ServiceAccountWithSecret,
} from "./service-account-rules";

type Notice = { color: "teal" | "orange" | "red"; text: string; stale?: boolean };
type Confirm = { kind: "rotate" | "disable"; account: ServiceAccount };
type Shown = { account: ServiceAccountWithSecret; reason: "created" | "rotated" };

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? "teal" : "gray"} variant="light" size="sm" miw="max-content" data-testid="service-account-status">
      {active ? t("serviceAccounts.active") : t("serviceAccounts.disabled")}
    </Badge>
  );
}

/** A row action: an icon button named by its tooltip (and aria-label) so that the table stays narrow. */
function Action(props: { label: string; testId: string; color?: string; disabled?: boolean; loading?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Tooltip label={props.label} withArrow openDelay={300}>
      <ActionIcon
        variant="subtle"
        color={props.color}
        size="lg"
        aria-label={props.label}
        disabled={props.disabled}
        loading={props.loading}
        onClick={props.onClick}
        data-testid={props.testId}
      >
        {props.children}
      </ActionIcon>
    </Tooltip>
  );
}

/** Service accounts (admin): the list, create (secret shown once), edit, rotate the secret, disable / enable. */
export function ServiceAccountsPage() {
  const { t, i18n } = useTranslation();
  const [active, setActive] = useState<"true" | "false" | null>(null);
  const [sort, setSort] = useState<ServiceAccountSort>("name");
  const filters = { ...(active === null ? {} : { is_active: active === "true" }), sort };
  const pages = useCursorStack(filters);
  const list = useServiceAccounts({ ...filters, limit: SERVICE_ACCOUNT_PAGE_SIZE, ...(pages.cursor ? { cursor: pages.cursor } : {}) });
  const items = list.data?.items ?? [];

  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<ServiceAccount | null>(null);
  const [confirm, setConfirm] = useState<Confirm | null>(null);
  const [shown, setShown] = useState<Shown | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  const failed = (e: Error) => {
    setConfirm(null);
    if (e instanceof ApiError && e.status === 412) setNotice({ color: "orange", text: t("serviceAccounts.stale"), stale: true });
    else setNotice({ color: "red", text: errorMessage(e, t) });
  };
  const rotate = useRotateServiceAccountSecret({
    onSuccess: (account) => {
      setConfirm(null);
      setShown({ account, reason: "rotated" });
    },
    onError: failed,
  });
  const update = useUpdateServiceAccount({
    onSuccess: (saved) => {
      setConfirm(null);
      setNotice({
        color: "teal",
        text: saved.is_active ? t("serviceAccounts.enabledNotice", { name: saved.name }) : t("serviceAccounts.disabledNotice", { name: saved.name }),
      });
    },
    onError: failed,
  });
  const closeSecret = () => {
    setShown(null);
    rotate.reset();
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs">
          <IconRobot size={24} aria-hidden />
          <Title order={2}>{t("serviceAccounts.title")}</Title>
        </Group>
        {!creating && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => {
              setNotice(null);
              setCreating(true);
            }}
            data-testid="service-account-new"
          >
            {t("serviceAccounts.new")}
          </Button>
        )}
      </Group>
      <Text size="sm" maw={820}>
        {t("serviceAccounts.intro")}
      </Text>
      {creating && (
        <Paper withBorder p="md" component="section" aria-label={t("serviceAccounts.new")}>
          <ServiceAccountForm
            mode="create"
            initial={emptyServiceAccountValues()}
            onCreated={(account) => {
              setCreating(false);
              setShown({ account, reason: "created" });
            }}
            onCancel={() => setCreating(false)}
          />
        </Paper>
      )}
      {notice && (
        <Alert color={notice.color} variant="light" role={notice.color === "teal" ? "status" : "alert"} withCloseButton onClose={() => setNotice(null)} data-testid="service-account-notice">
          <Group justify="space-between" gap="xs">
            <Text size="sm">{notice.text}</Text>
            {notice.stale && (
              <Button
                size="xs"
                variant="light"
                color="orange"
                onClick={() => {
                  setNotice(null);
                  void list.refetch();
                }}
              >
                {t("common.reload")}
              </Button>
            )}
          </Group>
        </Alert>
      )}
      <Group>
        <Select
          label={t("serviceAccounts.status")}
          clearable
          placeholder={t("common.all")}
          value={active}
          onChange={(v) => setActive(v as "true" | "false" | null)}
          data={[
            { value: "true", label: t("serviceAccounts.active") },
            { value: "false", label: t("serviceAccounts.disabled") },
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
          <EmptyState title={active === null ? t("serviceAccounts.empty") : t("serviceAccounts.emptyFiltered")} hint={t("serviceAccounts.emptyHint")} />
        </Paper>
      ) : (
        <Paper withBorder>
          <Table.ScrollContainer minWidth={900} type="native">
            <Table stickyHeader striped highlightOnHover verticalSpacing="xs" data-testid="service-account-table">
              <Table.Thead>
                <Table.Tr>
                  <SortableHeader field="name" label={t("serviceAccounts.form.name")} sort={sort} onSort={setSort} />
                  <SortableHeader field="client_id" label={t("serviceAccounts.clientId")} sort={sort} onSort={setSort} />
                  <Table.Th>{t("serviceAccounts.role")}</Table.Th>
                  <Table.Th>{t("serviceAccounts.scopes")}</Table.Th>
                  <Table.Th>{t("serviceAccounts.status")}</Table.Th>
                  <Table.Th>{t("serviceAccounts.lastUsed")}</Table.Th>
                  <Table.Th>{t("serviceAccounts.actions")}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((a) => (
                  <Table.Tr key={a.id} data-testid="service-account-row">
                    <Table.Td miw={220} maw={320}>
                      <Text size="sm" fw={500}>
                        {a.name}
                      </Text>
                      {a.description && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          {a.description}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Text size="sm" ff="monospace" data-testid="service-account-client-id">
                        {a.client_id}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Badge variant="outline" size="sm" color={a.role === "province" ? "indigo" : "gray"} miw="max-content">
                        {t(`serviceAccounts.roles.${a.role}`)}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {a.scopes.map((s) => (
                          <Badge key={s} variant="light" size="sm" color="blue" tt="none" miw="max-content">
                            {t(`serviceAccounts.scopeShort.${s}`)}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <ActiveBadge active={a.is_active} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" data-testid="service-account-last-used">
                        {a.last_used_at ? formatDateTime(a.last_used_at, i18n.language) : t("serviceAccounts.neverUsed")}
                      </Text>
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      <Group gap={2} wrap="nowrap">
                        <Action label={`${t("common.edit")}: ${a.name}`} testId="service-account-edit" onClick={() => setEditing(a)}>
                          <IconPencil size={18} aria-hidden />
                        </Action>
                        <Action
                          label={`${t("serviceAccounts.rotate")}: ${a.name}`}
                          testId="service-account-rotate"
                          color="orange"
                          disabled={!a.is_active}
                          onClick={() => {
                            setNotice(null);
                            setConfirm({ kind: "rotate", account: a });
                          }}
                        >
                          <IconKey size={18} aria-hidden />
                        </Action>
                        {a.is_active ? (
                          <Action
                            label={`${t("serviceAccounts.disable")}: ${a.name}`}
                            testId="service-account-disable"
                            color="red"
                            onClick={() => {
                              setNotice(null);
                              setConfirm({ kind: "disable", account: a });
                            }}
                          >
                            <IconPlayerPause size={18} aria-hidden />
                          </Action>
                        ) : (
                          <Action
                            label={`${t("serviceAccounts.enable")}: ${a.name}`}
                            testId="service-account-enable"
                            color="teal"
                            loading={update.isPending && update.variables?.account.id === a.id}
                            onClick={() => {
                              setNotice(null);
                              update.mutate({ account: a, body: { is_active: true } });
                            }}
                          >
                            <IconPlayerPlay size={18} aria-hidden />
                          </Action>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      {list.data && <ListPager pages={pages} total={list.data.total} nextCursor={list.data.next_cursor} />}

      <Modal
        opened={confirm !== null}
        onClose={() => setConfirm(null)}
        title={confirm?.kind === "rotate" ? t("serviceAccounts.rotateTitle") : t("serviceAccounts.disableTitle")}
        data-testid="service-account-confirm"
      >
        {confirm && (
          <Stack gap="md">
            <Text size="sm" fw={500}>
              {confirm.account.name} <Text span ff="monospace" size="sm">({confirm.account.client_id})</Text>
            </Text>
            <Text size="sm">{confirm.kind === "rotate" ? t("serviceAccounts.rotateBody") : t("serviceAccounts.disableBody")}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirm(null)}>
                {t("common.cancel")}
              </Button>
              <Button
                color={confirm.kind === "rotate" ? "orange" : "red"}
                loading={rotate.isPending || update.isPending}
                onClick={() =>
                  confirm.kind === "rotate" ? rotate.mutate(confirm.account) : update.mutate({ account: confirm.account, body: { is_active: false } })
                }
                data-testid="service-account-confirm-submit"
              >
                {confirm.kind === "rotate" ? t("serviceAccounts.rotateConfirm") : t("serviceAccounts.disableConfirm")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t("serviceAccounts.editTitle")} size="lg" data-testid="service-account-edit-modal">
        {editing && (
          <ServiceAccountForm
            mode="edit"
            account={editing}
            onSaved={(saved) => {
              setEditing(null);
              setNotice({ color: "teal", text: t("serviceAccounts.savedNotice", { name: saved.name }) });
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>

      <SecretModal account={shown?.account ?? null} reason={shown?.reason ?? "created"} onClose={closeSecret} />
    </Stack>
  );
}
