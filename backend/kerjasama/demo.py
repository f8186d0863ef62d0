"""Demo data: Kota Cimahi's real agreements (public news) plus illustrative ones, all flagged is_demo.

Loaded through the same services as the API, so every record has its audit entries.

What the public sources support (news of the signings): the KB with Kab. Bandung Barat (12 Feb 2020),
the KB with Kab. Bandung (25 Oct 2021, Plt Wali Kota Ngatiyana), the 2014 PKS with Kota Bandung, the KB
with Kab. Garut (30 Nov 2023, Pj Wali Kota Dicky Saromi) and the amendment of the Legok Nangka PKS
(27 Oct 2021, Cimahi's quota 200 t/day). Everything else is marked "[Ilustrasi]" in its title:
- the end dates of the real KBs: no source gives them; we assume the five-year maximum (P22 Pasal 9(3));
- the base Legok Nangka PKS (its date, 1 Dec 2019, is assumed) and its tipping-fee payments;
- the PKS under the KBs, the bank bjb KB and PKS, the NK with the Kejaksaan Negeri.
The 2014 PKS predates PP 28/2018: it has no WAJIB/SUKARELA nature (PP 50/2007 knew none).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kerjasama.agreements import service as agreements_service
from kerjasama.agreements.schemas import AgreementCreate
from kerjasama.core.auth import Principal
from kerjasama.core.config import Settings
from kerjasama.models import Agreement, Opd, Partner, UserAccount
from kerjasama.monitoring import demo as monitoring_demo
from kerjasama.obligations import demo as obligations_demo
from kerjasama.partners import service as partners_service
from kerjasama.partners.schemas import ContactIn, PartnerCreate
from kerjasama.reference import service as reference_service
from kerjasama.reference.schemas import OpdCreate
from kerjasama.users import service as users_service
from kerjasama.users.schemas import UserCreate

DEMO_PASSWORD = "cimahi-demo-2026"

OPDS: list[tuple[str, str, str]] = [
    ("DINKES", "Dinas Kesehatan", "Dinkes"),
    ("DISDIK", "Dinas Pendidikan", "Disdik"),
    ("DPUPR", "Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR"),
    ("DISPERKIM", "Dinas Perumahan dan Kawasan Permukiman", "Disperkim"),
    ("DLH", "Dinas Lingkungan Hidup", "DLH"),
    ("DISHUB", "Dinas Perhubungan", "Dishub"),
    ("BPBD", "Badan Penanggulangan Bencana Daerah", "BPBD"),
    ("SATPOLPP", "Satuan Polisi Pamong Praja", "Satpol PP"),
    ("DINSOS", "Dinas Sosial", "Dinsos"),
    ("DISDUKCAPIL", "Dinas Kependudukan dan Pencatatan Sipil", "Disdukcapil"),
    ("DPMPTSP", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP"),
    ("BPKAD", "Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD"),
    ("BAPENDA", "Badan Pendapatan Daerah", "Bapenda"),
    ("BAPPELITBANGDA", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah", "Bappelitbangda"),
    ("PEM", "Bagian Pemerintahan Sekretariat Daerah", "Bag. Pemerintahan"),
    ("EKO", "Bagian Perekonomian Sekretariat Daerah", "Bag. Perekonomian"),
    ("HUKUM", "Bagian Hukum Sekretariat Daerah", "Bag. Hukum"),
]


@dataclass(frozen=True)
class DemoLogin:
    username: str
    role: str
    opd: str | None
    full_name: str


LOGINS: list[DemoLogin] = [
    DemoLogin("admin", "admin", None, "Administrator Sistem"),
    DemoLogin("sekretariat", "secretariat", "PEM", "Staf Bagian Pemerintahan (Sekretariat TKKSD)"),
    DemoLogin("tkksd", "tkksd", None, "Anggota TKKSD"),
    DemoLogin("kadis.dlh", "opd_head", "DLH", "Kepala Dinas Lingkungan Hidup"),
    DemoLogin("operator.dinkes", "opd_operator", "DINKES", "Operator Dinas Kesehatan"),
    DemoLogin("pimpinan", "viewer", None, "Pimpinan / Inspektorat"),
    DemoLogin("biro.otda", "province", None, "Biro Otonomi Daerah Setda Provinsi (pengawasan)"),
]


def is_seeded(session: Session) -> bool:
    return bool(session.scalar(select(func.count()).select_from(UserAccount)))


def existing_logins(session: Session) -> list[DemoLogin]:
    """The demo accounts still present (a real deployment deletes or disables them)."""
    names = {login.username for login in LOGINS}
    active = set(
        session.scalars(
            select(UserAccount.username).where(
                UserAccount.username.in_(names), UserAccount.is_active.is_(True)
            )
        )
    )
    return [login for login in LOGINS if login.username in active]


def seed(session: Session, settings: Settings) -> list[DemoLogin]:
    """Load reference data, OPDs, demo users, partners and agreements. Caller owns the transaction."""
    reference_service.seed_reference(session)
    system = Principal(user_id=None, username="demo-seed", role="admin", opd_id=None, full_name="Demo seed")  # type: ignore[arg-type]
    opd = {}
    for code, name, abbr in OPDS:
        existing = session.scalar(select(Opd).where(Opd.code == code))
        opd[code] = existing or reference_service.create_opd(
            session, system.actor, OpdCreate(code=code, name=name, abbreviation=abbr)
        )
    for login in LOGINS:
        if session.scalar(select(UserAccount).where(UserAccount.username == login.username)) is None:
            users_service.create_user(
                session,
                system.actor,
                UserCreate(
                    username=login.username,
                    password=DEMO_PASSWORD,
                    role=login.role,
                    opd_id=opd[login.opd].id if login.opd else None,
                    full_name=login.full_name,
                ),
            )
    if session.scalar(select(func.count()).select_from(Agreement).where(Agreement.is_demo.is_(True))):
        return LOGINS
    _seed_agreements(session, settings, system, opd)
    _publish(session)
    obligations_demo.seed(session, system)
    monitoring_demo.seed(session, system)
    return LOGINS


# The texts the secretariat has put on the public register (/publik); the others stay internal.
PUBLIC_DEMO = (
    "DEMO/KB/2020/KBB",
    "DEMO/KB/2021/KABBDG",
    "DEMO/KB/2023/GARUT",
    "DEMO/PKS/2019/LEGOKNANGKA",
    "DEMO/ADD/2021/LEGOKNANGKA",
    "DEMO/PKS/2021/RUJUKAN-KBB",
    "DEMO/PKS/2024/CABAI",
    "DEMO/KB/2024/BJB",
    "DEMO/NK/2025/KEJARI",
)


def _publish(session: Session) -> None:
    for agreement in session.scalars(select(Agreement).where(Agreement.number.in_(PUBLIC_DEMO))):
        agreement.public = True
    session.flush()


def _partner(session: Session, system: Principal, data: PartnerCreate) -> Partner:
    if data.region_code:
        found = session.scalar(select(Partner).where(Partner.region_code == data.region_code))
        if found:
            return found
    return partners_service.create(session, system, data, force=True)


def _seed_agreements(session: Session, settings: Settings, system: Principal, opd: dict[str, Opd]) -> None:
    def region(code: str) -> Partner:
        return _partner(session, system, PartnerCreate(type="REGION", region_code=code))

    kbb, kab_bdg, kota_bdg, garut = region("32.17"), region("32.04"), region("32.73"), region("32.05")
    jabar, sumedang = region("32"), region("32.11")
    bjb = _partner(
        session,
        system,
        PartnerCreate(
            type="THIRD_PARTY",
            name="PT Bank Pembangunan Daerah Jawa Barat dan Banten Tbk (bank bjb)",
            third_party_kind="business_entity",
            business_form="bumd",
            contacts=[ContactIn(name="Kantor Cabang Cimahi", title="Pimpinan Cabang")],
        ),
    )
    kejari = _partner(
        session, system, PartnerCreate(type="CENTRAL_GOVERNMENT", name="Kejaksaan Negeri Cimahi")
    )

    wali_kota = "Wali Kota Cimahi"

    def make(**kw: object) -> Agreement:
        kw.setdefault("is_demo", True)
        return agreements_service.create(session, settings, system, AgreementCreate.model_validate(kw))

    def home(name: str, title: str = wali_kota, **extra: object) -> dict[str, object]:
        return {"partner_id": None, "signatory_name": name, "signatory_title": title, **extra}

    def legacy(status: str = "in_force") -> dict[str, object]:
        return {"is_legacy_import": True, "status": status}

    kb_kbb = make(
        kind="KB",
        category="KSDD",
        nature="WAJIB",
        number="DEMO/KB/2020/KBB",
        title="Kesepakatan Bersama Kota Cimahi dan Kabupaten Bandung Barat tentang Kerja Sama Pengembangan Potensi dan Pelayanan Publik [Ilustrasi: tanggal berakhir diasumsikan]",
        object="Pengembangan potensi daerah dan peningkatan pelayanan publik di wilayah perbatasan",
        scope="Pelayanan kesehatan, infrastruktur perbatasan, perhubungan, pariwisata",
        purpose="Meningkatkan kualitas pelayanan publik bagi warga di wilayah perbatasan kedua daerah",
        affair_codes=["1.02", "1.03", "2.15", "3.26"],
        lead_opd_id=opd["PEM"].id,
        parties=[
            home("Ajay M. Priatna"),
            {
                "partner_id": kbb.id,
                "signatory_name": "Aa Umbara Sutisna",
                "signatory_title": "Bupati Bandung Barat",
            },
        ],
        planning_reference="RPJMD Kota Cimahi 2017–2022, misi pelayanan publik",
        signed_date=date(2020, 2, 12),
        start_date=date(2020, 2, 12),
        end_date=date(2025, 2, 11),
        **legacy(),
    )
    kb_kab_bdg = make(
        kind="KB",
        category="KSDD",
        nature="WAJIB",
        number="DEMO/KB/2021/KABBDG",
        title="Kesepakatan Bersama Kota Cimahi dan Kabupaten Bandung tentang Penyelenggaraan Pelayanan Publik dan Pengembangan Potensi Daerah [Ilustrasi: tanggal berakhir diasumsikan]",
        object="Pengelolaan kawasan perbatasan, penanggulangan banjir, pengelolaan sampah dan pariwisata",
        scope="Kawasan perbatasan, banjir, sampah, pariwisata",
        purpose="Sinergi pelayanan publik dan pemanfaatan potensi kedua daerah",
        affair_codes=["1.03", "1.05", "2.11", "3.26"],
        lead_opd_id=opd["PEM"].id,
        related_opd_ids=[opd["DPUPR"].id, opd["DLH"].id],
        parties=[
            home("Ngatiyana", "Plt. Wali Kota Cimahi"),
            {
                "partner_id": kab_bdg.id,
                "signatory_name": "Dadang Supriatna",
                "signatory_title": "Bupati Bandung",
            },
        ],
        planning_reference="RPJMD Kota Cimahi 2017–2022",
        signed_date=date(2021, 10, 25),
        start_date=date(2021, 10, 25),
        end_date=date(2026, 10, 24),
        **legacy(),
    )
    make(
        kind="PKS",
        category="KSDD",
        nature=None,  # signed under PP 50/2007: WAJIB/SUKARELA exist only since PP 28/2018
        number="DEMO/PKS/2014/KOTABDG",
        title="Perjanjian Kerja Sama Kota Cimahi dan Kota Bandung tentang Sinergi Pembangunan",
        object="Sinergi pembangunan wilayah perbatasan, transportasi, pendidikan, kesehatan, sampah dan banjir",
        affair_codes=["1.01", "1.02", "1.03", "2.11", "2.15"],
        lead_opd_id=opd["PEM"].id,
        parties=[home("Atty Suharti"), {"partner_id": kota_bdg.id, "signatory_title": "Wali Kota Bandung"}],
        signed_date=date(2014, 4, 3),
        start_date=date(2014, 4, 3),
        **legacy(),
    )
    kb_garut = make(
        kind="KB",
        category="KSDD",
        nature="SUKARELA",
        number="DEMO/KB/2023/GARUT",
        title="Kesepakatan Bersama Kota Cimahi dan Kabupaten Garut tentang Penyediaan Bahan Pangan Pokok dalam rangka Pengendalian Inflasi [Ilustrasi: tanggal berakhir diasumsikan]",
        object="Pasokan cabai dan bawang merah dari Kabupaten Garut ke Kota Cimahi",
        purpose="Menjaga ketersediaan dan stabilitas harga pangan pokok",
        scope="Cabai, bawang merah",
        affair_codes=["2.09", "3.30"],
        lead_opd_id=opd["EKO"].id,
        parties=[
            home("Dicky Saromi", "Pj. Wali Kota Cimahi"),
            {"partner_id": garut.id, "signatory_title": "Bupati Garut"},
        ],
        planning_reference="RKPD Kota Cimahi 2024: pengendalian inflasi daerah",
        signed_date=date(2023, 11, 30),
        start_date=date(2023, 11, 30),
        end_date=date(2028, 11, 29),
        **legacy(),
    )
    pks_legok = make(
        kind="PKS",
        category="KSDD",
        nature="SUKARELA",
        number="DEMO/PKS/2019/LEGOKNANGKA",
        title="[Ilustrasi] Perjanjian Kerja Sama Pengelolaan Sampah di Tempat Pengolahan dan Pemrosesan Akhir Sampah (TPPAS) Regional Legok Nangka (naskah awal; tanggal diasumsikan)",
        object="Pengolahan sampah regional di TPPAS Legok Nangka",
        affair_codes=["2.11"],
        lead_opd_id=opd["DLH"].id,
        parties=[
            home("", wali_kota),
            *({"partner_id": p.id} for p in (jabar, kota_bdg, kab_bdg, kbb, sumedang, garut)),
        ],
        funding_sources=["apbd", "apbd_provinsi"],
        signed_date=date(2019, 12, 1),
        start_date=date(2019, 12, 1),
        **legacy(),
    )
    make(
        kind="ADENDUM",
        category="KSDD",
        nature="SUKARELA",
        parent_id=pks_legok.id,
        number="DEMO/ADD/2021/LEGOKNANGKA",
        title="Adendum Perjanjian Kerja Sama Pengelolaan Sampah TPPAS Regional Legok Nangka",
        object="Penyesuaian kuota sampah: Kota Cimahi 200 ton/hari",
        affair_codes=["2.11"],
        lead_opd_id=opd["DLH"].id,
        parties=[
            home("Ngatiyana", "Plt. Wali Kota Cimahi"),
            *({"partner_id": p.id} for p in (jabar, kota_bdg, kab_bdg, kbb, sumedang, garut)),
        ],
        funding_sources=["apbd"],
        signed_date=date(2021, 10, 27),
        start_date=date(2021, 10, 27),
        **legacy(),
    )
    # Illustrative texts (not from the news): marked so in the title.
    make(
        kind="PKS",
        category="KSDD",
        nature="WAJIB",
        parent_id=kb_kbb.id,
        number="DEMO/PKS/2021/RUJUKAN-KBB",
        title="[Ilustrasi] PKS Rujukan Pelayanan Kesehatan antara Kota Cimahi dan Kabupaten Bandung Barat",
        object="Rujukan pasien antar fasilitas kesehatan di wilayah perbatasan",
        affair_codes=["1.02"],
        lead_opd_id=opd["DINKES"].id,
        parties=[
            home("", "Kepala Dinas Kesehatan Kota Cimahi", power_of_attorney_ref="800/SK-12/2021"),
            {"partner_id": kbb.id},
        ],
        signed_date=date(2021, 3, 1),
        start_date=date(2021, 3, 1),
        end_date=date(2027, 2, 28),
        **legacy(),
    )
    make(
        kind="PKS",
        category="KSDD",
        nature="WAJIB",
        parent_id=kb_kab_bdg.id,
        number="DEMO/PKS/2022/DRAINASE",
        title="[Ilustrasi] PKS Penanganan Drainase dan Banjir Perbatasan Kota Cimahi – Kabupaten Bandung",
        object="Normalisasi saluran drainase perbatasan",
        affair_codes=["1.03"],
        lead_opd_id=opd["DPUPR"].id,
        related_opd_ids=[opd["BPBD"].id],
        parties=[
            home("", "Kepala DPUPR Kota Cimahi", power_of_attorney_ref="600/SK-3/2022"),
            {"partner_id": kab_bdg.id},
        ],
        funding_sources=["apbd"],
        apbd_value=Decimal("1250000000"),
        signed_date=date(2022, 6, 1),
        start_date=date(2022, 6, 1),
        end_date=date(2027, 1, 31),
        **legacy(),
    )
    make(
        kind="PKS",
        category="KSDD",
        nature="SUKARELA",
        parent_id=kb_garut.id,
        number="DEMO/PKS/2024/CABAI",
        title="[Ilustrasi] PKS Pasokan Cabai Rawit dari Kabupaten Garut",
        object="Pasokan cabai rawit 5 ton per bulan",
        affair_codes=["2.09"],
        lead_opd_id=opd["EKO"].id,
        parties=[
            home("", "Asisten Perekonomian dan Pembangunan", power_of_attorney_ref="500/SK-7/2024"),
            {"partner_id": garut.id},
        ],
        signed_date=date(2024, 1, 15),
        start_date=date(2024, 1, 15),
        end_date=date(2026, 12, 31),
        **legacy(),
    )
    make(
        kind="PKS",
        category="KSDD",
        nature="WAJIB",
        title="[Ilustrasi] PKS Transportasi Perbatasan Kota Cimahi – Kota Bandung",
        object="Integrasi trayek angkutan umum di perbatasan",
        affair_codes=["2.15"],
        lead_opd_id=opd["DISHUB"].id,
        parties=[home(""), {"partner_id": kota_bdg.id}],
    )
    kb_bjb = make(
        kind="KB",
        category="KSDPK",
        number="DEMO/KB/2024/BJB",
        title="[Ilustrasi] Kesepakatan Bersama Pemerintah Daerah Kota Cimahi dan bank bjb tentang Pembayaran Pajak Daerah Non-Tunai",
        object="Layanan pembayaran pajak daerah secara non-tunai",
        affair_codes=["5"],
        lead_opd_id=opd["BAPENDA"].id,
        related_opd_ids=[opd["BPKAD"].id],
        # In May 2024 Cimahi had a Penjabat (Pj) Wali Kota, Dicky Saromi (in office Nov 2023 – Jul 2024 at
        # least, per the news of the Garut KB and of the July 2024 socialisation).
        parties=[
            home("Dicky Saromi", "Pj. Wali Kota Cimahi"),
            {"partner_id": bjb.id, "signatory_title": "Direktur Utama"},
        ],
        signed_date=date(2024, 5, 2),
        start_date=date(2024, 5, 2),
        end_date=date(2029, 5, 1),
        **legacy(),
    )
    make(
        kind="PKS",
        category="KSDPK",
        parent_id=kb_bjb.id,
        number="DEMO/PKS/2024/BJB-QRIS",
        title="[Ilustrasi] PKS Layanan QRIS dan Kanal Elektronik Pembayaran PBB-P2 dan BPHTB",
        object="Kanal pembayaran elektronik pajak daerah",
        affair_codes=["5"],
        lead_opd_id=opd["BAPENDA"].id,
        parties=[
            home("", "Kepala Bapenda Kota Cimahi", power_of_attorney_ref="900/SK-2/2024"),
            {"partner_id": bjb.id},
        ],
        signed_date=date(2024, 6, 3),
        start_date=date(2024, 6, 3),
        end_date=date(2027, 6, 2),
        **legacy(),
    )
    make(
        kind="NK",
        category="SINERGI",
        number="DEMO/NK/2025/KEJARI",
        title="[Ilustrasi] Nota Kesepakatan Pemerintah Kota Cimahi dan Kejaksaan Negeri Cimahi tentang Penanganan Masalah Hukum Bidang Perdata dan Tata Usaha Negara",
        object="Pendampingan hukum, pertimbangan hukum dan tindakan hukum lain",
        affair_codes=["8"],
        lead_opd_id=opd["HUKUM"].id,
        parties=[
            home("Ngatiyana"),
            {"partner_id": kejari.id, "signatory_title": "Kepala Kejaksaan Negeri Cimahi"},
        ],
        signed_date=date(2025, 3, 10),
        start_date=date(2025, 3, 10),
        end_date=date(2028, 3, 9),
        **legacy(),
    )
