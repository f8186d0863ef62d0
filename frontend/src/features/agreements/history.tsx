import { Badge, Group, Paper, Spoiler, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { useOpds } from "../../components/reference-queries";
import { formatDateTime } from "../../lib/format";
import { useHistory, useProcedures } from "./api";
import { historyChanges, type FieldChange } from "./history-changes";

function Change({ c }: { c: FieldChange }) {
  return (
    <Text size="sm" data-testid="history-change" style={{ overflowWrap: "anywhere" }}>
      <Text span fw={600} size="sm">
        {c.label}:
      </Text>{" "}
      {c.before !== null && (
        <>
          <Text span size="sm" c="dimmed" td="line-through">
            {c.before}
          </Text>
          {" → "}
        </>
      )}
      {c.after}
    </Text>
  );
}

/** The history of an agreement, newest first: stage transitions, and field changes as "Judul: old → new". */
export function History({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const history = useHistory(id);
  const procedures = useProcedures();
  const opds = useOpds();
  const en = i18n.language.startsWith("en");
  const actionLabel = (action: string) => {
    for (const m of procedures.data?.machines ?? []) {
      const tr = m.transitions.find((x) => x.action === action);
      if (tr) return en ? tr.label_en : tr.label_id;
    }
    return action;
  };
  if (history.isPending) return <LoadingState />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  if (history.data.length === 0) return <EmptyState title={t("agreement.history.empty")} />;
  const stage = (s: string | null | undefined) => (s ? t(`enums.stage.${s}`, { defaultValue: s }) : "");
  const ctx = { t, lang: i18n.language, opdName: (o: string) => opds.data?.find((x) => x.id === o)?.name };
  return (
    <Stack gap="xs" data-testid="history">
      {[...history.data].reverse().map((e, i) => {
        const changes = e.kind === "change" ? historyChanges(e.before, e.after, ctx) : [];
        const created = e.kind === "change" && !e.before;
        return (
          <Paper key={`${e.at}-${i}`} withBorder p="sm" data-testid="history-entry">
            <Group justify="space-between" gap="xs" align="flex-start">
              <Stack gap={0}>
                <Text size="sm" fw={600}>
                  {e.kind === "transition" ? actionLabel(e.action) : t(`agreement.history.actions.${e.action}`, { defaultValue: e.action })}
                </Text>
                {e.kind === "transition" && (
                  <Text size="xs" c="dimmed">
                    {stage(e.from_stage)} → {stage(e.to_stage)}
                  </Text>
                )}
              </Stack>
              <Stack gap={0} align="flex-end">
                <Text size="xs">{formatDateTime(e.at, i18n.language)}</Text>
                <Group gap={4}>
                  <Text size="xs" c="dimmed">
                    {e.actor_username}
                  </Text>
                  <Badge size="xs" variant="light" color="gray" miw="max-content">
                    {t(`roles.${e.actor_role}`, { defaultValue: e.actor_role })}
                  </Badge>
                </Group>
              </Stack>
            </Group>
            {e.kind === "transition" ? (
              (e.reason || e.justification) && (
                <Text size="sm" mt={4}>
                  {[e.reason, e.justification].filter(Boolean).join(" · ")}
                </Text>
              )
            ) : changes.length === 0 ? null : created ? (
              <Spoiler maxHeight={48} showLabel={t("agreement.history.showAll", { count: changes.length })} hideLabel={t("agreement.history.showLess")} mt={4}>
                <Stack gap={2}>
                  {changes.map((c) => (
                    <Change key={c.field} c={c} />
                  ))}
                </Stack>
              </Spoiler>
            ) : (
              <Stack gap={2} mt={4}>
                {changes.map((c) => (
                  <Change key={c.field} c={c} />
                ))}
              </Stack>
            )}
          </Paper>
        );
      })}
    </Stack>
  );
}
