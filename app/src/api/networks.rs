//! Networks, their good examples, the digital tools and the schools' ICT groups.

use kollegium_shared::ids::{ExampleId, GroupId, SchoolId, ToolId};
use kollegium_shared::networks::{
    DigitalTool, Example, ExampleInput, ExampleReview, IctGroup, IctGroupInput, IctNote,
    IctNoteInput, NetworkPage, NetworksFront, ToolInput,
};

use super::{Api, ApiError};

impl Api {
    /// `GET /networks`.
    pub async fn networks(self) -> Result<NetworksFront, ApiError> {
        self.get("/networks").await
    }

    /// `GET /networks/{group}`.
    pub async fn network(self, id: GroupId) -> Result<NetworkPage, ApiError> {
        self.get(&format!("/networks/{id}")).await
    }

    /// `POST /networks/{group}/examples`.
    pub async fn submit_examples(
        self,
        id: GroupId,
        input: &ExampleInput,
    ) -> Result<Vec<Example>, ApiError> {
        self.post(&format!("/networks/{id}/examples"), input, true)
            .await
    }

    /// `PUT /networks/{group}/examples/{example}/review`.
    pub async fn review_example(
        self,
        id: GroupId,
        example: ExampleId,
        input: &ExampleReview,
    ) -> Result<Example, ApiError> {
        self.put(&format!("/networks/{id}/examples/{example}/review"), input)
            .await
    }

    /// `POST /networks/tools`.
    pub async fn create_tool(self, input: &ToolInput) -> Result<DigitalTool, ApiError> {
        self.post("/networks/tools", input, true).await
    }

    /// `PUT /networks/tools/{tool}`.
    pub async fn update_tool(self, id: ToolId, input: &ToolInput) -> Result<DigitalTool, ApiError> {
        self.put(&format!("/networks/tools/{id}"), input).await
    }

    /// `DELETE /networks/tools/{tool}?version=`.
    pub async fn delete_tool(self, id: ToolId, version: i64) -> Result<(), ApiError> {
        self.delete(&format!("/networks/tools/{id}?version={version}"))
            .await
    }

    /// `PUT /networks/schools/{school}`.
    pub async fn set_ict_group(
        self,
        school: SchoolId,
        input: &IctGroupInput,
    ) -> Result<IctGroup, ApiError> {
        self.put(&format!("/networks/schools/{school}"), input)
            .await
    }

    /// `POST /networks/schools/{school}/notes`.
    pub async fn add_ict_note(
        self,
        school: SchoolId,
        input: &IctNoteInput,
    ) -> Result<IctNote, ApiError> {
        self.post(&format!("/networks/schools/{school}/notes"), input, true)
            .await
    }
}
