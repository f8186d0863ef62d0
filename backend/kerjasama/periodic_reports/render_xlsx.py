"""The report as a workbook: one sheet per section, Indonesian column names, styled headers.

Every text cell passes core.spreadsheet.formula_safe: a title typed as "=HYPERLINK(…)" stays text.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from kerjasama.core import labels as core_labels
from kerjasama.core.formatting import indonesian_date
from kerjasama.core.spreadsheet import formula_safe
from kerjasama.periodic_reports import labels
from kerjasama.periodic_reports.schemas import ObligationTotals, PeriodicReportRead, Term

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
TITLE_FONT = Font(bold=True, size=14)
BOLD = Font(bold=True)
WRAP = Alignment(wrap_text=True, vertical="top")
DATE_FORMAT = "DD/MM/YYYY"


def term_text(term: Term) -> str:
    """'25 Oktober 2021 s.d. 24 Oktober 2026'."""
    start = term.start_date or term.signed_date
    first = indonesian_date(start) if start else "—"
    return f"{first} s.d. {indonesian_date(term.end_date) if term.end_date else 'tidak ditentukan'}"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    return formula_safe(value)


def _table(
    ws: Worksheet, headers: Sequence[str], rows: Sequence[Sequence[Any]], widths: Sequence[int]
) -> None:
    """Header row 1 (styled, frozen), then the rows; long text wraps."""
    ws.append(list(headers))
    for cell in ws[1]:
        cell.font = HEADER_FONT
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for row in rows:
        ws.append([_cell(v) for v in row])
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    for row_cells in ws.iter_rows(min_row=2):
        for cell in row_cells:
            if isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
            elif isinstance(cell.value, str) and len(cell.value) > 40:
                cell.alignment = WRAP
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions


def _totals_rows(totals: ObligationTotals) -> list[list[Any]]:
    return [
        ["Jatuh tempo dalam periode", totals.due],
        ["Terpenuhi", totals.fulfilled],
        ["  di antaranya terpenuhi terlambat", totals.fulfilled_late],
        ["Terlambat (belum terpenuhi)", totals.late],
        ["Tidak terpenuhi", totals.not_fulfilled],
        ["Ditangguhkan (keadaan kahar)", totals.suspended],
        ["Belum jatuh tempo", totals.open],
    ]


def _summary_sheet(ws: Worksheet, report: PeriodicReportRead) -> None:
    ws.title = "Ringkasan"
    ws.append([report.title])
    ws["A1"].font = TITLE_FONT
    status = "Final" if report.status == "finalized" else "Pratinjau (belum final)"
    for name, value in (
        ("Daerah", f"{report.region.name} ({report.region.code})"),
        (
            "Periode",
            f"{report.period_label} ({indonesian_date(report.period_start)} – {indonesian_date(report.period_end)})",
        ),
        ("Batas penyampaian", indonesian_date(report.due_date)),
        ("Status laporan", status),
        ("Disusun pada", report.generated_at.isoformat()),
        ("Disusun oleh", "Tim Koordinasi Kerja Sama Daerah"),
    ):
        ws.append([name, _cell(value)])
    s = report.summary
    blocks: list[tuple[str, list[list[Any]]]] = [
        (
            "Jumlah kerja sama",
            [
                ["Aktif dalam periode", s.total],
                ["Ditandatangani dalam periode", s.new_in_period],
                ["Berakhir dalam periode", s.ended_in_period],
            ],
        ),
        ("Menurut kategori", [[c.label, c.count] for c in s.by_category]),
        ("Menurut jenis naskah", [[c.label, c.count] for c in s.by_kind]),
        ("Menurut status", [[c.label, c.count] for c in s.by_status]),
        ("Realisasi hak dan kewajiban", _totals_rows(report.obligations.totals)),
        (
            "Monitoring dan evaluasi",
            [
                ["Laporan monev yang wajib disampaikan", report.monitoring.expected],
                ["Laporan terverifikasi/final", report.monitoring.verified],
            ],
        ),
    ]
    for heading, rows in blocks:
        ws.append([])
        ws.append([heading, "Jumlah"])
        for cell in ws[ws.max_row]:
            cell.font = HEADER_FONT
            cell.fill = HEADER_FILL
        for row in rows:
            ws.append([_cell(v) for v in row])
    ws.column_dimensions["A"].width = 60
    ws.column_dimensions["B"].width = 40
    for row_cells in ws.iter_rows(min_row=2, max_row=7):
        row_cells[0].font = BOLD


def render(report: PeriodicReportRead) -> bytes:
    wb = Workbook()
    wb.properties.title = f"{report.title} {report.period_label}"
    wb.properties.creator = "Tim Koordinasi Kerja Sama Daerah"
    wb.properties.created = report.generated_at.replace(tzinfo=None)
    first = wb.active
    assert first is not None
    _summary_sheet(first, report)

    _table(
        wb.create_sheet("Kerja sama"),
        (
            "No.",
            "Nomor registri",
            "Judul",
            "Bentuk naskah",
            "Kategori",
            "Sifat",
            "Para pihak",
            "Maksud dan tujuan",
            "Objek",
            "Jangka waktu",
            "Tanggal penandatanganan",
            "Tahap",
            "Status",
            "OPD pemrakarsa",
            "Permasalahan",
            "Upaya penyelesaian",
            "Hal lain yang disepakati",
            "Sumber (laporan monev)",
        ),
        [
            [
                i,
                a.number,
                a.title,
                a.minimum_contents.form,
                a.category,
                a.nature,
                a.minimum_contents.parties,
                a.minimum_contents.purpose,
                a.minimum_contents.object,
                a.minimum_contents.term,
                a.term.signed_date,
                labels.label(labels.STAGE, a.stage),
                labels.label(labels.STATUS, a.status),
                a.lead_opd.abbreviation,
                a.minimum_contents.problems,
                a.minimum_contents.solutions,
                a.minimum_contents.other_matters,
                core_labels.period(a.minimum_contents.source_report_period),  # 'Semester I 2026'
            ]
            for i, a in enumerate(report.agreements, start=1)
        ],
        (5, 26, 60, 24, 10, 11, 40, 40, 40, 30, 14, 18, 12, 16, 40, 40, 40, 14),
    )
    _table(
        wb.create_sheet("Hak dan kewajiban"),
        (
            "Nomor registri",
            "Hak/Kewajiban",
            "Uraian",
            "Pasal",
            "Pihak",
            "Jatuh tempo",
            "Status",
            "Tanggal terpenuhi",
            "Target",
            "Satuan",
            "Realisasi",
        ),
        [
            [
                o.agreement_number,
                labels.label(labels.OBLIGATION_KIND, o.kind),
                o.description,
                o.clause_reference,
                o.party,
                o.due_date,
                labels.label(labels.OCCURRENCE_STATUS, o.status),
                o.fulfilled_on,
                o.target,
                o.unit,
                o.value_realised,
            ]
            for o in report.obligations.items
        ],
        (26, 12, 60, 16, 30, 13, 22, 13, 10, 10, 16),
    )
    _table(
        wb.create_sheet("Monitoring dan evaluasi"),
        (
            "Nomor registri",
            "Judul",
            "OPD pemrakarsa",
            "Periode",
            "Status laporan",
            "Rekomendasi",
            "Permasalahan",
            "Upaya penyelesaian",
            "Hal lain yang disepakati",
            "Tindak lanjut",
        ),
        [
            [
                m.agreement_number,
                m.agreement_title,
                m.lead_opd,
                m.period_label,
                labels.label(labels.REPORT_STATUS, m.status),
                labels.label(labels.RECOMMENDATION, m.recommendation),
                m.problems,
                m.solutions,
                m.other_matters,
                m.follow_up,
            ]
            for m in report.monitoring.reports
        ],
        (26, 50, 16, 18, 16, 14, 40, 40, 40, 40),
    )
    _table(
        wb.create_sheet("Permasalahan"),
        (
            "Nomor registri",
            "Judul",
            "OPD pemrakarsa",
            "Permasalahan",
            "Upaya penyelesaian",
            "Tindak lanjut",
            "Kewajiban terlambat",
        ),
        [
            [
                p.agreement_number,
                p.agreement_title,
                p.lead_opd,
                p.problems,
                p.solutions,
                p.follow_up,
                p.late_obligations,
            ]
            for p in report.problems
        ],
        (26, 50, 16, 45, 45, 45, 12),
    )
    _table(
        wb.create_sheet("Kerja sama luar negeri"),
        (
            "Nomor registri",
            "Kategori",
            "Judul",
            "Para pihak",
            "Jangka waktu",
            "Latar belakang",
            "Maksud dan tujuan",
            "Ruang lingkup",
            "Perkembangan dan hasil",
            "Penerima manfaat",
            "Pembiayaan",
            "Kendala",
            "Analisis dan tindak lanjut",
        ),
        [
            [
                f.number,
                f.category,
                f.contents.title,
                "; ".join(p.name for p in f.parties),
                term_text(f.term),
                f.contents.background,
                f.contents.aims,
                f.contents.scope,
                f.contents.progress_results,
                f.contents.beneficiaries,
                f.contents.funding,
                f.contents.obstacles,
                f.contents.analysis_follow_up,
            ]
            for f in report.foreign.agreements
        ],
        (26, 10, 50, 40, 24, 40, 40, 40, 45, 35, 30, 40, 45),
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
