//! The staff accounts as administrators manage them: a page of accounts searched by username
//! or name, and disabling or enabling one (audited). Disabling closes every login the account
//! holds in the same transaction, so its logins die at once; a disabled account cannot log in
//! (`account::check_password`) and a login it still presented would find no account
//! (`account::session` requires an enabled one).

use sqlx::AssertSqlSafe;

use super::audit::{self, Event};
use super::listing::{Listed, Page, escape_like, name_patterns};
use super::row::Cells;
use super::{Db, Error, Result};
use crate::domain::audit::{Action, Actor, Subject};
use crate::domain::role::Role;

/// A staff account, without its password hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffUser {
    pub user_id: String,
    pub username: String,
    pub name: String,
    pub role: Role,
    /// The organization (`tmc_operator`) or region (`leb_officer`) the account is limited to.
    pub scope: Option<String>,
    pub disabled: bool,
    pub created_at: i64,
}

const COLUMNS: &str = "user_id, username, name, role, scope, disabled, created_at";

fn from_row(row: &sqlx::any::AnyRow) -> Result<StaffUser> {
    let cells = Cells::new(row, "staff_user", "user_id")?;
    Ok(StaffUser {
        user_id: cells.key().to_owned(),
        username: cells.get("username")?,
        name: cells.get("name")?,
        role: cells.parse("role", Role::parse)?,
        scope: cells.get("scope")?,
        disabled: cells.get::<i64>("disabled")? != 0,
        created_at: cells.get("created_at")?,
    })
}

/// One page of the accounts whose username starts with `q` or whose name contains it, by
/// username.
pub async fn users(db: &Db, q: Option<&str>, page: Page) -> Result<Listed<StaffUser>> {
    let mut binds: Vec<String> = Vec::new();
    let filter = match q {
        None => String::new(),
        Some(q) => {
            binds.push(format!("{}%", escape_like(&q.to_lowercase())));
            let mut any = vec![format!("LOWER(username) LIKE ${} ESCAPE '\\'", binds.len())];
            for pattern in name_patterns(q) {
                binds.push(pattern);
                any.push(format!("name LIKE ${} ESCAPE '\\'", binds.len()));
            }
            format!("WHERE {}", any.join(" OR "))
        }
    };
    let sql = format!(
        "SELECT {COLUMNS} FROM staff_user {filter} ORDER BY username LIMIT ${} OFFSET ${}",
        binds.len() + 1,
        binds.len() + 2
    );
    let mut query = sqlx::query(AssertSqlSafe(sql));
    for b in &binds {
        query = query.bind(b.clone());
    }
    let rows = query
        .bind(page.size)
        .bind(page.offset())
        .fetch_all(db.pool())
        .await?;
    let items = rows.iter().map(from_row).collect::<Result<Vec<_>>>()?;
    let mut count = sqlx::query_scalar(AssertSqlSafe(format!(
        "SELECT COUNT(*) FROM staff_user {filter}"
    )));
    for b in &binds {
        count = count.bind(b.clone());
    }
    let total: i64 = count.fetch_one(db.pool()).await?;
    Ok(Listed { items, total })
}

/// The account `username`.
pub async fn user(db: &Db, username: &str) -> Result<StaffUser> {
    let row = sqlx::query(AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM staff_user WHERE username = $1"
    )))
    .bind(username)
    .fetch_optional(db.pool())
    .await?;
    match row {
        Some(row) => from_row(&row),
        None => Err(Error::NotFound(format!("no staff account {username:?}"))),
    }
}

/// Disables (`disabled`) or enables the account `username`, audited as `user.disable` /
/// `user.enable` with the reason; disabling closes its logins in the same transaction. The
/// account as it then stands; setting what already holds changes nothing and audits nothing.
pub async fn set_disabled(
    db: &Db,
    username: &str,
    disabled: bool,
    reason: &str,
    actor: &Actor,
    at: jiff::Timestamp,
) -> Result<StaffUser> {
    let current = user(db, username).await?;
    if current.disabled == disabled {
        return Ok(current);
    }
    let mut tx = db.begin_write().await?;
    let changed =
        sqlx::query("UPDATE staff_user SET disabled = $1 WHERE user_id = $2 AND disabled = $3")
            .bind(i64::from(disabled))
            .bind(&current.user_id)
            .bind(i64::from(!disabled))
            .execute(&mut **tx)
            .await?
            .rows_affected();
    if changed == 0 {
        // Another administrator changed it meanwhile: theirs stands.
        drop(tx);
        return user(db, username).await;
    }
    if disabled {
        sqlx::query("DELETE FROM auth_session WHERE user_id = $1")
            .bind(&current.user_id)
            .execute(&mut **tx)
            .await?;
    }
    audit::append(
        &mut tx,
        at,
        &Event {
            actor,
            action: if disabled {
                Action::UserDisable
            } else {
                Action::UserEnable
            },
            subject: Subject::Account(username.to_owned()),
            payload: reason.as_bytes(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(StaffUser {
        disabled,
        ..current
    })
}
