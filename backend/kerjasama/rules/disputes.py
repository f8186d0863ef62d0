"""Where a dispute is escalated, by category: the law, not the procedure engine, decides it.

Both the agreement read model (`dispute_path` while a text is in dispute) and GET /procedures show it.
"""

from __future__ import annotations

# Where a dispute is escalated, by category (PP 28/2018 Pasal 8, 21, 34, 41; UU 23/2014 Pasal 370).
DISPUTE_PATHS: dict[str, tuple[str, str, str]] = {
    "KSDD": (
        "Musyawarah para pihak → Gubernur (daerah dalam satu provinsi) → Menteri Dalam Negeri (final)",
        "Deliberation → the Governor (regions within one province) → the Minister of Home Affairs (final)",
        "PP 28/2018 Pasal 8; UU 23/2014 Pasal 370",
    ),
    "KSDPK": (
        "Musyawarah → penyelesaian sesuai klausul PKS (mediasi, arbitrase atau pengadilan)",
        "Deliberation → settlement under the PKS clause (mediation, arbitration or court)",
        "PP 28/2018 Pasal 21",
    ),
    "KSDPL": (
        "Negosiasi dan konsultasi para pihak",
        "Negotiation and consultation between the parties",
        "PP 28/2018 Pasal 34",
    ),
    "KSDLL": (
        "Negosiasi dan konsultasi para pihak",
        "Negotiation and consultation between the parties",
        "PP 28/2018 Pasal 41",
    ),
    "SINERGI": (
        "Musyawarah para pihak sesuai Nota Kesepakatan",
        "Deliberation under the Nota Kesepakatan",
        "PP 28/2018 Pasal 46",
    ),
}


def dispute_path(category: str) -> tuple[str, str, str]:
    """Escalation path of a dispute for this category: (Indonesian, English, legal basis)."""
    return DISPUTE_PATHS[category]
