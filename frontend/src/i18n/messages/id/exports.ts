const messages = {
  label: "Unduh daftar sesuai filter:",
  failed: "Unduhan gagal; coba lagi.",
};

export default messages;
