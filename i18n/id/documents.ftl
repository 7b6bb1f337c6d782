### Dokumen yang harus dibawa ke kantor imigrasi. Server dan aplikasi memilih daftar yang
### sesuai dengan jenis permohonan; di sini hanya nama setiap dokumen.

documents-heading = Dokumen yang harus dibawa
documents-originals = Bawa dokumen asli dan tunjukkan kepada petugas.
documents-child-parents-attend = Untuk pemohon anak di bawah 17 tahun, ayah dan ibu wajib hadir bersama anak.

## Nama dokumen

doc-ektp = e-KTP
doc-family-card = Kartu Keluarga (KK)
doc-birth-or-marriage-or-diploma = Salah satu dari: akta kelahiran, akta perkawinan atau buku nikah, atau ijazah
doc-old-passport = Paspor lama
doc-police-report = Surat keterangan kehilangan dari kepolisian
doc-damaged-passport = Paspor yang rusak
doc-parents-ektp = e-KTP ayah dan ibu
doc-birth-certificate = Akta kelahiran
doc-parents-marriage-book = Buku nikah atau akta perkawinan orang tua
doc-parents-passports = Paspor ayah dan ibu
doc-parental-statement = Surat pernyataan orang tua bermeterai, ditandatangani oleh ayah dan ibu
