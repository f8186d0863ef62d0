const messages = {
  admin: "Administrator",
  secretariat: "Sekretariat TKKSD",
  tkksd: "Anggota TKKSD",
  opd_head: "Kepala OPD",
  opd_operator: "Operator OPD",
  viewer: "Pimpinan",
  province: "Provinsi",
};

export default messages;
