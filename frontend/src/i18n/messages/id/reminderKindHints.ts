const messages = {
  agreement_expiry: "Kerja sama yang berlaku mendekati tanggal berakhirnya.",
  obligation_due: "Kewajiban terjadwal yang belum dipenuhi mendekati tanggal jatuh tempo.",
  obligation_overdue: "Kewajiban yang sudah lewat jatuh tempo dan belum dipenuhi.",
  report_due: "Laporan monitoring dan evaluasi yang belum disampaikan mendekati batas waktunya.",
  report_overdue: "Laporan monitoring dan evaluasi yang belum disampaikan setelah batas waktunya lewat.",
  dprd_deadline: "Permohonan persetujuan DPRD yang belum dijawab mendekati batas waktunya.",
  periodic_report_due: "Laporan Pelaksanaan Kerja Sama Daerah (semester/tahunan) yang belum difinalkan mendekati batas penyampaiannya.",
  offer_answer_due: "Jawaban mitra atas surat penawaran atau permintaan kedua mendekati batas waktunya (30 dan 15 hari kerja; Permendagri 22/2020 Pasal 8).",
};

export default messages;
