"""The XLSX template of the import, in Bahasa Indonesia: instructions, the data sheet with an example
row and data-validation lists, and a sheet of the codes (from the reference data)."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.orm import Session

from kerjasama.core import labels as lb
from kerjasama.core.spreadsheet import formula_safe
from kerjasama.imports import repository
from kerjasama.imports.columns import (
    BUSINESS_FORMS,
    COLUMNS,
    EXAMPLE_PREFIX,
    PARTNER_TYPES,
    SHEET,
    THIRD_PARTY_KINDS,
)

MAX_ROWS = 2000  # rows the validation lists cover
HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
EXAMPLE_FILL = PatternFill("solid", fgColor="FFF2CC")
PARTNER_TYPE_LABELS = {
    "REGION": "Daerah lain (provinsi/kabupaten/kota)",
    "THIRD_PARTY": "Pihak ketiga",
    "FOREIGN_GOVERNMENT": "Pemerintah daerah di luar negeri",
    "FOREIGN_INSTITUTION": "Lembaga di luar negeri",
    "CENTRAL_GOVERNMENT": "Instansi pemerintah pusat",
}
FORM_LABELS = {
    "pt": "Perseroan terbatas (PT)",
    "bumn": "BUMN",
    "bumd": "BUMD",
    "koperasi": "Koperasi",
    "other_business": "Badan usaha lain",
    "yayasan": "Yayasan",
    "perkumpulan": "Perkumpulan",
    "unincorporated_organisation": "Organisasi tidak berbadan hukum",
}
THIRD_PARTY_LABELS = {
    "individual": "Perseorangan",
    "business_entity": "Badan usaha berbadan hukum",
    "civil_organisation": "Organisasi kemasyarakatan",
}

INSTRUCTIONS = (
    "Petunjuk pengisian: impor naskah kerja sama yang sudah ada",
    "",
    "1. Isi satu naskah per baris pada lembar «Naskah», mulai baris 3. Baris 1 adalah judul kolom; jangan diubah.",
    f"2. Baris 2 adalah contoh (nomornya diawali «{EXAMPLE_PREFIX}»). Baris contoh dilewati saat impor; boleh dihapus.",
    "3. Kolom berjudul tebal bertanda * wajib diisi. Kode diambil dari daftar pilihan (lembar «Kode»).",
    "4. Urusan boleh lebih dari satu: tulis kodenya dipisah koma, mis. 1.02, 2.11.",
    "5. Mitra daerah lain (REGION): isi kode wilayah; data mitra dicocokkan dengan data yang ada atau dibuat baru.",
    "   Mitra lain: isi nama (dan NIB untuk badan usaha); mitra dengan nama atau NIB yang sama dipakai ulang.",
    "6. Tanggal ditulis sebagai sel tanggal atau 15/07/2026. Naskah yang tanggal berakhirnya sudah lewat",
    "   masuk dengan status «Berakhir»; yang lain «Berlaku». Semua ditandai sebagai impor data lama.",
    "7. Rumus tidak dihitung: isi sel yang diawali = disimpan sebagai teks apa adanya.",
    "8. Unggah berkas di layar Impor: periksa dulu (uji coba), baca laporannya, lalu simpan.",
    "   Tidak ada yang disimpan bila satu baris saja salah: perbaiki baris yang disebut laporan lalu unggah lagi.",
    "9. Berkas paling besar 5 MB dan 2000 baris; berkas yang dilindungi kata sandi atau bukan .xlsx ditolak.",
)


def build(session: Session) -> bytes:
    """The template as XLSX bytes."""
    wb = Workbook()
    guide = wb.active
    assert guide is not None
    guide.title = "Petunjuk"
    for i, line in enumerate(INSTRUCTIONS, start=1):
        guide.cell(row=i, column=1, value=line).font = Font(bold=i == 1, size=13 if i == 1 else 11)
    guide.column_dimensions["A"].width = 120

    ws = wb.create_sheet(SHEET)
    codes = wb.create_sheet("Kode")
    wb.active = 1

    lists: dict[str, list[tuple[str, str]]] = {
        "kind": [(k, lb.label(lb.KIND, k)) for k in lb.KIND if k != "ADENDUM"],
        "category": [(k, lb.label(lb.CATEGORY, k)) for k in lb.CATEGORY],
        "nature": [(k, lb.label(lb.NATURE, k)) for k in lb.NATURE],
        "affair_codes": repository.affairs(session),
        "lead_opd": [(o.code, f"{o.abbreviation} — {o.name}") for o in repository.opds(session)],
        "partner_type": [(k, PARTNER_TYPE_LABELS[k]) for k in PARTNER_TYPES],
        "partner_kind": [(k, THIRD_PARTY_LABELS[k]) for k in THIRD_PARTY_KINDS],
        "partner_form": [(k, FORM_LABELS[k]) for k in BUSINESS_FORMS],
    }
    titles = {
        "kind": "Jenis naskah",
        "category": "Kategori",
        "nature": "Sifat",
        "affair_codes": "Urusan",
        "lead_opd": "OPD",
        "partner_type": "Jenis mitra",
        "partner_kind": "Bentuk pihak ketiga",
        "partner_form": "Bentuk badan",
    }
    ranges: dict[str, str] = {}
    col = 1
    for key, items in lists.items():
        code_col, label_col = (
            codes.cell(row=1, column=col).column_letter,
            codes.cell(row=1, column=col + 1).column_letter,
        )
        codes.cell(row=1, column=col, value=f"{titles[key]}: kode").font = Font(bold=True)
        codes.cell(row=1, column=col + 1, value="keterangan").font = Font(bold=True)
        for r, (code, text) in enumerate(items, start=2):
            codes.cell(row=r, column=col, value=formula_safe(code))
            codes.cell(row=r, column=col + 1, value=formula_safe(text))
        codes.column_dimensions[code_col].width = 14
        codes.column_dimensions[label_col].width = 44
        ranges[key] = f"Kode!${code_col}$2:${code_col}${max(2, len(items) + 1)}"
        col += 3

    for c in COLUMNS:
        cell = ws[f"{c.letter}1"]
        cell.value = c.header + (" *" if c.required else "")
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(c.hint, "Sistem Kerja Sama Daerah")
        ws.column_dimensions[c.letter].width = c.width
    ws.row_dimensions[1].height = 32
    ws.freeze_panes = "A3"
    example = {
        "number": f"{EXAMPLE_PREFIX}/KB/2019/01",
        "kind": "KB",
        "category": "KSDD",
        "nature": "SUKARELA",
        "title": "Kesepakatan Bersama tentang Pengelolaan Sampah Regional (contoh)",
        "object": "Pengelolaan sampah regional",
        "scope": "Pengangkutan dan pengolahan sampah",
        "affair_codes": "2.11",
        "lead_opd": lists["lead_opd"][0][0] if lists["lead_opd"] else "",
        "partner_type": "REGION",
        "partner_region_code": "32.73",
        "partner_signatory_title": "Wali Kota Bandung",
        "signed_date": "01/12/2019",
        "start_date": "01/12/2019",
        "end_date": "30/11/2024",
    }
    for c in COLUMNS:
        cell = ws[f"{c.letter}2"]
        cell.value = example.get(c.key, "")
        cell.fill = EXAMPLE_FILL
        cell.number_format = "@"  # text: the example's dates stay as typed

    def validation(key: str, letter: str, strict: bool = True) -> None:
        dv = DataValidation(
            type="list",
            formula1=f"={ranges[key]}",
            allow_blank=True,
            showErrorMessage=strict,
            errorTitle="Kode tidak dikenal",
            error=f"Pilih {titles[key].lower()} dari daftar (lembar Kode).",
            promptTitle=titles[key],
            prompt="Pilih dari daftar",
            showInputMessage=True,
        )
        dv.add(f"{letter}3:{letter}{MAX_ROWS + 2}")
        ws.add_data_validation(dv)

    for key in ("kind", "category", "nature", "lead_opd", "partner_type", "partner_kind", "partner_form"):
        validation(key, next(c.letter for c in COLUMNS if c.key == key))
    # several affairs may be typed with commas: the list helps but does not refuse
    validation("affair_codes", next(c.letter for c in COLUMNS if c.key == "affair_codes"), strict=False)
    for c in COLUMNS:
        if c.key.endswith("_date"):
            for row in range(3, 203):
                ws[f"{c.letter}{row}"].number_format = "DD/MM/YYYY"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
