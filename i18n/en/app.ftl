### Texts of the Antre app (window, tray, printed slip). Shared by the Rust side and the UI.

app-name = Antre
app-loading = Loading…
app-skip-to-content = Skip to content
app-nav-label = Main menu
app-nav-find = Find a slot
app-nav-bookings = My bookings
app-nav-applicants = Applicants
app-nav-settings = Settings
app-offline-banner = No internet connection. Your saved appointments and QR codes still open; cancellations and bookings are kept and sent automatically when the connection is back. Rescheduling and changes to applicants, draws and waitlists wait for the connection.
app-queue-waiting = { $count ->
    [one] 1 change waiting to be sent
   *[other] { $count } changes waiting to be sent
}
app-queue-cancel = Cancelling the appointment of { $name }
app-queue-cancel-unnamed = Cancelling an appointment
app-queue-booking = A new booking
app-queue-refused = Could not be done: { $what }. { $reason }
app-queue-dismiss = Got it
app-keyring-unavailable = This device has no secure key store, so you stay signed in only until the app closes.

## Tray (desktop)

app-tray-open = Open Antre
app-tray-quit = Close Antre (reminders will not appear)
app-tray-tooltip = Antre: passport appointments

## Errors of the app itself

app-error-network = The server cannot be reached. Please check your connection; nothing was lost and you can try again.
app-error-not-signed-in = Please sign in first.
app-error-storage = The app could not save data on this device. Please check the free space and try again.
app-error-keyring-unavailable = This device has no secure key store. You stay signed in only until the app closes.
app-error-no-cached-data = There is no saved copy yet. Open My bookings once while online to keep a copy on this device.
app-error-queued-offline = No connection. This request is kept on this device and sent automatically when the connection is back; you will see the result.
app-error-offline-write = The server did not answer, so this change may not have been made, and it is not kept to send later. Please check and try again when the connection is back.
app-error-start-at-login = Antre could not be set to start when you log in. Reminders still appear while Antre is open.

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
app-auth-code-sent = We sent a 6-digit code to { $email }, and another by SMS to your mobile number. Enter the code from the email here; you can verify the mobile number later on the Account page.
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
app-applicant-birth-from-nik = Read from the NIK. Check it, and change it if it is wrong.
app-applicant-remove-question = Remove { $name } from your applicants? Their past appointments stay on record.
app-applicant-remove-yes = Yes, remove
app-applicant-removed = { $name } has been removed.
app-applicant-edit-label = Edit { $name }
app-applicant-edit-title = Edit { $name }
app-applicant-edit-nik-hint = Type the full NIK again (saved as { $masked }): Antre keeps only its masked form. The birth date is read from it again for you to check.
app-applicant-nik-differs = This NIK is not the saved one ({ $masked }): saving changes this person's NIK.
app-applicant-save = Save changes
app-applicant-edit-cancel = Stop editing
app-applicant-updated = { $name } was updated.
app-action-edit = Edit

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
app-find-distance = { $km } km from your location
# Search areas. Variables: $km (radius), $province (province name), $island (island group name,
# already translated)
app-find-area-radius = within { $km } km of your location
app-find-area-province = in { $province } province and within 250 km
app-find-area-island = on { $island } and within 250 km
app-find-area-nationwide = anywhere in Indonesia
# Variables: $area (one of the areas above)
app-find-searched = Search area: { $area }.
app-find-widen = Widen the search: { $area }
app-find-widest = There are no other offices beyond this area.
app-find-nothing-here = No free slots { $area } in the next 30 days. Widen the search or try another lane.
app-find-directions = Route from your location
app-find-directions-label = Route from your location to { $office } (opens OpenStreetMap)
island-sumatra = Sumatra
island-java = Java
island-bali-nusa-tenggara = Bali and Nusa Tenggara
island-kalimantan = Kalimantan
island-sulawesi = Sulawesi
island-maluku = Maluku
island-papua = Papua
app-find-earliest = Earliest date
app-find-first-slot = First time
app-find-see-days = See the days at { $office }
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
app-day-draw = draw
# Variables: $release (date and time the quota opens, formatted)
app-day-draw-label = quota opens { $release } · by draw
# A day whose places are not open yet. Variables: $release (date and time in the office's zone,
# already formatted, e.g. "Friday, 27 November 2026, 14:00 WIB")
app-day-opens = quota opens { $release }
app-office-releases = Quotas not open yet
# Variables: $first, $last (dates), $release (as above)
app-office-release-days = { $first } to { $last }: quota opens { $release }
app-office-release-day = { $first }: quota opens { $release }
app-office-release-remind = Remind me when the quota opens
app-office-release-reminder-set = Reminder set for { $release }

## Office details
# Variables: $office (office name)

app-office-details = Address and contact
app-office-address = Address
app-office-address-unknown = Address not verified yet. Check the office's official page before you go.
app-office-hours = Service hours
app-office-hours-unknown = Not verified yet.
app-office-phone = Phone
app-office-phone-unknown = Not verified yet.
app-office-map = See on the map
app-office-map-label = See on the map: { $office } (opens OpenStreetMap)
app-office-map-city = The point on the map is the town centre, not the office building.

## Booking

app-book-title = Confirm the booking
app-book-validity-rule = 10-year validity only from age 17 or when married.
app-book-parents-attend = Applicants under 17 come with both their father and mother, who bring the documents below.
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
app-refund-reason-not-reconfirmed = this booking was cancelled because attendance was not confirmed by the deadline.
app-refund-reason-person-rebooked = the payment came after the deadline and the applicant already had another booking.
app-closures-title = Days without service
# Variables: $date (formatted day), $reason (the office's note)
app-closure-office = { $date }: office closed ({ $reason })
app-closure-office-no-reason = { $date }: office closed
# Variables: $date (formatted day), $reason (the holiday's name)
app-closure-holiday = { $date }: holiday, { $reason }
app-booking-qr-label = QR code of the booking proof
app-booking-qr-caption = Show this QR code to the officer.
app-booking-qr-enlarge = Show the QR code full screen
app-booking-qr-close = Close
app-booking-qr-verified = signature checked
app-booking-qr-after-payment = The QR proof appears here once the fee is paid.
app-booking-change = Change or cancel
app-reschedule-rule = You can move an appointment once, until the day before it.
app-reschedule-left = { $count ->
        [one] You can still move it once.
       *[other] You can still move it { $count } times.
    }
app-reschedule-not-possible = This appointment can no longer be moved.
app-reschedule-special = The office is closed on your appointment day. Move it to another day: this does not use up your one reschedule.
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
app-bookings-my-qr = Show { $name }'s QR code
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
app-settings-text-size = Text size
app-text-size-normal = Normal (100%)
app-text-size-large = Large (125%)
app-text-size-larger = Larger (150%)
app-text-size-largest = Largest (200%)
app-settings-start-at-login = Start Antre when I log in, so appointment reminders still appear
app-start-at-login-offer = So that payment and appointment reminders appear even when Antre is not open, start Antre when you log in? You can change this any time in Settings.
app-start-at-login-yes = Yes, start when I log in
app-start-at-login-no = Not now
app-settings-session = Sign-in
app-settings-keyring-ok = Your sign-in is kept in this device's secure key store.
app-settings-signed-in-as = Signed in as { $email }
app-settings-server = Server: { $url }
app-settings-version = version { $version }

## Printed slip

app-slip-title = Passport appointment slip
app-slip-no-proof = The QR proof is added once the fee is paid. Print the slip again after paying.
app-slip-footer = Bring this slip or show the QR code in the Antre app. Booking is free; pay only the official fee.

## How the booking was made, attendance
# Variables: $deadline (date and time, formatted)

app-field-source = Made by
app-source-direct = Booked directly
app-source-draw = Won in the draw
app-source-waitlist = From the waitlist
app-source-walk-in = Registered at the desk (priority)
app-source-drive = Member of an outreach drive
app-attendance-title = Confirm attendance
app-attendance-ask = This office asks you to confirm your attendance before { $deadline }. Without it the booking is cancelled and its place goes to the people on the waitlist.
app-attendance-confirm = I will come
app-attendance-confirmed = Attendance confirmed. Thank you.
app-attendance-late = The deadline to confirm attendance ({ $deadline }) has passed.
app-end-not-reconfirmed = This booking was cancelled because attendance was not confirmed by the deadline; its place has gone to the people on the waitlist.

## Release draws in the office calendar
# Variables: $date (date), $release, $opens (date and time, formatted), $time (time with zone),
# $entries, $places, $placed (numbers), $office (office name)

app-office-draws = Coming draws
app-office-draw-days = { $first } to { $last }: quota opens { $release } · by draw
app-office-draw-title = Quota of { $date }
app-draw-upcoming = Entries for the draw open { $opens } until { $release }.
app-draw-accepting = Entries for the draw are open until { $release }; the draw is at { $time }.
app-draw-standing = { $entries ->
        [one] 1 entry
       *[other] { $entries } entries
    } for { $places ->
        [one] 1 place
       *[other] { $places } places
    } at { $office }.
app-draw-drawing = The draw is running ({ $time }). The outcome appears in a few seconds.
app-draw-drawn = Drawn: { $placed } of { $entries } entries got a place.
app-draw-join = Enter the draw
app-draw-see = See the draw

## A full day: the waitlist
# Variables: $date, $from, $to (dates), $offices (office names), $name, $ahead (number)

app-full-title = { $date } is full
app-full-intro = This lane has no places left. Join the waitlist: every place that becomes free (cancelled or not paid) is offered to the next person in line and held for them for a limited time (usually 30 minutes). If they let it pass, it goes to the next person.
app-waitlist-join-title = Join the waitlist
app-waitlist-from = From
app-waitlist-to = Until
app-waitlist-dates-hint = At most 62 days.
app-waitlist-dates-invalid = The end date must be on or after the start date, at most 62 days later.
app-waitlist-offices = Office: { $offices }
app-waitlist-join = Join the waitlist
app-waitlist-joining = Joining…
app-waitlist-joined = { $name } is on the waitlist. { $ahead ->
        [0] Nobody is ahead.
        [one] 1 person is ahead.
       *[other] { $ahead } people are ahead.
    } We will tell you as soon as a place is free for you.
app-waitlist-see = See it in My bookings

## The draw page
# Variables: $release (date and time), $time (time with zone), $name, $position, $entries (numbers),
# $when, $deadline (date and time), $office, $offices (office names), $n (choice number)

app-draw-title = Quota draw
app-draw-release = Quota opens { $release } · by draw
app-draw-how-title = How the draw works
app-draw-how = Everyone who enters before { $release } is put in a random order and served in that order with their choices. Entering early or often does not change the chances, and each NIK can enter once. Those who get a place have a booking at once, to be paid within 2 hours; the others go on the waitlist for the offices they chose.
app-draw-mine = Your entries
app-draw-none-yet = No applicant of this account has entered this draw yet.
app-entry-pending = Entered, waiting for the draw
app-entry-placed = Got a place
app-entry-waitlisted = On the waitlist
app-entry-skipped = Not included in the draw
app-entry-position = Place in the draw: { $position }
app-entry-placed-detail = Appointment on { $when } at { $office }. Pay before { $deadline }, or the place goes to the next person.
app-entry-pay = See the billing code and pay
app-entry-waitlisted-detail = No place this time. { $name } is on the waitlist for { $offices }; every place that becomes free is offered in turn.
app-entry-skipped-detail = This entry was left out because this person already has an active booking or is in a cooling-down period.
app-entry-change = Change choices
app-entry-withdraw = Withdraw the entry
app-entry-withdraw-question = Withdraw the entry of { $name } from this draw?
app-entry-withdraw-yes = Yes, withdraw
app-entry-withdrawn = Entry withdrawn.
app-draw-form-title = Enter the draw
app-draw-form-change-title = Change the entry
app-choices-title = Choices
app-choices-hint = Up to 3, most wanted first. If your first choice has no place left when your turn comes, the next one is tried.
app-choice-office-day = { $date } at { $office }
app-choice-earliest = The earliest day at { $offices }
app-choice-up = Move choice { $n } up
app-choice-down = Move choice { $n } down
app-choice-remove = Remove choice { $n }
app-choice-add-title = Add a choice
app-choice-kind = Kind of choice
app-choice-kind-day = A given day at one office
app-choice-kind-earliest = The earliest day at these offices
app-choice-day = Day
app-choice-no-days = This office has no days in this draw for this lane.
app-choice-offices = Offices (1 to 5)
app-choice-add = Add the choice
app-choice-none = Add at least one choice.
app-choice-full = You have 3 choices.
app-draw-enter = Enter the draw
app-draw-save = Save the changes
app-draw-sending = Sending…
app-draw-entered = { $name } is entered in the draw at { $time }. We will tell you the outcome with a notification.
app-draw-closed = Entries for this draw are closed.

## Checking the draw
# Variables: $name, $position, $entries (numbers), $url, $file (file path), $salt, $id

app-check-title = How the draw is checked
app-check-intro = Before entries open we publish the draw's commitment: the SHA-256 fingerprint of the secret random number (the seed) that sets the order. After the draw the seed and the whole order are published. The order holds only each entry's fingerprint, no personal data, so anyone can check that nobody was moved.
app-check-commitment = Commitment
app-check-seed = Seed
app-check-digest = Fingerprint of the entry of { $name }
app-check-after = The seed and the order are published right after the draw.
app-check-checked-here = Checked on this device:
app-check-seed-ok = the seed matches the commitment;
app-check-seen-before = the commitment is the one this app saw before the draw;
app-check-seen-differs = the commitment DIFFERS from the one this app saw before the draw;
app-check-order-ok = the published order is exactly the one the seed gives.
app-check-failed = The check failed: the published result does not match. Save it and report it to the immigration office.
app-check-mine = The entry of { $name } is number { $position } of { $entries }.
app-check-published = The full result is published at { $url }
app-check-save = Save the draw result (JSON)
app-check-script = Check it yourself with the open script: python3 scripts/verify_draw.py { $file } --mine { $salt } { $id }

## My bookings: draws, waitlist, offers
# Variables: $name, $when (date and time), $office, $until (time with zone), $minutes, $ahead (numbers),
# $release (date and time), $offices, $from, $to (dates)

app-offers-title = Places offered to you
app-offer-text = A place is free for { $name }: { $when } at { $office }.
app-offer-until = Held for you until { $until } ({ $minutes ->
        [one] 1 minute
       *[other] { $minutes } minutes
    } left).
app-offer-accept = Accept this place
app-offer-decline = Let it pass
app-offer-accepting = Accepting…
app-offer-accepted = Place accepted. Pay within 2 hours.
app-offer-declined = You let the place pass; it is offered to the next person. You stay on the waitlist.
app-entries-title = Draws
app-entry-release = Draw of { $release }
app-waitlist-title = Waitlist
app-waitlist-item = { $offices } · { $from } to { $to }
app-waitlist-ahead = { $ahead ->
        [0] You are next.
        [one] 1 person is ahead.
       *[other] { $ahead } people are ahead.
    }
app-waitlist-status-waiting = Waiting for a place
app-waitlist-status-offered = A place is offered
app-waitlist-status-booked = Got a booking
app-waitlist-status-left = Left the waitlist
app-waitlist-leave = Leave the waitlist
app-waitlist-leave-question = Leave the waitlist for { $name }? The place in line cannot be given back.
app-waitlist-leave-yes = Yes, leave
app-waitlist-left = You left the waitlist.

## Account: new codes, forgotten password, devices, deleting the account
# Variables: $os (operating system), $email, $phone, $minutes, $time (e.g. 0:42), $count,
# $min, $channel (email or phone), $device, $when (date and time)

app-device-name = Antre on { $os }
app-auth-verify-email-hint = The email you created the account with
app-auth-forgot-link = Forgot your password?
app-auth-forgot-title = Forgotten password
app-auth-forgot-intro = Enter your account's email. We send a code to set a new password.
app-auth-channel = Send the code by
app-auth-channel-email = Email
app-auth-channel-phone = SMS to the account's mobile number
app-auth-channel-phone-hint = SMS goes only to a verified mobile number. If you never verified it, choose email.
app-auth-forgot-send = Send code
app-auth-reset-title = Set a new password
app-auth-reset-sent = { $channel ->
        [phone] If { $email } has an account whose mobile number is verified, a code went to that number by SMS.
       *[email] If { $email } has an account, a code went to that address.
    } The code is valid for { $minutes } minutes.
app-auth-reset-submit = Save the new password
app-auth-reset-done = Your password is changed and you are signed in. Every other device has been signed out of this account; sign in there again with the new password.
app-auth-reset-done-sign-in = Your password is changed, and every device has been signed out of this account. Sign in with the new password.
app-auth-other-channel = Send it another way
app-field-new-password = New password
app-password-rules = Password rules
app-password-rule-length = At least { $min } characters (now { $count })
app-password-rule-kinds = At least { $min } kinds: lower case, upper case, digits, symbols (now { $count })
app-password-rule-met = met
app-password-rule-unmet = not met yet
app-code-resend = Send a new code
app-code-resend-wait = You can ask for a new code in { $time }.
app-code-resent = { $channel ->
        [phone] A new code went by SMS to the account's mobile number.
       *[email] A new code went to { $email }.
    } The previous code no longer works; the new one is valid for { $minutes } minutes.
app-action-forgot = Forgot your password?
app-action-enter-code = Enter the verification code
app-action-retry = Try again
app-action-sign-in = Sign in
app-action-open-booking = Open this booking
app-action-open-saved = Open saved bookings ({ $count })
app-action-back-to-sign-in = Back to sign in
app-session-ended-rejected = Your session on this device has ended: the account was signed out from another device, its password was changed, or the app was not used for 30 days. Sign in again to go on.
app-session-ended-expired = Your session on this device ended after 90 days. Sign in again to go on.
app-session-ended-saved = { $count ->
        [0] The copy saved on this device holds no upcoming bookings.
       *[other] The bookings and QR codes saved on this device still open without signing in.
    }
app-saved-title = Saved bookings
app-saved-intro = The copy saved on this device, without the latest changes. Sign in to see changes, pay or change a booking.
app-saved-empty = The saved copy holds no upcoming bookings.
app-nav-account = Account
app-account-title = Account
app-account-phone-verified = Mobile number verified
app-account-phone-unverified = Mobile number not verified yet
app-account-email-verified = Email verified
app-account-phone-why = With a verified mobile number, codes to change your password can come by SMS.
app-account-phone-verify-title = Verify your mobile number
app-account-phone-verify-intro = Enter the 6-digit code we sent by SMS to { $phone }. Not received, or more than 15 minutes ago? Ask for a new code.
app-account-phone-verify = Verify mobile number
app-account-phone-verified-now = Your mobile number is verified.
app-account-settings-link = Signed-in devices, signing out and deleting the account are on the Account page.
app-devices-title = Signed-in devices
app-devices-intro = The devices signed in to this account. If you do not know one, sign it out. If someone else may know your password, sign out everywhere, then change the password with “Forgot your password?” on the sign-in page.
app-devices-unnamed = Unnamed device
app-devices-current = This device
app-devices-last-used = Last used { $when }
app-devices-since = Signed in since { $when }
app-devices-sign-out = Sign out
app-devices-sign-out-label = Sign out { $device }
app-devices-signed-out = { $device } has been signed out of this account.
app-devices-everywhere = Sign out everywhere
app-devices-everywhere-question = Sign out on every device, this one too? You will need to sign in again on each, and the bookings saved on this device are removed.
app-devices-everywhere-yes = Yes, sign out everywhere
app-devices-everywhere-done = You have been signed out everywhere.
app-dialog-back = No, go back
app-delete-title = Delete account
app-delete-intro = Under the Personal Data Protection Law (UU PDP) you can delete your account and its personal data.
app-delete-button = Delete account…
app-delete-question = Delete the account { $email }?
app-delete-deleted-heading = What is deleted
app-delete-deleted-account = The account's email, mobile number and password
app-delete-deleted-people = The names, dates of birth and NIKs of every applicant in this account
app-delete-deleted-sessions = The codes sent and every signed-in device
app-delete-deleted-fair = Draw entries not yet drawn, and places on waitlists
app-delete-deleted-device = The bookings, QR codes and reminders saved on this device
app-delete-kept-heading = What is kept
app-delete-kept-bookings = Past and present bookings without name or NIK (office, date, lane, status and fee), to count quotas
app-delete-kept-cooldown = A NIK's waiting period that is running (for example after a no-show), only as a random-looking code, until it ends
app-delete-final = A deleted account cannot be restored. To use Antre again, create a new account.
app-delete-yes = Yes, delete my account
app-delete-refused = This account cannot be deleted yet: it still has an active booking. Cancel the bookings below, or delete the account after your visit:
app-delete-done = Your account has been deleted, and so has its copy on this device.

## The office desk (staff of one office)
app-nav-desk = Desk
app-desk-title = Office desk
app-desk-date = Day
app-desk-empty = No service and nobody booked on this day.
app-desk-roster = The day by lane and hour
app-desk-lane-counts = { $taken } of { $capacity } places taken · { $arrived } arrived · { $expected } expected
app-desk-queue-number = Number { $number }
app-desk-arrival-expected = Expected
app-desk-arrival-arrived = Arrived
app-desk-arrival-unpaid = Not paid yet
app-desk-arrival-no-show = Did not come
app-desk-arrival-ended = Cancelled or lapsed
app-desk-checkin-title = Check in
app-desk-proof = Proof code
app-desk-proof-hint = Scan the QR code (a scanner types it here) or type the code under it.
app-desk-nik = NIK on the e-KTP
app-desk-nik-hint = Optional: type it to make sure the proof is this person's. It is not stored.
app-desk-checkin = Check in
app-desk-checked-in = { $name } checked in: number { $number }
app-desk-walkin-title = Priority walk-in
app-desk-reason = Priority group
app-desk-reason-elderly = 60 or older
app-desk-reason-child = Child under 5
app-desk-reason-pregnant = Pregnant
app-desk-reason-disabled = With a disability
app-desk-beyond-quota = Serve beyond the priority quota if it is used up (recorded)
app-desk-walkin = Register walk-in
app-desk-walked-in = { $name } registered: number { $number }
app-desk-served-beyond = served beyond the quota
app-desk-no-show-title = End of the day
app-desk-no-show-hint = Marks paid bookings whose session has ended and who never came as no-shows.
app-desk-no-show = Mark no-shows
app-desk-no-show-marked = { $count ->
    [one] One booking marked as a no-show.
   *[other] { $count } bookings marked as no-shows.
}

## Camera and event sites at the desk
app-desk-camera-start = Scan with the camera
app-desk-camera-stop = Close the camera
app-desk-camera-view = Camera picture: hold the proof's QR code to the camera
app-desk-camera-looking = Looking for a QR code…
app-desk-camera-failed = The camera could not be opened. Use the scanner or type the code.
app-desk-camera-none = No camera was found on this device. Scan the proof with a USB scanner, or type its code in the field below.
app-desk-camera-denied = Access to the camera was refused. Allow Antre to use the camera in the system settings, or use the scanner or type the code.
app-desk-camera-busy = The camera is in use by another app. Close that app and try again, or use the scanner or type the code.
app-event-site-title = Event site
app-event-site-hint = A place outside the office (a stadium, a mall) for one day with places of its own. Bookable from the release time; a release in the future is drawn like every release.
app-event-site-name = Name of the place
app-event-site-lat = Latitude
app-event-site-lon = Longitude
app-event-site-date = Date
app-event-site-starts = Starts
app-event-site-ends = Ends
app-event-site-capacity = Places
app-event-site-release = Release time (empty: now)
app-event-site-note = Note
app-event-site-create = Open the event site
app-event-site-created = { $name } opened: { $capacity } places, code { $code }
app-booking-event-site = Event site: { $name }

## Outreach drives (outreach officers of an office)
app-nav-outreach = Outreach
app-outreach-title = Outreach drives
app-drive-kind-community = Community
app-drive-kind-school = School
app-drive-kind-company = Company
app-drive-kind-hajj = Hajj (with the religious-affairs office)
app-drive-places = { $registered } of { $capacity } places registered
app-drive-new = New drive
app-drive-kind = Kind
app-drive-name = Group
app-drive-place = Place
app-drive-lat = Latitude
app-drive-lon = Longitude
app-drive-date = Date
app-drive-starts = Starts
app-drive-ends = Ends
app-drive-capacity = Places (the drive's own, not the office's quota)
app-drive-leader = Group leader
app-drive-leader-phone = Leader's mobile number
app-drive-create = Create drive
app-drive-code = code { $code }
app-drive-leader-line = Contact: { $name }, { $phone }
app-member-add-title = Add a member
app-member-kind = Application
app-member-add = Add member
app-member-sent = { $count } registered.
app-member-registered = Registered
app-member-duplicate-nik = This NIK already has an active booking
app-member-invalid = Not valid
app-member-drive-full = No place left in the drive
app-member-limit-reached = Your daily limit of registrations is reached
app-import-title = Import the leader's list
app-import-file = CSV file
app-import-hint = Columns: nama, tanggal_lahir, nik, and optionally jenis (baru/penggantian) and telepon. Nothing is registered if a row is wrong.
app-import-done = { $count } members registered from the list.
app-list-row = Row { $row }
app-export-title = Export
app-export-members = Save the members as CSV
app-export-done = Saved to { $path }
app-hajj-title = Compare with the religious-affairs office's list
app-hajj-file = The office's CSV list (nama, tanggal_lahir, nomor_porsi)
app-hajj-summary = { $matched } of { $members } members match; the list has { $pilgrims } pilgrims.
app-hajj-name-differs = Name spelled differently
app-hajj-birth-differs = Date of birth differs
app-hajj-not-on-list = Not on the office's list
app-hajj-not-in-drive = On the list but not in the drive
app-members-title = Members ({ $count })

## Outreach offline: members captured on this device, sent when the connection is back; the
## printed roster and slips (issue 10).
app-capture-title = Members captured on this device
app-capture-counts = { $captured } captured · { $pending } waiting to be sent · { $sent } sent
app-capture-offline = No connection: members are kept safely (encrypted) on this device and sent automatically when the connection is back.
app-capture-pending = Waiting to be sent
app-capture-on-device = Checked on this device
app-capture-send = Send now
app-capture-discard = Remove
app-capture-refused = The server refused these members: { $message }
app-capture-kept = Kept on this device.
app-print-title = Print
app-print-roster = Save the roster (PDF)
app-print-slips = Save a slip for each member (PDF)
app-roster-title = Drive roster
app-roster-place = Place
app-roster-code = Drive code
app-roster-count-label = Members
app-roster-line = NIK { $nik } · registered { $registered } · billing code { $code } · { $status }
app-roster-empty = No member is registered yet.
app-error-sealed-key-missing = The key of the members kept on this device is no longer in this device's key store, so they cannot be opened. They are kept as they are; please ask for help before capturing more.
app-error-sealed-unreadable = The members kept on this device cannot be opened (the file was changed or comes from another device). They are kept as they are; please ask for help.
app-error-sealed-no-keyring = This device has no secure key store, so members cannot be kept on it while offline. Add members while the connection works, or use a device with a key store.
app-error-already-captured = { $name } ({ $nik }) is already on this drive: captured on this device or registered. This NIK was not captured again.

## Service disruptions: notices, the one-tap special reschedule, service status (issue 11)
app-nav-status = Service status
app-disruption-title = Your appointment is affected by a disruption
# Variables: $time (expected end, preformatted, or the text for unknown)
app-disruption-until = Service expected back: { $time }
app-special-reschedule-hint = Special reschedule: one tap moves it to the earliest place kept for affected appointments, at this office or one nearby. Your own reschedule is not used up.
app-special-reschedule-action = Move my appointment now
# Variables: $office (office name), $time (new time, preformatted)
app-special-reschedule-done = Moved: { $office }, { $time }.
app-notifications-title = Notifications
app-notification-open-booking = See the appointment
# Variables: $count (offices with notices), $total (all offices)
app-status-only-affected = Only offices with notices ({ $count } of { $total })
app-status-all-open = Every office is serving as usual.
app-after-visit-title = After your visit
# Variables: $office (office name)
app-rate-legend = How was the service at { $office }? (1 = bad, 5 = very good)
app-rate-comment = Comment (optional)
app-rate-submit = Send the rating
app-rate-done = Thank you, your rating is recorded.
app-report-title = Asked to pay beyond the official fee?
app-report-question = Did anyone ask you to pay anything beyond the official fee?
app-report-yes = Yes
app-report-no = No
app-report-amount = Amount asked (Rp, if known)
app-report-place = Where (e.g. a counter, the car park, a broker outside)
# Variables: $zone (WIB, WITA or WIT)
app-report-when = When ({ $zone } time; leave empty if at your appointment)
app-report-description = What happened
app-report-anonymous = Send anonymously (the report keeps neither your account nor your booking, only the office and the day)
app-report-submit = Send the report
app-report-done = The report went to the office's integrity unit and the ombudsman. Thank you.

## An office's results over time (issue 11): staff, the office's head, admins
app-nav-results = Office results
app-results-title = Office results
app-results-intro = Visit ratings per week or per month and reports of payments asked beyond the official fee. Who reported is never shown.
app-results-office = Office
app-results-period = Period
# Variables: $weeks (number)
app-results-weeks = Last { $weeks } weeks
# Week or month: how the ratings are grouped
app-results-by = Group by
app-results-by-week = Week
app-results-by-month = Month
# Variables: $months (number)
app-results-months = Last { $months } months
app-results-months-caption = Ratings per calendar month (by the visit's date, the office's local time)
app-results-month = Month
# Variables: $from, $to (dates, already formatted)
app-results-range = Visits from { $from } to { $to }
app-results-ratings = Visit ratings
app-results-no-ratings = No ratings in this period yet.
# Variables: $count (number), $average (already formatted, e.g. 4.25)
app-results-overall = { $count } ratings, average { $average } out of 5.
app-results-weeks-caption = Ratings per week (Monday to Sunday)
app-results-week = Week starting
app-results-count = Ratings
app-results-average = Average (1-5)
app-results-comments = Applicants' comments
# Variables: $date (already formatted)
app-results-week-of = Week starting { $date }
app-results-reports = Integrity reports
# Variables: $count (number of reports), $asked (of them, asked to pay beyond the official fee)
app-results-reports-count = { $count } reports; { $asked } say money beyond the official fee was asked.
app-results-reports-anonymous = Only where and when it happened; this page shows nobody who reported.
# Variables: $place (as the reporter wrote it)
app-results-report-place = at { $place }
app-results-report-asked = asked to pay beyond the official fee
# Variables: $amount (already formatted, e.g. Rp500,000)
app-results-report-asked-amount = asked to pay { $amount } beyond the official fee

## Date field: typed day/month/year (order from format-date-numeric), not the US format

app-date-placeholder = dd/mm/yyyy
# Variables: $example (an example date in figures, e.g. 15/12/2026)
app-date-hint = Type day/month/year, e.g. { $example }. Up/Down arrows change the day, Page Up/Page Down the month.
# Variables: $example (an example date in figures)
app-date-invalid = Date not recognised. Type day/month/year, e.g. { $example }.
# Variables: $min (the earliest date, formatted)
app-date-too-early = The earliest date is { $min }.
# Variables: $max (the latest date, formatted)
app-date-too-late = The latest date is { $max }.

## Time field: typed 24-hour with the separator of format-time (14:30), not the US format (02:30 PM)

app-time-placeholder = hh:mm
# Variables: $example (an example time with its separator, e.g. 14:30)
app-time-hint = Type hours and minutes (24-hour), e.g. { $example }. Up/Down arrows change the minute, Page Up/Page Down the hour.
# Variables: $example (an example time)
app-time-invalid = Time not recognised. Type hours and minutes (24-hour), e.g. { $example }.
# Variables: $min (the earliest time, formatted)
app-time-too-early = The earliest time is { $min }.
# Variables: $max (the latest time, formatted)
app-time-too-late = The latest time is { $max }.
# The labels of the two parts of a date-and-time field (e.g. a release time, when something happened)
app-datetime-date = Date
app-datetime-time = Time

## The appointment slip saved as a PDF through the system's save dialog

app-slip-save-title = Save the appointment slip (PDF)
# The proposed file name, without ".pdf". Variables: $date (the appointment's date, YYYY-MM-DD)
app-slip-file-name = antre-appointment-{ $date }
app-slip-file-filter = PDF document
app-slip-open = Open PDF
