import { ActionIcon, Alert, Badge, Button, Checkbox, Group, Modal, Paper, Stack, Table, Text, TextInput, Title, Tooltip } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import { IconBuildingCommunity, IconPencil, IconPlus } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { fieldError } from "../../api/problem";
import { EmptyState, ErrorState, GeneralErrors, LoadingState } from "../../components/page-state";
import { SearchInput } from "../../components/search-input";
import { useServerErrors } from "../../components/server-errors";
import { useCreateOpd, useOpdList, useUpdateOpd, type Opd } from "./api";
import { createPayload, opdValues, updatePayload, validateOpd, type OpdFormValues } from "./opd-rules";

/** Create an OPD or change its name, abbreviation and whether it can be chosen; the server's refusals land on their fields. */
export function OpdForm({ opd, onDone, onCancel }: { opd?: Opd; onDone: (o: Opd) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const mode = opd ? "edit" : "create";
  const initial = opdValues(opd);
  const [values, setValues] = useState<OpdFormValues>(initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [submitted, setSubmitted] = useState(false);
  const server = useServerErrors();
  const local = validateOpd(values, mode);
  const err = (name: string) => (local[name] && (touched[name] || submitted) ? t(local[name]) : fieldError(server.fields, name));
  const set = (change: Partial<OpdFormValues>) => {
    setValues((v) => ({ ...v, ...change }));
    setTouched((x) => ({ ...x, ...Object.fromEntries(Object.keys(change).map((k) => [k, true])) }));
  };
  const create = useCreateOpd({ onSuccess: onDone, onError: server.show });
  const update = useUpdateOpd({ onSuccess: onDone, onError: server.show });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setSubmitted(true);
    server.clear();
    if (Object.keys(local).length > 0) return;
    if (!opd) create.mutate(createPayload(values));
    else {
      const body = updatePayload(initial, values);
      if (Object.keys(body).length === 0) onCancel();
      else update.mutate({ opd, body });
    }
  };
  return (
    <form onSubmit={submit} noValidate data-testid="opd-form">
      <Stack gap="sm">
        <GeneralErrors messages={server.general} />
        <TextInput
          label={t("opds.code")}
          description={mode === "create" ? t("opds.form.codeHint") : t("opds.form.codeFixed")}
          required={mode === "create"}
          disabled={mode === "edit"}
          maxLength={30}
          value={values.code}
          onChange={(e) => set({ code: e.currentTarget.value.toUpperCase() })}
          error={err("code")}
          data-testid="opd-code"
        />
        <TextInput label={t("opds.name")} required maxLength={200} value={values.name} onChange={(e) => set({ name: e.currentTarget.value })} error={err("name")} data-testid="opd-name" />
        <TextInput
          label={t("opds.abbreviation")}
          description={t("opds.form.abbreviationHint")}
          required
          maxLength={40}
          value={values.abbreviation}
          onChange={(e) => set({ abbreviation: e.currentTarget.value })}
          error={err("abbreviation")}
          data-testid="opd-abbreviation"
        />
        {mode === "edit" && (
          <Checkbox
            label={t("opds.form.active")}
            description={t("opds.form.activeHint")}
            checked={values.is_active}
            onChange={(e) => set({ is_active: e.currentTarget.checked })}
            error={err("is_active")}
            data-testid="opd-active"
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={create.isPending || update.isPending} data-testid="opd-submit">
            {mode === "create" ? t("opds.form.create") : t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? "teal" : "gray"} variant="light" size="sm" miw="max-content">
      {active ? t("opds.active") : t("opds.inactive")}
    </Badge>
  );
}

/** The OPDs (admin): list with search, create, rename, deactivate. */
export function OpdsPage() {
  const { t } = useTranslation();
  const wide = useMediaQuery("(min-width: 48em)", true);
  const [text, setText] = useState("");
  const [q, setQ] = useState<string | undefined>();
  const list = useOpdList(q);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Opd | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const items = list.data ?? [];
  const edit = (o: Opd) => (
    <Tooltip label={`${t("common.edit")}: ${o.abbreviation}`} withArrow openDelay={300}>
      <ActionIcon variant="subtle" size="lg" aria-label={`${t("common.edit")}: ${o.abbreviation}`} onClick={() => (setNotice(null), setEditing(o))} data-testid="opd-edit">
        <IconPencil size={18} aria-hidden />
      </ActionIcon>
    </Tooltip>
  );
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Group gap="xs" wrap="nowrap">
          <IconBuildingCommunity size={24} aria-hidden />
          <Title order={2}>{t("opds.title")}</Title>
        </Group>
        {!creating && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => (setNotice(null), setCreating(true))} data-testid="opd-new">
            {t("opds.new")}
          </Button>
        )}
      </Group>
      <Text size="sm" maw={820}>
        {t("opds.intro")}
      </Text>
      {creating && (
        <Paper withBorder p="md" component="section" aria-label={t("opds.new")}>
          <OpdForm
            onDone={(o) => {
              setCreating(false);
              setNotice(t("opds.createdNotice", { name: o.name }));
            }}
            onCancel={() => setCreating(false)}
          />
        </Paper>
      )}
      {notice && (
        <Alert color="teal" variant="light" role="status" withCloseButton onClose={() => setNotice(null)} data-testid="opd-notice">
          {notice}
        </Alert>
      )}
      <SearchInput label={t("opds.search")} value={text} onChange={setText} onSearch={setQ} data-testid="opd-search" />
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <Paper withBorder>
          <EmptyState title={t("opds.empty")} />
        </Paper>
      ) : wide ? (
        <Paper withBorder>
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="opd-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t("opds.code")}</Table.Th>
                <Table.Th>{t("opds.abbreviation")}</Table.Th>
                <Table.Th>{t("opds.name")}</Table.Th>
                <Table.Th>{t("opds.status")}</Table.Th>
                <Table.Th>{t("users.actions")}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((o) => (
                <Table.Tr key={o.id} data-testid="opd-row" data-code={o.code}>
                  <Table.Td ff="monospace">{o.code}</Table.Td>
                  <Table.Td>{o.abbreviation}</Table.Td>
                  <Table.Td>{o.name}</Table.Td>
                  <Table.Td>
                    <ActiveBadge active={o.is_active} />
                  </Table.Td>
                  <Table.Td>{edit(o)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
      ) : (
        <Stack gap="xs" data-testid="opd-cards">
          {items.map((o) => (
            <Paper key={o.id} withBorder p="sm" data-testid="opd-row" data-code={o.code}>
              <Group justify="space-between" align="flex-start" wrap="nowrap">
                <Stack gap={2} style={{ minWidth: 0 }}>
                  <Text size="sm" fw={600}>
                    {o.name}
                  </Text>
                  <Text size="xs" c="dimmed">
                    <Text span ff="monospace" size="xs">
                      {o.code}
                    </Text>{" "}
                    · {o.abbreviation}
                  </Text>
                </Stack>
                <Group gap={4} wrap="nowrap">
                  <ActiveBadge active={o.is_active} />
                  {edit(o)}
                </Group>
              </Group>
            </Paper>
          ))}
        </Stack>
      )}
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={t("opds.editTitle", { name: editing?.abbreviation ?? "" })} data-testid="opd-edit-modal">
        {editing && (
          <OpdForm
            opd={editing}
            onDone={(o) => {
              setEditing(null);
              setNotice(t("opds.savedNotice", { name: o.name }));
            }}
            onCancel={() => setEditing(null)}
          />
        )}
      </Modal>
    </Stack>
  );
}
