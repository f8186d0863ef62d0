"""The report as a PDF (reportlab platypus): title page, table of contents, sections, page numbers.

DejaVu Sans ships in fonts/ (licence there) so every character of a title or a partner's name renders
(ē, ü, –, “ ”), which reportlab's built-in Helvetica cannot. Pages are numbered "Halaman 3 dari 12":
the canvas holds its pages until the end, when the total is known. `invariant` keeps the bytes free of
the build time and random ids, so the same content gives the same file.
"""

from __future__ import annotations

import io
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape
from zoneinfo import ZoneInfo

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.tableofcontents import TableOfContents

from kerjasama.core import labels as core_labels
from kerjasama.core.formatting import indonesian_date
from kerjasama.periodic_reports import labels
from kerjasama.periodic_reports.schemas import ObligationTotals, PeriodicReportRead, Term

MEDIA_TYPE = "application/pdf"
FONTS = Path(__file__).with_name("fonts")
FONT, FONT_BOLD = "DejaVuSans", "DejaVuSans-Bold"
PAGE_W, PAGE_H = A4
MARGIN = 2 * cm
BODY_W = PAGE_W - 2 * MARGIN
TEAM = "Tim Koordinasi Kerja Sama Daerah"
HEADER_BG = colors.HexColor("#1F4E79")
ZEBRA = colors.HexColor("#F2F6FA")
GRID = colors.HexColor("#B7C4D1")


@cache
def _register_fonts() -> None:
    pdfmetrics.registerFont(TTFont(FONT, str(FONTS / "DejaVuSans.ttf")))
    pdfmetrics.registerFont(TTFont(FONT_BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))
    pdfmetrics.registerFontFamily(FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("body", fontName=FONT, fontSize=9.5, leading=13)
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10.2),
        "cell_head": ParagraphStyle(
            "cell_head", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10.2, textColor=colors.white
        ),
        "cell_label": ParagraphStyle("cell_label", parent=base, fontName=FONT_BOLD, fontSize=8, leading=10.2),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=14,
            leading=18,
            spaceBefore=14,
            keepWithNext=1,
            spaceAfter=8,
            textColor=HEADER_BG,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=10.5,
            leading=14,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        "title_region": ParagraphStyle(
            "title_region", parent=base, fontName=FONT_BOLD, fontSize=16, leading=22, alignment=TA_CENTER
        ),
        "title": ParagraphStyle(
            "title",
            parent=base,
            fontName=FONT_BOLD,
            fontSize=22,
            leading=30,
            alignment=TA_CENTER,
            textColor=HEADER_BG,
        ),
        "title_period": ParagraphStyle(
            "title_period", parent=base, fontName=FONT_BOLD, fontSize=15, leading=21, alignment=TA_CENTER
        ),
        "title_line": ParagraphStyle("title_line", parent=base, fontSize=11, leading=16, alignment=TA_CENTER),
        "toc1": ParagraphStyle("toc1", parent=base, fontSize=10.5, leading=18, leftIndent=0),
        "toc2": ParagraphStyle("toc2", parent=base, fontSize=9, leading=13, leftIndent=16),
    }


def _p(text: str | None, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped: a title with '<' or '&' is text, not markup)."""
    value = (text or "").strip() or "—"
    return Paragraph(escape(value).replace("\n", "<br/>"), style)


class _Heading(Paragraph):
    """A section heading that registers itself in the table of contents."""

    def __init__(self, text: str, style: ParagraphStyle, level: int) -> None:
        super().__init__(escape(text), style)
        self.toc_level = level
        self.toc_text = text


class _Doc(BaseDocTemplate):
    def __init__(self, buf: io.BytesIO, report: PeriodicReportRead, **kw: Any) -> None:
        super().__init__(
            buf,
            pagesize=A4,
            leftMargin=MARGIN,
            rightMargin=MARGIN,
            topMargin=MARGIN,
            bottomMargin=MARGIN,
            **kw,
        )
        self.report = report
        frame = Frame(MARGIN, MARGIN, BODY_W, PAGE_H - 2 * MARGIN, id="body")
        self.addPageTemplates(
            [
                PageTemplate(id="title", frames=[frame]),
                PageTemplate(id="content", frames=[frame], onPage=self._decorate),
            ]
        )

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 (reportlab's hook name)
        if isinstance(flowable, _Heading):
            key = f"h{id(flowable)}"
            self.canv.bookmarkPage(key)
            self.canv.addOutlineEntry(flowable.toc_text, key, level=flowable.toc_level, closed=True)
            self.notify("TOCEntry", (flowable.toc_level, flowable.toc_text, self.page, key))

    def _decorate(self, canv: Canvas, doc: BaseDocTemplate) -> None:
        r = self.report
        canv.saveState()
        canv.setFont(FONT, 7.5)
        canv.setFillColor(colors.HexColor("#555555"))
        canv.drawString(MARGIN, PAGE_H - MARGIN + 18, f"{r.title} — {r.region.name} — {r.period_label}")
        if r.status != "finalized":
            canv.setFillColor(colors.HexColor("#B00020"))
            canv.drawRightString(PAGE_W - MARGIN, PAGE_H - MARGIN + 18, "PRATINJAU — BELUM FINAL")
        canv.setStrokeColor(GRID)
        canv.line(MARGIN, PAGE_H - MARGIN + 14, PAGE_W - MARGIN, PAGE_H - MARGIN + 14)
        canv.restoreState()


def _numbered_canvas(skip_first: bool = True) -> type[Canvas]:
    class NumberedCanvas(Canvas):
        """Holds every page until save(), then writes 'Halaman n dari N' on each."""

        def __init__(self, *args: Any, **kw: Any) -> None:
            super().__init__(*args, **kw)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            self._pages.append(dict(self.__dict__))
            self._startPage()  # type: ignore[attr-defined]  # reportlab's own page reset, not in the stubs

        def save(self) -> None:
            total = len(self._pages)
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                if not (skip_first and number == 1):
                    self.setFont(FONT, 8)
                    self.setFillColor(colors.HexColor("#555555"))
                    self.drawCentredString(PAGE_W / 2, MARGIN - 22, f"Halaman {number} dari {total}")
                super().showPage()
            super().save()

    return NumberedCanvas


def _grid(rows: list[list[Any]], widths: list[float], header: bool = True, zebra: bool = True) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style: list[Any] = [
        ("GRID", (0, 0), (-1, -1), 0.4, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if header:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_BG))
    if zebra:
        for i in range(2 if header else 1, len(rows), 2):
            style.append(("BACKGROUND", (0, i), (-1, i), ZEBRA))
    table.setStyle(TableStyle(style))
    return table


def _term(t: Term) -> str:
    start = t.start_date or t.signed_date
    first = indonesian_date(start) if start else "—"
    return f"{first} s.d. {indonesian_date(t.end_date) if t.end_date else 'tidak ditentukan'}"


def _local_day(moment: datetime, timezone: str) -> str:
    return indonesian_date(moment.astimezone(ZoneInfo(timezone)).date())


class _Builder:
    def __init__(self, report: PeriodicReportRead, timezone: str) -> None:
        self.r = report
        self.tz = timezone
        self.s = _styles()
        self.story: list[Flowable] = []
        self._pending: list[Flowable] = []

    def add(self, *flowables: Flowable) -> None:
        self.story.extend(self._pending)
        self._pending = []
        self.story.extend(flowables)

    def block(self, flowables: list[Flowable]) -> None:
        """Flowables kept on one page, with a section heading waiting for its first block."""
        self.story.append(KeepTogether([*self._pending, *flowables]))
        self._pending = []

    def h1(self, text: str) -> None:
        """A section heading: it goes to the page of the section's first content."""
        self.add(CondPageBreak(4 * cm))
        self._pending = [_Heading(text, self.s["h1"], 0)]

    def h2(self, text: str) -> _Heading:
        return _Heading(text, self.s["h2"], 1)

    def sub(self, text: str) -> Paragraph:
        """A subheading left out of the table of contents."""
        return _p(text, self.s["h2"])

    def para(self, text: str) -> None:
        self.add(_p(text, self.s["body"]), Spacer(1, 4))

    def table(self, headers: list[str], rows: list[list[Any]], widths: list[float]) -> Table:
        cell, head = self.s["cell"], self.s["cell_head"]
        body: list[list[Flowable]] = [[_p(h, head) for h in headers]]
        body += [
            [v if isinstance(v, Flowable) else _p(str(v) if v is not None else "", cell) for v in row]
            for row in rows
        ]
        return _grid(body, [w * BODY_W for w in widths])

    def pairs(self, rows: list[tuple[str, str]]) -> Table:
        """Label | value rows (no header), e.g. the nine minimum contents of one agreement."""
        body = [[_p(k, self.s["cell_label"]), _p(v, self.s["cell"])] for k, v in rows]
        table = _grid(body, [0.3 * BODY_W, 0.7 * BODY_W], header=False, zebra=False)
        table.setStyle(TableStyle([("BACKGROUND", (0, 0), (0, -1), ZEBRA)]))
        return table

    # --- pages --------------------------------------------------------------------------------------

    def title_page(self) -> None:
        r, s = self.r, self.s
        status = (
            f"Final — ditetapkan {_local_day(r.finalized_at, self.tz)}"
            if r.status == "finalized" and r.finalized_at is not None
            else "PRATINJAU — BELUM FINAL"
        )
        self.add(
            Spacer(1, 3 * cm),
            _p(f"PEMERINTAH {r.region.name.upper()}", s["title_region"]),
            Spacer(1, 2.5 * cm),
            _p("LAPORAN PELAKSANAAN", s["title"]),
            _p("KERJA SAMA DAERAH", s["title"]),
            Spacer(1, 1 * cm),
            _p(r.period_label.upper(), s["title_period"]),
            _p(f"{indonesian_date(r.period_start)} – {indonesian_date(r.period_end)}", s["title_line"]),
            Spacer(1, 4 * cm),
            _p(TEAM, s["title_period"]),
            _p(f"Sekretariat {TEAM}", s["title_line"]),
            Spacer(1, 1.5 * cm),
            _p(f"Disusun pada {_local_day(r.generated_at, self.tz)}", s["title_line"]),
            _p(status, s["title_line"]),
            NextPageTemplate("content"),
            PageBreak(),
        )

    def contents(self) -> None:
        toc = TableOfContents(dotsMinLevel=0)
        toc.levelStyles = [self.s["toc1"], self.s["toc2"]]
        self.add(_p("DAFTAR ISI", self.s["h1"]), Spacer(1, 6), toc, PageBreak())

    def introduction(self) -> None:
        r = self.r
        self.h1("1. Pendahuluan")
        self.para(
            f"Laporan ini menyajikan pelaksanaan kerja sama daerah {r.region.name} untuk {r.period_label} "
            f"({indonesian_date(r.period_start)} sampai dengan {indonesian_date(r.period_end)}). Laporan "
            f"disusun oleh {TEAM} untuk disampaikan kepada Wali Kota dan diteruskan secara berjenjang "
            f"kepada Gubernur sebagai bahan evaluasi. Batas penyampaian: {indonesian_date(r.due_date)}."
        )
        self.para(
            "Kerja sama yang dilaporkan adalah kerja sama yang telah ditandatangani paling lambat pada akhir "
            "periode dan belum berakhir sebelum awal periode. Muatan setiap kerja sama mengikuti muatan "
            "minimum laporan: judul, bentuk naskah, para pihak, maksud dan tujuan, objek, jangka waktu, "
            "permasalahan, upaya penyelesaian, dan hal lain yang disepakati."
        )
        self.add(_p("Dasar hukum:", self.s["body"]))
        for basis in r.legal_basis:
            self.add(_p(f"• {basis}", self.s["body"]))

    def summary(self) -> None:
        s = self.r.summary
        self.h1("2. Ringkasan")
        self.para(
            f"Jumlah kerja sama yang aktif dalam periode: {s.total} (ditandatangani dalam periode: "
            f"{s.new_in_period}; berakhir dalam periode: {s.ended_in_period})."
        )
        for heading, items in (
            ("Menurut kategori", s.by_category),
            ("Menurut jenis naskah", s.by_kind),
            ("Menurut status", s.by_status),
        ):
            self.block(
                [
                    self.sub(heading),
                    self.table(["Uraian", "Jumlah"], [[c.label, str(c.count)] for c in items], [0.8, 0.2]),
                ]
            )

    def agreements(self) -> None:
        self.h1("3. Pelaksanaan Kerja Sama")
        if not self.r.agreements:
            self.para("Tidak ada kerja sama dalam negeri yang aktif dalam periode ini.")
        for i, a in enumerate(self.r.agreements, start=1):
            m = a.minimum_contents
            source = (
                f"Laporan monev {core_labels.period(m.source_report_period)}"
                if m.source_report_period
                else "Belum ada laporan monev terverifikasi untuk periode ini"
            )
            self.block(
                [
                    self.h2(f"3.{i} {a.title}"),
                    self.pairs(
                        [
                            ("Nomor registri", a.number),
                            ("1. Judul", m.title),
                            ("2. Bentuk naskah", m.form),
                            ("3. Para pihak", m.parties),
                            ("4. Maksud dan tujuan", m.purpose),
                            ("5. Objek", m.object),
                            ("6. Jangka waktu", m.term),
                            ("7. Permasalahan", m.problems),
                            ("8. Upaya penyelesaian", m.solutions),
                            ("9. Hal lain yang disepakati", m.other_matters),
                            ("Kategori", labels.label(labels.CATEGORY, a.category)),
                            ("OPD pemrakarsa", a.lead_opd.name),
                            (
                                "Tahap / status",
                                _stage_status(a.stage, a.status),
                            ),
                            ("Sumber butir 7–9", source),
                        ]
                    ),
                ]
            )

    def obligations(self) -> None:
        o = self.r.obligations
        self.h1("4. Realisasi Hak dan Kewajiban")
        self.add(self.table(["Uraian", "Jumlah"], _totals(o.totals), [0.8, 0.2]), Spacer(1, 6))
        if o.by_agreement:
            self.add(self.sub("Menurut kerja sama"))
            self.add(
                self.table(
                    ["Nomor registri", "Judul", "Jatuh tempo", "Terpenuhi", "Terlambat", "Tidak terpenuhi"],
                    [
                        [
                            b.agreement_number,
                            b.agreement_title,
                            b.totals.due,
                            b.totals.fulfilled,
                            b.totals.late,
                            b.totals.not_fulfilled,
                        ]
                        for b in o.by_agreement
                    ],
                    [0.2, 0.34, 0.11, 0.11, 0.11, 0.13],
                )
            )
        late = [i for i in o.items if i.status in ("late", "not_fulfilled")]
        if late:
            self.add(self.sub("Kewajiban terlambat dan tidak terpenuhi"))
            self.add(
                self.table(
                    ["Nomor registri", "Uraian", "Pihak", "Jatuh tempo", "Status"],
                    [
                        [
                            i.agreement_number,
                            i.description,
                            i.party or self.r.region.name,
                            indonesian_date(i.due_date),
                            labels.label(labels.OCCURRENCE_STATUS, i.status),
                        ]
                        for i in late
                    ],
                    [0.2, 0.38, 0.16, 0.13, 0.13],
                )
            )

    def monitoring(self) -> None:
        m = self.r.monitoring
        self.h1("5. Hasil Monitoring dan Evaluasi")
        self.para(
            f"Laporan monitoring dan evaluasi yang wajib disampaikan OPD pemrakarsa untuk periode ini: "
            f"{m.expected}; yang telah diverifikasi sekretariat TKKSD atau final: {m.verified}."
        )
        if not m.reports:
            self.para("Belum ada laporan monitoring dan evaluasi yang terverifikasi untuk periode ini.")
        for e in m.reports:
            self.block(
                [
                    self.h2(f"{e.agreement_number} — {e.period_label}"),
                    self.pairs(
                        [
                            ("Judul", e.agreement_title),
                            ("OPD pemrakarsa", e.lead_opd),
                            ("Status laporan", labels.label(labels.REPORT_STATUS, e.status)),
                            ("Rekomendasi", labels.label(labels.RECOMMENDATION, e.recommendation)),
                            ("Permasalahan", e.problems),
                            ("Upaya penyelesaian", e.solutions),
                            ("Hal lain yang disepakati", e.other_matters),
                            ("Tindak lanjut", e.follow_up),
                        ]
                    ),
                ]
            )

    def problems(self) -> None:
        self.h1("6. Permasalahan dan Tindak Lanjut")
        if not self.r.problems:
            self.para("Tidak ada permasalahan yang dilaporkan dalam periode ini.")
            return
        self.add(
            self.table(
                ["Kerja sama", "Permasalahan", "Upaya penyelesaian", "Tindak lanjut", "Kewajiban terlambat"],
                [
                    [
                        f"{p.agreement_number}\n{p.agreement_title} ({p.lead_opd})",
                        p.problems,
                        p.solutions,
                        p.follow_up,
                        p.late_obligations,
                    ]
                    for p in self.r.problems
                ],
                [0.25, 0.22, 0.22, 0.19, 0.12],
            )
        )

    def foreign(self) -> None:
        f = self.r.foreign
        self.h1("7. Kerja Sama Luar Negeri")
        self.para(f"{f.due_note} Dasar: {f.legal_basis}.")
        if not f.agreements:
            self.para(
                "Tidak ada kerja sama dengan pemerintah daerah atau lembaga di luar negeri (KSDPL/KSDLL) yang aktif dalam periode ini."
            )
        for i, e in enumerate(f.agreements, start=1):
            c = e.contents
            self.block(
                [
                    self.h2(f"7.{i} {c.title}"),
                    self.pairs(
                        [
                            ("Nomor registri", e.number),
                            ("Kategori", labels.label(labels.CATEGORY, e.category)),
                            ("Para pihak", "; ".join(p.name for p in e.parties)),
                            ("Jangka waktu", _term(e.term)),
                            ("1. Judul", c.title),
                            ("2. Latar belakang", c.background),
                            ("3. Maksud dan tujuan", c.aims),
                            ("4. Ruang lingkup", c.scope),
                            ("5. Perkembangan dan hasil", c.progress_results),
                            ("6. Penerima manfaat", c.beneficiaries),
                            ("7. Pembiayaan", c.funding),
                            ("8. Kendala", c.obstacles),
                            ("9. Analisis dan tindak lanjut", c.analysis_follow_up),
                        ]
                    ),
                ]
            )

    def closing(self) -> None:
        r = self.r
        self.h1("8. Penutup")
        self.para(
            f"Demikian laporan pelaksanaan kerja sama daerah {r.region.name} untuk {r.period_label} ini "
            "disusun sebagai bahan evaluasi dan pengambilan kebijakan."
        )
        self.add(
            Spacer(1, 1 * cm),
            _p(
                f"{r.region.name.removeprefix('Kota ').removeprefix('Kabupaten ')}, {_local_day(r.generated_at, self.tz)}",
                self.s["body"],
            ),
            _p(TEAM, self.s["body"]),
        )


def _stage_status(stage: str, status: str) -> str:
    """'Berlaku' once when stage and status say the same, else 'Persetujuan DPRD / Dalam proses'."""
    first, second = labels.label(labels.STAGE, stage), labels.label(labels.STATUS, status)
    return first if first == second else f"{first} / {second}"


def _totals(t: ObligationTotals) -> list[list[Any]]:
    return [
        ["Jatuh tempo dalam periode", t.due],
        ["Terpenuhi", t.fulfilled],
        ["   di antaranya terpenuhi melewati jatuh tempo", t.fulfilled_late],
        ["Terlambat (belum terpenuhi)", t.late],
        ["Tidak terpenuhi", t.not_fulfilled],
        ["Ditangguhkan (keadaan kahar)", t.suspended],
        ["Belum jatuh tempo", t.open],
    ]


def render(report: PeriodicReportRead, timezone: str) -> bytes:
    _register_fonts()
    b = _Builder(report, timezone)
    b.title_page()
    b.contents()
    b.introduction()
    b.summary()
    b.agreements()
    b.obligations()
    b.monitoring()
    b.problems()
    b.foreign()
    b.closing()
    buf = io.BytesIO()
    doc = _Doc(
        buf,
        report,
        title=f"{report.title} {report.period_label}",
        author=TEAM,
        subject=f"{report.region.name} — {report.period_label}",
        creator="Registri Kerja Sama Daerah",
        invariant=True,
    )
    doc.multiBuild(b.story, canvasmaker=_numbered_canvas())
    return buf.getvalue()
