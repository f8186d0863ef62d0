import { Group, Table, Text, UnstyledButton } from "@mantine/core";
import { IconArrowDown, IconArrowUp, IconArrowsSort } from "@tabler/icons-react";
import { nextSort, sortDirection } from "./sort-order";

type Props<F extends string> = {
  field: F;
  label: string;
  sort: string | undefined;
  onSort: (next: F | `-${F}`) => void;
};

/** A table column header that sorts the list by `field` when clicked. */
export function SortableHeader<F extends string>({ field, label, sort, onSort }: Props<F>) {
  const dir = sortDirection(sort, field);
  const Icon = dir === "asc" ? IconArrowUp : dir === "desc" ? IconArrowDown : IconArrowsSort;
  return (
    <Table.Th aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : "none"}>
      <UnstyledButton onClick={() => onSort(nextSort(sort, field))} data-testid={`sort-${field}`}>
        <Group gap={4} wrap="nowrap">
          <Text fw={700} size="sm">
            {label}
          </Text>
          <Icon size={14} aria-hidden />
        </Group>
      </UnstyledButton>
    </Table.Th>
  );
}
