### Teks untuk acara kalender (berkas .ics) yang menyertai bukti jadwal.
### Semua tanggal dan jam sudah diformat oleh pemanggil dalam waktu setempat kantor.

# Judul acara. Variabel: $office (nama kantor imigrasi)
calendar-summary = Jadwal kedatangan paspor di { $office }

# Keterangan acara. Variabel: $name (nama pemohon), $office, $date (tanggal), $time (jam dan
# zona waktu), $billing_code (kode billing), $documents (daftar dokumen, sudah digabung)
calendar-description =
    Pemohon: { $name }
    Tempat: { $office }
    Waktu: { $date }, pukul { $time }
    Kode billing: { $billing_code }

    Bawa dokumen asli berikut: { $documents }.
    Tunjukkan bukti jadwal (kode QR) kepada petugas setibanya di kantor.

    { notice-official-fee-only }

# Pengingat dari kalender sebelum acara. Variabel: $office, $time (jam dan zona waktu)
calendar-alarm = Jadwal kedatangan paspor pukul { $time } di { $office }. Jangan lupa membawa dokumen asli.
