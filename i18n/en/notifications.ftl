### Reminders sent to applicants (app notification, email or SMS).
### Each reminder has a title (-title) and a body (-body).

## Payment deadline
# Variables: $amount (preformatted, e.g. Rp350,000), $billing_code,
# $deadline (preformatted time and date of the deadline), $office

notification-payment-deadline-title = Please pay now
notification-payment-deadline-body = Pay { $amount } with billing code { $billing_code } before { $deadline }. If it is not paid by then, your appointment at { $office } is cancelled automatically.

## Evening before the appointment
# Variables: $name (applicant name), $time (time and zone), $office

notification-evening-before-title = Tomorrow: passport appointment
notification-evening-before-body = { $name } has an appointment tomorrow at { $time } at { $office }. Have the original documents and the booking proof (QR code) ready. Pay only the official fee; do not give money to anyone.

## Morning of the appointment
# Variables: $name (applicant name), $time (time and zone), $office

notification-morning-of-title = Today: passport appointment
notification-morning-of-body = Today at { $time }, { $name } is expected at { $office }. Please be on time and bring the original documents and the booking proof (QR code).
