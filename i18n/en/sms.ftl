### Replies of the SMS channel (for people without the app). No accents: GSM-7.
### Keep within 160 characters once filled in; longer ones are sent in a few parts.

sms-help = ANTRE SMS: JADWAL <office> (earliest places), CEK <billing code> (status), BATAL <billing code> (cancel), NILAI <billing code> <1-5> <comment> (rate your visit), BANTUAN. Pay only the official fee.
# Variables: $command (JADWAL, CEK, BATAL or NILAI)
sms-missing-argument = Format: { $command } then a space and { $command ->
        [JADWAL] the office, e.g. JADWAL BEKASI
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
