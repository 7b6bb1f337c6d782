### Penutupan dan gangguan layanan: yang disampaikan kepada pemohon, halaman status publik.

## Alasan (ditampilkan bersama catatan kantor)
disruption-reason-central-system = Sistem paspor pusat sedang tidak dapat diakses
disruption-reason-network = Gangguan jaringan
disruption-reason-power = Listrik padam
disruption-reason-disaster = Bencana alam atau keadaan darurat
disruption-reason-renovation = Renovasi atau pindah lokasi
disruption-reason-other = Alasan lain

disruption-kind-closure = Tutup
disruption-kind-disruption = Layanan terganggu

office-state-open = Buka
office-state-disrupted = Terganggu
office-state-closed = Tutup

# Ditampilkan bila perkiraan selesai belum diketahui.
disruption-until-unknown = belum diketahui

## Pemberitahuan di aplikasi
# Variables: $office (office name), $reason (reason text), $note (the office's note),
# $until (expected end, preformatted, or the text for unknown)
notification-disrupted-title = Jadwal Anda terdampak
notification-disrupted-body = { $office }: { $reason }. { $note } Perkiraan layanan pulih: { $until }. Jadwal Anda tetap berlaku; Anda dapat memindahkannya sekali, gratis dan tanpa mengurangi jatah ubah jadwal, cukup dengan satu ketukan.
notification-disruption-updated-title = Kabar terbaru dari kantor Anda
notification-disruption-updated-body = { $office }: { $note } Perkiraan layanan pulih: { $until }.
# Variables: $office
notification-service-restored-title = Layanan sudah pulih
notification-service-restored-body = { $office } sudah melayani lagi. Jadwal Anda tetap seperti semula.

## SMS (paling banyak 160 karakter GSM-7 setelah diisi; tanpa aksen)
# Variables: $office, $until
sms-disrupted = ANTRE: {$office} ditutup/terganggu. Perkiraan pulih: {$until}. Jadwal Anda tetap berlaku; pindah jadwal gratis di aplikasi.
sms-service-restored = ANTRE: {$office} sudah melayani lagi. Jadwal Anda tetap berlaku.

## Halaman status publik
status-page-title = Status layanan kantor imigrasi
status-page-intro = Apakah setiap kantor buka, terganggu atau tutup, beserta pengumuman terakhirnya. Tanpa akun.
# Variables: $time (preformatted)
status-page-generated = Per { $time }
status-page-current = Pengumuman saat ini
status-page-history = Pengumuman sebelumnya
status-page-none = Tidak ada pengumuman.
# Variables: $time (preformatted)
status-page-since = Sejak { $time }
# Variables: $time (preformatted, or the text for unknown)
status-page-expected-end = Perkiraan pulih: { $time }
# Variables: $time (preformatted)
status-page-restored = Pulih { $time }
status-page-office = Kantor
status-page-state = Status
status-page-json = Halaman ini sebagai data (JSON)

## Sesudah kunjungan (dikirim saat check-in)
# Variables: $office
notification-visit-feedback-title = Bagaimana kunjungan Anda?
notification-visit-feedback-body = Beri nilai kunjungan Anda ke { $office } dari 1 sampai 5. Apakah Anda diminta membayar di luar biaya resmi? Anda dapat melaporkannya, tanpa nama bila mau.
