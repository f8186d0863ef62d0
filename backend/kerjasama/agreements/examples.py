"""Examples for the OpenAPI document (request and response bodies of the main agreement operations).

tests/test_openapi_operations.py validates each one against its schema, so they cannot drift.
"""

from __future__ import annotations

from typing import Any

_OPD = {
    "id": "0b3c2f52-5d0e-4a8e-9a53-2f3a1c9d7e01",
    "code": "2.11.0.00.0.00.01.0000",
    "abbreviation": "DLH",
    "name": "Dinas Lingkungan Hidup",
}
_PARTNER = {
    "id": "6f1d9a7e-3c44-4b1e-8f0a-0d4b6c2e9a10",
    "type": "REGION",
    "name": "Kabupaten Bandung Barat",
    "region_code": "32.17",
}

CREATE: dict[str, Any] = {
    "kind": "KB",
    "category": "KSDD",
    "nature": "SUKARELA",
    "title": "Kesepakatan Bersama Pengelolaan Sampah Regional",
    "lead_opd_id": _OPD["id"],
    "affair_codes": ["2.11"],
    "parties": [
        {
            "partner_id": _PARTNER["id"],
            "signatory_name": "Hengky Kurniawan",
            "signatory_title": "Bupati Bandung Barat",
        }
    ],
    "object": "Pengolahan sampah di TPPAS Regional Legok Nangka",
    "start_date": "2026-03-01",
    "end_date": "2031-02-28",
}

SUMMARY: dict[str, Any] = {
    "id": "3e5b7c1a-9d2f-4f6b-8a1e-5c7d9e0f1a2b",
    "number": "KSD/32.77/2026/0007",
    "kind": "KB",
    "category": "KSDD",
    "nature": "SUKARELA",
    "title": CREATE["title"],
    "status": "draft",
    "stage": "draft",
    "parent_id": None,
    "lead_opd": _OPD,
    "partners": [_PARTNER],
    "signed_date": None,
    "start_date": "2026-03-01",
    "end_date": "2031-02-28",
    "is_demo": False,
    "is_legacy_import": False,
    "version": 1,
    "in_force_now": False,
    "not_yet_in_force": False,
    "expiring": False,
    "expired": False,
    "days_to_end": 1817,
}

READ: dict[str, Any] = {
    **SUMMARY,
    "predecessor_id": None,
    "object": CREATE["object"],
    "scope": "",
    "purpose": "",
    "parties": [
        {
            "role": "HOME",
            "partner": None,
            "signatory_name": "",
            "signatory_title": "",
            "document_number": "",
            "power_of_attorney_ref": None,
        },
        {
            "role": "PARTNER",
            "partner": _PARTNER,
            "signatory_name": "Hengky Kurniawan",
            "signatory_title": "Bupati Bandung Barat",
            "document_number": "",
            "power_of_attorney_ref": None,
        },
    ],
    "affairs": [{"code": "2.11", "name": "Lingkungan Hidup"}],
    "affair_codes": ["2.11"],
    "related_opds": [],
    "related_opd_ids": [],
    "planning_reference": None,
    "out_of_plan_reason": None,
    "funding_sources": [],
    "apbd_value": None,
    "burdens_community_and_region": False,
    "budgeted_in_current_apbd": True,
    "end_reason": None,
    "public": False,
    "kak": {},
    "feasibility_study_ref": None,
    "clauses": [],
    "amendment": {},
    "initiated_by_partner": False,
    "declarations": {},
    "offer_due_date": None,
    "offer_second_request_date": None,
    "offer_non_answer_reported_date": None,
    "minister_reported_date": None,
    "dprd_required": False,
    "ended_date": None,
    "dispute_path": None,
    "created_at": "2026-02-10T03:15:00Z",
    "updated_at": "2026-02-10T03:15:00Z",
}

PAGE: dict[str, Any] = {"items": [SUMMARY], "next_cursor": None, "total": 1}
