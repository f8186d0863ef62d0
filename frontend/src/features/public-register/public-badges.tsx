import { Badge } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { PublicStatus } from "./public-search";

const COLOR: Record<PublicStatus, string> = { signed: "blue", in_force: "teal", ended: "dark" };

export function PublicStatusBadge({ status }: { status: PublicStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={COLOR[status]} variant="light">
      {t(`publicRegister.status.${status}`)}
    </Badge>
  );
}
