"""The rules catalogue. Each rule is data (id, severity, messages, legal basis, fields) plus one
small check function over a RuleContext that returns the violations it finds.

Severity (docs/domain.md#rules): BLOCK refuses a transition; WARN needs a written justification.
A rule grounded only in practice or inference is WARN.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from kerjasama.rules.context import RuleContext, dprd_granted, dprd_required, is_head_of_region

Severity = Literal["BLOCK", "WARN"]

PARTNER_TYPE_BY_CATEGORY = {
    "KSDD": "REGION",
    "KSDPK": "THIRD_PARTY",
    "KSDPL": "FOREIGN_GOVERNMENT",
    "KSDLL": "FOREIGN_INSTITUTION",
    "SINERGI": "CENTRAL_GOVERNMENT",
}
KAK_HEADINGS = ("background", "purpose", "location", "scope", "term", "benefits", "impact", "financing")
PKS_CLAUSES = (
    "purpose",
    "object",
    "scope",
    "implementation",
    "rights_obligations",
    "financing",
    "term",
    "dispute_settlement",
    "force_majeure",
    "termination",
)
KSDPK_CLAUSES = ("rights_obligations", "term", "dispute_settlement", "sanctions")
# Indonesian names of the clause codes and KAK headings, for the Indonesian messages.
LABEL_ID = {
    "purpose": "maksud dan tujuan",
    "object": "objek",
    "scope": "ruang lingkup",
    "implementation": "pelaksanaan",
    "rights_obligations": "hak dan kewajiban",
    "financing": "pembiayaan",
    "term": "jangka waktu",
    "dispute_settlement": "penyelesaian perselisihan",
    "force_majeure": "keadaan kahar",
    "termination": "pengakhiran",
    "sanctions": "sanksi",
    "background": "latar belakang",
    "location": "lokasi",
    "benefits": "manfaat",
    "impact": "dampak sosial dan lingkungan",
}


def _id(codes: list[str]) -> str:
    return ", ".join(LABEL_ID.get(c, c) for c in codes)


END_REASONS_ALL = ("term_expired", "goal_achieved", "mutual_agreement", "policy_change", "object_lost")
END_REASONS_KSDPK = ("court_decision", "partner_bankrupt")
SIGNED_STAGES = ("signed", "dprd_approval", "in_force", "dispute", "ended")
# Administrative fields that do not change the signed text itself.
EDITABLE_AFTER_SIGNING = ("public", "planning_reference")


@dataclass(frozen=True)
class Violation:
    message_id: str
    message_en: str
    fields: tuple[str, ...] = ()
    basis: str | None = None  # when this part of the rule rests on another Pasal than the rule's


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title_id: str
    title_en: str
    basis: str
    fields: tuple[str, ...]
    check: Callable[[RuleContext], list[Violation]]
    # Where a rule that guards no transition is enforced (a job, the scope layer); "" for transition rules.
    enforced_in: str = ""


@dataclass(frozen=True)
class Finding:
    rule_id: str
    severity: Severity
    message_id: str
    message_en: str
    basis: str
    fields: tuple[str, ...]


RULES: dict[str, Rule] = {}


def rule(
    rule_id: str,
    severity: Severity,
    title_id: str,
    title_en: str,
    basis: str,
    fields: tuple[str, ...] = (),
    enforced_in: str = "",
) -> Callable[[Callable[[RuleContext], list[Violation]]], Callable[[RuleContext], list[Violation]]]:
    def register(fn: Callable[[RuleContext], list[Violation]]) -> Callable[[RuleContext], list[Violation]]:
        RULES[rule_id] = Rule(rule_id, severity, title_id, title_en, basis, fields, fn, enforced_in)
        return fn

    return register


def evaluate(ctx: RuleContext, rule_ids: tuple[str, ...] | None = None) -> list[Finding]:
    findings = []
    for rule_id in rule_ids if rule_ids is not None else tuple(RULES):
        r = RULES[rule_id]
        for v in r.check(ctx):
            findings.append(
                Finding(
                    r.id, r.severity, v.message_id, v.message_en, v.basis or r.basis, v.fields or r.fields
                )
            )
    return findings


def _domestic(ctx: RuleContext) -> bool:
    return ctx.agreement.category in ("KSDD", "KSDPK")


@rule(
    "R1",
    "BLOCK",
    "Ada mitra dan satu OPD pemrakarsa",
    "A partner and one lead OPD",
    "PP 28/2018 Pasal 1 angka 1",
    ("parties", "lead_opd_id"),
)
def r1(ctx: RuleContext) -> list[Violation]:
    out = []
    if not ctx.partner_parties:
        out.append(
            Violation(
                "Kerja sama memerlukan sedikitnya satu mitra selain daerah sendiri.",
                "Cooperation needs at least one partner besides the home region.",
                ("parties",),
            )
        )
    if ctx.agreement.lead_opd_id is None:
        out.append(Violation("Tetapkan satu OPD pemrakarsa.", "Set exactly one lead OPD.", ("lead_opd_id",)))
    return out


@rule(
    "R2",
    "BLOCK",
    "Kategori sesuai jenis mitra",
    "Category matches the partners' type",
    "PP 28/2018 Pasal 1, 14, 24, 25 dan 46",
    ("category", "parties"),
)
def r2(ctx: RuleContext) -> list[Violation]:
    expected = PARTNER_TYPE_BY_CATEGORY[ctx.agreement.category]
    wrong = [p.partner.name for p in ctx.partner_parties if p.partner.type != expected]
    if not wrong:
        return []
    names = ", ".join(wrong)
    return [
        Violation(
            f"Kategori {ctx.agreement.category} hanya untuk mitra bertipe {expected}; tidak sesuai: {names}.",
            f"Category {ctx.agreement.category} is for {expected} partners only; not matching: {names}.",
        )
    ]


@rule(
    "R3",
    "BLOCK",
    "Kerja sama wajib hanya dengan daerah berbatasan",
    "Mandatory cooperation only with bordering regions",
    "PP 28/2018 Pasal 3 ayat (2) dan (3)",
    ("nature", "parties"),
)
def r3(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.category != "KSDD" or a.nature != "WAJIB":
        return []
    far = [
        p.partner.name
        for p in ctx.partner_parties
        if p.partner.region_code is None or p.partner.region_code not in ctx.neighbours
    ]
    if not far:
        return []
    names = ", ".join(far)
    return [
        Violation(
            f"Kerja sama wajib hanya dengan daerah yang berbatasan; tidak berbatasan: {names}. Gunakan SUKARELA.",
            f"Mandatory (WAJIB) cooperation requires bordering regions; not bordering: {names}. Use SUKARELA.",
        )
    ]


@rule(
    "R5",
    "BLOCK",
    "Pihak ketiga yang sah",
    "A valid third party",
    "PP 28/2018 Pasal 14; Pasal 22 ayat (2) (mitra pailit)",
    ("parties",),
)
def r5(ctx: RuleContext) -> list[Violation]:
    if ctx.agreement.category != "KSDPK":
        return []
    bad = [
        p.partner.name
        for p in ctx.partner_parties
        if p.partner.type == "THIRD_PARTY"
        and p.partner.third_party_kind not in ("individual", "business_entity", "civil_organisation")
    ]
    bankrupt = [p.partner.name for p in ctx.partner_parties if p.partner.is_bankrupt]
    out = []
    if bad:
        out.append(
            Violation(
                f"Pihak ketiga harus perseorangan, badan usaha berbadan hukum atau organisasi kemasyarakatan: {', '.join(bad)}.",
                f"A third party must be an individual, an incorporated business or a civil organisation: {', '.join(bad)}.",
            )
        )
    if bankrupt and ctx.agreement.stage not in SIGNED_STAGES:
        out.append(
            Violation(
                f"Mitra dinyatakan pailit dan tidak dapat memulai kerja sama baru: {', '.join(bankrupt)}.",
                f"The partner is declared bankrupt and cannot enter a new cooperation: {', '.join(bankrupt)}.",
                basis="PP 28/2018 Pasal 22 ayat (2)",
            )
        )
    return out


@rule(
    "R6",
    "BLOCK",
    "Urusan pemerintahan daerah",
    "Affairs within the region's authority",
    "PP 28/2018 Pasal 4 ayat (1), Pasal 16 ayat (1)",
    ("affair_codes",),
)
def r6(ctx: RuleContext) -> list[Violation]:
    codes = [a.code for a in ctx.agreement.affairs]
    if not codes:
        return [
            Violation("Pilih sedikitnya satu urusan pemerintahan.", "Choose at least one government affair.")
        ]
    absolute = sorted(set(codes) & ctx.absolute_affairs)
    if absolute:
        return [
            Violation(
                f"Urusan absolut pemerintah pusat tidak dapat menjadi objek: {', '.join(absolute)}.",
                f"Absolute central-government affairs cannot be the object: {', '.join(absolute)}.",
            )
        ]
    return []


@rule(
    "R7",
    "BLOCK",
    "Tercantum dalam dokumen perencanaan",
    "In the planning documents",
    "PP 28/2018 Pasal 4 ayat (2)-(3), Pasal 16 ayat (2)-(3)",
    ("planning_reference", "out_of_plan_reason"),
)
def r7(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.is_legacy_import or (a.planning_reference or "").strip() or a.out_of_plan_reason:
        return []
    return [
        Violation(
            "Sebutkan acuan RPJMD/RKPD, atau alasan di luar perencanaan (keadaan darurat, PSN, tugas pembantuan).",
            "Give the RPJMD/RKPD reference, or the out-of-plan ground (emergency, national strategic programme, tugas pembantuan).",
        )
    ]


@rule(
    "R10",
    "BLOCK",
    "Persetujuan DPRD sebelum PKS",
    "DPRD approval before the PKS",
    "PP 28/2018 Pasal 6 ayat (2); Permendagri 22/2020 Pasal 56 ayat (6) (Sinergi)",
    ("burdens_community_and_region", "budgeted_in_current_apbd"),
)
def r10(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    today = ctx.effective_date or date.today()
    parent = ctx.parent
    if (
        a.kind == "PKS"
        and _domestic(ctx)
        and dprd_required(a)
        and not dprd_granted(ctx.dprd, today)
        and not (parent is not None and dprd_granted(ctx.parent_dprd, today))
    ):
        return [
            Violation(
                "PKS ini membebani masyarakat/daerah atau belum dianggarkan: perlu persetujuan DPRD.",
                "This PKS burdens the community/region or is not budgeted: it needs DPRD approval.",
                ("burdens_community_and_region", "budgeted_in_current_apbd"),
            )
        ]
    if (
        a.category == "SINERGI"
        and a.kind in ("NK", "RK")
        and ctx.action == "sign"
        and dprd_required(a)
        and not dprd_granted(ctx.dprd, today)
    ):
        return [
            Violation(
                "Nota Kesepakatan/Rencana Kerja yang membebani masyarakat atau APBD ditandatangani setelah persetujuan DPRD.",
                "An NK/RK that burdens the community or the APBD is signed after DPRD approval.",
                basis="Permendagri 22/2020 Pasal 52 ayat (2), Pasal 56 ayat (6)",
            )
        ]
    if (
        a.kind == "PKS"
        and _domestic(ctx)
        and parent is not None
        and dprd_required(parent)
        and not dprd_granted(ctx.parent_dprd, today)
    ):
        return [
            Violation(
                "KB induk membebani masyarakat/daerah atau belum dianggarkan: PKS menunggu persetujuan DPRD.",
                "The parent KB burdens the community/region or is not budgeted: the PKS waits for DPRD approval.",
                ("parent_id",),
            )
        ]
    if (
        a.kind == "KB"
        and _domestic(ctx)
        and ctx.action == "enter_into_force"
        and dprd_required(a)
        and not dprd_granted(ctx.dprd, today)
    ):
        return [
            Violation(
                "KB ini memerlukan persetujuan DPRD sebelum berlaku.",
                "This KB needs DPRD approval before it comes into force.",
            )
        ]
    return []


@rule(
    "R11",
    "BLOCK",
    "Kerja sama luar negeri selalu dengan persetujuan DPRD",
    "Foreign cooperation always needs DPRD approval",
    "PP 28/2018 Pasal 30 dan 38; Permendagri 25/2020 Pasal 16 ayat (1)",
    (),
)
def r11(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if (
        a.category not in ("KSDPL", "KSDLL")
        or a.kind not in ("NASKAH_LN", "ADENDUM")
        or ctx.action not in ("request_mendagri_consideration", "sign")
    ):
        return []
    if dprd_granted(ctx.dprd, ctx.effective_date or date.today()):
        return []
    return [
        Violation(
            "Kerja sama luar negeri memerlukan persetujuan DPRD.", "Foreign cooperation needs DPRD approval."
        )
    ]


@rule(
    "R15",
    "BLOCK",
    "Studi kelayakan untuk KSDPK",
    "Feasibility study for KSDPK",
    "PP 28/2018 Pasal 17-18; Permendagri 22/2020 Pasal 25-27",
    ("feasibility_study_ref",),
)
def r15(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if (
        a.category != "KSDPK"
        or a.kind != "KB"
        or a.is_legacy_import
        or (a.feasibility_study_ref or "").strip()
    ):
        return []
    return [
        Violation(
            "KSDPK memerlukan studi kelayakan sebelum ditelaah TKKSD.",
            "A KSDPK needs a feasibility study before the TKKSD review.",
        )
    ]


@rule(
    "R21",
    "BLOCK",
    "PKS di bawah KB yang ditandatangani",
    "A PKS under a signed KB",
    "PP 28/2018 Pasal 6 ayat (1) dan (3); Permendagri 22/2020 Pasal 6 dan Pasal 29-36",
    ("parent_id",),
)
def r21(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.kind != "PKS" or not _domestic(ctx) or a.is_legacy_import:
        return []
    if ctx.parent is None or ctx.parent.kind != "KB":
        return [
            Violation(
                "PKS baru memerlukan KB induk yang telah ditandatangani (kecuali impor data lama).",
                "A new PKS needs a signed parent KB (legacy imports excepted).",
            )
        ]
    if ctx.parent.stage not in SIGNED_STAGES:
        return [Violation("KB induk belum ditandatangani.", "The parent KB is not signed yet.")]
    return []


@rule(
    "R22",
    "BLOCK",
    "PKS disusun dan ditandatangani setelah KB",
    "A PKS follows its signed KB",
    "PP 28/2018 Pasal 6 ayat (1) huruf d-g",
    ("parent_id",),
)
def r22(ctx: RuleContext) -> list[Violation]:
    a, parent = ctx.agreement, ctx.parent
    if a.kind != "PKS" or not _domestic(ctx) or a.is_legacy_import or parent is None:
        return []
    if ctx.action in ("start_drafting", "finalise", "sign") and parent.stage not in SIGNED_STAGES:
        return [
            Violation(
                "PKS baru dapat disusun dan ditandatangani setelah KB induknya ditandatangani.",
                "A PKS can be drafted and signed only after its parent KB is signed.",
            )
        ]
    return []


DELEGABLE_KINDS = ("PKS", "ADENDUM")  # P22 Pasal 14 and 36: signing may be delegated with a surat kuasa


@rule(
    "R24",
    "BLOCK",
    "Penandatangan berwenang",
    "Authorised signatory",
    "PP 28/2018 Pasal 2 ayat (2), Pasal 13 ayat (2); Permendagri 22/2020 Pasal 14 dan 36",
    ("parties",),
)
def r24(ctx: RuleContext) -> list[Violation]:
    a, home = ctx.agreement, ctx.home_party
    if home is None:
        return [Violation("Daerah sendiri belum tercatat sebagai pihak.", "The home region is not a party.")]
    if not home.signatory_name.strip() or not home.signatory_title.strip():
        return [
            Violation(
                "Catat nama dan jabatan penandatangan daerah sendiri.",
                "Record the home region's signatory name and title.",
                ("parties.0.signatory_name",),
            )
        ]
    if is_head_of_region(home.signatory_title):
        return []
    if a.kind in DELEGABLE_KINDS:
        has_ref = bool((home.power_of_attorney_ref or "").strip())
        uploaded = "SURAT_KUASA" in ctx.documents.values()
        if has_ref and uploaded:
            return []
        return [
            Violation(
                f"{a.kind} yang ditandatangani pejabat selain kepala daerah memerlukan surat kuasa kepala daerah: "
                "sebutkan nomornya dan unggah dokumennya (jenis SURAT_KUASA).",
                f"A {a.kind} signed by an official other than the head of region needs the head's surat kuasa: "
                "give its reference and upload it (document type SURAT_KUASA).",
                ("parties.0.power_of_attorney_ref", "documents"),
            )
        ]
    return [
        Violation(
            f"{a.kind} ditandatangani kepala daerah (Wali Kota/Bupati, termasuk Plt./Pj.); "
            f"'{home.signatory_title}' bukan jabatan kepala daerah.",
            f"A {a.kind} is signed by the head of region (Wali Kota/Bupati, including Plt./Pj.); "
            f"'{home.signatory_title}' is not that office.",
            ("parties.0.signatory_title",),
        )
    ]


@rule(
    "R25",
    "BLOCK",
    "Klausul wajib PKS KSDPK",
    "Required clauses of a KSDPK PKS",
    "PP 28/2018 Pasal 19 ayat (2)",
    ("clauses",),
)
def r25(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.category != "KSDPK" or a.kind != "PKS":
        return []
    missing = [c for c in KSDPK_CLAUSES if c not in (a.clauses or [])]
    if not missing:
        return []
    return [Violation(f"Klausul yang belum ada: {_id(missing)}.", f"Missing clauses: {', '.join(missing)}.")]


@rule(
    "R26",
    "BLOCK",
    "Muatan minimal PKS",
    "Minimum contents of a PKS",
    "Permendagri 22/2020 Pasal 41",
    ("clauses",),
)
def r26(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.kind != "PKS" or not _domestic(ctx) or a.is_legacy_import:
        return []
    missing = [c for c in PKS_CLAUSES if c not in (a.clauses or [])]
    if not missing:
        return []
    return [
        Violation(
            f"PKS belum memuat: {_id(missing)}.", f"The PKS does not yet contain: {', '.join(missing)}."
        )
    ]


@rule(
    "R27",
    "BLOCK",
    "Kewajiban setiap pihak",
    "Each party's obligations",
    "Permendagri 22/2020 Pasal 41 ayat (1) (KSDD); PP 28/2018 Pasal 19 ayat (2) huruf a (KSDPK)",
    ("obligations",),
)
def r27(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.kind != "PKS" or a.is_legacy_import:
        return []
    with_duty = {o.partner_id for o in ctx.obligations if o.kind == "KEWAJIBAN"}
    lacking = [
        p.partner.name if p.partner else "daerah sendiri" for p in a.parties if p.partner_id not in with_duty
    ]
    if not lacking:
        return []
    return [
        Violation(
            f"Setiap pihak memerlukan sedikitnya satu KEWAJIBAN; belum: {', '.join(lacking)}.",
            f"Each party needs at least one KEWAJIBAN; missing for: {', '.join(lacking)}.",
            basis="PP 28/2018 Pasal 19 ayat (2) huruf a"
            if a.category == "KSDPK"
            else "Permendagri 22/2020 Pasal 41 ayat (1)",
        )
    ]


def amended_term(ctx: RuleContext) -> tuple[str, date | None, date | None]:
    """The term a rule judges: the text's own, or for an ADENDUM its parent's with the amendment applied
    (adenda included: an earlier adendum has already moved the parent's end date)."""
    a, parent = ctx.agreement, ctx.parent
    if a.kind != "ADENDUM":
        return a.kind, a.start_date, a.end_date
    if parent is None:
        return a.kind, None, None
    end = parent.end_date
    raw = (a.amendment or {}).get("end_date")
    if raw:
        try:
            end = date.fromisoformat(str(raw))
        except ValueError:
            end = None
    return parent.kind, parent.start_date, end


def term_limit(kind: str, start: date) -> date | None:
    """The first day past the longest term a text may run: five years for a KB and a foreign text
    (P22 Pasal 9(3), 32(3); P25 Pasal 32), one year for a letter of intent (P25 Pasal 14)."""
    years = {"KB": 5, "NASKAH_LN": 5, "LOI": 1}.get(kind)
    if years is None:
        return None
    try:
        return start.replace(year=start.year + years)
    except ValueError:  # 29 February
        return date(start.year + years, 3, 1)


@rule("R28", "BLOCK", "Jangka waktu", "Term", "integritas data", ("start_date", "end_date"))
def r28(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    _kind, start, end = amended_term(ctx)
    if start and end and end <= start:
        return [
            Violation(
                "Tanggal berakhir harus setelah tanggal mulai"
                + (" naskah induk." if a.kind == "ADENDUM" else "."),
                "The end date must be after the start date"
                + (" of the parent." if a.kind == "ADENDUM" else "."),
                ("amendment.end_date",) if a.kind == "ADENDUM" else ("start_date", "end_date"),
            )
        ]
    if (
        a.kind != "ADENDUM"
        and ctx.action == "sign"
        and (a.start_date is None or (a.kind in ("KB", "NASKAH_LN", "LOI") and a.end_date is None))
    ):
        return [
            Violation(
                "Isi tanggal mulai dan tanggal berakhir sebelum penandatanganan.",
                "Fill in the start and end dates before signing.",
            )
        ]
    return []


@rule(
    "R29",
    "BLOCK",
    "KB paling lama 5 tahun, LoI paling lama 1 tahun",
    "A KB runs at most 5 years, a letter of intent 1 year",
    "Permendagri 22/2020 Pasal 9 ayat (3), Pasal 32 ayat (3); Permendagri 25/2020 Pasal 14, Pasal 32",
    ("end_date",),
)
def r29(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    kind, start, end = amended_term(ctx)
    limit = term_limit(kind, start) if start else None
    if limit is None or end is None or end < limit:
        return []
    fields = ("amendment.end_date",) if a.kind == "ADENDUM" else ("end_date",)
    via = " (dengan adendum ini)" if a.kind == "ADENDUM" else ""
    via_en = " (with this adendum)" if a.kind == "ADENDUM" else ""
    if kind == "LOI":
        return [
            Violation(
                f"Surat minat (LoI) berlaku paling lama 1 tahun{via}.",
                f"A letter of intent is valid for at most 1 year{via_en}.",
                fields,
                basis="Permendagri 25/2020 Pasal 14",
            )
        ]
    return [
        Violation(
            f"Jangka waktu {kind} paling lama 5 tahun{via}; perpanjangan dibuat sebagai kesepakatan baru.",
            f"A {kind} runs at most 5 years{via_en}; an extension is a new agreement.",
            fields,
        )
    ]


@rule(
    "R31",
    "BLOCK",
    "Naskah yang ditandatangani tidak diubah",
    "A signed text is not edited",
    "integritas arsip; perubahan melalui adendum (Permendagri 22/2020 Pasal 15, 37)",
    (),
)
def r31(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if ctx.action != "update" or a.stage not in SIGNED_STAGES:
        return []
    locked = [f for f in ctx.changed_fields if f not in EDITABLE_AFTER_SIGNING]
    if not locked:
        return []
    return [
        Violation(
            f"Naskah sudah ditandatangani; ubah melalui adendum. Kolom terkunci: {', '.join(locked)}.",
            f"The text is signed; change it through an adendum. Locked fields: {', '.join(locked)}.",
            tuple(locked),
        )
    ]


@rule(
    "R39",
    "BLOCK",
    "Alasan berakhir menurut hukum",
    "A lawful reason for ending",
    "PP 28/2018 Pasal 9 ayat (1), Pasal 22",
    ("reason",),
)
def r39(ctx: RuleContext) -> list[Violation]:
    if ctx.action != "end":
        return []
    if ctx.end_reason in (*END_REASONS_ALL, *END_REASONS_KSDPK):
        return []
    return [
        Violation(
            f"Alasan berakhir harus salah satu dari: {', '.join((*END_REASONS_ALL, *END_REASONS_KSDPK))}.",
            f"The ending reason must be one of: {', '.join((*END_REASONS_ALL, *END_REASONS_KSDPK))}.",
        )
    ]


@rule(
    "R40",
    "BLOCK",
    "Putusan pengadilan dan pailit hanya untuk KSDPK",
    "Court decision and bankruptcy only for KSDPK",
    "PP 28/2018 Pasal 22 ayat (2)",
    ("reason",),
)
def r40(ctx: RuleContext) -> list[Violation]:
    if ctx.action != "end" or ctx.end_reason not in END_REASONS_KSDPK or ctx.agreement.category == "KSDPK":
        return []
    return [
        Violation(
            "Putusan pengadilan dan kepailitan mitra hanya mengakhiri kerja sama dengan pihak ketiga.",
            "A court decision or the partner's bankruptcy ends only cooperation with a third party.",
        )
    ]


@rule(
    "R41",
    "BLOCK",
    "Pergantian kepala daerah tidak mengakhiri kerja sama",
    "A change of head of region does not end cooperation",
    "PP 28/2018 Pasal 9 ayat (2)",
    ("reason",),
)
def r41(ctx: RuleContext) -> list[Violation]:
    if ctx.action == "end" and ctx.end_reason == "head_of_region_changed":
        return [
            Violation(
                "Pergantian Wali Kota (termasuk Plt./Pj.) tidak mengakhiri kerja sama.",
                "A change of Wali Kota (including Plt./Pj.) does not end a cooperation.",
            )
        ]
    return []


@rule(
    "R51",
    "BLOCK",
    "KAK lengkap dan telaahan TKKSD",
    "Complete KAK and the TKKSD appraisal",
    "Permendagri 22/2020 Pasal 7 dan 29",
    ("kak",),
)
def r51(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.kind not in ("KB", "NK") or a.is_legacy_import:
        return []
    out = []
    missing = [h for h in KAK_HEADINGS if not (a.kak or {}).get(h, "").strip()]
    if missing:
        out.append(
            Violation(f"KAK belum memuat: {_id(missing)}.", f"The KAK lacks: {', '.join(missing)}.", ("kak",))
        )
    if ctx.action == "send_offer" and not any(
        r.outcome in ("layak", "layak_dengan_perbaikan") for r in ctx.reviews
    ):
        out.append(
            Violation(
                "Penawaran memerlukan telaahan TKKSD yang menyatakan layak.",
                "The offer needs a TKKSD appraisal finding the proposal feasible.",
                ("tkksd_reviews",),
            )
        )
    return out


# What a KSDPK request for DPRD approval attaches besides the signed KB itself (P22 Pasal 34(3)).
KSDPK_DPRD_ATTACHMENTS = (
    ("RANCANGAN_PKS", "rancangan PKS", "draft PKS"),
    ("STUDI_KELAYAKAN", "studi kelayakan", "feasibility study"),
    ("PROFIL_MITRA", "profil badan usaha mitra", "partner's company profile"),
)


@rule(
    "R52",
    "BLOCK",
    "Lampiran permohonan persetujuan DPRD (KSDPK)",
    "Attachments of the DPRD request (KSDPK)",
    "Permendagri 22/2020 Pasal 34 ayat (3)",
    ("document_ids",),
)
def r52(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if ctx.action != "request_dprd" or a.category != "KSDPK":
        return []
    attached = {ctx.documents.get(d) for d in ctx.document_ids}
    out = []
    for doc_type, name_id, name_en in KSDPK_DPRD_ATTACHMENTS:
        if doc_type not in attached:
            out.append(
                Violation(
                    f"Lampirkan {name_id} (dokumen berjenis {doc_type}).",
                    f"Attach the {name_en} (a document of type {doc_type}).",
                    ("document_ids",),
                )
            )
    return out


@rule(
    "R53",
    "BLOCK",
    "Adendum yang menambah beban perlu persetujuan DPRD",
    "A burdening adendum needs DPRD approval",
    "Permendagri 22/2020 Pasal 15 ayat (6), Pasal 37, Pasal 58",
    ("burdens_community_and_region",),
)
def r53(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if (
        a.kind != "ADENDUM"
        or a.category not in ("KSDD", "KSDPK", "SINERGI")
        or not (a.burdens_community_and_region or not a.budgeted_in_current_apbd)
    ):
        return []
    if ctx.action == "sign" and not dprd_granted(ctx.dprd, ctx.effective_date or date.today()):
        return [
            Violation(
                "Adendum ini menambah beban: tanda tangani setelah persetujuan DPRD.",
                "This adendum adds a burden: sign it after DPRD approval.",
            )
        ]
    return []


@rule(
    "R54",
    "WARN",
    "PKS masih berlaku di bawah KB",
    "PKS still in force under the KB",
    "Permendagri 22/2020 Pasal 13 (PKS menjabarkan KB) — praktik",
    ("children",),
)
def r54(ctx: RuleContext) -> list[Violation]:
    if ctx.action != "end" or ctx.agreement.kind != "KB" or ctx.children_in_force == 0:
        return []
    return [
        Violation(
            f"Masih ada {ctx.children_in_force} PKS yang berlaku di bawah KB ini.",
            f"{ctx.children_in_force} PKS still in force under this KB.",
        )
    ]


# --- rules added for legal fidelity (issue 13) ----------------------------------------------------------


def _declared(ctx: RuleContext, key: str) -> bool:
    return bool((ctx.agreement.declarations or {}).get(key))


@rule(
    "R9",
    "BLOCK",
    "Tidak bertentangan dengan kesusilaan, ketertiban umum, kepentingan nasional dan hukum",
    "No conflict with morality, public order, the national interest or the law",
    "PP 28/2018 Pasal 4 ayat (4), Pasal 16 ayat (4)",
    ("declarations.no_conflict",),
)
def r9(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.is_legacy_import or a.kind not in ("KB", "NK", "LOI") or _declared(ctx, "no_conflict"):
        return []
    return [
        Violation(
            "TKKSD menyatakan bahwa objek dan pelaksanaan kerja sama tidak bertentangan dengan kesusilaan, "
            "ketertiban umum, kepentingan nasional dan peraturan perundang-undangan.",
            "The TKKSD declares that the object and its implementation do not conflict with morality, public "
            "order, the national interest or the law.",
        )
    ]


@rule(
    "R13",
    "BLOCK",
    "Keputusan DPRD menolak tercatat",
    "The DPRD's rejection is recorded",
    "Permendagri 22/2020 Pasal 12 dan 34",
    ("dprd_approvals",),
)
def r13(ctx: RuleContext) -> list[Violation]:
    if ctx.action not in ("revise_after_dprd", "end_after_dprd"):
        return []
    if ctx.dprd and ctx.dprd[-1].decision == "rejected":
        return []
    return [
        Violation(
            "Catat dahulu keputusan DPRD yang menolak (tanggal dan nomor keputusan).",
            "Record the DPRD's rejection first (its date and decree number).",
        )
    ]


@rule(
    "R16",
    "BLOCK",
    "Prakarsa pihak ketiga: kesesuaian teknis, kelayakan ekonomi, kemampuan keuangan",
    "Third-party initiative: technical fit, economic feasibility, financial capacity",
    "PP 28/2018 Pasal 18",
    (
        "declarations.technical_fit",
        "declarations.economic_feasibility",
        "declarations.initiator_financial_capacity",
    ),
)
def r16(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.category != "KSDPK" or a.kind != "KB" or not a.initiated_by_partner or a.is_legacy_import:
        return []
    keys = ("technical_fit", "economic_feasibility", "initiator_financial_capacity")
    missing = [k for k in keys if not _declared(ctx, k)]
    if not missing:
        return []
    return [
        Violation(
            "KSDPK atas prakarsa pihak ketiga: nilai kesesuaian dengan rencana induk sektor, kelayakan ekonomi "
            "dan finansial, dan kemampuan keuangan pemrakarsa.",
            "A KSDPK initiated by the third party: assess the fit with the sector master plan, the economic and "
            f"financial feasibility and the initiator's financial capacity (missing: {', '.join(missing)}).",
            tuple(f"declarations.{k}" for k in missing),
        )
    ]


@rule(
    "R19",
    "BLOCK",
    "Telaahan TKKSD sebelum dinyatakan layak",
    "The TKKSD appraisal before 'feasible'",
    "Permendagri 22/2020 Pasal 7 dan 29",
    ("tkksd_reviews",),
)
def r19(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if ctx.action != "approve" or a.is_legacy_import:
        return []
    if any(r.outcome in ("layak", "layak_dengan_perbaikan") for r in ctx.reviews):
        return []
    return [
        Violation(
            "Catat telaahan TKKSD (tanggal rapat, hasil, catatan, berita acara) yang menyatakan layak.",
            "Record the TKKSD appraisal (meeting date, outcome, notes, minutes) finding the proposal feasible.",
        )
    ]


OFFER_BASIS = "Permendagri 22/2020 Pasal 8 ayat (2)-(5), Pasal 28, Pasal 54 ayat (3)-(4)"


@rule(
    "R20",
    "BLOCK",
    "Penawaran: arah dan tenggat jawaban",
    "The offer: its direction and the answer's deadline",
    OFFER_BASIS,
    ("offer_due_date",),
)
def r20(ctx: RuleContext) -> list[Violation]:
    a, when = ctx.agreement, ctx.effective_date or date.today()
    action = ctx.action
    if action == "send_offer" and a.initiated_by_partner:
        return [
            Violation(
                "Penawaran datang dari mitra: catat jawaban atas penawaran mitra, bukan surat penawaran.",
                "The partner made the offer: record the answer to it, not an offer letter.",
                ("initiated_by_partner",),
            )
        ]
    if action == "answer_partner_offer" and not a.initiated_by_partner:
        return [
            Violation(
                "Penawaran ini dikirim oleh daerah: tunggu jawaban mitra.",
                "This offer was sent by the region: wait for the partner's answer.",
                ("initiated_by_partner",),
            )
        ]
    if action == "second_request":
        if a.offer_second_request_date is not None:
            return [Violation("Permintaan kedua sudah dikirim.", "The second request was already sent.")]
        if a.offer_due_date is not None and when <= a.offer_due_date:
            return [
                Violation(
                    f"Permintaan kedua setelah tenggat 30 hari ({a.offer_due_date.isoformat()}) lewat.",
                    f"The second request comes after the 30-day deadline ({a.offer_due_date.isoformat()}).",
                )
            ]
    if action == "report_non_answer":
        if a.nature != "WAJIB":
            return [
                Violation(
                    "Pelaporan kepada Gubernur hanya untuk kerja sama wajib; tolak atau batalkan yang sukarela.",
                    "The report to the Gubernur is for mandatory cooperation only; reject or cancel a voluntary one.",
                    ("nature",),
                )
            ]
        if a.offer_second_request_date is None:
            return [Violation("Kirim dahulu permintaan kedua.", "Send the second request first.")]
        if a.offer_due_date is not None and when <= a.offer_due_date:
            return [
                Violation(
                    f"Laporkan setelah tenggat 15 hari permintaan kedua ({a.offer_due_date.isoformat()}) lewat.",
                    f"Report after the second request's 15-day deadline ({a.offer_due_date.isoformat()}).",
                )
            ]
        if a.offer_non_answer_reported_date is not None:
            return [Violation("Sudah dilaporkan kepada Gubernur.", "Already reported to the Gubernur.")]
    return []


@rule(
    "R30",
    "BLOCK",
    "Sekretariat kerja sama hanya untuk kerja sama wajib yang memenuhi syarat",
    "A cooperation secretariat only for a qualifying mandatory cooperation",
    "PP 28/2018 Pasal 7 ayat (2)",
    ("declarations.cooperation_secretariat",),
)
def r30(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if not _declared(ctx, "cooperation_secretariat"):
        return []
    long_enough = False
    if a.start_date and a.end_date:
        limit = term_limit("KB", a.start_date)
        long_enough = limit is not None and a.end_date >= limit - timedelta(days=1)
    wide = len(ctx.partner_parties) >= 2 or len(a.affairs) > 2
    if a.category == "KSDD" and a.nature == "WAJIB" and long_enough and wide:
        return []
    return [
        Violation(
            "Sekretariat kerja sama hanya untuk kerja sama wajib berjangka 5 tahun dengan lebih dari dua daerah "
            "atau lebih dari dua objek.",
            "A cooperation secretariat is for a mandatory cooperation of 5 years with more than two regions or "
            "more than two objects only.",
        )
    ]


@rule(
    "R33",
    "WARN",
    "Laporan semesteran per kerja sama",
    "A semester report per agreement",
    "Permendagri 22/2020 Pasal 17 dan 39",
    ("periodic_reports",),
    enforced_in="reminders: periodic_report_due (semester reports due and overdue, notified to the lead OPD)",
)
def r33(ctx: RuleContext) -> list[Violation]:
    return []


@rule(
    "R44",
    "BLOCK",
    "Syarat kerja sama luar negeri",
    "Conditions of foreign cooperation",
    "PP 28/2018 Pasal 27",
    (
        "declarations.diplomatic_relations",
        "declarations.no_representative_office",
        "declarations.technology_transfer",
        "declarations.equivalence",
    ),
)
def r44(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.category not in ("KSDPL", "KSDLL") or a.kind not in ("LOI", "NASKAH_LN") or a.is_legacy_import:
        return []
    decl = a.declarations or {}
    missing = [k for k in ("diplomatic_relations", "no_representative_office") if not decl.get(k)]
    if a.category == "KSDPL" and not decl.get("equivalence"):
        missing.append("equivalence")
    if decl.get("technology_transfer") is False:
        missing.append("technology_transfer")
    if not missing:
        return []
    return [
        Violation(
            "Nyatakan: negara mitra mempunyai hubungan diplomatik, tidak ada kantor perwakilan di luar negeri "
            "yang dibiayai APBD, alih teknologi bagi kerja sama iptek, dan (KSDPL) kesetaraan.",
            "Declare: the partner's country has diplomatic relations, no representative office abroad paid from "
            f"the APBD, technology transfer for science cooperation and (KSDPL) equivalence; missing: {', '.join(missing)}.",
            tuple(f"declarations.{k}" for k in missing),
        )
    ]


@rule(
    "R45",
    "BLOCK",
    "Naskah kerja sama luar negeri mengikuti LoI",
    "A foreign cooperation text follows its letter of intent",
    "Permendagri 25/2020 Pasal 9; PP 28/2018 Pasal 28",
    ("parent_id",),
)
def r45(ctx: RuleContext) -> list[Violation]:
    a, parent = ctx.agreement, ctx.parent
    if a.kind != "NASKAH_LN" or a.is_legacy_import:
        return []
    if parent is not None and parent.kind == "LOI" and parent.stage in SIGNED_STAGES:
        return []
    return [
        Violation(
            "Naskah kerja sama luar negeri disusun setelah surat minat (LoI) ditandatangani: pilih LoI sebagai induk.",
            "A foreign cooperation text follows a signed letter of intent: choose the LoI as its parent.",
        )
    ]


@rule(
    "R46",
    "WARN",
    "Laporan kerja sama luar negeri kepada Menteri",
    "Report of foreign cooperation to the Minister",
    "PP 28/2018 Pasal 43",
    ("minister_reported_date",),
)
def r46(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    today = ctx.effective_date or date.today()
    if a.category not in ("KSDPL", "KSDLL") or a.kind != "NASKAH_LN" or a.stage != "in_force":
        return []
    since = a.minister_reported_date or a.signed_date
    if since is None or (today - since).days <= 365:
        return []
    return [
        Violation(
            "Pelaksanaan kerja sama luar negeri dilaporkan kepada Menteri paling sedikit sekali setahun.",
            "Report the implementation of foreign cooperation to the Minister at least once a year.",
        )
    ]


@rule(
    "R49",
    "BLOCK",
    "Akses menurut OPD; provinsi hanya data yang ditandatangani",
    "Access by OPD; the province sees signed data only",
    "PP 28/2018 Pasal 44 (pembinaan dan pengawasan)",
    (),
    enforced_in="core/scope.py and each domain's policy: OPD roles see their OPD's agreements; the province "
    "sees signed texts and shared documents only",
)
def r49(ctx: RuleContext) -> list[Violation]:
    return []


@rule(
    "R55",
    "WARN",
    "Naskah yang ditandatangani diunggah",
    "The signed text is uploaded",
    "penatausahaan naskah (Permendagri 22/2020 Pasal 10 dan 33; Pasal 46 ayat (2))",
    ("documents",),
)
def r55(ctx: RuleContext) -> list[Violation]:
    if ctx.action != "sign" or "SIGNED_TEXT" in ctx.documents.values():
        return []
    return [
        Violation(
            "Naskah yang ditandatangani belum diunggah (dokumen berjenis SIGNED_TEXT).",
            "The signed text is not uploaded yet (a document of type SIGNED_TEXT).",
        )
    ]
