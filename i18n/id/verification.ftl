### Pesan kode sekali pakai untuk verifikasi akun dan masuk.

# Judul email yang berisi kode.
verification-code-subject = Kode verifikasi Antre Anda
# Isi SMS atau email. Variabel: $code (kode sekali pakai)
verification-code-message = Kode Antre Anda adalah { $code }. Berlaku 15 menit. Jangan berikan kode ini kepada siapa pun.
# Teks SMS atau email untuk mengganti kata sandi. Variables: $code (the one-time code)
reset-code-message = Kode Antre untuk mengganti kata sandi Anda adalah { $code }. Berlaku 15 menit. Jika Anda tidak memintanya, abaikan pesan ini dan jangan berikan kode ini kepada siapa pun.
