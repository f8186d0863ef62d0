"""What people read: reminder titles and texts in Indonesian, and the e-mail built from them."""

from __future__ import annotations

from datetime import date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, formataddr

from kerjasama.core.formatting import indonesian_date

TITLE_MAX = 300
_AGREEMENT_TITLE_MAX = 140


def format_tanggal(day: date) -> str:
    """'15 Januari 2027'."""
    return indonesian_date(day)


def shorten(text: str, limit: int = _AGREEMENT_TITLE_MAX) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _in_days(days: int) -> str:
    return "hari ini" if days == 0 else f"dalam {days} hari"


def _days_left(days: int) -> str:
    return "hari ini" if days == 0 else f"{days} hari lagi"


def _agreement(number: str, title: str) -> str:
    return f"{number} — {shorten(title)}"


def expiry(number: str, title: str, end: date, days: int) -> tuple[str, str]:
    return (
        f"Pengingat: {shorten(title)} berakhir {_in_days(days)} ({format_tanggal(end)})",
        f"Kerja sama {_agreement(number, title)} berakhir pada {format_tanggal(end)} ({_days_left(days)}). "
        "Bila kerja sama akan dilanjutkan, mulailah proses perpanjangan atau adendum sekarang; bila tidak, "
        "siapkan pengakhirannya.",
    )


def obligation_due(number: str, title: str, description: str, due: date, days: int) -> tuple[str, str]:
    return (
        f"Pengingat: kewajiban pada {number} jatuh tempo {_in_days(days)} ({format_tanggal(due)})",
        f"Kewajiban “{shorten(description, 300)}” pada kerja sama {_agreement(number, title)} jatuh tempo "
        f"pada {format_tanggal(due)} ({_days_left(days)}). Catat pemenuhannya beserta bukti di aplikasi.",
    )


def obligation_overdue(number: str, title: str, description: str, due: date, late: int) -> tuple[str, str]:
    return (
        f"Terlambat: kewajiban pada {number} lewat jatuh tempo ({format_tanggal(due)})",
        f"Kewajiban “{shorten(description, 300)}” pada kerja sama {_agreement(number, title)} jatuh tempo "
        f"pada {format_tanggal(due)} dan belum tercatat terpenuhi ({late} hari terlambat). Catat "
        "pemenuhannya, atau alasan dan keadaan kahar bila ada, di aplikasi.",
    )


def report_due(number: str, title: str, period: str, due: date, days: int) -> tuple[str, str]:
    return (
        f"Pengingat: laporan monev {period} untuk {number} jatuh tempo {_in_days(days)} ({format_tanggal(due)})",
        f"Laporan monitoring dan evaluasi {period} untuk kerja sama {_agreement(number, title)} wajib "
        f"disampaikan paling lambat {format_tanggal(due)} ({_days_left(days)}).",
    )


def report_overdue(number: str, title: str, period: str, due: date, late: int) -> tuple[str, str]:
    return (
        f"Terlambat: laporan monev {period} untuk {number} belum disampaikan (batas {format_tanggal(due)})",
        f"Laporan monitoring dan evaluasi {period} untuk kerja sama {_agreement(number, title)} belum "
        f"disampaikan; batasnya {format_tanggal(due)} ({late} hari terlambat).",
    )


def dprd_deadline(number: str, title: str, deadline: date, days: int) -> tuple[str, str]:
    return (
        f"Pengingat: batas persetujuan DPRD untuk {number} {_in_days(days)} ({format_tanggal(deadline)})",
        f"Batas waktu persetujuan DPRD atas kerja sama {_agreement(number, title)} jatuh pada "
        f"{format_tanggal(deadline)} ({_days_left(days)}). Pantau keputusan DPRD dan catat hasilnya di "
        "aplikasi.",
    )


def offer_answer_due(number: str, title: str, due: date, days: int, *, second: bool) -> tuple[str, str]:
    """The partner's answer to the offer letter (P22 Pasal 8(3)-(5)): 30 working days, then 15 more
    after a second request; after that the Wali Kota reports the non-answer to the Gubernur."""
    if second:
        then = (
            "Bila mitra tetap tidak menjawab, Wali Kota melaporkannya kepada Gubernur (kerja sama wajib); "
            "catat laporan itu di aplikasi."
        )
        which = "permintaan kedua"
    else:
        then = "Bila mitra belum menjawab, kirim permintaan kedua (15 hari kerja) dan catat di aplikasi."
        which = "surat penawaran"
    return (
        f"Pengingat: batas jawaban penawaran untuk {number} {_in_days(days)} ({format_tanggal(due)})",
        f"Jawaban mitra atas {which} kerja sama {_agreement(number, title)} ditunggu paling lambat "
        f"{format_tanggal(due)} ({_days_left(days)}; Permendagri 22/2020 Pasal 8 ayat (3)–(5)). {then}",
    )


def periodic_report_due(period: str, due: date, days: int, *, foreign: bool) -> tuple[str, str]:
    if foreign:
        return (
            f"Pengingat: laporan kerja sama luar negeri {period} jatuh tempo {_in_days(days)} ({format_tanggal(due)})",
            f"Laporan tahunan kerja sama daerah dengan pemerintah daerah dan lembaga di luar negeri {period} "
            f"disampaikan Wali Kota kepada Gubernur paling lambat minggu pertama Januari, {format_tanggal(due)} "
            f"({_days_left(days)}; Permendagri 25/2020 Pasal 35–38). Finalkan Laporan Pelaksanaan Kerja Sama "
            "Daerah tahunan dan catat pengirimannya di aplikasi.",
        )
    return (
        f"Pengingat: Laporan Pelaksanaan Kerja Sama Daerah {period} jatuh tempo {_in_days(days)} ({format_tanggal(due)})",
        f"Laporan Pelaksanaan Kerja Sama Daerah {period} disusun TKKSD untuk Wali Kota dan diteruskan kepada "
        f"Gubernur (Permendagri 22/2020 Pasal 46). Periksa pratinjaunya, finalkan, dan catat pengirimannya "
        f"paling lambat {format_tanggal(due)} ({_days_left(days)}).",
    )


def email_message(
    *,
    sender: str,
    to_name: str,
    to_address: str,
    subject: str,
    body: str,
    url: str,
    message_id: str,
    now: datetime,
) -> EmailMessage:
    """Plain-text UTF-8 e-mail; the Message-ID was fixed when the delivery was queued."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = formataddr((to_name, to_address)) if to_name else to_address
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id
    # RFC 3834: tells auto-responders (out-of-office) not to answer.
    msg["Auto-Submitted"] = "auto-generated"
    greeting = f"Yth. {to_name}," if to_name else "Yth. Bapak/Ibu,"
    msg.set_content(
        f"{greeting}\n\n{body}\n\nBuka catatannya: {url}\n\n"
        "--\nPesan ini dikirim otomatis oleh aplikasi Kerja Sama Daerah; mohon tidak dibalas.\n"
        "Anda menerimanya sebagai pengguna OPD penanggung jawab atau sekretariat TKKSD.\n",
        charset="utf-8",
    )
    return msg
