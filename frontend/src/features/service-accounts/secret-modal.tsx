import { Alert, Button, CopyButton, Group, Modal, Stack, Text, Textarea } from "@mantine/core";
import { IconAlertTriangle, IconCheck, IconCopy } from "@tabler/icons-react";
import { useTranslation } from "react-i18next";
import type { ServiceAccountWithSecret } from "./service-account-rules";

/**
 * A read-only value with a copy button (client id, client secret). A textarea rather than a one-line
 * input: it wraps the whole secret on a narrow screen, and its normal line height keeps the
 * underscores of the secret visible (a one-line input clips them in monospace).
 */
function CopyField({ label, value, testId }: { label: string; value: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <Group align="flex-end" gap="xs" wrap="nowrap">
      <Textarea
        label={label}
        value={value}
        readOnly
        autosize
        minRows={1}
        spellCheck={false}
        onFocus={(e) => e.currentTarget.select()}
        style={{ flex: 1 }}
        styles={{ input: { fontFamily: "var(--mantine-font-family-monospace)", wordBreak: "break-all", resize: "none" } }}
        data-testid={`${testId}-value`}
      />
      <CopyButton value={value}>
        {({ copied, copy }) => (
          <Button
            onClick={copy}
            color={copied ? "teal" : undefined}
            variant={copied ? "filled" : "light"}
            leftSection={copied ? <IconCheck size={16} aria-hidden /> : <IconCopy size={16} aria-hidden />}
            aria-label={`${copied ? t("serviceAccounts.secret.copied") : t("serviceAccounts.secret.copy")}: ${label}`}
            data-testid={`${testId}-copy`}
          >
            {copied ? t("serviceAccounts.secret.copied") : t("serviceAccounts.secret.copy")}
          </Button>
        )}
      </CopyButton>
    </Group>
  );
}

type Props = {
  /** The answer of create or rotate; null closes the dialog (and the secret leaves the page). */
  account: ServiceAccountWithSecret | null;
  /** "created" right after creation, "rotated" after a new secret. */
  reason: "created" | "rotated";
  onClose: () => void;
};

/**
 * The client secret, shown once: it is stored hashed and no screen can show it again. The dialog
 * only closes with its own button or Escape (a stray click outside must not lose the secret).
 */
export function SecretModal({ account, reason, onClose }: Props) {
  const { t } = useTranslation();
  // Unmounted when closed, so that no copy of the secret stays in the page.
  if (!account) return null;
  return (
    <Modal
      opened
      onClose={onClose}
      closeOnClickOutside={false}
      size="lg"
      title={reason === "created" ? t("serviceAccounts.secret.createdTitle") : t("serviceAccounts.secret.rotatedTitle")}
      data-testid="secret-modal"
    >
      <Stack gap="md">
        <Text size="sm">{t("serviceAccounts.secret.for", { name: account.name })}</Text>
        <Alert color="orange" variant="light" icon={<IconAlertTriangle aria-hidden />} title={t("serviceAccounts.secret.warningTitle")} role="alert">
          <Text size="sm">{t("serviceAccounts.secret.warning")}</Text>
          {reason === "rotated" && (
            <Text size="sm" mt={4}>
              {t("serviceAccounts.secret.oldDead")}
            </Text>
          )}
        </Alert>
        <CopyField label={t("serviceAccounts.clientId")} value={account.client_id} testId="secret-client-id" />
        <CopyField label={t("serviceAccounts.secret.label")} value={account.client_secret} testId="secret-client-secret" />
        <Text size="xs" c="dimmed">
          {t("serviceAccounts.secret.howTo")}
        </Text>
        <Group justify="flex-end">
          <Button onClick={onClose} data-testid="secret-close">
            {t("serviceAccounts.secret.done")}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
