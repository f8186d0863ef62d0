"""Indonesian labels of the codes the printed report shows (the JSON keeps the codes)."""

from __future__ import annotations

CATEGORY = {
    "KSDD": "Kerja sama daerah dengan daerah lain (KSDD)",
    "KSDPK": "Kerja sama daerah dengan pihak ketiga (KSDPK)",
    "KSDPL": "Kerja sama daerah dengan pemerintah daerah di luar negeri (KSDPL)",
    "KSDLL": "Kerja sama daerah dengan lembaga di luar negeri (KSDLL)",
    "SINERGI": "Sinergi dengan instansi pemerintah pusat",
}
KIND = {
    "KB": "Kesepakatan Bersama (KB)",
    "PKS": "Perjanjian Kerja Sama (PKS)",
    "NK": "Nota Kesepakatan (NK)",
    "RK": "Rencana Kerja (RK)",
    "LOI": "Pernyataan Kehendak (LoI)",
    "NASKAH_LN": "Naskah Kerja Sama Luar Negeri",
    "ADENDUM": "Adendum",
}
STATUS = {
    "draft": "Draf",
    "in_progress": "Dalam proses",
    "in_force": "Berlaku",
    "ended": "Berakhir",
    "cancelled": "Dibatalkan",
    "rejected": "Ditolak",
}
STAGE = {
    "draft": "Draf",
    "submitted": "Diajukan",
    "tkksd_review": "Telaahan TKKSD",
    "approved_for_offer": "Disetujui untuk penawaran",
    "offer": "Penawaran",
    "drafting": "Penyusunan naskah",
    "ready_to_sign": "Siap ditandatangani",
    "signed": "Ditandatangani",
    "dprd_approval": "Persetujuan DPRD",
    "in_force": "Berlaku",
    "ended": "Berakhir",
    "returned": "Dikembalikan",
    "rejected": "Ditolak",
    "cancelled": "Dibatalkan",
    "dispute": "Sengketa",
}
REPORT_STATUS = {"verified": "Diverifikasi", "reviewed": "Ditelaah TKKSD", "final": "Final"}
RECOMMENDATION = {
    "continue": "Dilanjutkan",
    "expand": "Diperluas",
    "revise": "Direvisi",
    "stop": "Dihentikan",
}
OCCURRENCE_STATUS = {
    "pending": "Belum jatuh tempo",
    "in_progress": "Sedang berjalan",
    "fulfilled": "Terpenuhi",
    "late": "Terlambat",
    "not_fulfilled": "Tidak terpenuhi",
    "suspended_force_majeure": "Ditangguhkan (keadaan kahar)",
}
OBLIGATION_KIND = {"HAK": "Hak", "KEWAJIBAN": "Kewajiban"}
RECIPIENT = {"wali_kota": "Wali Kota", "gubernur": "Gubernur"}
FUNDING = {
    "apbd": "APBD",
    "apbd_provinsi": "APBD Provinsi",
    "apbn": "APBN",
    "partner": "Mitra",
    "third_party": "Pihak ketiga",
    "other": "Lainnya",
}


def label(table: dict[str, str], code: str | None) -> str:
    if code is None:
        return "—"
    return table.get(code, code)
