### Texts of the Antre app (window, tray, printed slip). Shared by the Rust side and the UI.

app-name = Antre
app-loading = Loading…
app-skip-to-content = Skip to content
app-nav-label = Main menu
app-nav-find = Find a slot
app-nav-bookings = My bookings
app-nav-applicants = Applicants
app-nav-settings = Settings
app-offline-banner = You are offline. Your saved bookings and QR proofs still open; changes are sent when the connection is back.
app-keyring-unavailable = This device has no secure key store, so you stay signed in only until the app closes.

## Tray (desktop)

app-tray-open = Open Antre
app-tray-quit = Quit (reminders stop)
app-tray-tooltip = Antre: passport appointments

## Errors of the app itself

app-error-network = The server cannot be reached. Please check your connection; nothing was lost and you can try again.
app-error-not-signed-in = Please sign in first.
app-error-storage = The app could not save data on this device. Please check the free space and try again.
app-error-keyring-unavailable = This device has no secure key store. You stay signed in only until the app closes.
app-error-no-cached-data = There is no saved copy yet. Open My bookings once while online to keep a copy on this device.

## Sign in, sign up, verify

app-auth-login-title = Sign in
app-auth-register-title = Create an account
app-auth-verify-title = Enter the verification code
app-auth-intro = Book a passport appointment at any immigration office, for yourself and up to four relatives.
app-auth-login = Sign in
app-auth-register = Create account
app-auth-verify = Verify
app-auth-to-register = No account yet? Create one
app-auth-to-login = Already have an account? Sign in
app-auth-have-code = I have a verification code
app-auth-code-sent = We sent a 6-digit code to your phone and email. Enter it below.
app-auth-verified = Your account is verified. You can sign in now.
app-auth-free-notice = Booking is free. Nobody may ask you for money to get a queue number.

## Form fields

app-field-email = Email
app-field-phone = Mobile number
app-field-phone-hint = For example 081234567890
app-field-password = Password
app-field-password-hint = At least 10 characters, with letters and digits or symbols.
app-field-code = Verification code
app-field-code-hint = 6 digits
app-field-nik = NIK
app-field-nik-hint = 16 digits, as on the e-KTP or family card
app-field-name = Full name
app-field-name-hint = Exactly as on the e-KTP
app-field-birth-date = Date of birth
app-field-applicant = Applicant
app-field-office = Immigration office
app-field-when = Time
app-field-lane = Service lane
app-field-passport = Passport
app-field-validity = Validity
app-field-application = Application
app-field-billing-code = Billing code
app-field-pay-before = Pay before

## NIK as it is typed
# Variables: $count (digits typed so far), $age (years)

app-nik-progress = { $count } of 16 digits
app-nik-ok = The NIK is valid.
app-nik-ok-priority = The NIK is valid. Age { $age }: this person may use the priority lane.

## Applicants
# Variables: $max (most applicants per account), $name, $age

app-applicants-title = Applicants
app-applicants-intro = One account can book for at most { $max } people: yourself and your family.
app-applicants-empty = No applicants yet. Add yourself first.
app-applicants-add = Add applicant
app-applicant-added = { $name } was added.
app-applicant-age = { $age } years old
app-applicant-priority = Priority lane
app-applicant-needs = Needs (the officer checks these at the counter)
app-applicant-married = Married (allows 10-year validity under 17)
app-applicant-priority-rule = The priority lane is for people aged 60 and over, children under 5, pregnant women and people with disabilities.
app-applicant-remove-label = Remove { $name }

## Finding a slot
# Variables: $count (number), $km (whole kilometres), $office (office name)

app-find-title = Find a slot
app-find-no-applicants = Add an applicant first:
app-find-priority-eligible = This applicant may use the priority lane.
app-find-where = Where
app-find-use-location = Use my location
app-find-locating = Finding your location…
app-find-using-location = Using your current location.
app-find-location-failed = Your location is not available. Please choose a city.
app-find-or-city = Or choose a city
app-find-choose-city = Choose a city
app-find-need-place = Please use your location or choose a city.
app-find-electronic-only = Only offices that issue electronic passports
app-find-search = Search
app-find-results = { $count ->
        [one] One office with free slots
       *[other] { $count } offices with free slots
    }
app-find-results-order = Earliest date first, then the nearest.
app-find-distance = { $km } km away
app-find-earliest = Earliest date
app-find-first-slot = First time
app-find-see-days = See the days at { $office }
app-find-nothing = No free slots in the next 30 days. Try another lane or a wider area.
app-places-left = { $count ->
        [one] 1 place left
       *[other] { $count } places left
    }

## Office calendar and time slots
# Variables: $zone (zone label), $date (long date)

app-office-intro = Choose a day, then a time
app-office-reschedule-intro = Choose the new day and time
app-office-times-in = times in { $zone }
app-office-calendar = Days
app-office-legend = Legend
app-office-slots-of = Times on { $date }
app-office-no-slots = No times left on this day. Please choose another day.
app-day-open = open
app-day-full = full
app-slot-current = your current time
app-day-closed = closed
app-day-not-released = not open yet

## Booking

app-book-title = Confirm the booking
app-book-validity-rule = 10-year validity only from age 17 or when married.
app-book-payment-rule = After booking you get a billing code. Pay it within 2 hours, or the booking lapses.
app-book-confirm = Book this time
app-book-sending = Booking…
app-book-done = Booked.

## One booking
# Variables: $count (number), $path (file path)

app-booking-title = Booking
app-booking-pay-warning = Not paid yet. Pay the official fee with the billing code before the deadline, or the booking lapses.
app-booking-proof = Booking proof
# Variables: $amount (rupiah, formatted), $reason (why, one of the app-refund-reason-* texts)
app-booking-refund-due = We received a payment of { $amount } that cannot be used for this booking: { $reason } The money will be paid back; the immigration office's staff see this note too.
app-refund-reason-unknown-billing-code = the billing code is unknown.
app-refund-reason-wrong-amount = the amount differs from the official fee.
app-refund-reason-already-paid = this booking was already paid.
app-refund-reason-cancelled = this booking had been cancelled.
app-refund-reason-place-taken = the payment came after the deadline and the place had gone to someone else.
app-refund-reason-person-rebooked = the payment came after the deadline and the applicant already had another booking.
app-closures-title = Days without service
# Variables: $date (formatted day), $reason (the office's note)
app-closure-office = { $date }: office closed ({ $reason })
app-closure-office-no-reason = { $date }: office closed
# Variables: $date (formatted day), $reason (the holiday's name)
app-closure-holiday = { $date }: holiday, { $reason }
app-booking-qr-label = QR code of the booking proof
app-booking-qr-caption = Show this QR code to the officer.
app-booking-qr-verified = signature checked
app-booking-qr-after-payment = The QR proof appears here once the fee is paid.
app-booking-change = Change or cancel
app-reschedule-rule = You can move an appointment once, until the day before it.
app-reschedule-left = { $count ->
        [one] You can still move it once.
       *[other] You can still move it { $count } times.
    }
app-reschedule-not-possible = This appointment can no longer be moved.
app-reschedule-title = Move the appointment
app-reschedule-new-time = New time
app-reschedule-confirm = Move to this time
app-cancel-rule = You can cancel until the appointment starts. A cancelled booking cannot be restored.
app-cancel-question = Cancel this appointment?
app-cancel-yes = Yes, cancel it
app-cancel-no = No, keep it
app-action-reschedule = Move to another time
app-action-cancel = Cancel the appointment
app-action-calendar = Add to calendar
app-action-print = Print slip
app-action-remove = Remove
app-action-logout = Sign out
app-saved-to = Saved to { $path }

## My bookings
# Variables: $time (date and time of the saved copy), $count (number)

app-bookings-title = My bookings
app-bookings-upcoming = Upcoming
app-bookings-past = Past
app-bookings-none = None.
app-bookings-offline-copy = Offline: this is the copy saved on { $time }.
app-bookings-pending = { $count ->
        [one] One booking is waiting to be sent. It will be sent once, when the connection is back.
       *[other] { $count } bookings are waiting to be sent. They will be sent once, when the connection is back.
    }

## Settings
# Variables: $email, $url, $version

app-settings-title = Settings
app-settings-language = Language
app-settings-language-system = Same as the system
app-settings-large-text = Large text
app-settings-session = Sign-in
app-settings-keyring-ok = Your sign-in is kept in this device's secure key store.
app-settings-signed-in-as = Signed in as { $email }
app-settings-server = Server: { $url }
app-settings-version = version { $version }

## Printed slip

app-slip-title = Passport appointment slip
app-slip-no-proof = The QR proof is added once the fee is paid. Print the slip again after paying.
app-slip-footer = Bring this slip or show the QR code in the Antre app. Booking is free; pay only the official fee.
