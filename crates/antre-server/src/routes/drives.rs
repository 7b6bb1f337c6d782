//! Outreach drives: an outreach officer (or the office's head) creates a drive of the office
//! (place with coordinates, date and time, its own capacity, the group leader) and registers
//! its members one by one (safe to resend from a device that was offline: each member carries
//! an id chosen on the device) or from the leader's CSV list (all or nothing, every fault by row
//! and field in the caller's language). Each member gets a booking at the drive with its own QR
//! proof; hajj drives compare their members with the religious-affairs office's list.

use super::local_hours::local_hours;
use super::offices::office;
use super::{ApiJson, ApiPath, ApiQuery, ClientLocale};
use crate::auth::{hex, Caller};
use crate::error::{ApiError, ErrorCode};
use crate::state::AppState;
use crate::store::bookings::{self, Booking, NewBooking};
use crate::store::desk::OfficePerson;
use crate::store::drives::{
    self, DriveTarget, MemberConflict, MemberRegistered, NewDrive, NewMember, MAX_DRIVE_CAPACITY,
    MAX_MEMBERS_PER_OFFICER_PER_DAY,
};
use antre_api::drives::{
    AddMembersRequest, AddMembersResult, CsvDelimiter, DriveLeader, DrivePlace, DriveRequest,
    DriveRoster, DriveView, DrivesQuery, ExportQuery, FieldError, HajjCheck, HajjMismatch,
    HajjMismatchKind, HajjPerson, HajjPilgrim, ImportResult, ListRejected, MemberInput,
    MemberOutcome, MemberResult, MemberView, RowError,
};
use antre_api::error::ErrorBody;
use antre_api::{BookingStatus, PassportKind, Validity};
use antre_domain::booking::payment_deadline;
use antre_domain::fees::{check_validity, official_fee};
use antre_domain::outreach::{
    self as outreach, compare_hajj, read_member_list, read_pilgrim_list, validate_member,
    DriveEntry, DriveKind, Member,
};
use antre_domain::person::{age_on, PersonName, Phone};
use antre_i18n::{Arg, Locale};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use uuid::Uuid;

/// A leader's list may be larger than the default body limit (1,000 rows of a spreadsheet).
const MAX_LIST_BYTES: usize = 512 * 1024;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/v1/staff/offices/{id}/drives",
            get(list_drives).post(create_drive),
        )
        .route("/v1/staff/drives/{drive_id}", get(drive_roster))
        .route("/v1/staff/drives/{drive_id}/members", post(add_members))
        .route(
            "/v1/staff/drives/{drive_id}/import",
            post(import_members).layer(DefaultBodyLimit::max(MAX_LIST_BYTES)),
        )
        .route("/v1/staff/drives/{drive_id}/export", get(export_members))
        .route(
            "/v1/staff/drives/{drive_id}/hajj-check",
            post(hajj_check).layer(DefaultBodyLimit::max(MAX_LIST_BYTES)),
        )
}

fn drive_view(state: &AppState, d: &drives::Drive) -> DriveView {
    let tz = state
        .catalog
        .get(&d.office_id)
        .map_or("Asia/Jakarta".to_string(), |e| {
            e.office.tz.name().to_string()
        });
    DriveView {
        id: d.id,
        code: d.code.clone(),
        office_id: d.office_id.clone(),
        kind: d.kind,
        name: d.name.clone(),
        place: DrivePlace {
            name: d.place_name.clone(),
            address: d.place_address.clone(),
            lat: d.lat,
            lon: d.lon,
        },
        date: d.day,
        starts_at: d.starts_at,
        ends_at: d.ends_at,
        time_zone: tz,
        capacity: d.capacity,
        registered: d.registered,
        leader: DriveLeader {
            name: d.leader_name.clone(),
            phone: d.leader_phone.clone(),
        },
        created_by: d.created_by,
        created_at: d.created_at,
    }
}

/// A short text of the request: trimmed, not blank, at most `max` characters, no U+0000.
fn text(value: &str, field: &str, max: usize, blank_ok: bool) -> Result<String, ApiError> {
    let t = value.trim();
    if (!blank_ok && t.is_empty()) || t.chars().count() > max || t.contains('\0') {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field(field));
    }
    Ok(t.to_string())
}

#[utoipa::path(post, path = "/v1/staff/offices/{id}/drives", tag = "drives", security(("bearer" = [])),
    params(("id" = String, Path, description = "the serving office", example = "kanim-bekasi")),
    request_body = DriveRequest,
    responses((status = 201, body = DriveView, description = "created, with its own places"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: a text blank or too long, capacity out of 1..500; \
            `invalid_coordinates`; `date_out_of_range`: before today or more than a year ahead; `invalid_time_range`: \
            times not `HH:MM` or the end not after the start"),
        (status = 403, body = ErrorBody, description = "`forbidden`; `not_outreach_officer`: staff of the office but not outreach; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`"),
        (status = 422, body = ErrorBody, description = "`invalid_name`, `name_characters`: the leader's name; `invalid_phone`: the leader's phone")))]
/// Creates an outreach drive of the office: place (with coordinates), date and local time, its
/// own capacity (not the office's daily quota), kind and the group leader as contact. Audited.
pub async fn create_drive(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<DriveRequest>,
) -> Result<(StatusCode, Json<DriveView>), ApiError> {
    caller.require_outreach_of(&id)?;
    let entry = office(&state, &id)?;
    let name = text(&req.name, "name", 100, false)?;
    let place_name = text(&req.place.name, "place.name", 100, false)?;
    let place_address = text(&req.place.address, "place.address", 300, true)?;
    if !(-90.0..=90.0).contains(&req.place.lat) || !(-180.0..=180.0).contains(&req.place.lon) {
        return Err(ApiError::new(ErrorCode::InvalidCoordinates).field("place"));
    }
    if req.capacity == 0 || req.capacity > MAX_DRIVE_CAPACITY {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("capacity"));
    }
    let now = state.clock.now();
    let (starts_at, ends_at) = local_hours(&state, entry, req.date, &req.starts, &req.ends)?;
    let leader =
        PersonName::parse(&req.leader.name).map_err(|e| ApiError::invalid("leader.name", e))?;
    let phone =
        Phone::parse(&req.leader.phone).map_err(|e| ApiError::invalid("leader.phone", e))?;
    let drive = drives::create(
        &state.db,
        NewDrive {
            office_id: id,
            kind: req.kind,
            name,
            place_name,
            place_address,
            lat: req.place.lat,
            lon: req.place.lon,
            day: req.date,
            starts_at,
            ends_at,
            capacity: req.capacity,
            leader_name: leader.as_str().to_string(),
            leader_phone: phone.as_str().to_string(),
        },
        caller.actor(),
        now,
    )
    .await
    .map_err(ApiError::internal)?;
    let drive = drives::get(&state.db, drive)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::Internal)?;
    Ok((StatusCode::CREATED, Json(drive_view(&state, &drive))))
}

#[utoipa::path(get, path = "/v1/staff/offices/{id}/drives", tag = "drives", security(("bearer" = [])),
    params(("id" = String, Path, description = "the serving office", example = "kanim-bekasi"), DrivesQuery),
    responses((status = 200, body = [DriveView], description = "the office's drives between the days, by start"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: `from` or `to` is not a date"),
        (status = 403, body = ErrorBody, description = "`forbidden`; `not_outreach_officer`; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`office_not_found`")))]
/// The office's drives from `from` (default today at the office) to `to` (default a year later).
pub async fn list_drives(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<DrivesQuery>,
) -> Result<Json<Vec<DriveView>>, ApiError> {
    caller.require_outreach_of(&id)?;
    let entry = office(&state, &id)?;
    let from = q
        .from
        .unwrap_or_else(|| state.catalog.today_at(entry, state.clock.now()));
    let to =
        q.to.unwrap_or(from + chrono::Days::new(super::local_hours::MAX_DAYS_AHEAD));
    let list = drives::of_office(&state.db, &id, from, to)
        .await
        .map_err(ApiError::internal)?;
    Ok(Json(list.iter().map(|d| drive_view(&state, d)).collect()))
}

/// The drive, after checking the caller may act on its office.
async fn drive_for(state: &AppState, caller: &Caller, id: &str) -> Result<drives::Drive, ApiError> {
    let id: Uuid = id.parse().map_err(|_| ErrorCode::DriveNotFound)?;
    let drive = drives::get(&state.db, id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::DriveNotFound)?;
    caller.require_outreach_of(&drive.office_id)?;
    Ok(drive)
}

fn member_view(state: &AppState, b: &Booking, row: &drives::MemberRow) -> MemberView {
    let valid = matches!(
        b.status,
        BookingStatus::PendingPayment | BookingStatus::Confirmed | BookingStatus::CheckedIn
    );
    MemberView {
        id: row.id,
        member_id: row.member_id.clone(),
        name: b.applicant_name.clone(),
        birth_date: b.applicant_birth_date,
        nik_masked: b.nik_masked.clone(),
        application_kind: b.application_kind,
        phone: row.phone.clone(),
        booking_id: b.id,
        status: b.status,
        billing_code: b.billing_code.clone(),
        fee_total: b.fee_total,
        payment_deadline: b.payment_deadline,
        queue_number: b.queue_number,
        // Printed on a slip before payment too: check-in still waits for the payment.
        proof: valid.then(|| state.proof_keys.sign(b, &state.personal_data)),
        registered_at: row.created_at,
    }
}

/// Every member of the drive with their booking, in the order registered.
async fn member_views(state: &AppState, d: &drives::Drive) -> Result<Vec<MemberView>, ApiError> {
    let rows = drives::members(&state.db, d.id)
        .await
        .map_err(ApiError::internal)?;
    let by_id: HashMap<Uuid, Booking> = bookings::of_slot(&state.db, d.slot_id)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    Ok(rows
        .iter()
        .filter_map(|r| by_id.get(&r.booking_id).map(|b| member_view(state, b, r)))
        .collect())
}

#[utoipa::path(get, path = "/v1/staff/drives/{drive_id}", tag = "drives", security(("bearer" = [])),
    params(("drive_id" = Uuid, Path, description = "the drive")),
    responses((status = 200, body = DriveRoster, description = "the drive and its members with their proofs (the roster and slips to print)"),
        (status = 403, body = ErrorBody, description = "`forbidden`; `not_outreach_officer`; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`drive_not_found`")))]
/// A drive and its members, each with the booking's status and QR proof.
pub async fn drive_roster(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
) -> Result<Json<DriveRoster>, ApiError> {
    let drive = drive_for(&state, &caller, &id).await?;
    let members = member_views(&state, &drive).await?;
    Ok(Json(DriveRoster {
        drive: drive_view(&state, &drive),
        members,
    }))
}

/// The message of a code in the caller's language.
fn message(state: &AppState, locale: Locale, e: &ApiError) -> String {
    let args: Vec<(&str, Arg)> = e
        .args
        .iter()
        .map(|(k, v)| (*k, Arg::from(v.as_str())))
        .collect();
    state.localizer.message(
        locale,
        &antre_i18n::error_message_id(e.code.as_str()),
        &args,
    )
}

fn field_error(state: &AppState, locale: Locale, field: &str, e: ApiError) -> FieldError {
    FieldError {
        field: field.to_string(),
        code: e.code.as_str().to_string(),
        message: message(state, locale, &e),
    }
}

fn domain_field_errors(
    state: &AppState,
    locale: Locale,
    errors: Vec<outreach::FieldError>,
) -> Vec<FieldError> {
    errors
        .into_iter()
        .map(|f| field_error(state, locale, f.field.as_str(), ApiError::from(f.error)))
        .collect()
}

/// The booking a member gets at the drive: an ordinary passport (the drive's service), ten
/// years where the age allows, payable until the drive starts (or two hours, if later).
fn member_booking(
    state: &AppState,
    d: &drives::Drive,
    m: &Member,
    now: chrono::DateTime<chrono::Utc>,
) -> NewMember {
    let age = age_on(m.birth_date, d.day);
    let validity = if check_validity(Validity::TenYears, age, false).is_ok() {
        Validity::TenYears
    } else {
        Validity::FiveYears
    };
    let fee = official_fee(PassportKind::Ordinary, validity, m.application_kind, false);
    let nik_key = state.personal_data.key(&m.nik);
    NewMember {
        member_id: String::new(),
        request_hash: String::new(),
        person: OfficePerson {
            nik_sealed: state.personal_data.seal(&m.nik),
            nik_masked: m.nik.masked(),
            name: m.name.as_str().to_string(),
            birth_date: m.birth_date,
            pregnant: false,
            disability: false,
        },
        phone: m.phone.as_ref().map(|p| p.as_str().to_string()),
        booking: NewBooking {
            account_id: Uuid::nil(),
            applicant_id: Uuid::nil(),
            nik: nik_key,
            slot_id: d.slot_id,
            passport_kind: PassportKind::Ordinary,
            validity,
            application_kind: m.application_kind,
            fee_total: fee.total(),
            billing_code: crate::billing::new_code(),
            payment_deadline: payment_deadline(now).max(d.starts_at),
            client_key: None,
        },
    }
}

/// A member's fields as compared across sends of the same member id.
fn member_hash(m: &Member) -> String {
    hex(&Sha256::digest(
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            m.name.as_str(),
            m.birth_date,
            m.nik.expose(),
            bookings::enum_name(&m.application_kind),
            m.phone.as_ref().map_or("", |p| p.as_str())
        )
        .as_bytes(),
    ))
}

fn target(caller: &Caller, d: &drives::Drive) -> DriveTarget {
    DriveTarget {
        drive_id: d.id,
        office_id: d.office_id.clone(),
        slot_id: d.slot_id,
        officer: caller.account.id,
    }
}

/// The drive takes no members once it has ended.
fn check_open(state: &AppState, d: &drives::Drive) -> Result<(), ApiError> {
    if d.ends_at <= state.clock.now() {
        return Err(ApiError::new(ErrorCode::DateOutOfRange).field("drive"));
    }
    Ok(())
}

#[utoipa::path(post, path = "/v1/staff/drives/{drive_id}/members", tag = "drives", security(("bearer" = [])),
    params(("drive_id" = Uuid, Path, description = "the drive")),
    request_body = AddMembersRequest,
    responses((status = 200, body = AddMembersResult, description = "an outcome per member (registered, duplicate NIK, invalid with \
            every field at fault in the caller's language, drive full, officer's limit reached); a member sent again with \
            the same id and fields is `registered` with the booking made the first time"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: not 1 to 100 members; `date_out_of_range`: the drive has ended"),
        (status = 403, body = ErrorBody, description = "`forbidden`; `not_outreach_officer`; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`drive_not_found`")))]
/// Registers members one by one, each in its own transaction with its own outcome: what a
/// device captured offline sends when the connection returns. Each member's id is chosen on the
/// device, so a batch sent twice registers nobody twice. Audited per member.
pub async fn add_members(
    State(state): State<AppState>,
    caller: Caller,
    ClientLocale(locale): ClientLocale,
    ApiPath(id): ApiPath<String>,
    ApiJson(req): ApiJson<AddMembersRequest>,
) -> Result<Json<AddMembersResult>, ApiError> {
    let drive = drive_for(&state, &caller, &id).await?;
    if req.members.is_empty() || req.members.len() > 100 {
        return Err(ApiError::new(ErrorCode::InvalidRequest).field("members"));
    }
    check_open(&state, &drive)?;
    let now = state.clock.now();
    let entry = office(&state, &drive.office_id)?;
    let today = state.catalog.today_at(entry, now);
    let mut results = Vec::with_capacity(req.members.len());
    let mut registered = 0;
    for input in &req.members {
        let outcome = add_one(&state, &caller, locale, &drive, input, today).await?;
        if outcome.outcome == MemberOutcome::Registered {
            registered += 1;
        }
        results.push(outcome);
    }
    let drive = drives::get(&state.db, drive.id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::DriveNotFound)?;
    Ok(Json(AddMembersResult {
        results,
        registered,
        remaining: drive.capacity.saturating_sub(drive.registered),
    }))
}

async fn add_one(
    state: &AppState,
    caller: &Caller,
    locale: Locale,
    drive: &drives::Drive,
    input: &MemberInput,
    today: NaiveDate,
) -> Result<MemberResult, ApiError> {
    let result = |outcome, member, errors| MemberResult {
        member_id: input.member_id.to_string(),
        outcome,
        member,
        errors,
    };
    let member = match validate_member(
        drive.kind,
        &input.name,
        Ok(input.birth_date),
        &input.nik,
        Ok(input.application_kind),
        input.phone.as_deref(),
        today,
    ) {
        Ok(m) => m,
        Err(errors) => {
            return Ok(result(
                MemberOutcome::Invalid,
                None,
                domain_field_errors(state, locale, errors),
            ))
        }
    };
    let now = state.clock.now();
    let mut new = member_booking(state, drive, &member, now);
    new.member_id = input.member_id.to_string();
    new.request_hash = member_hash(&member);
    let outcome =
        drives::register_member(&state.db, target(caller, drive), new, caller.actor(), now).await;
    let booking = match outcome {
        Ok(MemberRegistered::New(b) | MemberRegistered::Replayed(b)) => b,
        Err(MemberConflict::DuplicateNik) => {
            return Ok(result(MemberOutcome::DuplicateNik, None, Vec::new()))
        }
        Err(MemberConflict::DriveFull) => {
            return Ok(result(MemberOutcome::DriveFull, None, Vec::new()))
        }
        Err(MemberConflict::LimitReached) => {
            return Ok(result(MemberOutcome::LimitReached, None, Vec::new()))
        }
        Err(MemberConflict::MemberIdReused) => {
            let e = ApiError::new(ErrorCode::MemberIdReused);
            return Ok(result(
                MemberOutcome::Invalid,
                None,
                vec![field_error(state, locale, "member_id", e)],
            ));
        }
        Err(MemberConflict::BillingCodeTaken | MemberConflict::Db(_)) => {
            return Err(ApiError::internal("a drive member could not be registered"))
        }
    };
    let view = registered_view(state, drive, booking).await?;
    Ok(result(MemberOutcome::Registered, view, Vec::new()))
}

async fn registered_view(
    state: &AppState,
    drive: &drives::Drive,
    booking: Uuid,
) -> Result<Option<MemberView>, ApiError> {
    let b = bookings::get(&state.db, booking)
        .await
        .map_err(ApiError::internal)?;
    let rows = drives::members(&state.db, drive.id)
        .await
        .map_err(ApiError::internal)?;
    Ok(b.and_then(|b| {
        rows.iter()
            .find(|r| r.booking_id == b.id)
            .map(|r| member_view(state, &b, r))
    }))
}

/// A list refused: 422 with the reason and each row to fix, in the caller's language.
fn rejected(state: &AppState, locale: Locale, e: ApiError, rows: Vec<RowError>) -> Response {
    let body = ListRejected {
        code: e.code.as_str().to_string(),
        message: message(state, locale, &e),
        rows,
    };
    let mut response = (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
    response.headers_mut().insert(
        header::CONTENT_LANGUAGE,
        locale.tag().parse().expect("ascii tag"),
    );
    response
}

#[utoipa::path(post, path = "/v1/staff/drives/{drive_id}/import", tag = "drives", security(("bearer" = [])),
    params(("drive_id" = Uuid, Path, description = "the drive")),
    request_body(content = String, content_type = "text/csv",
        description = "the leader's list: columns nama, tanggal_lahir, nik, and optionally jenis (baru/penggantian) and telepon; \
            UTF-8 with or without BOM, `;` or `,`, Excel's quoting"),
    responses((status = 201, body = ImportResult, description = "every row registered (a file sent again registers nobody twice)"),
        (status = 403, body = ErrorBody, description = "`forbidden`; `not_outreach_officer`; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`drive_not_found`"),
        (status = 400, body = ErrorBody, description = "`date_out_of_range`: the drive has ended"),
        (status = 409, body = ErrorBody, description = "`drive_full`: fewer places left than rows; `officer_limit_reached` (`$max`)"),
        (status = 413, body = ErrorBody, description = "`payload_too_large`: over 512 KiB"),
        (status = 422, body = ListRejected, description = "nothing registered: `csv_wrong_encoding`, `csv_empty`, `csv_malformed`, \
            `csv_missing_column`, `csv_too_many_rows`, or `csv_rows_invalid` with each row and field at fault \
            (`duplicate_nik_in_list`, `nik_has_active_booking`, `hajj_name_too_short`, ...)")))]
/// Imports the leader's list: every row registered, or none (each fault listed by row and field
/// in the caller's language). Each row is a member whose id is the file's digest and its row,
/// so the same file sent twice registers nobody twice. Audited per member.
pub async fn import_members(
    State(state): State<AppState>,
    caller: Caller,
    ClientLocale(locale): ClientLocale,
    ApiPath(id): ApiPath<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let drive = drive_for(&state, &caller, &id).await?;
    check_open(&state, &drive)?;
    let now = state.clock.now();
    let entry = office(&state, &drive.office_id)?;
    let today = state.catalog.today_at(entry, now);
    let rows = match read_member_list(&body, drive.kind, today) {
        Ok(rows) => rows,
        Err(e) => return Ok(rejected(&state, locale, ApiError::from(e), Vec::new())),
    };
    let digest = hex(&Sha256::digest(&body))[..16].to_string();
    let mut faults: Vec<RowError> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    let mut members = Vec::new();
    for row in &rows {
        match &row.member {
            Err(errors) => faults.push(RowError {
                row: row.number,
                errors: domain_field_errors(&state, locale, errors.clone()),
            }),
            Ok(m) => {
                let key = state.personal_data.key(&m.nik);
                if !seen.insert(key.as_str().to_string()) {
                    faults.push(RowError {
                        row: row.number,
                        errors: vec![field_error(
                            &state,
                            locale,
                            "nik",
                            ApiError::new(ErrorCode::DuplicateNikInList),
                        )],
                    });
                    continue;
                }
                let mut new = member_booking(&state, &drive, m, now);
                new.member_id = format!("import:{digest}:{}", row.number);
                new.request_hash = member_hash(m);
                members.push((row.number, new));
            }
        }
    }
    // A person already booked elsewhere (or registered at this drive by another list) is a
    // row to fix; a row of this very file sent before is not.
    let earlier: HashSet<String> = drives::members(&state.db, drive.id)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|m| m.member_id)
        .collect();
    let mut fresh = 0;
    for (row, m) in &members {
        if earlier.contains(&m.member_id) {
            continue;
        }
        fresh += 1;
        if bookings::has_active(&state.db, &m.booking.nik)
            .await
            .map_err(ApiError::internal)?
        {
            faults.push(RowError {
                row: *row,
                errors: vec![field_error(
                    &state,
                    locale,
                    "nik",
                    ApiError::new(ErrorCode::NikHasActiveBooking),
                )],
            });
        }
    }
    if !faults.is_empty() {
        faults.sort_by_key(|f| f.row);
        let e = ApiError::new(ErrorCode::CsvRowsInvalid).arg("count", faults.len().to_string());
        return Ok(rejected(&state, locale, e, faults));
    }
    if fresh > drive.capacity.saturating_sub(drive.registered) as usize {
        return Err(ErrorCode::DriveFull.into());
    }
    let recent = drives::registered_by_officer(&state.db, caller.account.id, now)
        .await
        .map_err(ApiError::internal)?;
    if recent + fresh as i64 > MAX_MEMBERS_PER_OFFICER_PER_DAY {
        return Err(ApiError::new(ErrorCode::OfficerLimitReached)
            .arg("max", MAX_MEMBERS_PER_OFFICER_PER_DAY.to_string()));
    }
    let numbers: Vec<u64> = members.iter().map(|(n, _)| *n).collect();
    let list: Vec<NewMember> = members.into_iter().map(|(_, m)| m).collect();
    match drives::register_all(
        &state.db,
        target(&caller, &drive),
        list,
        caller.actor(),
        now,
    )
    .await
    {
        Ok(_) => {}
        // Something changed between the checks and the transaction: nothing was registered.
        Err(conflict) => {
            let (code, field) = match conflict.conflict {
                MemberConflict::DuplicateNik => (ErrorCode::NikHasActiveBooking, "nik"),
                MemberConflict::MemberIdReused => (ErrorCode::MemberIdReused, "member_id"),
                MemberConflict::DriveFull => return Err(ErrorCode::DriveFull.into()),
                MemberConflict::LimitReached => {
                    return Err(ApiError::new(ErrorCode::OfficerLimitReached)
                        .arg("max", MAX_MEMBERS_PER_OFFICER_PER_DAY.to_string()))
                }
                MemberConflict::BillingCodeTaken | MemberConflict::Db(_) => {
                    return Err(ApiError::internal("a list could not be registered"))
                }
            };
            let row = numbers.get(conflict.index).copied().unwrap_or(0);
            let e = ApiError::new(ErrorCode::CsvRowsInvalid).arg("count", "1");
            let errors = vec![field_error(&state, locale, field, ApiError::new(code))];
            return Ok(rejected(&state, locale, e, vec![RowError { row, errors }]));
        }
    }
    let ids: HashSet<String> = (0..numbers.len())
        .map(|i| format!("import:{digest}:{}", numbers[i]))
        .collect();
    let all = member_views(&state, &drive).await?;
    let members: Vec<MemberView> = all
        .into_iter()
        .filter(|m| ids.contains(&m.member_id))
        .collect();
    let drive = drives::get(&state.db, drive.id)
        .await
        .map_err(ApiError::internal)?
        .ok_or(ErrorCode::DriveNotFound)?;
    Ok((
        StatusCode::CREATED,
        Json(ImportResult {
            registered: members.len() as u32,
            members,
            remaining: drive.capacity.saturating_sub(drive.registered),
        }),
    )
        .into_response())
}

/// How a list writes a kind of application (the Indonesian words leaders use).
fn application_word(kind: antre_api::ApplicationKind) -> &'static str {
    use antre_api::ApplicationKind as K;
    match kind {
        K::New => "baru",
        K::Renewal => "penggantian",
        K::Lost => "hilang",
        K::Damaged => "rusak",
    }
}

#[utoipa::path(get, path = "/v1/staff/drives/{drive_id}/export", tag = "drives", security(("bearer" = [])),
    params(("drive_id" = Uuid, Path, description = "the drive"), ExportQuery),
    responses((status = 200, content_type = "text/csv", body = String,
            description = "the members as a spreadsheet opens them (UTF-8 with BOM, `;` by default): name, birth date, masked NIK, \
            kind, phone, status, billing code, queue number"),
        (status = 400, body = ErrorBody, description = "`invalid_request`: unknown `delimiter`"),
        (status = 403, body = ErrorBody, description = "`forbidden`; `not_outreach_officer`; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`drive_not_found`")))]
/// The members of a drive as a CSV file (the full NIK never leaves the server: it is masked).
/// Audited.
pub async fn export_members(
    State(state): State<AppState>,
    caller: Caller,
    ApiPath(id): ApiPath<String>,
    ApiQuery(q): ApiQuery<ExportQuery>,
) -> Result<Response, ApiError> {
    let drive = drive_for(&state, &caller, &id).await?;
    let rows = drives::members(&state.db, drive.id)
        .await
        .map_err(ApiError::internal)?;
    let by_id: HashMap<Uuid, Booking> = bookings::of_slot(&state.db, drive.slot_id)
        .await
        .map_err(ApiError::internal)?
        .into_iter()
        .map(|b| (b.id, b))
        .collect();
    let header: Vec<String> = [
        "nama",
        "tanggal_lahir",
        "nik",
        "jenis",
        "telepon",
        "status",
        "kode_billing",
        "nomor_antrean",
    ]
    .map(str::to_string)
    .to_vec();
    let lines: Vec<Vec<String>> = rows
        .iter()
        .filter_map(|r| by_id.get(&r.booking_id).map(|b| (r, b)))
        .map(|(r, b)| {
            vec![
                b.applicant_name.clone(),
                b.applicant_birth_date.format("%d/%m/%Y").to_string(),
                b.nik_masked.clone(),
                application_word(b.application_kind).to_string(),
                r.phone.clone().unwrap_or_default(),
                b.status.as_str().to_string(),
                b.billing_code.clone(),
                b.queue_number.map(|n| n.to_string()).unwrap_or_default(),
            ]
        })
        .collect();
    let delimiter = match q.delimiter.unwrap_or(CsvDelimiter::Semicolon) {
        CsvDelimiter::Semicolon => b';',
        CsvDelimiter::Comma => b',',
    };
    let file = outreach::write_table(&header, &lines, delimiter);
    drives::audit_read(
        &state.db,
        &drive.office_id,
        drive.id,
        "drive.export",
        serde_json::json!({ "members": lines.len() }),
        caller.actor(),
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"drive-{}.csv\"", drive.code),
            ),
        ],
        file,
    )
        .into_response())
}

#[utoipa::path(post, path = "/v1/staff/drives/{drive_id}/hajj-check", tag = "drives", security(("bearer" = [])),
    params(("drive_id" = Uuid, Path, description = "a hajj drive")),
    request_body(content = String, content_type = "text/csv",
        description = "the religious-affairs office's list: columns nama, tanggal_lahir, nomor_porsi"),
    responses((status = 200, body = HajjCheck, description = "each mismatch: name spelled differently, birth date differs, \
            member not on the list, pilgrim not in the drive"),
        (status = 403, body = ErrorBody, description = "`forbidden`; `not_outreach_officer`; `wrong_office`"),
        (status = 404, body = ErrorBody, description = "`drive_not_found`"),
        (status = 409, body = ErrorBody, description = "`not_hajj_drive`"),
        (status = 413, body = ErrorBody, description = "`payload_too_large`: over 512 KiB"),
        (status = 422, body = ListRejected, description = "the list cannot be read: `csv_*`, or `csv_rows_invalid` with each row at fault")))]
/// Compares a hajj drive's members with the religious-affairs office's list and lists each
/// mismatch (a mismatch later suspends the passport). Audited.
pub async fn hajj_check(
    State(state): State<AppState>,
    caller: Caller,
    ClientLocale(locale): ClientLocale,
    ApiPath(id): ApiPath<String>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let drive = drive_for(&state, &caller, &id).await?;
    if drive.kind != DriveKind::Hajj {
        return Err(ErrorCode::NotHajjDrive.into());
    }
    let read = match read_pilgrim_list(&body) {
        Ok(rows) => rows,
        Err(e) => return Ok(rejected(&state, locale, ApiError::from(e), Vec::new())),
    };
    let mut pilgrims = Vec::new();
    let mut faults = Vec::new();
    for r in read {
        match r {
            Ok(p) => pilgrims.push(p),
            Err((row, errors)) => faults.push(RowError {
                row,
                errors: domain_field_errors(&state, locale, errors),
            }),
        }
    }
    if !faults.is_empty() {
        let e = ApiError::new(ErrorCode::CsvRowsInvalid).arg("count", faults.len().to_string());
        return Ok(rejected(&state, locale, e, faults));
    }
    let members: Vec<MemberView> = member_views(&state, &drive)
        .await?
        .into_iter()
        .filter(|m| !matches!(m.status, BookingStatus::Cancelled | BookingStatus::Lapsed))
        .collect();
    let entries: Vec<DriveEntry<usize>> = members
        .iter()
        .enumerate()
        .map(|(i, m)| DriveEntry {
            id: i,
            name: m.name.clone(),
            birth_date: m.birth_date,
        })
        .collect();
    let (matched, found) = compare_hajj(&entries, &pilgrims);
    let person = |i: usize| {
        let m = &members[i];
        HajjPerson {
            id: m.id,
            name: m.name.clone(),
            birth_date: m.birth_date,
            nik_masked: m.nik_masked.clone(),
        }
    };
    let pilgrim = |j: usize| {
        let p = &pilgrims[j];
        HajjPilgrim {
            row: p.number,
            name: p.name.clone(),
            birth_date: p.birth_date,
            portion_number: p.portion_number.clone(),
        }
    };
    use outreach::HajjMismatch as M;
    let mismatches: Vec<HajjMismatch> = found
        .into_iter()
        .map(|m| match m {
            M::NameDiffers { member, pilgrim: j } => HajjMismatch {
                kind: HajjMismatchKind::NameDiffers,
                member: Some(person(member)),
                pilgrim: Some(pilgrim(j)),
            },
            M::BirthDateDiffers { member, pilgrim: j } => HajjMismatch {
                kind: HajjMismatchKind::BirthDateDiffers,
                member: Some(person(member)),
                pilgrim: Some(pilgrim(j)),
            },
            M::NotOnPilgrimList { member } => HajjMismatch {
                kind: HajjMismatchKind::NotOnPilgrimList,
                member: Some(person(member)),
                pilgrim: None,
            },
            M::NotInDrive { pilgrim: j } => HajjMismatch {
                kind: HajjMismatchKind::NotInDrive,
                member: None,
                pilgrim: Some(pilgrim(j)),
            },
        })
        .collect();
    drives::audit_read(
        &state.db,
        &drive.office_id,
        drive.id,
        "drive.hajj_check",
        serde_json::json!({ "pilgrims": pilgrims.len(), "mismatches": mismatches.len() }),
        caller.actor(),
        state.clock.now(),
    )
    .await
    .map_err(ApiError::internal)?;
    Ok(Json(HajjCheck {
        matched: matched as u32,
        members: members.len() as u32,
        pilgrims: pilgrims.len() as u32,
        mismatches,
    })
    .into_response())
}

#[cfg(test)]
mod tests {
    use super::*;
    use antre_domain::DomainError;

    #[test]
    fn every_application_kind_reads_back_as_itself() {
        use antre_api::ApplicationKind as K;
        for kind in [K::New, K::Renewal, K::Lost, K::Damaged] {
            assert_eq!(
                outreach::parse_application_kind(application_word(kind)),
                Ok(kind)
            );
        }
    }

    #[test]
    fn a_spreadsheet_error_is_a_domain_error() {
        assert_eq!(
            ApiError::from(DomainError::CsvEmpty).code.as_str(),
            "csv_empty"
        );
    }
}
