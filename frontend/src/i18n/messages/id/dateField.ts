const messages = {
  placeholder: "hh/bb/tttt",
  clear: "Kosongkan tanggal",
  nextMonth: "Bulan berikutnya",
  previousMonth: "Bulan sebelumnya",
  nextYear: "Tahun berikutnya",
  previousYear: "Tahun sebelumnya",
  nextDecade: "Dekade berikutnya",
  previousDecade: "Dekade sebelumnya",
  pickMonth: "Pilih bulan",
  pickYear: "Pilih tahun",
};

export default messages;
