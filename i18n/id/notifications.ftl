### Pengingat yang dikirim kepada pemohon (notifikasi aplikasi, email, atau SMS).
### Setiap pengingat memiliki judul (-title) dan isi (-body).

## Batas waktu pembayaran
# Variabel: $amount (jumlah, sudah diformat, misalnya Rp350.000), $billing_code,
# $deadline (jam dan tanggal batas pembayaran, sudah diformat), $office

notification-payment-deadline-title = Segera lakukan pembayaran
notification-payment-deadline-body = Bayar { $amount } dengan kode billing { $billing_code } sebelum { $deadline }. Jika belum dibayar sampai batas waktu tersebut, jadwal Anda di { $office } dibatalkan secara otomatis.

## Malam sebelum jadwal
# Variabel: $name (nama pemohon), $time (jam dan zona waktu), $office

notification-evening-before-title = Besok: janji temu paspor
notification-evening-before-body = Jadwal { $name } besok pukul { $time } di { $office }. Siapkan dokumen asli dan bukti jadwal (kode QR). Bayar hanya biaya resmi; jangan memberikan uang kepada siapa pun.

## Pagi hari pada tanggal jadwal
# Variabel: $name (nama pemohon), $time (jam dan zona waktu), $office

notification-morning-of-title = Hari ini: janji temu paspor
notification-morning-of-body = Hari ini pukul { $time }, { $name } dijadwalkan hadir di { $office }. Datanglah tepat waktu dengan membawa dokumen asli dan bukti jadwal (kode QR).
