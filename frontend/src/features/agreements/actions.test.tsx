import { screen, waitFor, within } from "@testing-library/react";
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
  taken_by: ["secretariat", "opd_head"],
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

  it("names the roles that can take an action the caller's role cannot", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => jsonResponse({ stage: "draft", machine: "kb", actions: [action("submit", { allowed_for_role: false })] })),
    );
    renderWithProviders(<ActionsArea agreement={agreement} etag='"3"' />);
    expect(await screen.findByTestId("action-submit")).toBeDisabled();
    expect(document.getElementById("why-submit")).toHaveTextContent("Hanya Sekretariat TKKSD atau Kepala OPD yang dapat mengambil tindakan ini.");
    expect(screen.queryByTestId("ask-head")).not.toBeInTheDocument();
  });

  it("lets an operator who cannot submit ask the OPD head, and confirms who was asked", async () => {
    const user = userEvent.setup();
    const posts: Request[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (req: Request) => {
        if (req.method === "GET") {
          return jsonResponse({ stage: "draft", machine: "kb", actions: [action("submit", { allowed_for_role: false }), action("cancel", { allowed_for_role: false })] });
        }
        posts.push(req.clone());
        return jsonResponse({ agreement_id: "a1", recipients: [{ user_id: "u1", full_name: "Kepala Dinas Kesehatan" }], created_at: "2026-07-01T03:00:00Z" }, 201);
      }),
    );
    renderWithProviders(<ActionsArea agreement={agreement} etag='"3"' canAskHead />);
    await user.click(await screen.findByTestId("ask-head"));
    await user.type(await screen.findByTestId("ask-head-message"), "Mohon diajukan");
    await user.click(screen.getByTestId("ask-head-send"));
    expect(await screen.findByTestId("ask-head-sent")).toHaveTextContent("Permintaan terkirim kepada Kepala Dinas Kesehatan.");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.url).toMatch(/\/api\/v1\/agreements\/a1\/submission-requests$/);
    expect(await posts[0]!.json()).toEqual({ message: "Mohon diajukan" });
  });

  it("shows the server's refusal of the request by its rule", async () => {
    const user = userEvent.setup();
    vi.stubGlobal(
      "fetch",
      vi.fn(async (req: Request) =>
        req.method === "GET"
          ? jsonResponse({ stage: "draft", machine: "kb", actions: [action("submit", { allowed_for_role: false })] })
          : jsonResponse({ type: "about:blank", title: "Conflict", status: 409, code: "no_recipient", detail: "The lead OPD has no active head to ask.", errors: [] }, 409),
      ),
    );
    renderWithProviders(<ActionsArea agreement={agreement} etag='"3"' canAskHead />);
    await user.click(await screen.findByTestId("ask-head"));
    await user.click(await screen.findByTestId("ask-head-send"));
    expect(await screen.findByTestId("ask-head-error")).toHaveTextContent("OPD pemrakarsa tidak memiliki Kepala OPD yang aktif untuk dimintai");
  });

  it("asks for the reason, then for a justification when the server answers 422 with WARN findings", { timeout: 20000 }, async () => {
    const user = userEvent.setup();
    const posts: Request[] = [];
    vi.stubGlobal(
      "fetch",
      vi.fn(async (req: Request) => {
        if (req.method === "GET" && req.url.includes("/documents")) return jsonResponse([]);
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

  describe("approve (TKKSD 'layak') records the telaahan", () => {
    const kb = { id: "a1", category: "KSDD", kind: "KB", stage: "tkksd_review", declarations: {} } as unknown as AgreementRead;
    const r19 = { rule_id: "R19", severity: "BLOCK", message_id: "Catat telaahan TKKSD.", message_en: "x", basis: "Permendagri 22/2020 Pasal 7 dan 29", fields: ["tkksd_reviews"] };
    const r9 = { rule_id: "R9", severity: "BLOCK", message_id: "Pernyataan tidak bertentangan.", message_en: "x", basis: "PP 28/2018 Pasal 4 ayat (4)", fields: ["declarations.no_conflict"] };
    const approve = (findings: unknown[]) =>
      action("approve", { to_stage: "approved_for_offer", label_id: "Layak: lanjut ke penawaran", blocked: true, findings });

    function stub(reviews: unknown[], findings: unknown[], answer: (n: number) => Response = () => jsonResponse({ id: "a1" })) {
      const posts: Request[] = [];
      vi.stubGlobal(
        "fetch",
        vi.fn(async (req: Request) => {
          if (req.method === "GET" && req.url.includes("/tkksd-reviews")) return jsonResponse(reviews);
          if (req.method === "GET" && req.url.includes("/documents")) return jsonResponse([]);
        if (req.method === "GET") return jsonResponse({ stage: "tkksd_review", machine: "kb_domestic", actions: [approve(findings)] });
          posts.push(req.clone());
          return answer(posts.length);
        }),
      );
      return posts;
    }

    it("is not disabled by the missing telaahan (R19) and declaration (R9), and sends them as `review`", { timeout: 20000 }, async () => {
      const user = userEvent.setup();
      const posts = stub([], [r19, r9]);
      renderWithProviders(<ActionsArea agreement={kb} etag='"7"' />);
      const button = await screen.findByTestId("action-approve");
      expect(button).toBeEnabled();
      expect(screen.queryByTestId("blocked-approve")).not.toBeInTheDocument();
      await user.click(button);
      const submit = await screen.findByTestId("transition-submit");
      await waitFor(() => expect(submit).toBeEnabled());
      // No telaahan recorded yet: outcome and the no-conflict declaration are required.
      await user.click(submit);
      expect(await screen.findByText("Pernyataan ini wajib sebelum dinyatakan layak.")).toBeInTheDocument();
      expect(posts).toHaveLength(0);
      const dialog = screen.getByTestId("transition-review");
      const date = within(dialog).getByLabelText(/Tanggal rapat/);
      await user.clear(date);
      await user.type(date, "2026-03-02");
      await user.click(within(dialog).getByRole("radio", { name: "Layak dengan perbaikan" }));
      await user.type(within(dialog).getByRole("textbox", { name: /Catatan telaahan/ }), "Perbaiki pasal pembiayaan");
      await user.type(within(dialog).getByRole("textbox", { name: /Berita acara/ }), "BA/TKKSD/7/2026");
      await user.click(within(dialog).getByRole("checkbox"));
      await user.click(submit);
      expect(await screen.findByTestId("action-done")).toBeInTheDocument();
      expect(posts).toHaveLength(1);
      expect(posts[0].headers.get("If-Match")).toBe('"7"');
      expect(await posts[0].json()).toMatchObject({
        action: "approve",
        review: {
          meeting_date: "2026-03-02",
          outcome: "layak_dengan_perbaikan",
          notes: "Perbaiki pasal pembiayaan",
          minutes_ref: "BA/TKKSD/7/2026",
          no_conflict: true,
        },
      });
    });

    it("makes the telaahan optional when a feasible one is recorded, and sends none when left empty", async () => {
      const user = userEvent.setup();
      const recorded = { id: "r1", agreement_id: "a1", meeting_date: "2026-02-10", outcome: "layak", notes: "", minutes_ref: null, created_at: "2026-02-10T03:00:00Z" };
      const posts = stub([recorded], []);
      renderWithProviders(<ActionsArea agreement={{ ...kb, declarations: { no_conflict: true } } as AgreementRead} etag='"7"' />);
      await user.click(await screen.findByTestId("action-approve"));
      expect(await screen.findByTestId("review-recorded")).toHaveTextContent("Telaahan sudah dicatat: Layak, rapat 10 Februari 2026.");
      expect(screen.getByTestId("no-conflict-declared")).toBeInTheDocument();
      await user.click(screen.getByTestId("transition-submit"));
      expect(await screen.findByTestId("action-done")).toBeInTheDocument();
      const body = (await posts[0].json()) as Record<string, unknown>;
      expect(body.action).toBe("approve");
      expect(body).not.toHaveProperty("review");
    });

    it("shows the server's field errors by name, those of the telaahan on their inputs", async () => {
      const user = userEvent.setup();
      const problem = {
        type: "about:blank",
        title: "Invalid",
        status: 422,
        code: "validation_error",
        detail: "d",
        errors: [
          { loc: ["body", "review", "meeting_date"], msg: "must be on or before 2026-03-02", code: "date_in_future" },
          { loc: ["body", "review", "outcome"], msg: "layak or layak_dengan_perbaikan", code: "outcome_not_feasible" },
          { loc: ["body", "something_else"], msg: "tidak dikenal", code: "extra_forbidden" },
        ],
      };
      const posts = stub([], [r19], () => jsonResponse(problem, 422));
      renderWithProviders(<ActionsArea agreement={{ ...kb, kind: "PKS" } as AgreementRead} etag='"7"' />);
      await user.click(await screen.findByTestId("action-approve"));
      const dialog = await screen.findByTestId("transition-review");
      await user.click(within(dialog).getByRole("radio", { name: "Layak" }));
      await user.click(screen.getByTestId("transition-submit"));
      expect(await within(dialog).findByText("Tanggal tidak boleh di masa depan")).toBeInTheDocument();
      expect(within(dialog).getByText("Tindakan layak mencatat telaahan dengan hasil layak atau layak dengan perbaikan")).toBeInTheDocument();
      expect(screen.getByText("something_else: Kolom ini tidak dikenal")).toBeInTheDocument();
      expect(posts).toHaveLength(1);
      expect(screen.queryByTestId("action-done")).not.toBeInTheDocument();
    });
  });

  describe("supporting documents", () => {
    const doc = { id: "d0000000-0000-4000-8000-000000000001", title: "Nota dinas kepala OPD", doc_type: "LAINNYA", doc_date: "2026-03-01" };

    function stub(answer: (body: Record<string, unknown>) => Response) {
      const sent: Record<string, unknown>[] = [];
      const uploads: FormData[] = [];
      vi.stubGlobal(
        "fetch",
        vi.fn(async (req: Request) => {
          if (req.method === "GET" && req.url.includes("/documents")) return jsonResponse([doc]);
          if (req.method === "GET") return jsonResponse({ stage: "draft", machine: "pks", actions: [action("cancel")] });
          if (req.url.includes("/documents")) {
            uploads.push(await req.formData());
            return jsonResponse({ ...doc, id: "d0000000-0000-4000-8000-000000000002", title: "Surat baru" }, 201);
          }
          const body = (await req.json()) as Record<string, unknown>;
          sent.push(body);
          return answer(body);
        }),
      );
      return { sent, uploads };
    }

    it("sends the picked document and a file uploaded in the dialog as document_ids", { timeout: 20000 }, async () => {
      const user = userEvent.setup();
      const { sent, uploads } = stub(() => jsonResponse({ id: "a1" }));
      renderWithProviders(<ActionsArea agreement={agreement} etag='"3"' />);
      await user.click(await screen.findByTestId("action-cancel"));
      await user.type(screen.getByRole("textbox", { name: /^Alasan/ }), "Mitra mundur");
      const picker = screen.getByTestId("transition-documents-pick");
      await waitFor(() => expect(picker).toBeEnabled());
      await user.click(picker);
      await user.click(await screen.findByRole("option", { name: /Nota dinas kepala OPD/, hidden: true }));
      await user.click(screen.getByTestId("transition-documents-upload-toggle"));
      await user.upload(document.querySelector<HTMLInputElement>('input[type="file"]') as HTMLInputElement, new File(["%PDF-1.4"], "Surat_baru.pdf", { type: "application/pdf" }));
      expect(screen.getByTestId("transition-documents-title")).toHaveValue("Surat baru");
      await user.click(screen.getByTestId("transition-submit"));
      expect(await screen.findByTestId("action-done")).toBeInTheDocument();
      expect(uploads).toHaveLength(1);
      expect(uploads[0].get("title")).toBe("Surat baru");
      expect(sent[0].document_ids).toEqual([doc.id, "d0000000-0000-4000-8000-000000000002"]);
    });

    it("shows a refused document on the picker, in Indonesian", { timeout: 20000 }, async () => {
      const user = userEvent.setup();
      const problem = {
        type: "about:blank",
        title: "Invalid input",
        status: 422,
        code: "validation_error",
        detail: "No document with this id is attached to this agreement.",
        errors: [{ loc: ["body", "document_ids", 0], msg: "No document with this id is attached to this agreement.", code: "unknown_document" }],
      };
      stub(() => jsonResponse(problem, 422));
      renderWithProviders(<ActionsArea agreement={agreement} etag='"3"' />);
      await user.click(await screen.findByTestId("action-cancel"));
      await user.type(screen.getByRole("textbox", { name: /^Alasan/ }), "Mitra mundur");
      const picker = screen.getByTestId("transition-documents-pick");
      await waitFor(() => expect(picker).toBeEnabled());
      await user.click(picker);
      await user.click(await screen.findByRole("option", { name: /Nota dinas kepala OPD/, hidden: true }));
      await user.click(screen.getByTestId("transition-submit"));
      expect(await screen.findByText("Dokumen tidak ditemukan pada kerja sama ini")).toBeInTheDocument();
      expect(screen.queryByText(/No document with this id/)).not.toBeInTheDocument();
    });
  });
});
