"""Stage machines per kind and category, as data: a reader can print them (GET /api/v1/procedures).

Stages follow docs/domain.md#procedure: PP 28/2018 Pasal 6(1) for KSDD/KSDPK
(a persiapan, b penawaran, c-d KB, e DPRD, f-g PKS), Pasal 28-33 and 38-40 for foreign cooperation,
Pasal 46 for SINERGI. Each transition names the roles allowed, the rules that guard it and what it
needs from the caller (a reason, documents, a date).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kerjasama.procedure import policy

PRE_SIGNING = (
    "draft",
    "submitted",
    "tkksd_review",
    "approved_for_offer",
    "offer",
    "drafting",
    "ready_to_sign",
    "planning",
    "exploration",
    "consultation",
    "mendagri_consideration",
    "mendagri_approval",
    "kemlu_review",
    "confirmation_received",
)

# stage -> lifecycle status
STATUS_OF_STAGE = {
    "draft": "draft",
    "in_force": "in_force",
    "dispute": "in_force",
    "ended": "ended",
    "rejected": "rejected",
    "cancelled": "cancelled",
}


def status_of(stage: str) -> str:
    return STATUS_OF_STAGE.get(stage, "in_progress")


@dataclass(frozen=True)
class Transition:
    action: str
    from_stages: tuple[str, ...]
    to_stage: str
    roles: tuple[str, ...]
    rules: tuple[str, ...] = ()
    needs_reason: bool = False
    needs_date: bool = False  # effective_date: the signing / ending / decision date
    label_id: str = ""
    label_en: str = ""


@dataclass(frozen=True)
class Machine:
    id: str
    title_id: str
    title_en: str
    kinds: tuple[str, ...]
    categories: tuple[str, ...]
    stages: tuple[str, ...]  # the main path, in order, for a stepper
    transitions: tuple[Transition, ...] = field(default_factory=tuple)
    # Stages on the main path that a text passes only when a rule requires it (DPRD approval).
    optional_stages: tuple[str, ...] = ()

    def allowed_from(self, stage: str) -> list[Transition]:
        return [t for t in self.transitions if stage in t.from_stages]


DATA_RULES = ("R1", "R2", "R3", "R5", "R6", "R7", "R28", "R29")


def _common_tail(pre: tuple[str, ...]) -> tuple[Transition, ...]:
    return (
        Transition(
            "cancel",
            pre,
            "cancelled",
            policy.OPD_SUBMITTERS,
            needs_reason=True,
            label_id="Batalkan",
            label_en="Cancel",
        ),
        Transition(
            "end",
            ("in_force",),
            "ended",
            policy.SECRETARIAT,
            ("R39", "R40", "R41", "R54"),
            needs_reason=True,
            needs_date=True,
            label_id="Akhiri",
            label_en="End",
        ),
        Transition(
            "open_dispute",
            ("in_force",),
            "dispute",
            policy.SECRETARIAT,
            needs_reason=True,
            label_id="Catat sengketa",
            label_en="Open dispute",
        ),
        Transition(
            "close_dispute",
            ("dispute",),
            "in_force",
            policy.SECRETARIAT,
            needs_reason=True,
            label_id="Sengketa selesai",
            label_en="Close dispute",
        ),
    )


KB_DOMESTIC = Machine(
    "kb_domestic",
    "KB kerja sama daerah / pihak ketiga",
    "KB of KSDD / KSDPK",
    ("KB",),
    ("KSDD", "KSDPK"),
    (
        "draft",
        "submitted",
        "tkksd_review",
        "approved_for_offer",
        "offer",
        "drafting",
        "ready_to_sign",
        "signed",
        "dprd_approval",
        "in_force",
        "ended",
    ),
    (
        Transition(
            "submit",
            ("draft",),
            "submitted",
            policy.OPD_SUBMITTERS,
            (*DATA_RULES, "R15", "R51"),
            label_id="Ajukan ke Sekretariat TKKSD",
            label_en="Submit to the TKKSD secretariat",
        ),
        Transition(
            "return",
            ("submitted", "tkksd_review"),
            "draft",
            policy.TKKSD_AND_SECRETARIAT,
            needs_reason=True,
            label_id="Kembalikan untuk perbaikan",
            label_en="Return for revision",
        ),
        Transition(
            "start_review",
            ("submitted",),
            "tkksd_review",
            policy.SECRETARIAT,
            (*DATA_RULES, "R15", "R51"),
            label_id="Mulai telaahan TKKSD",
            label_en="Start the TKKSD review",
        ),
        Transition(
            "approve",
            ("tkksd_review",),
            "approved_for_offer",
            policy.TKKSD_AND_SECRETARIAT,
            ("R51",),
            label_id="Layak: lanjut ke penawaran",
            label_en="Feasible: proceed to offer",
        ),
        Transition(
            "reject",
            ("tkksd_review", "offer"),
            "rejected",
            policy.TKKSD_AND_SECRETARIAT,
            needs_reason=True,
            label_id="Tolak",
            label_en="Reject",
        ),
        Transition(
            "send_offer",
            ("approved_for_offer",),
            "offer",
            policy.SECRETARIAT,
            ("R51",),
            needs_date=True,
            label_id="Kirim surat penawaran",
            label_en="Send the offer letter",
        ),
        Transition(
            "accept_offer",
            ("offer",),
            "drafting",
            policy.SECRETARIAT,
            needs_date=True,
            label_id="Mitra menerima",
            label_en="Partner accepts",
        ),
        Transition(
            "finalise",
            ("drafting",),
            "ready_to_sign",
            policy.DRAFT_FINALISERS,
            DATA_RULES,
            label_id="Rancangan KB final",
            label_en="Draft KB final",
        ),
        Transition(
            "sign",
            ("ready_to_sign",),
            "signed",
            policy.SECRETARIAT,
            (*DATA_RULES, "R24"),
            needs_date=True,
            label_id="Catat penandatanganan",
            label_en="Record signing",
        ),
        Transition(
            "request_dprd",
            ("signed",),
            "dprd_approval",
            policy.SECRETARIAT,
            ("R52",),
            needs_date=True,
            label_id="Mohon persetujuan DPRD",
            label_en="Request DPRD approval",
        ),
        Transition(
            "enter_into_force",
            ("signed", "dprd_approval"),
            "in_force",
            policy.SECRETARIAT,
            ("R10",),
            needs_date=True,
            label_id="Berlaku",
            label_en="Enter into force",
        ),
        *_common_tail(PRE_SIGNING),
    ),
    optional_stages=("dprd_approval",),
)

PKS_DOMESTIC = Machine(
    "pks_domestic",
    "PKS kerja sama daerah / pihak ketiga",
    "PKS of KSDD / KSDPK",
    ("PKS",),
    ("KSDD", "KSDPK"),
    ("draft", "drafting", "ready_to_sign", "in_force", "ended"),
    (
        Transition(
            "start_drafting",
            ("draft",),
            "drafting",
            policy.OPD_WORKERS,
            ("R10", "R21", "R22"),
            label_id="Mulai penyusunan PKS",
            label_en="Start drafting the PKS",
        ),
        Transition(
            "return",
            ("drafting", "ready_to_sign"),
            "draft",
            policy.TKKSD_AND_SECRETARIAT,
            needs_reason=True,
            label_id="Kembalikan",
            label_en="Return",
        ),
        Transition(
            "finalise",
            ("drafting",),
            "ready_to_sign",
            policy.OPD_SUBMITTERS,
            (*DATA_RULES, "R25", "R26", "R27"),
            label_id="Rancangan PKS final",
            label_en="Draft PKS final",
        ),
        Transition(
            "sign",
            ("ready_to_sign",),
            "in_force",
            policy.SECRETARIAT,
            (*DATA_RULES, "R10", "R21", "R22", "R24", "R25", "R26", "R27"),
            needs_date=True,
            label_id="Catat penandatanganan",
            label_en="Record signing",
        ),
        *_common_tail(PRE_SIGNING),
    ),
)

ADENDUM = Machine(
    "adendum",
    "Adendum",
    "Amendment (adendum)",
    ("ADENDUM",),
    ("KSDD", "KSDPK", "KSDPL", "KSDLL", "SINERGI"),
    ("draft", "drafting", "ready_to_sign", "in_force"),
    (
        Transition(
            "start_drafting",
            ("draft",),
            "drafting",
            policy.OPD_WORKERS,
            label_id="Mulai penyusunan adendum",
            label_en="Start drafting",
        ),
        Transition(
            "return",
            ("drafting", "ready_to_sign"),
            "draft",
            policy.TKKSD_AND_SECRETARIAT,
            needs_reason=True,
            label_id="Kembalikan",
            label_en="Return",
        ),
        Transition(
            "finalise",
            ("drafting",),
            "ready_to_sign",
            policy.OPD_SUBMITTERS,
            ("R1", "R28"),
            label_id="Rancangan adendum final",
            label_en="Draft final",
        ),
        Transition(
            "sign",
            ("ready_to_sign",),
            "in_force",
            policy.SECRETARIAT,
            ("R1", "R24", "R28", "R53"),
            needs_date=True,
            label_id="Catat penandatanganan (berlaku pada naskah induk)",
            label_en="Record signing (applies to the parent)",
        ),
        Transition(
            "cancel",
            PRE_SIGNING,
            "cancelled",
            policy.OPD_SUBMITTERS,
            needs_reason=True,
            label_id="Batalkan",
            label_en="Cancel",
        ),
    ),
)

SINERGI = Machine(
    "sinergi",
    "Sinergi dengan instansi pusat (NK dan RK)",
    "Synergy with central government (NK and RK)",
    ("NK", "RK"),
    ("SINERGI",),
    ("draft", "submitted", "tkksd_review", "drafting", "ready_to_sign", "in_force", "ended"),
    (
        Transition(
            "submit",
            ("draft",),
            "submitted",
            policy.OPD_SUBMITTERS,
            DATA_RULES,
            label_id="Ajukan",
            label_en="Submit",
        ),
        Transition(
            "return",
            ("submitted", "tkksd_review"),
            "draft",
            policy.TKKSD_AND_SECRETARIAT,
            needs_reason=True,
            label_id="Kembalikan",
            label_en="Return",
        ),
        Transition(
            "start_review",
            ("submitted",),
            "tkksd_review",
            policy.SECRETARIAT,
            DATA_RULES,
            label_id="Mulai telaahan TKKSD",
            label_en="Start the TKKSD review",
        ),
        Transition(
            "approve",
            ("tkksd_review",),
            "drafting",
            policy.TKKSD_AND_SECRETARIAT,
            label_id="Layak",
            label_en="Feasible",
        ),
        Transition(
            "reject",
            ("tkksd_review",),
            "rejected",
            policy.TKKSD_AND_SECRETARIAT,
            needs_reason=True,
            label_id="Tolak",
            label_en="Reject",
        ),
        Transition(
            "finalise",
            ("drafting",),
            "ready_to_sign",
            policy.OPD_SUBMITTERS,
            DATA_RULES,
            label_id="Rancangan final",
            label_en="Draft final",
        ),
        Transition(
            "sign",
            ("ready_to_sign",),
            "in_force",
            policy.SECRETARIAT,
            (*DATA_RULES, "R24"),
            needs_date=True,
            label_id="Catat penandatanganan",
            label_en="Record signing",
        ),
        *_common_tail(PRE_SIGNING),
    ),
)

FOREIGN_LOI = Machine(
    "foreign_loi",
    "Surat minat (LoI) kerja sama luar negeri",
    "Letter of intent, foreign cooperation",
    ("LOI",),
    ("KSDPL", "KSDLL"),
    ("draft", "tkksd_review", "exploration", "consultation", "ready_to_sign", "in_force", "ended"),
    (
        Transition(
            "start_review",
            ("draft",),
            "tkksd_review",
            policy.SECRETARIAT,
            DATA_RULES,
            label_id="Telaahan TKKSD",
            label_en="TKKSD review",
        ),
        Transition(
            "return",
            ("tkksd_review",),
            "draft",
            policy.TKKSD_AND_SECRETARIAT,
            needs_reason=True,
            label_id="Kembalikan",
            label_en="Return",
        ),
        Transition(
            "approve",
            ("tkksd_review",),
            "exploration",
            policy.TKKSD_AND_SECRETARIAT,
            label_id="Penjajakan",
            label_en="Exploration",
        ),
        Transition(
            "consult",
            ("exploration",),
            "consultation",
            policy.SECRETARIAT,
            needs_date=True,
            label_id="Konsultasi Kemendagri dan Kemlu (Pasal 28 ayat (4))",
            label_en="Consult Kemendagri and Kemlu (Pasal 28(4))",
        ),
        Transition(
            "finalise",
            ("consultation",),
            "ready_to_sign",
            policy.SECRETARIAT,
            DATA_RULES,
            label_id="Siap ditandatangani",
            label_en="Ready to sign",
        ),
        Transition(
            "sign",
            ("ready_to_sign",),
            "in_force",
            policy.SECRETARIAT,
            (*DATA_RULES, "R24"),
            needs_date=True,
            label_id="Catat penandatanganan LoI",
            label_en="Record LoI signing",
        ),
        *_common_tail(PRE_SIGNING),
    ),
)

FOREIGN_TEXT = Machine(
    "foreign_text",
    "Naskah kerja sama luar negeri",
    "Foreign cooperation text",
    ("NASKAH_LN",),
    ("KSDPL", "KSDLL"),
    (
        "draft",
        "planning",
        "dprd_approval",
        "mendagri_consideration",
        "drafting",
        "mendagri_approval",
        "kemlu_review",
        "confirmation_received",
        "ready_to_sign",
        "in_force",
        "ended",
    ),
    (
        Transition(
            "start_planning",
            ("draft",),
            "planning",
            policy.OPD_SUBMITTERS,
            DATA_RULES,
            label_id="Susun rencana kerja sama",
            label_en="Prepare the cooperation plan",
        ),
        Transition(
            "request_dprd",
            ("planning",),
            "dprd_approval",
            policy.SECRETARIAT,
            needs_date=True,
            label_id="Mohon persetujuan DPRD (45 hari kerja)",
            label_en="Request DPRD approval (45 working days)",
        ),
        Transition(
            "request_mendagri_consideration",
            ("dprd_approval",),
            "mendagri_consideration",
            policy.SECRETARIAT,
            ("R11",),
            needs_date=True,
            label_id="Mohon pertimbangan Mendagri",
            label_en="Request the Minister's consideration",
        ),
        Transition(
            "revise_plan",
            ("mendagri_consideration",),
            "planning",
            policy.SECRETARIAT,
            needs_reason=True,
            label_id="Perbaiki rencana",
            label_en="Revise the plan",
        ),
        Transition(
            "start_drafting",
            ("mendagri_consideration",),
            "drafting",
            policy.SECRETARIAT,
            label_id="Susun rancangan naskah",
            label_en="Draft the text",
        ),
        Transition(
            "request_mendagri_approval",
            ("drafting",),
            "mendagri_approval",
            policy.SECRETARIAT,
            needs_date=True,
            label_id="Mohon persetujuan Mendagri",
            label_en="Request the Minister's approval",
        ),
        Transition(
            "send_to_kemlu",
            ("mendagri_approval",),
            "kemlu_review",
            policy.SECRETARIAT,
            needs_date=True,
            label_id="Pembahasan Kemlu",
            label_en="Foreign Ministry review",
        ),
        Transition(
            "record_confirmation",
            ("kemlu_review",),
            "confirmation_received",
            policy.SECRETARIAT,
            needs_date=True,
            label_id="Surat konfirmasi Kemlu diterima (Pasal 33)",
            label_en="Kemlu confirmation letter received (Pasal 33)",
        ),
        Transition(
            "finalise",
            ("confirmation_received",),
            "ready_to_sign",
            policy.SECRETARIAT,
            DATA_RULES,
            label_id="Siap ditandatangani",
            label_en="Ready to sign",
        ),
        Transition(
            "sign",
            ("ready_to_sign",),
            "in_force",
            policy.SECRETARIAT,
            (*DATA_RULES, "R11", "R24"),
            needs_date=True,
            label_id="Catat penandatanganan",
            label_en="Record signing",
        ),
        *_common_tail(PRE_SIGNING),
    ),
)

MACHINES: tuple[Machine, ...] = (KB_DOMESTIC, PKS_DOMESTIC, ADENDUM, SINERGI, FOREIGN_LOI, FOREIGN_TEXT)


def machine_for(kind: str, category: str) -> Machine | None:
    for machine in MACHINES:
        if kind in machine.kinds and category in machine.categories:
            return machine
    return None
