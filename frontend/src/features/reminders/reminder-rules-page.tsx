import { Alert, Badge, Button, Group, Modal, Paper, ScrollArea, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { IconPencil } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../../api/problem";
import { EmptyState, ErrorState, GeneralErrors, LoadingState } from "../../components/page-state";
import { useServerErrors } from "../../components/server-errors";
import {
  formatOffsets,
  offsetDirection,
  offsetErrorFromServer,
  parseOffsets,
  type OffsetError,
  type ReminderKind,
  type ReminderRule,
} from "./offsets";
import { useReminderRule, useReminderRules, useSaveReminderRule } from "./api";

type T = (key: string, options?: Record<string, unknown>) => string;

function offsetLabel(t: T, kind: ReminderKind, n: number): string {
  if (n === 0) return t("reminders.rules.offsetOnDay");
  return offsetDirection(kind) === "after" ? t("reminders.rules.offsetAfter", { n }) : t("reminders.rules.offsetBefore", { n });
}

function OffsetBadges({ rule }: { rule: ReminderRule }) {
  const { t } = useTranslation();
  return (
    <Stack gap={4} data-testid={`rule-days-${rule.kind}`}>
      <Group gap={4}>
        {rule.offsets_days.map((n) => (
          <Badge key={n} variant="outline" color="gray" size="sm" tt="none">
            {offsetLabel(t, rule.kind, n)}
          </Badge>
        ))}
      </Group>
      <Text size="xs" c="dimmed">
        {offsetDirection(rule.kind) === "after" ? t("reminders.rules.offsetsAfter") : t("reminders.rules.offsetsBefore")}:{" "}
        {formatOffsets(rule.offsets_days)}
      </Text>
    </Stack>
  );
}

function OnOff({ on, onLabel, offLabel }: { on: boolean; onLabel: string; offLabel: string }) {
  return (
    <Badge color={on ? "teal" : "gray"} variant={on ? "light" : "outline"} size="sm">
      {on ? onLabel : offLabel}
    </Badge>
  );
}

/** The edit form for one rule; remounted (by key) with fresh values after a 412. */
export function RuleForm({
  rule,
  etag,
  onSaved,
  onStale,
  onCancel,
}: {
  rule: ReminderRule;
  etag: string;
  onSaved: (rule: ReminderRule) => void;
  onStale: () => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(formatOffsets(rule.offsets_days));
  const [enabled, setEnabled] = useState(rule.enabled);
  const [email, setEmail] = useState(rule.email);
  const [checked, setChecked] = useState(false);
  const [serverOffsetError, setServerOffsetError] = useState<OffsetError | null>(null);
  const errors = useServerErrors();
  const parsed = parseOffsets(text);
  const direction = offsetDirection(rule.kind);

  const save = useSaveReminderRule(rule.kind, etag, {
    onSuccess: (saved) => onSaved(saved),
    onError: (e) => {
      if (e instanceof ApiError && e.status === 412) {
        onStale();
        return;
      }
      const fromServer = e instanceof ApiError ? offsetErrorFromServer(e.problem) : null;
      setServerOffsetError(fromServer);
      errors.show(e);
    },
  });

  const clientError = checked && !parsed.ok ? parsed.error : null;
  const offsetError = clientError ?? serverOffsetError;
  // Field messages of the server on the other fields (enabled, email) stay on those fields.
  const otherFieldError = (name: string) => errors.fields[name];

  return (
    <form
      noValidate
      data-testid="rule-form"
      onSubmit={(e) => {
        e.preventDefault();
        setChecked(true);
        setServerOffsetError(null);
        errors.clear();
        if (parsed.ok) save.mutate({ offsets_days: parsed.value, enabled, email });
      }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {t(`reminderKindHints.${rule.kind}`)}
        </Text>
        <GeneralErrors messages={errors.general} />
        <TextInput
          label={direction === "after" ? t("reminders.rules.offsetsAfter") : t("reminders.rules.offsetsBefore")}
          description={t("reminders.rules.offsetsHint")}
          value={text}
          onChange={(e) => {
            setText(e.currentTarget.value);
            setServerOffsetError(null);
          }}
          onBlur={() => setChecked(true)}
          required
          error={offsetError ? t(`reminders.rules.offsetErrors.${offsetError}`) : undefined}
          autoComplete="off"
          data-autofocus
          data-testid="rule-offsets"
        />
        <Switch
          label={t("reminders.rules.enabledLabel")}
          checked={enabled}
          onChange={(e) => setEnabled(e.currentTarget.checked)}
          error={otherFieldError("enabled")}
          data-testid="rule-enabled"
        />
        <Switch
          label={t("reminders.rules.emailLabel")}
          checked={email}
          onChange={(e) => setEmail(e.currentTarget.checked)}
          error={otherFieldError("email")}
          data-testid="rule-email"
        />
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            {t("common.cancel")}
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="rule-save">
            {t("common.save")}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The modal loads the rule afresh (for its ETag); a 412 reloads it and says so. */
function RuleModal({ kind, onClose, onSaved }: { kind: ReminderKind; onClose: () => void; onSaved: (rule: ReminderRule) => void }) {
  const { t } = useTranslation();
  const one = useReminderRule(kind);
  const [stale, setStale] = useState(false);
  return (
    <Modal opened onClose={onClose} title={t("reminders.rules.editTitle", { kind: t(`reminderKinds.${kind}`) })} size="lg" data-testid="rule-modal">
      <Stack gap="sm">
        {stale && (
          <Alert color="orange" role="alert" title={t("agreement.form.conflictTitle")} data-testid="rule-stale">
            {t("reminders.rules.reloaded")}
          </Alert>
        )}
        {one.isError ? (
          <ErrorState error={one.error} onRetry={() => void one.refetch()} />
        ) : one.isPending ? (
          <LoadingState />
        ) : (
          <RuleForm
            key={one.data.etag}
            rule={one.data.data}
            etag={one.data.etag}
            onCancel={onClose}
            onSaved={onSaved}
            onStale={() => {
              setStale(true);
              void one.refetch();
            }}
          />
        )}
      </Stack>
    </Modal>
  );
}

/** The six reminder rules: admin edits them, the secretariat (and anyone who opens the page) reads. */
export function ReminderRulesPage({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const rules = useReminderRules();
  const [editing, setEditing] = useState<ReminderKind | null>(null);
  const [saved, setSaved] = useState<ReminderKind | null>(null);
  const items = rules.data ?? [];

  const editButton = (r: ReminderRule) =>
    canEdit && (
      <Button
        size="xs"
        variant="light"
        leftSection={<IconPencil size={14} aria-hidden />}
        onClick={() => {
          setSaved(null);
          setEditing(r.kind);
        }}
        aria-label={t("reminders.rules.editLabel", { kind: t(`reminderKinds.${r.kind}`) })}
        data-testid={`rule-edit-${r.kind}`}
      >
        {t("reminders.rules.edit")}
      </Button>
    );

  return (
    <Stack gap="md">
      <Title order={2}>{t("reminders.rules.title")}</Title>
      <Text size="sm" maw={820}>
        {t("reminders.rules.intro")}
      </Text>
      {!canEdit && (
        <Alert color="gray" variant="light" data-testid="rules-read-only">
          {t("reminders.rules.readOnly")}
        </Alert>
      )}
      {saved && (
        <Alert color="teal" variant="light" role="status" data-testid="rule-saved" withCloseButton onClose={() => setSaved(null)}>
          {t("reminders.rules.saved")} ({t(`reminderKinds.${saved}`)})
        </Alert>
      )}
      {rules.isError ? (
        <ErrorState error={rules.error} onRetry={() => void rules.refetch()} />
      ) : rules.isPending ? (
        <LoadingState />
      ) : items.length === 0 ? (
        <EmptyState title={t("reminders.rules.empty")} />
      ) : (
        <>
          <Stack gap="xs" hiddenFrom="sm" data-testid="rule-cards">
            {items.map((r) => (
              <Paper withBorder p="sm" key={r.kind} data-testid={`rule-card-${r.kind}`}>
                <Stack gap={6}>
                  <div>
                    <Text fw={600} size="sm">
                      {t(`reminderKinds.${r.kind}`)}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`reminderKindHints.${r.kind}`)}
                    </Text>
                  </div>
                  <OffsetBadges rule={r} />
                  <Group gap="xs" justify="space-between">
                    <Group gap={4}>
                      <Text size="xs">{t("reminders.rules.enabled")}:</Text>
                      <OnOff on={r.enabled} onLabel={t("reminders.rules.on")} offLabel={t("reminders.rules.off")} />
                      <Text size="xs" ml="xs">
                        {t("reminders.rules.email")}:
                      </Text>
                      <OnOff on={r.email} onLabel={t("reminders.rules.emailOn")} offLabel={t("reminders.rules.emailOff")} />
                    </Group>
                    {editButton(r)}
                  </Group>
                </Stack>
              </Paper>
            ))}
          </Stack>
          <Paper withBorder visibleFrom="sm">
            <ScrollArea type="auto">
              <Table stickyHeader striped verticalSpacing="sm" miw={760} data-testid="rule-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t("reminders.rules.kind")}</Table.Th>
                    <Table.Th>{t("reminders.rules.days")}</Table.Th>
                    <Table.Th>{t("reminders.rules.enabled")}</Table.Th>
                    <Table.Th>{t("reminders.rules.email")}</Table.Th>
                    {canEdit && <Table.Th>{t("reminders.rules.actions")}</Table.Th>}
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {items.map((r) => (
                    <Table.Tr key={r.kind} data-testid={`rule-row-${r.kind}`}>
                      <Table.Td maw={360}>
                        <Text fw={600} size="sm">
                          {t(`reminderKinds.${r.kind}`)}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {t(`reminderKindHints.${r.kind}`)}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <OffsetBadges rule={r} />
                      </Table.Td>
                      <Table.Td>
                        <OnOff on={r.enabled} onLabel={t("reminders.rules.on")} offLabel={t("reminders.rules.off")} />
                      </Table.Td>
                      <Table.Td>
                        <OnOff on={r.email} onLabel={t("reminders.rules.emailOn")} offLabel={t("reminders.rules.emailOff")} />
                      </Table.Td>
                      {canEdit && <Table.Td>{editButton(r)}</Table.Td>}
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </ScrollArea>
          </Paper>
        </>
      )}
      {editing && (
        <RuleModal
          kind={editing}
          onClose={() => setEditing(null)}
          onSaved={(rule) => {
            setEditing(null);
            setSaved(rule.kind);
          }}
        />
      )}
    </Stack>
  );
}
