### Kata-kata umum: nama hari dan bulan, format tanggal dan jam, zona waktu, jenis layanan,
### dan status jadwal. Dipakai bersama oleh server, aplikasi, dan antarmuka web.

## Hari (atribut .short: singkatan untuk kalender)

weekday-monday = Senin
    .short = Sen
weekday-tuesday = Selasa
    .short = Sel
weekday-wednesday = Rabu
    .short = Rab
weekday-thursday = Kamis
    .short = Kam
weekday-friday = Jumat
    .short = Jum
weekday-saturday = Sabtu
    .short = Sab
weekday-sunday = Minggu
    .short = Min

## Bulan (atribut .short: singkatan)

month-january = Januari
    .short = Jan
month-february = Februari
    .short = Feb
month-march = Maret
    .short = Mar
month-april = April
    .short = Apr
month-may = Mei
    .short = Mei
month-june = Juni
    .short = Jun
month-july = Juli
    .short = Jul
month-august = Agustus
    .short = Agu
month-september = September
    .short = Sep
month-october = Oktober
    .short = Okt
month-november = November
    .short = Nov
month-december = Desember
    .short = Des

## Format tanggal dan jam

# Tanggal lengkap, misalnya "Selasa, 25 November 2025".
# Variabel: $weekday (nama hari), $day (tanggal tanpa nol di depan), $month (nama bulan), $year
format-date-long = { $weekday }, { $day } { $month } { $year }
# Bulan kalender, misalnya "Januari 2027". Variabel: $month (nama bulan), $year
format-month-year = { $month } { $year }
# Tanggal dalam angka, seperti yang diketik di kolom tanggal, misalnya "15/12/2026".
# Variabel: $day dan $month (dua angka), $year (empat angka). Urutannya juga urutan ketikan.
format-date-numeric = { $day }/{ $month }/{ $year }
# Jam, misalnya "09.00 WIB". Variabel: $hour dan $minute (dua angka), $zone (label zona waktu)
format-time = { $hour }.{ $minute } { $zone }

## Zona waktu (atribut .long: nama lengkap)

zone-wib = WIB
    .long = Waktu Indonesia Barat (UTC+7)
zone-wita = WITA
    .long = Waktu Indonesia Tengah (UTC+8)
zone-wit = WIT
    .long = Waktu Indonesia Timur (UTC+9)

## Jalur antrean

lane-regular = Reguler
lane-same-day = Percepatan (selesai di hari yang sama)
lane-priority = Prioritas

## Kelompok yang berhak atas layanan prioritas

priority-elderly = Lanjut usia (60 tahun ke atas)
priority-child-under-five = Anak berusia di bawah 5 tahun
priority-disability = Penyandang disabilitas
priority-pregnant = Ibu hamil

## Jenis paspor dan permohonan

service-passport-ordinary = Paspor biasa
service-passport-electronic = Paspor elektronik (e-paspor)
service-validity-5y = Masa berlaku 5 tahun
service-validity-10y = Masa berlaku 10 tahun
service-application-new = Permohonan baru
service-application-renewal = Penggantian paspor yang habis atau akan habis masa berlakunya
service-application-lost = Penggantian paspor yang hilang
service-application-damaged = Penggantian paspor yang rusak

## Status jadwal

status-pending-payment = Menunggu pembayaran
status-confirmed = Terkonfirmasi
status-checked-in = Sudah hadir
status-cancelled = Dibatalkan
status-lapsed = Batal otomatis (tidak dibayar tepat waktu)
status-no-show = Tidak hadir
