import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import type { AgreementRead } from "../../api/client";
import { jsonResponse, renderWithProviders } from "../../test/render";
import { ActionsArea } from "./actions";

const agreement = { id: "a1", category: "KSDD", kind: "PKS", stage: "draft" } as unknown as AgreementRead;
const warn = { rule_id: "R21", severity: "WARN", message_id: "KB induk belum ditandatangani.", message_en: "x", basis: "PP 28/2018 Pasal 6 ayat (1)", fields: ["parent_id"] };
const block = { rule_id: "R10", severity: "BLOCK", message_id: "KB belum disetujui DPRD.", message_en: "x", basis: "PP 28/2018 Pasal 6 ayat (2)", fields: ["parent_id"] };
const action = (name: string, extra: Record<string, unknown> = {}) => ({
  action: name,
  to_stage: "cancelled",
  label_id: name === "cancel" ? "Batalkan" : "Mulai penyusunan PKS",
  label_en: name,
  allowed_for_role: true,
  blocked: false,
  needs_reason: name === "cancel",
  needs_date: false,
  findings: [],
  ...extra,
});

afterEach(() => vi.unstubAllGlobals());

describe("ActionsArea", () => {
  it("disables a blocked action and shows its BLOCK finding with the Pasal", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        jsonResponse({ stage: "draft", machine: "pks", actions: [action("start_drafting", { blocked: true, findings: [block] })] }),
      ),
    );
    renderWithProviders(<ActionsArea agreement={agreement} etag='"3"' />);
    expect(await screen.findByText("R10 · PP 28/2018 Pasal 6 ayat (2)")).toBeInTheDocument();
    expect(screen.getByTestId("action-start_drafting")).toBeDisabled();
  });

  it("asks for the reason, then for a justification when the server answers 422 with WARN findings", async () => {
    const user = userEvent.setup();
    const posts: Request[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (req: Request) => {
        if (req.method === "GET") return jsonResponse({ stage: "draft", machine: "pks", actions: [action("cancel")] });
        posts.push(req.clone());
        if (posts.length === 1) {
          return jsonResponse(
            { type: "about:blank", title: "Invalid", status: 422, code: "justification_required", detail: "d", findings: [warn], errors: [] },
            422,
          );
        }
        return jsonResponse({ id: "a1" });
      }),
    );
    renderWithProviders(<ActionsArea agreement={agreement} etag='"3"' />);
    await user.click(await screen.findByTestId("action-cancel"));
    await user.click(await screen.findByTestId("transition-submit"));
    expect(await screen.findByText("Wajib diisi")).toBeInTheDocument();
    expect(posts).toHaveLength(0);
    await user.type(screen.getByRole("textbox", { name: /^Alasan/ }), "Mitra mundur");
    await user.click(screen.getByTestId("transition-submit"));
    expect(await screen.findByText("KB induk belum ditandatangani.")).toBeInTheDocument();
    const justification = screen.getByTestId("transition-justification");
    await waitFor(() => expect(justification).toHaveFocus());
    expect(posts[0].headers.get("If-Match")).toBe('"3"');
    expect(await posts[0].json()).toMatchObject({ action: "cancel", reason: "Mitra mundur", justification: null });
    await user.type(justification, "Diterima rapat TKKSD");
    await user.click(screen.getByTestId("transition-submit"));
    expect(await screen.findByTestId("action-done")).toBeInTheDocument();
    expect(await posts[1].json()).toMatchObject({ justification: "Diterima rapat TKKSD" });
  });
});
