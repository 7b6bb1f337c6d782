### Teks aplikasi Antre (jendela, baki sistem, slip cetak). Dipakai bersama oleh Rust dan UI.

app-name = Antre
app-loading = Memuat…
app-skip-to-content = Langsung ke isi
app-nav-label = Menu utama
app-nav-find = Cari jadwal
app-nav-bookings = Jadwal saya
app-nav-applicants = Pemohon
app-nav-settings = Pengaturan
app-offline-banner = Tidak ada koneksi internet. Jadwal dan kode QR tersimpan tetap bisa dibuka; pembatalan dan pemesanan disimpan dan dikirim otomatis saat koneksi kembali. Mengubah jadwal, data pemohon, undian dan daftar tunggu menunggu koneksi.
app-queue-waiting = { $count ->
    [one] 1 perubahan menunggu dikirim
   *[other] { $count } perubahan menunggu dikirim
}
app-queue-cancel = Pembatalan jadwal { $name }
app-queue-cancel-unnamed = Pembatalan jadwal
app-queue-booking = Pemesanan jadwal baru
app-queue-refused = Tidak dapat dilakukan: { $what }. { $reason }
app-queue-dismiss = Mengerti
app-keyring-unavailable = Perangkat ini tidak punya penyimpanan kunci aman, jadi Anda hanya tetap masuk sampai aplikasi ditutup.

## Baki sistem (desktop)

app-tray-open = Buka Antre
app-tray-quit = Tutup Antre (pengingat tidak muncul)
app-tray-tooltip = Antre: jadwal kedatangan paspor
## Kesalahan dari aplikasi sendiri

app-error-network = Server tidak dapat dihubungi. Periksa koneksi Anda; tidak ada yang hilang dan Anda bisa mencoba lagi.
app-error-not-signed-in = Silakan masuk terlebih dahulu.
app-error-storage = Aplikasi tidak dapat menyimpan data di perangkat ini. Periksa ruang penyimpanan lalu coba lagi.
app-error-keyring-unavailable = Perangkat ini tidak punya penyimpanan kunci aman. Anda hanya tetap masuk sampai aplikasi ditutup.
app-error-no-cached-data = Belum ada salinan tersimpan. Buka Jadwal saya sekali saat ada koneksi agar salinannya tersimpan di perangkat ini.
app-error-queued-offline = Tidak ada koneksi. Permintaan ini disimpan di perangkat dan dikirim otomatis saat koneksi kembali; hasilnya akan ditampilkan.
app-error-offline-write = Server tidak menjawab, jadi perubahan ini belum tentu terjadi dan tidak disimpan untuk dikirim nanti. Periksa dan coba lagi saat koneksi kembali.
app-error-start-at-login = Antre tidak dapat didaftarkan untuk berjalan saat komputer dinyalakan. Pengingat tetap muncul selama Antre dibuka.

## Masuk, daftar, verifikasi

app-auth-login-title = Masuk
app-auth-register-title = Buat akun
app-auth-verify-title = Masukkan kode verifikasi
app-auth-intro = Ambil jadwal kedatangan paspor di kantor imigrasi mana pun, untuk Anda dan hingga empat anggota keluarga.
app-auth-login = Masuk
app-auth-register = Buat akun
app-auth-verify = Verifikasi
app-auth-to-register = Belum punya akun? Buat akun
app-auth-to-login = Sudah punya akun? Masuk
app-auth-have-code = Saya punya kode verifikasi
app-auth-code-sent = Kami mengirim kode 6 angka ke { $email }, dan kode lain lewat SMS ke nomor ponsel Anda. Masukkan kode dari email di sini; nomor ponsel bisa diverifikasi nanti di halaman Akun.
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
app-applicant-birth-from-nik = Dibaca dari NIK. Periksa kembali, lalu ubah jika tidak sesuai.
app-applicant-remove-question = Hapus { $name } dari daftar pemohon? Riwayat jadwalnya tetap tersimpan.
app-applicant-remove-yes = Ya, hapus
app-applicant-removed = { $name } sudah dihapus.
app-applicant-edit-label = Ubah data { $name }
app-applicant-edit-title = Ubah data { $name }
app-applicant-edit-nik-hint = Ketik ulang NIK lengkap (tersimpan sebagai { $masked }): Antre hanya menyimpan bentuk tersamarnya. Tanggal lahir dibaca lagi dari NIK untuk Anda periksa.
app-applicant-nik-differs = NIK ini berbeda dari yang tersimpan ({ $masked }): menyimpan akan mengganti NIK pemohon ini.
app-applicant-save = Simpan perubahan
app-applicant-edit-cancel = Batal mengubah
app-applicant-updated = Data { $name } sudah diperbarui.
app-action-edit = Ubah

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
        [one] Satu kantor dengan kuota tersedia
       *[other] { $count } kantor dengan kuota tersedia
    }
app-find-results-order = Tanggal paling awal lebih dulu, lalu yang terdekat.
app-find-distance = { $km } km dari lokasi Anda
# Wilayah pencarian. Variabel: $km (radius), $province (nama provinsi), $island (nama kepulauan,
# sudah diterjemahkan)
app-find-area-radius = dalam { $km } km dari lokasi Anda
app-find-area-province = di Provinsi { $province } dan dalam 250 km
app-find-area-island = di { $island } dan dalam 250 km
app-find-area-nationwide = di seluruh Indonesia
# Variabel: $area (salah satu wilayah di atas)
app-find-searched = Wilayah pencarian: { $area }.
app-find-widen = Perluas pencarian: { $area }
app-find-widest = Tidak ada kantor lain di luar wilayah ini.
app-find-nothing-here = Tidak ada jadwal kosong { $area } dalam 30 hari ke depan. Perluas pencarian atau coba jalur lain.
app-find-directions = Rute dari lokasi Anda
app-find-directions-label = Rute dari lokasi Anda ke { $office } (membuka OpenStreetMap)
island-sumatra = Sumatra
island-java = Jawa
island-bali-nusa-tenggara = Bali dan Nusa Tenggara
island-kalimantan = Kalimantan
island-sulawesi = Sulawesi
island-maluku = Maluku
island-papua = Papua
app-find-earliest = Tanggal paling awal
app-find-first-slot = Jam pertama
app-find-see-days = Lihat hari di { $office }
app-places-left = { $count ->
        [one] sisa 1 kuota
       *[other] sisa { $count } kuota
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
app-day-open = tersedia
app-day-full = penuh
app-slot-current = jadwal Anda sekarang
app-day-closed = tutup
app-day-not-released = kuota belum dibuka
app-day-draw = undian
# Variabel: $release (tanggal dan jam kuota dibuka, sudah diformat)
app-day-draw-label = kuota dibuka { $release } · lewat undian
# Hari yang kuotanya belum dibuka. Variabel: $release (tanggal dan jam dalam zona kantor, sudah
# diformat, mis. "Jumat, 27 November 2026, 14.00 WIB")
app-day-opens = kuota dibuka { $release }
app-office-releases = Kuota yang belum dibuka
# Variabel: $first, $last (tanggal), $release (seperti di atas)
app-office-release-days = { $first } sampai { $last }: kuota dibuka { $release }
app-office-release-day = { $first }: kuota dibuka { $release }
app-office-release-remind = Ingatkan saya saat kuota dibuka
app-office-release-reminder-set = Pengingat dipasang untuk { $release }

## Detail kantor
# Variabel: $office (nama kantor)

app-office-details = Alamat dan kontak
app-office-address = Alamat
app-office-address-unknown = Alamat belum terverifikasi. Periksa laman resmi kantor sebelum berangkat.
app-office-hours = Jam layanan
app-office-hours-unknown = Belum terverifikasi.
app-office-phone = Telepon
app-office-phone-unknown = Belum terverifikasi.
app-office-map = Lihat di peta
app-office-map-label = Lihat di peta: { $office } (membuka OpenStreetMap)
app-office-map-city = Titik di peta adalah pusat kota, bukan gedung kantor.

## Pemesanan

app-book-title = Konfirmasi jadwal kedatangan
app-book-validity-rule = Masa berlaku 10 tahun hanya untuk usia 17 tahun ke atas atau yang sudah menikah.
app-book-parents-attend = Pemohon di bawah 17 tahun datang bersama ayah dan ibu. Keduanya membawa dokumen di bawah ini.
app-book-payment-rule = Setelah memesan, Anda mendapat kode billing. Bayar dalam 2 jam, atau jadwal batal otomatis.
app-book-confirm = Pesan jam ini
app-book-sending = Memesan…
app-book-done = Sudah dipesan.

## Satu jadwal kedatangan
# Variabel: $count (angka), $path (lokasi berkas)

app-booking-title = Jadwal kedatangan
app-booking-pay-warning = Belum dibayar. Bayar biaya resmi dengan kode billing sebelum batas waktu, atau jadwal batal otomatis.
app-booking-proof = Bukti jadwal kedatangan
# Variables: $amount (rupiah, formatted), $reason (why, one of the app-refund-reason-* texts)
app-booking-refund-due = Pembayaran { $amount } sudah kami terima tetapi tidak dapat dipakai untuk jadwal ini: { $reason } Uang tersebut akan dikembalikan; petugas kantor imigrasi juga melihat catatan ini.
app-refund-reason-unknown-billing-code = kode billing tidak dikenal.
app-refund-reason-wrong-amount = jumlahnya tidak sama dengan biaya resmi.
app-refund-reason-already-paid = jadwal ini sudah dibayar sebelumnya.
app-refund-reason-cancelled = jadwal ini sudah dibatalkan.
app-refund-reason-place-taken = pembayaran datang setelah batas waktu dan kuotanya sudah dipakai orang lain.
app-refund-reason-person-rebooked = pembayaran datang setelah batas waktu dan pemohon sudah memiliki jadwal lain.
app-refund-reason-not-reconfirmed = jadwal ini dibatalkan karena kehadiran tidak dikonfirmasi sebelum batas waktu.
app-closures-title = Hari tanpa layanan
# Variables: $date (formatted day), $reason (the office's note)
app-closure-office = { $date }: kantor tutup ({ $reason })
app-closure-office-no-reason = { $date }: kantor tutup
# Variables: $date (formatted day), $reason (the holiday's name)
app-closure-holiday = { $date }: libur, { $reason }
app-booking-qr-label = Kode QR bukti jadwal kedatangan
app-booking-qr-caption = Tunjukkan kode QR ini kepada petugas.
app-booking-qr-enlarge = Perbesar kode QR
app-booking-qr-close = Tutup
app-booking-qr-verified = tanda tangan sudah diperiksa
app-booking-qr-after-payment = Bukti QR muncul di sini setelah biaya dibayar.
app-booking-change = Ubah atau batalkan
app-reschedule-rule = Jadwal dapat diubah satu kali, paling lambat sehari sebelumnya.
app-reschedule-left = { $count ->
        [one] Jadwal masih dapat diubah satu kali.
       *[other] Jadwal masih dapat diubah { $count } kali.
    }
app-reschedule-not-possible = Jadwal ini tidak dapat diubah lagi.
app-reschedule-special = Kantor tutup pada hari jadwal Anda. Pindahkan jadwal ke hari lain: ini tidak mengurangi jatah pindah jadwal Anda.
app-reschedule-title = Ubah jadwal
app-reschedule-new-time = Jadwal baru
app-reschedule-confirm = Pindah ke jam ini
app-cancel-rule = Jadwal dapat dibatalkan sampai waktunya dimulai. Jadwal yang dibatalkan tidak dapat dipulihkan.
app-cancel-question = Batalkan jadwal ini?
app-cancel-yes = Ya, batalkan
app-cancel-no = Tidak jadi
app-action-reschedule = Pindah ke jam lain
app-action-cancel = Batalkan jadwal
app-action-calendar = Tambahkan ke kalender
app-action-print = Cetak slip
app-action-remove = Hapus
app-action-logout = Keluar dari akun
app-saved-to = Disimpan di { $path }

## Jadwal saya
# Variabel: $time (tanggal dan jam salinan tersimpan), $count (angka)

app-bookings-title = Jadwal saya
app-bookings-upcoming = Akan datang
app-bookings-past = Riwayat
app-bookings-none = Tidak ada.
app-bookings-my-qr = Tunjukkan kode QR { $name }
app-bookings-offline-copy = Tanpa koneksi: ini salinan yang tersimpan pada { $time }.
app-bookings-pending = { $count ->
        [one] Satu pemesanan menunggu dikirim. Pemesanan akan dikirim satu kali saat koneksi kembali.
       *[other] { $count } pemesanan menunggu dikirim. Semuanya akan dikirim satu kali saat koneksi kembali.
    }

## Pengaturan
# Variabel: $email, $url, $version

app-settings-title = Pengaturan
app-settings-language = Bahasa
app-settings-language-system = Sama dengan sistem
app-settings-text-size = Ukuran teks
app-text-size-normal = Biasa (100%)
app-text-size-large = Besar (125%)
app-text-size-larger = Lebih besar (150%)
app-text-size-largest = Sangat besar (200%)
app-settings-start-at-login = Jalankan Antre saat komputer dinyalakan, agar pengingat jadwal tetap muncul
app-start-at-login-offer = Agar pengingat pembayaran dan jadwal tetap muncul walau Antre belum dibuka, jalankan Antre saat komputer dinyalakan? Anda bisa mengubahnya kapan saja di Pengaturan.
app-start-at-login-yes = Ya, jalankan saat komputer dinyalakan
app-start-at-login-no = Tidak sekarang
app-settings-session = Status masuk
app-settings-keyring-ok = Status masuk Anda disimpan di penyimpanan kunci aman perangkat ini.
app-settings-signed-in-as = Masuk sebagai { $email }
app-settings-server = Server: { $url }
app-settings-version = versi { $version }

## Slip cetak

app-slip-title = Slip jadwal kedatangan paspor
app-slip-no-proof = Bukti QR ditambahkan setelah biaya dibayar. Cetak ulang slip setelah membayar.
app-slip-footer = Bawa slip ini atau tunjukkan kode QR di aplikasi Antre. Pendaftaran gratis; bayar hanya biaya resmi.

## Cara jadwal didapat, konfirmasi kehadiran
# Variabel: $deadline (tanggal dan jam, sudah diformat)

app-field-source = Cara didapat
app-source-direct = Dipesan langsung
app-source-draw = Hasil undian
app-source-waitlist = Dari daftar tunggu
app-source-walk-in = Didaftarkan di loket (prioritas)
app-source-drive = Peserta layanan jemput bola
app-attendance-title = Konfirmasi kehadiran
app-attendance-ask = Kantor ini meminta Anda mengonfirmasi kehadiran sebelum { $deadline }. Tanpa konfirmasi, jadwal dibatalkan dan kuotanya diberikan kepada orang di daftar tunggu.
app-attendance-confirm = Saya akan datang
app-attendance-confirmed = Kehadiran sudah dikonfirmasi. Terima kasih.
app-attendance-late = Batas konfirmasi kehadiran ({ $deadline }) sudah lewat.
app-end-not-reconfirmed = Jadwal ini dibatalkan karena kehadiran tidak dikonfirmasi sebelum batas waktu; kuotanya sudah diberikan kepada orang di daftar tunggu.

## Undian kuota di kalender kantor
# Variabel: $date (tanggal), $release, $opens (tanggal dan jam, sudah diformat), $time (jam dengan zona),
# $entries, $places, $placed (angka), $office (nama kantor)

app-office-draws = Undian berikutnya
app-office-draw-days = { $first } sampai { $last }: kuota dibuka { $release } · lewat undian
app-office-draw-title = Kuota { $date }
app-draw-upcoming = Pendaftaran undian dibuka { $opens } sampai { $release }.
app-draw-accepting = Pendaftaran undian dibuka sampai { $release }; undian pukul { $time }.
app-draw-standing = { $entries } pendaftar untuk { $places } kuota di { $office }.
app-draw-drawing = Undian sedang berjalan (pukul { $time }). Hasilnya muncul dalam beberapa detik.
app-draw-drawn = Sudah diundi: { $placed } dari { $entries } pendaftar mendapat kuota.
app-draw-join = Ikut undian
app-draw-see = Lihat undian

## Hari penuh: daftar tunggu
# Variabel: $date, $from, $to (tanggal), $offices (nama kantor), $name, $ahead (angka)

app-full-title = { $date } sudah penuh
app-full-intro = Kuota jalur ini sudah habis. Masuk daftar tunggu: setiap kuota yang kosong (dibatalkan atau tidak dibayar) ditawarkan kepada orang berikutnya dalam antrean dan ditahan untuknya selama waktu terbatas (biasanya 30 menit). Jika dilewatkan, kuota ditawarkan kepada orang berikutnya.
app-waitlist-join-title = Masuk daftar tunggu
app-waitlist-from = Dari tanggal
app-waitlist-to = Sampai tanggal
app-waitlist-dates-hint = Paling lama 62 hari.
app-waitlist-dates-invalid = Tanggal akhir harus sama dengan atau sesudah tanggal awal, paling lama 62 hari kemudian.
app-waitlist-offices = Kantor: { $offices }
app-waitlist-join = Masuk daftar tunggu
app-waitlist-joining = Mendaftar…
app-waitlist-joined = { $name } sudah di daftar tunggu. { $ahead ->
        [0] Tidak ada orang di depan.
       *[other] { $ahead } orang di depan.
    } Kami beri tahu begitu ada kuota untuk Anda.
app-waitlist-see = Lihat di Jadwal saya

## Halaman undian
# Variabel: $release (tanggal dan jam), $time (jam dengan zona), $name, $position, $entries (angka),
# $when, $deadline (tanggal dan jam), $office, $offices (nama kantor), $n (nomor pilihan)

app-draw-title = Undian kuota
app-draw-release = Kuota dibuka { $release } · lewat undian
app-draw-how-title = Cara kerja undian
app-draw-how = Semua yang mendaftar sebelum { $release } diundi dalam urutan acak, lalu dilayani menurut urutan itu sesuai pilihan masing-masing. Mendaftar lebih cepat atau berulang kali tidak mengubah peluang, dan satu NIK hanya boleh satu pendaftaran. Yang mendapat kuota langsung punya jadwal yang harus dibayar dalam 2 jam; yang lain masuk daftar tunggu untuk kantor pilihannya.
app-draw-mine = Pendaftaran Anda
app-draw-none-yet = Belum ada pemohon dari akun ini yang terdaftar pada undian ini.
app-entry-pending = Terdaftar, menunggu undian
app-entry-placed = Mendapat kuota
app-entry-waitlisted = Masuk daftar tunggu
app-entry-skipped = Tidak ikut diundi
app-entry-position = Urutan undian: ke-{ $position }
app-entry-placed-detail = Jadwal { $when } di { $office }. Bayar sebelum { $deadline }, atau kuota diberikan kepada orang berikutnya.
app-entry-pay = Lihat kode billing dan bayar
app-entry-waitlisted-detail = Belum dapat kuota kali ini. { $name } sudah di daftar tunggu untuk { $offices }; setiap kuota yang kosong ditawarkan menurut urutan.
app-entry-skipped-detail = Pendaftaran ini tidak diikutkan karena orang ini sudah punya jadwal aktif atau sedang dalam masa jeda.
app-entry-change = Ubah pilihan
app-entry-withdraw = Batalkan pendaftaran
app-entry-withdraw-question = Batalkan pendaftaran { $name } pada undian ini?
app-entry-withdraw-yes = Ya, batalkan
app-entry-withdrawn = Pendaftaran dibatalkan.
app-draw-form-title = Daftar undian
app-draw-form-change-title = Ubah pendaftaran
app-choices-title = Pilihan
app-choices-hint = Paling banyak 3, urut dari yang paling diinginkan. Jika pilihan pertama sudah habis saat giliran Anda, pilihan berikutnya yang dicoba.
app-choice-office-day = { $date } di { $office }
app-choice-earliest = Hari paling awal di { $offices }
app-choice-up = Naikkan pilihan { $n }
app-choice-down = Turunkan pilihan { $n }
app-choice-remove = Hapus pilihan { $n }
app-choice-add-title = Tambah pilihan
app-choice-kind = Jenis pilihan
app-choice-kind-day = Hari tertentu di sebuah kantor
app-choice-kind-earliest = Hari paling awal di kantor-kantor ini
app-choice-day = Hari
app-choice-no-days = Kantor ini tidak punya hari pada undian ini untuk jalur ini.
app-choice-offices = Kantor (1 sampai 5)
app-choice-add = Tambahkan pilihan
app-choice-none = Tambahkan setidaknya satu pilihan.
app-choice-full = Sudah 3 pilihan.
app-draw-enter = Ikut undian
app-draw-save = Simpan perubahan
app-draw-sending = Mengirim…
app-draw-entered = { $name } terdaftar pada undian pukul { $time }. Hasilnya kami beri tahu lewat notifikasi.
app-draw-closed = Pendaftaran undian ini sudah ditutup.

## Memeriksa undian
# Variabel: $name, $position, $entries (angka), $url, $file (lokasi berkas), $salt, $id

app-check-title = Cara memeriksa undian
app-check-intro = Sebelum pendaftaran dibuka, kami menerbitkan janji undian (commitment): sidik SHA-256 dari bilangan acak rahasia (seed) yang menentukan urutan. Setelah undian, seed dan seluruh urutan diterbitkan. Urutan hanya berisi sidik setiap pendaftaran, tanpa data pribadi, sehingga siapa pun dapat memeriksa bahwa tidak ada yang dipindahkan.
app-check-commitment = Janji undian (commitment)
app-check-seed = Seed
app-check-digest = Sidik pendaftaran { $name }
app-check-after = Seed dan urutan diterbitkan sesaat setelah undian.
app-check-checked-here = Diperiksa di perangkat ini:
app-check-seed-ok = seed cocok dengan janji undian;
app-check-seen-before = janji undian sama dengan yang dilihat aplikasi ini sebelum undian;
app-check-seen-differs = janji undian BERBEDA dengan yang dilihat aplikasi ini sebelum undian;
app-check-order-ok = urutan yang diterbitkan persis urutan yang dihasilkan seed.
app-check-failed = Pemeriksaan gagal: hasil yang diterbitkan tidak cocok. Simpan hasil ini dan laporkan ke kantor imigrasi.
app-check-mine = Pendaftaran { $name } ada di urutan ke-{ $position } dari { $entries }.
app-check-published = Hasil lengkap diterbitkan di { $url }
app-check-save = Simpan hasil undian (JSON)
app-check-script = Periksa sendiri dengan skrip terbuka: python3 scripts/verify_draw.py { $file } --mine { $salt } { $id }

## Jadwal saya: undian, daftar tunggu, tawaran
# Variabel: $name, $when (tanggal dan jam), $office, $until (jam dengan zona), $minutes, $ahead (angka),
# $release (tanggal dan jam), $offices, $from, $to (tanggal)

app-offers-title = Kuota ditawarkan kepada Anda
app-offer-text = Ada kuota untuk { $name }: { $when } di { $office }.
app-offer-until = Ditahan untuk Anda sampai pukul { $until } ({ $minutes } menit lagi).
app-offer-accept = Ambil kuota ini
app-offer-decline = Lewati
app-offer-accepting = Mengambil…
app-offer-accepted = Kuota diambil. Bayar dalam 2 jam.
app-offer-declined = Kuota dilewatkan dan ditawarkan kepada orang berikutnya. Anda tetap di daftar tunggu.
app-entries-title = Undian
app-entry-release = Undian { $release }
app-waitlist-title = Daftar tunggu
app-waitlist-item = { $offices } · { $from } sampai { $to }
app-waitlist-ahead = { $ahead ->
        [0] Anda berikutnya.
       *[other] { $ahead } orang di depan.
    }
app-waitlist-status-waiting = Menunggu kuota
app-waitlist-status-offered = Kuota ditawarkan
app-waitlist-status-booked = Sudah mendapat jadwal
app-waitlist-status-left = Keluar dari daftar tunggu
app-waitlist-leave = Keluar dari daftar tunggu
app-waitlist-leave-question = Keluar dari daftar tunggu untuk { $name }? Tempat dalam antrean tidak dapat dikembalikan.
app-waitlist-leave-yes = Ya, keluar
app-waitlist-left = Anda keluar dari daftar tunggu.

## Akun: kode baru, lupa kata sandi, perangkat, hapus akun
# Variabel: $os (nama sistem operasi), $email, $phone, $minutes, $time (misalnya 0:42), $count,
# $min, $channel (email atau phone), $device, $when (tanggal dan jam)

app-device-name = Antre di { $os }
app-auth-verify-email-hint = Email yang Anda pakai saat membuat akun
app-auth-forgot-link = Lupa kata sandi?
app-auth-forgot-title = Lupa kata sandi
app-auth-forgot-intro = Masukkan email akun Anda. Kami mengirim kode untuk membuat kata sandi baru.
app-auth-channel = Kirim kode lewat
app-auth-channel-email = Email
app-auth-channel-phone = SMS ke nomor ponsel akun
app-auth-channel-phone-hint = SMS hanya dikirim ke nomor ponsel yang sudah diverifikasi. Jika belum pernah memverifikasinya, pilih email.
app-auth-forgot-send = Kirim kode
app-auth-reset-title = Buat kata sandi baru
app-auth-reset-sent = { $channel ->
        [phone] Jika { $email } terdaftar dan nomor ponselnya sudah diverifikasi, kode sudah dikirim lewat SMS ke nomor itu.
       *[email] Jika { $email } terdaftar, kode sudah dikirim ke alamat email itu.
    } Kode berlaku { $minutes } menit.
app-auth-reset-submit = Simpan kata sandi baru
app-auth-reset-done = Kata sandi sudah diganti dan Anda sudah masuk. Semua perangkat lain sudah dikeluarkan dari akun ini; masuk lagi di sana dengan kata sandi baru.
app-auth-reset-done-sign-in = Kata sandi sudah diganti, dan semua perangkat sudah dikeluarkan dari akun ini. Masuk dengan kata sandi baru.
app-auth-other-channel = Kirim lewat cara lain
app-field-new-password = Kata sandi baru
app-password-rules = Syarat kata sandi
app-password-rule-length = Minimal { $min } karakter (sekarang { $count })
app-password-rule-kinds = Minimal { $min } jenis: huruf kecil, huruf besar, angka, simbol (sekarang { $count })
app-password-rule-met = terpenuhi
app-password-rule-unmet = belum terpenuhi
app-code-resend = Kirim kode baru
app-code-resend-wait = Kode baru bisa diminta lagi dalam { $time }.
app-code-resent = { $channel ->
        [phone] Kode baru sudah dikirim lewat SMS ke nomor ponsel akun.
       *[email] Kode baru sudah dikirim ke { $email }.
    } Kode sebelumnya tidak berlaku lagi; kode baru berlaku { $minutes } menit.
app-action-forgot = Lupa kata sandi?
app-action-enter-code = Masukkan kode verifikasi
app-action-retry = Coba lagi
app-action-sign-in = Masuk
app-action-open-booking = Buka jadwal ini
app-action-open-saved = Buka jadwal tersimpan ({ $count })
app-action-back-to-sign-in = Kembali ke halaman masuk
app-session-ended-rejected = Sesi Anda di perangkat ini sudah berakhir: akun ini dikeluarkan dari perangkat lain, kata sandinya diganti, atau aplikasi tidak dipakai selama 30 hari. Masuk lagi untuk melanjutkan.
app-session-ended-expired = Sesi Anda di perangkat ini sudah berakhir setelah 90 hari. Masuk lagi untuk melanjutkan.
app-session-ended-saved = { $count ->
        [0] Tidak ada jadwal mendatang di salinan yang tersimpan di perangkat ini.
       *[other] Jadwal dan kode QR yang tersimpan di perangkat ini tetap bisa dibuka tanpa masuk.
    }
app-saved-title = Jadwal tersimpan
app-saved-intro = Salinan yang tersimpan di perangkat ini, tanpa perubahan terbaru. Masuk untuk melihat perubahan, membayar, atau mengubah jadwal.
app-saved-empty = Tidak ada jadwal mendatang di salinan tersimpan.
app-nav-account = Akun
app-account-title = Akun
app-account-phone-verified = Nomor ponsel terverifikasi
app-account-phone-unverified = Nomor ponsel belum terverifikasi
app-account-email-verified = Email terverifikasi
app-account-phone-why = Dengan nomor ponsel terverifikasi, kode untuk mengganti kata sandi bisa dikirim lewat SMS.
app-account-phone-verify-title = Verifikasi nomor ponsel
app-account-phone-verify-intro = Masukkan kode 6 angka yang kami kirim lewat SMS ke { $phone }. Belum menerimanya, atau sudah lewat 15 menit? Minta kode baru.
app-account-phone-verify = Verifikasi nomor ponsel
app-account-phone-verified-now = Nomor ponsel Anda sudah terverifikasi.
app-account-settings-link = Perangkat yang masuk, keluar, dan hapus akun ada di halaman Akun.
app-devices-title = Perangkat yang masuk
app-devices-intro = Perangkat yang sedang masuk ke akun ini. Jika ada yang tidak Anda kenal, keluarkan perangkat itu. Jika kata sandi mungkin diketahui orang lain, keluar dari semua perangkat lalu ganti kata sandi lewat “Lupa kata sandi?” di halaman masuk.
app-devices-unnamed = Perangkat tanpa nama
app-devices-current = Perangkat ini
app-devices-last-used = Terakhir dipakai { $when }
app-devices-since = Masuk sejak { $when }
app-devices-sign-out = Keluarkan
app-devices-sign-out-label = Keluarkan { $device }
app-devices-signed-out = { $device } sudah dikeluarkan dari akun ini.
app-devices-everywhere = Keluar dari semua perangkat
app-devices-everywhere-question = Keluar dari semua perangkat, termasuk perangkat ini? Anda perlu masuk lagi di setiap perangkat, dan salinan jadwal di perangkat ini dihapus.
app-devices-everywhere-yes = Ya, keluar dari semua perangkat
app-devices-everywhere-done = Anda sudah keluar dari semua perangkat.
app-dialog-back = Tidak, kembali
app-delete-title = Hapus akun
app-delete-intro = Sesuai UU Pelindungan Data Pribadi, Anda dapat menghapus akun beserta data pribadinya.
app-delete-button = Hapus akun…
app-delete-question = Hapus akun { $email }?
app-delete-deleted-heading = Yang dihapus
app-delete-deleted-account = Email, nomor ponsel, dan kata sandi akun
app-delete-deleted-people = Nama, tanggal lahir, dan NIK semua pemohon di akun ini
app-delete-deleted-sessions = Kode yang pernah dikirim dan semua perangkat yang masuk
app-delete-deleted-fair = Pendaftaran undian yang belum diundi dan tempat di daftar tunggu
app-delete-deleted-device = Salinan jadwal, kode QR, dan pengingat di perangkat ini
app-delete-kept-heading = Yang tetap disimpan
app-delete-kept-bookings = Riwayat jadwal tanpa nama dan tanpa NIK (kantor, tanggal, jalur, status, dan biaya), untuk perhitungan kuota
app-delete-kept-cooldown = Masa tunggu NIK yang sedang berjalan (misalnya setelah tidak hadir), hanya sebagai kode acak, sampai masa itu selesai
app-delete-final = Akun yang dihapus tidak dapat dipulihkan. Untuk memakai Antre lagi, buat akun baru.
app-delete-yes = Ya, hapus akun saya
app-delete-refused = Akun ini belum bisa dihapus karena masih punya jadwal aktif. Batalkan jadwal berikut, atau hapus akun setelah kunjungan Anda:
app-delete-done = Akun Anda sudah dihapus, begitu juga salinannya di perangkat ini.

## Meja layanan kantor (petugas satu kantor)
app-nav-desk = Meja layanan
app-desk-title = Meja layanan kantor
app-desk-date = Hari
app-desk-empty = Tidak ada layanan dan tidak ada yang memesan pada hari ini.
app-desk-roster = Hari ini per jalur dan jam
app-desk-lane-counts = { $taken } dari { $capacity } tempat terisi · { $arrived } sudah datang · { $expected } ditunggu
app-desk-queue-number = Nomor { $number }
app-desk-arrival-expected = Ditunggu
app-desk-arrival-arrived = Sudah datang
app-desk-arrival-unpaid = Belum dibayar
app-desk-arrival-no-show = Tidak datang
app-desk-arrival-ended = Dibatalkan atau kedaluwarsa
app-desk-checkin-title = Kedatangan
app-desk-proof = Kode bukti
app-desk-proof-hint = Pindai kode QR (pemindai mengetiknya di sini) atau ketik kode di bawahnya.
app-desk-nik = NIK pada e-KTP
app-desk-nik-hint = Boleh dikosongkan: ketik untuk memastikan bukti ini milik orang ini. Tidak disimpan.
app-desk-checkin = Catat kedatangan
app-desk-checked-in = { $name } sudah datang: nomor { $number }
app-desk-walkin-title = Pemohon prioritas tanpa pesanan
app-desk-reason = Kelompok prioritas
app-desk-reason-elderly = Usia 60 tahun ke atas
app-desk-reason-child = Anak di bawah 5 tahun
app-desk-reason-pregnant = Ibu hamil
app-desk-reason-disabled = Penyandang disabilitas
app-desk-beyond-quota = Layani melebihi kuota prioritas bila kuota habis (dicatat)
app-desk-walkin = Daftarkan
app-desk-walked-in = { $name } terdaftar: nomor { $number }
app-desk-served-beyond = dilayani melebihi kuota
app-desk-no-show-title = Akhir hari
app-desk-no-show-hint = Menandai pesanan yang sudah dibayar, sesinya sudah selesai, dan orangnya tidak datang.
app-desk-no-show = Tandai yang tidak datang
app-desk-no-show-marked = { $count ->
    [one] Satu pesanan ditandai tidak datang.
   *[other] { $count } pesanan ditandai tidak datang.
}

## Kamera dan lokasi acara di meja layanan
app-desk-camera-start = Pindai dengan kamera
app-desk-camera-stop = Tutup kamera
app-desk-camera-view = Gambar kamera: arahkan kode QR bukti ke kamera
app-desk-camera-looking = Mencari kode QR…
app-desk-camera-failed = Kamera tidak dapat dibuka. Gunakan pemindai atau ketik kode.
app-desk-camera-none = Tidak ada kamera di perangkat ini. Pindai bukti dengan pemindai USB, atau ketik kodenya di kolom di bawah.
app-desk-camera-denied = Akses ke kamera ditolak. Izinkan Antre memakai kamera di pengaturan sistem, atau gunakan pemindai atau ketik kode.
app-desk-camera-busy = Kamera sedang dipakai aplikasi lain. Tutup aplikasi itu lalu coba lagi, atau gunakan pemindai atau ketik kode.
app-event-site-title = Lokasi layanan acara
app-event-site-hint = Tempat di luar kantor (stadion, mal) untuk satu hari dengan kuota sendiri. Dapat dipesan sejak waktu rilis; rilis di masa depan diundi seperti rilis lainnya.
app-event-site-name = Nama tempat
app-event-site-lat = Lintang
app-event-site-lon = Bujur
app-event-site-date = Tanggal
app-event-site-starts = Mulai
app-event-site-ends = Selesai
app-event-site-capacity = Jumlah tempat
app-event-site-release = Waktu rilis (kosongkan: sekarang)
app-event-site-note = Catatan
app-event-site-create = Buka lokasi acara
app-event-site-created = { $name } dibuka: { $capacity } tempat, kode { $code }
app-booking-event-site = Lokasi acara: { $name }

## Layanan jemput bola (petugas jemput bola satu kantor)
app-nav-outreach = Jemput bola
app-outreach-title = Layanan jemput bola
app-drive-kind-community = Masyarakat
app-drive-kind-school = Sekolah
app-drive-kind-company = Perusahaan
app-drive-kind-hajj = Haji (bersama Kementerian Agama)
app-drive-places = { $registered } dari { $capacity } tempat terdaftar
app-drive-new = Kegiatan baru
app-drive-kind = Jenis
app-drive-name = Kelompok
app-drive-place = Tempat
app-drive-lat = Lintang
app-drive-lon = Bujur
app-drive-date = Tanggal
app-drive-starts = Mulai
app-drive-ends = Selesai
app-drive-capacity = Jumlah tempat (milik kegiatan ini, bukan kuota kantor)
app-drive-leader = Ketua kelompok
app-drive-leader-phone = Nomor HP ketua
app-drive-create = Buat kegiatan
app-drive-code = kode { $code }
app-drive-leader-line = Kontak: { $name }, { $phone }
app-member-add-title = Tambah peserta
app-member-kind = Permohonan
app-member-add = Tambah peserta
app-member-sent = { $count } terdaftar.
app-member-registered = Terdaftar
app-member-duplicate-nik = NIK ini sudah punya jadwal aktif
app-member-invalid = Tidak valid
app-member-drive-full = Tempat di kegiatan ini sudah habis
app-member-limit-reached = Batas pendaftaran harian Anda sudah tercapai
app-import-title = Impor daftar dari ketua kelompok
app-import-file = Berkas CSV
app-import-hint = Kolom: nama, tanggal_lahir, nik, dan boleh juga jenis (baru/penggantian) serta telepon. Tidak ada yang didaftarkan bila ada baris yang salah.
app-import-done = { $count } peserta terdaftar dari daftar.
app-list-row = Baris { $row }
app-export-title = Ekspor
app-export-members = Simpan daftar peserta sebagai CSV
app-export-done = Tersimpan di { $path }
app-hajj-title = Bandingkan dengan daftar Kementerian Agama
app-hajj-file = Berkas CSV dari Kemenag (nama, tanggal_lahir, nomor_porsi)
app-hajj-summary = { $matched } dari { $members } peserta cocok; daftar Kemenag berisi { $pilgrims } jemaah.
app-hajj-name-differs = Ejaan nama berbeda
app-hajj-birth-differs = Tanggal lahir berbeda
app-hajj-not-on-list = Tidak ada di daftar Kemenag
app-hajj-not-in-drive = Ada di daftar Kemenag tetapi bukan peserta
app-members-title = Peserta ({ $count })

## Jemput bola tanpa sinyal: peserta dicatat di perangkat ini, dikirim saat koneksi kembali;
## daftar hadir dan slip cetak (issue 10).
app-capture-title = Peserta yang dicatat di perangkat ini
app-capture-counts = { $captured } dicatat · { $pending } menunggu dikirim · { $sent } terkirim
app-capture-offline = Tidak ada koneksi: peserta disimpan dengan aman (terenkripsi) di perangkat ini dan dikirim otomatis saat koneksi kembali.
app-capture-pending = Menunggu dikirim
app-capture-on-device = Diperiksa di perangkat ini
app-capture-send = Kirim sekarang
app-capture-discard = Hapus
app-capture-refused = Server menolak peserta ini: { $message }
app-capture-kept = Tersimpan di perangkat ini.
app-print-title = Cetak
app-print-roster = Simpan daftar peserta (PDF)
app-print-slips = Simpan slip untuk setiap peserta (PDF)
app-roster-title = Daftar peserta kegiatan
app-roster-place = Tempat
app-roster-code = Kode kegiatan
app-roster-count-label = Peserta
app-roster-line = NIK { $nik } · terdaftar { $registered } · kode bayar { $code } · { $status }
app-roster-empty = Belum ada peserta terdaftar.
app-error-sealed-key-missing = Kunci data peserta yang tersimpan di perangkat ini sudah tidak ada di penyimpanan kunci perangkat, sehingga data tidak dapat dibuka. Data tetap disimpan apa adanya; mintalah bantuan sebelum mencatat peserta lagi.
app-error-sealed-unreadable = Data peserta yang tersimpan di perangkat ini tidak dapat dibuka (berkas berubah atau berasal dari perangkat lain). Data tetap disimpan apa adanya; mintalah bantuan.
app-error-sealed-no-keyring = Perangkat ini tidak punya penyimpanan kunci yang aman, sehingga peserta tidak dapat disimpan di perangkat saat tidak ada koneksi. Tambahkan peserta saat koneksi tersedia, atau gunakan perangkat lain.
app-error-already-captured = { $name } ({ $nik }) sudah terdaftar di kegiatan ini: sudah dicatat di perangkat ini atau sudah terdaftar. NIK ini tidak dicatat lagi.

## Gangguan layanan: pemberitahuan, pindah jadwal sekali ketuk, status layanan (issue 11)
app-nav-status = Status layanan
app-disruption-title = Jadwal Anda terdampak gangguan
# Variables: $time (perkiraan waktu pulih, sudah diformat, atau teks "belum diketahui")
app-disruption-until = Perkiraan layanan pulih: { $time }
app-special-reschedule-hint = Pindah jadwal khusus: satu ketuk memindahkan ke tempat terdekat yang disediakan untuk jadwal terdampak, di kantor ini atau kantor terdekat. Jatah pindah jadwal Anda tidak berkurang.
app-special-reschedule-action = Pindahkan jadwal sekarang
# Variables: $office (nama kantor), $time (waktu baru, sudah diformat)
app-special-reschedule-done = Jadwal dipindahkan: { $office }, { $time }.
app-notifications-title = Pemberitahuan
app-notification-open-booking = Lihat jadwal
# Variables: $count (kantor terdampak), $total (semua kantor)
app-status-only-affected = Hanya kantor dengan pemberitahuan ({ $count } dari { $total })
app-status-all-open = Semua kantor melayani seperti biasa.
app-after-visit-title = Setelah kunjungan
# Variables: $office (nama kantor)
app-rate-legend = Bagaimana pelayanan di { $office }? (1 = buruk, 5 = sangat baik)
app-rate-comment = Komentar (boleh kosong)
app-rate-submit = Kirim penilaian
app-rate-done = Terima kasih, penilaian Anda sudah dicatat.
app-report-title = Diminta membayar di luar biaya resmi?
app-report-question = Apakah ada yang meminta Anda membayar di luar biaya resmi?
app-report-yes = Ya
app-report-no = Tidak
app-report-amount = Jumlah yang diminta (Rp, jika tahu)
app-report-place = Di mana (mis. loket, parkiran, calo di luar)
# Variables: $zone (WIB, WITA atau WIT)
app-report-when = Kapan (waktu { $zone }; kosongkan jika saat jadwal Anda)
app-report-description = Ceritakan yang terjadi
app-report-anonymous = Kirim tanpa nama (laporan tidak menyimpan akun maupun jadwal Anda, hanya kantor dan harinya)
app-report-submit = Kirim laporan
app-report-done = Laporan terkirim ke unit integritas kantor dan ombudsman. Terima kasih.

## Hasil kantor dari waktu ke waktu (issue 11): petugas, kepala kantor, admin
app-nav-results = Hasil kantor
app-results-title = Hasil kantor
app-results-intro = Penilaian kunjungan per minggu atau per bulan dan laporan pungutan di luar biaya resmi. Siapa yang melapor tidak pernah ditampilkan.
app-results-office = Kantor
app-results-period = Periode
# Variables: $weeks (number)
app-results-weeks = { $weeks } minggu terakhir
# Minggu atau bulan: pilihan pengelompokan penilaian
app-results-by = Kelompokkan per
app-results-by-week = Minggu
app-results-by-month = Bulan
# Variables: $months (number)
app-results-months = { $months } bulan terakhir
app-results-months-caption = Penilaian per bulan kalender (menurut tanggal kunjungan, waktu setempat kantor)
app-results-month = Bulan
# Variables: $from, $to (dates, already formatted)
app-results-range = Kunjungan { $from } sampai { $to }
app-results-ratings = Penilaian kunjungan
app-results-no-ratings = Belum ada penilaian pada periode ini.
# Variables: $count (number), $average (already formatted, e.g. 4,25)
app-results-overall = { $count } penilaian, rata-rata { $average } dari 5.
app-results-weeks-caption = Penilaian per minggu (Senin sampai Minggu)
app-results-week = Minggu mulai
app-results-count = Jumlah
app-results-average = Rata-rata (1-5)
app-results-comments = Komentar pemohon
# Variables: $date (already formatted)
app-results-week-of = Minggu mulai { $date }
app-results-reports = Laporan integritas
# Variables: $count (number of reports), $asked (of them, asked to pay beyond the official fee)
app-results-reports-count = { $count } laporan; { $asked } menyebut diminta membayar di luar biaya resmi.
app-results-reports-anonymous = Tempat dan waktu kejadian saja; pelapor tidak ditampilkan kepada siapa pun di halaman ini.
# Variables: $place (as the reporter wrote it)
app-results-report-place = di { $place }
app-results-report-asked = diminta membayar di luar biaya resmi
# Variables: $amount (already formatted, e.g. Rp500.000)
app-results-report-asked-amount = diminta membayar { $amount } di luar biaya resmi

## Kolom tanggal: diketik hari/bulan/tahun (urutan dari format-date-numeric), bukan format AS

app-date-placeholder = hh/bb/tttt
# Variabel: $example (tanggal contoh dalam angka, misalnya 15/12/2026)
app-date-hint = Ketik hari/bulan/tahun, misalnya { $example }. Panah atas/bawah mengganti hari, Page Up/Page Down mengganti bulan.
# Variabel: $example (tanggal contoh dalam angka)
app-date-invalid = Tanggal tidak dikenali. Ketik hari/bulan/tahun, misalnya { $example }.
# Variabel: $min (tanggal paling awal, sudah diformat)
app-date-too-early = Tanggal paling awal { $min }.
# Variabel: $max (tanggal paling akhir, sudah diformat)
app-date-too-late = Tanggal paling akhir { $max }.

## Kolom jam: diketik 24 jam dengan pemisah dari format-time (14.30), bukan format AS (02:30 PM)

app-time-placeholder = jj.mm
# Variabel: $example (jam contoh dengan pemisahnya, misalnya 14.30)
app-time-hint = Ketik jam dan menit (24 jam), misalnya { $example }. Panah atas/bawah mengganti menit, Page Up/Page Down mengganti jam.
# Variabel: $example (jam contoh)
app-time-invalid = Jam tidak dikenali. Ketik jam dan menit (24 jam), misalnya { $example }.
# Variabel: $min (jam paling awal, sudah diformat)
app-time-too-early = Jam paling awal { $min }.
# Variabel: $max (jam paling akhir, sudah diformat)
app-time-too-late = Jam paling akhir { $max }.
# Label kedua bagian kolom tanggal dan jam (misalnya waktu rilis, waktu kejadian)
app-datetime-date = Tanggal
app-datetime-time = Jam

## Slip jadwal disimpan sebagai PDF lewat dialog simpan sistem

app-slip-save-title = Simpan slip jadwal (PDF)
# Nama berkas yang diusulkan, tanpa ".pdf". Variabel: $date (tanggal jadwal, TTTT-BB-HH)
app-slip-file-name = jadwal-antre-{ $date }
app-slip-file-filter = Dokumen PDF
app-slip-open = Buka PDF
