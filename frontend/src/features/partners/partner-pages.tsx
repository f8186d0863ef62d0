import { AnchorLink, ButtonLink } from "../../components/links";
import { Badge, Card, Group, Paper, ScrollArea, Select, SimpleGrid, Stack, Table, Text, Title } from "@mantine/core";
import { IconEdit, IconPlus } from "@tabler/icons-react";
import { useState, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import type { PartnerRead } from "../../api/client";
import { ApiError, type DuplicateRef } from "../../api/problem";
import { AgreementBadges } from "../../components/agreement-badges";
import { useCursorStack } from "../../components/cursor-stack";
import { ListPager } from "../../components/list-pager";
import { EmptyState, ErrorState, LoadingState } from "../../components/page-state";
import { SearchInput } from "../../components/search-input";
import { formatDate } from "../../lib/format";
import { PartnerForm } from "./partner-form";
import { PARTNER_TYPES, emptyPartnerValues, partnerValuesFrom, type PartnerType } from "./partner-rules";
import type { PartnerSearch } from "./partner-search";
import { usePartner, usePartnerAgreements, usePartnerList } from "./api";


export function PartnerListPage({
  search,
  onSearchChange,
  canCreate,
}: {
  search: PartnerSearch;
  onSearchChange: (s: PartnerSearch) => void;
  canCreate: boolean;
}) {
  const { t } = useTranslation();
  const pages = useCursorStack(search);
  const list = usePartnerList({ q: search.q, type: search.type, sort: "name", limit: 25, cursor: pages.cursor ?? undefined });
  const [q, setQ] = useState(search.q ?? "");

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{t("partner.listTitle")}</Title>
        {canCreate && (
          <ButtonLink to="/partners/new" leftSection={<IconPlus size={16} aria-hidden />}>
            {t("partner.create")}
          </ButtonLink>
        )}
      </Group>
      <Paper withBorder p="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <SearchInput label={t("partner.search")} value={q} onChange={setQ} onSearch={(v) => onSearchChange({ ...search, q: v })} />
          <Select
            label={t("partner.type")}
            clearable
            value={search.type ?? null}
            onChange={(v) => onSearchChange({ ...search, type: (v ?? undefined) as PartnerType | undefined })}
            data={PARTNER_TYPES.map((p) => ({ value: p, label: t(`enums.partnerType.${p}`) }))}
          />
        </SimpleGrid>
      </Paper>
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isPending ? (
        <LoadingState />
      ) : list.data.items.length === 0 ? (
        <EmptyState title={t("partner.empty")} />
      ) : (
        <Paper withBorder>
          <ScrollArea type="auto">
            <Table stickyHeader striped highlightOnHover miw={640} data-testid="partner-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t("partner.name")}</Table.Th>
                  <Table.Th>{t("partner.type")}</Table.Th>
                  <Table.Th>{t("partner.region")}</Table.Th>
                  <Table.Th>NIB / NPWP</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((p) => (
                  <Table.Tr key={p.id}>
                    <Table.Td>
                      <AnchorLink to="/partners/$id" params={{ id: p.id }} size="sm">
                        {p.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{t(`enums.partnerType.${p.type}`)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" data-testid="partner-region">
                        {p.region_name ?? p.region_code ?? t("common.none")}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{[p.nib, p.npwp].filter(Boolean).join(" / ") || t("common.none")}</Text>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </ScrollArea>
        </Paper>
      )}
      {list.data && <ListPager pages={pages} total={list.data.total} nextCursor={list.data.next_cursor} />}
    </Stack>
  );
}

function Field({ label, value }: { label: string; value: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed" fw={600} tt="uppercase">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

export function PartnerDetailPage({ id, canEdit, notFound }: { id: string; canEdit: boolean; notFound: ReactNode }) {
  const { t, i18n } = useTranslation();
  const partner = usePartner(id);
  const agreements = usePartnerAgreements(id);
  if (partner.isPending) return <LoadingState />;
  if (partner.isError) {
    if (partner.error instanceof ApiError && partner.error.status === 404) return <>{notFound}</>;
    return <ErrorState error={partner.error} onRetry={() => void partner.refetch()} />;
  }
  const p = partner.data.data;
  return (
    <Stack gap="md">
      <Card withBorder padding="lg">
        <Group justify="space-between" align="flex-start">
          <Stack gap={4}>
            <Badge variant="light" w="fit-content">
              {t(`enums.partnerType.${p.type}`)}
            </Badge>
            <Title order={2} size="h3">
              {p.name}
            </Title>
          </Stack>
          {canEdit && (
            <ButtonLink to="/partners/$id/edit" params={{ id: p.id }} variant="light" leftSection={<IconEdit size={16} aria-hidden />}>
              {t("common.edit")}
            </ButtonLink>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 3 }} mt="md" spacing="sm">
          {p.region_code && <Field label={t("partner.region")} value={p.region_name ? `${p.region_name} (${p.region_code})` : p.region_code} />}
          {p.third_party_kind && <Field label={t("partner.thirdPartyKind")} value={t(`enums.thirdPartyKind.${p.third_party_kind}`)} />}
          {p.business_form && <Field label={t("partner.businessForm")} value={t(`enums.businessForm.${p.business_form}`)} />}
          {p.nib && <Field label={t("partner.nib")} value={p.nib} />}
          {p.npwp && <Field label={t("partner.npwp")} value={p.npwp} />}
          {p.country_code && <Field label={t("partner.country")} value={p.country_code} />}
          {p.is_bankrupt && <Field label={t("partner.bankrupt")} value={t("common.yes")} />}
          <Field label={t("partner.address")} value={p.address || t("common.none")} />
          {p.notes && <Field label={t("partner.notes")} value={p.notes} />}
        </SimpleGrid>
      </Card>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          {t("partner.contacts")}
        </Title>
        {p.contacts.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("partner.noContacts")}
          </Text>
        ) : (
          <Stack gap="xs">
            {p.contacts.map((c) => (
              <div key={c.id}>
                <Text size="sm" fw={600}>
                  {c.name}
                  {c.title ? `, ${c.title}` : ""}
                </Text>
                <Text size="xs" c="dimmed">
                  {[c.email, c.phone].filter(Boolean).join(" · ")}
                </Text>
              </div>
            ))}
          </Stack>
        )}
      </Paper>
      <Paper withBorder p="md">
        <Title order={3} size="h5" mb="sm">
          {t("partner.agreements")}
        </Title>
        {agreements.isPending ? (
          <LoadingState />
        ) : agreements.isError ? (
          <ErrorState error={agreements.error} onRetry={() => void agreements.refetch()} />
        ) : agreements.data.items.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t("partner.noAgreements")}
          </Text>
        ) : (
          <Stack gap="xs">
            {agreements.data.items.map((a) => (
              <Group key={a.id} gap="xs" wrap="wrap">
                <Badge variant="outline" size="sm">
                  {a.kind}
                </Badge>
                <AnchorLink to="/agreements/$id" params={{ id: a.id }} size="sm">
                  {a.title}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  {formatDate(a.signed_date, i18n.language)}
                </Text>
                <AgreementBadges agreement={a} />
              </Group>
            ))}
          </Stack>
        )}
      </Paper>
    </Stack>
  );
}

export function PartnerFormPage({
  id,
  onSaved,
  onCancel,
  notFound,
}: {
  id?: string;
  onSaved: (p: PartnerRead) => void;
  onCancel: () => void;
  notFound: ReactNode;
}) {
  const { t } = useTranslation();
  const partner = usePartner(id ?? "", !!id);
  const heading = <Title order={2}>{id ? t("partner.editTitle") : t("partner.newTitle")}</Title>;
  if (!id) {
    return (
      <Stack gap="md">
        {heading}
        <Paper withBorder p="md">
          <PartnerForm mode="create" initial={emptyPartnerValues()} onSaved={onSaved} onCancel={onCancel} />
        </Paper>
      </Stack>
    );
  }
  if (partner.isPending) return <LoadingState />;
  if (partner.isError) {
    if (partner.error instanceof ApiError && partner.error.status === 404) return <>{notFound}</>;
    return <ErrorState error={partner.error} onRetry={() => void partner.refetch()} />;
  }
  return (
    <Stack gap="md">
      {heading}
      <Paper withBorder p="md">
        <PartnerForm
          key={partner.data.etag}
          mode="edit"
          id={id}
          etag={partner.data.etag}
          initial={partnerValuesFrom(partner.data.data)}
          onSaved={onSaved}
          onCancel={onCancel}
        />
      </Paper>
    </Stack>
  );
}

/** Inline creation from the agreement form (composed by the route). */
export function PartnerQuickCreate({ onCreated }: { onCreated: (p: { id: string; name: string }) => void }) {
  return (
    <PartnerForm
      mode="create"
      compact
      initial={emptyPartnerValues("THIRD_PARTY")}
      onSaved={(p) => onCreated({ id: p.id, name: p.name })}
      onUseExisting={(d: DuplicateRef) => onCreated({ id: d.id, name: d.name })}
      onCancel={() => onCreated({ id: "", name: "" })}
    />
  );
}
