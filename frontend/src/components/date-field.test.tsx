import { fireEvent, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { useState } from "react";
import i18n from "../i18n";
import { renderWithProviders } from "../test/render";
import { DateField } from "./date-field";

function Harness({ initial, required, seen }: { initial: string; required?: boolean; seen: string[] }) {
  const [value, setValue] = useState(initial);
  return (
    <DateField
      label="Tanggal mulai"
      value={value}
      required={required}
      onChange={(iso) => {
        seen.push(iso);
        setValue(iso);
      }}
    />
  );
}

describe("DateField", () => {
  afterEach(async () => {
    await i18n.changeLanguage("id");
  });

  it("shows an ISO date as dd/mm/yyyy in Indonesian", () => {
    renderWithProviders(<Harness initial="2026-07-15" seen={[]} />);
    expect(screen.getByLabelText("Tanggal mulai")).toHaveValue("15/07/2026");
  });

  it("shows English month names in English", async () => {
    await i18n.changeLanguage("en");
    renderWithProviders(<Harness initial="2026-07-15" seen={[]} />);
    expect(screen.getByLabelText("Tanggal mulai")).toHaveValue("15 July 2026");
  });

  it("reads what is typed day first and hands back ISO", async () => {
    const seen: string[] = [];
    renderWithProviders(<Harness initial="" required seen={seen} />);
    const input = screen.getByLabelText(/Tanggal mulai/);
    await userEvent.type(input, "03/04/2026");
    expect(seen.at(-1)).toBe("2026-04-03");
    fireEvent.blur(input);
    expect(input).toHaveValue("03/04/2026");
  });

  it("does not take half-typed or impossible dates", async () => {
    const seen: string[] = [];
    renderWithProviders(<Harness initial="" required seen={seen} />);
    await userEvent.type(screen.getByLabelText(/Tanggal mulai/), "31/02/2026");
    expect(seen).toEqual([]);
  });

  it("lets an optional date be emptied, and the form gets an empty string", async () => {
    const seen: string[] = [];
    renderWithProviders(<Harness initial="2026-07-15" seen={seen} />);
    await userEvent.click(screen.getByRole("button", { name: "Kosongkan tanggal" }));
    expect(seen.at(-1)).toBe("");
    expect(screen.getByLabelText("Tanggal mulai")).toHaveValue("");
  });

  it("offers no clear button on a required date", () => {
    renderWithProviders(<Harness initial="2026-07-15" required seen={[]} />);
    expect(screen.queryByRole("button", { name: "Kosongkan tanggal" })).toBeNull();
  });
});
