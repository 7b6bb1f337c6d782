### Official fees (Government Regulation 45/2024). The server keeps the amounts as data;
### this file only names each fee item and holds the notice about unofficial payments.

fee-heading = Official fees
fee-ordinary-5y = Ordinary passport, valid for 5 years
fee-ordinary-10y = Ordinary passport, valid for 10 years
fee-electronic-5y = Electronic passport, valid for 5 years
fee-electronic-10y = Electronic passport, valid for 10 years
fee-same-day = Same-day service (added to the passport fee)
fee-lost = Replacing a lost passport (added to the passport fee)
fee-damaged = Replacing a damaged passport (added to the passport fee)
fee-total = Total to pay
fee-legal-basis = As set by Government Regulation (PP) No. 45 of 2024.

# Shown wherever a fee is mentioned, including the calendar file.
notice-official-fee-only = Pay only the official fee, with your billing code, through an official payment channel. Do not give money to anyone else, including officers or agents (calo). Booking an appointment is free.
