"""Examples for the OpenAPI document (partner create and read); validated by tests/test_openapi_operations.py."""

from __future__ import annotations

from typing import Any

CREATE: dict[str, Any] = {
    "type": "THIRD_PARTY",
    "name": "PT Air Bersih Nusantara",
    "third_party_kind": "business_entity",
    "business_form": "pt",
    "nib": "9120001234567",
    "address": "Jl. Raya Cibabat No. 10, Cimahi",
    "contacts": [
        {
            "name": "Dewi Lestari",
            "title": "Direktur",
            "email": "dewi@example.co.id",
            "phone": "+62 22 6654321",
        }
    ],
}

READ: dict[str, Any] = {
    "id": "8c2e4f60-1b3d-4e5f-9a7b-6c8d0e2f4a61",
    "type": "THIRD_PARTY",
    "name": "PT Air Bersih Nusantara",
    "region_code": None,
    "region_name": None,
    "third_party_kind": "business_entity",
    "business_form": "pt",
    "nib": "9120001234567",
    "npwp": None,
    "country_code": None,
    "is_bankrupt": False,
    "address": "Jl. Raya Cibabat No. 10, Cimahi",
    "notes": "",
    "contacts": [
        {
            "id": "1d3f5a7c-9e0b-4c2d-8f6a-4b2c0e8d6f13",
            "name": "Dewi Lestari",
            "title": "Direktur",
            "email": "dewi@example.co.id",
            "phone": "+62 22 6654321",
        }
    ],
    "version": 1,
    "created_at": "2026-02-10T03:15:00Z",
    "updated_at": "2026-02-10T03:15:00Z",
}
