import { Alert, Button, Center, Group, Loader, Stack, Text } from "@mantine/core";
import { IconAlertCircle, IconInbox } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import i18next from "i18next";
import { errorText, type Translate } from "../lib/problem-text";

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

/** A failed request in one sentence, in the current language (lib/problem-text.ts translates by `code`). */
export function errorMessage(error: unknown, t: Translate): string {
  return errorText(error, t, i18next.language ?? "id");
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
