//! Error codes returned by the API and the message ids that explain them.

/// Every error code the API can return. Each has a message `error-<code>` (underscores turned
/// into hyphens, see [`error_message_id`]) in every locale; the tests enforce it.
///
/// Messages that take variables: `applicant_limit_reached` (`$max`, a number),
/// `slot_not_released` (`$released_at`, preformatted date and time text) and
/// `nik_cooling_down` (`$until`, preformatted date; `$reason`, `lapses` or `no_show`),
/// `csv_missing_column` (`$column`), `csv_too_many_rows`, `text_too_long` and `officer_limit_reached` (`$max`),
/// `csv_rows_invalid` (`$count`), `proof_other_office` (`$office`, its name) and
/// `proof_other_day` (`$date`, preformatted).
pub const ERROR_CODES: &[&str] = &[
    "invalid_request",
    "payload_too_large",
    "invalid_nik_length",
    "invalid_nik_digits",
    "invalid_nik_province",
    "invalid_nik_birth_date",
    "nik_birth_date_mismatch",
    "invalid_name",
    "invalid_email",
    "invalid_phone",
    "weak_password",
    "invalid_date",
    "invalid_lane",
    "unauthorized",
    "forbidden",
    "invalid_credentials",
    "account_not_verified",
    "invalid_verification_code",
    "email_taken",
    "rate_limited",
    "applicant_limit_reached",
    "duplicate_applicant",
    "not_found",
    "office_not_found",
    "slot_not_found",
    "slot_not_released",
    "slot_full",
    "nik_has_active_booking",
    "lane_not_eligible",
    "service_not_offered",
    "ten_year_not_allowed",
    "reschedule_limit_reached",
    "reschedule_too_late",
    "cancel_too_late",
    "booking_not_active",
    "payment_not_pending",
    "idempotency_key_missing",
    "idempotency_key_reused",
    "invalid_proof",
    "wrong_office",
    "not_today",
    "invalid_signature",
    "date_out_of_range",
    "same_slot",
    "reschedule_other_office",
    "reschedule_other_lane",
    "applicant_has_active_booking",
    "overloaded",
    "day_closed",
    "counter_payment_not_allowed",
    "method_not_allowed",
    "unsupported_media_type",
    "name_characters",
    "invalid_coordinates",
    "draw_not_open",
    "draw_not_drawn",
    "draw_in_progress",
    "nik_entered_elsewhere",
    "invalid_choice",
    "already_waitlisted",
    "offer_not_open",
    "applicant_changes_limit",
    "nik_cooling_down",
    "account_has_active_booking",
    "too_many_attempts",
    "attendance_not_asked",
    "attendance_too_late",
    "hajj_name_too_short",
    "invalid_birth_date",
    "nik_spreadsheet_number",
    "invalid_application_kind",
    "value_missing",
    "walk_in_not_eligible",
    "csv_wrong_encoding",
    "csv_empty",
    "csv_malformed",
    "csv_missing_column",
    "csv_too_many_rows",
    "not_outreach_officer",
    "drive_not_found",
    "drive_full",
    "officer_limit_reached",
    "duplicate_nik_in_list",
    "csv_rows_invalid",
    "member_id_reused",
    "proof_other_office",
    "proof_other_day",
    "proof_other_person",
    "proof_revoked",
    "already_checked_in",
    "booking_unpaid",
    "priority_quota_full",
    "walk_in_exists",
    "day_not_open",
    "event_site_exists",
    "not_hajj_drive",
    "invalid_time_range",
    "invalid_search_area",
    "disruption_end_before_start",
    "disruption_restored",
    "not_stranded",
    "no_place_for_special_reschedule",
    "rating_out_of_range",
    "not_visited",
    "text_too_long",
    "already_rated",
    "already_reported",
    "applicant_identity_locked",
    "internal",
];

/// The message id explaining an error code: `slot_full` becomes `error-slot-full`.
pub fn error_message_id(code: &str) -> String {
    format!("error-{}", code.replace('_', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_ids() {
        assert_eq!(error_message_id("slot_full"), "error-slot-full");
        assert_eq!(
            error_message_id("nik_has_active_booking"),
            "error-nik-has-active-booking"
        );
        assert_eq!(error_message_id("internal"), "error-internal");
    }

    #[test]
    fn codes_are_unique_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for code in ERROR_CODES {
            assert!(seen.insert(code), "duplicate {code}");
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'),
                "{code}"
            );
        }
        // And no error message is left without its code (a code removed, its text forgotten).
        for (_, file, source) in crate::localizer::FTL_FILES {
            for line in source.lines() {
                let Some(id) = line
                    .strip_prefix("error-")
                    .and_then(|l| l.split(" =").next())
                else {
                    continue;
                };
                let code = id.replace('-', "_");
                assert!(
                    seen.contains(&code.as_str()),
                    "{file}: error-{id} has no code"
                );
            }
        }
    }
}
