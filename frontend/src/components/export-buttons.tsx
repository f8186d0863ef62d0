import { Button, Group, Text } from "@mantine/core";
import { useState } from "react";
import { useTranslation } from "react-i18next";

export type ExportFormat = "csv" | "xlsx";

/** CSV and XLSX buttons for a list's export; `download` does the request (it lives in a feature's api.ts). */
export function ExportButtons({ download, testIdPrefix = "export" }: { download: (format: ExportFormat) => Promise<void>; testIdPrefix?: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<ExportFormat | null>(null);
  const [failed, setFailed] = useState(false);
  return (
    <Group gap="xs">
      <Text size="sm" c="dimmed">
        {t("exports.label")}
      </Text>
      {(["csv", "xlsx"] as const).map((format) => (
        <Button
          key={format}
          size="xs"
          variant="default"
          loading={busy === format}
          onClick={() => {
            setBusy(format);
            setFailed(false);
            download(format)
              .catch(() => setFailed(true))
              .finally(() => setBusy(null));
          }}
          data-testid={`${testIdPrefix}-${format}`}
        >
          {format.toUpperCase()}
        </Button>
      ))}
      {failed && (
        <Text size="sm" c="red.8" role="alert">
          {t("exports.failed")}
        </Text>
      )}
    </Group>
  );
}
