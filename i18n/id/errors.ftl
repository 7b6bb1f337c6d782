### Pesan galat yang ditampilkan kepada pemohon. Satu pesan untuk setiap kode galat API:
### kode `slot_full` memakai pesan `error-slot-full`. Setiap pesan menjelaskan apa yang terjadi
### dan apa yang dapat dilakukan pemohon selanjutnya.

## Permintaan dan isian formulir

error-invalid-request = Permintaan tidak dapat diproses karena ada data yang kurang atau tidak sesuai. Periksa kembali isian Anda, lalu coba lagi.
error-payload-too-large = Data yang dikirim terlalu besar. Perkecil ukuran data atau berkas, lalu coba lagi.
error-invalid-nik-length = NIK harus terdiri atas 16 angka. Periksa kembali NIK yang tertera pada e-KTP atau Kartu Keluarga.
error-invalid-nik-digits = NIK hanya boleh berisi angka, tanpa huruf, spasi, atau tanda baca. Periksa kembali NIK yang tertera pada e-KTP atau Kartu Keluarga.
error-invalid-nik-province = Dua angka pertama NIK tidak sesuai dengan kode provinsi mana pun. Periksa kembali NIK yang tertera pada e-KTP atau Kartu Keluarga.
error-invalid-nik-birth-date = Bagian tanggal lahir dalam NIK (angka ke-7 sampai ke-12) tidak membentuk tanggal yang sah. Periksa kembali NIK yang tertera pada e-KTP atau Kartu Keluarga.
error-nik-birth-date-mismatch = Tanggal lahir yang Anda isi tidak sesuai dengan tanggal lahir dalam NIK. Samakan keduanya dengan data pada e-KTP atau Kartu Keluarga, lalu coba lagi.
error-invalid-name = Nama tidak valid. Tulis nama lengkap persis seperti yang tertera pada e-KTP atau Kartu Keluarga.
error-invalid-email = Alamat email tidak valid. Periksa kembali penulisannya, misalnya nama@contoh.co.id.
error-invalid-phone = Nomor telepon seluler tidak valid. Gunakan nomor yang aktif, misalnya 081234567890 atau +6281234567890.
error-weak-password = Kata sandi terlalu mudah ditebak. Gunakan kata sandi yang lebih panjang, misalnya gabungan beberapa kata yang hanya Anda ketahui.
error-invalid-date = Tanggal tidak valid. Pilih tanggal melalui kalender yang tersedia.
error-invalid-lane = Jenis layanan antrean tidak dikenali. Pilih layanan reguler, percepatan, atau prioritas.

## Akun dan akses

error-unauthorized = Anda belum masuk atau sesi Anda telah berakhir. Silakan masuk kembali ke akun Anda.
error-forbidden = Anda tidak memiliki akses untuk melakukan tindakan ini. Pastikan Anda masuk dengan akun yang benar.
error-invalid-credentials = Email atau kata sandi salah. Periksa kembali, lalu coba lagi.
error-account-not-verified = Akun Anda belum diverifikasi. Masukkan kode verifikasi yang telah kami kirimkan kepada Anda.
error-invalid-verification-code = Kode verifikasi salah atau sudah tidak berlaku. Masukkan kode terbaru yang kami kirimkan, atau minta kode baru.
error-email-taken = Email ini sudah terdaftar. Silakan masuk dengan email tersebut atau daftar dengan email lain.
error-rate-limited = Terlalu banyak percobaan dalam waktu singkat. Tunggu sekitar satu menit, lalu coba lagi.

## Data pemohon

# Variabel: $max (jumlah pemohon terbanyak untuk satu akun)
error-applicant-limit-reached = Satu akun hanya dapat digunakan untuk paling banyak { $max } pemohon. Daftarkan pemohon lainnya melalui akun terpisah.
error-duplicate-applicant = Pemohon dengan NIK ini sudah terdaftar. Periksa daftar pemohon di akun Anda dan pilih pemohon tersebut.

## Kantor dan jadwal

error-not-found = Data yang Anda cari tidak ditemukan. Mungkin data tersebut sudah dihapus atau tautannya keliru. Kembali ke halaman awal, lalu coba lagi.
error-office-not-found = Kantor imigrasi tidak ditemukan. Pilih kantor dari daftar yang tersedia.
error-slot-not-found = Jadwal yang Anda pilih tidak ditemukan. Muat ulang daftar jadwal, lalu pilih jam lain.
# Variabel: $released_at (hari, tanggal, dan jam pembukaan kuota, sudah diformat)
error-slot-not-released = Kuota untuk tanggal ini belum dibuka. Kuota akan dibuka pada { $released_at }. Silakan kembali pada waktu tersebut.
error-slot-full = Mohon maaf, kuota pada jam ini baru saja habis. Pilih jam lain, tanggal lain, atau kantor imigrasi lain.
error-date-out-of-range = Tanggal tersebut berada di luar rentang yang dapat dipesan. Pilih tanggal yang tersedia pada kalender.
error-nik-has-active-booking = Pemohon dengan NIK ini sudah memiliki jadwal yang masih aktif. Satu orang hanya dapat memiliki satu jadwal; batalkan atau ubah jadwal tersebut terlebih dahulu.
error-lane-not-eligible = Pemohon tidak memenuhi syarat untuk jenis layanan ini. Layanan prioritas hanya untuk lanjut usia (60 tahun ke atas), anak berusia di bawah 5 tahun, penyandang disabilitas, dan ibu hamil. Silakan pilih layanan reguler.
error-service-not-offered = Kantor ini tidak menyediakan layanan yang Anda pilih. Pilih layanan lain atau kantor imigrasi lain.
error-ten-year-not-allowed = Paspor dengan masa berlaku 10 tahun hanya untuk pemohon berusia 17 tahun ke atas atau yang sudah menikah. Silakan pilih paspor dengan masa berlaku 5 tahun.

## Perubahan dan pembatalan jadwal

error-reschedule-limit-reached = Jadwal ini sudah pernah diubah, dan perubahan jadwal hanya dapat dilakukan satu kali. Jika Anda tidak dapat hadir, batalkan jadwal ini lalu buat jadwal baru.
error-reschedule-too-late = Perubahan jadwal hanya dapat dilakukan paling lambat satu hari sebelum tanggal kedatangan (H-1). Silakan datang sesuai jadwal semula.
error-cancel-too-late = Jadwal ini sudah tidak dapat dibatalkan karena waktunya sudah terlalu dekat. Jika Anda tidak dapat hadir, buat jadwal baru setelah tanggal tersebut.
error-booking-not-active = Jadwal ini sudah tidak aktif (dibatalkan, melewati batas pembayaran, atau sudah digunakan). Buat jadwal baru jika Anda masih memerlukannya.

## Pembayaran

error-payment-not-pending = Tidak ada pembayaran yang menunggu untuk jadwal ini. Pembayaran mungkin sudah diterima atau batas waktunya sudah lewat. Periksa status jadwal Anda.
error-idempotency-key-missing = Permintaan tidak dapat diproses karena kendala pada aplikasi. Muat ulang halaman atau perbarui aplikasi, lalu coba lagi.
error-idempotency-key-reused = Permintaan ini sudah pernah dikirim dengan data yang berbeda. Muat ulang halaman, lalu ulangi dari awal.

## Kedatangan di kantor

error-invalid-proof = Bukti jadwal (kode QR) tidak sah atau tidak terbaca. Tunjukkan kode QR dari aplikasi Antre atau bukti jadwal yang dicetak kepada petugas.
error-wrong-office = Jadwal ini untuk kantor imigrasi lain. Silakan datang ke kantor yang tertera pada bukti jadwal Anda.
error-not-today = Jadwal ini bukan untuk hari ini. Silakan datang pada tanggal yang tertera pada bukti jadwal Anda.
error-invalid-signature = Keaslian data ini tidak dapat dipastikan. Jika Anda menunjukkan bukti jadwal, unduh kembali bukti tersebut dari aplikasi Antre.
error-same-slot = Jadwal baru yang Anda pilih sama dengan jadwal Anda sekarang. Silakan pilih tanggal atau jam lain.
error-reschedule-other-office = Perubahan jadwal hanya dapat dilakukan di kantor imigrasi yang sama. Untuk pindah kantor, batalkan jadwal ini lalu buat jadwal baru.
error-reschedule-other-lane = Perubahan jadwal hanya dapat dilakukan di jenis layanan yang sama (reguler, percepatan atau prioritas). Untuk mengganti layanan, batalkan jadwal ini lalu buat jadwal baru.
error-applicant-has-active-booking = Pemohon ini masih memiliki jadwal aktif. Batalkan jadwal tersebut terlebih dahulu, lalu hapus pemohon dari daftar.
error-overloaded = Layanan sedang sangat sibuk. Permintaan Anda belum diproses dan tidak ada yang hilang; silakan coba lagi dalam beberapa detik.
error-day-closed = Kantor imigrasi tidak melayani pada hari ini (lihat alasannya di kalender kantor). Silakan pilih hari lain.
error-counter-payment-not-allowed = Kantor ini tidak menerima pembayaran di loket. Pemohon membayar dengan kode billing di bank, kantor pos atau dompet digital.
error-method-not-allowed = Permintaan ini tidak didukung oleh alamat tersebut. Silakan perbarui aplikasi Antre.
error-unsupported-media-type = Data dikirim dalam format yang tidak dikenali (harus JSON). Silakan perbarui aplikasi Antre.
error-name-characters = Nama hanya boleh berisi huruf Latin (A sampai Z, boleh beraksen), spasi, tanda petik ('), titik, koma dan tanda hubung, persis seperti tertulis di e-KTP. Huruf lebar (full-width) atau huruf dari aksara lain tidak dapat digunakan.
error-invalid-coordinates = Lokasi yang dikirim tidak valid. Silakan pilih kota dari daftar atau izinkan aplikasi membaca lokasi Anda lagi.
error-draw-not-open = Pendaftaran undian untuk rilis kuota ini sedang tidak dibuka (belum mulai atau sudah ditutup saat kuota dirilis). Lihat jadwal undian di aplikasi.
error-draw-not-drawn = Undian ini belum dilakukan. Hasil dan urutannya diumumkan sesaat setelah kuota dirilis.
error-draw-in-progress = Kuota ini sedang diundi. Dalam beberapa detik sisa kuota dapat dipesan; silakan coba lagi sebentar lagi.
error-nik-entered-elsewhere = Orang ini sudah didaftarkan ke undian ini oleh akun lain. Setiap NIK hanya dapat ikut satu kali per undian.
error-invalid-choice = Pilihan ini tidak termasuk kuota yang dirilis pada undian ini (kantor, tanggal atau layanan tidak tersedia). Pilih kantor dan tanggal dari daftar undian.
error-already-waitlisted = Orang ini sudah ada di daftar tunggu. Keluar dari daftar tunggu tersebut terlebih dahulu untuk mendaftar dengan pilihan lain.
error-offer-not-open = Tawaran kuota ini sudah tidak berlaku (waktunya habis, sudah diterima atau ditolak). Anda tetap berada di daftar tunggu jika belum mendapat jadwal.
error-applicant-changes-limit = Akun ini sudah terlalu sering menambah atau menghapus pemohon dalam 30 hari terakhir. Silakan coba lagi nanti, atau hubungi kantor imigrasi jika ada kebutuhan khusus.
# Variables: $until (date, formatted), $reason (lapses or no_show)
error-nik-cooling-down = { $reason ->
        [no_show] Karena tidak hadir pada jadwal sebelumnya
       *[lapses] Karena beberapa kali tidak membayar sebelum batas waktu
    }, NIK ini belum dapat membuat jadwal atau ikut undian sampai { $until }. Aturan ini berlaku sama untuk semua pemohon.
error-account-has-active-booking = Akun ini masih memiliki jadwal aktif. Batalkan jadwal tersebut, atau hapus akun setelah kunjungan Anda.
# Variables: $minutes (whole minutes until attempts are allowed again)
error-too-many-attempts = Terlalu banyak percobaan yang salah untuk email ini. Demi keamanan, silakan coba lagi dalam { $minutes } menit, atau minta kode baru.
error-attendance-not-asked = Kantor ini tidak meminta konfirmasi kehadiran untuk jadwal ini.
error-attendance-too-late = Batas waktu konfirmasi kehadiran sudah lewat.

## Meja layanan kantor dan jemput bola

error-hajj-name-too-short = Untuk paspor haji, nama harus terdiri atas sekurang-kurangnya tiga kata, persis seperti pada e-KTP (misalnya SITI AMINAH BINTI ALI). Nama yang lebih pendek membuat paspor ditangguhkan.
error-invalid-birth-date = Tanggal lahir tidak dapat dibaca atau tidak mungkin. Tulis seperti 17/05/1990 atau 1990-05-17.
error-nik-spreadsheet-number = NIK telah diubah menjadi angka oleh aplikasi lembar kerja (misalnya 3,27501E+15) sehingga angka terakhirnya hilang. Format kolom NIK sebagai Teks, ketik ulang NIK, lalu simpan lagi.
error-invalid-application-kind = Jenis permohonan tidak dikenali. Tulis Baru atau Penggantian (juga diterima: Hilang, Rusak).
error-value-missing = Isian ini wajib diisi.
error-walk-in-not-eligible = Menurut NIK dan tanggal lahirnya, orang ini tidak termasuk kelompok prioritas yang dipilih (lansia 60 tahun ke atas, anak di bawah 5 tahun, ibu hamil, penyandang disabilitas). Ia dapat mengambil jadwal biasa.
error-csv-wrong-encoding = Berkas bukan teks UTF-8. Di Excel simpan sebagai "CSV UTF-8 (Comma delimited)"; di Google Sheets unduh sebagai CSV.
error-csv-empty = Berkas tidak berisi data. Baris pertama berisi judul kolom, lalu satu orang per baris.
error-csv-malformed = Berkas tidak dapat dibaca sebagai CSV. Simpan ulang dari aplikasi lembar kerja sebagai CSV, lalu coba lagi.
# Variables: $column (the canonical header, e.g. tanggal_lahir)
error-csv-missing-column = Daftar tidak memiliki kolom { $column }. Tambahkan kolom itu pada baris judul.
# Variables: $max (a number)
error-csv-too-many-rows = Daftar berisi lebih dari { $max } baris. Bagi menjadi beberapa berkas.
error-not-outreach-officer = Hanya petugas jemput bola (atau kepala kantor) dari kantor ini yang dapat melakukan ini.
error-drive-not-found = Kegiatan jemput bola ini tidak ditemukan.
error-drive-full = Kuota kegiatan jemput bola ini sudah penuh. Tidak ada yang didaftarkan melebihi kuota.
# Variables: $max (a number)
error-officer-limit-reached = Batas harian untuk petugas ini sudah tercapai ({ $max }). Batas ini menjaga agar kegiatan jemput bola tidak disalahgunakan calo; hubungi kepala kantor bila perlu.
error-duplicate-nik-in-list = NIK ini muncul lebih dari sekali dalam daftar.
# Variables: $count (a number)
error-csv-rows-invalid = Daftar tidak diimpor: { $count } baris perlu diperbaiki. Tidak ada yang didaftarkan; perbaiki baris yang ditandai, lalu impor lagi.
error-member-id-reused = Anggota ini sudah dikirim sebelumnya dengan data lain. Tambahkan sebagai anggota baru bila datanya berubah.
# Variables: $office (the office name)
error-proof-other-office = Bukti ini untuk { $office }, bukan untuk kantor ini. Arahkan pemohon ke kantor tersebut.
# Variables: $date (formatted date)
error-proof-other-day = Bukti ini untuk tanggal { $date }, bukan hari ini.
error-proof-other-person = NIK pada e-KTP tidak sesuai dengan bukti ini: bukti ini milik orang lain.
error-proof-revoked = Jadwal pada bukti ini sudah tidak berlaku (dibatalkan, kedaluwarsa, atau tercatat tidak hadir).
error-already-checked-in = Orang ini sudah tercatat hadir dan sudah mendapat nomor antrean.
error-booking-unpaid = Jadwal ini belum dibayar. Pemohon membayar kode billing terlebih dahulu (di loket bila kantor menerimanya).
error-priority-quota-full = Kuota prioritas hari ini sudah habis. Kantor tetap dapat melayani di luar kuota: pilih "layani di luar kuota" dan hal itu akan dicatat.
error-walk-in-exists = Orang ini sudah didaftarkan sebagai pemohon tanpa jadwal hari ini.
error-day-not-open = Hari ini tidak memiliki sesi layanan tersebut yang masih dibuka. Buka hari layanan tambahan terlebih dahulu.
error-event-site-exists = Sudah ada lokasi acara dengan nama dan jam yang sama pada hari itu.
error-not-hajj-drive = Perbandingan dengan daftar Kementerian Agama hanya untuk kegiatan haji.
error-invalid-time-range = Jam tidak valid. Tulis seperti 08:00, dan jam selesai harus setelah jam mulai.
error-invalid-search-area = Area pencarian tidak valid: jarak harus antara 1 dan 250 km dan hanya dipakai untuk pencarian menurut jarak.
error-disruption-end-before-start = Perkiraan selesai harus sesudah waktu mulai.
error-disruption-restored = Layanan sudah dinyatakan pulih; gangguan ini tidak dapat diubah lagi. Umumkan gangguan baru bila perlu.
error-not-stranded = Jadwal ini tidak terdampak penutupan atau gangguan, jadi tidak bisa dipindah secara khusus. Gunakan ubah jadwal biasa.
error-no-place-for-special-reschedule = Belum ada kuota kosong di kantor ini atau kantor terdekat. Jadwal Anda tetap berlaku; coba lagi nanti.
error-rating-out-of-range = Nilai harus berupa angka bulat 1 sampai 5.
error-not-visited = Hanya kunjungan yang sudah terjadi (sudah check-in) yang dapat dinilai atau dilaporkan.
error-text-too-long = Teks terlalu panjang: paling banyak { $max } karakter.
error-already-rated = Kunjungan ini sudah dinilai. Terima kasih.
error-already-reported = Laporan untuk kunjungan ini sudah dikirim. Terima kasih.
error-applicant-identity-locked = NIK dan tanggal lahir pemohon ini tidak bisa diubah selama ia memiliki jadwal aktif, antrean tunggu, atau pendaftaran undian yang belum diundi. Nama dan keterangan lain tetap bisa diubah.

## Gangguan sistem

error-internal = Terjadi gangguan pada sistem kami, bukan karena kesalahan Anda. Silakan coba lagi dalam beberapa menit.
