### One-time code messages for account verification and sign-in.

# Subject of the email carrying the code.
verification-code-subject = Your Antre verification code
# SMS or email text. Variables: $code (the one-time code)
verification-code-message = Your Antre code is { $code }. Valid 15 minutes. Never share it.
# SMS or email text for a password reset. Variables: $code (the one-time code)
reset-code-message = Your Antre code to replace your password is { $code }. Valid 15 minutes. If you did not ask for it, ignore this message and never share the code.
