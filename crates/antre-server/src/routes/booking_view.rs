//! A booking as the API shows it: the fee lines, the documents to bring, the signed proof
//! once paid, the payments received, and what the office asks (attendance reconfirmation).

use super::offices::office;
use crate::catalog::summary;
use crate::error::ApiError;
use crate::state::AppState;
use crate::store::bookings::Booking;
use crate::store::payments;
use antre_api::bookings::{
    ActionRule, AttendanceView, BookingActions, BookingApplicant, BookingSource, BookingView,
    EndReason, FeeLineView, PaymentOutcome, PaymentView, RefundReason,
};
use antre_domain::booking::{
    check_cancel, check_confirm_attendance, check_reschedule, BookingStatus, Reschedule,
    MAX_RESCHEDULES,
};
use antre_domain::documents::documents_to_bring;
use antre_domain::fees::official_fee;
use antre_domain::lane::Lane;
use antre_domain::person::age_on;

pub fn booking_view(state: &AppState, b: &Booking) -> Result<BookingView, ApiError> {
    let entry = office(state, &b.office_id)?;
    let fee = official_fee(
        b.passport_kind,
        b.validity,
        b.application_kind,
        b.lane == Lane::SameDay,
    );
    let age = age_on(b.applicant_birth_date, b.day);
    let proof = matches!(
        b.status,
        BookingStatus::Confirmed | BookingStatus::CheckedIn
    )
    .then(|| state.proof_keys.sign(b, &state.personal_data));
    let confirm_by = confirm_by(entry, b);
    let now = state.clock.now();
    let reschedule = check_reschedule(
        b.status,
        b.reschedules,
        b.day,
        state.catalog.today_at(entry, now),
        b.slot_closed,
    );
    let actions = BookingActions {
        cancel: ActionRule::from_check(
            check_cancel(b.status, b.starts_at, now).map_err(|e| e.code()),
        ),
        reschedule_special: reschedule == Ok(Reschedule::AfterClosure),
        reschedule: ActionRule::from_check(reschedule.map_err(|e| e.code())),
        confirm_attendance: ActionRule::from_check(
            check_confirm_attendance(b.status, confirm_by, now).map_err(|e| e.code()),
        ),
        rate_visit: ActionRule::from_check(after_visit(b.status, b.rated, "already_rated")),
        report_integrity: ActionRule::from_check(after_visit(
            b.status,
            b.reported,
            "already_reported",
        )),
    };
    Ok(BookingView {
        id: b.id,
        status: b.status,
        applicant: BookingApplicant {
            id: b.applicant_id,
            name: b.applicant_name.clone(),
            nik_masked: b.nik_masked.clone(),
        },
        office: summary(entry, None),
        slot_id: b.slot_id,
        date: b.day,
        session: b.session.clone(),
        starts_at: b.starts_at,
        ends_at: b.ends_at,
        lane: b.lane,
        passport_kind: b.passport_kind,
        validity: b.validity,
        application_kind: b.application_kind,
        fee_total: fee.total(),
        fee_lines: fee
            .lines
            .iter()
            .map(|l| FeeLineView {
                item: l.item.to_string(),
                rupiah: l.rupiah,
            })
            .collect(),
        billing_code: b.billing_code.clone(),
        payment_deadline: b.payment_deadline,
        documents: documents_to_bring(b.application_kind, age)
            .into_iter()
            .map(str::to_string)
            .collect(),
        reschedules_left: MAX_RESCHEDULES.saturating_sub(b.reschedules),
        proof,
        created_at: b.created_at,
        payments: b.payments.iter().map(payment_view).collect(),
        refund_due: b.refund_due(),
        source: BookingSource::from_stored(&b.source),
        attendance: confirm_by.map(|confirm_by| AttendanceView {
            confirm_by,
            confirmed: b.attendance_confirmed_at.is_some(),
        }),
        end_reason: (b.end_reason.as_deref() == Some("not_reconfirmed"))
            .then_some(EndReason::NotReconfirmed),
        actions,
        disruption: b.disruption.clone(),
        event_site: b.event_site.clone(),
    })
}

/// Whether a rating or a report may be given: after the visit, once.
fn after_visit(status: BookingStatus, done: bool, code: &'static str) -> Result<(), &'static str> {
    antre_domain::feedback::check_after_visit(status).map_err(|e| e.code())?;
    if done {
        Err(code)
    } else {
        Ok(())
    }
}

/// When attendance must be reconfirmed by, where the office asks for it.
pub fn confirm_by(
    entry: &crate::catalog::OfficeEntry,
    b: &Booking,
) -> Option<chrono::DateTime<chrono::Utc>> {
    b.reconfirm_until
        .map(|until| crate::attendance::deadline(entry, b.day, until))
}

pub fn payment_view(p: &crate::store::payments::PaymentRow) -> PaymentView {
    PaymentView {
        amount: p.amount,
        received_at: p.received_at,
        outcome: outcome_view(p.outcome),
        refund_reason: p.reason.map(reason_view),
    }
}

pub fn outcome_view(o: payments::Outcome) -> PaymentOutcome {
    match o {
        payments::Outcome::Applied => PaymentOutcome::Applied,
        payments::Outcome::Reinstated => PaymentOutcome::Reinstated,
        payments::Outcome::RefundDue => PaymentOutcome::RefundDue,
    }
}

pub fn reason_view(r: payments::RefundReason) -> RefundReason {
    use payments::RefundReason as R;
    match r {
        R::UnknownBillingCode => RefundReason::UnknownBillingCode,
        R::WrongAmount => RefundReason::WrongAmount,
        R::AlreadyPaid => RefundReason::AlreadyPaid,
        R::Cancelled => RefundReason::Cancelled,
        R::PlaceTaken => RefundReason::PlaceTaken,
        R::PersonRebooked => RefundReason::PersonRebooked,
        R::NotReconfirmed => RefundReason::NotReconfirmed,
    }
}
