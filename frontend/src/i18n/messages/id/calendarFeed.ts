const messages = {
  title: "Kalender",
  nav: "Kalender saya",
  intro:
    "Berlangganan kalender pribadi (ICS) di aplikasi kalender Anda. Isinya jatuh tempo kewajiban, batas laporan monev, akhir masa berlaku kerja sama dan batas persetujuan DPRD yang boleh Anda lihat.",
  status: "Status URL kalender",
  active: "Aktif",
  inactive: "Belum ada",
  activeSince: "URL kalender aktif sejak {{date}}.",
  none: "Anda belum memiliki URL kalender.",
  create: "Buat URL kalender",
  rotate: "Buat URL baru",
  revoke: "Cabut URL",
  rotateTitle: "Buat URL kalender baru?",
  rotateBody: "URL yang sekarang aktif langsung berhenti bekerja. Aplikasi kalender yang memakainya harus diberi URL baru.",
  rotateConfirm: "Ya, buat URL baru",
  revokeTitle: "Cabut URL kalender?",
  revokeBody: "URL ini langsung berhenti bekerja; aplikasi kalender tidak lagi mendapat jadwal terbaru.",
  revokeConfirm: "Ya, cabut",
  newUrl: "URL kalender baru Anda",
  urlLabel: "URL kalender (ICS)",
  onceWarning: "URL ini hanya ditampilkan sekali. Salin sekarang lalu tempelkan di aplikasi kalender Anda.",
  secretWarning: "Siapa pun yang memiliki URL ini dapat membaca jadwal Anda tanpa masuk. Jangan bagikan; cabut segera bila bocor.",
  copy: "Salin URL",
  copied: "Tersalin",
  howTo:
    "Google Kalender: Setelan → Tambahkan kalender → Dari URL. Outlook: Tambahkan kalender → Berlangganan dari web. Thunderbird: Kalender baru → Di jaringan.",
  revoked: "URL kalender sudah dicabut.",
  changedElsewhere: "Kalender Anda diubah di jendela atau perangkat lain. Status terbaru sudah dimuat; periksa lalu ulangi.",
  alreadyRevoked: "URL kalender sudah dicabut sebelumnya.",
};

export default messages;
