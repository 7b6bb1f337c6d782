### Replies of the SMS channel (for people without the app). No accents: GSM-7.
### Keep within 160 characters once filled in; longer ones are sent in a few parts.

sms-help = ANTRE SMS: JADWAL <office> (earliest places), PESAN <office> <no/name> [date] (book, e.g. PESAN BEKASI 1 08-12), CEK <billing code> (status), BATAL <billing code> (cancel), NILAI <billing code> <1-5> <comment> (rate your visit), BANTUAN. Pay only the official fee.
# Variables: $command (JADWAL, CEK, BATAL, NILAI or PESAN)
sms-missing-argument = Format: { $command } then a space and { $command ->
        [JADWAL] the office, e.g. JADWAL BEKASI
        [PESAN] the office, the applicant's number or name, and a date if you wish, e.g. PESAN BEKASI 1 08-12
        [NILAI] the billing code and a rating 1-5, e.g. NILAI 820112345678 5 Quick
       *[other] the billing code, e.g. { $command } 820112345678
    }.
# Variables: $query (what was texted)
sms-office-unknown = Office "{ $query }" not found. Example: JADWAL BEKASI
# Variables: $office (short name), $days (e.g. 08/12 (120), 09/12 (80))
sms-schedule = { $office }, earliest regular places: { $days }. Book in the M-Paspor/Antre app or at the counter.
# Variables: $office
sms-schedule-none = { $office }: no regular places are open yet. Try again after the next quota release.
# Variables: $code, $status (status text), $office, $when (date and time with zone)
sms-check = { $code }: { $status }. { $office }, { $when }.
# Variables: $code, $office, $when
sms-cancelled = { $code } cancelled ({ $office }, { $when }). The place is free again.
# Variables: $code, $reason (why, a full sentence)
sms-cancel-refused = { $code } cannot be cancelled: { $reason }
# Variables: $code
sms-booking-unknown = Code { $code } not found for this number. Only the account owner's verified mobile number can check or cancel.
sms-rate-limited = Too many messages from this number. Try again in 1 hour.

## After the visit (issue 11)
# Variables: $office (short name), $code (billing code)
sms-rate-prompt = ANTRE: How was your visit to { $office }? Reply NILAI { $code } <1-5> <comment>. Asked to pay beyond the official fee? Report it in the Antre app.
# Variables: $office, $rating (1-5)
sms-rated = Thank you. Your rating { $rating } for { $office } is recorded.
# Variables: $code, $reason (why, a full sentence)
sms-rate-refused = { $code } cannot be rated: { $reason }

## Booking by SMS (PESAN)
sms-book-unverified = PESAN works only from a mobile number verified on an Antre account. Verify your number in the Antre app, then send again.
sms-book-no-applicants = This account has no applicants yet. Add one in the Antre app, then send PESAN again.
# Variables: $office (the word to text, e.g. BEKASI), $people (e.g. 1 BUDI, 2 SITI)
sms-book-who = For whom? Reply PESAN { $office } <number>: { $people }. You may add a date, e.g. PESAN { $office } 1 08-12
# Variables: $name (first name), $office, $when (date and time with zone), $code (billing code), $fee (e.g. Rp350,000), $until (date and time with zone)
sms-booked = ANTRE: { $name } booked at { $office } { $when }. Billing code { $code }, pay { $fee } before { $until } or it lapses. Ordinary passport.
# Variables: $name (first name), $reason (why, a full sentence)
sms-book-refused = { $name } cannot be booked yet: { $reason }
# Variables: $office (short name), $word (the office word to text)
sms-book-full = { $office }: no regular places left for now. Try again after the next quota release (JADWAL { $word }) or another office.
# Variables: $office (short name), $date (DD/MM), $word (the office word to text)
sms-book-full-day = { $office }: no regular places left on { $date }. Send PESAN { $word } <number> without a date for the earliest day, or JADWAL { $word }.
