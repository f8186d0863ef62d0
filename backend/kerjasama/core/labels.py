"""Readable labels of the stored codes, in Bahasa Indonesia and English, for files people open.

Exports, the audit dossier and the import template show these; the JSON API keeps the codes. Each
table maps a code to (Indonesian, English). `label(table, code, lang)` falls back to the code itself.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Literal

Lang = Literal["id", "en"]
LANGS: tuple[Lang, ...] = ("id", "en")

CATEGORY = {
    "KSDD": ("Kerja sama daerah dengan daerah lain (KSDD)", "With another region (KSDD)"),
    "KSDPK": ("Kerja sama daerah dengan pihak ketiga (KSDPK)", "With a third party (KSDPK)"),
    "KSDPL": (
        "Kerja sama daerah dengan pemerintah daerah di luar negeri (KSDPL)",
        "With a foreign regional government (KSDPL)",
    ),
    "KSDLL": (
        "Kerja sama daerah dengan lembaga di luar negeri (KSDLL)",
        "With a foreign institution (KSDLL)",
    ),
    "SINERGI": ("Sinergi dengan instansi pemerintah pusat", "Synergy with a central government body"),
}
KIND = {
    "KB": ("Kesepakatan Bersama (KB)", "Joint agreement (KB)"),
    "PKS": ("Perjanjian Kerja Sama (PKS)", "Cooperation agreement (PKS)"),
    "NK": ("Nota Kesepakatan (NK)", "Memorandum of agreement (NK)"),
    "RK": ("Rencana Kerja (RK)", "Work plan (RK)"),
    "LOI": ("Pernyataan Kehendak (LoI)", "Letter of Intent (LOI)"),
    "NASKAH_LN": ("Naskah Kerja Sama Luar Negeri", "Foreign cooperation text"),
    "ADENDUM": ("Adendum", "Amendment (adendum)"),
}
NATURE = {"WAJIB": ("Wajib", "Mandatory (wajib)"), "SUKARELA": ("Sukarela", "Voluntary (sukarela)")}
STATUS = {
    "draft": ("Draf", "Draft"),
    "in_progress": ("Dalam proses", "In progress"),
    "in_force": ("Berlaku", "In force"),
    # Derived, not stored: signed with the start date ahead (rules/status.py).
    "not_yet_in_force": ("Belum berlaku", "Not yet in force"),
    "ended": ("Berakhir", "Ended"),
    "cancelled": ("Dibatalkan", "Cancelled"),
    "rejected": ("Ditolak", "Rejected"),
}
STAGE = {
    "draft": ("Draf", "Draft"),
    "submitted": ("Diajukan", "Submitted"),
    "tkksd_review": ("Telaahan TKKSD", "TKKSD review"),
    "approved_for_offer": ("Disetujui untuk penawaran", "Approved for offer"),
    "offer": ("Penawaran", "Offer"),
    "drafting": ("Penyusunan naskah", "Drafting"),
    "ready_to_sign": ("Siap ditandatangani", "Ready to sign"),
    "signed": ("Ditandatangani", "Signed"),
    "dprd_approval": ("Persetujuan DPRD", "DPRD approval"),
    "in_force": ("Berlaku", "In force"),
    "ended": ("Berakhir", "Ended"),
    "returned": ("Dikembalikan", "Returned"),
    "rejected": ("Ditolak", "Rejected"),
    "cancelled": ("Dibatalkan", "Cancelled"),
    "dispute": ("Sengketa", "Dispute"),
}
OBLIGATION_KIND = {"HAK": ("Hak", "Right"), "KEWAJIBAN": ("Kewajiban", "Obligation")}
SCHEDULE_TYPE = {
    "one_off": ("Sekali", "One-off"),
    "recurring": ("Berulang", "Recurring"),
    "continuous": ("Sepanjang masa berlaku", "Throughout the term"),
}
OCCURRENCE_STATUS = {
    "pending": ("Belum jatuh tempo", "Pending"),
    "in_progress": ("Sedang berjalan", "In progress"),
    "fulfilled": ("Terpenuhi", "Fulfilled"),
    "late": ("Terlambat", "Late"),
    "not_fulfilled": ("Tidak terpenuhi", "Not fulfilled"),
    "suspended_force_majeure": ("Ditangguhkan (keadaan kahar)", "Suspended (force majeure)"),
}
REPORT_STATUS = {
    "draft": ("Draf", "Draft"),
    "submitted": ("Diajukan", "Submitted"),
    "verified": ("Diverifikasi", "Verified"),
    "reviewed": ("Ditelaah TKKSD", "Reviewed by TKKSD"),
    "final": ("Final", "Final"),
    "returned": ("Dikembalikan", "Returned"),
}
RECOMMENDATION = {
    "continue": ("Dilanjutkan", "Continue"),
    "expand": ("Diperluas", "Expand"),
    "revise": ("Direvisi", "Revise"),
    "stop": ("Dihentikan", "Stop"),
}
YES = ("ya", "yes")

MONTHS_ID = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def label(table: dict[str, tuple[str, str]], code: str | None, lang: Lang = "id") -> str:
    """The label of a code in the language, the code itself when unknown, '' for None."""
    if code is None:
        return ""
    pair = table.get(code)
    if pair is None:
        return code
    return pair[0] if lang == "id" else pair[1]


def yes(flag: bool, lang: Lang = "id") -> str:
    return (YES[0] if lang == "id" else YES[1]) if flag else ""


_PERIOD = re.compile(r"^(\d{4})(?:-S([12]))?$")


def period(code: str | None, lang: Lang = "id") -> str:
    """'2026-S1' → 'Semester I 2026' (en 'Semester 1, 2026'); '2026' → 'Tahun 2026' ('Year 2026')."""
    if not code:
        return ""
    m = _PERIOD.match(code)
    if m is None:
        return code
    year, half = m.groups()
    if half is None:
        return f"Tahun {year}" if lang == "id" else f"Year {year}"
    return f"Semester {'I' if half == '1' else 'II'} {year}" if lang == "id" else f"Semester {half}, {year}"


def short_date(value: date | datetime | None) -> str:
    """15/07/2026 (day/month/year, as Indonesian forms write it); '' for None."""
    if value is None:
        return ""
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"  # strftime cost a tenth of an export


def long_date(value: date | datetime | None, lang: Lang = "id") -> str:
    """'15 Juli 2026' (en '15 July 2026'); '—' for None."""
    if value is None:
        return "—"
    months = MONTHS_ID if lang == "id" else MONTHS_EN
    return f"{value.day} {months[value.month - 1]} {value.year}"


def pick_lang(query: str | None, accept_language: str | None) -> Lang:
    """The language of a file: `lang` of the query when given, else the first of Accept-Language
    that is Indonesian or English, else Indonesian."""
    if query in LANGS:
        return "en" if query == "en" else "id"
    for part in (accept_language or "").split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("en"):
            return "en"
        if tag.startswith("id") or tag.startswith("in"):
            return "id"
    return "id"
