import { Button, Group, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../lib/format";
import type { CursorStack } from "./cursor-stack";

type Props = {
  pages: CursorStack;
  total: number;
  nextCursor: string | null | undefined;
  totalTestId?: string;
  nextTestId?: string;
};

/** "Jumlah: N · Halaman K" with Previous / Next under a cursor-paged list. */
export function ListPager({ pages, total, nextCursor, totalTestId, nextTestId }: Props) {
  const { t, i18n } = useTranslation();
  return (
    <Group justify="space-between">
      <Text size="sm" c="dimmed" data-testid={totalTestId}>
        {t("common.total", { count: total, formatted: formatNumber(total, i18n.language) })} · {t("common.page", { page: pages.page })}
      </Text>
      <Group gap="xs">
        <Button variant="default" disabled={!pages.hasPrevious} onClick={pages.previous}>
          {t("common.previous")}
        </Button>
        <Button variant="default" disabled={!nextCursor} onClick={() => pages.next(nextCursor)} data-testid={nextTestId}>
          {t("common.next")}
        </Button>
      </Group>
    </Group>
  );
}
