"""What a rule may look at: one agreement with everything loaded, plus the action being taken."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from kerjasama.models import Agreement, DprdApproval, Obligation, TkksdReview

# The office itself, optionally held as acting head (Plt./Pj./Penjabat/Pelaksana Tugas); a deputy
# ("Wakil Wali Kota") or a staff title ("Staf Ahli Wali Kota") is not the head of region.
HEAD_OF_REGION = re.compile(
    r"^(?:(?:plt|pj|penjabat|pelaksana tugas)\.?\s+(?:\((?:plt|pj)\.?\)\s+)?)?(?:wali\s?kota|bupati|gubernur)(?:\s|$)"
)


@dataclass
class RuleContext:
    agreement: Agreement
    home_region: str
    neighbours: set[str]
    parent: Agreement | None = None
    parent_dprd: list[DprdApproval] = field(default_factory=list)
    dprd: list[DprdApproval] = field(default_factory=list)
    reviews: list[TkksdReview] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    children_in_force: int = 0
    child_pks_count: int = 0
    absolute_affairs: set[str] = field(default_factory=set)
    # The agreement's uploaded documents: id (as a JSON string) -> document type.
    documents: dict[str, str] = field(default_factory=dict)
    # The action under evaluation (None for GET /checks) and its inputs.
    action: str | None = None
    end_reason: str | None = None
    effective_date: date | None = None
    document_ids: list[str] = field(default_factory=list)
    changed_fields: list[str] = field(default_factory=list)

    @property
    def partner_parties(self) -> list:  # type: ignore[type-arg]
        return [p for p in self.agreement.parties if p.partner is not None]

    @property
    def home_party(self):  # type: ignore[no-untyped-def]
        return next((p for p in self.agreement.parties if p.partner_id is None), None)


def dprd_required(a: Agreement) -> bool:
    """PP 28/2018 Pasal 6(2): KSDD/KSDPK (and SINERGI, P22 Pasal 56(6)) burdening community and region, or not budgeted; Pasal 30: foreign always."""
    if a.category in ("KSDPL", "KSDLL"):
        return True
    if a.category in ("KSDD", "KSDPK", "SINERGI"):  # SINERGI: Permendagri 22/2020 Pasal 56(6), 58
        return a.burdens_community_and_region or not a.budgeted_in_current_apbd
    return False


def dprd_granted(approvals: list[DprdApproval], today: date) -> bool:
    """Approved, or deemed approved after the deadline passed in silence (Pasal 12(4), 34(6))."""
    for approval in approvals:
        if approval.decision == "approved":
            return True
        if (
            approval.decision == "pending"
            and approval.deadline_date is not None
            and today > approval.deadline_date
        ):
            return True
    return False


def is_head_of_region(title: str) -> bool:
    """The exact office of head of region (PP 28/2018 Pasal 2(2)), not a title that merely contains it."""
    normal = " ".join(title.lower().replace(",", " ").split())
    return HEAD_OF_REGION.match(normal) is not None
