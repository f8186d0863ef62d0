"""Demo data of the monitoring domain, loaded by kerjasama.demo.seed after the demo agreements.

Reports for Semester I 2026 (due 15 July 2026) of three texts in force, one per workflow stage worth
showing: final (KB Kabupaten Bandung, Bag. Pemerintahan), submitted (PKS Legok Nangka, DLH) and a draft
(PKS Rujukan KBB, Dinkes). Every other text in force has none, so the due list shows missing reports.
Loaded through the domain's own functions, so every record has its workflow history and audit entries.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kerjasama.core.auth import Principal
from kerjasama.models import Agreement, MonitoringReport
from kerjasama.monitoring import reports, workflow
from kerjasama.monitoring.schemas import ReportAction, ReportCreate, ReportTransitionIn, ReportUpdate

PERIOD = "2026-S1"
# The day the reports were written: fixed, so the demo tells the same story whenever it is loaded.
WRITTEN_ON = date(2026, 7, 6)


def _at(day: int, hour: int = 3) -> datetime:
    return datetime(2026, 7, day, hour, 0, tzinfo=UTC)


def seed(session: Session, system: Principal) -> None:
    """Three reports for 2026-S1: final, submitted and draft."""

    def agreement(number: str) -> Agreement | None:
        return session.scalar(select(Agreement).where(Agreement.number == number))

    def report(number: str, content: ReportUpdate) -> tuple[Agreement, MonitoringReport] | None:
        found = agreement(number)
        if found is None:
            return None
        created = reports.create_report(session, system, found, ReportCreate(period=PERIOD), WRITTEN_ON)
        reports.update_report(session, system, found, created, content, WRITTEN_ON)
        return found, created

    def step(pair: tuple[Agreement, MonitoringReport], action: ReportAction, day: int) -> None:
        found, created = pair
        workflow.transition(
            session, system, found, created, ReportTransitionIn(action=action), WRITTEN_ON, now=_at(day)
        )

    final = report(
        "DEMO/KB/2021/KABBDG",
        ReportUpdate(
            problems="Penanganan banjir di perbatasan Leuwigajah–Cimindi belum terpadu; data titik genangan "
            "kedua daerah berbeda.",
            solutions="Rapat koordinasi teknis bulanan dan survei bersama titik genangan oleh DPUPR dan BPBD.",
            other_matters="Kedua pihak sepakat menyusun rencana aksi pengelolaan sampah perbatasan 2027.",
            follow_up="Penyusunan PKS pengelolaan sampah perbatasan.",
            recommendation="continue",
        ),
    )
    if final is not None:
        steps: tuple[tuple[ReportAction, int], ...] = (
            ("submit", 6),
            ("verify", 8),
            ("review", 10),
            ("finalise", 13),
        )
        for action, day in steps:
            step(final, action, day)
    submitted = report(
        "DEMO/PKS/2019/LEGOKNANGKA",
        ReportUpdate(
            problems="Kuota pengiriman sampah 200 ton/hari belum tercapai karena keterbatasan armada.",
            solutions="Pengadaan dua unit truk tambahan melalui APBD Perubahan 2026.",
            other_matters="Tidak ada.",
            recommendation="continue",
        ),
    )
    if submitted is not None:
        step(submitted, "submit", 14)
    report(
        "DEMO/PKS/2021/RUJUKAN-KBB",
        ReportUpdate(problems="Sistem rujukan daring kedua daerah belum terhubung."),
    )
