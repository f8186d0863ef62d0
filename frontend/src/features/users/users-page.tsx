import { ActionIcon, Alert, Badge, Button, Group, Modal, Paper, Select, SimpleGrid, Stack, Table, Text, Title, Tooltip } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconKey, IconPencil, IconPlayerPause, IconPlayerPlay, IconPlus, IconUserCog } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { EmptyState, ErrorState, LoadingState, errorMessage } from "../../components/page-state";
import { SearchInput } from "../../components/search-input";
import { formatDateTime } from "../../lib/format";
import { useAllOpds, useUpdateUser, useUsers } from "./api";
import { PasswordResetForm, UserForm } from "./user-form";
import { userRoles, type Role, type User } from "./user-rules";

type Notice = { color: "teal" | "orange" | "red"; text: string };

function StatusBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? "teal" : "gray"} variant="light" size="sm" miw="max-content" data-testid="user-status">
      {active ? t("users.active") : t("users.disabled")}
    </Badge>
  );
}

/** A row action: an icon button named by its tooltip (and aria-label), so that rows and cards stay narrow. */
function Action(props: { label: string; testId: string; color?: string; loading?: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <Tooltip label={props.label} withArrow openDelay={300}>
      <ActionIcon variant="subtle" color={props.color} size="lg" aria-label={props.label} loading={props.loading} onClick={props.onClick} data-testid={props.testId}>
        {props.children}
      </ActionIcon>
    </Tooltip>
  );
}

/** User accounts (admin): search and filter by role and OPD, create, change, reset the password, disable / enable. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const wide = useMediaQuery("(min-width: 48em)", true);
  const [text, setText] = useState("");
  const [q, setQ] = useState<string | undefined>();
  const [role, setRole] = useState<Role | null>(null);
  const [opdId, setOpdId] = useState<string | null>(null);
  const list = useUsers({ ...(q ? { q } : {}), ...(role ? { role } : {}), ...(opdId ? { opd_id: opdId } : {}) });
  const opds = useAllOpds();
  const opdName = (id: string | null) => (id ? (opds.data?.find((o) => o.id === id)?.abbreviation ?? "…") : t("common.none"));
  const items = list.data ?? [];

  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [disabling, setDisabling] = useState<User | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);

  // The server's refusal in the UI's language, by its codes (e.g. 409 `last_admin`), not its English detail.
  const explain = (e: Error) =>
    e instanceof ApiError && e.problem.errors?.length
      ? e.problem.errors.map((x) => t(`serverErrors.${x.code}`, { defaultValue: x.msg })).join("; ")
      : errorMessage(e, t);
  const update = useUpdateUser({
    onSuccess: (saved) => {
      setDisabling(null);
      setNotice({ color: "teal", text: t(saved.is_active ? "users.enabledNotice" : "users.disabledNotice", { name: saved.username }) });
    },
    onError: (e) => {
      setDisabling(null);
      if (e instanceof ApiError && e.status === 412) setNotice({ color: "orange", text: t("errors.stale") });
      else setNotice({ color: "red", text: explain(e) });
    },
  });

  const actions = (u: User) => (
    <Group gap={2} wrap="nowrap">
      <Action label={`${t("common.edit")}: ${u.username}`} testId="user-edit" onClick={() => (setNotice(null), setEditing(u))}>
        <IconPencil size={18} aria-hidden />
      </Action>
      <Action label={`${t("users.resetPassword")}: ${u.username}`} testId="user-reset" color="orange" onClick={() => (setNotice(null), setResetting(u))}>
        <IconKey size={18} aria-hidden />
      </Action>
      {u.is_active ? (
        <Action label={`${t("users.disable")}: ${u.username}`} testId="user-disable" color="red" onClick={() => (setNotice(null), setDisabling(u))}>
          <IconPlayerPause size={18} aria-hidden />
        </Action>
      ) : (
        <Action
          label={`${t("users.enable")}: ${u.username}`}
          testId="user-enable"
          color="teal"
          loading={update.isPending && update.variables?.user.id === u.id}
          onClick={() => {
            setNotice(null);
            update.mutate({ user: u, body: { is_active: true } });
          }}
        >
          <IconPlayerPlay size={18} aria-hidden />
        </Action>
      )}
    </Group>
  );

  const lastLogin = (u: User) => (u.last_login_at ? formatDateTime(u.last_login_at, i18n.language) : t("users.neverSignedIn"));

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs" wrap="nowrap">
          <IconUserCog size={24} aria-hidden />
          <Title order={2}>{t("users.title")}</Title>
        </Group>
        {!creating && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => (setNotice(null), setCreating(true))} data-testid="user-new">
            {t("users.new")}
          </Button>
        )}
      </Group>
      {creating && (
        <Paper withBorder p="md" component="section" aria-label={t("users.new")}>
          <UserForm
            mode="create"
            onCreated={(u) => {
              setCreating(false);
              setNotice({ color: "teal", text: t("users.createdNotice", { name: u.username }) });
            }}
            onCancel={() => setCreating(false)}
          />
        </Paper>
      )}
      {notice && (
        <Alert color={notice.color} variant="light" role={notice.color === "teal" ? "status" : "alert"} withCloseButton onClose={() => setNotice(null)} data-testid="user-notice">
          {notice.text}
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
        <SearchInput label={t("users.search")} value={text} onChange={setText} onSearch={setQ} data-testid="user-search" />
        <Select
          label={t("users.role")}
          clearable
          placeholder={t("common.all")}
          value={role}
          onChange={(v) => setRole(v as Role | null)}
          data={userRoles().map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          data-testid="user-filter-role"
        />
        <Select
          label={t("users.opd")}
          clearable
          searchable
          placeholder={t("common.all")}
          value={opdId}
          onChange={setOpdId}
          data={(opds.data ?? []).map((o) => ({ value: o.id, label: `${o.abbreviation} — ${o.name}` }))}
          data-testid="user-filter-opd"
        />
      </SimpleGrid>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <Paper withBorder>
          <EmptyState title={t("users.empty")} />
        </Paper>
      ) : wide ? (
        <Paper withBorder>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="user-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("users.account")}</Table.Th>
                <Table.Th>{t("users.role")}</Table.Th>
                <Table.Th>{t("users.opd")}</Table.Th>
                <Table.Th>{t("users.status")}</Table.Th>
                <Table.Th>{t("users.lastLogin")}</Table.Th>
                <Table.Th>{t("users.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((u) => (
                <Table.Tr key={u.id} data-testid="user-row" data-username={u.username}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {u.full_name || u.username}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace">
                      {u.username}
                      {u.email ? ` · ${u.email}` : ""}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`roles.${u.role}`, { defaultValue: u.role })}</Table.Td>
                  <Table.Td>{opdName(u.opd_id)}</Table.Td>
                  <Table.Td>
                    <StatusBadge active={u.is_active} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{lastLogin(u)}</Text>
                  </Table.Td>
                  <Table.Td>{actions(u)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : (
        <Stack gap="xs" data-testid="user-cards">
          {items.map((u) => (
            <Paper key={u.id} withBorder p="sm" data-testid="user-row" data-username={u.username}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {u.full_name || u.username}
                  </Text>
                  <Text size="xs" c="dimmed" ff="monospace" style={{ overflowWrap: "anywhere" }}>
                    {u.username}
                  </Text>
                  <Text size="sm">
                    {t(`roles.${u.role}`, { defaultValue: u.role })}
                    {u.opd_id ? ` · ${opdName(u.opd_id)}` : ""}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {t("users.lastLogin")}: {lastLogin(u)}
                  </Text>
                </Stack>
                <StatusBadge active={u.is_active} />
              </Group>
              <Group justify="flex-end" mt={4}>
                {actions(u)}
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      {list.data && (
        <Text size="sm" c="dimmed">
          {t("common.total", { count: items.length })}
        </Text>
      )}

      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t("users.editTitle", { name: editing?.username ?? "" })} data-testid="user-edit-modal">
        {editing && (
          <UserForm
            mode="edit"
            user={editing}
            onSaved={(u) => {
              setEditing(null);
              setNotice({ color: "teal", text: t("users.savedNotice", { name: u.username }) });
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal opened={resetting !== null} onClose={() => setResetting(null)} title={t("users.resetTitle", { name: resetting?.username ?? "" })} data-testid="user-reset-modal">
        {resetting && (
          <PasswordResetForm
            user={resetting}
            onDone={(u) => {
              setResetting(null);
              setNotice({ color: "teal", text: t("users.resetNotice", { name: u.username }) });
            }}
            onCancel={() => setResetting(null)}
          />
        )}
      </Modal>
      <Modal opened={disabling !== null} onClose={() => setDisabling(null)} title={t("users.disableTitle", { name: disabling?.username ?? "" })} data-testid="user-disable-modal">
        {disabling && (
          <Stack gap="md">
            <Text size="sm">{t("users.disableBody")}</Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDisabling(null)}>
                {t("common.cancel")}
              </Button>
              <Button color="red" loading={update.isPending} onClick={() => update.mutate({ user: disabling, body: { is_active: false } })} data-testid="user-disable-confirm">
                {t("users.disable")}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
