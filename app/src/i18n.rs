//! The user interface's message catalog, Swedish first and English second, and the
//! language chosen by the user (remembered in the browser).

use kollegium_shared::i18n::Lang;
use leptos::prelude::*;

use crate::storage;

const LANG_KEY: &str = "kollegium.lang";

/// Text of a catalog: the app's own (`K`) or a lazily loaded page's, whose messages
/// then travel with the page instead of the first download.
pub trait Text: Copy {
    /// The text in `lang`.
    fn text(self, lang: Lang) -> &'static str;
}

/// Declares a catalog: an enum `$name` of keys, each with its Swedish and English text.
macro_rules! catalog {
    ($name:ident; $($key:ident => $sv:literal, $en:literal;)*) => {
        /// A piece of user interface text.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum $name { $($key),* }

        impl $name {
            /// The text in `lang`.
            pub fn text(self, lang: kollegium_shared::i18n::Lang) -> &'static str {
                use kollegium_shared::i18n::Lang;
                match (self, lang) {
                    $(($name::$key, Lang::Sv) => $sv, ($name::$key, Lang::En) => $en,)*
                }
            }
        }

        impl $crate::i18n::Text for $name {
            fn text(self, lang: kollegium_shared::i18n::Lang) -> &'static str {
                $name::text(self, lang)
            }
        }
    };
}
pub(crate) use catalog;

catalog! {
    K;
    // Follow-up.
    FollowUpSaved => "Sparat.", "Saved.";
    // Att göra.
    TodoTitle => "Att göra", "To do";
    TodoNone => "Inget som väntar på dig just nu.", "Nothing waiting for you right now.";
    TodoProtocolOwed => "Skriv protokollet från {} {}", "Write the protocol of {} {}";
    TodoPlanToWrite => "Skriv din handlingsplan från {} {}", "Write your action plan from {} {}";
    TodoPrepare => "Förbered dig inför {} {}", "Prepare for {} {}";
    TodoLeadSoon => "Du leder {} {}", "You lead {} {}";
    TodoGroupProtocolMissing => "Protokollet saknas för {} {}", "The protocol is missing for {} {}";
    TodoExampleReturned => "Ditt exempel ”{}” har kommit tillbaka med en kommentar", "Your example “{}” came back with a comment";
    TodoReviewQueue => "{} bidrag väntar på granskning", "{} submission waits for review|{} submissions wait for review";
    TodoProtocolsMissing => "{} protokoll saknas", "{} protocol is missing|{} protocols are missing";
    // The end of a live meeting.
    // Reminders in the profile.
    RemindersTitle => "Påminnelser", "Reminders";
    RemindersLabel => "Påminn mig med e-post om protokoll som saknas", "Remind me by e-mail of missing protocols";
    AppName => "Kollegium", "Kollegium";
    SkipToContent => "Hoppa till innehållet", "Skip to content";
    MainNav => "Huvudmeny", "Main menu";
    NavHome => "Min översikt", "My overview";
    NavProfile => "Profil", "Profile";
    NavMore => "Mer", "More";
    NavArchive => "Protokollarkiv", "Protocol archive";
    NavThread => "Min röda tråd", "My red thread";
    NavGoals => "Mål och resultat", "Goals and results";
    NavFollowUp => "Uppföljning", "Follow-up";
    NavProjects => "Projekt", "Projects";
    NavNetworks => "Nätverk", "Networks";
    SignOut => "Logga ut", "Sign out";
    SwitchLanguage => "English", "Svenska";
    Loading => "Laddar …", "Loading …";
    TryAgain => "Försök igen", "Try again";
    LoginTitle => "Logga in", "Sign in";
    LoginIntro => "Logga in med din e-postadress i kommunen.", "Sign in with your municipality e-mail address.";
    Email => "E-postadress", "E-mail address";
    Password => "Lösenord", "Password";
    Municipality => "Kommun (kortnamn)", "Municipality (short name)";
    LoginButton => "Logga in", "Sign in";
    LoggingIn => "Loggar in …", "Signing in …";
    SessionExpired => "Din inloggning har gått ut. Logga in igen.", "Your session has expired. Please sign in again.";
    FormHasErrors => "Rätta de markerade fälten.", "Correct the marked fields.";
    NetworkError => "Kunde inte nå Kollegium. Kontrollera nätverket och försök igen.", "Could not reach Kollegium. Check the network and try again.";
    HomeTitle => "Min översikt", "My overview";
    Hello => "Hej", "Hello";
    YourMunicipality => "Kommun", "Municipality";
    YourSchools => "Skolor", "Schools";
    YourRoles => "Roller", "Roles";
    YourSubjects => "Ämnen", "Subjects";
    YourStages => "Stadier", "Stages";
    YourTitle => "Titel", "Title";
    AboutYou => "Om dig", "About you";
    NoneYet => "Inga angivna", "None given";
    ProfileTitle => "Profil", "Profile";
    ChangePassword => "Byt lösenord", "Change password";
    MustChangePassword => "Välj ett nytt lösenord innan du fortsätter.", "Choose a new password before you continue.";
    CurrentPassword => "Nuvarande lösenord", "Current password";
    NewPassword => "Nytt lösenord", "New password";
    NewPasswordHint => "Minst 10 tecken.", "At least 10 characters.";
    RepeatPassword => "Upprepa nytt lösenord", "Repeat new password";
    PasswordsDiffer => "Lösenorden är inte likadana.", "The passwords do not match.";
    SavePassword => "Spara nytt lösenord", "Save new password";
    Saving => "Sparar …", "Saving …";
    PasswordChanged => "Lösenordet är bytt. Du är utloggad på dina andra enheter.", "The password has been changed. You are signed out on your other devices.";
    NavDirectory => "Hitta kollega", "Find a colleague";
    FilterSubject => "Ämne", "Subject";
    FilterStage => "Stadium", "Stage";
    FilterSchool => "Skola", "School";
    FilterAll => "Alla", "All";
    ShowMore => "Visa fler", "Show more";
    ImportTitle => "Importera personal", "Import staff";
    ImportFile => "CSV-fil", "CSV file";
    ImportPreviewButton => "Förhandsgranska", "Preview";
    ImportCommitButton => "Importera", "Import";
    ImportChooseFile => "Välj en fil först.", "Choose a file first.";
    ImportPreviewHeading => "Förhandsgranskning", "Preview";
    ImportErrorsHeading => "Fel i filen", "Errors in the file";
    ImportErrorsHelp => "Rätta felen i filen och förhandsgranska igen. Inget importeras förrän filen är felfri.", "Correct the errors in the file and preview again. Nothing is imported until the file is free of errors.";
    ImportLine => "Rad", "Line";
    ImportColumn => "Kolumn", "Column";
    ImportMessage => "Fel", "Error";
    ImportDone => "Importen är klar.", "The import is done.";
    Working => "Arbetar …", "Working …";
    NotAllowed => "Din roll har inte behörighet till den här sidan.", "Your role does not allow this page.";
    StaffTitle => "Personal", "Staff";
    StaffEdit => "Ändra", "Edit";
    Name => "Namn", "Name";
    Subjects => "Ämnen", "Subjects";
    Stages => "Stadier", "Stages";
    Inactive => "Inaktiverad", "Deactivated";
    Save => "Spara", "Save";
    Cancel => "Avbryt", "Cancel";
    PagePrevious => "Föregående sida", "Previous page";
    PageNext => "Nästa sida", "Next page";
    SchoolsTitle => "Skolor", "Schools";
    NavAdmin => "Administration", "Administration";
    AdminStaffText => "Lägg till, ändra och inaktivera personal, och återställ lösenord.", "Add, change and deactivate staff, and reset passwords.";
    AdminSchoolsText => "Kommunens skolor, deras stadier och rektorer.", "The municipality's schools, their stages and principals.";
    AdminSubjectsText => "De nationella ämnena och kommunens egna ämnen och områden.", "The national subjects and the municipality's own subjects and areas.";
    AdminImportText => "Läs in personal från skoladministrationens CSV-fil.", "Read staff from the school administration system's CSV file.";
    SubjectsTitle => "Ämnen och områden", "Subjects and areas";
    NavMyGroups => "Mina grupper", "My groups";
    NavGroups => "Grupper", "Groups";
    SchoolYear => "Läsår", "School year";
    GroupLeaders => "Ledare", "Leaders";
    GroupProcessLeaders => "Processledare", "Process leaders";
    Saved => "Sparat.", "Saved.";
    MoveUp => "Flytta upp", "Move up";
    MoveDown => "Flytta ned", "Move down";
    MemberRemove => "Ta bort", "Remove";
    GroupDescription => "Beskrivning", "Description";
    Print => "Skriv ut", "Print";
    DownloadFailed => "Filen kunde inte sparas.", "The file could not be saved.";
    MoveConfirm => "Flytta", "Move";
    MergeHint => "Medlemmarna går över till den valda gruppen och den här gruppen tas bort. Byt sedan namn på gruppen om det behövs.", "The members join the chosen group and this group is removed. Rename the group afterwards if needed.";
    MergeConfirm => "Slå ihop", "Merge";
    BoundsMin => "Minst per grupp", "At least per group";
    BoundsMax => "Högst per grupp", "At most per group";
    FormationSave => "Spara lärgrupperna", "Save the learning groups";
    SchoolYearAdd => "Lägg till ett läsår", "Add a school year";
    SchoolYearAdded => "Läsåret {} har lagts till.", "The school year {} was added.";
    SchoolYearName => "Läsårets namn", "Name of the school year";
    SchoolYearStarts => "Höstterminen börjar", "The autumn term starts";
    SchoolYearSpring => "Vårterminen börjar", "The spring term starts";
    SchoolYearEnds => "Läsåret slutar", "The school year ends";
    NavWheel => "Årshjul", "Annual wheel";
    NavLibrary => "Bibliotek", "Library";
    FilterKind => "Typ", "Type";
    FilterTheme => "Tema", "Theme";
    FilterArea => "Område i läroplanen", "Curriculum area";
    FilterGoal => "Agenda 2030-mål", "Agenda 2030 goal";
    FilterYear => "År", "Year";
    LibraryFeatured => "Utvalt", "Featured";
    LibraryLatest => "Nytt i biblioteket", "New in the library";
    LibraryForMe => "Nytt för dina ämnen och stadier", "New for your subjects and stages";
    LibraryMySubmissions => "Mina inskickade exempel", "My submitted examples";
    ItemStatusSubmitted => "Väntar på granskning", "Waiting for review";
    ItemStatusReturned => "Återsänt för komplettering", "Returned for changes";
    ItemStatusPublished => "Publicerat", "Published";
    ItemStatusRejected => "Inte antaget", "Not accepted";
    ItemStatusArchived => "Arkiverat", "Archived";
    HomeLibrary => "Nytt i biblioteket för dig", "New in the library for you";
    WheelRing => "Ring", "Ring";
    WheelWhen => "När", "When";
    WheelActivity => "Aktivitet", "Activity";
    CopyFrom => "Kopiera från", "Copy from";
    CopyTo => "Till läsår", "To school year";
    NavMeetings => "Träffar", "Meetings";
    MeetingsNone => "Inga träffar här.", "No meetings here.";
    MeetingsComing => "Kommande träffar", "Coming meetings";
    MeetingsHeld => "Hållna träffar", "Past meetings";
    MeetingQuestion => "Frågeställning", "Question";
    MeetingPreparation => "Förberedelse", "Preparation";
    HomeNextMeeting => "Nästa träff", "Next meeting";
    HomeYouDocument => "Du dokumenterar den här träffen.", "You document this meeting.";
    HomeOpenPlan => "Min handlingsplan för träffen", "My action plan for the meeting";
    HomeLatestProtocols => "Senaste protokollen", "Latest protocols";
    HomeThread => "Min röda tråd: alla mina handlingsplaner", "My red thread: all my action plans";
    HomeGoals => "Mål, målsamtal och resultat", "Goals, goal conversations and results";
    OutboxTitle => "Utgående e-post", "Outgoing mail";
    AdminOutboxText => "Se om publicerade protokoll har skickats med e-post.", "See whether published protocols have been e-mailed.";
    ArchiveTitle => "Protokollarkiv", "Protocol archive";
    Remove => "Ta bort", "Remove";
    Search => "Sök", "Search";
    PrepDone => "Jag har förberett mig", "I have prepared";
    PrepItems => "Material från biblioteket", "Material from the library";
    PrepSearch => "Sök material i biblioteket", "Search the library for material";
    PrepAdd => "Lägg till", "Add";
    PickerNoHits => "Inget publicerat material hittades.", "No published material was found.";
    NotFoundTitle => "Sidan finns inte", "Page not found";
    NotFoundText => "Sidan du söker finns inte. Gå tillbaka till din översikt.", "The page you are looking for does not exist. Go back to your overview.";
}

/// The chosen language, provided as context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    pub lang: RwSignal<Lang>,
}

impl I18n {
    /// Provides the language remembered in the browser (Swedish by default) and keeps
    /// `<html lang>` and the memory in step with it.
    pub fn provide() -> I18n {
        let stored = storage::get(LANG_KEY)
            .as_deref()
            .and_then(Lang::from_tag)
            .unwrap_or_default();
        let i18n = I18n {
            lang: RwSignal::new(stored),
        };
        Effect::new(move |_| {
            let lang = i18n.lang.get();
            storage::set(LANG_KEY, lang.tag());
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", lang.tag());
            }
        });
        provide_context(i18n);
        i18n
    }

    /// The text of `key` in the current language (reactive).
    pub fn t<T: Text>(self, key: T) -> &'static str {
        key.text(self.lang.get())
    }

    /// The text of `key` with each `{}` replaced by the next of `args`, in order.
    pub fn fill<T: Text>(self, key: T, args: &[&dyn std::fmt::Display]) -> String {
        fill_in(self.t(key), args)
    }

    /// The text of `key` for the count `n`, filled in as [`I18n::fill`]: a text of two
    /// forms, `one|other`, gives the first when `n` is 1 and the second otherwise (the
    /// rule of Swedish and English alike); a text of one form is used for every count.
    pub fn count<T: Text>(
        self,
        key: T,
        n: impl TryInto<i64>,
        args: &[&dyn std::fmt::Display],
    ) -> String {
        let text = self.t(key);
        let form = match text.split_once('|') {
            Some((one, _)) if n.try_into().ok() == Some(1) => one,
            Some((_, other)) => other,
            None => text,
        };
        fill_in(form, args)
    }

    /// Switches between Swedish and English.
    pub fn toggle(self) {
        self.lang
            .update(|l| *l = if *l == Lang::Sv { Lang::En } else { Lang::Sv });
    }
}

/// `text` with each `{}` replaced by the next of `args`, in order.
fn fill_in(text: &str, args: &[&dyn std::fmt::Display]) -> String {
    {
        let mut out = String::new();
        let mut args = args.iter();
        let mut parts = text.split("{}").peekable();
        while let Some(part) = parts.next() {
            out.push_str(part);
            if parts.peek().is_some()
                && let Some(a) = args.next()
            {
                out.push_str(&a.to_string());
            }
        }
        out
    }
}

/// The language context.
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

/// Keeps the browser tab's title as the page's title.
pub fn use_title<T: Text + Send + Sync + 'static>(key: T) {
    let i18n = use_i18n();
    Effect::new(move |_| {
        document().set_title(&format!(
            "{} – {}",
            i18n.t(key),
            K::AppName.text(i18n.lang.get())
        ));
    });
}
