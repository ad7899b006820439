//! The organisation: municipalities, schools, people and their roles, and the reference
//! lists of stages and Lgr22 subjects with stable codes for the API.

pub mod access;
pub mod csv;
pub mod import;

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::ids::{MunicipalityId, PersonId, SchoolId};

/// What a person may do. A person can hold several roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Municipality administrator: schools, staff, school years, settings.
    Admin,
    /// Steering group: edits the annual wheel, forms the groups, follows up.
    Styrgrupp,
    /// ICT strategist: runs the research-material library.
    IktStrateg,
    /// Principal: goal conversations, result dialogues, their school's participation.
    Rektor,
    /// Head of operations: answers for several schools; målsamtal with their principals
    /// and the result dialogues.
    Verksamhetschef,
    /// Researcher or process leader: adds research material and films, runs projects.
    Forskare,
    /// Teacher.
    Larare,
}

impl Role {
    /// Every role, in the order they are listed to people.
    pub const ALL: [Role; 7] = [
        Role::Admin,
        Role::Styrgrupp,
        Role::IktStrateg,
        Role::Rektor,
        Role::Verksamhetschef,
        Role::Forskare,
        Role::Larare,
    ];

    /// The stable code used in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Styrgrupp => "styrgrupp",
            Role::IktStrateg => "ikt_strateg",
            Role::Rektor => "rektor",
            Role::Verksamhetschef => "verksamhetschef",
            Role::Forskare => "forskare",
            Role::Larare => "larare",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The name shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Role::Admin, Lang::Sv) => "Administratör",
            (Role::Admin, Lang::En) => "Administrator",
            (Role::Styrgrupp, Lang::Sv) => "Styrgrupp",
            (Role::Styrgrupp, Lang::En) => "Steering group",
            (Role::IktStrateg, Lang::Sv) => "IKT-strateg",
            (Role::IktStrateg, Lang::En) => "ICT strategist",
            (Role::Rektor, Lang::Sv) => "Rektor",
            (Role::Rektor, Lang::En) => "Principal",
            (Role::Verksamhetschef, Lang::Sv) => "Verksamhetschef",
            (Role::Verksamhetschef, Lang::En) => "Head of operations",
            (Role::Forskare, Lang::Sv) => "Forskare/processledare",
            (Role::Forskare, Lang::En) => "Researcher/process leader",
            (Role::Larare, Lang::Sv) => "Lärare",
            (Role::Larare, Lang::En) => "Teacher",
        }
    }
}

/// A school stage (skolform/stadium).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Forskola,
    Forskoleklass,
    Ak1_3,
    Ak4_6,
    Ak7_9,
    Fritidshem,
    Gymnasieskola,
    AnpassadGrundskola,
}

impl Stage {
    /// Every stage, youngest pupils first.
    pub const ALL: [Stage; 8] = [
        Stage::Forskola,
        Stage::Forskoleklass,
        Stage::Ak1_3,
        Stage::Ak4_6,
        Stage::Ak7_9,
        Stage::Fritidshem,
        Stage::Gymnasieskola,
        Stage::AnpassadGrundskola,
    ];

    /// The stable code used in the API and the database.
    pub fn code(self) -> &'static str {
        match self {
            Stage::Forskola => "forskola",
            Stage::Forskoleklass => "forskoleklass",
            Stage::Ak1_3 => "ak1_3",
            Stage::Ak4_6 => "ak4_6",
            Stage::Ak7_9 => "ak7_9",
            Stage::Fritidshem => "fritidshem",
            Stage::Gymnasieskola => "gymnasieskola",
            Stage::AnpassadGrundskola => "anpassad_grundskola",
        }
    }

    /// Parses a stable code.
    pub fn from_code(code: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The name shown to people.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Stage::Forskola, Lang::Sv) => "Förskola",
            (Stage::Forskola, Lang::En) => "Preschool",
            (Stage::Forskoleklass, Lang::Sv) => "Förskoleklass",
            (Stage::Forskoleklass, Lang::En) => "Preschool class",
            (Stage::Ak1_3, Lang::Sv) => "Åk 1–3",
            (Stage::Ak1_3, Lang::En) => "Years 1–3",
            (Stage::Ak4_6, Lang::Sv) => "Åk 4–6",
            (Stage::Ak4_6, Lang::En) => "Years 4–6",
            (Stage::Ak7_9, Lang::Sv) => "Åk 7–9",
            (Stage::Ak7_9, Lang::En) => "Years 7–9",
            (Stage::Fritidshem, Lang::Sv) => "Fritidshem",
            (Stage::Fritidshem, Lang::En) => "After-school centre",
            (Stage::Gymnasieskola, Lang::Sv) => "Gymnasieskola",
            (Stage::Gymnasieskola, Lang::En) => "Upper secondary school",
            (Stage::AnpassadGrundskola, Lang::Sv) => "Anpassad grundskola",
            (Stage::AnpassadGrundskola, Lang::En) => "Adapted compulsory school",
        }
    }

    /// The band Swedish schools speak of (F–3, 4–6, 7–9); stages outside the
    /// compulsory years are their own band.
    pub fn band(self) -> &'static str {
        match self {
            Stage::Forskoleklass | Stage::Ak1_3 => "F–3",
            Stage::Ak4_6 => "4–6",
            Stage::Ak7_9 => "7–9",
            Stage::Forskola => "Förskola",
            Stage::Fritidshem => "Fritids",
            Stage::Gymnasieskola => "Gymnasiet",
            Stage::AnpassadGrundskola => "Anpassad grundskola",
        }
    }
}

/// A subject of Lgr22 (plus special needs education): stable code and names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    pub code: &'static str,
    pub sv: &'static str,
    pub en: &'static str,
}

impl Subject {
    /// The name shown to people.
    pub fn label(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.sv,
            Lang::En => self.en,
        }
    }

    /// Looks up a subject of the national list by its code.
    pub fn by_code(code: &str) -> Option<&'static Subject> {
        SUBJECTS.iter().find(|s| s.code == code)
    }
}

/// The national subjects, in Swedish alphabetical order.
pub const SUBJECTS: &[Subject] = &[
    Subject {
        code: "bild",
        sv: "Bild",
        en: "Art",
    },
    Subject {
        code: "biologi",
        sv: "Biologi",
        en: "Biology",
    },
    Subject {
        code: "engelska",
        sv: "Engelska",
        en: "English",
    },
    Subject {
        code: "fysik",
        sv: "Fysik",
        en: "Physics",
    },
    Subject {
        code: "geografi",
        sv: "Geografi",
        en: "Geography",
    },
    Subject {
        code: "hem_och_konsumentkunskap",
        sv: "Hem- och konsumentkunskap",
        en: "Home and consumer studies",
    },
    Subject {
        code: "historia",
        sv: "Historia",
        en: "History",
    },
    Subject {
        code: "idrott_och_halsa",
        sv: "Idrott och hälsa",
        en: "Physical education and health",
    },
    Subject {
        code: "kemi",
        sv: "Kemi",
        en: "Chemistry",
    },
    Subject {
        code: "matematik",
        sv: "Matematik",
        en: "Mathematics",
    },
    Subject {
        code: "moderna_sprak",
        sv: "Moderna språk",
        en: "Modern languages",
    },
    Subject {
        code: "modersmal",
        sv: "Modersmål",
        en: "Mother tongue",
    },
    Subject {
        code: "musik",
        sv: "Musik",
        en: "Music",
    },
    Subject {
        code: "religionskunskap",
        sv: "Religionskunskap",
        en: "Religious education",
    },
    Subject {
        code: "samhallskunskap",
        sv: "Samhällskunskap",
        en: "Civics",
    },
    Subject {
        code: "slojd",
        sv: "Slöjd",
        en: "Crafts",
    },
    Subject {
        code: "svenska",
        sv: "Svenska",
        en: "Swedish",
    },
    Subject {
        code: "svenska_som_andrasprak",
        sv: "Svenska som andraspråk",
        en: "Swedish as a second language",
    },
    Subject {
        code: "teknik",
        sv: "Teknik",
        en: "Technology",
    },
    Subject {
        code: "specialpedagogik",
        sv: "Specialpedagogik",
        en: "Special needs education",
    },
];

/// A municipality as shown to its people.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MunicipalityRef {
    pub id: MunicipalityId,
    /// Short name in URLs and sign-in, e.g. `demo`.
    pub slug: String,
    pub name: String,
}

/// A school named in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolRef {
    pub id: SchoolId,
    pub name: String,
}

/// The signed-in person: `GET /api/v1/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    /// E.g. förstelärare, speciallärare; empty when none.
    pub title: String,
    pub municipality: MunicipalityRef,
    pub schools: Vec<SchoolRef>,
    pub roles: Vec<Role>,
    /// Subject codes (see [`SUBJECTS`]), the person's priority subject first.
    pub subjects: Vec<String>,
    pub stages: Vec<Stage>,
    /// Set after an administrator's password reset: a new password must be chosen.
    pub must_change_password: bool,
}

impl Me {
    /// Whether the person holds `role`.
    pub fn has_role(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        for s in Stage::ALL {
            assert_eq!(Stage::from_code(s.code()), Some(s));
        }
        assert_eq!(Role::from_code("superuser"), None);
    }

    #[test]
    fn serde_uses_the_stable_codes() {
        for r in Role::ALL {
            assert_eq!(serde_json::to_value(r).expect("serialises"), r.code());
        }
        for s in Stage::ALL {
            assert_eq!(serde_json::to_value(s).expect("serialises"), s.code());
        }
    }

    #[test]
    fn subject_codes_are_unique_and_found() {
        let mut codes: Vec<_> = SUBJECTS.iter().map(|s| s.code).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), SUBJECTS.len());
        assert_eq!(
            Subject::by_code("matematik").map(|s| s.sv),
            Some("Matematik")
        );
        assert_eq!(SUBJECTS.len(), 20);
    }

    #[test]
    fn stages_group_into_the_bands_schools_use() {
        assert_eq!(Stage::Forskoleklass.band(), Stage::Ak1_3.band());
        assert_ne!(Stage::Ak4_6.band(), Stage::Ak7_9.band());
    }
}

/// A school: `GET /api/v1/schools/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct School {
    pub id: SchoolId,
    pub name: String,
    /// The stages the school offers, youngest first.
    pub stages: Vec<Stage>,
    /// Deactivated schools keep their history but leave pickers.
    pub active: bool,
    /// The principal (rektor), if one is named.
    pub principal: Option<PersonRef>,
    /// The head of operations (verksamhetschef) the school answers to, if one is named.
    #[serde(default)]
    pub head: Option<PersonRef>,
    /// Send back with a change; a stale version gets 409.
    pub version: i64,
}

/// A person named in a list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PersonRef {
    pub id: PersonId,
    pub name: String,
}

/// Reads a present field (even `null`) as `Some`, so a change can tell "set to none"
/// from "leave as it is".
fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}

/// A change to a school: `PATCH /api/v1/schools/{id}`. Fields left out stay as they are.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SchoolPatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub stages: Option<Vec<Stage>>,
    #[serde(default)]
    pub active: Option<bool>,
    /// The principal: a person id, `null` for none; left out, unchanged.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub principal_id: Option<Option<PersonId>>,
    /// The head of operations: a person id, `null` for none; left out, unchanged.
    #[serde(
        default,
        deserialize_with = "present",
        skip_serializing_if = "Option::is_none"
    )]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<i64>))]
    pub head_id: Option<Option<PersonId>>,
    /// The version the change is based on.
    pub version: i64,
}

impl crate::validation::Validate for SchoolPatch {
    fn validate(&self) -> Vec<crate::validation::FieldError> {
        let name = self
            .name
            .as_deref()
            .map_or(Ok(()), crate::validation::check_name);
        crate::validation::collect([("name", name)])
    }
}

/// A member of staff as administrators and colleagues see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffMember {
    pub id: PersonId,
    pub name: String,
    pub email: String,
    pub title: String,
    pub schools: Vec<SchoolRef>,
    /// Subject codes, the priority subject first.
    pub subjects: Vec<String>,
    pub stages: Vec<Stage>,
    pub roles: Vec<Role>,
    /// Free words colleagues can search for ("schemaläggning").
    pub expertise: Vec<String>,
    pub active: bool,
    pub version: i64,
}

/// One page of a staff list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffPage {
    pub items: Vec<StaffMember>,
    /// How many match the query in all.
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
}

/// How a staff list is ordered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StaffSort {
    /// By name, Swedish order.
    #[default]
    Name,
    /// By name, reversed.
    NameDesc,
    /// By e-mail address.
    Email,
}

/// `GET /api/v1/staff`: search and filters; everything optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct StaffQuery {
    /// Words that must all occur in the name, e-mail, title, school, subject or expertise.
    #[serde(default)]
    pub q: Option<String>,
    #[serde(default)]
    pub school: Option<SchoolId>,
    /// A subject code.
    #[serde(default)]
    pub subject: Option<String>,
    #[serde(default)]
    pub stage: Option<Stage>,
    #[serde(default)]
    pub role: Option<Role>,
    /// Administrators may include deactivated people.
    #[serde(default)]
    pub include_inactive: Option<bool>,
    #[serde(default)]
    pub sort: Option<StaffSort>,
    /// 1-based.
    #[serde(default)]
    pub page: Option<u32>,
    /// At most 200; 50 by default.
    #[serde(default)]
    pub per_page: Option<u32>,
}

impl StaffQuery {
    /// The page asked for, at least 1.
    pub fn page(&self) -> u32 {
        self.page.unwrap_or(1).max(1)
    }

    /// The page size asked for, within 1–200.
    pub fn per_page(&self) -> u32 {
        self.per_page.unwrap_or(50).clamp(1, 200)
    }
}

/// The folded words search matches against, from everything a colleague may search by.
pub fn search_text<'a>(parts: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for part in parts {
        let folded = crate::text::fold(part);
        if !folded.is_empty() {
            out.push(' ');
            out.push_str(&folded);
        }
    }
    out.push(' ');
    out
}

/// A new member of staff: `POST /api/v1/staff`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewStaffMember {
    pub name: String,
    pub email: String,
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub school_ids: Vec<SchoolId>,
    /// Subject codes, the priority subject first.
    #[serde(default)]
    pub subjects: Vec<String>,
    #[serde(default)]
    pub stages: Vec<Stage>,
    pub roles: Vec<Role>,
    #[serde(default)]
    pub expertise: Vec<String>,
}

impl crate::validation::Validate for NewStaffMember {
    fn validate(&self) -> Vec<crate::validation::FieldError> {
        use crate::validation::{check_email, check_name, collect};
        let roles = if self.roles.is_empty() {
            Err(crate::i18n::Msg::RoleRequired)
        } else {
            Ok(())
        };
        collect([
            ("name", check_name(&self.name)),
            ("email", check_email(&self.email)),
            ("roles", roles),
        ])
    }
}

/// A change to a member of staff: `PATCH /api/v1/staff/{id}`. Fields left out stay as
/// they are; `active: false` deactivates (the person can no longer sign in and leaves
/// pickers, but their history stays).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StaffPatch {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub school_ids: Option<Vec<SchoolId>>,
    #[serde(default)]
    pub subjects: Option<Vec<String>>,
    #[serde(default)]
    pub stages: Option<Vec<Stage>>,
    #[serde(default)]
    pub roles: Option<Vec<Role>>,
    #[serde(default)]
    pub expertise: Option<Vec<String>>,
    #[serde(default)]
    pub active: Option<bool>,
    /// The version the change is based on.
    pub version: i64,
}

impl crate::validation::Validate for StaffPatch {
    fn validate(&self) -> Vec<crate::validation::FieldError> {
        use crate::validation::{check_email, check_name, collect};
        let roles = match &self.roles {
            Some(r) if r.is_empty() => Err(crate::i18n::Msg::RoleRequired),
            _ => Ok(()),
        };
        collect([
            ("name", self.name.as_deref().map_or(Ok(()), check_name)),
            ("email", self.email.as_deref().map_or(Ok(()), check_email)),
            ("roles", roles),
        ])
    }
}

impl StaffPatch {
    /// What an administrator may not do to their own account, since it would shut
    /// them out: deactivate it, or take away their administrator role (another
    /// administrator may).
    pub fn check_own(&self) -> Result<(), crate::validation::FieldError> {
        use crate::i18n::Msg;
        use crate::validation::FieldError;
        if self.active == Some(false) {
            return Err(FieldError::new("active", Msg::CannotDeactivateSelf));
        }
        if self
            .roles
            .as_ref()
            .is_some_and(|r| !r.contains(&Role::Admin))
        {
            return Err(FieldError::new("roles", Msg::CannotDropOwnAdmin));
        }
        Ok(())
    }
}

/// The answer to an administrator's password reset: shown once, to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PasswordReset {
    /// Valid until the person signs in and chooses their own.
    pub one_time_password: String,
}

/// A new school: `POST /api/v1/schools`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSchool {
    pub name: String,
    #[serde(default)]
    pub stages: Vec<Stage>,
    #[serde(default)]
    pub principal_id: Option<PersonId>,
    /// The head of operations the school answers to.
    #[serde(default)]
    pub head_id: Option<PersonId>,
}

impl crate::validation::Validate for NewSchool {
    fn validate(&self) -> Vec<crate::validation::FieldError> {
        crate::validation::collect([("name", crate::validation::check_name(&self.name))])
    }
}

/// A subject in the municipality's list: the national ones and its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SubjectItem {
    pub code: String,
    /// The Swedish name (the municipality's own subjects have only one name).
    pub name: String,
    pub name_en: String,
    /// Added by the municipality.
    pub custom: bool,
}

/// A subject or area the municipality adds: `POST /api/v1/subjects`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NewSubject {
    pub name: String,
}

impl crate::validation::Validate for NewSubject {
    fn validate(&self) -> Vec<crate::validation::FieldError> {
        crate::validation::collect([("name", crate::validation::check_name(&self.name))])
    }
}

/// A stable code made from a name: folded, ASCII letters and digits joined by `_`
/// ("Elevhälsa" → "elevhalsa").
pub fn code_from_name(name: &str) -> String {
    let mut code = String::new();
    for c in crate::text::fold(name).chars() {
        let c = match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c => c,
        };
        if c.is_ascii_alphanumeric() {
            code.push(c);
        } else if !code.ends_with('_') && !code.is_empty() {
            code.push('_');
        }
    }
    code.trim_end_matches('_').to_owned()
}

#[cfg(test)]
mod admin_tests {
    use super::*;
    use crate::validation::Validate;

    #[test]
    fn a_school_change_tells_none_from_unchanged() {
        let set: SchoolPatch =
            serde_json::from_str(r#"{"principal_id": 7, "version": 1}"#).expect("json");
        assert_eq!(set.principal_id, Some(Some(PersonId(7))));
        let cleared: SchoolPatch =
            serde_json::from_str(r#"{"principal_id": null, "version": 1}"#).expect("json");
        assert_eq!(cleared.principal_id, Some(None));
        let left: SchoolPatch = serde_json::from_str(r#"{"version": 1}"#).expect("json");
        assert_eq!(left.principal_id, None);
    }

    #[test]
    fn codes_are_made_from_names() {
        assert_eq!(code_from_name("Elevhälsa"), "elevhalsa");
        assert_eq!(code_from_name(" Fritids – Ute "), "fritids_ute");
    }

    #[test]
    fn a_new_person_needs_a_name_an_address_and_a_role() {
        let fields: Vec<_> = NewStaffMember::default()
            .validate()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(fields, ["name", "email", "roles"]);
        let patch = StaffPatch {
            roles: Some(vec![]),
            version: 1,
            ..Default::default()
        };
        assert_eq!(patch.validate()[0].field, "roles");
        assert!(
            StaffPatch {
                version: 1,
                ..Default::default()
            }
            .validate()
            .is_empty()
        );
    }

    #[test]
    fn an_administrator_cannot_shut_themselves_out() {
        let own = |active, roles| StaffPatch {
            active,
            roles,
            version: 1,
            ..Default::default()
        };
        assert_eq!(
            own(Some(false), None).check_own().map_err(|e| e.field),
            Err("active")
        );
        assert_eq!(
            own(None, Some(vec![Role::Larare]))
                .check_own()
                .map_err(|e| e.field),
            Err("roles")
        );
        assert_eq!(
            own(Some(true), Some(vec![Role::Admin, Role::Larare])).check_own(),
            Ok(())
        );
        assert_eq!(own(None, None).check_own(), Ok(()));
    }
}
