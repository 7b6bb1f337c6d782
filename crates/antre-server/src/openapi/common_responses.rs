//! The error responses that come from the middleware and the extractors rather than from a
//! handler's own logic, added to every operation they can reach in one place: they apply to
//! every route, so lists repeated by hand in each `#[utoipa::path]` would drift apart. Each is
//! a named response under `components.responses`; an operation that declares the same status
//! itself (with its own codes) keeps its own.

use crate::startup::MAX_BODY_BYTES;
use antre_api::error::ErrorBody;
use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::path::{Operation, ParameterIn};
use utoipa::openapi::{ContentBuilder, ObjectBuilder, Ref, RefOr, Response, ResponseBuilder, Type};
use utoipa::{Modify, PartialSchema, ToSchema};

pub struct CommonResponses;

/// One response any request of some kind can get.
struct Common {
    status: &'static str,
    name: &'static str,
    description: String,
    /// Whether the response tells the client when to retry.
    retry_after: bool,
    reaches: fn(&Operation) -> bool,
}

fn every(_: &Operation) -> bool {
    true
}

fn has_parameters_in(op: &Operation, place: ParameterIn) -> bool {
    op.parameters
        .iter()
        .flatten()
        .any(|p| p.parameter_in == place)
}

fn has_body(op: &Operation) -> bool {
    op.request_body.is_some()
}

fn has_query_or_body(op: &Operation) -> bool {
    has_body(op) || has_parameters_in(op, ParameterIn::Query)
}

fn has_path_parameters(op: &Operation) -> bool {
    has_parameters_in(op, ParameterIn::Path)
}

fn is_secured(op: &Operation) -> bool {
    op.security.as_ref().is_some_and(|s| !s.is_empty())
}

fn commons() -> [Common; 7] {
    [
        Common {
            status: "400",
            name: "InvalidRequest",
            description: "`invalid_request`: a query parameter or the body is malformed, has the \
                wrong type or misses a field (`field` names it when known)."
                .into(),
            retry_after: false,
            reaches: has_query_or_body,
        },
        Common {
            status: "401",
            name: "Unauthorized",
            description: "`unauthorized`: no bearer token, or one that is unknown, expired or \
                signed out."
                .into(),
            retry_after: false,
            reaches: is_secured,
        },
        Common {
            status: "404",
            name: "NotFound",
            description: "`not_found`: a path parameter is malformed or names nothing the caller \
                may see."
                .into(),
            retry_after: false,
            reaches: has_path_parameters,
        },
        Common {
            status: "413",
            name: "PayloadTooLarge",
            description: format!(
                "`payload_too_large`: the body is over {} KiB.",
                MAX_BODY_BYTES / 1024
            ),
            retry_after: false,
            reaches: has_body,
        },
        Common {
            status: "429",
            name: "RateLimited",
            description: "`rate_limited`: too many requests from this address or account; \
                retry after `Retry-After` seconds."
                .into(),
            retry_after: true,
            reaches: every,
        },
        Common {
            status: "500",
            name: "Internal",
            description: "`internal`: an unexpected failure on the server (logged there, never \
                detailed here)."
                .into(),
            retry_after: false,
            reaches: every,
        },
        Common {
            status: "503",
            name: "Overloaded",
            description: "`overloaded`: this instance serves as many requests as it may; retry \
                after `Retry-After` seconds, here or at another instance."
                .into(),
            retry_after: true,
            reaches: every,
        },
    ]
}

fn response(common: &Common) -> Response {
    let error_body = ContentBuilder::new()
        .schema(Some(Ref::from_schema_name(ErrorBody::name())))
        .build();
    let mut builder = ResponseBuilder::new()
        .description(&common.description)
        .content("application/json", error_body);
    if common.retry_after {
        let seconds = ObjectBuilder::new()
            .schema_type(Type::Integer)
            .minimum(Some(0));
        builder = builder.header(
            "Retry-After",
            HeaderBuilder::new()
                .schema(seconds)
                .description(Some("Seconds to wait before retrying."))
                .build(),
        );
    }
    builder.build()
}

impl Modify for CommonResponses {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let commons = commons();
        let components = openapi.components.get_or_insert_with(Default::default);
        components
            .schemas
            .entry(ErrorBody::name().into_owned())
            .or_insert_with(ErrorBody::schema);
        for common in &commons {
            components
                .responses
                .insert(common.name.to_string(), RefOr::T(response(common)));
        }
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in operations.into_iter().flatten() {
                let reaching: Vec<&Common> = commons.iter().filter(|c| (c.reaches)(op)).collect();
                for common in reaching {
                    op.responses
                        .responses
                        .entry(common.status.to_string())
                        .or_insert_with(|| RefOr::Ref(Ref::from_response_name(common.name)));
                }
            }
        }
    }
}
