import { Badge, Group, Stack } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AgreementSummary } from "../api/client";
import { formatDate } from "../lib/format";

/** Badges wrap inside narrow cells instead of being cut ("SEGERA BERAK…" at 1366 px). */
const WRAP = { root: { height: "auto", maxWidth: "100%", paddingBlock: 2 }, label: { whiteSpace: "normal", overflow: "visible", textOverflow: "clip", lineHeight: 1.3 } } as const;

const STATUS_COLOR: Record<AgreementSummary["status"], string> = {
  draft: "gray",
  in_progress: "blue",
  in_force: "teal",
  ended: "dark",
  cancelled: "gray",
  rejected: "red",
};

/**
 * The lifecycle status. A signed text whose start date is still ahead keeps the stored status
 * `in_force` but is not in force yet (`not_yet_in_force`, derived by the API): it shows
 * "Belum berlaku" / "Not yet in force" instead of "Berlaku".
 */
export function StatusBadge({
  status,
  notYetInForce = false,
  startDate = null,
}: {
  status: AgreementSummary["status"];
  notYetInForce?: boolean;
  startDate?: string | null;
}) {
  const { t, i18n } = useTranslation();
  if (notYetInForce) {
    return (
      <Badge styles={WRAP}
        color="cyan"
        variant="outline"
        title={startDate ? t("agreement.notYetInForceHint", { date: formatDate(startDate, i18n.language) }) : undefined}
        data-testid="not-yet-in-force"
      >
        {t("enums.status.not_yet_in_force")}
      </Badge>
    );
  }
  return (
    <Badge styles={WRAP} color={STATUS_COLOR[status]} variant="light">
      {t(`enums.status.${status}`)}
    </Badge>
  );
}

/** Status plus the derived states (not yet in force, expiring, expired) and demo/legacy flags. */
export function AgreementBadges({
  agreement,
  stacked = false,
}: {
  agreement: Pick<AgreementSummary, "status" | "not_yet_in_force" | "start_date" | "expiring" | "expired" | "is_demo" | "is_legacy_import">;
  /** One badge per line (narrow table cells). */
  stacked?: boolean;
}) {
  const { t } = useTranslation();
  const Wrap = stacked ? Stack : Group;
  return (
    <Wrap gap={4} wrap="wrap" align={stacked ? "flex-start" : undefined}>
      <StatusBadge status={agreement.status} notYetInForce={agreement.not_yet_in_force} startDate={agreement.start_date} />
      {agreement.expiring && (
        <Badge styles={WRAP} color="yellow" variant="filled" autoContrast>
          {t("agreement.expiring")}
        </Badge>
      )}
      {agreement.expired && (
        <Badge styles={WRAP} color="red" variant="filled">
          {t("agreement.expired")}
        </Badge>
      )}
      {agreement.is_demo && (
        <Badge styles={WRAP} color="grape" variant="outline">
          {t("agreement.demo")}
        </Badge>
      )}
      {agreement.is_legacy_import && (
        <Badge styles={WRAP} color="gray" variant="outline">
          {t("agreement.legacy")}
        </Badge>
      )}
    </Wrap>
  );
}
