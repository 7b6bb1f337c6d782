### Balasan kanal SMS (untuk yang tidak memakai aplikasi). Tanpa aksen: GSM-7.
### Usahakan muat dalam 160 karakter setelah diisi; yang lebih panjang dikirim dalam beberapa bagian.

sms-help = ANTRE SMS: JADWAL <kantor> (kuota terdekat), PESAN <kantor> <no/nama> [tgl] (ambil jadwal, mis. PESAN BEKASI 1 08-12), CEK <kode billing> (status), BATAL <kode billing> (batalkan), NILAI <kode billing> <1-5> <komentar> (nilai kunjungan), BANTUAN. Bayar hanya biaya resmi.
# Variables: $command (JADWAL, CEK, BATAL, NILAI or PESAN)
sms-missing-argument = Format: { $command } lalu spasi dan { $command ->
        [JADWAL] nama kantor, mis. JADWAL BEKASI
        [PESAN] kantor, nomor atau nama pemohon, dan bila mau tanggal, mis. PESAN BEKASI 1 08-12
        [NILAI] kode billing dan nilai 1-5, mis. NILAI 820112345678 5 Cepat
       *[other] kode billing, mis. { $command } 820112345678
    }.
# Variables: $query (what was texted)
sms-office-unknown = Kantor "{ $query }" tidak ditemukan. Contoh: JADWAL BEKASI
# Variables: $office (short name), $days (e.g. 08/12 (120), 09/12 (80))
sms-schedule = { $office }, kuota reguler terdekat: { $days }. Ambil jadwal di aplikasi M-Paspor/Antre atau loket.
# Variables: $office
sms-schedule-none = { $office }: belum ada kuota reguler yang dibuka. Coba lagi setelah jadwal rilis kuota.
# Variables: $code, $status (status text), $office, $when (date and time with zone)
sms-check = { $code }: { $status }. { $office }, { $when }.
# Variables: $code, $office, $when
sms-cancelled = { $code } dibatalkan ({ $office }, { $when }). Kuota dikembalikan.
# Variables: $code, $reason (why, a full sentence)
sms-cancel-refused = { $code } tidak dapat dibatalkan: { $reason }
# Variables: $code
sms-booking-unknown = Kode { $code } tidak ditemukan untuk nomor ini. Hanya nomor HP terverifikasi pemilik akun yang dapat cek atau batal.
sms-rate-limited = Terlalu banyak SMS dari nomor ini. Coba lagi dalam 1 jam.

## Setelah kunjungan (issue 11)
# Variables: $office (short name), $code (billing code)
sms-rate-prompt = ANTRE: Bagaimana kunjungan Anda ke { $office }? Balas NILAI { $code } <1-5> <komentar>. Diminta bayar di luar biaya resmi? Laporkan di aplikasi Antre.
# Variables: $office, $rating (1-5)
sms-rated = Terima kasih. Nilai { $rating } untuk { $office } sudah dicatat.
# Variables: $code, $reason (why, a full sentence)
sms-rate-refused = { $code } tidak dapat dinilai: { $reason }

## Pesan jadwal lewat SMS (PESAN)
sms-book-unverified = PESAN hanya dari nomor HP yang sudah diverifikasi di akun Antre. Verifikasi nomor di aplikasi Antre, lalu kirim lagi.
sms-book-no-applicants = Akun ini belum punya pemohon. Tambahkan pemohon di aplikasi Antre, lalu kirim PESAN lagi.
# Variables: $office (the word to text, e.g. BEKASI), $people (e.g. 1 BUDI, 2 SITI)
sms-book-who = Untuk siapa? Balas PESAN { $office } <nomor>: { $people }. Bisa tambah tanggal, mis. PESAN { $office } 1 08-12
# Variables: $name (first name), $office, $when (date and time with zone), $code (billing code), $fee (e.g. Rp350.000), $until (date and time with zone)
sms-booked = ANTRE: { $name } terjadwal di { $office } { $when }. Kode billing { $code }, bayar { $fee } sebelum { $until } atau batal otomatis. Paspor biasa.
# Variables: $name (first name), $reason (why, a full sentence)
sms-book-refused = { $name } belum dapat dijadwalkan: { $reason }
# Variables: $office (short name), $word (the office word to text)
sms-book-full = { $office }: kuota reguler sedang habis. Coba lagi setelah rilis kuota berikutnya (JADWAL { $word }) atau kantor lain.
# Variables: $office (short name), $date (DD/MM), $word (the office word to text)
sms-book-full-day = { $office }: kuota reguler { $date } habis. Kirim PESAN { $word } <nomor> tanpa tanggal untuk hari terdekat, atau JADWAL { $word }.
