const messages = {
  notFoundTitle: "Halaman tidak ditemukan",
  notFoundBody: "Alamat ini tidak ada atau di luar lingkup akses Anda.",
  goHome: "Ke beranda",
  forbidden: "Anda tidak berwenang melakukan tindakan ini.",
  generic: "Permintaan tidak dapat diproses.",
  stale: "Data ini sudah diubah orang lain. Muat ulang lalu ulangi perubahan Anda.",
  tooLarge: "Berkas terlalu besar.",
};

export default messages;
