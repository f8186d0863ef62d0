"""Demo data of the obligations domain, loaded by kerjasama.demo.seed after the demo agreements.

Three texts in force get obligations with schedules, loaded through the service (audit entries exist):
- PKS Pasokan Cabai (Garut, Bag. Perekonomian): Garut's KEWAJIBAN of 5 ton a month from 15 February 2024;
  every month due before the day of loading is fulfilled except the latest one, which shows as late;
  Cimahi's payment duty runs continuously to the end of the term.
- PKS TPPAS Legok Nangka (DLH, open-ended): Cimahi's yearly tipping-fee duty, past years paid; its right
  to the regional service is continuous (no end date, so no dated occurrence). The amount and the
  payments are illustrative (no public source): marked "[Ilustrasi]".
- PKS Rujukan KBB (Dinkes): Cimahi's quarterly referral report, the one due 30 September 2021 suspended
  by a recorded force-majeure event (the Delta wave); KBB's duty to bear its residents' costs continuous.
Fulfilment is relative to the day of loading, so the demo always has exactly one late occurrence.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.agreements import service as agreements_service
from kerjasama.core.auth import Principal
from kerjasama.core.config import get_settings
from kerjasama.models import Agreement, Obligation, Partner
from kerjasama.obligations import repository as repo
from kerjasama.obligations import service
from kerjasama.obligations.schemas import (
    ForceMajeureCreate,
    FulfilmentCreate,
    ObligationCreate,
    OccurrenceUpdate,
)


def _today() -> date:
    return datetime.now(ZoneInfo(get_settings().timezone)).date()


def seed(session: Session, system: Principal) -> None:
    """Obligations, occurrences, fulfilment and one force-majeure event on three demo texts."""
    today = _today()

    def agreement(number: str) -> Agreement | None:
        found = session.scalar(select(Agreement.id).where(Agreement.number == number))
        return agreements_service.get(session, system, found) if found else None

    def partner(region_code: str) -> Partner | None:
        return session.scalar(select(Partner).where(Partner.region_code == region_code))

    def add(a: Agreement, **kw: object) -> Obligation:
        return service.create(session, system, a, ObligationCreate.model_validate(kw), today)

    def fulfil_past(
        obligation: Obligation, a: Agreement, value: Decimal | None, note: str, keep_late: int = 0
    ) -> None:
        """Fulfil every occurrence due before today, leaving the latest `keep_late` open (late)."""
        past = [
            o
            for o in repo.occurrences(session, obligation.id)
            if o.due_date < today and o.status == "pending"
        ]
        for occ in past[: len(past) - keep_late]:
            data = FulfilmentCreate(realised_on=occ.due_date, value_realised=value, note=note, complete=True)
            service.add_fulfilment(session, system, a, occ, data, today)

    cabai, garut = agreement("DEMO/PKS/2024/CABAI"), partner("32.05")
    if cabai is not None and garut is not None:
        supply = add(
            cabai,
            partner_id=garut.id,
            kind="KEWAJIBAN",
            description="Memasok cabai rawit ke Kota Cimahi sebanyak 5 ton setiap bulan",
            clause_reference="Pasal 4 ayat (1)",
            schedule_type="recurring",
            frequency="monthly",
            anchor_date=date(2024, 2, 15),
            indicator="Volume cabai rawit diterima di Pasar Atas Cimahi",
            target=Decimal("5"),
            unit="ton",
        )
        fulfil_past(
            supply, cabai, Decimal("5"), "Diterima lengkap; berita acara serah terima terlampir.", keep_late=1
        )
        add(
            cabai,
            partner_id=None,
            kind="KEWAJIBAN",
            description="Membayar pasokan sesuai harga acuan paling lambat 14 hari setelah serah terima",
            clause_reference="Pasal 5",
            schedule_type="continuous",
        )

    legok = agreement("DEMO/PKS/2019/LEGOKNANGKA")
    if legok is not None:
        fee = add(
            legok,
            partner_id=None,
            kind="KEWAJIBAN",
            description="[Ilustrasi] Membayar biaya layanan pengolahan sampah (tipping fee) untuk kuota 200 ton "
            "per hari (nilai dan pembayaran diasumsikan)",
            clause_reference="Pasal 8 ayat (2)",
            schedule_type="recurring",
            frequency="yearly",
            anchor_date=date(2020, 12, 1),
            indicator="Tipping fee dibayar",
            value=Decimal("9125000000"),
        )
        fulfil_past(fee, legok, Decimal("9125000000"), "[Ilustrasi] Dibayar melalui BPKAD.")
        add(
            legok,
            partner_id=None,
            kind="HAK",
            description="Memperoleh layanan pengolahan sampah di TPPAS Regional Legok Nangka",
            clause_reference="Pasal 7",
            schedule_type="continuous",
        )

    rujukan, kbb = agreement("DEMO/PKS/2021/RUJUKAN-KBB"), partner("32.17")
    if rujukan is not None and kbb is not None:
        report = add(
            rujukan,
            partner_id=None,
            kind="KEWAJIBAN",
            description="Menyampaikan laporan triwulanan pasien rujukan dari Kabupaten Bandung Barat",
            clause_reference="Pasal 6 ayat (3)",
            schedule_type="recurring",
            frequency="quarterly",
            anchor_date=date(2021, 3, 31),
            indicator="Laporan rujukan triwulanan",
            target=Decimal("1"),
            unit="laporan",
        )
        delta = service.add_force_majeure(
            session,
            system,
            rujukan,
            ForceMajeureCreate(
                description="Lonjakan kasus COVID-19 varian Delta: fasilitas kesehatan kedua daerah penuh",
                start_date=date(2021, 7, 1),
                end_date=date(2021, 9, 30),
            ),
            today,
        )
        for occ in repo.occurrences(session, report.id):
            if occ.due_date == date(2021, 9, 30):
                service.update_occurrence(
                    session,
                    system,
                    rujukan,
                    occ,
                    OccurrenceUpdate(status="suspended_force_majeure", force_majeure_event_id=delta.id),
                    today,
                )
        fulfil_past(report, rujukan, Decimal("1"), "Laporan diterima Dinas Kesehatan KBB.")
        add(
            rujukan,
            partner_id=kbb.id,
            kind="KEWAJIBAN",
            description="Menanggung biaya pelayanan kesehatan warga Kabupaten Bandung Barat yang dirujuk",
            clause_reference="Pasal 7 ayat (1)",
            schedule_type="continuous",
        )
