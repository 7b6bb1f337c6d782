//! Billing codes: what the applicant pays at a bank or e-wallet, in the style of the state
//! revenue system (16 digits, no leading zero). Unique per booking; a clash is drawn again.

use rand::Rng;

/// Whether `text` has the form of a billing code; only then can it name a booking.
pub fn is_code(text: &str) -> bool {
    text.len() == 16 && text.bytes().all(|b| b.is_ascii_digit())
}

pub fn new_code() -> String {
    let mut rng = rand::thread_rng();
    (0..16)
        .map(|i| {
            let digit = if i == 0 {
                rng.gen_range(1..10)
            } else {
                rng.gen_range(0..10)
            };
            char::from(b'0' + digit)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn codes_are_sixteen_digits_without_a_leading_zero() {
        for _ in 0..200 {
            let code = super::new_code();
            assert!(super::is_code(&code), "{code}");
            assert_ne!(code.as_bytes()[0], b'0');
        }
        for not_a_code in [
            "",
            "123456789012345",
            "12345678901234567",
            "123456789012345x",
        ] {
            assert!(!super::is_code(not_a_code), "{not_a_code}");
        }
    }
}
