//! The OpenAPI document, generated from the handlers' annotations and the API types. Each
//! handler's `#[utoipa::path]` lists its success responses and the errors its own logic can
//! return; `common_responses` adds those every request of a kind can get (rate limits, load
//! shedding, malformed input, missing sign-in). `scripts/conformance.py` checks the document
//! against the running server.

mod common_responses;

use common_responses::CommonResponses;

use crate::routes::{
    accounts, applicants, bookings, desk, disruptions, draws, drives, event_sites, feedback, meta,
    offices, payments, proofs, sms, staff, waitlist,
};
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Antre", description = "Passport appointments for Indonesia's immigration offices"),
    paths(
        accounts::register, accounts::verify, accounts::resend, accounts::reset_password, accounts::confirm_reset,
        accounts::login, accounts::logout, accounts::sessions_list, accounts::end_session, accounts::sign_out_everywhere,
        accounts::me, accounts::delete_me,
        applicants::list, applicants::add, applicants::update, applicants::remove,
        offices::list, offices::nearby, offices::detail, offices::calendar, offices::day_slots, offices::search,
        bookings::create, bookings::list, bookings::read, bookings::reschedule, bookings::cancel, bookings::calendar_file, bookings::confirm_attendance, bookings::special_reschedule,
        staff::check_in, staff::roster, staff::no_show_sweep, staff::confirm_payment, staff::set_office_day, staff::clear_office_day, staff::suspicious, staff::audit,
        desk::desk_day, desk::desk_check_in, desk::walk_in, desk::release_places,
        event_sites::create_event_site, event_sites::list_event_sites,
        drives::create_drive, drives::list_drives, drives::drive_roster, drives::add_members, drives::import_members,
        drives::export_members, drives::hajj_check,
        disruptions::declare, disruptions::update, disruptions::status, disruptions::status_page, disruptions::notifications, disruptions::mark_read,
        feedback::rate, feedback::report, feedback::office_feedback,
        accounts::set_language,
        payments::callback,
        sms::inbound,
        proofs::public_key, proofs::keys,
        draws::list, draws::read, draws::office_standing, draws::result, draws::enter, draws::withdraw, draws::my_entries,
        waitlist::list, waitlist::join, waitlist::leave, waitlist::accept, waitlist::decline,
        meta::time,
    ),
    modifiers(&BearerAuth, &CommonResponses)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}
