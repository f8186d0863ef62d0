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


def _offer_steps(approve_rules: tuple[str, ...]) -> tuple[Transition, ...]:
    """TKKSD 'layak' (with its telaahan) and the offer stage with its clock (P22 Pasal 8, 28, 54)."""
    return (
        Transition(
            "approve",
            ("tkksd_review",),
            "approved_for_offer",
            policy.TKKSD_AND_SECRETARIAT,
            approve_rules,
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
            ("R20", "R51"),
            needs_date=True,
            label_id="Kirim surat penawaran (jawaban dalam 30 hari)",
            label_en="Send the offer letter (answer within 30 days)",
        ),
        Transition(
            "answer_partner_offer",
            ("approved_for_offer",),
            "drafting",
            policy.SECRETARIAT,
            ("R20",),
            needs_date=True,
            label_id="Jawab penawaran dari mitra",
            label_en="Answer the partner's offer",
        ),
        Transition(
            "second_request",
            ("offer",),
            "offer",
            policy.SECRETARIAT,
            ("R20",),
            needs_date=True,
            label_id="Kirim permintaan kedua (15 hari)",
            label_en="Send the second request (15 days)",
        ),
        Transition(
            "report_non_answer",
            ("offer",),
            "offer",
            policy.SECRETARIAT,
            ("R20",),
            needs_date=True,
            label_id="Laporkan kepada Gubernur: mitra tidak menjawab",
            label_en="Report the non-answer to the Gubernur",
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
    )


def _report_to_minister(label_id: str) -> Transition:
    return Transition(
        "report_to_minister",
        ("in_force",),
        "in_force",
        policy.SECRETARIAT,
        needs_date=True,
        label_id=label_id,
        label_en="Record the report to the Minister",
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
        *_offer_steps(("R9", "R16", "R19", "R51")),
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
            (*DATA_RULES, "R24", "R30", "R55"),
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
            "revise_after_dprd",
            ("dprd_approval",),
            "drafting",
            policy.SECRETARIAT,
            ("R13",),
            needs_reason=True,
            label_id="DPRD menolak: kembalikan untuk perbaikan",
            label_en="DPRD rejected: return for revision",
        ),
        Transition(
            "end_after_dprd",
            ("dprd_approval",),
            "ended",
            policy.SECRETARIAT,
            ("R13",),
            needs_reason=True,
            needs_date=True,
            label_id="DPRD menolak: akhiri",
            label_en="DPRD rejected: end",
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
            (*DATA_RULES, "R10", "R21", "R22", "R24", "R25", "R26", "R27", "R55"),
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
    ("KSDD", "KSDPK", "SINERGI"),
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
            ("R1", "R28", "R29"),
            label_id="Rancangan adendum final",
            label_en="Draft final",
        ),
        Transition(
            "sign",
            ("ready_to_sign",),
            "in_force",
            policy.SECRETARIAT,
            ("R1", "R24", "R28", "R29", "R53", "R55"),
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
    # P22 Pasal 52(2): persiapan, penawaran, NK + RK, persetujuan DPRD (when burdening, Pasal 56(6)),
    # penandatanganan, pelaksanaan (in force; penatausahaan and pelaporan, Pasal 57(3), happen there).
    (
        "draft",
        "submitted",
        "tkksd_review",
        "approved_for_offer",
        "offer",
        "drafting",
        "ready_to_sign",
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
        *_offer_steps(("R9", "R19")),
        Transition(
            "finalise",
            ("drafting",),
            "ready_to_sign",
            policy.OPD_SUBMITTERS,
            DATA_RULES,
            label_id="Rancangan NK dan RK final",
            label_en="Draft NK and RK final",
        ),
        Transition(
            "request_dprd",
            ("ready_to_sign",),
            "dprd_approval",
            policy.SECRETARIAT,
            needs_date=True,
            label_id="Mohon persetujuan DPRD (membebani masyarakat/APBD)",
            label_en="Request DPRD approval (burden on the community/APBD)",
        ),
        Transition(
            "sign",
            ("ready_to_sign", "dprd_approval"),
            "in_force",
            policy.SECRETARIAT,
            (*DATA_RULES, "R10", "R24", "R55"),
            needs_date=True,
            label_id="Catat penandatanganan",
            label_en="Record signing",
        ),
        _report_to_minister("Laporkan NK yang ditandatangani kepada Menteri (Pasal 57 ayat (3))"),
        *_common_tail(PRE_SIGNING),
    ),
    optional_stages=("dprd_approval",),
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
            ("R9", "R19", "R44"),
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
            (*DATA_RULES, "R24", "R44", "R55"),
            needs_date=True,
            label_id="Catat penandatanganan LoI",
            label_en="Record LoI signing",
        ),
        *_common_tail(PRE_SIGNING),
    ),
)

# Permendagri 25/2020 Pasal 9: ... verification by the Menteri, draft text, discussion via Kemlu, the
# Menteri's approval AFTER Kemlu's confirmation letter, signing.
FOREIGN_STAGES = (
    "draft",
    "planning",
    "dprd_approval",
    "mendagri_consideration",
    "drafting",
    "kemlu_review",
    "confirmation_received",
    "mendagri_approval",
    "ready_to_sign",
    "in_force",
)


def _foreign_steps(
    data_rules: tuple[str, ...], first_rules: tuple[str, ...], sign_rules: tuple[str, ...]
) -> tuple[Transition, ...]:
    return (
        Transition(
            "start_planning",
            ("draft",),
            "planning",
            policy.OPD_SUBMITTERS,
            (*data_rules, *first_rules),
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
            "send_to_kemlu",
            ("drafting",),
            "kemlu_review",
            policy.SECRETARIAT,
            needs_date=True,
            label_id="Pembahasan melalui Kemlu",
            label_en="Discussion through the Foreign Ministry",
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
            "request_mendagri_approval",
            ("confirmation_received",),
            "mendagri_approval",
            policy.SECRETARIAT,
            needs_date=True,
            label_id="Mohon persetujuan Mendagri (setelah surat konfirmasi)",
            label_en="Request the Minister's approval (after the confirmation letter)",
        ),
        Transition(
            "finalise",
            ("mendagri_approval",),
            "ready_to_sign",
            policy.SECRETARIAT,
            data_rules,
            needs_date=True,
            label_id="Persetujuan Mendagri diterima: siap ditandatangani",
            label_en="The Minister's approval received: ready to sign",
        ),
        Transition(
            "sign",
            ("ready_to_sign",),
            "in_force",
            policy.SECRETARIAT,
            (*data_rules, "R11", "R24", *sign_rules, "R55"),
            needs_date=True,
            label_id="Catat penandatanganan",
            label_en="Record signing",
        ),
    )


FOREIGN_TEXT = Machine(
    "foreign_text",
    "Naskah kerja sama luar negeri",
    "Foreign cooperation text",
    ("NASKAH_LN",),
    ("KSDPL", "KSDLL"),
    (*FOREIGN_STAGES, "ended"),
    (
        *_foreign_steps(DATA_RULES, ("R44", "R45"), ("R44", "R45")),
        _report_to_minister("Catat laporan pelaksanaan kepada Menteri (Pasal 43)"),
        *_common_tail(PRE_SIGNING),
    ),
)

# A foreign adendum follows the foreign procedure (DPRD, the Menteri, Kemlu) and changes its parent.
FOREIGN_ADENDUM = Machine(
    "foreign_adendum",
    "Adendum kerja sama luar negeri",
    "Amendment of foreign cooperation",
    ("ADENDUM",),
    ("KSDPL", "KSDLL"),
    FOREIGN_STAGES,
    (
        *_foreign_steps(("R1", "R28", "R29"), (), ()),
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

MACHINES: tuple[Machine, ...] = (
    KB_DOMESTIC,
    PKS_DOMESTIC,
    ADENDUM,
    SINERGI,
    FOREIGN_LOI,
    FOREIGN_TEXT,
    FOREIGN_ADENDUM,
)


def machine_for(kind: str, category: str) -> Machine | None:
    for machine in MACHINES:
        if kind in machine.kinds and category in machine.categories:
            return machine
    return None
