const messages = {
  title: "Masuk",
  subtitle: "Gunakan akun Anda untuk membuka registri kerja sama daerah.",
  username: "Nama pengguna",
  password: "Kata sandi",
  togglePassword: "Tampilkan atau sembunyikan sandi",
  submit: "Masuk",
  invalid: "Nama pengguna atau kata sandi salah.",
  throttled: "Terlalu banyak percobaan masuk. Coba lagi dalam {{seconds}} detik.",
  throttledShort: "Terlalu banyak percobaan masuk. Coba lagi sebentar lagi.",
  expired: "Sesi Anda telah berakhir. Silakan masuk kembali.",
  checking: "Memeriksa sesi…",
};

export default messages;
