### Biaya resmi (PP Nomor 45 Tahun 2024). Nominalnya disimpan sebagai data oleh server;
### di sini hanya nama setiap komponen biaya dan pemberitahuan tentang pungutan.

fee-heading = Biaya resmi
fee-ordinary-5y = Paspor biasa, masa berlaku 5 tahun
fee-ordinary-10y = Paspor biasa, masa berlaku 10 tahun
fee-electronic-5y = Paspor elektronik, masa berlaku 5 tahun
fee-electronic-10y = Paspor elektronik, masa berlaku 10 tahun
fee-same-day = Tambahan layanan percepatan (selesai di hari yang sama)
fee-lost = Tambahan penggantian paspor yang hilang
fee-damaged = Tambahan penggantian paspor yang rusak
fee-total = Jumlah yang harus dibayar
fee-legal-basis = Sesuai Peraturan Pemerintah Nomor 45 Tahun 2024.

# Ditampilkan di setiap tempat yang menyebut biaya, termasuk berkas kalender.
notice-official-fee-only = Bayar hanya biaya resmi, menggunakan kode billing, melalui saluran pembayaran resmi. Jangan memberikan uang kepada siapa pun, termasuk petugas atau calo. Pendaftaran jadwal tidak dipungut biaya.
