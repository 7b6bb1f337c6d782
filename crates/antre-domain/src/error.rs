use thiserror::Error;

/// Every way a domain rule can refuse. `code()` is stable: the UI maps it to a Fluent message
/// `error-<code>` and clients branch on it, so codes are never renamed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum DomainError {
    #[error("NIK must be exactly 16 characters")]
    NikLength,
    #[error("NIK must contain digits only")]
    NikDigits,
    #[error("NIK province code is not a known province")]
    NikProvince,
    #[error("NIK birth date is not a real date")]
    NikBirthDate,
    #[error("NIK birth date does not agree with the entered birth date")]
    NikBirthDateMismatch,
    #[error("name is not a valid e-KTP name")]
    InvalidName,
    #[error("name has characters an e-KTP does not print")]
    NameCharacters,
    #[error("email address is not valid")]
    InvalidEmail,
    #[error("phone number is not a valid Indonesian number")]
    InvalidPhone,
    #[error("password is too weak")]
    WeakPassword,
    #[error("an account may hold at most {max} applicants")]
    ApplicantLimit { max: usize },
    #[error("the applicant is not eligible for the priority lane")]
    LaneNotEligible,
    #[error("10-year validity needs the applicant to be 17 or older, or married")]
    TenYearNotAllowed,
    #[error("a booking may be rescheduled only once")]
    RescheduleLimit,
    #[error("rescheduling is allowed until the day before the appointment")]
    RescheduleTooLate,
    #[error("the appointment has already started")]
    CancelTooLate,
    #[error("the booking is no longer active")]
    BookingNotActive,
    #[error("this office does not ask to reconfirm attendance")]
    AttendanceNotAsked,
    #[error("the time to reconfirm attendance has passed")]
    AttendanceTooLate,
    #[error("a hajj passport needs a name of at least three words")]
    HajjNameTooShort,
    #[error("the birth date is not a date, or not a possible one")]
    InvalidBirthDate,
    #[error("the NIK was turned into a number by a spreadsheet")]
    NikSpreadsheetNumber,
    #[error("the kind of application is not one we know")]
    InvalidApplicationKind,
    #[error("a required value is missing")]
    ValueMissing,
    #[error("the person does not belong to the priority group given")]
    WalkInNotEligible,
    #[error("the file is not UTF-8 text")]
    CsvNotUtf8,
    #[error("the file has no rows")]
    CsvEmpty,
    #[error("the file is not a readable CSV file")]
    CsvMalformed,
    #[error("the list has no {column} column")]
    CsvMissingColumn { column: String },
    #[error("the list has more than {max} rows")]
    CsvTooManyRows { max: usize },
    #[error("the expected end comes before the start")]
    DisruptionEndBeforeStart,
    #[error("a rating is a whole number from 1 to 5")]
    RatingOutOfRange,
    #[error("only a visit that took place (checked in) can be rated or reported on")]
    NotVisited,
    #[error("the text is longer than {max} characters")]
    TextTooLong { max: usize },
}

impl DomainError {
    pub fn code(&self) -> &'static str {
        match self {
            Self::NikLength => "invalid_nik_length",
            Self::NikDigits => "invalid_nik_digits",
            Self::NikProvince => "invalid_nik_province",
            Self::NikBirthDate => "invalid_nik_birth_date",
            Self::NikBirthDateMismatch => "nik_birth_date_mismatch",
            Self::InvalidName => "invalid_name",
            Self::NameCharacters => "name_characters",
            Self::InvalidEmail => "invalid_email",
            Self::InvalidPhone => "invalid_phone",
            Self::WeakPassword => "weak_password",
            Self::ApplicantLimit { .. } => "applicant_limit_reached",
            Self::LaneNotEligible => "lane_not_eligible",
            Self::TenYearNotAllowed => "ten_year_not_allowed",
            Self::RescheduleLimit => "reschedule_limit_reached",
            Self::RescheduleTooLate => "reschedule_too_late",
            Self::CancelTooLate => "cancel_too_late",
            Self::BookingNotActive => "booking_not_active",
            Self::AttendanceNotAsked => "attendance_not_asked",
            Self::AttendanceTooLate => "attendance_too_late",
            Self::HajjNameTooShort => "hajj_name_too_short",
            Self::InvalidBirthDate => "invalid_birth_date",
            Self::NikSpreadsheetNumber => "nik_spreadsheet_number",
            Self::InvalidApplicationKind => "invalid_application_kind",
            Self::ValueMissing => "value_missing",
            Self::WalkInNotEligible => "walk_in_not_eligible",
            Self::CsvNotUtf8 => "csv_wrong_encoding",
            Self::CsvEmpty => "csv_empty",
            Self::CsvMalformed => "csv_malformed",
            Self::CsvMissingColumn { .. } => "csv_missing_column",
            Self::CsvTooManyRows { .. } => "csv_too_many_rows",
            Self::DisruptionEndBeforeStart => "disruption_end_before_start",
            Self::RatingOutOfRange => "rating_out_of_range",
            Self::NotVisited => "not_visited",
            Self::TextTooLong { .. } => "text_too_long",
        }
    }
}

impl DomainError {
    /// One error of each kind, in declaration order (tests check every code has messages).
    pub fn examples() -> Vec<DomainError> {
        vec![
            DomainError::NikLength,
            DomainError::NikDigits,
            DomainError::NikProvince,
            DomainError::NikBirthDate,
            DomainError::NikBirthDateMismatch,
            DomainError::InvalidName,
            DomainError::NameCharacters,
            DomainError::InvalidEmail,
            DomainError::InvalidPhone,
            DomainError::WeakPassword,
            DomainError::ApplicantLimit { max: 5 },
            DomainError::LaneNotEligible,
            DomainError::TenYearNotAllowed,
            DomainError::RescheduleLimit,
            DomainError::RescheduleTooLate,
            DomainError::CancelTooLate,
            DomainError::BookingNotActive,
            DomainError::AttendanceNotAsked,
            DomainError::AttendanceTooLate,
            DomainError::HajjNameTooShort,
            DomainError::InvalidBirthDate,
            DomainError::NikSpreadsheetNumber,
            DomainError::InvalidApplicationKind,
            DomainError::ValueMissing,
            DomainError::WalkInNotEligible,
            DomainError::CsvNotUtf8,
            DomainError::CsvEmpty,
            DomainError::CsvMalformed,
            DomainError::CsvMissingColumn {
                column: "nik".into(),
            },
            DomainError::CsvTooManyRows { max: 1000 },
            DomainError::DisruptionEndBeforeStart,
            DomainError::RatingOutOfRange,
            DomainError::NotVisited,
            DomainError::TextTooLong { max: 1000 },
        ]
    }

    #[cfg(test)]
    /// The kind's place in `examples()`. Exhaustive: a new kind cannot be added without a
    /// place here, and the test below then fails until `examples()` lists it.
    fn kind_index(&self) -> usize {
        match self {
            Self::NikLength => 0,
            Self::NikDigits => 1,
            Self::NikProvince => 2,
            Self::NikBirthDate => 3,
            Self::NikBirthDateMismatch => 4,
            Self::InvalidName => 5,
            Self::NameCharacters => 6,
            Self::InvalidEmail => 7,
            Self::InvalidPhone => 8,
            Self::WeakPassword => 9,
            Self::ApplicantLimit { .. } => 10,
            Self::LaneNotEligible => 11,
            Self::TenYearNotAllowed => 12,
            Self::RescheduleLimit => 13,
            Self::RescheduleTooLate => 14,
            Self::CancelTooLate => 15,
            Self::BookingNotActive => 16,
            Self::AttendanceNotAsked => 17,
            Self::AttendanceTooLate => 18,
            Self::HajjNameTooShort => 19,
            Self::InvalidBirthDate => 20,
            Self::NikSpreadsheetNumber => 21,
            Self::InvalidApplicationKind => 22,
            Self::ValueMissing => 23,
            Self::WalkInNotEligible => 24,
            Self::CsvNotUtf8 => 25,
            Self::CsvEmpty => 26,
            Self::CsvMalformed => 27,
            Self::CsvMissingColumn { .. } => 28,
            Self::CsvTooManyRows { .. } => 29,
            Self::DisruptionEndBeforeStart => 30,
            Self::RatingOutOfRange => 31,
            Self::NotVisited => 32,
            Self::TextTooLong { .. } => 33,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_list_every_kind_once() {
        let examples = DomainError::examples();
        for (i, e) in examples.iter().enumerate() {
            assert_eq!(e.kind_index(), i, "{e:?}");
        }
        let codes: std::collections::HashSet<_> = examples.iter().map(|e| e.code()).collect();
        assert_eq!(codes.len(), examples.len(), "codes are distinct");
    }
}
