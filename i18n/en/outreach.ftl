### Outreach drives and the office desk: the column headers of an exported CSV list (read back
### by the import) and the names of the kinds of application in a list.

drive-csv-name = Name
drive-csv-birth-date = Birth date
drive-csv-nik-masked = NIK (masked)
drive-csv-application-kind = Kind
drive-csv-phone = Phone
drive-csv-status = Status
drive-csv-booking = Booking
drive-application-new = New
drive-application-renewal = Replacement
drive-application-lost = Lost
drive-application-damaged = Damaged
