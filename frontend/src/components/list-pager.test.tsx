import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { renderWithProviders } from "../test/render";
import { useCursorStack } from "./cursor-stack";
import { ListPager } from "./list-pager";

function Harness({ nextCursor, onCursor }: { nextCursor: string | null; onCursor: (c: string | null) => void }) {
  const pages = useCursorStack({});
  onCursor(pages.cursor);
  return <ListPager pages={pages} total={42} nextCursor={nextCursor} totalTestId="x-total" nextTestId="x-next" />;
}

describe("ListPager", () => {
  it("shows the total and page and moves between pages", async () => {
    const user = userEvent.setup();
    const cursors: (string | null)[] = [];
    renderWithProviders(<Harness nextCursor="c2" onCursor={(c) => cursors.push(c)} />);
    expect(screen.getByTestId("x-total")).toHaveTextContent("Jumlah: 42 · Halaman 1");
    expect(screen.getByRole("button", { name: "Sebelumnya" })).toBeDisabled();
    await user.click(screen.getByTestId("x-next"));
    expect(screen.getByTestId("x-total")).toHaveTextContent("Jumlah: 42 · Halaman 2");
    expect(cursors.at(-1)).toBe("c2");
    await user.click(screen.getByRole("button", { name: "Sebelumnya" }));
    expect(screen.getByTestId("x-total")).toHaveTextContent("Halaman 1");
    expect(cursors.at(-1)).toBeNull();
  });

  it("disables Next on the last page", () => {
    renderWithProviders(<Harness nextCursor={null} onCursor={() => undefined} />);
    expect(screen.getByRole("button", { name: "Berikutnya" })).toBeDisabled();
  });
});
