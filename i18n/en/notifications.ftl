### Reminders sent to applicants (app notification, email or SMS).
### Each reminder has a title (-title) and a body (-body).

## Payment deadline
# Variables: $amount (preformatted, e.g. Rp350,000), $billing_code,
# $deadline (preformatted time and date of the deadline), $office

notification-payment-deadline-title = Please pay now
notification-payment-deadline-body = Pay { $amount } with billing code { $billing_code } before { $deadline }. If it is not paid by then, your appointment at { $office } is cancelled automatically.

## Evening before the appointment
# Variables: $name (applicant name), $time (time and zone), $office,
# $move_until (until when the appointment can still be moved, formatted)

notification-evening-before-title = Tomorrow: passport appointment
notification-evening-before-body = { $name } has an appointment tomorrow at { $time } at { $office }. Have the original documents and the booking proof (QR code) ready. Pay only the official fee; do not give money to anyone. The appointment can still be moved until { $move_until }.
# An appointment already moved once (it cannot be moved again). Variables: $name, $time, $office
notification-evening-before-fixed-body = { $name } has an appointment tomorrow at { $time } at { $office }. Have the original documents and the booking proof (QR code) ready. Pay only the official fee; do not give money to anyone. This appointment was already moved once and cannot be moved again; it can be cancelled until it starts.

## Morning of the appointment
# Variables: $name (applicant name), $time (time and zone), $office

notification-morning-of-title = Today: passport appointment
notification-morning-of-body = Today at { $time }, { $name } is expected at { $office }. Please be on time and bring the original documents and the booking proof (QR code).

## Draw outcomes (background check)
# Variables: $name (applicant), $when (date and time of the appointment, formatted), $office,
# $deadline (payment deadline, formatted)

notification-draw-placed-title = You have a place
notification-draw-placed-body = { $name } has an appointment on { $when } at { $office }. Pay the official fee within 2 hours, before { $deadline }, or the place goes to the next person.

# Variables: $name, $offices (office names, comma-separated)

notification-draw-waitlisted-title = No place this time
notification-draw-waitlisted-body = { $name } did not get a place in this draw and is now on the waitlist for { $offices }. We will tell you as soon as a place is free.

# Variables: $name

notification-draw-skipped-title = Not included in the draw
notification-draw-skipped-body = The entry of { $name } was left out of the draw because this person already has an active booking or is in a cooling-down period.

## A place offered from the waitlist
# Variables: $name, $when (date and time of the appointment), $office, $until (when the offer ends, time with zone)

notification-waitlist-offer-title = A place is free for you
notification-waitlist-offer-body = A place for { $name } on { $when } at { $office } is held for you until { $until }: accept it or let it pass in the Antre app.

## Quota opens (a reminder the user set for days whose quota is not open yet)
# Variables: $office, $days (dates, formatted)

notification-quota-opens-title = The quota opens now
notification-quota-opens-body = The quota of { $office } for { $days } opens now. Open Antre to choose a time.
