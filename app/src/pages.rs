//! Pages that are loaded when first opened: each lazy route becomes its own part of
//! the wasm module (split by the site build), so the first download holds only the
//! shell, sign-in and the start page.

use leptos::prelude::*;
use leptos_router::{LazyRoute, lazy_route};

use crate::components::RequireAuth;

/// A signed-in page whose code is fetched when the route is first visited.
macro_rules! lazy_page {
    ($route:ident, $page:path) => {
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                Self
            }

            fn view(_this: Self) -> AnyView {
                view! { <RequireAuth><$page/></RequireAuth> }.into_any()
            }
        }
    };
}

lazy_page!(Profile, crate::auth::ProfilePage);
lazy_page!(Directory, crate::org::DirectoryPage);
lazy_page!(Admin, crate::org::AdminPage);
lazy_page!(SubjectsAdmin, crate::org::SubjectsAdminPage);
lazy_page!(StaffAdmin, crate::org::StaffAdminPage);
lazy_page!(SchoolsAdmin, crate::org::SchoolsAdminPage);
lazy_page!(Import, crate::org::ImportPage);
lazy_page!(MyGroups, crate::groups::MyGroupsPage);
lazy_page!(GroupDetail, crate::groups::GroupPage);
lazy_page!(Roster, crate::groups::RosterPage);
lazy_page!(Formation, crate::groups::FormationPage);
lazy_page!(SchoolRoster, crate::groups::SchoolRosterPage);
lazy_page!(WheelCircle, crate::wheel::WheelPage);
lazy_page!(WheelList, crate::wheel::WheelListPage);
lazy_page!(WheelCopy, crate::wheel::WheelCopyPage);
lazy_page!(Library, crate::library::LibraryPage);
lazy_page!(LibraryItem, crate::library::ItemPage);
lazy_page!(LibraryEdit, crate::library::ItemEditPage);
lazy_page!(LibraryTransfer, crate::library::LibraryTransferPage);
lazy_page!(Collection, crate::library::CollectionPage);
lazy_page!(Meetings, crate::meetings::MeetingsPage);
lazy_page!(FollowUp, crate::followup::FollowUpPage);
// `/mal`, `/mal/{id}`, `/malsamtal`, `/malsamtal/{id}` and `/resultat`: one part,
// the page chooses by the address.
lazy_page!(Goals, crate::goals::GoalsRoute);
lazy_page!(MeetingDetail, crate::meetings::MeetingPage);
lazy_page!(MeetingLive, crate::meetings::LivePage);
lazy_page!(Thread, crate::meetings::ThreadPage);
lazy_page!(OutboxAdmin, crate::meetings::OutboxPage);
lazy_page!(Templates, crate::meetings::TemplatesPage);
lazy_page!(Archive, crate::meetings::ArchivePage);
lazy_page!(ProtocolDocument, crate::meetings::ProtocolDocumentPage);
lazy_page!(Projects, crate::projects::ProjectsPage);
lazy_page!(ProjectDetail, crate::projects::ProjectPage);
lazy_page!(Networks, crate::networks::NetworksPage);
lazy_page!(NetworkDetail, crate::networks::NetworkPage);

/// `/visa/{key}`: a project's public page, for anyone, signed in or not.
pub struct Showcase;

#[lazy_route]
impl LazyRoute for Showcase {
    fn data() -> Self {
        Self
    }

    fn view(_this: Self) -> AnyView {
        view! { <crate::projects::ShowcasePage/> }.into_any()
    }
}
