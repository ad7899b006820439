//! Meetings, agenda templates, preparation, plans, protocols, the live meeting, the archive and the outbox.

use kollegium_shared::ids::{MeetingId, TemplateId};
use kollegium_shared::meetings::agenda::{AgendaInput, AgendaTemplate, DefaultRequest};
use kollegium_shared::meetings::archive::{ArchivePage, ProtocolSettings};
use kollegium_shared::meetings::preparation::{Preparation, PreparationInput, PreparedInput};
use kollegium_shared::meetings::{
    ActionPlan, ActionPlanInput, AmendmentInput, AttendanceInput, LiveCommand, LiveState,
    LiveTicket, Meeting, MeetingPatch, NewMeeting, Outbox, PlanOverview, Protocol, ProtocolInput,
    PublishRequest, ThreadEntry,
};

use super::{Api, ApiError};

impl Api {
    /// `GET /meetings`: the meetings of my groups this school year.
    pub async fn meetings(self) -> Result<Vec<Meeting>, ApiError> {
        self.get("/meetings").await
    }

    /// `GET /meetings?all=true`: every group's meetings this year (steering group).
    pub async fn every_meeting(self) -> Result<Vec<Meeting>, ApiError> {
        self.get("/meetings?all=true").await
    }

    /// `GET /meetings/{id}`.
    pub async fn meeting(self, id: MeetingId) -> Result<Meeting, ApiError> {
        self.get(&format!("/meetings/{id}")).await
    }

    /// `PATCH /meetings/{id}`.
    pub async fn patch_meeting(
        self,
        id: MeetingId,
        patch: &MeetingPatch,
    ) -> Result<Meeting, ApiError> {
        self.patch(&format!("/meetings/{id}"), patch).await
    }

    /// `GET /meetings/{id}/plan`: my plan (version 0 before the first save).
    pub async fn plan(self, id: MeetingId) -> Result<ActionPlan, ApiError> {
        self.get(&format!("/meetings/{id}/plan")).await
    }

    /// My own goals of the current year, as a plan offers them: id and title. Read into
    /// a type of its own so the goals page's types stay in that page's part.
    pub async fn own_goals(
        self,
        me: kollegium_shared::ids::PersonId,
    ) -> Result<Vec<(kollegium_shared::ids::GoalId, String)>, ApiError> {
        #[derive(serde::Deserialize)]
        struct Owner {
            id: kollegium_shared::ids::PersonId,
        }
        #[derive(serde::Deserialize)]
        struct Own {
            id: kollegium_shared::ids::GoalId,
            title: String,
            owner: Owner,
        }
        #[derive(serde::Deserialize)]
        struct Goals {
            teachers: Vec<Own>,
        }
        let goals: Goals = self.get("/goals").await?;
        Ok(goals
            .teachers
            .into_iter()
            .filter(|g| g.owner.id == me)
            .map(|g| (g.id, g.title))
            .collect())
    }

    /// `PUT /meetings/{id}/plan/goal`: the own goal my plan's focus serves.
    pub async fn set_plan_goal(
        self,
        id: MeetingId,
        goal: Option<kollegium_shared::ids::GoalId>,
    ) -> Result<ActionPlan, ApiError> {
        self.put(
            &format!("/meetings/{id}/plan/goal"),
            &kollegium_shared::meetings::PlanGoal { goal },
        )
        .await
    }

    /// `PUT /meetings/{id}/plan`.
    pub async fn save_plan(
        self,
        id: MeetingId,
        input: &ActionPlanInput,
    ) -> Result<ActionPlan, ApiError> {
        self.put(&format!("/meetings/{id}/plan"), input).await
    }

    /// `GET /meetings/{id}/plans`: who has written a plan.
    pub async fn plan_overview(self, id: MeetingId) -> Result<PlanOverview, ApiError> {
        self.get(&format!("/meetings/{id}/plans")).await
    }

    /// `GET /meetings/{id}/protocol`.
    pub async fn protocol(self, id: MeetingId) -> Result<Protocol, ApiError> {
        self.get(&format!("/meetings/{id}/protocol")).await
    }

    /// `PUT /meetings/{id}/protocol`.
    pub async fn save_protocol(
        self,
        id: MeetingId,
        input: &ProtocolInput,
    ) -> Result<Protocol, ApiError> {
        self.put(&format!("/meetings/{id}/protocol"), input).await
    }

    /// `POST /meetings/{id}/protocol/publish`.
    pub async fn publish_protocol(self, id: MeetingId, version: i64) -> Result<Protocol, ApiError> {
        self.post(
            &format!("/meetings/{id}/protocol/publish"),
            &PublishRequest { version },
            true,
        )
        .await
    }

    /// `POST /meetings/{id}/protocol/amendments`.
    pub async fn amend_protocol(
        self,
        id: MeetingId,
        input: &AmendmentInput,
    ) -> Result<Protocol, ApiError> {
        self.post(&format!("/meetings/{id}/protocol/amendments"), input, true)
            .await
    }

    /// `GET /meetings/{id}/live`.
    pub async fn live(self, id: MeetingId) -> Result<LiveState, ApiError> {
        self.get(&format!("/meetings/{id}/live")).await
    }

    /// `POST /meetings/{id}/live`.
    pub async fn live_command(
        self,
        id: MeetingId,
        command: &LiveCommand,
    ) -> Result<LiveState, ApiError> {
        self.post(&format!("/meetings/{id}/live"), command, true)
            .await
    }

    /// `PUT /meetings/{id}/attendance`.
    pub async fn attendance(
        self,
        id: MeetingId,
        input: &AttendanceInput,
    ) -> Result<LiveState, ApiError> {
        self.put(&format!("/meetings/{id}/attendance"), input).await
    }

    /// `POST /meetings/{id}/live/ticket`.
    pub async fn live_ticket(self, id: MeetingId) -> Result<LiveTicket, ApiError> {
        self.post(&format!("/meetings/{id}/live/ticket"), &(), true)
            .await
    }

    /// `GET /plans/mine`: my red thread.
    pub async fn my_thread(self) -> Result<Vec<ThreadEntry>, ApiError> {
        self.get("/plans/mine").await
    }

    /// `GET /outbox`.
    pub async fn outbox(self) -> Result<Outbox, ApiError> {
        self.get("/outbox").await
    }

    /// `POST /meetings`: a meeting of the group's own.
    pub async fn create_meeting(self, input: &NewMeeting) -> Result<Meeting, ApiError> {
        self.post("/meetings", input, true).await
    }

    /// `DELETE /meetings/{id}?version=…`.
    pub async fn delete_meeting(self, id: MeetingId, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/meetings/{id}?version={version}"))
            .await
    }

    /// `GET /agenda-templates`.
    pub async fn agenda_templates(self) -> Result<Vec<AgendaTemplate>, ApiError> {
        self.get("/agenda-templates").await
    }

    /// `POST /agenda-templates`.
    pub async fn create_agenda_template(
        self,
        input: &AgendaInput,
    ) -> Result<AgendaTemplate, ApiError> {
        self.post("/agenda-templates", input, true).await
    }

    /// `PUT /agenda-templates/{id}`.
    pub async fn update_agenda_template(
        self,
        id: TemplateId,
        input: &AgendaInput,
    ) -> Result<AgendaTemplate, ApiError> {
        self.put(&format!("/agenda-templates/{id}"), input).await
    }

    /// `DELETE /agenda-templates/{id}?version=…`.
    pub async fn delete_agenda_template(
        self,
        id: TemplateId,
        version: i64,
    ) -> Result<(), ApiError> {
        self.delete(&format!("/agenda-templates/{id}?version={version}"))
            .await
    }

    /// `POST /agenda-templates/{id}/default`.
    pub async fn default_agenda_template(
        self,
        id: TemplateId,
        version: i64,
    ) -> Result<Vec<AgendaTemplate>, ApiError> {
        self.post(
            &format!("/agenda-templates/{id}/default"),
            &DefaultRequest { version },
            true,
        )
        .await
    }

    /// `GET /meetings/{id}/preparation`.
    pub async fn preparation(self, id: MeetingId) -> Result<Preparation, ApiError> {
        self.get(&format!("/meetings/{id}/preparation")).await
    }

    /// `PUT /meetings/{id}/preparation`.
    pub async fn set_preparation(
        self,
        id: MeetingId,
        input: &PreparationInput,
    ) -> Result<Preparation, ApiError> {
        self.put(&format!("/meetings/{id}/preparation"), input)
            .await
    }

    /// `PUT /meetings/{id}/prepared`.
    pub async fn set_prepared(self, id: MeetingId, done: bool) -> Result<Preparation, ApiError> {
        self.put(&format!("/meetings/{id}/prepared"), &PreparedInput { done })
            .await
    }

    /// `GET /protocols?…` (the query string already encoded).
    pub async fn protocols(self, query: &str) -> Result<ArchivePage, ApiError> {
        self.get(&format!("/protocols?{query}")).await
    }

    /// `GET /meetings/settings`.
    pub async fn protocol_settings(self) -> Result<ProtocolSettings, ApiError> {
        self.get("/meetings/settings").await
    }

    /// `PUT /meetings/settings`.
    pub async fn set_protocol_settings(
        self,
        settings: &ProtocolSettings,
    ) -> Result<ProtocolSettings, ApiError> {
        self.put("/meetings/settings", settings).await
    }
}
