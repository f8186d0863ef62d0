import { Button, Group, Text } from "@mantine/core";
import { IconFileZip, IconPrinter } from "@tabler/icons-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { downloadDossier } from "./api";

/** The audit dossier (ZIP for the Inspektorat or the BPK) and the printable kartu kerja sama (PDF). */
export function DossierButtons({ id }: { id: string }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState<"dossier" | "card" | null>(null);
  const [failed, setFailed] = useState(false);
  const run = (what: "dossier" | "card") => {
    setBusy(what);
    setFailed(false);
    downloadDossier(id, what)
      .catch(() => setFailed(true))
      .finally(() => setBusy(null));
  };
  return (
    <Group gap="xs">
      <Button size="xs" variant="default" leftSection={<IconFileZip size={14} aria-hidden />} loading={busy === "dossier"} onClick={() => run("dossier")} data-testid="download-dossier">
        {t("agreement.dossier.zip")}
      </Button>
      <Button size="xs" variant="default" leftSection={<IconPrinter size={14} aria-hidden />} loading={busy === "card"} onClick={() => run("card")} data-testid="download-card">
        {t("agreement.dossier.card")}
      </Button>
      {failed && (
        <Text size="sm" c="red.8" role="alert">
          {t("agreement.dossier.failed")}
        </Text>
      )}
    </Group>
  );
}
