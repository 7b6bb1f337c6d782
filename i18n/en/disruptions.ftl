### Closures and disruptions: what applicants are told, the public status page.

## Reasons (shown with the office's own note)
disruption-reason-central-system = The central passport system is down
disruption-reason-network = Network outage
disruption-reason-power = Power outage
disruption-reason-disaster = Natural disaster or emergency
disruption-reason-renovation = Renovation or relocation
disruption-reason-other = Other reason

disruption-kind-closure = Closed
disruption-kind-disruption = Service disrupted

office-state-open = Open
office-state-disrupted = Disrupted
office-state-closed = Closed

# Shown where the expected end is not known.
disruption-until-unknown = not known yet

## Notices in the app
# Variables: $office (office name), $reason (reason text), $note (the office's note),
# $until (expected end, preformatted, or the text for unknown)
notification-disrupted-title = Your appointment is affected
notification-disrupted-body = { $office }: { $reason }. { $note } Service expected back: { $until }. Your booking stays valid; you may move it once, free of charge and without using up your reschedule, with one tap.
notification-disruption-updated-title = Update about your office
notification-disruption-updated-body = { $office }: { $note } Service expected back: { $until }.
# Variables: $office
notification-service-restored-title = Service is back
notification-service-restored-body = { $office } is serving again. Your booking stands as it is.

## SMS (keep within 160 GSM-7 characters once filled in; no accents)
# Variables: $office, $until
sms-disrupted = ANTRE: {$office} is closed or disrupted. Expected back: {$until}. Your booking stays valid; move it free of charge in the app.
sms-service-restored = ANTRE: {$office} is serving again. Your booking stands.

## The public status page
status-page-title = Service status of immigration offices
status-page-intro = Whether each office is open, disrupted or closed, with the latest notice. No account needed.
# Variables: $time (preformatted)
status-page-generated = As of { $time }
status-page-current = Current notice
status-page-history = Earlier notices
status-page-none = No notices.
# Variables: $time (preformatted)
status-page-since = Since { $time }
# Variables: $time (preformatted, or the text for unknown)
status-page-expected-end = Expected back: { $time }
# Variables: $time (preformatted)
status-page-restored = Restored { $time }
status-page-office = Office
status-page-state = Status
status-page-json = This page as data (JSON)

## After the visit (sent at check-in)
# Variables: $office
notification-visit-feedback-title = How was your visit?
notification-visit-feedback-body = Rate your visit to { $office } from 1 to 5. Were you asked to pay anything beyond the official fee? You can report it, anonymously if you wish.
