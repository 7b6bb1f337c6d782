### Jemput bola dan meja layanan: judul kolom daftar CSV yang diekspor (dibaca kembali oleh
### impor) dan nama jenis permohonan dalam daftar.

drive-csv-name = Nama
drive-csv-birth-date = Tanggal lahir
drive-csv-nik-masked = NIK (tersamar)
drive-csv-application-kind = Jenis
drive-csv-phone = Telepon
drive-csv-status = Status
drive-csv-booking = Nomor jadwal
drive-application-new = Baru
drive-application-renewal = Penggantian
drive-application-lost = Hilang
drive-application-damaged = Rusak
