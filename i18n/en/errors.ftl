### Error messages shown to applicants. One message per API error code: code `slot_full`
### uses message `error-slot-full`. Each message says what happened and what to do next.

## Requests and form fields

error-invalid-request = We could not process this request because some information is missing or not as expected. Please check what you entered and try again.
error-payload-too-large = What you sent is too large. Please make the data or file smaller and try again.
error-invalid-nik-length = The NIK must be exactly 16 digits. Please check the NIK shown on the e-KTP or family card.
error-invalid-nik-digits = The NIK may only contain digits, with no letters, spaces or punctuation. Please check the NIK shown on the e-KTP or family card.
error-invalid-nik-province = The first two digits of the NIK do not match any province code. Please check the NIK shown on the e-KTP or family card.
error-invalid-nik-birth-date = The date-of-birth part of the NIK (digits 7 to 12) is not a valid date. Please check the NIK shown on the e-KTP or family card.
error-nik-birth-date-mismatch = The date of birth you entered does not match the one contained in the NIK. Please make both agree with the e-KTP or family card and try again.
error-invalid-name = This name is not valid. Please write the full name exactly as it appears on the e-KTP or family card.
error-invalid-email = This email address is not valid. Please check how it is written, for example name@example.com.
error-invalid-phone = This mobile number is not valid. Please use a number that is in use, for example 081234567890 or +6281234567890.
error-weak-password = This password is too easy to guess. Please choose a longer one, for example several words that only you know.
error-invalid-date = This date is not valid. Please pick a date from the calendar.
error-invalid-lane = This queue type is not recognised. Please choose regular, same-day or priority.

## Accounts and access

error-unauthorized = You are not signed in, or your session has ended. Please sign in to your account again.
error-forbidden = You are not allowed to do this. Please make sure you are signed in with the right account.
error-invalid-credentials = The email or password is incorrect. Please check them and try again.
error-account-not-verified = Your account has not been verified yet. Please enter the verification code we sent you.
error-invalid-verification-code = This verification code is wrong or no longer valid. Please enter the latest code we sent you, or ask for a new one.
error-email-taken = This email is already registered. Please sign in with it, or register with a different email.
error-rate-limited = Too many attempts in a short time. Please wait about a minute and try again.

## Applicants

# Variables: $max (the most applicants one account may hold)
error-applicant-limit-reached = One account can be used for at most { $max ->
        [one] one applicant
       *[other] { $max } applicants
    }. Please register anyone else with a separate account.
error-duplicate-applicant = An applicant with this NIK is already registered. Please look in the applicant list of your account and choose that person.

## Offices and slots

error-not-found = We could not find what you were looking for. It may have been removed, or the link may be wrong. Please go back to the start and try again.
error-office-not-found = This immigration office could not be found. Please choose an office from the list.
error-slot-not-found = The time slot you chose could not be found. Please reload the list of times and choose another one.
# Variables: $released_at (day, date and time the slots open, preformatted)
error-slot-not-released = Slots for this date are not open yet. They open on { $released_at }. Please come back then.
error-slot-full = Sorry, this time slot has just filled up. Please choose another time, another date or another immigration office.
error-date-out-of-range = That date is outside the period that can be booked. Please choose an available date from the calendar.
error-nik-has-active-booking = This person already has an active appointment. Each person can hold only one; please cancel or reschedule that appointment first.
error-lane-not-eligible = The applicant is not eligible for this type of service. The priority lane is only for older people (60 and over), children under 5, people with disabilities and pregnant women. Please choose the regular service.
error-service-not-offered = This office does not offer the service you chose. Please choose another service or another immigration office.
error-ten-year-not-allowed = A passport valid for 10 years is only for applicants aged 17 or over, or who are married. Please choose a passport valid for 5 years.

## Rescheduling and cancelling

error-reschedule-limit-reached = This appointment has already been rescheduled, and an appointment can only be rescheduled once. If you cannot come, cancel this appointment and make a new one.
error-reschedule-too-late = An appointment can only be rescheduled up to the day before it. Please come at the original time.
error-cancel-too-late = This appointment can no longer be cancelled because it is too close. If you cannot come, you can make a new appointment once that date has passed.
error-booking-not-active = This appointment is no longer active (it was cancelled, not paid in time, or already used). Please make a new appointment if you still need one.

## Payment

error-payment-not-pending = There is no payment waiting for this appointment. It may already have been paid, or the deadline has passed. Please check the status of your appointment.
error-idempotency-key-missing = This request could not be processed because of a problem in the app. Please reload the page or update the app, then try again.
error-idempotency-key-reused = This request was already sent with different details. Please reload the page and start again.

## Arrival at the office

error-invalid-proof = The booking proof (QR code) is not valid or could not be read. Please show the officer the QR code in the Antre app or a printed booking proof.
error-wrong-office = This appointment is for a different immigration office. Please go to the office shown on your booking proof.
error-not-today = This appointment is not for today. Please come on the date shown on your booking proof.
error-invalid-signature = We could not confirm that this data is genuine. If you are showing a booking proof, please download it again from the Antre app.
error-same-slot = The new time you chose is the one you already have. Please choose another date or time.
error-reschedule-other-office = A booking can only be moved to another time at the same immigration office. To change office, cancel this booking and make a new one.
error-reschedule-other-lane = A booking can only be moved within the same service (regular, same-day or priority). To change service, cancel this booking and make a new one.
error-applicant-has-active-booking = This applicant still has an active booking. Cancel that booking first, then remove the applicant from the list.
error-overloaded = The service is very busy right now. Your request was not processed and nothing was lost; please try again in a few seconds.
error-day-closed = The immigration office does not serve on this day (the office calendar shows why). Please choose another day.
error-counter-payment-not-allowed = This office does not take payment at the counter. The applicant pays the billing code at a bank, post office or e-wallet.
error-method-not-allowed = This request is not supported at that address. Please update the Antre app.
error-unsupported-media-type = The data was sent in a format we do not accept (it must be JSON). Please update the Antre app.
error-name-characters = A name may only contain Latin letters (A to Z, accents allowed), spaces, apostrophes ('), full stops, commas and hyphens, exactly as printed on the e-KTP. Full-width letters or letters of other scripts cannot be used.
error-invalid-coordinates = The location sent is not valid. Please choose a city from the list or let the app read your location again.
error-draw-not-open = Entries for this release's draw are not being taken now (not yet open, or closed when the quota was released). See the draw's times in the app.
error-draw-not-drawn = This draw has not been held yet. Its result and order are published right after the quota is released.
error-draw-in-progress = These places are being drawn right now. In a few seconds the places left can be booked; please try again shortly.
error-nik-entered-elsewhere = This person was already entered in this draw by another account. Each NIK can take part once per draw.
error-invalid-choice = This choice is not part of the places released in this draw (the office, date or service is not available). Choose an office and date from the draw's list.
error-already-waitlisted = This person is already on a waitlist. Leave that waitlist first to join with other choices.
error-offer-not-open = This offer of a place is no longer open (its time ran out, or it was accepted or declined). You stay on the waitlist if you have no booking yet.
error-applicant-changes-limit = This account has added or removed applicants too often in the last 30 days. Please try again later, or contact the immigration office if you have a special need.
# Variables: $until (date, formatted), $reason (lapses or no_show)
error-nik-cooling-down = { $reason ->
        [no_show] Because of a missed appointment
       *[lapses] Because bookings were left unpaid past their deadline several times
    }, this NIK cannot book or enter a draw until { $until }. The same rule applies to every applicant.
error-account-has-active-booking = This account still has an active booking. Cancel it, or delete the account after your visit.
# Variables: $minutes (whole minutes until attempts are allowed again)
error-too-many-attempts = Too many wrong attempts for this email. For your safety, please try again in { $minutes } minutes, or ask for a new code.
error-attendance-not-asked = This office does not ask you to confirm attendance for this booking.
error-attendance-too-late = The time to confirm attendance has passed.

## Office desk and outreach drives

error-hajj-name-too-short = A hajj passport needs a name of at least three words, exactly as on the e-KTP (for example SITI AMINAH BINTI ALI). A shorter name gets the passport suspended.
error-invalid-birth-date = The birth date cannot be read or is not possible. Write it like 17/05/1990 or 1990-05-17.
error-nik-spreadsheet-number = The NIK was turned into a number by the spreadsheet (for example 3.27501E+15), which loses its last digits. Format the NIK column as Text, type the NIK again and save once more.
error-invalid-application-kind = The kind of application is not recognised. Write New or Replacement (Lost and Damaged are accepted too).
error-value-missing = This value is required.
error-walk-in-not-eligible = By the NIK and birth date, this person does not belong to the priority group chosen (60 or older, under 5, pregnant, with a disability). They can book an ordinary appointment.
error-csv-wrong-encoding = The file is not UTF-8 text. In Excel, save it as "CSV UTF-8 (Comma delimited)"; in Google Sheets, download it as CSV.
error-csv-empty = The file holds no data. The first row holds the column headers, then one person per row.
error-csv-malformed = The file cannot be read as CSV. Save it again from the spreadsheet as CSV and try once more.
# Variables: $column (the canonical header, e.g. tanggal_lahir)
error-csv-missing-column = The list has no { $column } column. Add that column to the header row.
# Variables: $max (a number)
error-csv-too-many-rows = The list has more than { $max } rows. Split it into several files.
error-not-outreach-officer = Only outreach officers (or the head) of this office can do this.
error-drive-not-found = This outreach drive was not found.
error-drive-full = This outreach drive is full. Nobody is registered beyond its capacity.
# Variables: $max (a number)
error-officer-limit-reached = This officer has reached the daily limit ({ $max }). The limit keeps drives from becoming a back door for scalpers; ask the office head if needed.
error-duplicate-nik-in-list = This NIK appears more than once in the list.
# Variables: $count (a number)
error-csv-rows-invalid = The list was not imported: { $count } rows need fixing. Nobody was registered; fix the marked rows and import again.
error-member-id-reused = This member was sent before with other details. Add them as a new member if the details changed.
# Variables: $office (the office name)
error-proof-other-office = This proof is for { $office }, not for this office. Direct the applicant there.
# Variables: $date (formatted date)
error-proof-other-day = This proof is for { $date }, not for today.
error-proof-other-person = The NIK on the e-KTP does not match this proof: the proof belongs to someone else.
error-proof-revoked = The appointment on this proof is no longer valid (cancelled, lapsed or recorded as a no-show).
error-already-checked-in = This person has already checked in and has a queue number.
error-booking-unpaid = This appointment is not paid yet. The applicant pays the billing code first (at the counter where the office takes it).
error-priority-quota-full = Today's priority quota is used up. The office may still serve beyond the quota: choose "serve beyond the quota" and it will be recorded.
error-walk-in-exists = This person was already registered as a walk-in today.
error-day-not-open = This day has no open session of that service. Open an extra service day first.
error-event-site-exists = There is already an event site with that name and hours on that day.
error-not-hajj-drive = The comparison with the religious-affairs list is only for hajj drives.
error-invalid-time-range = The hours are not valid. Write them like 08:00, and the end must be after the start.
error-invalid-search-area = The search area is not valid: the distance must be between 1 and 250 km and is used only when searching by distance.
error-disruption-end-before-start = The expected end must come after the start.
error-disruption-restored = Service was already declared restored; this notice can no longer change. Declare a new one if needed.
error-not-stranded = This booking is not affected by a closure or disruption, so it cannot take the special reschedule. Use the ordinary reschedule.
error-no-place-for-special-reschedule = There is no free place at this office or a nearby one yet. Your booking stays valid; try again later.
error-rating-out-of-range = A rating is a whole number from 1 to 5.
error-not-visited = Only a visit that took place (checked in) can be rated or reported on.
error-text-too-long = The text is too long: at most { $max } characters.
error-already-rated = This visit was already rated. Thank you.
error-already-reported = A report for this visit was already sent. Thank you.
error-applicant-identity-locked = This applicant's NIK and birth date cannot change while they have an active booking, a place on a waitlist or an entry in a draw not yet run. The name and other details can still be changed.

## System problems

error-internal = Something went wrong on our side; it is not your fault. Please try again in a few minutes.
