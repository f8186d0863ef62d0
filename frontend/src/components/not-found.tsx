import { ButtonLink } from "./links";
import { Center, Stack, Text, Title } from "@mantine/core";
import { useTranslation } from "react-i18next";

export function NotFoundPage({ title, body }: { title?: string; body?: string }) {
  const { t } = useTranslation();
  return (
    <Center py={64} data-testid="not-found">
      <Stack align="center" gap="sm" maw={480} ta="center">
        <Text fz={48} fw={700} c="gray.5" aria-hidden>
          404
        </Text>
        <Title order={2}>{title ?? t("errors.notFoundTitle")}</Title>
        <Text c="dimmed">{body ?? t("errors.notFoundBody")}</Text>
        <ButtonLink to="/" variant="light">
          {t("errors.goHome")}
        </ButtonLink>
      </Stack>
    </Center>
  );
}
