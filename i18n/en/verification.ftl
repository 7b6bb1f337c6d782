### One-time code messages for account verification and sign-in.

# Subject of the email carrying the code.
verification-code-subject = Your Antre verification code
# SMS or email text. Variables: $code (the one-time code)
verification-code-message = Your Antre code is { $code }. Valid 15 minutes. Never share it.
