//! Billing codes: what the applicant pays at a bank or e-wallet, in the style of the state
//! revenue system (16 digits, no leading zero). Unique per booking; a clash is drawn again.

use rand::Rng;

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
            assert_eq!(code.len(), 16);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
            assert_ne!(code.as_bytes()[0], b'0');
        }
    }
}
