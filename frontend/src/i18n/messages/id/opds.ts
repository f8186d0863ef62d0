const messages = {
  title: "Perangkat daerah (OPD)",
  intro: "OPD yang dapat dipilih sebagai pemrakarsa kerja sama dan sebagai unit kerja pengguna. OPD yang dinonaktifkan tetap tercatat pada naskah lama, tetapi tidak dapat dipilih untuk data baru.",
  new: "Tambah OPD",
  search: "Cari kode atau nama",
  code: "Kode",
  name: "Nama",
  abbreviation: "Singkatan",
  status: "Status",
  active: "Aktif",
  inactive: "Nonaktif",
  empty: "Tidak ada OPD yang cocok.",
  editTitle: "Ubah OPD {{name}}",
  createdNotice: "{{name}} ditambahkan.",
  savedNotice: "Perubahan pada {{name}} disimpan.",
  form: {
    create: "Tambah OPD",
    codeHint: "Kode singkat yang unik, mis. DINKES; tidak dapat diubah kemudian.",
    codeFixed: "Kode tidak dapat diubah.",
    codeRule: "Gunakan huruf, angka, titik, garis bawah atau tanda hubung.",
    nameRule: "Minimal 3 karakter.",
    abbreviationHint: "Ditampilkan pada daftar, mis. Dinkes.",
    active: "Aktif",
    activeHint: "OPD nonaktif tidak dapat dipilih untuk kerja sama atau pengguna baru.",
  },
};

export default messages;
