//! Statements for signing in and for checking a token's person on each request.

use chrono::Utc;
use kollegium_shared::ids::{MunicipalityId, PersonId};
use kollegium_shared::org::Role;

use super::{Store, with_db};

/// A person who may be signing in with a given e-mail address.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoginCandidate {
    pub person_id: i64,
    pub municipality_id: i64,
    pub municipality_slug: String,
    pub password_hash: Option<String>,
    pub session_generation: i64,
}

/// The signed-in person behind a token, as checked on every request.
#[derive(Debug, Clone)]
pub struct SessionPerson {
    pub roles: Vec<Role>,
    /// A one-time password is in use: a new one must be chosen first.
    pub must_change_password: bool,
    /// Tokens of another generation no longer open a session.
    pub session_generation: i64,
}

impl Store {
    /// Active people with this (normalised) e-mail, across municipalities: sign-in
    /// happens before the municipality is known.
    pub async fn login_candidates(&self, email: &str) -> Result<Vec<LoginCandidate>, sqlx::Error> {
        const SQL: &str = "SELECT p.id AS person_id, p.municipality_id, m.slug AS municipality_slug, p.password_hash, p.session_generation \
             FROM persons p JOIN municipalities m ON m.id = p.municipality_id \
             WHERE p.email = $1 AND p.active = TRUE ORDER BY m.id";
        with_db!(self, pool => sqlx::query_as::<_, LoginCandidate>(SQL).bind(email).fetch_all(pool).await)
    }

    /// The active person `person` of `municipality` with their roles, or `None` when
    /// they are gone or deactivated.
    pub async fn session_person(
        &self,
        municipality: MunicipalityId,
        person: PersonId,
    ) -> Result<Option<SessionPerson>, sqlx::Error> {
        const SQL: &str = "SELECT r.role, p.must_change_password, p.session_generation FROM persons p \
             LEFT JOIN person_roles r ON r.person_id = p.id \
             WHERE p.id = $1 AND p.municipality_id = $2 AND p.active = TRUE";
        let rows: Vec<(Option<String>, bool, i64)> = with_db!(self, pool => sqlx::query_as(SQL)
            .bind(person.0)
            .bind(municipality.0)
            .fetch_all(pool)
            .await)?;
        if rows.is_empty() {
            return Ok(None);
        }
        let mut roles: Vec<Role> = rows
            .iter()
            .filter_map(|(r, _, _)| r.as_deref().and_then(Role::from_code))
            .collect();
        roles.sort_unstable();
        Ok(Some(SessionPerson {
            roles,
            must_change_password: rows[0].1,
            session_generation: rows[0].2,
        }))
    }

    /// The stored password hash of an active person.
    pub async fn password_hash(
        &self,
        municipality: MunicipalityId,
        person: PersonId,
    ) -> Result<Option<String>, sqlx::Error> {
        const SQL: &str = "SELECT password_hash FROM persons WHERE id = $1 AND municipality_id = $2 AND active = TRUE";
        let row: Option<(Option<String>,)> = with_db!(self, pool => sqlx::query_as(SQL).bind(person.0).bind(municipality.0).fetch_optional(pool).await)?;
        Ok(row.and_then(|(h,)| h))
    }

    /// Replaces a person's password hash, but only if it is still `expected_hash`, so
    /// two concurrent changes cannot both succeed, and moves the session generation on.
    /// Returns the new generation, or `None` when it was not replaced.
    pub async fn replace_password_hash(
        &self,
        municipality: MunicipalityId,
        person: PersonId,
        expected_hash: &str,
        new_hash: &str,
    ) -> Result<Option<i64>, sqlx::Error> {
        const SQL: &str = "UPDATE persons SET password_hash = $1, must_change_password = FALSE, \
             session_generation = session_generation + 1, version = version + 1, updated_at = $2 \
             WHERE id = $3 AND municipality_id = $4 AND password_hash = $5 AND active = TRUE \
             RETURNING session_generation";
        let now = Utc::now();
        with_db!(self, pool => sqlx::query_scalar(SQL)
            .bind(new_hash)
            .bind(now)
            .bind(person.0)
            .bind(municipality.0)
            .bind(expected_hash)
            .fetch_optional(pool)
            .await)
    }
}
