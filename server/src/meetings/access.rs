//! A request's meeting as the caller stands in it, loaded once and handed to whatever
//! the handler does next: the meeting, whether the caller is in its group and leads
//! it, and (only when something needs it) the group with its members and rotation.
//! The rules of who may do what are `kollegium_shared::meetings::access`.

use kollegium_shared::groups::Group;
use kollegium_shared::ids::{MeetingId, PersonId};
use kollegium_shared::meetings::Meeting;
use kollegium_shared::meetings::access::{may_lead, sees_every_meeting, writes_protocol};
use tokio::sync::OnceCell;

use crate::error::ApiError;
use crate::extract::AuthUser;
use crate::state::AppState;

/// The meeting of a request and the caller's standing in it.
#[derive(Debug)]
pub(super) struct MeetingContext {
    pub meeting: Meeting,
    /// `None` when the caller is not a member of the meeting's group, else whether
    /// they lead it.
    membership: Option<bool>,
    /// Whether the caller follows meetings up (sees every meeting, counts only).
    overseer: bool,
    group: OnceCell<Group>,
}

impl MeetingContext {
    /// A meeting the caller may see: its group's members and those who follow up (the
    /// steering group, administrators, principals); 404 for anyone else and for another
    /// municipality's meeting.
    pub async fn visible(
        state: &AppState,
        user: &AuthUser,
        id: MeetingId,
    ) -> Result<MeetingContext, ApiError> {
        let ctx = Self::load(state, user, id).await?;
        if ctx.overseer || ctx.is_member() {
            Ok(ctx)
        } else {
            Err(ApiError::NotFound)
        }
    }

    /// A meeting the caller may see, or any meeting of the municipality whose protocol
    /// is published (everyone reads those).
    pub async fn readable(
        state: &AppState,
        user: &AuthUser,
        id: MeetingId,
    ) -> Result<MeetingContext, ApiError> {
        let ctx = Self::load(state, user, id).await?;
        if ctx.overseer || ctx.is_member() || ctx.published(state).await? {
            Ok(ctx)
        } else {
            Err(ApiError::NotFound)
        }
    }

    async fn load(
        state: &AppState,
        user: &AuthUser,
        id: MeetingId,
    ) -> Result<MeetingContext, ApiError> {
        let meeting = state
            .store
            .meeting(user.municipality, id)
            .await?
            .ok_or(ApiError::NotFound)?;
        let membership = state
            .store
            .membership(meeting.group_id, user.person)
            .await?;
        Ok(MeetingContext {
            meeting,
            membership,
            overseer: user.may(sees_every_meeting),
            group: OnceCell::new(),
        })
    }

    /// The same context with the meeting read again after a change (the group, if
    /// loaded, stays).
    pub async fn reread(self, state: &AppState, user: &AuthUser) -> Result<Self, ApiError> {
        let meeting = state
            .store
            .meeting(user.municipality, self.meeting.id)
            .await?
            .ok_or(ApiError::NotFound)?;
        Ok(MeetingContext { meeting, ..self })
    }

    /// Whether the caller is a member of the meeting's group.
    pub fn is_member(&self) -> bool {
        self.membership.is_some()
    }

    /// Whether the caller leads the meeting's group.
    pub fn leads(&self) -> bool {
        self.membership == Some(true)
    }

    /// 403 unless the caller is in the group (the meeting is visible to them already).
    pub fn require_member(&self) -> Result<(), ApiError> {
        if self.is_member() {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// 403 unless the caller leads the group or is in the steering group or an
    /// administrator.
    pub fn require_leader(&self, user: &AuthUser) -> Result<(), ApiError> {
        if may_lead(&user.roles, self.leads()) {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// The meeting's group with its members in rotation order, read the first time it
    /// is asked for.
    pub async fn group(&self, state: &AppState, user: &AuthUser) -> Result<&Group, ApiError> {
        self.group
            .get_or_try_init(|| async {
                state
                    .store
                    .group(user.municipality, self.meeting.group_id)
                    .await?
                    .ok_or(ApiError::NotFound)
            })
            .await
    }

    /// The documenter of the day: set at the meeting, else the next in the rotation.
    pub async fn documenter(
        &self,
        state: &AppState,
        user: &AuthUser,
    ) -> Result<Option<PersonId>, ApiError> {
        match self.meeting.documenter_id {
            Some(d) => Ok(Some(d)),
            None => Ok(self.group(state, user).await?.next_documenter),
        }
    }

    /// Whether the caller writes the protocol: a leader of the group, or its
    /// documenter of the day.
    pub async fn writes_protocol(
        &self,
        state: &AppState,
        user: &AuthUser,
    ) -> Result<bool, ApiError> {
        if self.leads() {
            return Ok(true);
        }
        let documenter = self.documenter(state, user).await?;
        Ok(writes_protocol(false, documenter == Some(user.person)))
    }

    /// 403 unless the caller writes the protocol.
    pub async fn require_writer(&self, state: &AppState, user: &AuthUser) -> Result<(), ApiError> {
        if self.writes_protocol(state, user).await? {
            Ok(())
        } else {
            Err(ApiError::Forbidden)
        }
    }

    /// Whether the meeting's protocol is published.
    pub async fn published(&self, state: &AppState) -> Result<bool, ApiError> {
        Ok(state
            .store
            .protocol(self.meeting.id)
            .await?
            .is_some_and(|p| p.published_at.is_some()))
    }
}
