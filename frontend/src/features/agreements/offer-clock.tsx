import { Alert, Badge, Group, SimpleGrid, Stack, Text } from "@mantine/core";
import { useTranslation } from "react-i18next";
import type { AgreementRead } from "../../api/client";
import { formatDate, todayIso } from "../../lib/format";

type OfferFields = Pick<
  AgreementRead,
  "stage" | "offer_due_date" | "offer_second_request_date" | "offer_non_answer_reported_date" | "initiated_by_partner"
>;

/** Whether the agreement page shows the offer clock: in the offer stages, or once an offer date is set. */
export function showsOfferClock(a: OfferFields): boolean {
  return (
    a.stage === "offer" ||
    (a.stage === "approved_for_offer" && a.initiated_by_partner) ||
    !!a.offer_due_date ||
    !!a.offer_second_request_date ||
    !!a.offer_non_answer_reported_date
  );
}

/**
 * The offer stage's clock (Permendagri 22/2020 Pasal 8(3)-(5)): when the partner's answer is due,
 * whether a second request was sent and the non-answer reported, and when. A partner's own offer
 * (Pasal 8(2), 28) is received, not sent.
 */
export function OfferClock({ agreement: a, today = todayIso() }: { agreement: OfferFields; today?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  if (!showsOfferClock(a)) return null;
  const overdue = a.stage === "offer" && !!a.offer_due_date && a.offer_due_date < today;
  const when = (d: string | null) => (d ? formatDate(d, lang) : t("agreement.offer.notYet"));
  return (
    <Alert color={overdue ? "red" : "blue"} variant="light" title={t("agreement.offer.title")} data-testid="offer-clock">
      <Stack gap="xs">
        {a.initiated_by_partner && <Text size="sm">{t("agreement.offer.initiatedByPartner")}</Text>}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t("agreement.offer.dueDate")}
            </Text>
            <Group gap={6}>
              <Text size="sm" data-testid="offer-due-date">
                {a.offer_due_date ? formatDate(a.offer_due_date, lang) : t("common.none")}
              </Text>
              {overdue && (
                <Badge color="red" variant="filled" data-testid="offer-overdue">
                  {t("agreement.offer.overdue")}
                </Badge>
              )}
            </Group>
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t("agreement.offer.secondRequest")}
            </Text>
            <Text size="sm" data-testid="offer-second-request">
              {when(a.offer_second_request_date)}
            </Text>
          </div>
          <div>
            <Text size="xs" c="dimmed" fw={600} tt="uppercase">
              {t("agreement.offer.nonAnswerReported")}
            </Text>
            <Text size="sm" data-testid="offer-non-answer">
              {when(a.offer_non_answer_reported_date)}
            </Text>
          </div>
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t("agreement.offer.basis")}
        </Text>
      </Stack>
    </Alert>
  );
}
