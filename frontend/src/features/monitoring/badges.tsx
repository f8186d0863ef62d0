import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { dueStateColor, reportStatusColor, type DueState, type ReportStatus } from "./rules";

export function ReportStatusBadge({ status }: { status: ReportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={reportStatusColor(status)} variant="light" data-testid="report-status">
      {t(`enums.reportStatus.${status}`)}
    </Badge>
  );
}

export function DueStateBadge({ state }: { state: DueState }) {
  const { t } = useTranslation();
  return (
    <Badge color={dueStateColor(state)} variant={state === "overdue" ? "filled" : "outline"} autoContrast>
      {t(`enums.dueState.${state}`)}
    </Badge>
  );
}
