"""Examples for the public register's OpenAPI (validated against the schemas by the tests)."""

from __future__ import annotations

from typing import Any

_OPD = {"code": "2.11.0.00.0.00.01.0000", "abbreviation": "DLH", "name": "Dinas Lingkungan Hidup"}
_PARTNER = {
    "id": "6f1d9a7e-3c44-4b1e-8f0a-0d4b6c2e9a10",
    "type": "REGION",
    "name": "Kabupaten Bandung Barat",
    "region_code": "32.17",
}
SUMMARY: dict[str, Any] = {
    "id": "3e5b7c1a-9d2f-4f6b-8a1e-5c7d9e0f1a2b",
    "ocid": "ocds-xxxxxx-3e5b7c1a-9d2f-4f6b-8a1e-5c7d9e0f1a2b",
    "number": "KSD/32.77/2026/0007",
    "kind": "KB",
    "category": "KSDD",
    "nature": "SUKARELA",
    "title": "Kesepakatan Bersama Pengelolaan Sampah Regional",
    "status": "in_force",
    "lead_opd": _OPD,
    "partners": [_PARTNER],
    "affairs": [{"code": "2.11", "name": "Lingkungan Hidup"}],
    "signed_date": "2026-02-20",
    "start_date": "2026-03-01",
    "end_date": "2031-02-28",
}
PAGE: dict[str, Any] = {"items": [SUMMARY], "next_cursor": None, "total": 1}
READ: dict[str, Any] = {
    **SUMMARY,
    "object": "Pengolahan sampah di TPPAS Regional Legok Nangka",
    "scope": "Pengangkutan dan pengolahan sampah",
    "purpose": "Mengurangi sampah yang dibuang ke TPA",
    "parties": [
        {
            "role": "HOME",
            "partner": None,
            "signatory_title": "Wali Kota Cimahi",
            "document_number": "KSD/32.77/2026/0007",
        },
        {
            "role": "PARTNER",
            "partner": _PARTNER,
            "signatory_title": "Bupati Bandung Barat",
            "document_number": "415.4/12/2026",
        },
    ],
    "related_opds": [],
    "funding_sources": ["apbd"],
    "apbd_value": None,
    "ended_date": None,
    "parent": None,
    "children": [],
    "documents": [
        {
            "id": "9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d",
            "doc_type": "SIGNED_TEXT",
            "title": "Naskah KB ditandatangani",
            "doc_date": "2026-02-20",
            "content_type": "application/pdf",
            "size_bytes": 482113,
            "sha256": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "file_url": "/api/v1/public/documents/9a0b1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d/file",
        }
    ],
}
STATS: dict[str, Any] = {
    "total": 1,
    "by_category": [{"key": "KSDD", "count": 1}],
    "by_status": [{"key": "in_force", "count": 1}],
    "by_year": [{"key": "2026", "count": 1}],
    "by_partner": [{"partner": _PARTNER, "count": 1}],
    "by_affair": [{"affair": {"code": "2.11", "name": "Lingkungan Hidup"}, "count": 1}],
}
