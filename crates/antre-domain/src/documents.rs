//! What to bring to the counter. Each entry is a Fluent message id (`doc-*`).

use crate::fees::ApplicationKind;

/// From this age an applicant comes on their own; younger, both parents come with them.
pub const ADULT_AGE: u32 = 17;

/// Under 17, both parents attend with the child (and bring their documents).
pub fn parents_attend(age: u32) -> bool {
    age < ADULT_AGE
}

const ADULT_NEW: &[&str] = &[
    "doc-ektp",
    "doc-family-card",
    "doc-birth-or-marriage-or-diploma",
];
const CHILD: &[&str] = &[
    "doc-parents-ektp",
    "doc-family-card",
    "doc-birth-certificate",
    "doc-parents-marriage-book",
    "doc-parents-passports",
    "doc-parental-statement",
];

/// The checklist for an application. Children under 17 bring their parents' documents and
/// both parents attend.
pub fn documents_to_bring(application: ApplicationKind, age: u32) -> Vec<&'static str> {
    let base = if parents_attend(age) {
        CHILD
    } else {
        ADULT_NEW
    };
    let mut list: Vec<&'static str> = match application {
        // Renewal of a passport issued in Indonesia after 2009 needs only e-KTP + old passport;
        // the full set is listed for children, whose parents' documents are always needed.
        ApplicationKind::Renewal if !parents_attend(age) => vec!["doc-ektp", "doc-old-passport"],
        ApplicationKind::Renewal => [base, &["doc-old-passport"]].concat(),
        ApplicationKind::Lost => [&["doc-police-report"], base].concat(),
        ApplicationKind::Damaged => [&["doc-damaged-passport"], base].concat(),
        ApplicationKind::New => base.to_vec(),
    };
    list.dedup();
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checklists_follow_the_brief() {
        assert_eq!(documents_to_bring(ApplicationKind::New, 30), ADULT_NEW);
        assert_eq!(
            documents_to_bring(ApplicationKind::Renewal, 30),
            ["doc-ektp", "doc-old-passport"]
        );
        assert_eq!(
            documents_to_bring(ApplicationKind::Lost, 30)[0],
            "doc-police-report"
        );
        assert!(documents_to_bring(ApplicationKind::Damaged, 40).contains(&"doc-damaged-passport"));
        assert!(documents_to_bring(ApplicationKind::New, 4).contains(&"doc-parental-statement"));
    }
}
