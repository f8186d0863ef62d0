const messages = {
  nav: "Hari libur & cuti bersama",
  title: "Hari libur dan cuti bersama",
  intro:
    "Tenggat dalam hari kerja (misalnya 45 hari kerja persetujuan DPRD, 30 hari jawaban penawaran) tidak menghitung Sabtu, Minggu, hari libur nasional, cuti bersama yang ditetapkan SKB 3 Menteri, dan hari libur daerah yang ditambahkan administrator (UU 23/2014 Pasal 1 angka 50).",
  listTitle: "Hari tidak bekerja tahun {{year}}",
  year: "Tahun",
  day: "Tanggal",
  name: "Nama",
  kind: "Jenis",
  source: "Sumber",
  actions: "Tindakan",
  kinds: { national: "Libur nasional", cuti_bersama: "Cuti bersama", regional: "Hari libur daerah" },
  sources: {
    national_calendar: "Kalender nasional (libur nasional dan SKB 3 Menteri tentang cuti bersama)",
    local: "Ditambahkan administrator",
  },
  addTitle: "Tambah hari libur daerah atau cuti bersama",
  add: "Tambahkan",
  added: "{{name}} ditambahkan.",
  remove: "Hapus {{name}}",
};

export default messages;
