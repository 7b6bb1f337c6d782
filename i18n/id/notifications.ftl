### Pengingat yang dikirim kepada pemohon (notifikasi aplikasi, email, atau SMS).
### Setiap pengingat memiliki judul (-title) dan isi (-body).

## Batas waktu pembayaran
# Variabel: $amount (jumlah, sudah diformat, misalnya Rp350.000), $billing_code,
# $deadline (jam dan tanggal batas pembayaran, sudah diformat), $office

notification-payment-deadline-title = Segera lakukan pembayaran
notification-payment-deadline-body = Bayar { $amount } dengan kode billing { $billing_code } sebelum { $deadline }. Jika belum dibayar sampai batas waktu tersebut, jadwal Anda di { $office } dibatalkan secara otomatis.

## Malam sebelum jadwal
# Variabel: $name (nama pemohon), $time (jam dan zona waktu), $office,
# $move_until (sampai kapan jadwal masih bisa diubah, sudah diformat)

notification-evening-before-title = Besok: jadwal kedatangan paspor
notification-evening-before-body = Jadwal { $name } besok pukul { $time } di { $office }. Siapkan dokumen asli dan bukti jadwal (kode QR). Bayar hanya biaya resmi; jangan memberikan uang kepada siapa pun. Jadwal masih bisa diubah sampai { $move_until }.
# Jadwal yang sudah pernah diubah (tidak bisa diubah lagi). Variabel: $name, $time, $office
notification-evening-before-fixed-body = Jadwal { $name } besok pukul { $time } di { $office }. Siapkan dokumen asli dan bukti jadwal (kode QR). Bayar hanya biaya resmi; jangan memberikan uang kepada siapa pun. Jadwal ini sudah pernah diubah dan tidak bisa diubah lagi; pembatalan masih bisa sampai waktunya dimulai.

## Pagi hari pada tanggal jadwal
# Variabel: $name (nama pemohon), $time (jam dan zona waktu), $office

notification-morning-of-title = Hari ini: jadwal kedatangan paspor
notification-morning-of-body = Hari ini pukul { $time }, { $name } dijadwalkan hadir di { $office }. Datanglah tepat waktu dengan membawa dokumen asli dan bukti jadwal (kode QR).

## Hasil undian kuota (pemeriksaan di latar belakang)
# Variabel: $name (nama pemohon), $when (tanggal dan jam jadwal, sudah diformat), $office,
# $deadline (batas pembayaran, sudah diformat)

notification-draw-placed-title = Anda mendapat kuota
notification-draw-placed-body = { $name } mendapat jadwal { $when } di { $office }. Bayar biaya resmi dalam 2 jam, sebelum { $deadline }, atau kuota diberikan kepada orang berikutnya.

# Variabel: $name, $offices (nama kantor, dipisah koma)

notification-draw-waitlisted-title = Belum dapat kuota kali ini
notification-draw-waitlisted-body = { $name } belum mendapat kuota pada undian ini dan sudah masuk daftar tunggu untuk { $offices }. Kami beri tahu begitu ada kuota yang kosong.

# Variabel: $name

notification-draw-skipped-title = Tidak ikut diundi
notification-draw-skipped-body = Pendaftaran undian { $name } tidak diikutkan karena orang ini sudah punya jadwal aktif atau sedang dalam masa jeda.

## Tawaran kuota dari daftar tunggu
# Variabel: $name, $when (tanggal dan jam jadwal), $office, $until (jam berakhirnya tawaran dengan zona waktu)

notification-waitlist-offer-title = Ada kuota kosong untuk Anda
notification-waitlist-offer-body = Kuota untuk { $name } pada { $when } di { $office } ditahan untuk Anda sampai pukul { $until }: ambil atau lewati di aplikasi Antre.

## Kuota dibuka (pengingat yang dipasang pengguna untuk hari yang kuotanya belum dibuka)
# Variabel: $office, $days (tanggal, sudah diformat)

notification-quota-opens-title = Kuota dibuka sekarang
notification-quota-opens-body = Kuota { $office } untuk { $days } dibuka sekarang. Buka Antre untuk memilih jadwal.
