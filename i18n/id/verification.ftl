### Pesan kode sekali pakai untuk verifikasi akun dan masuk.

# Judul email yang berisi kode.
verification-code-subject = Kode verifikasi Antre Anda
# Isi SMS atau email. Variabel: $code (kode sekali pakai)
verification-code-message = Kode Antre Anda adalah { $code }. Berlaku 15 menit. Jangan berikan kode ini kepada siapa pun.
