"""The mapping of a cooperation text to OCDS 1.1 releases, field by field (docs/open-data.md).

Releases of one process (one ocid):
- `{ocid}-contract` (tag `contract`), dated at signing: parties, the decision to cooperate as an
  award, the contract with its period, approval milestones (the procedure steps), public documents,
  local fields (`x_…`), and `relatedProcesses` → the KB a PKS works under (`framework`);
- `{ocid}-amendment-{id}` (tag `contractAmendment`) per signed, public ADENDUM, dated at its signing;
- `{ocid}-implementation` (tag `implementation`) when obligations exist, dated at the newest change
  of their occurrences: one `implementation.milestones` entry per occurrence with its fulfilment.

Only what the public register shows goes in (public_register.policy), with its redaction: no
personal names (signatories appear by office), no contacts, no users.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from kerjasama.models import (
    Agreement,
    AgreementParty,
    Document,
    Obligation,
    ObligationOccurrence,
    StatusTransition,
)
from kerjasama.ocds.repository import Process
from kerjasama.public_register import policy as public

# Our agreement status → OCDS contractStatus (closed codelist).
CONTRACT_STATUS = {"in_progress": "pending", "in_force": "active", "ended": "terminated"}
# Occurrence status → OCDS milestoneStatus (closed codelist).
MILESTONE_STATUS = {
    "fulfilled": "met",
    "not_fulfilled": "notMet",
    "pending": "scheduled",
    "in_progress": "scheduled",
    "suspended_force_majeure": "scheduled",
}
# Document type → OCDS documentType (open codelist; our own codes start with x_).
DOCUMENT_TYPE = {
    "SIGNED_TEXT": "contractSigned",
    "STUDI_KELAYAKAN": "feasibilityStudy",
    "LAPORAN_MONEV": "physicalProgressReport",
    "BUKTI_PEMENUHAN": "physicalProgressReport",
    "KAK": "x_termsOfReference",
    "SURAT_PENAWARAN": "x_offerLetter",
    "BERITA_ACARA_TKKSD": "x_appraisalMinutes",
    "PERSETUJUAN_DPRD": "x_legislativeApproval",
    "SURAT_KUASA": "x_powerOfAttorney",
    "LAINNYA": "x_other",
}
# partyRole (open codelist). No listed role says "party to a cooperation agreement": buyer,
# procuringEntity, supplier and tenderer describe a purchase, which a cooperation is not. Every
# signing party gets our own x_cooperationParty; `funder` (a listed role) is added to whoever pays
# (the region for APBD money, the partners for partner money) - see docs/open-data.md#parties.
COOPERATION_PARTY = "x_cooperationParty"
FUNDER = "funder"


class Context:
    """What every release shares: the home region and the region's calendar."""

    def __init__(self, home_region: str, home_name: str, timezone: str, base_url: str) -> None:
        self.home_region = home_region
        self.home_name = home_name
        self.zone = ZoneInfo(timezone)
        self.base_url = base_url.rstrip("/")

    def at(self, day: date | None) -> str | None:
        """A calendar date as an OCDS date-time: midnight in the region's zone."""
        return datetime.combine(day, time(), self.zone).isoformat() if day else None

    def day_stamp(self, day: date) -> str:
        """A calendar date as a release date: that midnight in the region's zone, written in UTC
        (release dates in one form sort correctly as text, which is how merging orders them)."""
        return self.stamp(datetime.combine(day, time(), self.zone))

    @staticmethod
    def stamp(moment: datetime) -> str:
        return moment.astimezone(UTC).isoformat().replace("+00:00", "Z")


def home_party_id(ctx: Context) -> str:
    return f"ID-KODEWILAYAH-{ctx.home_region}"


def party_id(ctx: Context, party: AgreementParty) -> str:
    partner = party.partner
    if partner is None:
        return home_party_id(ctx)
    if partner.region_code:
        return f"ID-KODEWILAYAH-{partner.region_code}"
    return f"kerjasama-partner-{partner.id}"


def _party(ctx: Context, a: Agreement, party: AgreementParty) -> dict[str, Any]:
    partner = party.partner
    roles = [COOPERATION_PARTY]
    funding = set(a.funding_sources or [])
    if (partner is None and "apbd" in funding) or (partner is not None and "partner" in funding):
        roles.append(FUNDER)
    name: str | None = ctx.home_name
    kind: str = "HOME"
    region: str | None = ctx.home_region
    if partner is not None:
        name, kind, region = public.partner_name(partner), partner.type, partner.region_code
    out: dict[str, Any] = {
        "id": party_id(ctx, party),
        "name": name,
        "roles": roles,
        "x_partyType": kind,
        "x_signatoryOffice": party.signatory_title or None,
    }
    if region:
        out["identifier"] = {"id": region, "legalName": name}
        out["x_regionCode"] = region
    return out


def _unit(o: Any) -> dict[str, str]:
    return {"code": o.code, "name": o.name}


def _approval(ctx: Context, t: StatusTransition) -> dict[str, Any]:
    day = t.effective_date.isoformat() if t.effective_date else None
    met = ctx.at(t.effective_date) if t.effective_date else Context.stamp(t.at)
    return {
        "id": f"step-{t.id}",
        "title": f"{t.action}: {t.from_stage} → {t.to_stage}",
        "type": "approval",
        "code": t.action,
        "description": f"Procedure step '{t.action}' (stage {t.from_stage} to {t.to_stage})"
        + (f", effective {day}" if day else ""),
        "dateMet": met,
        "dateModified": Context.stamp(t.at),
        "status": "met",
    }


def _obligation_milestone(
    ctx: Context, occurrence: ObligationOccurrence, obligation: Obligation
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": f"occurrence-{occurrence.id}",
        "title": obligation.description,
        "type": "delivery",
        "code": obligation.kind,
        "description": (
            f"{obligation.kind} #{occurrence.seq}"
            + (f" ({obligation.clause_reference})" if obligation.clause_reference else "")
            + (f"; indicator: {obligation.indicator}" if obligation.indicator else "")
            + ("; suspended by force majeure" if occurrence.status == "suspended_force_majeure" else "")
        ),
        "dueDate": ctx.at(occurrence.due_date),
        "status": MILESTONE_STATUS[occurrence.status],
        "dateModified": Context.stamp(occurrence.updated_at),
    }
    if occurrence.fulfilled_on is not None:
        out["dateMet"] = ctx.at(occurrence.fulfilled_on)
    return out


def _document(ctx: Context, d: Document) -> dict[str, Any]:
    return {
        "id": str(d.id),
        "documentType": DOCUMENT_TYPE.get(d.doc_type, "x_other"),
        "title": d.title,
        "url": f"{ctx.base_url}/api/v1/public/documents/{d.id}/file",
        "datePublished": ctx.at(d.doc_date),
        "format": d.content_type,
    }


def contract_id(ocid: str) -> str:
    return f"{ocid}-contract"


def award_id(ocid: str) -> str:
    return f"{ocid}-decision"


def _base(ocid: str, release_id: str, when: str, tag: str) -> dict[str, Any]:
    return {
        "ocid": ocid,
        "id": release_id,
        "date": when,
        "tag": [tag],
        "initiationType": "tender",
        "language": "id",
    }


def contract_release(ctx: Context, p: Process) -> dict[str, Any]:
    a = p.agreement
    ocid = a.ocid or ""
    signed = ctx.day_stamp(a.signed_date) if a.signed_date else Context.stamp(a.created_at)
    release = _base(ocid, contract_id(ocid), signed, "contract")
    release["parties"] = [_party(ctx, a, party) for party in a.parties]
    release["awards"] = [
        {
            "id": award_id(ocid),
            "title": a.title,
            "description": "The region's decision to enter this cooperation (no tender: cooperation "
            "under PP 28/2018 is agreed, not procured).",
            "status": "active",
            "date": signed,
        }
    ]
    contract: dict[str, Any] = {
        "id": contract_id(ocid),
        "awardID": award_id(ocid),
        "title": a.title,
        "description": a.object or a.purpose or a.title,
        "status": CONTRACT_STATUS.get(a.status, "pending"),
        "period": {"startDate": ctx.at(a.start_date), "endDate": ctx.at(a.end_date)},
        "dateSigned": ctx.at(a.signed_date),
        "x_kind": a.kind,
        "x_category": a.category,
        "x_nature": a.nature,
        "x_registryNumber": a.number,
        "x_affairs": [_unit(x) for x in sorted(a.affairs, key=lambda x: x.code)],
        "x_responsibleUnit": _unit(a.lead_opd),
        "x_relatedUnits": [_unit(o) for o in sorted(a.related_opds, key=lambda o: o.code)],
        "x_fundingSources": list(a.funding_sources or []),
    }
    if a.apbd_value is not None:
        contract["value"] = {"amount": float(a.apbd_value), "currency": "IDR"}
    if p.transitions:
        contract["milestones"] = [_approval(ctx, t) for t in p.transitions]
    if p.documents:
        contract["documents"] = [_document(ctx, d) for d in p.documents]
    release["contracts"] = [contract]
    if p.framework is not None and p.framework.ocid:
        release["relatedProcesses"] = [
            {
                "id": f"framework-{p.framework.id}",
                "relationship": ["framework"],
                "title": p.framework.title,
                "scheme": "ocid",
                "identifier": p.framework.ocid,
                "uri": f"{ctx.base_url}/api/v1/ocds/records/{p.framework.ocid}",
            }
        ]
    return release


def amendment_release(ctx: Context, p: Process, adendum: Agreement) -> dict[str, Any]:
    ocid = p.agreement.ocid or ""
    when = ctx.day_stamp(adendum.signed_date) if adendum.signed_date else Context.stamp(adendum.created_at)
    release = _base(ocid, f"{ocid}-amendment-{adendum.id}", when, "contractAmendment")
    contract: dict[str, Any] = {
        "id": contract_id(ocid),
        "awardID": award_id(ocid),
        "amendments": [
            {
                "id": str(adendum.id),
                "date": when,
                "rationale": adendum.title,
                "description": adendum.object or adendum.title,
                "amendsReleaseID": contract_id(ocid),
                "releaseID": f"{ocid}-amendment-{adendum.id}",
            }
        ],
    }
    changed = adendum.amendment or {}
    period = {
        k: ctx.at(date.fromisoformat(changed[f]))
        for k, f in (("startDate", "start_date"), ("endDate", "end_date"))
        if changed.get(f)
    }
    if period:
        contract["period"] = period
    release["contracts"] = [contract]
    return release


def implementation_release(ctx: Context, p: Process) -> dict[str, Any] | None:
    if not p.occurrences:
        return None
    ocid = p.agreement.ocid or ""
    newest = max(o.updated_at for o, _ in p.occurrences)
    release = _base(ocid, f"{ocid}-implementation", Context.stamp(newest), "implementation")
    release["contracts"] = [
        {
            "id": contract_id(ocid),
            "awardID": award_id(ocid),
            "implementation": {"milestones": [_obligation_milestone(ctx, o, ob) for o, ob in p.occurrences]},
        }
    ]
    return release


def releases(ctx: Context, p: Process) -> list[dict[str, Any]]:
    """Every release of one process, oldest first."""
    out = [contract_release(ctx, p)]
    out += [amendment_release(ctx, p, adendum) for adendum in p.amendments]
    implementation = implementation_release(ctx, p)
    if implementation is not None:
        out.append(implementation)
    return sorted(out, key=lambda r: (r["date"], r["id"]))
