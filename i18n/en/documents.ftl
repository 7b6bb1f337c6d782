### Documents to bring to the immigration office. The server and the app choose the list that
### fits the kind of application; this file only names each document.

documents-heading = Documents to bring
documents-originals = Bring the original documents and show them to the officer.
documents-child-parents-attend = For applicants under 17, both the father and the mother must come with the child.

## Document names

doc-ektp = e-KTP (electronic identity card)
doc-family-card = Family card (Kartu Keluarga, KK)
doc-birth-or-marriage-or-diploma = One of: birth certificate, marriage certificate or marriage book, or school diploma
doc-old-passport = Old passport
doc-police-report = Police report of the loss
doc-damaged-passport = The damaged passport
doc-parents-ektp = The father's and the mother's e-KTP
doc-birth-certificate = Birth certificate
doc-parents-marriage-book = Parents' marriage book or marriage certificate
doc-parents-passports = The father's and the mother's passports
doc-parental-statement = Parental statement on duty-stamped paper (meterai), signed by both the father and the mother
