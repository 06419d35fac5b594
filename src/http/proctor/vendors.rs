//! `POST /api/v1/admin/proctor/vendors {"name", "adapter", "secrets": [current, previous?]}`,
//! `PUT .../vendors/{vendor} {"secrets", "adapter"?}` (rotation: both secrets verify until the
//! previous one is left out) and `GET .../vendors` (never a secret). Admins only.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;

use super::super::{AppState, Caller, extract};
use super::Error;
use super::views::{VendorView, VendorsView};
use crate::store::{self, proctor::Vendor};
const ADAPTERS: [&str; 4] = ["native", "edx", "proctorio", "proctoru"];
/// A secret shorter than this is guessable; longer than this is a mistake.
const SECRET_CHARS: std::ops::RangeInclusive<usize> = 16..=256;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NewVendor {
    /// 1-64 characters of a-z, 0-9, '-', '_' (a path segment).
    #[schema(pattern = r"^[a-z0-9_-]{1,64}$")]
    name: String,
    /// `native`, `edx`, `proctorio` or `proctoru`.
    adapter: String,
    /// The current secret, then the previous one during a rotation (16-256 characters).
    secrets: Vec<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = VendorSecrets)]
pub struct Secrets {
    #[serde(default)]
    adapter: Option<String>,
    secrets: Vec<String>,
}

fn bad(field: &str, message: impl Into<String>) -> Error {
    Error::Http(super::super::Error::bad_request(field, message))
}

fn check_name(name: &str) -> Result<(), Error> {
    let ok = (1..=64).contains(&name.len())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '_'));
    ok.then_some(()).ok_or_else(|| {
        bad(
            "name",
            "1-64 characters of a-z, 0-9, '-', '_' (it is a path segment)",
        )
    })
}

fn check_adapter(adapter: &str) -> Result<(), Error> {
    ADAPTERS.contains(&adapter).then_some(()).ok_or_else(|| {
        bad(
            "adapter",
            format!("{adapter:?} is not one of {}", ADAPTERS.join(", ")),
        )
    })
}

/// The current and the previous secret; the error never echoes a secret.
fn check_secrets(secrets: &[String]) -> Result<(String, Option<String>), Error> {
    if secrets.is_empty() || secrets.len() > 2 {
        return Err(bad(
            "secrets",
            "one or two secrets: the current one first, then the previous one during a rotation",
        ));
    }
    for (i, s) in secrets.iter().enumerate() {
        if !SECRET_CHARS.contains(&s.chars().count()) || s.chars().any(char::is_control) {
            return Err(bad(
                &format!("secrets[{i}]"),
                "16 to 256 characters, no control characters",
            ));
        }
    }
    if secrets.len() == 2 && secrets[0] == secrets[1] {
        return Err(bad("secrets[1]", "is the same as secrets[0]"));
    }
    Ok((secrets[0].clone(), secrets.get(1).cloned()))
}

pub async fn create(
    State(state): State<AppState>,
    caller: Caller,
    extract::Json(v): extract::Json<NewVendor>,
) -> Result<(StatusCode, Json<VendorView>), Error> {
    check_name(&v.name)?;
    check_adapter(&v.adapter)?;
    let (current, previous) = check_secrets(&v.secrets)?;
    let vendor = Vendor {
        name: v.name,
        adapter: v.adapter,
        secret_current: current,
        secret_previous: previous,
    };
    store::proctor::create_vendor(&state.db, &vendor, &caller.actor(), state.app.clock().now())
        .await?;
    Ok((StatusCode::CREATED, Json(view(vendor))))
}

pub async fn replace(
    State(state): State<AppState>,
    caller: Caller,
    Path(name): Path<String>,
    extract::Json(s): extract::Json<Secrets>,
) -> Result<Json<VendorView>, Error> {
    let existing = store::proctor::vendor(&state.db, &name)
        .await?
        .ok_or_else(|| {
            Error::Http(super::super::Error::NotFound(format!(
                "vendor {name} is not registered"
            )))
        })?;
    let adapter = s.adapter.unwrap_or(existing.adapter);
    check_adapter(&adapter)?;
    let (current, previous) = check_secrets(&s.secrets)?;
    let vendor = Vendor {
        name,
        adapter,
        secret_current: current,
        secret_previous: previous,
    };
    store::proctor::replace_vendor(&state.db, &vendor, &caller.actor(), state.app.clock().now())
        .await?;
    Ok(Json(view(vendor)))
}

fn view(v: Vendor) -> VendorView {
    VendorView {
        active_secrets: 1 + u8::from(v.secret_previous.is_some()),
        name: v.name,
        adapter: v.adapter,
    }
}

pub async fn list(State(state): State<AppState>) -> Result<Json<VendorsView>, Error> {
    let vendors = store::proctor::vendors(&state.db).await?;
    Ok(Json(VendorsView {
        vendors: vendors.into_iter().map(Into::into).collect(),
    }))
}
