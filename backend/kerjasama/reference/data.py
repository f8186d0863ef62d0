"""Seed master data: the 27 regions of Jawa Barat, Cimahi's borders and the affairs (urusan)."""

from __future__ import annotations

JAWA_BARAT: list[tuple[str, str, str]] = [
    ("32", "Provinsi Jawa Barat", "provinsi"),
    ("32.01", "Kabupaten Bogor", "kabupaten"),
    ("32.02", "Kabupaten Sukabumi", "kabupaten"),
    ("32.03", "Kabupaten Cianjur", "kabupaten"),
    ("32.04", "Kabupaten Bandung", "kabupaten"),
    ("32.05", "Kabupaten Garut", "kabupaten"),
    ("32.06", "Kabupaten Tasikmalaya", "kabupaten"),
    ("32.07", "Kabupaten Ciamis", "kabupaten"),
    ("32.08", "Kabupaten Kuningan", "kabupaten"),
    ("32.09", "Kabupaten Cirebon", "kabupaten"),
    ("32.10", "Kabupaten Majalengka", "kabupaten"),
    ("32.11", "Kabupaten Sumedang", "kabupaten"),
    ("32.12", "Kabupaten Indramayu", "kabupaten"),
    ("32.13", "Kabupaten Subang", "kabupaten"),
    ("32.14", "Kabupaten Purwakarta", "kabupaten"),
    ("32.15", "Kabupaten Karawang", "kabupaten"),
    ("32.16", "Kabupaten Bekasi", "kabupaten"),
    ("32.17", "Kabupaten Bandung Barat", "kabupaten"),
    ("32.18", "Kabupaten Pangandaran", "kabupaten"),
    ("32.71", "Kota Bogor", "kota"),
    ("32.72", "Kota Sukabumi", "kota"),
    ("32.73", "Kota Bandung", "kota"),
    ("32.74", "Kota Cirebon", "kota"),
    ("32.75", "Kota Bekasi", "kota"),
    ("32.76", "Kota Depok", "kota"),
    ("32.77", "Kota Cimahi", "kota"),
    ("32.78", "Kota Tasikmalaya", "kota"),
    ("32.79", "Kota Banjar", "kota"),
]

# Land borders of Kota Cimahi (DOMAIN.md §6). Other instances load their own with `kerjasama import-regions`.
BORDERS: list[tuple[str, str]] = [("32.77", "32.04"), ("32.77", "32.17"), ("32.77", "32.73")]

_WPD = "wajib_pelayanan_dasar"
_WNPD = "wajib_non_pelayanan_dasar"
AFFAIRS: list[tuple[str, str, str]] = [
    ("1.01", "Pendidikan", _WPD),
    ("1.02", "Kesehatan", _WPD),
    ("1.03", "Pekerjaan Umum dan Penataan Ruang", _WPD),
    ("1.04", "Perumahan Rakyat dan Kawasan Permukiman", _WPD),
    ("1.05", "Ketenteraman, Ketertiban Umum, dan Pelindungan Masyarakat", _WPD),
    ("1.06", "Sosial", _WPD),
    ("2.07", "Tenaga Kerja", _WNPD),
    ("2.08", "Pemberdayaan Perempuan dan Pelindungan Anak", _WNPD),
    ("2.09", "Pangan", _WNPD),
    ("2.10", "Pertanahan", _WNPD),
    ("2.11", "Lingkungan Hidup", _WNPD),
    ("2.12", "Administrasi Kependudukan dan Pencatatan Sipil", _WNPD),
    ("2.13", "Pemberdayaan Masyarakat dan Desa", _WNPD),
    ("2.14", "Pengendalian Penduduk dan Keluarga Berencana", _WNPD),
    ("2.15", "Perhubungan", _WNPD),
    ("2.16", "Komunikasi dan Informatika", _WNPD),
    ("2.17", "Koperasi, Usaha Kecil, dan Menengah", _WNPD),
    ("2.18", "Penanaman Modal", _WNPD),
    ("2.19", "Kepemudaan dan Olah Raga", _WNPD),
    ("2.20", "Statistik", _WNPD),
    ("2.21", "Persandian", _WNPD),
    ("2.22", "Kebudayaan", _WNPD),
    ("2.23", "Perpustakaan", _WNPD),
    ("2.24", "Kearsipan", _WNPD),
    ("3.25", "Kelautan dan Perikanan", "pilihan"),
    ("3.26", "Pariwisata", "pilihan"),
    ("3.27", "Pertanian", "pilihan"),
    ("3.28", "Kehutanan", "pilihan"),
    ("3.29", "Energi dan Sumber Daya Mineral", "pilihan"),
    ("3.30", "Perdagangan", "pilihan"),
    ("3.31", "Perindustrian", "pilihan"),
    ("3.32", "Transmigrasi", "pilihan"),
    ("4", "Unsur Pendukung (Sekretariat Daerah, Sekretariat DPRD)", "pendukung"),
    ("5", "Unsur Penunjang (perencanaan, keuangan, kepegawaian, penelitian dan pengembangan)", "penunjang"),
    ("6", "Unsur Pengawasan", "pengawasan"),
    ("7", "Unsur Kewilayahan", "kewilayahan"),
    ("8", "Pemerintahan Umum", "pemerintahan_umum"),
]

AFFAIR_GROUPS = (_WPD, _WNPD, "pilihan", "pendukung", "penunjang", "pengawasan", "kewilayahan", "pemerintahan_umum")
