"""The periodic report (Laporan Pelaksanaan Kerja Sama Daerah): semester and annual, previewed live,
finalized into an immutable snapshot, sent to the Wali Kota and the Gubernur."""
