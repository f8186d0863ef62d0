import { TextInput } from "@mantine/core";
import { useDebouncedCallback } from "@mantine/hooks";
import { IconSearch } from "@tabler/icons-react";

type Props = {
  label: string;
  /** The text as typed; the page keeps it so that "clear filters" can empty it. */
  value: string;
  onChange: (text: string) => void;
  /** Called once typing pauses, with `undefined` for an empty box. */
  onSearch: (q: string | undefined) => void;
  "data-testid"?: string;
};

/** The free-text box of a list's filter bar: it shows each key at once but searches only after a pause. */
export function SearchInput({ label, value, onChange, onSearch, "data-testid": testId }: Props) {
  const debounced = useDebouncedCallback((text: string) => onSearch(text || undefined), 350);
  return (
    <TextInput
      label={label}
      leftSection={<IconSearch size={16} aria-hidden />}
      value={value}
      onChange={(e) => {
        onChange(e.currentTarget.value);
        debounced(e.currentTarget.value);
      }}
      data-testid={testId}
    />
  );
}
