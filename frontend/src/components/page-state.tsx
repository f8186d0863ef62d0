import { Alert, Button, Center, Group, Loader, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconInbox } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import { ApiError } from "../api/problem";

export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <Center py="xl" role="status" aria-live="polite">
      <Group gap="sm">
        <Loader size="sm" />
        <Text c="dimmed">{label ?? t("common.loading")}</Text>
      </Group>
    </Center>
  );
}

export function errorMessage(error: unknown, t: (k: string) => string): string {
  if (error instanceof ApiError) {
    if (error.status === 403) return t("errors.forbidden");
    return error.problem.detail || error.problem.title || t("errors.generic");
  }
  if (error instanceof TypeError) return t("common.networkError");
  return t("errors.generic");
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="red" icon={<IconAlertCircle aria-hidden />} title={t("common.error")} role="alert">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{errorMessage(error, t)}</Text>
        {onRetry && (
          <Button size="xs" variant="light" color="red" onClick={onRetry}>
            {t("common.retry")}
          </Button>
        )}
      </Stack>
    </Alert>
  );
}

export function EmptyState({ title, hint }: { title: string; hint?: string }) {
  return (
    <Center py="xl">
      <Stack align="center" gap={4} px="md">
        <IconInbox size={32} stroke={1.5} aria-hidden color="var(--mantine-color-gray-6)" />
        <Text fw={500} ta="center">
          {title}
        </Text>
        {hint && (
          <Text size="sm" c="dimmed" ta="center">
            {hint}
          </Text>
        )}
      </Stack>
    </Center>
  );
}

export function GeneralErrors({ messages }: { messages: string[] }) {
  const { t } = useTranslation();
  if (!messages.length) return null;
  return (
    <Alert color="red" title={t("common.generalErrors")} role="alert">
      <Stack gap={2}>
        {messages.map((m) => (
          <Text key={m} size="sm">
            {m}
          </Text>
        ))}
      </Stack>
    </Alert>
  );
}
