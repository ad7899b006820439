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
    TalkSlotTaken,
    TalkSlotClash,
    TalkNotYours,
    DialogueTooManyActions,
    DialogueActionText,
    DialogueActionDue,
    DialogueActionOwner,
    DialogueActionGoal,
    DialoguePeriod,
    DialogueSchool,
}

impl Msg {
    /// The message text in `lang`.
    pub fn text(self, lang: Lang) -> &'static str {
        match lang {
            Lang::Sv => self.sv(),
            Lang::En => self.en(),
        }
    }

    fn sv(self) -> &'static str {
        match self {
            Msg::FieldRequired => "Fältet måste fyllas i.",
            Msg::EmailInvalid => "Ange en giltig e-postadress, till exempel namn@skola.se.",
            Msg::PasswordTooShort => "Lösenordet måste ha minst 10 tecken.",
            Msg::PasswordTooLong => "Lösenordet får ha högst 200 tecken.",
            Msg::PasswordSameAsOld => "Det nya lösenordet måste skilja sig från det gamla.",
            Msg::PasswordWrongOld => "Det nuvarande lösenordet stämmer inte.",
            Msg::MunicipalityAmbiguous => {
                "E-postadressen finns i flera kommuner. Ange vilken kommun du loggar in i."
            }
            Msg::NameTooLong => "Namnet får ha högst 200 tecken.",
            Msg::SchoolNameTaken => "Det finns redan en skola med det namnet.",
            Msg::ImportHasErrors => {
                "Filen har fel. Förhandsgranska den, rätta felen och försök igen."
            }
            Msg::EmailTaken => "Det finns redan en person med den e-postadressen i kommunen.",
            Msg::UnknownSubject => "Ett av ämnena finns inte i kommunens ämneslista.",
            Msg::UnknownSchool => "En av skolorna finns inte i kommunen.",
            Msg::RoleRequired => "Välj minst en roll.",
            Msg::SubjectNameTaken => "Det finns redan ett ämne med det namnet.",
            Msg::UnknownPrincipal => "Rektorn finns inte bland kommunens aktiva personal.",
            Msg::MustChangePassword => "Välj ett eget lösenord innan du fortsätter.",
            Msg::LoginFailed => "Fel e-postadress eller lösenord.",
            Msg::Unauthenticated => "Du behöver logga in.",
            Msg::Forbidden => "Din roll har inte behörighet till detta.",
            Msg::NotFound => "Det du söker finns inte.",
            Msg::Conflict => "Någon annan har ändrat detta under tiden. Ladda om och försök igen.",
            Msg::RateLimited => "För många försök. Vänta en stund och försök igen.",
            Msg::MalformedJson => "Förfrågan är inte giltig JSON.",
            Msg::WrongJsonType => "Ett fält i förfrågan har fel typ.",
            Msg::IdListInvalid => "Ange högst 200 id-nummer, åtskilda med kommatecken.",
            Msg::MissingJsonField => "Ett obligatoriskt fält saknas i förfrågan.",
            Msg::PathInvalid => "Adressen innehåller ett ogiltigt värde.",
            Msg::ParameterInvalid => "Parametern har ett ogiltigt värde.",
            Msg::UnsupportedMediaType => "Förfrågan måste skickas som JSON.",
            Msg::PayloadTooLarge => "Förfrågan är för stor.",
            Msg::MethodNotAllowed => "Adressen finns, men inte för den här metoden.",
            Msg::RequestTimeout => "Förfrågan kom inte fram i tid. Försök igen.",
            Msg::FileMixedEncodings => {
                "Filen blandar teckenkodningar: en del är UTF-8, en del inte. Spara den som CSV UTF-8 och försök igen."
            }
            Msg::FileUndecodable => {
                "Raden har tecken som inte kunde läsas; filen har troligen en annan teckenkodning. Spara den som CSV UTF-8 och försök igen."
            }
            Msg::Internal => "Något gick fel hos oss. Försök igen om en stund.",
            Msg::Unavailable => "Tjänsten är inte tillgänglig just nu.",
            Msg::DateInvalid => "Ange ett datum som ÅÅÅÅ-MM-DD, till exempel 2026-08-17.",
            Msg::TimeInvalid => "Skriv tiden som TT:MM, till exempel 15:00.",
            Msg::LocalTimeSkipped => {
                "Klockslaget finns inte den dagen: klockan ställs fram från 02:00 till 03:00 (sommartid). Välj en annan tid."
            }
            Msg::LocalTimeRepeated => {
                "Klockslaget finns två gånger den dagen: klockan ställs tillbaka från 03:00 till 02:00 (vintertid). Välj en annan tid."
            }
            Msg::OutsideSchoolYear => {
                "Datumet ligger utanför läsårets årshjul (augusti till juli)."
            }
            Msg::SpringBeforeAutumn => "Vårterminen måste börja efter att läsåret har börjat.",
            Msg::EndBeforeStart => "Läsåret måste sluta efter att vårterminen har börjat.",
            Msg::SchoolYearNameTaken => "Det finns redan ett läsår med det namnet.",
            Msg::CannotDeactivateSelf => {
                "Du kan inte inaktivera dig själv; be en annan administratör."
            }
            Msg::CannotDropOwnAdmin => {
                "Du kan inte ta bort din egen administratörsroll; be en annan administratör."
            }
            Msg::OwnPasswordReset => "Ditt eget lösenord byter du under Profil.",
            Msg::SchoolYearTooLong => {
                "Ett läsår får vara högst ett år, från första dagen till sista."
            }
            Msg::SchoolYearOverlaps => "Läsåret överlappar ett annat av kommunens läsår.",
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
            Msg::GroupNameTaken => "Det finns redan en grupp med det namnet det här läsåret.",
            Msg::UnknownPerson => "Personen finns inte bland kommunens aktiva personal.",
            Msg::NotAMember => "Personen är inte medlem i gruppen.",
            Msg::AlreadyInLearningGroup => "Personen är redan med i en lärgrupp det här läsåret.",
            Msg::AlreadyMember => "Personen är redan medlem i gruppen.",
            Msg::RotationMismatch => "Turordningen måste innehålla varje medlem exakt en gång.",
            Msg::MoveAcrossYears => "Grupperna hör till olika läsår.",
            Msg::MergeNotPossible => {
                "En grupp kan bara slås ihop med en annan grupp av samma slag och samma läsår."
            }
            Msg::MembersAutomatic => {
                "Ledargruppens medlemmar följer lärgruppernas ledare och ändras där."
            }
            Msg::FormationInputChanged => {
                "Personalen eller grupperna har ändrats sedan förhandsgranskningen. Förhandsgranska igen."
            }
            Msg::UnknownSchoolYear => "Läsåret finns inte.",
            Msg::SubjectNotOwn => "Välj ett av dina egna ämnen.",
            Msg::WheelNotEmpty => {
                "Årshjulet för det läsåret har redan aktiviteter; kopieringen skulle skriva över dem."
            }
            Msg::CopyToLaterYear => "Välj ett senare läsår att kopiera till.",
            Msg::WheelCopyChanged => {
                "Årshjulet har ändrats sedan förhandsvisningen. Granska kopian igen."
            }
            Msg::ColourInvalid => "Ange färgen som #rrggbb.",
            Msg::RingNotEmpty => "Ringen har aktiviteter. Flytta eller ta bort dem först.",
            Msg::RingFromTemplate => {
                "Mallens ringar finns kvar; de kan byta namn och färg eller döljas."
            }
            Msg::TagsInvalid => "Högst 30 taggar av varje slag, var och en högst 60 tecken.",
            Msg::GoalInvalid => "Agenda 2030-målen är numrerade 1–17.",
            Msg::GoalTextTooLong => "Texten får ha högst 4000 tecken.",
            Msg::GoalTargetInvalid => "Ange målvärdet som ett tal, till exempel 85.",
            Msg::GoalUnitInvalid => "Enheten får ha högst 20 tecken på en rad, till exempel %.",
            Msg::GoalServesInvalid => {
                "Ett skolmål ska bidra till 1–10 olika kommunmål, ett lärarmål till precis ett skolmål, ett kommunmål till inget."
            }
            Msg::GoalServesUnknown => "Målet som det ska bidra till finns inte i kommunen.",
            Msg::GoalServesOtherYear => "Målet som det ska bidra till gäller ett annat läsår.",
            Msg::GoalServesOtherSchool => {
                "Ett lärarmål bidrar till ett mål för en skola där läraren arbetar."
            }
            Msg::GoalHasServants => {
                "Andra mål bidrar till det här målet. Ta bort eller flytta dem först."
            }
            Msg::GoalNotCarriable => {
                "Målet kan inte föras över: målet det bidrar till är inte överfört till det nya läsåret, eller det är redan överfört."
            }
            Msg::GoalOwnerNotTeacher => "Välj en lärare vid en av dina skolor.",
            Msg::UnknownHead => "Välj en aktiv person med rollen verksamhetschef.",
            Msg::PlanNotSaved => "Skriv handlingsplanen först; sedan kan den knytas till ett mål.",
            Msg::PlanGoalNotOwn => "Välj ett av dina egna mål.",
            Msg::TalkMinutesInvalid => {
                "Ange hur långt varje samtal är, 10–180 minuter, och en tid som rymmer minst ett samtal."
            }
            Msg::TalkTooManySlots => {
                "Högst 24 tider åt gången: korta tiden eller förläng samtalen."
            }
            Msg::TalkPlaceInvalid => "Platsen får ha högst 120 tecken på en rad.",
            Msg::TalkOutsidePeriod => "Dagen ligger utanför årshjulets period för målsamtal.",
            Msg::TalkNoPeriod => {
                "Årshjulet har ingen period för målsamtal det här läsåret. Be styrgruppen lägga in den."
            }
            Msg::TalkSlotTaken => "Tiden är redan bokad. Välj en annan tid.",
            Msg::TalkSlotClash => "Du erbjuder redan en tid som börjar då.",
            Msg::TalkNotYours => "Du håller inte målsamtal med den personen.",
            Msg::DialogueTooManyActions => "Högst 30 insatser i en resultatdialog.",
            Msg::DialogueActionText => "Varje insats behöver en text på en rad, högst 200 tecken.",
            Msg::DialogueActionDue => "Ange när insatsen ska vara klar som ÅÅÅÅ-MM-DD.",
            Msg::DialogueActionOwner => "Välj en aktiv person i kommunen som ansvarig.",
            Msg::DialogueActionGoal => "Välj ett av kommunens eller skolans mål.",
            Msg::DialoguePeriod => "Välj en period på årshjulets ring Resultatdialoger.",
            Msg::DialogueSchool => "Välj en skola där du är rektor eller verksamhetschef.",
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
            Msg::NotReviewable => "Materialet väntar inte på granskning.",
            Msg::NotPublished => "Bara publicerat material kan lyftas fram eller arkiveras.",
            Msg::FileTooLarge => "Filen är större än vad biblioteket tar emot.",
            Msg::FileTypeRefused => {
                "Filtypen tas inte emot. Ladda upp PDF, bilder (PNG, JPEG, GIF, WebP), Office-dokument eller video (MP4, WebM)."
            }
            Msg::UploadBroken => "Uppladdningen avbröts. Försök igen.",
            Msg::AgendaInvalid => {
                "Dagordningen behöver 1–20 punkter, var och en med rubrik och 1–240 minuter."
            }
            Msg::PlanFieldsInvalid => {
                "Handlingsplanen har bara de fasta frågorna, varje svar högst 5 000 tecken."
            }
            Msg::ProtocolFieldsInvalid => {
                "Protokollet har bara sina fasta fält, vart och ett högst 5 000 tecken."
            }
            Msg::ProtocolPublished => {
                "Protokollet är publicerat och kan inte ändras. Gör ett tillägg i stället."
            }
            Msg::ProtocolNotPublished => "Tillägg görs till ett publicerat protokoll.",
            Msg::TooManyRecipients => "Ange högst 50 mottagare.",
            Msg::MeetingEndBeforeStart => "Sluttiden måste vara efter starttiden.",
            Msg::MeetingHasRecords => {
                "Träffen har protokoll eller handlingsplaner och kan inte tas bort."
            }
            Msg::MeetingFromWheel => {
                "Träffen följer årshjulet. Flytta eller ta bort den i årshjulet."
            }
            Msg::TemplateIsDefault => {
                "Standardmallen kan inte tas bort. Välj först en annan mall som standard."
            }
            Msg::TemplateNameTaken => "Det finns redan en mall med det namnet.",
        }
    }

    fn en(self) -> &'static str {
        match self {
            Msg::FieldRequired => "This field is required.",
            Msg::EmailInvalid => "Enter a valid e-mail address, for example name@school.se.",
            Msg::PasswordTooShort => "The password must have at least 10 characters.",
            Msg::PasswordTooLong => "The password may have at most 200 characters.",
            Msg::PasswordSameAsOld => "The new password must differ from the old one.",
            Msg::PasswordWrongOld => "The current password is not correct.",
            Msg::MunicipalityAmbiguous => {
                "This e-mail address exists in several municipalities. Say which one you sign in to."
            }
            Msg::NameTooLong => "The name may have at most 200 characters.",
            Msg::SchoolNameTaken => "There is already a school with that name.",
            Msg::ImportHasErrors => {
                "The file has errors. Preview it, correct the errors and try again."
            }
            Msg::EmailTaken => {
                "There is already a person with that e-mail address in the municipality."
            }
            Msg::UnknownSubject => {
                "One of the subjects is not in the municipality's list of subjects."
            }
            Msg::UnknownSchool => "One of the schools does not exist in the municipality.",
            Msg::RoleRequired => "Choose at least one role.",
            Msg::SubjectNameTaken => "There is already a subject with that name.",
            Msg::UnknownPrincipal => "The principal is not among the municipality's active staff.",
            Msg::MustChangePassword => "Choose your own password before you continue.",
            Msg::LoginFailed => "Wrong e-mail address or password.",
            Msg::Unauthenticated => "You need to sign in.",
            Msg::Forbidden => "Your role does not allow this.",
            Msg::NotFound => "What you are looking for does not exist.",
            Msg::Conflict => "Someone else changed this in the meantime. Reload and try again.",
            Msg::RateLimited => "Too many attempts. Wait a while and try again.",
            Msg::MalformedJson => "The request is not valid JSON.",
            Msg::WrongJsonType => "A field in the request has the wrong type.",
            Msg::IdListInvalid => "Give at most 200 id numbers, separated by commas.",
            Msg::MissingJsonField => "A required field is missing from the request.",
            Msg::PathInvalid => "The address contains a value that is not valid.",
            Msg::ParameterInvalid => "The parameter has a value that is not valid.",
            Msg::UnsupportedMediaType => "The request must be sent as JSON.",
            Msg::PayloadTooLarge => "The request is too large.",
            Msg::MethodNotAllowed => "The address exists, but not for this method.",
            Msg::RequestTimeout => "The request did not arrive in time. Try again.",
            Msg::FileMixedEncodings => {
                "The file mixes character encodings: part is UTF-8, part is not. Save it as CSV UTF-8 and try again."
            }
            Msg::FileUndecodable => {
                "The line has characters that could not be read; the file probably has another encoding. Save it as CSV UTF-8 and try again."
            }
            Msg::Internal => "Something went wrong on our side. Try again in a while.",
            Msg::Unavailable => "The service is not available right now.",
            Msg::DateInvalid => "Enter a date as YYYY-MM-DD, for example 2026-08-17.",
            Msg::TimeInvalid => "Write the time as HH:MM, for example 15:00.",
            Msg::LocalTimeSkipped => {
                "That time does not exist on that day: clocks go forward from 02:00 to 03:00 (summer time). Choose another time."
            }
            Msg::LocalTimeRepeated => {
                "That time happens twice on that day: clocks go back from 03:00 to 02:00 (winter time). Choose another time."
            }
            Msg::OutsideSchoolYear => {
                "The date is outside the school year's wheel (August to July)."
            }
            Msg::SpringBeforeAutumn => "The spring term must start after the school year starts.",
            Msg::EndBeforeStart => "The school year must end after the spring term starts.",
            Msg::SchoolYearNameTaken => "There is already a school year with that name.",
            Msg::CannotDeactivateSelf => {
                "You cannot deactivate yourself; ask another administrator."
            }
            Msg::CannotDropOwnAdmin => {
                "You cannot take away your own administrator role; ask another administrator."
            }
            Msg::OwnPasswordReset => "You change your own password under Profile.",
            Msg::SchoolYearTooLong => {
                "A school year may be at most one year, from its first day to its last."
            }
            Msg::SchoolYearOverlaps => {
                "The school year overlaps another of the municipality's school years."
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
            Msg::GroupNameTaken => "There is already a group with that name this school year.",
            Msg::UnknownPerson => "The person is not among the municipality's active staff.",
            Msg::NotAMember => "The person is not a member of the group.",
            Msg::AlreadyInLearningGroup => {
                "The person is already in a learning group this school year."
            }
            Msg::AlreadyMember => "The person is already a member of the group.",
            Msg::RotationMismatch => "The rotation must hold every member exactly once.",
            Msg::MoveAcrossYears => "The groups belong to different school years.",
            Msg::MergeNotPossible => {
                "A group can only be merged with another group of the same kind and school year."
            }
            Msg::MembersAutomatic => {
                "The leaders' group follows the learning groups' leaders and is changed there."
            }
            Msg::FormationInputChanged => {
                "The staff or the groups have changed since the preview. Preview again."
            }
            Msg::UnknownSchoolYear => "The school year does not exist.",
            Msg::SubjectNotOwn => "Choose one of your own subjects.",
            Msg::WheelNotEmpty => {
                "That school year's wheel already has activities; copying would overwrite them."
            }
            Msg::CopyToLaterYear => "Choose a later school year to copy to.",
            Msg::WheelCopyChanged => {
                "The wheel has changed since the preview. Review the copy again."
            }
            Msg::ColourInvalid => "Give the colour as #rrggbb.",
            Msg::RingNotEmpty => "The ring has activities. Move or remove them first.",
            Msg::RingFromTemplate => {
                "The template's rings stay; they can be renamed, recoloured or hidden."
            }
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
            Msg::GoalServesUnknown => {
                "The goal it should serve does not exist in the municipality."
            }
            Msg::GoalServesOtherYear => "The goal it should serve belongs to another school year.",
            Msg::GoalServesOtherSchool => {
                "A teacher goal serves a goal of a school where the teacher works."
            }
            Msg::GoalHasServants => "Other goals serve this goal. Remove or move them first.",
            Msg::GoalNotCarriable => {
                "The goal cannot be carried: the goal it serves is not carried to the new year yet, or it is carried already."
            }
            Msg::GoalOwnerNotTeacher => "Choose a teacher at one of your schools.",
            Msg::UnknownHead => "Choose an active person with the role head of operations.",
            Msg::PlanNotSaved => "Write the action plan first; then it can be tied to a goal.",
            Msg::PlanGoalNotOwn => "Choose one of your own goals.",
            Msg::TalkMinutesInvalid => {
                "Give each conversation's length, 10–180 minutes, and a time span that holds at least one."
            }
            Msg::TalkTooManySlots => {
                "At most 24 times at once: shorten the span or lengthen the conversations."
            }
            Msg::TalkPlaceInvalid => "The place may have at most 120 characters on one line.",
            Msg::TalkOutsidePeriod => {
                "The day is outside the wheel's period for goal conversations."
            }
            Msg::TalkNoPeriod => {
                "The wheel has no period for goal conversations this school year. Ask the steering group to add it."
            }
            Msg::TalkSlotTaken => "That time is already booked. Choose another.",
            Msg::TalkSlotClash => "You already offer a time starting then.",
            Msg::TalkNotYours => "You do not hold goal conversations with that person.",
            Msg::DialogueTooManyActions => "At most 30 actions in one result dialogue.",
            Msg::DialogueActionText => {
                "Each action needs a text on one line, at most 200 characters."
            }
            Msg::DialogueActionDue => "Give when the action is due as YYYY-MM-DD.",
            Msg::DialogueActionOwner => "Choose an active person of the municipality as owner.",
            Msg::DialogueActionGoal => "Choose one of the municipality's or the school's goals.",
            Msg::DialoguePeriod => "Choose a period on the wheel's Result dialogues ring.",
            Msg::DialogueSchool => "Choose a school where you are principal or head of operations.",
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
            Msg::NotReviewable => "The material is not waiting for review.",
            Msg::NotPublished => "Only published material can be featured or archived.",
            Msg::FileTooLarge => "The file is larger than the library accepts.",
            Msg::FileTypeRefused => {
                "This type of file is not accepted. Upload PDF, images (PNG, JPEG, GIF, WebP), office documents or video (MP4, WebM)."
            }
            Msg::UploadBroken => "The upload was interrupted. Try again.",
            Msg::AgendaInvalid => {
                "The agenda needs 1–20 steps, each with a title and 1–240 minutes."
            }
            Msg::PlanFieldsInvalid => {
                "The action plan has only its fixed questions, each answer at most 5,000 characters."
            }
            Msg::ProtocolFieldsInvalid => {
                "The protocol has only its fixed fields, each at most 5,000 characters."
            }
            Msg::ProtocolPublished => {
                "The protocol is published and cannot be changed. Add an amendment instead."
            }
            Msg::ProtocolNotPublished => "Amendments are made to a published protocol.",
            Msg::TooManyRecipients => "Enter at most 50 recipients.",
            Msg::MeetingEndBeforeStart => "The end time must be after the start time.",
            Msg::MeetingHasRecords => {
                "The meeting has a protocol or action plans and cannot be removed."
            }
            Msg::MeetingFromWheel => {
                "The meeting follows the annual wheel. Move or remove it in the wheel."
            }
            Msg::TemplateIsDefault => {
                "The default template cannot be removed. First choose another default."
            }
            Msg::TemplateNameTaken => "There is already a template with that name.",
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
            Msg::TalkSlotTaken,
            Msg::TalkSlotClash,
            Msg::TalkNotYours,
            Msg::DialogueTooManyActions,
            Msg::DialogueActionText,
            Msg::DialogueActionDue,
            Msg::DialogueActionOwner,
            Msg::DialogueActionGoal,
            Msg::DialoguePeriod,
            Msg::DialogueSchool,
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
        }
    }
}
