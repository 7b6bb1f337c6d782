### Texts for the calendar event (.ics file) that comes with the booking proof.
### All dates and times are preformatted by the caller, in the office's local time.

# Event title. Variables: $office (immigration office name)
calendar-summary = Passport appointment at { $office }

# Event description. Variables: $name (applicant name), $office, $date (date), $time (time and
# zone), $billing_code (billing code), $documents (document list, already joined)
calendar-description =
    Applicant: { $name }
    Place: { $office }
    Time: { $date }, { $time }
    Billing code: { $billing_code }

    Bring these original documents: { $documents }.
    Show your booking proof (QR code) to the officer when you arrive.

    { notice-official-fee-only }

# Calendar reminder before the event. Variables: $office, $time (time and zone)
calendar-alarm = Passport appointment at { $time } at { $office }. Remember to bring the original documents.
