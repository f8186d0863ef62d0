"""The columns of the import sheet: letter, Indonesian header, the API field they fill, a hint."""

from __future__ import annotations

from dataclasses import dataclass

SHEET = "Naskah"
EXAMPLE_PREFIX = "CONTOH"


@dataclass(frozen=True)
class ImportColumn:
    letter: str
    key: str
    header: str
    hint: str
    required: bool = False
    width: int = 18


COLUMNS = (
    ImportColumn("A", "number", "Nomor registri", "Kosongkan untuk dinomori otomatis", width=26),
    ImportColumn("B", "kind", "Jenis naskah", "Kode dari daftar: KB, PKS, NK, RK, LOI, NASKAH_LN", True, 12),
    ImportColumn(
        "C", "category", "Kategori", "Kode dari daftar: KSDD, KSDPK, KSDPL, KSDLL, SINERGI", True, 12
    ),
    ImportColumn(
        "D", "nature", "Sifat", "KSDD saja: WAJIB atau SUKARELA (kosong untuk naskah sebelum 2018)", width=12
    ),
    ImportColumn("E", "title", "Judul", "Judul naskah, 3–500 huruf", True, 50),
    ImportColumn("F", "object", "Objek", "Objek kerja sama", width=30),
    ImportColumn("G", "scope", "Ruang lingkup", "Ruang lingkup", width=30),
    ImportColumn(
        "H",
        "affair_codes",
        "Urusan",
        "Kode urusan dari daftar; lebih dari satu dipisah koma: 1.02, 2.11",
        True,
        14,
    ),
    ImportColumn("I", "lead_opd", "OPD pemrakarsa", "Kode OPD dari daftar", True, 16),
    ImportColumn(
        "J",
        "partner_type",
        "Jenis mitra",
        "REGION (daerah), THIRD_PARTY, FOREIGN_GOVERNMENT, FOREIGN_INSTITUTION, CENTRAL_GOVERNMENT",
        True,
        16,
    ),
    ImportColumn(
        "K",
        "partner_region_code",
        "Kode wilayah mitra",
        "REGION: kode wilayah Kemendagri, mis. 32.73",
        width=14,
    ),
    ImportColumn("L", "partner_name", "Nama mitra", "Selain REGION: nama resmi mitra", width=30),
    ImportColumn("M", "partner_nib", "NIB mitra", "Badan usaha: Nomor Induk Berusaha, 13 angka", width=16),
    ImportColumn(
        "N",
        "partner_kind",
        "Bentuk pihak ketiga",
        "THIRD_PARTY: individual, business_entity atau civil_organisation",
        width=18,
    ),
    ImportColumn(
        "O", "partner_signatory_title", "Jabatan penanda tangan mitra", "Mis. Wali Kota Bandung", width=24
    ),
    ImportColumn(
        "P", "signed_date", "Tanggal penandatanganan", "Tanggal (sel tanggal, atau 15/07/2026)", True, 14
    ),
    ImportColumn("Q", "start_date", "Mulai berlaku", "Tanggal", True, 14),
    ImportColumn("R", "end_date", "Berakhir", "Tanggal; kosong bila tidak ditentukan", width=14),
    ImportColumn(
        "S",
        "partner_form",
        "Bentuk badan mitra",
        "THIRD_PARTY selain perseorangan: kode dari daftar, mis. pt",
        width=16,
    ),
)
BY_KEY = {c.key: c for c in COLUMNS}
PARTNER_TYPES = ("REGION", "THIRD_PARTY", "FOREIGN_GOVERNMENT", "FOREIGN_INSTITUTION", "CENTRAL_GOVERNMENT")
THIRD_PARTY_KINDS = ("individual", "business_entity", "civil_organisation")
BUSINESS_FORMS = (
    "pt",
    "bumn",
    "bumd",
    "koperasi",
    "other_business",
    "yayasan",
    "perkumpulan",
    "unincorporated_organisation",
)
# API field (first element of an error's loc) → the column it came from
FIELD_COLUMN = {
    "number": "number",
    "kind": "kind",
    "category": "category",
    "nature": "nature",
    "title": "title",
    "object": "object",
    "scope": "scope",
    "affair_codes": "affair_codes",
    "lead_opd_id": "lead_opd",
    "parties": "partner_type",
    "signed_date": "signed_date",
    "start_date": "start_date",
    "end_date": "end_date",
    "status": "end_date",
    "end_reason": "end_date",
    "region_code": "partner_region_code",
    "name": "partner_name",
    "nib": "partner_nib",
    "third_party_kind": "partner_kind",
    "type": "partner_type",
    "business_form": "partner_form",
}
