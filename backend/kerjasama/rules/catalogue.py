"""The rules catalogue. Each rule is data (id, severity, messages, legal basis, fields) plus one
small check function over a RuleContext that returns the violations it finds.

Severity (docs/domain.md#rules): BLOCK refuses a transition; WARN needs a written justification.
A rule grounded only in practice or inference is WARN.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
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


@dataclass(frozen=True)
class Rule:
    id: str
    severity: Severity
    title_id: str
    title_en: str
    basis: str
    fields: tuple[str, ...]
    check: Callable[[RuleContext], list[Violation]]


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
    rule_id: str, severity: Severity, title_id: str, title_en: str, basis: str, fields: tuple[str, ...] = ()
) -> Callable[[Callable[[RuleContext], list[Violation]]], Callable[[RuleContext], list[Violation]]]:
    def register(fn: Callable[[RuleContext], list[Violation]]) -> Callable[[RuleContext], list[Violation]]:
        RULES[rule_id] = Rule(rule_id, severity, title_id, title_en, basis, fields, fn)
        return fn

    return register


def evaluate(ctx: RuleContext, rule_ids: tuple[str, ...] | None = None) -> list[Finding]:
    findings = []
    for rule_id in rule_ids if rule_ids is not None else tuple(RULES):
        r = RULES[rule_id]
        for v in r.check(ctx):
            findings.append(
                Finding(r.id, r.severity, v.message_id, v.message_en, r.basis, v.fields or r.fields)
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


@rule("R5", "BLOCK", "Pihak ketiga yang sah", "A valid third party", "PP 28/2018 Pasal 14", ("parties",))
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
    "PP 28/2018 Pasal 6 ayat (2)",
    ("burdens_community_and_region", "budgeted_in_current_apbd"),
)
def r10(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    today = ctx.effective_date or date.today()
    parent = ctx.parent
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
    "PP 28/2018 Pasal 30",
    (),
)
def r11(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if (
        a.category not in ("KSDPL", "KSDLL")
        or a.kind != "NASKAH_LN"
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
    "WARN",
    "PKS di bawah KB yang ditandatangani",
    "A PKS under a signed KB",
    "PP 28/2018 Pasal 6 ayat (1) dan (3)",
    ("parent_id",),
)
def r21(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.kind != "PKS" or not _domestic(ctx) or a.is_legacy_import:
        return []
    if ctx.parent is None:
        return [Violation("PKS ini tidak berada di bawah KB.", "This PKS has no parent KB.")]
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


@rule(
    "R24",
    "BLOCK",
    "Penandatangan berwenang",
    "Authorised signatory",
    "PP 28/2018 Pasal 2 ayat (2), Pasal 13 ayat (2)",
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
    if a.kind == "PKS" and (home.power_of_attorney_ref or "").strip():
        return []
    if a.kind == "PKS":
        return [
            Violation(
                "PKS yang ditandatangani kepala perangkat daerah memerlukan surat kuasa kepala daerah.",
                "A PKS signed by an OPD head needs the head of region's surat kuasa.",
                ("parties.0.power_of_attorney_ref",),
            )
        ]
    return [
        Violation(
            f"{a.kind} ditandatangani kepala daerah (Wali Kota/Bupati, termasuk Plt./Pj.).",
            f"A {a.kind} is signed by the head of region (Wali Kota/Bupati, including Plt./Pj.).",
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
    "PP 28/2018 Pasal 19 ayat (2) huruf a",
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
        )
    ]


@rule("R28", "BLOCK", "Jangka waktu", "Term", "integritas data", ("start_date", "end_date"))
def r28(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.start_date and a.end_date and a.end_date <= a.start_date:
        return [
            Violation(
                "Tanggal berakhir harus setelah tanggal mulai.", "The end date must be after the start date."
            )
        ]
    if ctx.action == "sign" and (
        a.start_date is None or (a.kind in ("KB", "NASKAH_LN") and a.end_date is None)
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
    "KB paling lama 5 tahun",
    "A KB runs at most 5 years",
    "Permendagri 22/2020 Pasal 9 ayat (3), Pasal 32 ayat (3); Permendagri 25/2020 Pasal 32",
    ("end_date",),
)
def r29(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if a.kind not in ("KB", "NASKAH_LN", "LOI") or not a.start_date or not a.end_date:
        return []
    try:
        limit = a.start_date.replace(year=a.start_date.year + 5)
    except ValueError:  # 29 February
        limit = date(a.start_date.year + 5, 3, 1)
    if a.end_date < limit:
        return []
    return [
        Violation(
            "Jangka waktu KB paling lama 5 tahun; perpanjangan dibuat sebagai kesepakatan baru.",
            "A KB runs at most 5 years; an extension is a new agreement.",
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
    out = []
    if ctx.child_pks_count == 0:
        out.append(
            Violation(
                "Lampirkan rancangan PKS (buat PKS di bawah KB ini).",
                "Attach the draft PKS (create the PKS under this KB).",
                ("children",),
            )
        )
    if not ctx.document_ids:
        out.append(
            Violation(
                "Lampirkan profil badan usaha mitra.",
                "Attach the partner's company profile.",
                ("document_ids",),
            )
        )
    return out


@rule(
    "R53",
    "BLOCK",
    "Adendum yang menambah beban perlu persetujuan DPRD",
    "A burdening adendum needs DPRD approval",
    "Permendagri 22/2020 Pasal 15 ayat (6), Pasal 37",
    ("burdens_community_and_region",),
)
def r53(ctx: RuleContext) -> list[Violation]:
    a = ctx.agreement
    if (
        a.kind != "ADENDUM"
        or not _domestic(ctx)
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
