"""The "kartu kerja sama": a printable PDF summary of one agreement, in Bahasa Indonesia.

It opens the audit dossier and is offered alone (`GET /agreements/{id}/card.pdf`) for staff to attach
to letters. reportlab with the DejaVu fonts of periodic_reports/ (every character of a name renders).
It shows what the caller may read: it is built from the dossier's read models.
"""

from __future__ import annotations

import io
from collections import Counter
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import CondPageBreak, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from kerjasama.core import labels as lb
from kerjasama.dossier.build import Dossier
from kerjasama.periodic_reports.render_pdf import FONT, FONT_BOLD, _register_fonts

MEDIA_TYPE = "application/pdf"
HEADER_BG = colors.HexColor("#1F4E79")
GRID = colors.HexColor("#B7C4D1")
LABEL_BG = colors.HexColor("#F2F6FA")
PAGE_W, PAGE_H = A4
MARGIN = 1.8 * cm
BODY_W = PAGE_W - 2 * MARGIN

TKKSD_OUTCOME = {
    "layak": "Layak",
    "layak_dengan_perbaikan": "Layak dengan perbaikan",
    "tidak_layak": "Tidak layak",
}
DPRD_DECISION = {"pending": "Menunggu", "approved": "Disetujui", "rejected": "Ditolak"}


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9, leading=12)
    return {
        "body": base,
        "small": ParagraphStyle(
            "small", parent=base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#444444")
        ),
        "label": ParagraphStyle("label", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=11),
        "head": ParagraphStyle(
            "head", parent=base, fontName=FONT_BOLD, fontSize=8.5, leading=11, textColor=colors.white
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontName=FONT_BOLD, fontSize=15, leading=19, spaceAfter=2
        ),
        "subtitle": ParagraphStyle("subtitle", parent=base, fontSize=10, leading=13, textColor=HEADER_BG),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=10,
            spaceAfter=4,
            textColor=HEADER_BG,
        ),
    }


def _p(text: Any, style: ParagraphStyle) -> Paragraph:
    return Paragraph(escape("—" if text in (None, "") else str(text)).replace("\n", "<br/>"), style)


def _fields(rows: list[tuple[str, Any]], st: dict[str, ParagraphStyle]) -> Table:
    table = Table(
        [[_p(k, st["label"]), _p(v, st["body"])] for k, v in rows], colWidths=[4.6 * cm, BODY_W - 4.6 * cm]
    )
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (0, -1), LABEL_BG),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


def _grid(
    head: list[str], rows: list[list[Any]], widths: list[float], st: dict[str, ParagraphStyle]
) -> Table:
    data = [[_p(h, st["head"]) for h in head]] + [[_p(c, st["body"]) for c in r] for r in rows]
    table = Table(data, colWidths=[w * cm for w in widths], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, GRID),
                ("BACKGROUND", (0, 0), (-1, 0), HEADER_BG),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return table


def _term(d: Dossier) -> str:
    a = d.agreement
    if a.start_date is None and a.end_date is None:
        return "—"
    return (
        f"{lb.long_date(a.start_date)} s.d. {lb.long_date(a.end_date) if a.end_date else 'tidak ditentukan'}"
    )


def render(d: Dossier, timezone: str) -> bytes:
    """The card as PDF bytes."""
    _register_fonts()
    st = _styles()
    a = d.agreement
    generated = d.generated_at.astimezone(ZoneInfo(timezone))
    stamp = f"Dicetak {lb.long_date(generated)} pukul {generated.strftime('%H.%M')} dari Sistem Informasi Kerja Sama Daerah"

    story: list[Any] = [
        _p("KARTU KERJA SAMA DAERAH", st["title"]),
        _p(f"{a.number or '(belum bernomor)'} · {lb.label(lb.KIND, a.kind)}", st["subtitle"]),
        Spacer(1, 6),
        _fields(
            [
                ("Judul", a.title),
                ("Kategori", lb.label(lb.CATEGORY, a.category)),
                ("Sifat", lb.label(lb.NATURE, a.nature)),
                # The read model's not_yet_in_force follows rules/status.py (signed, start date ahead).
                (
                    "Status / tahap",
                    f"{lb.label(lb.STATUS, 'not_yet_in_force' if a.not_yet_in_force else a.status)}"
                    f" — {lb.label(lb.STAGE, a.stage)}",
                ),
                ("Perangkat daerah pemrakarsa", f"{a.lead_opd.name} ({a.lead_opd.abbreviation})"),
                ("Perangkat daerah terkait", ", ".join(o.abbreviation for o in a.related_opds)),
                ("Urusan", "; ".join(f"{x.code} {x.name}" for x in a.affairs)),
                ("Tanggal penandatanganan", lb.long_date(a.signed_date)),
                ("Jangka waktu", _term(d)),
                ("Objek", a.object),
                ("Ruang lingkup", a.scope),
                ("Naskah data lama (impor)", "Ya" if a.is_legacy_import else "Tidak"),
            ],
            st,
        ),
        CondPageBreak(3.5 * cm),
        _p("Para pihak", st["h2"]),
        _grid(
            ["Pihak", "Penandatangan", "Jabatan", "Nomor naskah pihak"],
            [
                [
                    p.partner.name if p.partner else "Pemerintah Daerah (pihak kesatu)",
                    p.signatory_name,
                    p.signatory_title,
                    p.document_number,
                ]
                for p in a.parties
            ],
            [5.6, 4.0, 4.0, 3.8],
            st,
        ),
    ]
    approvals: list[list[Any]] = [
        [
            "Telaahan TKKSD",
            lb.long_date(r.meeting_date),
            TKKSD_OUTCOME.get(r.outcome, r.outcome),
            r.minutes_ref,
        ]
        for r in d.reviews
    ] + [
        [
            "Persetujuan DPRD",
            lb.long_date(x.decision_date or x.request_date),
            ("Dianggap disetujui" if x.deemed_approved else DPRD_DECISION.get(x.decision, x.decision)),
            x.decree_number,
        ]
        for x in d.dprd
    ]
    story += [CondPageBreak(3.5 * cm), _p("Telaahan dan persetujuan", st["h2"])]
    story += (
        [_grid(["Jenis", "Tanggal", "Hasil", "Rujukan"], approvals, [4.2, 3.6, 4.4, 5.2], st)]
        if approvals
        else [_p("Belum ada telaahan TKKSD atau persetujuan DPRD yang tercatat.", st["body"])]
    )
    story += [CondPageBreak(3.5 * cm), _p("Hak dan kewajiban", st["h2"])]
    if d.obligations:
        rows = []
        for o in d.obligations:
            counts = Counter(occ.effective_status for occ in o.occurrences)
            summary = (
                ", ".join(f"{lb.label(lb.OCCURRENCE_STATUS, k)} {n}" for k, n in sorted(counts.items()))
                or "—"
            )
            rows.append([lb.label(lb.OBLIGATION_KIND, o.kind), o.description, o.party_name, summary])
        story.append(_grid(["Jenis", "Uraian", "Pihak", "Pemenuhan"], rows, [2.2, 7.0, 3.8, 4.4], st))
    else:
        story.append(_p("Belum ada hak dan kewajiban yang tercatat.", st["body"]))
    story += [CondPageBreak(3.5 * cm), _p("Laporan monitoring dan evaluasi", st["h2"])]
    if d.reports:
        story.append(
            _grid(
                ["Periode", "Status", "Batas waktu", "Final"],
                [
                    [
                        r.period_label,
                        lb.label(lb.REPORT_STATUS, r.status),
                        lb.long_date(r.due_date),
                        lb.long_date(r.finalised_at),
                    ]
                    for r in d.reports
                ],
                [4.4, 4.0, 4.5, 4.5],
                st,
            )
        )
    else:
        story.append(_p("Belum ada laporan monev.", st["body"]))
    story += [CondPageBreak(3.5 * cm), _p("Dokumen", st["h2"])]
    if d.documents:
        story.append(
            _grid(
                ["Jenis", "Judul", "Tanggal", "SHA-256 (awal)"],
                [
                    [x.read.doc_type, x.read.title, lb.long_date(x.read.doc_date), x.read.sha256[:16]]
                    for x in d.documents
                ],
                [3.6, 7.0, 3.2, 3.6],
                st,
            )
        )
    else:
        story.append(_p("Belum ada dokumen.", st["body"]))

    def footer(canvas: Canvas, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        canvas.drawString(MARGIN, 1.1 * cm, stamp)
        canvas.drawRightString(PAGE_W - MARGIN, 1.1 * cm, f"Halaman {doc.page}")
        canvas.restoreState()

    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=1.8 * cm,
        title=f"Kartu kerja sama {a.number or ''}".strip(),
        author="Sistem Informasi Kerja Sama Daerah",
        invariant=1,
    )
    doc.build(story, onFirstPage=footer, onLaterPages=footer)
    return buf.getvalue()
