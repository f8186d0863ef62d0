const messages = {
  agreement_expiry: "Akhir masa berlaku kerja sama",
  obligation_due: "Jatuh tempo kewajiban",
  obligation_overdue: "Kewajiban terlambat",
  report_due: "Batas laporan monev",
  report_overdue: "Laporan monev terlambat",
  dprd_deadline: "Batas persetujuan DPRD",
  periodic_report_due: "Batas laporan pelaksanaan kerja sama",
  offer_answer_due: "Batas jawaban penawaran",
  webhook_disabled: "Webhook dinonaktifkan",
  submission_request: "Permintaan pengajuan draf",
};

export default messages;
