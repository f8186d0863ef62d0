import { Badge, Button, Group, Paper, Stack, Text, Title } from "@mantine/core";
import { useRouter } from "@tanstack/react-router";
import type { MouseEvent } from "react";
import { useTranslation } from "react-i18next";
import { AnchorLink } from "../../components/links";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { useTasks } from "../../components/task-queries";
import { appPath } from "../../lib/app-path";
import { formatDate, formatDateTime } from "../../lib/format";
import { KIND_COLOR, overdueCount, periodText, type Task } from "./task-rules";

/** Follow a task's link inside the app; a click asking for a new tab is left to the browser. */
function useOpen() {
  const router = useRouter();
  return (href: string, e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    router.history.push(href);
  };
}

function TaskCard({ task }: { task: Task }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const open = useOpen();
  const href = appPath(task.href, "/");
  const heading = task.number ? `${task.number} — ${task.title}` : (periodText(task.period, t) ?? task.title);
  const about = [
    task.stage ? t(`enums.stage.${task.stage}`, { defaultValue: task.stage }) : null,
    task.number ? periodText(task.period, t) : null,
    task.detail,
  ].filter((x): x is string => !!x);
  const request = task.submission_request;
  return (
    <Paper withBorder p="sm" data-testid="task-item" data-kind={task.kind} data-record={task.record_id}>
      <Group justify="space-between" align="flex-start" gap="sm">
        <Stack gap={4} style={{ minWidth: 0, flex: "1 1 260px" }}>
          <Group gap={6}>
            <Badge variant="light" color={KIND_COLOR[task.kind]} data-testid="task-kind">
              {t(`tasks.kinds.${task.kind}`)}
            </Badge>
            {task.overdue && (
              <Badge variant="filled" color="red">
                {t("tasks.overdue")}
              </Badge>
            )}
            {request && (
              <Badge variant="filled" color="violet" data-testid="task-requested">
                {t("tasks.requested")}
              </Badge>
            )}
          </Group>
          <Text fw={600} style={{ overflowWrap: "anywhere" }}>
            {heading}
          </Text>
          {about.length > 0 && (
            <Text size="sm" c="dimmed" style={{ overflowWrap: "anywhere" }}>
              {about.join(" · ")}
            </Text>
          )}
          {request && (
            <Text size="sm">
              {t("tasks.requestedBy", { name: request.requested_by, date: formatDateTime(request.requested_at, lang) })}
            </Text>
          )}
          <Text size="sm" c={task.overdue ? "red.8" : undefined} fw={task.overdue ? 600 : undefined} data-testid="task-due">
            {task.due_date ? t("tasks.due", { date: formatDate(task.due_date, lang) }) : t("tasks.noDue")}
          </Text>
          {task.basis && (
            <Text size="xs" c="dimmed">
              {t("tasks.basis", { basis: task.basis })}
            </Text>
          )}
        </Stack>
        <Button
          component="a"
          href={href}
          onClick={(e: MouseEvent<HTMLAnchorElement>) => open(href, e)}
          variant="light"
          size="sm"
          aria-label={`${t(`tasks.kinds.${task.kind}`)}: ${heading}`}
          data-testid="task-open"
        >
          {t("tasks.open")}
        </Button>
      </Group>
    </Paper>
  );
}

/** "Tugas saya": what waits for the caller's role, most urgent first; the statistics stay on Beranda. */
export function TasksPage({ userName }: { userName: string }) {
  const { t, i18n } = useTranslation();
  const query = useTasks();
  return (
    <Stack gap="md" data-testid="tasks-page">
      <Group justify="space-between" align="flex-end" gap="xs">
        <Stack gap={2}>
          <Title order={2}>{t("tasks.title")}</Title>
          <Text c="dimmed" size="sm">
            {t("tasks.greeting", { name: userName })}
          </Text>
        </Stack>
        <AnchorLink to="/" size="sm" data-testid="tasks-dashboard-link">
          {t("tasks.dashboardLink")}
        </AnchorLink>
      </Group>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <EmptyState title={t("tasks.emptyTitle")} hint={t("tasks.emptyHint")} />
      ) : (
        <>
          <Text size="sm" data-testid="tasks-summary">
            {t("tasks.summary", {
              count: query.data.total,
              overdue: overdueCount(query.data.items),
              date: formatDate(query.data.as_of, i18n.language),
            })}
          </Text>
          <Stack gap="sm" role="list" aria-label={t("tasks.title")}>
            {query.data.items.map((task) => (
              <div role="listitem" key={`${task.kind}:${task.record_id}`}>
                <TaskCard task={task} />
              </div>
            ))}
          </Stack>
        </>
      )}
    </Stack>
  );
}
