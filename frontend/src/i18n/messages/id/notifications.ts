const messages = {
  title: "Notifikasi",
  bell: "Notifikasi",
  bellUnread: "Notifikasi, {{count}} belum dibaca",
  latest: "Notifikasi terbaru",
  markAllRead: "Tandai semua dibaca",
  markRead: "Tandai dibaca",
  viewAll: "Lihat semua notifikasi",
  empty: "Belum ada notifikasi.",
  emptyUnread: "Tidak ada notifikasi yang belum dibaca.",
  emptyHint: "Pengingat jatuh tempo kewajiban, batas laporan monev dan akhir masa berlaku kerja sama muncul di sini.",
  unread: "Belum dibaca",
  show: "Tampilkan",
  showAll: "Semua",
  showUnread: "Belum dibaca",
  loadMore: "Muat lebih banyak",
  unreadCount: "Belum dibaca: {{formatted}}",
  shown: "Ditampilkan {{shown}} dari {{total}}",
  markedAll: "Semua notifikasi sudah ditandai dibaca.",
  serverLanguage: "Teks pengingat berbahasa Indonesia; jenisnya tertera pada label.",
};

export default messages;
