const messages = {
  name: "Registri Kerja Sama Daerah",
  short: "Kerja Sama Daerah",
  region: "Pemerintah Kota Cimahi",
  skipToContent: "Lompat ke konten",
};

export default messages;
