### Teks aplikasi Antre (jendela, baki sistem, slip cetak). Dipakai bersama oleh Rust dan UI.

app-name = Antre
app-loading = Memuat…
app-skip-to-content = Langsung ke isi
app-nav-label = Menu utama
app-nav-find = Cari jadwal
app-nav-bookings = Janji saya
app-nav-applicants = Pemohon
app-nav-settings = Pengaturan
app-offline-banner = Anda sedang luring. Janji dan bukti QR yang tersimpan tetap bisa dibuka; perubahan dikirim saat koneksi kembali.
app-keyring-unavailable = Perangkat ini tidak punya penyimpanan kunci aman, jadi Anda hanya tetap masuk sampai aplikasi ditutup.

## Baki sistem (desktop)

app-tray-open = Buka Antre
app-tray-quit = Keluar (pengingat berhenti)
app-tray-tooltip = Antre: janji temu paspor

## Kesalahan dari aplikasi sendiri

app-error-network = Server tidak dapat dihubungi. Periksa koneksi Anda; tidak ada yang hilang dan Anda bisa mencoba lagi.
app-error-not-signed-in = Silakan masuk terlebih dahulu.
app-error-storage = Aplikasi tidak dapat menyimpan data di perangkat ini. Periksa ruang penyimpanan lalu coba lagi.
app-error-keyring-unavailable = Perangkat ini tidak punya penyimpanan kunci aman. Anda hanya tetap masuk sampai aplikasi ditutup.
app-error-no-cached-data = Belum ada salinan tersimpan. Buka Janji saya sekali saat daring agar salinannya tersimpan di perangkat ini.

## Masuk, daftar, verifikasi

app-auth-login-title = Masuk
app-auth-register-title = Buat akun
app-auth-verify-title = Masukkan kode verifikasi
app-auth-intro = Buat janji temu paspor di kantor imigrasi mana pun, untuk Anda dan hingga empat anggota keluarga.
app-auth-login = Masuk
app-auth-register = Buat akun
app-auth-verify = Verifikasi
app-auth-to-register = Belum punya akun? Buat akun
app-auth-to-login = Sudah punya akun? Masuk
app-auth-have-code = Saya punya kode verifikasi
app-auth-code-sent = Kami mengirim kode 6 angka ke ponsel dan email Anda. Masukkan di bawah ini.
app-auth-verified = Akun Anda sudah terverifikasi. Silakan masuk.
app-auth-free-notice = Pendaftaran antrean gratis. Tidak seorang pun boleh meminta uang untuk nomor antrean.

## Isian formulir

app-field-email = Email
app-field-phone = Nomor ponsel
app-field-phone-hint = Misalnya 081234567890
app-field-password = Kata sandi
app-field-password-hint = Minimal 10 karakter, berisi huruf dan angka atau simbol.
app-field-code = Kode verifikasi
app-field-code-hint = 6 angka
app-field-nik = NIK
app-field-nik-hint = 16 angka, seperti pada e-KTP atau kartu keluarga
app-field-name = Nama lengkap
app-field-name-hint = Persis seperti pada e-KTP
app-field-birth-date = Tanggal lahir
app-field-applicant = Pemohon
app-field-office = Kantor imigrasi
app-field-when = Waktu
app-field-lane = Jalur layanan
app-field-passport = Paspor
app-field-validity = Masa berlaku
app-field-application = Jenis permohonan
app-field-billing-code = Kode billing
app-field-pay-before = Bayar sebelum

## NIK saat diketik
# Variabel: $count (jumlah angka yang sudah diketik), $age (tahun)

app-nik-progress = { $count } dari 16 angka
app-nik-ok = NIK valid.
app-nik-ok-priority = NIK valid. Usia { $age }: orang ini boleh memakai jalur prioritas.

## Pemohon
# Variabel: $max (jumlah pemohon terbanyak per akun), $name, $age

app-applicants-title = Pemohon
app-applicants-intro = Satu akun dapat mendaftarkan paling banyak { $max } orang: Anda sendiri dan keluarga.
app-applicants-empty = Belum ada pemohon. Tambahkan diri Anda terlebih dahulu.
app-applicants-add = Tambah pemohon
app-applicant-added = { $name } sudah ditambahkan.
app-applicant-age = { $age } tahun
app-applicant-priority = Jalur prioritas
app-applicant-needs = Kebutuhan (diperiksa petugas di loket)
app-applicant-married = Sudah menikah (boleh masa berlaku 10 tahun di bawah 17 tahun)
app-applicant-priority-rule = Jalur prioritas untuk lansia 60 tahun ke atas, anak di bawah 5 tahun, ibu hamil, dan penyandang disabilitas.
app-applicant-remove-label = Hapus { $name }

## Mencari jadwal
# Variabel: $count (angka), $km (kilometer bulat), $office (nama kantor)

app-find-title = Cari jadwal
app-find-no-applicants = Tambahkan pemohon terlebih dahulu:
app-find-priority-eligible = Pemohon ini boleh memakai jalur prioritas.
app-find-where = Lokasi
app-find-use-location = Pakai lokasi saya
app-find-locating = Mencari lokasi Anda…
app-find-using-location = Memakai lokasi Anda saat ini.
app-find-location-failed = Lokasi Anda tidak tersedia. Silakan pilih kota.
app-find-or-city = Atau pilih kota
app-find-choose-city = Pilih kota
app-find-need-place = Pakai lokasi Anda atau pilih kota.
app-find-electronic-only = Hanya kantor yang menerbitkan paspor elektronik
app-find-search = Cari
app-find-results = { $count ->
        [one] Satu kantor dengan jadwal kosong
       *[other] { $count } kantor dengan jadwal kosong
    }
app-find-results-order = Tanggal paling awal lebih dulu, lalu yang terdekat.
app-find-distance = { $km } km dari sini
app-find-earliest = Tanggal paling awal
app-find-first-slot = Jam pertama
app-find-see-days = Lihat hari di { $office }
app-find-nothing = Tidak ada jadwal kosong dalam 30 hari ke depan. Coba jalur lain atau wilayah yang lebih luas.
app-places-left = { $count ->
        [one] sisa 1 tempat
       *[other] sisa { $count } tempat
    }

## Kalender kantor dan jam layanan
# Variabel: $zone (label zona waktu), $date (tanggal lengkap)

app-office-intro = Pilih hari, lalu jam
app-office-reschedule-intro = Pilih hari dan jam yang baru
app-office-times-in = jam dalam { $zone }
app-office-calendar = Hari
app-office-legend = Keterangan
app-office-slots-of = Jam pada { $date }
app-office-no-slots = Tidak ada jam tersisa pada hari ini. Silakan pilih hari lain.
app-day-open = buka
app-day-full = penuh
app-slot-current = jadwal Anda sekarang
app-day-closed = tutup
app-day-not-released = belum dibuka

## Pemesanan

app-book-title = Konfirmasi janji temu
app-book-validity-rule = Masa berlaku 10 tahun hanya untuk usia 17 tahun ke atas atau yang sudah menikah.
app-book-payment-rule = Setelah memesan, Anda mendapat kode billing. Bayar dalam 2 jam, atau janji temu batal otomatis.
app-book-confirm = Pesan jam ini
app-book-sending = Memesan…
app-book-done = Sudah dipesan.

## Satu janji temu
# Variabel: $count (angka), $path (lokasi berkas)

app-booking-title = Janji temu
app-booking-pay-warning = Belum dibayar. Bayar biaya resmi dengan kode billing sebelum batas waktu, atau janji temu batal otomatis.
app-booking-proof = Bukti janji temu
# Variables: $amount (rupiah, formatted), $reason (why, one of the app-refund-reason-* texts)
app-booking-refund-due = Pembayaran { $amount } sudah kami terima tetapi tidak dapat dipakai untuk jadwal ini: { $reason } Uang tersebut akan dikembalikan; petugas kantor imigrasi juga melihat catatan ini.
app-refund-reason-unknown-billing-code = kode billing tidak dikenal.
app-refund-reason-wrong-amount = jumlahnya tidak sama dengan biaya resmi.
app-refund-reason-already-paid = jadwal ini sudah dibayar sebelumnya.
app-refund-reason-cancelled = jadwal ini sudah dibatalkan.
app-refund-reason-place-taken = pembayaran datang setelah batas waktu dan kuotanya sudah dipakai orang lain.
app-refund-reason-person-rebooked = pembayaran datang setelah batas waktu dan pemohon sudah memiliki jadwal lain.
app-closures-title = Hari tanpa layanan
# Variables: $date (formatted day), $reason (the office's note)
app-closure-office = { $date }: kantor tutup ({ $reason })
app-closure-office-no-reason = { $date }: kantor tutup
# Variables: $date (formatted day), $reason (the holiday's name)
app-closure-holiday = { $date }: libur, { $reason }
app-booking-qr-label = Kode QR bukti janji temu
app-booking-qr-caption = Tunjukkan kode QR ini kepada petugas.
app-booking-qr-verified = tanda tangan sudah diperiksa
app-booking-qr-after-payment = Bukti QR muncul di sini setelah biaya dibayar.
app-booking-change = Ubah atau batalkan
app-reschedule-rule = Jadwal dapat diubah satu kali, paling lambat sehari sebelumnya.
app-reschedule-left = { $count ->
        [one] Jadwal masih dapat diubah satu kali.
       *[other] Jadwal masih dapat diubah { $count } kali.
    }
app-reschedule-not-possible = Jadwal ini tidak dapat diubah lagi.
app-reschedule-title = Ubah jadwal
app-reschedule-new-time = Jadwal baru
app-reschedule-confirm = Pindah ke jam ini
app-cancel-rule = Janji temu dapat dibatalkan sampai waktunya dimulai. Janji yang dibatalkan tidak dapat dipulihkan.
app-cancel-question = Batalkan janji temu ini?
app-cancel-yes = Ya, batalkan
app-cancel-no = Tidak, simpan
app-action-reschedule = Pindah ke jam lain
app-action-cancel = Batalkan janji temu
app-action-calendar = Tambahkan ke kalender
app-action-print = Cetak slip
app-action-remove = Hapus
app-action-logout = Keluar dari akun
app-saved-to = Disimpan di { $path }

## Janji saya
# Variabel: $time (tanggal dan jam salinan tersimpan), $count (angka)

app-bookings-title = Janji saya
app-bookings-upcoming = Akan datang
app-bookings-past = Sudah lewat
app-bookings-none = Tidak ada.
app-bookings-offline-copy = Luring: ini salinan yang tersimpan pada { $time }.
app-bookings-pending = { $count ->
        [one] Satu pemesanan menunggu dikirim. Pemesanan akan dikirim satu kali saat koneksi kembali.
       *[other] { $count } pemesanan menunggu dikirim. Semuanya akan dikirim satu kali saat koneksi kembali.
    }

## Pengaturan
# Variabel: $email, $url, $version

app-settings-title = Pengaturan
app-settings-language = Bahasa
app-settings-language-system = Sama dengan sistem
app-settings-large-text = Teks besar
app-settings-session = Status masuk
app-settings-keyring-ok = Status masuk Anda disimpan di penyimpanan kunci aman perangkat ini.
app-settings-signed-in-as = Masuk sebagai { $email }
app-settings-server = Server: { $url }
app-settings-version = versi { $version }

## Slip cetak

app-slip-title = Slip janji temu paspor
app-slip-no-proof = Bukti QR ditambahkan setelah biaya dibayar. Cetak ulang slip setelah membayar.
app-slip-footer = Bawa slip ini atau tunjukkan kode QR di aplikasi Antre. Pendaftaran gratis; bayar hanya biaya resmi.
