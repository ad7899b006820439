//! Goals at three levels, their notes and carrying a year's goals to the next.

use kollegium_shared::goals::dialogues::{DialogueInput, Dialogues, NewDialogue, ResultDialogue};
use kollegium_shared::goals::results::{
    FigureChoice, FigureInput, FigureKey, FigureLookup, ResultSeries, ResultsPreview, StoredFigure,
};
use kollegium_shared::goals::talks::{
    HeldInput, NewTalk, SlotOffer, Talk, TalkPreparationInput, TalkRecordInput, TalkSlot, YearTalks,
};
use kollegium_shared::goals::{
    CarryPreview, CarryRequest, CarryResult, Goal, GoalInput, NoteInput, YearGoals,
};
use kollegium_shared::ids::{GoalId, ResultDialogueId, SchoolYearId, TalkId, TalkSlotId};

use super::{Api, ApiError};

impl Api {
    /// `GET /goals?year=`: the year's goals as I may read them.
    pub async fn goals(self, year: Option<SchoolYearId>) -> Result<YearGoals, ApiError> {
        match year {
            Some(y) => self.get(&format!("/goals?year={y}")).await,
            None => self.get("/goals").await,
        }
    }

    /// `GET /goals/{id}`.
    pub async fn goal(self, id: GoalId) -> Result<Goal, ApiError> {
        self.get(&format!("/goals/{id}")).await
    }

    /// `POST /goals`.
    pub async fn create_goal(self, input: &GoalInput) -> Result<Goal, ApiError> {
        self.post("/goals", input, true).await
    }

    /// `PUT /goals/{id}` (with the version in `input`).
    pub async fn update_goal(self, id: GoalId, input: &GoalInput) -> Result<Goal, ApiError> {
        self.put(&format!("/goals/{id}"), input).await
    }

    /// `DELETE /goals/{id}?version=`.
    pub async fn delete_goal(self, id: GoalId, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/goals/{id}?version={version}")).await
    }

    /// `POST /goals/{id}/notes`.
    pub async fn add_goal_note(self, id: GoalId, note: &NoteInput) -> Result<Goal, ApiError> {
        self.post(&format!("/goals/{id}/notes"), note, true).await
    }

    /// `GET /goals/carry?from=&to=`.
    pub async fn carry_preview(
        self,
        from: SchoolYearId,
        to: SchoolYearId,
    ) -> Result<CarryPreview, ApiError> {
        self.get(&format!("/goals/carry?from={from}&to={to}")).await
    }

    /// `POST /goals/carry`.
    pub async fn carry_goals(self, request: &CarryRequest) -> Result<CarryResult, ApiError> {
        self.post("/goals/carry", request, true).await
    }

    /// `GET /goal-conversations?year=`: my målsamtal of the year.
    pub async fn talks(self, year: Option<SchoolYearId>) -> Result<YearTalks, ApiError> {
        match year {
            Some(y) => self.get(&format!("/goal-conversations?year={y}")).await,
            None => self.get("/goal-conversations").await,
        }
    }

    /// `POST /goal-conversations`: the year's conversation with a person.
    pub async fn open_talk(self, input: &NewTalk) -> Result<Talk, ApiError> {
        self.post("/goal-conversations", input, true).await
    }

    /// `GET /goal-conversations/{id}`.
    pub async fn talk(self, id: TalkId) -> Result<Talk, ApiError> {
        self.get(&format!("/goal-conversations/{id}")).await
    }

    /// `PUT /goal-conversations/{id}`.
    pub async fn update_talk(self, id: TalkId, input: &TalkRecordInput) -> Result<Talk, ApiError> {
        self.put(&format!("/goal-conversations/{id}"), input).await
    }

    /// `PUT /goal-conversations/{id}/preparation`.
    pub async fn set_talk_preparation(
        self,
        id: TalkId,
        input: &TalkPreparationInput,
    ) -> Result<Talk, ApiError> {
        self.put(&format!("/goal-conversations/{id}/preparation"), input)
            .await
    }

    /// `PUT /goal-conversations/{id}/held`.
    pub async fn set_talk_held(self, id: TalkId, held: bool) -> Result<Talk, ApiError> {
        self.put(
            &format!("/goal-conversations/{id}/held"),
            &HeldInput { held },
        )
        .await
    }

    /// `DELETE /goal-conversations/{id}/booking`.
    pub async fn unbook_talk(self, id: TalkId) -> Result<Talk, ApiError> {
        self.delete(&format!("/goal-conversations/{id}/booking"))
            .await
    }

    /// `POST /goal-conversations/slots`.
    pub async fn offer_talk_slots(self, offer: &SlotOffer) -> Result<Vec<TalkSlot>, ApiError> {
        self.post("/goal-conversations/slots", offer, true).await
    }

    /// `DELETE /goal-conversations/slots/{id}`.
    pub async fn withdraw_talk_slot(self, id: TalkSlotId) -> Result<(), ApiError> {
        self.delete(&format!("/goal-conversations/slots/{id}"))
            .await
    }

    /// `POST /goal-conversations/slots/{id}/booking`.
    pub async fn book_talk_slot(self, id: TalkSlotId) -> Result<Talk, ApiError> {
        self.post(
            &format!("/goal-conversations/slots/{id}/booking"),
            &(),
            true,
        )
        .await
    }

    /// `GET /results?figure=&grade=&subject=&sex=`: one key figure of every school.
    pub async fn results(self, choice: Option<&FigureChoice>) -> Result<ResultSeries, ApiError> {
        match choice {
            Some(c) => {
                let subject = js_sys::encode_uri_component(&c.subject);
                self.get(&format!(
                    "/results?figure={}&grade={}&subject={subject}&sex={}",
                    c.figure.code(),
                    c.grade,
                    c.sex.code()
                ))
                .await
            }
            None => self.get("/results").await,
        }
    }

    /// `GET /results/figure?…`: the figure stored under `key`, if any.
    pub async fn stored_figure(self, key: &FigureKey) -> Result<FigureLookup, ApiError> {
        self.get(&format!("/results/figure?{}", key_query(key)))
            .await
    }

    /// `PUT /results/figure`: one figure entered by hand.
    pub async fn put_figure(self, input: &FigureInput) -> Result<StoredFigure, ApiError> {
        self.put("/results/figure", input).await
    }

    /// `DELETE /results/figure?…&version=`.
    pub async fn delete_figure(self, key: &FigureKey, version: i64) -> Result<(), ApiError> {
        self.delete(&format!(
            "/results/figure?{}&version={version}",
            key_query(key)
        ))
        .await
    }

    /// `POST /results/import/preview` with the file's bytes.
    pub async fn preview_results(self, file: &[u8]) -> Result<ResultsPreview, ApiError> {
        self.post_bytes("/results/import/preview", "text/csv", file)
            .await
    }

    /// `POST /results/import` with the file's bytes.
    pub async fn import_results(self, file: &[u8]) -> Result<ResultsPreview, ApiError> {
        self.post_bytes("/results/import", "text/csv", file).await
    }

    /// `GET /result-dialogues`.
    pub async fn dialogues(self) -> Result<Dialogues, ApiError> {
        self.get("/result-dialogues").await
    }

    /// `POST /result-dialogues`.
    pub async fn create_dialogue(self, input: &NewDialogue) -> Result<ResultDialogue, ApiError> {
        self.post("/result-dialogues", input, true).await
    }

    /// `GET /result-dialogues/{id}`.
    pub async fn dialogue(self, id: ResultDialogueId) -> Result<ResultDialogue, ApiError> {
        self.get(&format!("/result-dialogues/{id}")).await
    }

    /// `PUT /result-dialogues/{id}`.
    pub async fn update_dialogue(
        self,
        id: ResultDialogueId,
        input: &DialogueInput,
    ) -> Result<ResultDialogue, ApiError> {
        self.put(&format!("/result-dialogues/{id}"), input).await
    }
}

/// A figure's key as a query string.
fn key_query(k: &FigureKey) -> String {
    format!(
        "school={}&year={}&grade={}&figure={}&subject={}&sex={}",
        k.school,
        js_sys::encode_uri_component(&k.year),
        k.grade,
        k.figure.code(),
        js_sys::encode_uri_component(&k.subject),
        k.sex.code()
    )
}
