//! The typed API client: one function per endpoint. Every call sends the token and the
//! user's language, decodes the API's error body, and a 401 on a signed-in call ends
//! the session (the one place that handles it).

use gloo_net::http::{Request, RequestBuilder, Response};
use kollegium_shared::auth::{LoginRequest, LoginResponse, PasswordChange};
use kollegium_shared::error::{ErrorBody, ErrorCode, ErrorDetail};
use kollegium_shared::groups::{
    DocumenterRecord, FormationInput, FormationRequest, Group, GroupPatch, LearningSubject, Merge,
    Move, MyGroups, NewGroup, NewMember, NewSchoolYear, NextDocumenter, PersonGroups, Roster,
    SchoolRosterRow, SchoolYear,
};
use kollegium_shared::library::import::LibraryImportPreview;
use kollegium_shared::library::{
    Collection, CollectionInput, Item, ItemFile, ItemInput, ItemPage, ItemState, LibraryFront,
    Review,
};
use kollegium_shared::meetings::agenda::{AgendaInput, AgendaTemplate, DefaultRequest};
use kollegium_shared::meetings::archive::{ArchivePage, ProtocolSettings};
use kollegium_shared::meetings::preparation::{Preparation, PreparationInput, PreparedInput};
use kollegium_shared::meetings::{
    ActionPlan, ActionPlanInput, AmendmentInput, AttendanceInput, LiveCommand, LiveState,
    LiveTicket, Meeting, MeetingPatch, NewMeeting, Outbox, PlanOverview, Protocol, ProtocolInput,
    PublishRequest, ThreadEntry,
};
use kollegium_shared::org::import::ImportPreview;
use kollegium_shared::org::{
    Me, NewSchool, NewStaffMember, NewSubject, PasswordReset, School, SchoolPatch, StaffMember,
    StaffPage, StaffPatch, SubjectItem,
};
use kollegium_shared::wheel::copy::{CopyRequest, WheelCopy};
use kollegium_shared::wheel::{
    Activity, ActivityInput, CalendarFeed, PublicFeed, Ring, RingInput, RingMove, Wheel,
    WheelChange,
};
use leptos::prelude::GetUntracked;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::i18n::{I18n, K};
use crate::session::Session;

const BASE: &str = "/api/v1";

/// Why a call failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The server answered with an error body.
    Api { status: u16, detail: ErrorDetail },
    /// No answer: the network or the server is down.
    Network,
}

impl ApiError {
    /// The field the error is about, if any.
    pub fn field(&self) -> Option<&str> {
        match self {
            ApiError::Api { detail, .. } => detail.field.as_deref(),
            ApiError::Network => None,
        }
    }

    /// A sentence for the user, in the current language.
    pub fn message(&self, i18n: I18n) -> String {
        match self {
            ApiError::Api { detail, .. } => detail.message.clone(),
            ApiError::Network => i18n.t(K::NetworkError).to_owned(),
        }
    }
}

/// A client bound to the session and the language.
#[derive(Debug, Clone, Copy)]
pub struct Api {
    session: Session,
    i18n: I18n,
}

impl Api {
    pub fn new(session: Session, i18n: I18n) -> Api {
        Api { session, i18n }
    }

    fn prepare(self, builder: RequestBuilder, authenticated: bool) -> RequestBuilder {
        let mut builder = builder.header("Accept-Language", self.i18n.lang.get_untracked().tag());
        if authenticated && let Some(token) = self.session.token_untracked() {
            builder = builder.header("Authorization", &format!("Bearer {token}"));
        }
        builder
    }

    async fn finish<T: DeserializeOwned>(
        self,
        sent: Result<Response, gloo_net::Error>,
        authenticated: bool,
    ) -> Result<T, ApiError> {
        let response = sent.map_err(|_| ApiError::Network)?;
        let status = response.status();
        if status == 204 {
            return serde_json::from_str("null").map_err(|_| ApiError::Network);
        }
        if (200..300).contains(&status) {
            return response.json::<T>().await.map_err(|_| ApiError::Network);
        }
        let detail = match response.json::<ErrorBody>().await {
            Ok(body) => body.error,
            Err(_) => ErrorDetail {
                code: ErrorCode::Internal,
                message: kollegium_shared::i18n::Msg::Internal
                    .text(self.i18n.lang.get_untracked())
                    .to_owned(),
                field: None,
            },
        };
        if status == 401 && authenticated {
            self.session.expire();
        }
        Err(ApiError::Api { status, detail })
    }

    async fn get<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        let sent = self
            .prepare(Request::get(&format!("{BASE}{path}")), true)
            .send()
            .await;
        self.finish(sent, true).await
    }

    async fn post<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
        authenticated: bool,
    ) -> Result<T, ApiError> {
        let request = self
            .prepare(Request::post(&format!("{BASE}{path}")), authenticated)
            .json(body)
            .map_err(|_| ApiError::Network)?;
        let sent = request.send().await;
        self.finish(sent, authenticated).await
    }

    /// `POST /auth/login`.
    pub async fn login(self, request: &LoginRequest) -> Result<LoginResponse, ApiError> {
        self.post("/auth/login", request, false).await
    }

    async fn post_bytes<T: DeserializeOwned>(
        self,
        path: &str,
        content_type: &str,
        bytes: &[u8],
    ) -> Result<T, ApiError> {
        let body = js_sys::Uint8Array::from(bytes);
        let request = self
            .prepare(Request::post(&format!("{BASE}{path}")), true)
            .header("Content-Type", content_type)
            .body(body)
            .map_err(|_| ApiError::Network)?;
        let sent = request.send().await;
        self.finish(sent, true).await
    }

    async fn send_json<B: Serialize, T: DeserializeOwned>(
        self,
        builder: RequestBuilder,
        body: &B,
    ) -> Result<T, ApiError> {
        let request = self
            .prepare(builder, true)
            .json(body)
            .map_err(|_| ApiError::Network)?;
        let sent = request.send().await;
        self.finish(sent, true).await
    }

    async fn patch<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send_json(Request::patch(&format!("{BASE}{path}")), body)
            .await
    }

    async fn put<B: Serialize, T: DeserializeOwned>(
        self,
        path: &str,
        body: &B,
    ) -> Result<T, ApiError> {
        self.send_json(Request::put(&format!("{BASE}{path}")), body)
            .await
    }

    async fn delete<T: DeserializeOwned>(self, path: &str) -> Result<T, ApiError> {
        let sent = self
            .prepare(Request::delete(&format!("{BASE}{path}")), true)
            .send()
            .await;
        self.finish(sent, true).await
    }

    /// A file's bytes (e.g. a CSV export), fetched with the session.
    pub async fn get_bytes(self, path: &str) -> Result<Vec<u8>, ApiError> {
        let sent = self
            .prepare(Request::get(&format!("{BASE}{path}")), true)
            .send()
            .await;
        match sent {
            Ok(response) if response.ok() => response.binary().await.map_err(|_| ApiError::Network),
            other => self.finish::<()>(other, true).await.map(|()| Vec::new()),
        }
    }

    /// `POST /schools`.
    pub async fn create_school(self, new: &NewSchool) -> Result<School, ApiError> {
        self.post("/schools", new, true).await
    }

    /// `PATCH /schools/{id}`.
    pub async fn patch_school(self, id: i64, patch: &SchoolPatch) -> Result<School, ApiError> {
        self.patch(&format!("/schools/{id}"), patch).await
    }

    /// `POST /staff`.
    pub async fn create_staff(self, new: &NewStaffMember) -> Result<StaffMember, ApiError> {
        self.post("/staff", new, true).await
    }

    /// `PATCH /staff/{id}`.
    pub async fn patch_staff(self, id: i64, patch: &StaffPatch) -> Result<StaffMember, ApiError> {
        self.patch(&format!("/staff/{id}"), patch).await
    }

    /// `POST /staff/{id}/password-reset`.
    pub async fn reset_password(self, id: i64) -> Result<PasswordReset, ApiError> {
        self.post(
            &format!("/staff/{id}/password-reset"),
            &serde_json::json!({}),
            true,
        )
        .await
    }

    /// `GET /subjects`.
    pub async fn subjects(self) -> Result<Vec<SubjectItem>, ApiError> {
        self.get("/subjects").await
    }

    /// `POST /subjects`.
    pub async fn create_subject(self, new: &NewSubject) -> Result<SubjectItem, ApiError> {
        self.post("/subjects", new, true).await
    }

    /// `GET /staff?…`, the query already encoded.
    pub async fn staff(self, query: &str) -> Result<StaffPage, ApiError> {
        self.get(&format!("/staff?{query}")).await
    }

    /// `GET /schools`.
    pub async fn schools(self) -> Result<Vec<School>, ApiError> {
        self.get("/schools").await
    }

    /// `POST /staff/import/preview` with the file's bytes.
    pub async fn import_preview(self, file: &[u8]) -> Result<ImportPreview, ApiError> {
        self.post_bytes("/staff/import/preview", "text/csv", file)
            .await
    }

    /// `POST /staff/import` with the file's bytes.
    pub async fn import_commit(self, file: &[u8]) -> Result<ImportPreview, ApiError> {
        self.post_bytes("/staff/import", "text/csv", file).await
    }

    /// `GET /me`.
    pub async fn me(self) -> Result<Me, ApiError> {
        self.get("/me").await
    }

    /// `GET /school-years`.
    pub async fn school_years(self) -> Result<Vec<SchoolYear>, ApiError> {
        self.get("/school-years").await
    }

    /// `POST /school-years`.
    pub async fn create_school_year(self, new: &NewSchoolYear) -> Result<SchoolYear, ApiError> {
        self.post("/school-years", new, true).await
    }

    /// `GET /groups?year=…`: the whole roster of a year (the current one without `year`).
    pub async fn roster(self, year: Option<i64>) -> Result<Roster, ApiError> {
        match year {
            Some(y) => self.get(&format!("/groups?year={y}")).await,
            None => self.get("/groups").await,
        }
    }

    /// `GET /groups/mine`.
    pub async fn my_groups(self) -> Result<MyGroups, ApiError> {
        self.get("/groups/mine").await
    }

    /// `GET /groups/school-roster?school=…`.
    pub async fn school_roster(self, school: i64) -> Result<Vec<SchoolRosterRow>, ApiError> {
        self.get(&format!("/groups/school-roster?school={school}"))
            .await
    }

    /// `GET /groups/memberships?people=…`: the groups of each person this school year.
    pub async fn memberships(self, people: &[i64]) -> Result<Vec<PersonGroups>, ApiError> {
        let ids: Vec<String> = people.iter().map(i64::to_string).collect();
        self.get(&format!("/groups/memberships?people={}", ids.join(",")))
            .await
    }

    /// `GET /groups/{id}`.
    pub async fn group(self, id: i64) -> Result<Group, ApiError> {
        self.get(&format!("/groups/{id}")).await
    }

    /// `PATCH /groups/{id}`.
    pub async fn patch_group(self, id: i64, patch: &GroupPatch) -> Result<Group, ApiError> {
        self.patch(&format!("/groups/{id}"), patch).await
    }

    /// `POST /groups/{from}/moves`.
    pub async fn move_member(self, from: i64, request: &Move) -> Result<Group, ApiError> {
        self.post(&format!("/groups/{from}/moves"), request, true)
            .await
    }

    /// `POST /groups/{from}/merge`.
    pub async fn merge_group(self, from: i64, request: &Merge) -> Result<Group, ApiError> {
        self.post(&format!("/groups/{from}/merge"), request, true)
            .await
    }

    /// `POST /groups`.
    pub async fn create_group(self, new: &NewGroup) -> Result<Group, ApiError> {
        self.post("/groups", new, true).await
    }

    /// `POST /groups/{id}/members`.
    pub async fn add_member(self, id: i64, new: &NewMember) -> Result<Group, ApiError> {
        self.post(&format!("/groups/{id}/members"), new, true).await
    }

    /// `DELETE /groups/{id}/members/{person}?version=…`.
    pub async fn remove_member(
        self,
        id: i64,
        person: i64,
        version: i64,
    ) -> Result<Group, ApiError> {
        self.delete(&format!("/groups/{id}/members/{person}?version={version}"))
            .await
    }

    /// `GET /groups/{id}/next-documenter?absent=…`.
    pub async fn next_documenter(
        self,
        id: i64,
        absent: &[i64],
    ) -> Result<NextDocumenter, ApiError> {
        let absent: Vec<String> = absent.iter().map(i64::to_string).collect();
        self.get(&format!(
            "/groups/{id}/next-documenter?absent={}",
            absent.join(",")
        ))
        .await
    }

    /// `POST /groups/{id}/documenter`.
    pub async fn record_documenter(
        self,
        id: i64,
        record: &DocumenterRecord,
    ) -> Result<Group, ApiError> {
        self.post(&format!("/groups/{id}/documenter"), record, true)
            .await
    }

    /// `GET /groups/formation/input?year=…`.
    pub async fn formation_input(self, year: i64) -> Result<FormationInput, ApiError> {
        self.get(&format!("/groups/formation/input?year={year}"))
            .await
    }

    /// `POST /groups/formation`.
    pub async fn save_formation(self, request: &FormationRequest) -> Result<Roster, ApiError> {
        self.post("/groups/formation", request, true).await
    }

    /// `PUT /me/learning-subject`.
    pub async fn set_learning_subject(
        self,
        choice: &LearningSubject,
    ) -> Result<LearningSubject, ApiError> {
        self.put("/me/learning-subject", choice).await
    }

    /// `GET /wheel?year=…` (the current year without one).
    pub async fn wheel(self, year: Option<i64>) -> Result<Wheel, ApiError> {
        match year {
            Some(y) => self.get(&format!("/wheel?year={y}")).await,
            None => self.get("/wheel").await,
        }
    }

    /// `POST /wheel/activities`.
    pub async fn create_activity(self, input: &ActivityInput) -> Result<Activity, ApiError> {
        self.post("/wheel/activities", input, true).await
    }

    /// `PUT /wheel/activities/{id}` (the input carries the version).
    pub async fn update_activity(
        self,
        id: i64,
        input: &ActivityInput,
    ) -> Result<Activity, ApiError> {
        self.put(&format!("/wheel/activities/{id}"), input).await
    }

    /// `DELETE /wheel/activities/{id}?version=…`.
    pub async fn delete_activity(self, id: i64, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/wheel/activities/{id}?version={version}"))
            .await
    }

    /// `GET /wheel/history?year=…`.
    pub async fn wheel_history(self, year: i64) -> Result<Vec<WheelChange>, ApiError> {
        self.get(&format!("/wheel/history?year={year}")).await
    }

    /// `POST /wheel/rings`.
    pub async fn create_ring(self, input: &RingInput) -> Result<Ring, ApiError> {
        self.post("/wheel/rings", input, true).await
    }

    /// `PUT /wheel/rings/{id}` (the input carries the version).
    pub async fn update_ring(self, id: i64, input: &RingInput) -> Result<Ring, ApiError> {
        self.put(&format!("/wheel/rings/{id}"), input).await
    }

    /// `POST /wheel/rings/{id}/move`.
    pub async fn move_ring(self, id: i64, request: &RingMove) -> Result<Ring, ApiError> {
        self.post(&format!("/wheel/rings/{id}/move"), request, true)
            .await
    }

    /// `DELETE /wheel/rings/{id}?version=…`.
    pub async fn delete_ring(self, id: i64, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/wheel/rings/{id}?version={version}"))
            .await
    }

    /// `GET /wheel/copy?from=…&to=…`: the copy to review.
    pub async fn wheel_copy(self, from: i64, to: i64) -> Result<WheelCopy, ApiError> {
        self.get(&format!("/wheel/copy?from={from}&to={to}")).await
    }

    /// `POST /wheel/copy`: saves the reviewed copy.
    pub async fn save_wheel_copy(self, request: &CopyRequest) -> Result<Wheel, ApiError> {
        self.post("/wheel/copy", request, true).await
    }

    /// `GET /me/calendar-feed`.
    pub async fn calendar_feed(self) -> Result<CalendarFeed, ApiError> {
        self.get("/me/calendar-feed").await
    }

    /// `POST /me/calendar-feed`: a new private feed URL.
    pub async fn make_calendar_feed(self) -> Result<CalendarFeed, ApiError> {
        self.post("/me/calendar-feed", &serde_json::json!({}), true)
            .await
    }

    /// `DELETE /me/calendar-feed`.
    pub async fn revoke_calendar_feed(self) -> Result<(), ApiError> {
        self.delete("/me/calendar-feed").await
    }

    /// `GET /wheel/public-feed`.
    pub async fn public_feed(self) -> Result<CalendarFeed, ApiError> {
        self.get("/wheel/public-feed").await
    }

    /// `PUT /wheel/public-feed`: on (a new URL) or off.
    pub async fn set_public_feed(self, enabled: bool) -> Result<CalendarFeed, ApiError> {
        self.put("/wheel/public-feed", &PublicFeed { enabled })
            .await
    }

    /// `POST /auth/password`: the other sessions end; this one goes on with the new token.
    pub async fn change_password(
        self,
        request: &PasswordChange,
    ) -> Result<LoginResponse, ApiError> {
        self.post("/auth/password", request, true).await
    }

    /// `GET /library/front`.
    pub async fn library_front(self) -> Result<LibraryFront, ApiError> {
        self.get("/library/front").await
    }

    /// `GET /library/items?…` (the query string already encoded).
    pub async fn library_items(self, query: &str) -> Result<ItemPage, ApiError> {
        self.get(&format!("/library/items?{query}")).await
    }

    /// `GET /library/items/{id}`.
    pub async fn library_item(self, id: i64) -> Result<Item, ApiError> {
        self.get(&format!("/library/items/{id}")).await
    }

    /// `POST /library/items`.
    pub async fn create_library_item(self, input: &ItemInput) -> Result<Item, ApiError> {
        self.post("/library/items", input, true).await
    }

    /// `PUT /library/items/{id}`.
    pub async fn update_library_item(self, id: i64, input: &ItemInput) -> Result<Item, ApiError> {
        self.put(&format!("/library/items/{id}"), input).await
    }

    /// `POST /library/items/{id}/review`.
    pub async fn review_library_item(self, id: i64, review: &Review) -> Result<Item, ApiError> {
        self.post(&format!("/library/items/{id}/review"), review, true)
            .await
    }

    /// `POST /library/items/{id}/state`.
    pub async fn set_library_item_state(
        self,
        id: i64,
        state: &ItemState,
    ) -> Result<Item, ApiError> {
        self.post(&format!("/library/items/{id}/state"), state, true)
            .await
    }

    /// `POST /library/items/{id}/files?name=…` with the file as the body, streamed by
    /// the browser from disk.
    pub async fn upload_library_file(
        self,
        id: i64,
        file: &web_sys::File,
    ) -> Result<ItemFile, ApiError> {
        let name = String::from(js_sys::encode_uri_component(&file.name()));
        let request = self
            .prepare(
                Request::post(&format!("{BASE}/library/items/{id}/files?name={name}")),
                true,
            )
            .header("Content-Type", "application/octet-stream")
            .body(wasm_bindgen::JsValue::from(file.clone()))
            .map_err(|_| ApiError::Network)?;
        let sent = request.send().await;
        self.finish(sent, true).await
    }

    /// `DELETE /library/files/{id}`.
    pub async fn delete_library_file(self, id: i64) -> Result<(), ApiError> {
        self.delete(&format!("/library/files/{id}")).await
    }

    /// `GET /library/collections/{id}`.
    pub async fn collection(self, id: i64) -> Result<Collection, ApiError> {
        self.get(&format!("/library/collections/{id}")).await
    }

    /// `POST /library/collections`.
    pub async fn create_collection(self, input: &CollectionInput) -> Result<Collection, ApiError> {
        self.post("/library/collections", input, true).await
    }

    /// `PUT /library/collections/{id}`.
    pub async fn update_collection(
        self,
        id: i64,
        input: &CollectionInput,
    ) -> Result<Collection, ApiError> {
        self.put(&format!("/library/collections/{id}"), input).await
    }

    /// `DELETE /library/collections/{id}?version=…`.
    pub async fn delete_collection(self, id: i64, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/library/collections/{id}?version={version}"))
            .await
    }

    /// `POST /library/import/preview` with the CSV's bytes.
    pub async fn library_import_preview(
        self,
        file: &[u8],
    ) -> Result<LibraryImportPreview, ApiError> {
        self.post_bytes("/library/import/preview", "text/csv", file)
            .await
    }

    /// `POST /library/import` with the CSV's bytes.
    pub async fn library_import(self, file: &[u8]) -> Result<LibraryImportPreview, ApiError> {
        self.post_bytes("/library/import", "text/csv", file).await
    }

    /// `GET /meetings`: the meetings of my groups this school year.
    pub async fn meetings(self) -> Result<Vec<Meeting>, ApiError> {
        self.get("/meetings").await
    }

    /// `GET /meetings/{id}`.
    pub async fn meeting(self, id: i64) -> Result<Meeting, ApiError> {
        self.get(&format!("/meetings/{id}")).await
    }

    /// `PATCH /meetings/{id}`.
    pub async fn patch_meeting(self, id: i64, patch: &MeetingPatch) -> Result<Meeting, ApiError> {
        self.patch(&format!("/meetings/{id}"), patch).await
    }

    /// `GET /meetings/{id}/plan`: my plan (version 0 before the first save).
    pub async fn plan(self, id: i64) -> Result<ActionPlan, ApiError> {
        self.get(&format!("/meetings/{id}/plan")).await
    }

    /// `PUT /meetings/{id}/plan`.
    pub async fn save_plan(self, id: i64, input: &ActionPlanInput) -> Result<ActionPlan, ApiError> {
        self.put(&format!("/meetings/{id}/plan"), input).await
    }

    /// `GET /meetings/{id}/plans`: who has written a plan.
    pub async fn plan_overview(self, id: i64) -> Result<PlanOverview, ApiError> {
        self.get(&format!("/meetings/{id}/plans")).await
    }

    /// `GET /meetings/{id}/protocol`.
    pub async fn protocol(self, id: i64) -> Result<Protocol, ApiError> {
        self.get(&format!("/meetings/{id}/protocol")).await
    }

    /// `PUT /meetings/{id}/protocol`.
    pub async fn save_protocol(self, id: i64, input: &ProtocolInput) -> Result<Protocol, ApiError> {
        self.put(&format!("/meetings/{id}/protocol"), input).await
    }

    /// `POST /meetings/{id}/protocol/publish`.
    pub async fn publish_protocol(self, id: i64, version: i64) -> Result<Protocol, ApiError> {
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
        id: i64,
        input: &AmendmentInput,
    ) -> Result<Protocol, ApiError> {
        self.post(&format!("/meetings/{id}/protocol/amendments"), input, true)
            .await
    }

    /// `GET /meetings/{id}/live`.
    pub async fn live(self, id: i64) -> Result<LiveState, ApiError> {
        self.get(&format!("/meetings/{id}/live")).await
    }

    /// `POST /meetings/{id}/live`.
    pub async fn live_command(self, id: i64, command: &LiveCommand) -> Result<LiveState, ApiError> {
        self.post(&format!("/meetings/{id}/live"), command, true)
            .await
    }

    /// `PUT /meetings/{id}/attendance`.
    pub async fn attendance(self, id: i64, input: &AttendanceInput) -> Result<LiveState, ApiError> {
        self.put(&format!("/meetings/{id}/attendance"), input).await
    }

    /// `POST /meetings/{id}/live/ticket`.
    pub async fn live_ticket(self, id: i64) -> Result<LiveTicket, ApiError> {
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
    pub async fn delete_meeting(self, id: i64, version: i64) -> Result<(), ApiError> {
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
        id: i64,
        input: &AgendaInput,
    ) -> Result<AgendaTemplate, ApiError> {
        self.put(&format!("/agenda-templates/{id}"), input).await
    }

    /// `DELETE /agenda-templates/{id}?version=…`.
    pub async fn delete_agenda_template(self, id: i64, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/agenda-templates/{id}?version={version}"))
            .await
    }

    /// `POST /agenda-templates/{id}/default`.
    pub async fn default_agenda_template(
        self,
        id: i64,
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
    pub async fn preparation(self, id: i64) -> Result<Preparation, ApiError> {
        self.get(&format!("/meetings/{id}/preparation")).await
    }

    /// `PUT /meetings/{id}/preparation`.
    pub async fn set_preparation(
        self,
        id: i64,
        input: &PreparationInput,
    ) -> Result<Preparation, ApiError> {
        self.put(&format!("/meetings/{id}/preparation"), input)
            .await
    }

    /// `PUT /meetings/{id}/prepared`.
    pub async fn set_prepared(self, id: i64, done: bool) -> Result<Preparation, ApiError> {
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

/// The client for the current session and language.
pub fn use_api() -> Api {
    Api::new(crate::session::use_session(), crate::i18n::use_i18n())
}
