### Common words: weekday and month names, date and time formats, time zones, service types
### and booking statuses. Shared by the server, the app and the web UI.

## Weekdays (attribute .short: abbreviation for calendars)

weekday-monday = Monday
    .short = Mon
weekday-tuesday = Tuesday
    .short = Tue
weekday-wednesday = Wednesday
    .short = Wed
weekday-thursday = Thursday
    .short = Thu
weekday-friday = Friday
    .short = Fri
weekday-saturday = Saturday
    .short = Sat
weekday-sunday = Sunday
    .short = Sun

## Months (attribute .short: abbreviation)

month-january = January
    .short = Jan
month-february = February
    .short = Feb
month-march = March
    .short = Mar
month-april = April
    .short = Apr
month-may = May
    .short = May
month-june = June
    .short = Jun
month-july = July
    .short = Jul
month-august = August
    .short = Aug
month-september = September
    .short = Sep
month-october = October
    .short = Oct
month-november = November
    .short = Nov
month-december = December
    .short = Dec

## Date and time formats

# Full date, e.g. "Tuesday, 25 November 2025".
# Variables: $weekday (weekday name), $day (day of month, no leading zero), $month (month name), $year
format-date-long = { $weekday }, { $day } { $month } { $year }
# A calendar month, e.g. "January 2027". Variables: $month (month name), $year
format-month-year = { $month } { $year }
# Date in figures, as typed into a date field, e.g. "15/12/2026" (day first, as in Indonesia).
# Variables: $day and $month (two digits), $year (four digits). Their order is also the typing order.
format-date-numeric = { $day }/{ $month }/{ $year }
# Clock time, e.g. "09:00 WIB". Variables: $hour and $minute (two digits), $zone (zone label)
format-time = { $hour }:{ $minute } { $zone }

## Time zones (attribute .long: full name)

zone-wib = WIB
    .long = Western Indonesia Time (UTC+7)
zone-wita = WITA
    .long = Central Indonesia Time (UTC+8)
zone-wit = WIT
    .long = Eastern Indonesia Time (UTC+9)

## Queue lanes

lane-regular = Regular
lane-same-day = Same-day (passport ready the same day)
lane-priority = Priority

## Groups entitled to the priority lane

priority-elderly = Older people (60 and over)
priority-child-under-five = Children under 5
priority-disability = People with disabilities
priority-pregnant = Pregnant women

## Passport and application types

service-passport-ordinary = Ordinary passport
service-passport-electronic = Electronic passport (e-passport)
service-validity-5y = 5-year validity
service-validity-10y = 10-year validity
service-application-new = New application
service-application-renewal = Renewal of an expired or expiring passport
service-application-lost = Replacement of a lost passport
service-application-damaged = Replacement of a damaged passport

## Booking statuses

status-pending-payment = Awaiting payment
status-confirmed = Confirmed
status-checked-in = Checked in
status-cancelled = Cancelled
status-lapsed = Cancelled automatically (not paid in time)
status-no-show = Did not attend
