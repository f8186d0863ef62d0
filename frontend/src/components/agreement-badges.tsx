import { Badge, Group, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AgreementSummary } from "../api/client";

const STATUS_COLOR: Record<AgreementSummary["status"], string> = {
  draft: "gray",
  in_progress: "blue",
  in_force: "teal",
  ended: "dark",
  cancelled: "gray",
  rejected: "red",
};

export function StatusBadge({ status }: { status: AgreementSummary["status"] }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light">
      {t(`enums.status.${status}`)}
    </Badge>
  );
}

/** Status plus the derived states (expiring, expired) and demo/legacy flags. */
export function AgreementBadges({
  agreement,
  stacked = false,
}: {
  agreement: Pick<AgreementSummary, "status" | "expiring" | "expired" | "is_demo" | "is_legacy_import">;
  /** One badge per line (narrow table cells). */
  stacked?: boolean;
}) {
  const { t } = useTranslation();
  const Wrap = stacked ? Stack : Group;
  return (
    <Wrap gap={4} wrap="wrap" align={stacked ? "flex-start" : undefined}>
      <StatusBadge status={agreement.status} />
      {agreement.expiring && (
        <Badge color="yellow" variant="filled" autoContrast>
          {t("agreement.expiring")}
        </Badge>
      )}
      {agreement.expired && (
        <Badge color="red" variant="filled">
          {t("agreement.expired")}
        </Badge>
      )}
      {agreement.is_demo && (
        <Badge color="grape" variant="outline">
          {t("agreement.demo")}
        </Badge>
      )}
      {agreement.is_legacy_import && (
        <Badge color="gray" variant="outline">
          {t("agreement.legacy")}
        </Badge>
      )}
    </Wrap>
  );
}
