//! Languages and the catalog of messages that the server and the browser both show:
//! error and validation messages. Swedish is the default; English is the second language.

use serde::{Deserialize, Serialize};

/// A user interface language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// Swedish, the default.
    #[default]
    Sv,
    /// English.
    En,
}

impl Lang {
    /// The BCP 47 tag, for `lang` attributes and `Accept-Language`.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Sv => "sv",
            Lang::En => "en",
        }
    }

    /// Parses a tag such as `en`, `en-GB` or `sv-SE`; anything else is `None`.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// Picks the preferred supported language from an `Accept-Language` header value,
    /// honouring `q` weights; Swedish when nothing supported is named.
    pub fn from_accept_language(header: &str) -> Lang {
        let mut best: Option<(Lang, f32)> = None;
        for part in header.split(',') {
            let mut pieces = part.split(';');
            let Some(lang) = pieces.next().and_then(Lang::from_tag) else {
                continue;
            };
            let q = pieces
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.parse::<f32>().ok())
                .unwrap_or(1.0);
            if best.is_none_or(|(_, bq)| q > bq) {
                best = Some((lang, q));
            }
        }
        best.map(|(l, _)| l).unwrap_or_default()
    }
}

/// A message the server or the browser shows about a request: errors and validation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Msg {
    FieldRequired,
    EmailInvalid,
    PasswordTooShort,
    PasswordTooLong,
    PasswordSameAsOld,
    PasswordWrongOld,
    MunicipalityAmbiguous,
    NameTooLong,
    SchoolNameTaken,
    ImportHasErrors,
    EmailTaken,
    UnknownSubject,
    UnknownSchool,
    RoleRequired,
    SubjectNameTaken,
    UnknownPrincipal,
    MustChangePassword,
    LoginFailed,
    Unauthenticated,
    Forbidden,
    NotFound,
    Conflict,
    RateLimited,
    MalformedJson,
    WrongJsonType,
    /// A list of ids is not one, or longer than allowed.
    IdListInvalid,
    MissingJsonField,
    /// A path parameter (an id in the address) does not read.
    PathInvalid,
    /// A query parameter does not read.
    ParameterInvalid,
    UnsupportedMediaType,
    PayloadTooLarge,
    /// The address exists, but not for this method.
    MethodNotAllowed,
    /// The body stopped arriving.
    RequestTimeout,
    /// A file is partly UTF-8 and partly another encoding.
    FileMixedEncodings,
    /// A file's text has characters that could not be decoded.
    FileUndecodable,
    Internal,
    Unavailable,
    DateInvalid,
    /// A time of day is not `HH:MM`.
    TimeInvalid,
    /// A local time that the change to summer time skips.
    LocalTimeSkipped,
    /// A local time that the change to winter time makes happen twice.
    LocalTimeRepeated,
    /// An activity outside the wheel's year (August to July).
    OutsideSchoolYear,
    SpringBeforeAutumn,
    EndBeforeStart,
    SchoolYearNameTaken,
    /// An administrator deactivating their own account.
    CannotDeactivateSelf,
    /// An administrator taking away their own administrator role.
    CannotDropOwnAdmin,
    /// An administrator resetting their own password.
    OwnPasswordReset,
    /// A school year longer than a year.
    SchoolYearTooLong,
    /// A school year overlapping another of the municipality's.
    SchoolYearOverlaps,
    /// The protocol deadline is outside 0–60 days.
    ProtocolDueDaysRange,
    TextTooLong,
    /// Text holds a control character or a bidirectional override.
    TextControlChars,
    /// A one-line text holds a line break or a tab.
    TextLineBreak,
    /// A name made only of invisible characters.
    NameInvisible,
    TargetSizeOutOfRange,
    LeadersGroupAutomatic,
    LeaderNotMember,
    BoundsInvalid,
    GroupNameTaken,
    UnknownPerson,
    NotAMember,
    AlreadyInLearningGroup,
    AlreadyMember,
    RotationMismatch,
    MoveAcrossYears,
    /// Groups merge only with another group of the same kind and year.
    MergeNotPossible,
    MembersAutomatic,
    FormationInputChanged,
    UnknownSchoolYear,
    SubjectNotOwn,
    /// A wheel is copied only into a year with nothing but the template's holidays.
    WheelNotEmpty,
    /// A wheel is copied only to a later school year.
    CopyToLaterYear,
    /// The wheel copied from changed after the preview.
    WheelCopyChanged,
    /// A colour is not `#rrggbb`.
    ColourInvalid,
    /// A ring with activities cannot be removed.
    RingNotEmpty,
    /// The template's rings stay; they can be renamed, recoloured and hidden.
    RingFromTemplate,
    TagsInvalid,
    GoalInvalid,
    SummaryTooLong,
    YearInvalid,
    LanguageInvalid,
    UrlInvalid,
    CollectionItemsInvalid,
    LinkedItemsInvalid,
    OnlyGoodExamples,
    NotReviewable,
    NotPublished,
    FileTooLarge,
    FileTypeRefused,
    UploadBroken,
    AgendaInvalid,
    PlanFieldsInvalid,
    ProtocolFieldsInvalid,
    ProtocolPublished,
    ProtocolNotPublished,
    TooManyRecipients,
    MeetingEndBeforeStart,
    MeetingHasRecords,
    MeetingFromWheel,
    TemplateIsDefault,
    TemplateNameTaken,
    GoalTextTooLong,
    GoalTargetInvalid,
    GoalUnitInvalid,
    GoalServesInvalid,
    GoalServesUnknown,
    GoalServesOtherYear,
    GoalServesOtherSchool,
    GoalHasServants,
    GoalNotCarriable,
    GoalOwnerNotTeacher,
    UnknownHead,
    PlanNotSaved,
    PlanGoalNotOwn,
    TalkMinutesInvalid,
    TalkTooManySlots,
    TalkPlaceInvalid,
    TalkOutsidePeriod,
    TalkNoPeriod,
    TalkSlotClash,
    TalkNotYours,
    DialogueTooManyActions,
    DialogueActionText,
    DialogueActionDue,
    DialogueActionOwner,
    DialogueActionGoal,
    DialoguePeriod,
    ResultYearInvalid,
    ResultGradeNotForFigure,
    ResultSubjectMissing,
    ResultSubjectNotForFigure,
    ResultSubjectUnknown,
    ResultShareInvalid,
    ResultMeritInvalid,
    ResultPupilsInvalid,
    ResultFigureExists,
    ResultFigureChanged,
    ProjectListTooLong,
    ProjectGlobalGoalInvalid,
    ProjectFocusUnknown,
    ProjectGroupInvalid,
    ExampleItemsRequired,
    ExampleDeclineReason,
    IctMemberTwice,
    ExampleTaken,
    ExampleSchoolNotOwn,
    ToolNameTaken,
    MilestoneNoYear,
    MilestoneOtherYear,
}

impl Msg {
    /// The message text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        if let Some(text) = self.server_text(lang) {
            return text;
        }
        match lang {
            Lang::Sv => self.sv(),
            Lang::En => self.en(),
        }
    }

    /// The messages of rules only the server checks (against what is stored), which the
    /// browser app only ever shows as the server wrote them in an error body: they are
    /// not compiled into the app, which keeps its first download smaller.
    #[cfg(not(target_arch = "wasm32"))]
    fn server_text(self, lang: Lang) -> Option<&'static str> {
        Some(match (self, lang) {
            (Msg::GoalServesUnknown, Lang::Sv) => {
                "Målet som det ska bidra till finns inte i kommunen."
            }
            (Msg::GoalServesUnknown, Lang::En) => {
                "The goal it should serve does not exist in the municipality."
            }
            (Msg::GoalServesOtherYear, Lang::Sv) => {
                "Målet som det ska bidra till gäller ett annat läsår."
            }
            (Msg::GoalServesOtherYear, Lang::En) => {
                "The goal it should serve belongs to another school year."
            }
            (Msg::GoalServesOtherSchool, Lang::Sv) => {
                "Ett lärarmål bidrar till ett mål för en skola där läraren arbetar."
            }
            (Msg::GoalServesOtherSchool, Lang::En) => {
                "A teacher goal serves a goal of a school where the teacher works."
            }
            (Msg::GoalHasServants, Lang::Sv) => {
                "Andra mål bidrar till det här målet. Ta bort eller flytta dem först."
            }
            (Msg::GoalHasServants, Lang::En) => {
                "Other goals serve this goal. Remove or move them first."
            }
            (Msg::GoalNotCarriable, Lang::Sv) => {
                "Målet kan inte föras över: målet det bidrar till är inte överfört till det nya läsåret, eller det är redan överfört."
            }
            (Msg::GoalNotCarriable, Lang::En) => {
                "The goal cannot be carried: the goal it serves is not carried to the new year yet, or it is carried already."
            }
            (Msg::GoalOwnerNotTeacher, Lang::Sv) => "Välj en lärare vid en av dina skolor.",
            (Msg::GoalOwnerNotTeacher, Lang::En) => "Choose a teacher at one of your schools.",
            (Msg::UnknownHead, Lang::Sv) => "Välj en aktiv person med rollen verksamhetschef.",
            (Msg::UnknownHead, Lang::En) => {
                "Choose an active person with the role head of operations."
            }
            (Msg::PlanNotSaved, Lang::Sv) => {
                "Skriv handlingsplanen först; sedan kan den knytas till ett mål."
            }
            (Msg::PlanNotSaved, Lang::En) => {
                "Write the action plan first; then it can be tied to a goal."
            }
            (Msg::PlanGoalNotOwn, Lang::Sv) => "Välj ett av dina egna mål.",
            (Msg::PlanGoalNotOwn, Lang::En) => "Choose one of your own goals.",
            (Msg::TalkOutsidePeriod, Lang::Sv) => {
                "Dagen ligger utanför årshjulets period för målsamtal."
            }
            (Msg::TalkOutsidePeriod, Lang::En) => {
                "The day is outside the wheel's period for goal conversations."
            }
            (Msg::TalkNoPeriod, Lang::Sv) => {
                "Årshjulet har ingen period för målsamtal det här läsåret. Be styrgruppen lägga in den."
            }
            (Msg::TalkNoPeriod, Lang::En) => {
                "The wheel has no period for goal conversations this school year. Ask the steering group to add it."
            }
            (Msg::TalkSlotClash, Lang::Sv) => "Du erbjuder redan en tid som börjar då.",
            (Msg::TalkSlotClash, Lang::En) => "You already offer a time starting then.",
            (Msg::TalkNotYours, Lang::Sv) => "Du håller inte målsamtal med den personen.",
            (Msg::TalkNotYours, Lang::En) => "You do not hold goal conversations with that person.",
            (Msg::DialogueActionOwner, Lang::Sv) => "Välj en aktiv person i kommunen som ansvarig.",
            (Msg::DialogueActionOwner, Lang::En) => {
                "Choose an active person of the municipality as owner."
            }
            (Msg::DialogueActionGoal, Lang::Sv) => "Välj ett av kommunens eller skolans mål.",
            (Msg::DialogueActionGoal, Lang::En) => {
                "Choose one of the municipality's or the school's goals."
            }
            (Msg::DialoguePeriod, Lang::Sv) => {
                "Välj en period på årshjulets ring Resultatdialoger."
            }
            (Msg::DialoguePeriod, Lang::En) => {
                "Choose a period on the wheel's Result dialogues ring."
            }
            (Msg::PasswordWrongOld, Lang::Sv) => "Det nuvarande lösenordet stämmer inte.",
            (Msg::PasswordWrongOld, Lang::En) => "The current password is not correct.",
            (Msg::MunicipalityAmbiguous, Lang::Sv) => {
                "E-postadressen finns i flera kommuner. Ange vilken kommun du loggar in i."
            }
            (Msg::MunicipalityAmbiguous, Lang::En) => {
                "This e-mail address exists in several municipalities. Say which one you sign in to."
            }
            (Msg::SchoolNameTaken, Lang::Sv) => "Det finns redan en skola med det namnet.",
            (Msg::SchoolNameTaken, Lang::En) => "There is already a school with that name.",
            (Msg::ImportHasErrors, Lang::Sv) => {
                "Filen har fel. Förhandsgranska den, rätta felen och försök igen."
            }
            (Msg::ImportHasErrors, Lang::En) => {
                "The file has errors. Preview it, correct the errors and try again."
            }
            (Msg::EmailTaken, Lang::Sv) => {
                "Det finns redan en person med den e-postadressen i kommunen."
            }
            (Msg::EmailTaken, Lang::En) => {
                "There is already a person with that e-mail address in the municipality."
            }
            (Msg::UnknownSubject, Lang::Sv) => "Ett av ämnena finns inte i kommunens ämneslista.",
            (Msg::UnknownSubject, Lang::En) => {
                "One of the subjects is not in the municipality's list of subjects."
            }
            (Msg::UnknownSchool, Lang::Sv) => "En av skolorna finns inte i kommunen.",
            (Msg::UnknownSchool, Lang::En) => {
                "One of the schools does not exist in the municipality."
            }
            (Msg::SubjectNameTaken, Lang::Sv) => "Det finns redan ett ämne med det namnet.",
            (Msg::SubjectNameTaken, Lang::En) => "There is already a subject with that name.",
            (Msg::UnknownPrincipal, Lang::Sv) => {
                "Rektorn finns inte bland kommunens aktiva personal."
            }
            (Msg::UnknownPrincipal, Lang::En) => {
                "The principal is not among the municipality's active staff."
            }
            (Msg::MustChangePassword, Lang::Sv) => "Välj ett eget lösenord innan du fortsätter.",
            (Msg::MustChangePassword, Lang::En) => "Choose your own password before you continue.",
            (Msg::LoginFailed, Lang::Sv) => "Fel e-postadress eller lösenord.",
            (Msg::LoginFailed, Lang::En) => "Wrong e-mail address or password.",
            (Msg::Unauthenticated, Lang::Sv) => "Du behöver logga in.",
            (Msg::Unauthenticated, Lang::En) => "You need to sign in.",
            (Msg::Forbidden, Lang::Sv) => "Din roll har inte behörighet till detta.",
            (Msg::Forbidden, Lang::En) => "Your role does not allow this.",
            (Msg::Conflict, Lang::Sv) => {
                "Någon annan har ändrat detta under tiden. Ladda om och försök igen."
            }
            (Msg::Conflict, Lang::En) => {
                "Someone else changed this in the meantime. Reload and try again."
            }
            (Msg::RateLimited, Lang::Sv) => "För många försök. Vänta en stund och försök igen.",
            (Msg::RateLimited, Lang::En) => "Too many attempts. Wait a while and try again.",
            (Msg::MalformedJson, Lang::Sv) => "Förfrågan är inte giltig JSON.",
            (Msg::MalformedJson, Lang::En) => "The request is not valid JSON.",
            (Msg::WrongJsonType, Lang::Sv) => "Ett fält i förfrågan har fel typ.",
            (Msg::WrongJsonType, Lang::En) => "A field in the request has the wrong type.",
            (Msg::IdListInvalid, Lang::Sv) => "Ange högst 200 id-nummer, åtskilda med kommatecken.",
            (Msg::IdListInvalid, Lang::En) => "Give at most 200 id numbers, separated by commas.",
            (Msg::MissingJsonField, Lang::Sv) => "Ett obligatoriskt fält saknas i förfrågan.",
            (Msg::MissingJsonField, Lang::En) => "A required field is missing from the request.",
            (Msg::PathInvalid, Lang::Sv) => "Adressen innehåller ett ogiltigt värde.",
            (Msg::PathInvalid, Lang::En) => "The address contains a value that is not valid.",
            (Msg::ParameterInvalid, Lang::Sv) => "Parametern har ett ogiltigt värde.",
            (Msg::ParameterInvalid, Lang::En) => "The parameter has a value that is not valid.",
            (Msg::UnsupportedMediaType, Lang::Sv) => "Förfrågan måste skickas som JSON.",
            (Msg::UnsupportedMediaType, Lang::En) => "The request must be sent as JSON.",
            (Msg::PayloadTooLarge, Lang::Sv) => "Förfrågan är för stor.",
            (Msg::PayloadTooLarge, Lang::En) => "The request is too large.",
            (Msg::MethodNotAllowed, Lang::Sv) => "Adressen finns, men inte för den här metoden.",
            (Msg::MethodNotAllowed, Lang::En) => "The address exists, but not for this method.",
            (Msg::RequestTimeout, Lang::Sv) => "Förfrågan kom inte fram i tid. Försök igen.",
            (Msg::RequestTimeout, Lang::En) => "The request did not arrive in time. Try again.",
            (Msg::Unavailable, Lang::Sv) => "Tjänsten är inte tillgänglig just nu.",
            (Msg::Unavailable, Lang::En) => "The service is not available right now.",
            (Msg::OutsideSchoolYear, Lang::Sv) => {
                "Datumet ligger utanför läsårets årshjul (augusti till juli)."
            }
            (Msg::OutsideSchoolYear, Lang::En) => {
                "The date is outside the school year's wheel (August to July)."
            }
            (Msg::SchoolYearNameTaken, Lang::Sv) => "Det finns redan ett läsår med det namnet.",
            (Msg::SchoolYearNameTaken, Lang::En) => {
                "There is already a school year with that name."
            }
            (Msg::OwnPasswordReset, Lang::Sv) => "Ditt eget lösenord byter du under Profil.",
            (Msg::OwnPasswordReset, Lang::En) => "You change your own password under Profile.",
            (Msg::SchoolYearOverlaps, Lang::Sv) => {
                "Läsåret överlappar ett annat av kommunens läsår."
            }
            (Msg::SchoolYearOverlaps, Lang::En) => {
                "The school year overlaps another of the municipality's school years."
            }
            (Msg::GroupNameTaken, Lang::Sv) => {
                "Det finns redan en grupp med det namnet det här läsåret."
            }
            (Msg::GroupNameTaken, Lang::En) => {
                "There is already a group with that name this school year."
            }
            (Msg::UnknownPerson, Lang::Sv) => {
                "Personen finns inte bland kommunens aktiva personal."
            }
            (Msg::UnknownPerson, Lang::En) => {
                "The person is not among the municipality's active staff."
            }
            (Msg::NotAMember, Lang::Sv) => "Personen är inte medlem i gruppen.",
            (Msg::NotAMember, Lang::En) => "The person is not a member of the group.",
            (Msg::AlreadyInLearningGroup, Lang::Sv) => {
                "Personen är redan med i en lärgrupp det här läsåret."
            }
            (Msg::AlreadyInLearningGroup, Lang::En) => {
                "The person is already in a learning group this school year."
            }
            (Msg::AlreadyMember, Lang::Sv) => "Personen är redan medlem i gruppen.",
            (Msg::AlreadyMember, Lang::En) => "The person is already a member of the group.",
            (Msg::RotationMismatch, Lang::Sv) => {
                "Turordningen måste innehålla varje medlem exakt en gång."
            }
            (Msg::RotationMismatch, Lang::En) => {
                "The rotation must hold every member exactly once."
            }
            (Msg::MoveAcrossYears, Lang::Sv) => "Grupperna hör till olika läsår.",
            (Msg::MoveAcrossYears, Lang::En) => "The groups belong to different school years.",
            (Msg::MergeNotPossible, Lang::Sv) => {
                "En grupp kan bara slås ihop med en annan grupp av samma slag och samma läsår."
            }
            (Msg::MergeNotPossible, Lang::En) => {
                "A group can only be merged with another group of the same kind and school year."
            }
            (Msg::MembersAutomatic, Lang::Sv) => {
                "Ledargruppens medlemmar följer lärgruppernas ledare och ändras där."
            }
            (Msg::MembersAutomatic, Lang::En) => {
                "The leaders' group follows the learning groups' leaders and is changed there."
            }
            (Msg::FormationInputChanged, Lang::Sv) => {
                "Personalen eller grupperna har ändrats sedan förhandsgranskningen. Förhandsgranska igen."
            }
            (Msg::FormationInputChanged, Lang::En) => {
                "The staff or the groups have changed since the preview. Preview again."
            }
            (Msg::UnknownSchoolYear, Lang::Sv) => "Läsåret finns inte.",
            (Msg::UnknownSchoolYear, Lang::En) => "The school year does not exist.",
            (Msg::SubjectNotOwn, Lang::Sv) => "Välj ett av dina egna ämnen.",
            (Msg::SubjectNotOwn, Lang::En) => "Choose one of your own subjects.",
            (Msg::WheelNotEmpty, Lang::Sv) => {
                "Årshjulet för det läsåret har redan aktiviteter; kopieringen skulle skriva över dem."
            }
            (Msg::WheelNotEmpty, Lang::En) => {
                "That school year's wheel already has activities; copying would overwrite them."
            }
            (Msg::CopyToLaterYear, Lang::Sv) => "Välj ett senare läsår att kopiera till.",
            (Msg::CopyToLaterYear, Lang::En) => "Choose a later school year to copy to.",
            (Msg::WheelCopyChanged, Lang::Sv) => {
                "Årshjulet har ändrats sedan förhandsvisningen. Granska kopian igen."
            }
            (Msg::WheelCopyChanged, Lang::En) => {
                "The wheel has changed since the preview. Review the copy again."
            }
            (Msg::RingNotEmpty, Lang::Sv) => {
                "Ringen har aktiviteter. Flytta eller ta bort dem först."
            }
            (Msg::RingNotEmpty, Lang::En) => "The ring has activities. Move or remove them first.",
            (Msg::RingFromTemplate, Lang::Sv) => {
                "Mallens ringar finns kvar; de kan byta namn och färg eller döljas."
            }
            (Msg::RingFromTemplate, Lang::En) => {
                "The template's rings stay; they can be renamed, recoloured or hidden."
            }
            (Msg::NotReviewable, Lang::Sv) => "Materialet väntar inte på granskning.",
            (Msg::NotReviewable, Lang::En) => "The material is not waiting for review.",
            (Msg::NotPublished, Lang::Sv) => {
                "Bara publicerat material kan lyftas fram eller arkiveras."
            }
            (Msg::NotPublished, Lang::En) => "Only published material can be featured or archived.",
            (Msg::FileTooLarge, Lang::Sv) => "Filen är större än vad biblioteket tar emot.",
            (Msg::FileTooLarge, Lang::En) => "The file is larger than the library accepts.",
            (Msg::FileTypeRefused, Lang::Sv) => {
                "Filtypen tas inte emot. Ladda upp PDF, bilder (PNG, JPEG, GIF, WebP), Office-dokument eller video (MP4, WebM)."
            }
            (Msg::FileTypeRefused, Lang::En) => {
                "This type of file is not accepted. Upload PDF, images (PNG, JPEG, GIF, WebP), office documents or video (MP4, WebM)."
            }
            (Msg::UploadBroken, Lang::Sv) => "Uppladdningen avbröts. Försök igen.",
            (Msg::UploadBroken, Lang::En) => "The upload was interrupted. Try again.",
            (Msg::ProtocolPublished, Lang::Sv) => {
                "Protokollet är publicerat och kan inte ändras. Gör ett tillägg i stället."
            }
            (Msg::ProtocolPublished, Lang::En) => {
                "The protocol is published and cannot be changed. Add an amendment instead."
            }
            (Msg::ProtocolNotPublished, Lang::Sv) => "Tillägg görs till ett publicerat protokoll.",
            (Msg::ProtocolNotPublished, Lang::En) => "Amendments are made to a published protocol.",
            (Msg::MeetingHasRecords, Lang::Sv) => {
                "Träffen har protokoll eller handlingsplaner och kan inte tas bort."
            }
            (Msg::MeetingHasRecords, Lang::En) => {
                "The meeting has a protocol or action plans and cannot be removed."
            }
            (Msg::MeetingFromWheel, Lang::Sv) => {
                "Träffen följer årshjulet. Flytta eller ta bort den i årshjulet."
            }
            (Msg::MeetingFromWheel, Lang::En) => {
                "The meeting follows the annual wheel. Move or remove it in the wheel."
            }
            (Msg::TemplateIsDefault, Lang::Sv) => {
                "Standardmallen kan inte tas bort. Välj först en annan mall som standard."
            }
            (Msg::TemplateIsDefault, Lang::En) => {
                "The default template cannot be removed. First choose another default."
            }
            (Msg::ResultYearInvalid, Lang::Sv) => "Skriv läsåret som 2025/26.",
            (Msg::ResultYearInvalid, Lang::En) => "Write the school year as 2025/26.",
            (Msg::ResultGradeNotForFigure, Lang::Sv) => {
                "Nyckeltalet ges inte för den årskursen: välj en annan årskurs."
            }
            (Msg::ResultGradeNotForFigure, Lang::En) => {
                "The key figure is not given for that year group: choose another."
            }
            (Msg::ResultSubjectMissing, Lang::Sv) => "Välj ämnet: nyckeltalet gäller ett ämne.",
            (Msg::ResultSubjectMissing, Lang::En) => {
                "Choose the subject: the key figure is per subject."
            }
            (Msg::ResultSubjectNotForFigure, Lang::Sv) => {
                "Nyckeltalet gäller inte ett ämne: lämna ämnet tomt."
            }
            (Msg::ResultSubjectNotForFigure, Lang::En) => {
                "The key figure is not per subject: leave the subject empty."
            }
            (Msg::ResultSubjectUnknown, Lang::Sv) => "Ämnet finns inte i kommunens ämneslista.",
            (Msg::ResultSubjectUnknown, Lang::En) => {
                "The subject is not in the municipality's list of subjects."
            }
            (Msg::ResultShareInvalid, Lang::Sv) => {
                "Andelen ska vara ett tal 0–100, till exempel 87,5."
            }
            (Msg::ResultShareInvalid, Lang::En) => {
                "The share must be a number 0–100, for example 87.5."
            }
            (Msg::ResultMeritInvalid, Lang::Sv) => {
                "Meritvärdet ska vara ett tal 0–340, till exempel 231,5."
            }
            (Msg::ResultMeritInvalid, Lang::En) => {
                "The merit value must be a number 0–340, for example 231.5."
            }
            (Msg::ResultPupilsInvalid, Lang::Sv) => "Antal elever ska vara ett heltal 0–100 000.",
            (Msg::ResultPupilsInvalid, Lang::En) => {
                "The number of pupils must be a whole number 0–100,000."
            }
            (Msg::ResultFigureExists, Lang::Sv) => {
                "Det finns redan ett värde för skolan, läsåret och nyckeltalet. Det visas nu i formuläret: ändra det där."
            }
            (Msg::ResultFigureExists, Lang::En) => {
                "There is already a value for the school, school year and key figure. It is now in the form: change it there."
            }
            (Msg::ResultFigureChanged, Lang::Sv) => {
                "Värdet har ändrats sedan du hämtade det. Det nya värdet visas nu i formuläret."
            }
            (Msg::ResultFigureChanged, Lang::En) => {
                "The value has changed since you fetched it. The new value is now in the form."
            }
            (Msg::ProjectFocusUnknown, Lang::Sv) => "Välj fokusområden bland projektets egna.",
            (Msg::ProjectFocusUnknown, Lang::En) => "Choose focus areas among the project's own.",
            (Msg::MilestoneNoYear, Lang::Sv) => {
                "Det finns inget läsår med det datumet. Lägg först till läsåret."
            }
            (Msg::MilestoneNoYear, Lang::En) => {
                "There is no school year with that date. Add the school year first."
            }
            (Msg::MilestoneOtherYear, Lang::Sv) => {
                "Välj ett datum i samma läsår, eller lägg till en ny milstolpe för det andra läsåret."
            }
            (Msg::MilestoneOtherYear, Lang::En) => {
                "Choose a date in the same school year, or add a new milestone for the other one."
            }
            (Msg::ProjectGroupInvalid, Lang::Sv) => "Välj en projektgrupp i kommunen.",
            (Msg::ProjectGroupInvalid, Lang::En) => "Choose a project group of the municipality.",
            (Msg::ExampleTaken, Lang::Sv) => "Materialet är redan inskickat till nätverket.",
            (Msg::ExampleTaken, Lang::En) => {
                "The material has already been submitted to the network."
            }
            (Msg::ExampleSchoolNotOwn, Lang::Sv) => "Välj en av skolorna där du arbetar.",
            (Msg::ExampleSchoolNotOwn, Lang::En) => "Choose one of the schools where you work.",
            (Msg::ToolNameTaken, Lang::Sv) => "Det finns redan ett verktyg med det namnet.",
            (Msg::ToolNameTaken, Lang::En) => "There is already a tool with that name.",
            (Msg::TemplateNameTaken, Lang::Sv) => "Det finns redan en mall med det namnet.",
            (Msg::TemplateNameTaken, Lang::En) => "There is already a template with that name.",
            _ => return None,
        })
    }

    #[cfg(target_arch = "wasm32")]
    fn server_text(self, _lang: Lang) -> Option<&'static str> {
        None
    }

    fn sv(self) -> &'static str {
        #[allow(unreachable_patterns)]
        match self {
            Msg::FieldRequired => "Fältet måste fyllas i.",
            Msg::EmailInvalid => "Ange en giltig e-postadress, till exempel namn@skola.se.",
            Msg::PasswordTooShort => "Lösenordet måste ha minst 10 tecken.",
            Msg::PasswordTooLong => "Lösenordet får ha högst 200 tecken.",
            Msg::PasswordSameAsOld => "Det nya lösenordet måste skilja sig från det gamla.",
            Msg::NameTooLong => "Namnet får ha högst 200 tecken.",
            Msg::RoleRequired => "Välj minst en roll.",
            Msg::NotFound => "Det du söker finns inte.",
            Msg::FileMixedEncodings => {
                "Filen blandar teckenkodningar: en del är UTF-8, en del inte. Spara den som CSV UTF-8 och försök igen."
            }
            Msg::FileUndecodable => {
                "Raden har tecken som inte kunde läsas; filen har troligen en annan teckenkodning. Spara den som CSV UTF-8 och försök igen."
            }
            Msg::Internal => "Något gick fel hos oss. Försök igen om en stund.",
            Msg::DateInvalid => "Ange ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-08-17.",
            Msg::TimeInvalid => "Skriv tiden som TT:MM, till exempel 15:00.",
            Msg::LocalTimeSkipped => {
                "Klockslaget finns inte den dagen: klockan ställs fram från 02:00 till 03:00 (sommartid). Välj en annan tid."
            }
            Msg::LocalTimeRepeated => {
                "Klockslaget finns två gånger den dagen: klockan ställs tillbaka från 03:00 till 02:00 (vintertid). Välj en annan tid."
            }
            Msg::SpringBeforeAutumn => "Vårterminen måste börja efter att läsåret har börjat.",
            Msg::EndBeforeStart => "Läsåret måste sluta efter att vårterminen har börjat.",
            Msg::CannotDeactivateSelf => {
                "Du kan inte inaktivera dig själv; be en annan administratör."
            }
            Msg::CannotDropOwnAdmin => {
                "Du kan inte ta bort din egen administratörsroll; be en annan administratör."
            }
            Msg::SchoolYearTooLong => {
                "Ett läsår får vara högst ett år, från första dagen till sista."
            }
            Msg::ProtocolDueDaysRange => "Ange ett antal dagar från 0 till 60.",
            Msg::TextTooLong => "Texten får ha högst 2000 tecken.",
            Msg::TextControlChars => {
                "Texten innehåller otillåtna tecken (styrtecken eller tecken som vänder textriktningen)."
            }
            Msg::TextLineBreak => "Fältet ska vara en rad, utan radbrytningar eller tabbar.",
            Msg::NameInvisible => "Namnet måste innehålla synliga tecken.",
            Msg::TargetSizeOutOfRange => "Önskad storlek måste vara mellan 2 och 200.",
            Msg::LeadersGroupAutomatic => {
                "Ledargruppen bildas automatiskt av årets lärgruppsledare."
            }
            Msg::LeaderNotMember => "En ledare måste vara medlem i gruppen.",
            Msg::BoundsInvalid => {
                "Gruppstorleken måste vara minst 2 och den lägsta får inte vara större än den högsta."
            }
            Msg::ColourInvalid => "Ange färgen som #rrggbb.",
            Msg::TagsInvalid => "Högst 30 taggar av varje slag, var och en högst 60 tecken.",
            Msg::GoalInvalid => "Agenda 2030-målen är numrerade 1–17.",
            Msg::GoalTextTooLong => "Texten får ha högst 4000 tecken.",
            Msg::GoalTargetInvalid => "Ange målvärdet som ett tal, till exempel 85.",
            Msg::GoalUnitInvalid => "Enheten får ha högst 20 tecken på en rad, till exempel %.",
            Msg::GoalServesInvalid => {
                "Ett skolmål ska bidra till 1–10 olika kommunmål, ett lärarmål till precis ett skolmål, ett kommunmål till inget."
            }
            Msg::TalkMinutesInvalid => {
                "Ange hur långt varje samtal är, 10–180 minuter, och en tid som rymmer minst ett samtal."
            }
            Msg::TalkTooManySlots => {
                "Högst 24 tider åt gången: korta tiden eller förläng samtalen."
            }
            Msg::TalkPlaceInvalid => "Platsen får ha högst 120 tecken på en rad.",
            Msg::DialogueTooManyActions => "Högst 30 insatser i en resultatdialog.",
            Msg::DialogueActionText => "Varje insats behöver en text på en rad, högst 200 tecken.",
            Msg::DialogueActionDue => "Ange när insatsen ska vara klar som ÅÅÅÅ-MM-DD.",
            Msg::SummaryTooLong => "Texten får ha högst 20 000 tecken.",
            Msg::YearInvalid => "Ange ett årtal mellan 1800 och 2100.",
            Msg::LanguageInvalid => {
                "Ange språket som en kod med två bokstäver, till exempel sv eller en."
            }
            Msg::UrlInvalid => "Ange en webbadress som börjar med https:// eller http://.",
            Msg::CollectionItemsInvalid => {
                "Samlingen kan bara innehålla publicerat material ur biblioteket, högst 100 och inget två gånger."
            }
            Msg::LinkedItemsInvalid => {
                "Välj bara publicerat material ur biblioteket, högst 20 och inget två gånger."
            }
            Msg::OnlyGoodExamples => {
                "Du kan skicka in goda exempel; annat material lägger IKT-strategen in."
            }
            Msg::AgendaInvalid => {
                "Dagordningen behöver 1–20 punkter, var och en med rubrik och 1–240 minuter."
            }
            Msg::PlanFieldsInvalid => {
                "Handlingsplanen har bara de fasta frågorna, varje svar högst 5 000 tecken."
            }
            Msg::ProtocolFieldsInvalid => {
                "Protokollet har bara sina fasta fält, vart och ett högst 5 000 tecken."
            }
            Msg::TooManyRecipients => "Ange högst 50 mottagare.",
            Msg::MeetingEndBeforeStart => "Sluttiden måste vara efter starttiden.",
            Msg::ProjectListTooLong => "Listan får ha högst 50 rader.",
            Msg::ProjectGlobalGoalInvalid => "Välj bland de 17 globala målen i Agenda 2030 (1–17).",
            Msg::ExampleItemsRequired => "Välj minst ett material ur biblioteket.",
            Msg::ExampleDeclineReason => {
                "Skriv varför exemplet inte tas med, så att den som skickade in det vet."
            }
            Msg::IctMemberTwice => "Varje person kan bara stå en gång i IKT-gruppen.",
            // The messages only the server sends: `server_text`.
            _ => "Något gick fel.",
        }
    }

    fn en(self) -> &'static str {
        #[allow(unreachable_patterns)]
        match self {
            Msg::FieldRequired => "This field is required.",
            Msg::EmailInvalid => "Enter a valid e-mail address, for example name@school.se.",
            Msg::PasswordTooShort => "The password must have at least 10 characters.",
            Msg::PasswordTooLong => "The password may have at most 200 characters.",
            Msg::PasswordSameAsOld => "The new password must differ from the old one.",
            Msg::NameTooLong => "The name may have at most 200 characters.",
            Msg::RoleRequired => "Choose at least one role.",
            Msg::NotFound => "What you are looking for does not exist.",
            Msg::FileMixedEncodings => {
                "The file mixes character encodings: part is UTF-8, part is not. Save it as CSV UTF-8 and try again."
            }
            Msg::FileUndecodable => {
                "The line has characters that could not be read; the file probably has another encoding. Save it as CSV UTF-8 and try again."
            }
            Msg::Internal => "Something went wrong on our side. Try again in a while.",
            Msg::DateInvalid => "Enter a date as YYYY-MM-DD, for example 2026-08-17.",
            Msg::TimeInvalid => "Write the time as HH:MM, for example 15:00.",
            Msg::LocalTimeSkipped => {
                "That time does not exist on that day: clocks go forward from 02:00 to 03:00 (summer time). Choose another time."
            }
            Msg::LocalTimeRepeated => {
                "That time happens twice on that day: clocks go back from 03:00 to 02:00 (winter time). Choose another time."
            }
            Msg::SpringBeforeAutumn => "The spring term must start after the school year starts.",
            Msg::EndBeforeStart => "The school year must end after the spring term starts.",
            Msg::CannotDeactivateSelf => {
                "You cannot deactivate yourself; ask another administrator."
            }
            Msg::CannotDropOwnAdmin => {
                "You cannot take away your own administrator role; ask another administrator."
            }
            Msg::SchoolYearTooLong => {
                "A school year may be at most one year, from its first day to its last."
            }
            Msg::ProtocolDueDaysRange => "Enter a number of days from 0 to 60.",
            Msg::TextTooLong => "The text may have at most 2000 characters.",
            Msg::TextControlChars => {
                "The text contains characters that are not allowed (control characters or characters that reverse the text direction)."
            }
            Msg::TextLineBreak => "This field is one line, without line breaks or tabs.",
            Msg::NameInvisible => "The name must contain visible characters.",
            Msg::TargetSizeOutOfRange => "The target size must be between 2 and 200.",
            Msg::LeadersGroupAutomatic => {
                "The leaders' group is formed automatically from the year's group leaders."
            }
            Msg::LeaderNotMember => "A leader must be a member of the group.",
            Msg::BoundsInvalid => {
                "The group size must be at least 2, and the lower bound may not exceed the upper."
            }
            Msg::ColourInvalid => "Give the colour as #rrggbb.",
            Msg::TagsInvalid => "At most 30 tags of each sort, each at most 60 characters.",
            Msg::GoalInvalid => "The Agenda 2030 goals are numbered 1–17.",
            Msg::GoalTextTooLong => "The text may have at most 4000 characters.",
            Msg::GoalTargetInvalid => "Give the target value as a number, for example 85.",
            Msg::GoalUnitInvalid => {
                "The unit may have at most 20 characters on one line, for example %."
            }
            Msg::GoalServesInvalid => {
                "A school goal serves 1–10 different municipality goals, a teacher goal exactly one school goal, a municipality goal none."
            }
            Msg::TalkMinutesInvalid => {
                "Give each conversation's length, 10–180 minutes, and a time span that holds at least one."
            }
            Msg::TalkTooManySlots => {
                "At most 24 times at once: shorten the span or lengthen the conversations."
            }
            Msg::TalkPlaceInvalid => "The place may have at most 120 characters on one line.",
            Msg::DialogueTooManyActions => "At most 30 actions in one result dialogue.",
            Msg::DialogueActionText => {
                "Each action needs a text on one line, at most 200 characters."
            }
            Msg::DialogueActionDue => "Give when the action is due as YYYY-MM-DD.",
            Msg::SummaryTooLong => "The text may have at most 20,000 characters.",
            Msg::YearInvalid => "Give a year between 1800 and 2100.",
            Msg::LanguageInvalid => "Give the language as a two-letter code, for example sv or en.",
            Msg::UrlInvalid => "Give a web address starting with https:// or http://.",
            Msg::CollectionItemsInvalid => {
                "A collection holds only published library material, at most 100 items and none twice."
            }
            Msg::LinkedItemsInvalid => {
                "Choose only published library material, at most 20 and none twice."
            }
            Msg::OnlyGoodExamples => {
                "You can submit good examples; other material is added by the ICT strategist."
            }
            Msg::AgendaInvalid => {
                "The agenda needs 1–20 steps, each with a title and 1–240 minutes."
            }
            Msg::PlanFieldsInvalid => {
                "The action plan has only its fixed questions, each answer at most 5,000 characters."
            }
            Msg::ProtocolFieldsInvalid => {
                "The protocol has only its fixed fields, each at most 5,000 characters."
            }
            Msg::TooManyRecipients => "Enter at most 50 recipients.",
            Msg::MeetingEndBeforeStart => "The end time must be after the start time.",
            Msg::ProjectListTooLong => "The list may have at most 50 rows.",
            Msg::ProjectGlobalGoalInvalid => {
                "Choose among the 17 global goals of Agenda 2030 (1–17)."
            }
            Msg::ExampleItemsRequired => "Choose at least one piece of material from the library.",
            Msg::ExampleDeclineReason => {
                "Write why the example is not taken, so that whoever submitted it knows."
            }
            Msg::IctMemberTwice => "Each person can be in the ICT group only once.",
            // The messages only the server sends: `server_text`.
            _ => "Something went wrong.",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_weight() {
        assert_eq!(
            Lang::from_accept_language("en-GB,en;q=0.9,sv;q=0.8"),
            Lang::En
        );
        assert_eq!(Lang::from_accept_language("sv-SE, en;q=0.5"), Lang::Sv);
        assert_eq!(Lang::from_accept_language("de, en;q=0.3"), Lang::En);
        assert_eq!(Lang::from_accept_language("en;q=0.2, sv;q=0.9"), Lang::Sv);
    }

    #[test]
    fn unknown_or_empty_accept_language_is_swedish() {
        assert_eq!(Lang::from_accept_language(""), Lang::Sv);
        assert_eq!(Lang::from_accept_language("fi, de;q=0.8"), Lang::Sv);
    }

    #[test]
    fn every_message_differs_between_languages() {
        let all = [
            Msg::MilestoneNoYear,
            Msg::MilestoneOtherYear,
            Msg::ProjectListTooLong,
            Msg::ProjectGlobalGoalInvalid,
            Msg::ProjectFocusUnknown,
            Msg::ProjectGroupInvalid,
            Msg::ExampleItemsRequired,
            Msg::ExampleDeclineReason,
            Msg::IctMemberTwice,
            Msg::ExampleTaken,
            Msg::ExampleSchoolNotOwn,
            Msg::ToolNameTaken,
            Msg::WheelNotEmpty,
            Msg::GoalTextTooLong,
            Msg::GoalTargetInvalid,
            Msg::GoalUnitInvalid,
            Msg::GoalServesInvalid,
            Msg::GoalServesUnknown,
            Msg::GoalServesOtherYear,
            Msg::GoalServesOtherSchool,
            Msg::GoalHasServants,
            Msg::GoalNotCarriable,
            Msg::GoalOwnerNotTeacher,
            Msg::UnknownHead,
            Msg::PlanNotSaved,
            Msg::PlanGoalNotOwn,
            Msg::TalkMinutesInvalid,
            Msg::TalkTooManySlots,
            Msg::TalkPlaceInvalid,
            Msg::TalkOutsidePeriod,
            Msg::TalkNoPeriod,
            Msg::TalkSlotClash,
            Msg::TalkNotYours,
            Msg::DialogueTooManyActions,
            Msg::DialogueActionText,
            Msg::DialogueActionDue,
            Msg::DialogueActionOwner,
            Msg::DialogueActionGoal,
            Msg::DialoguePeriod,
            Msg::ResultYearInvalid,
            Msg::ResultGradeNotForFigure,
            Msg::ResultSubjectMissing,
            Msg::ResultSubjectNotForFigure,
            Msg::ResultSubjectUnknown,
            Msg::ResultShareInvalid,
            Msg::ResultMeritInvalid,
            Msg::ResultPupilsInvalid,
            Msg::ResultFigureExists,
            Msg::ResultFigureChanged,
            Msg::CopyToLaterYear,
            Msg::WheelCopyChanged,
            Msg::ColourInvalid,
            Msg::RingNotEmpty,
            Msg::RingFromTemplate,
            Msg::TagsInvalid,
            Msg::GoalInvalid,
            Msg::SummaryTooLong,
            Msg::YearInvalid,
            Msg::LanguageInvalid,
            Msg::UrlInvalid,
            Msg::CollectionItemsInvalid,
            Msg::LinkedItemsInvalid,
            Msg::OnlyGoodExamples,
            Msg::NotReviewable,
            Msg::NotPublished,
            Msg::FileTooLarge,
            Msg::FileTypeRefused,
            Msg::UploadBroken,
            Msg::AgendaInvalid,
            Msg::PlanFieldsInvalid,
            Msg::ProtocolFieldsInvalid,
            Msg::ProtocolPublished,
            Msg::ProtocolNotPublished,
            Msg::TooManyRecipients,
            Msg::MeetingEndBeforeStart,
            Msg::MeetingHasRecords,
            Msg::MeetingFromWheel,
            Msg::TemplateIsDefault,
            Msg::TemplateNameTaken,
            Msg::PathInvalid,
            Msg::ParameterInvalid,
            Msg::TextControlChars,
            Msg::TextLineBreak,
            Msg::NameInvisible,
            Msg::MethodNotAllowed,
            Msg::RequestTimeout,
            Msg::FileMixedEncodings,
            Msg::FileUndecodable,
            Msg::LocalTimeSkipped,
            Msg::LocalTimeRepeated,
            Msg::SchoolYearTooLong,
            Msg::SchoolYearOverlaps,
            Msg::ProtocolDueDaysRange,
            Msg::CannotDeactivateSelf,
            Msg::CannotDropOwnAdmin,
            Msg::OwnPasswordReset,
            Msg::FieldRequired,
            Msg::EmailInvalid,
            Msg::PasswordTooShort,
            Msg::LoginFailed,
            Msg::Forbidden,
            Msg::NotFound,
            Msg::RateLimited,
            Msg::Internal,
        ];
        for m in all {
            assert_ne!(m.text(Lang::Sv), m.text(Lang::En), "{m:?}");
            // Every message has its own text, including those only the server sends.
            assert_ne!(m.text(Lang::Sv), "Något gick fel.", "{m:?}");
            assert_ne!(m.text(Lang::En), "Something went wrong.", "{m:?}");
        }
    }
}
