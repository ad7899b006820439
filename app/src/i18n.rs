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
    FollowUpLink => "Uppföljning", "Follow-up";
    // Att göra.
    TodoTitle => "Att göra", "To do";
    TodoNone => "Inget som väntar på dig just nu.", "Nothing waiting for you right now.";
    TodoProtocolOwed => "Skriv protokollet från {} {}", "Write the protocol of {} {}";
    TodoPlanToWrite => "Skriv din handlingsplan från {} {}", "Write your action plan from {} {}";
    TodoPrepare => "Förbered dig inför {} {}", "Prepare for {} {}";
    TodoLeadSoon => "Du leder {} {}", "You lead {} {}";
    TodoGroupProtocolMissing => "Protokollet saknas för {} {}", "The protocol is missing for {} {}";
    TodoExampleReturned => "Ditt exempel ”{}” har kommit tillbaka med en kommentar", "Your example “{}” came back with a comment";
    TodoReviewQueue => "{} bidrag väntar på granskning", "{} submissions wait for review";
    TodoProtocolsMissing => "{} protokoll saknas", "{} protocols are missing";
    // The end of a live meeting.
    LiveEndConfirm => "Avsluta mötet?", "End the meeting?";
    LiveEndUnmarked => "{} har ingen markerad närvaro.", "{} have no attendance marked.";
    LiveEndYes => "Ja, avsluta", "Yes, end it";
    LiveEndNo => "Nej, fortsätt", "No, continue";
    LiveEndedTitle => "Mötet är avslutat", "The meeting has ended";
    LiveWriteProtocol => "Skriv protokollet", "Write the protocol";
    LiveWritePlan => "Skriv din handlingsplan", "Write your action plan";
    // Reminders in the profile.
    RemindersTitle => "Påminnelser", "Reminders";
    RemindersLabel => "Påminn mig med e-post om protokoll som saknas", "Remind me by e-mail of missing protocols";
    AppName => "Kollegium", "Kollegium";
    SkipToContent => "Hoppa till innehållet", "Skip to content";
    MainNav => "Huvudmeny", "Main menu";
    NavHome => "Min översikt", "My overview";
    NavProfile => "Profil", "Profile";
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
    DirectoryTitle => "Hitta kollega", "Find a colleague";
    DirectoryIntro => "Sök bland kollegor på alla skolor i kommunen.", "Search colleagues at every school of the municipality.";
    DirectorySearch => "Sök på namn, ämne, skola eller kunskap", "Search by name, subject, school or expertise";
    DirectoryFilters => "Filtrera", "Filter";
    FilterSubject => "Ämne", "Subject";
    FilterStage => "Stadium", "Stage";
    FilterSchool => "Skola", "School";
    FilterAll => "Alla", "All";
    ResultsFound => "kollegor hittades", "colleagues found";
    NoResults => "Ingen kollega matchar sökningen.", "No colleague matches the search.";
    ShowMore => "Visa fler", "Show more";
    PersonGroups => "Grupper", "Groups";
    ExpertiseLabel => "Kan mycket om", "Knows a lot about";
    ImportTitle => "Importera personal", "Import staff";
    ImportIntro => "Ladda upp en CSV-fil från skoladministrationen med kolumnerna namn, e-post, skola, ämnen, stadier, roller och titel. Semikolon, komma eller tabb; UTF-8, UTF-16 (Excels ”Unicode-text”) eller Windows-1252. Flera värden i en cell skiljs med kommatecken.", "Upload a CSV file from the school administration system with the columns namn, e-post, skola, ämnen, stadier, roller and titel. Semicolons, commas or tabs; UTF-8, UTF-16 (Excel's “Unicode text”) or Windows-1252. Several values in a cell are separated by commas.";
    ImportFile => "CSV-fil", "CSV file";
    ImportPreviewButton => "Förhandsgranska", "Preview";
    ImportCommitButton => "Importera", "Import";
    ImportChooseFile => "Välj en fil först.", "Choose a file first.";
    ImportPreviewHeading => "Förhandsgranskning", "Preview";
    ImportCreated => "Nya", "New";
    ImportUpdated => "Ändrade", "Changed";
    ImportUnchanged => "Oförändrade", "Unchanged";
    ImportSeparator => "Avgränsare", "Separator";
    ImportSeparatorTab => "tabb", "tab";
    ImportErrorsHeading => "Fel i filen", "Errors in the file";
    ImportErrorsHelp => "Rätta felen i filen och förhandsgranska igen. Inget importeras förrän filen är felfri.", "Correct the errors in the file and preview again. Nothing is imported until the file is free of errors.";
    ImportLine => "Rad", "Line";
    ImportColumn => "Kolumn", "Column";
    ImportMessage => "Fel", "Error";
    ImportDone => "Importen är klar.", "The import is done.";
    Working => "Arbetar …", "Working …";
    NotAllowed => "Din roll har inte behörighet till den här sidan.", "Your role does not allow this page.";
    StaffTitle => "Personal", "Staff";
    StaffIntro => "Lägg till, ändra och inaktivera personal. Inaktiverade personer kan inte logga in men deras historik finns kvar.", "Add, change and deactivate staff. Deactivated people cannot sign in, but their history stays.";
    StaffAdd => "Lägg till person", "Add a person";
    StaffEdit => "Ändra", "Edit";
    StaffEditHeading => "Ändra person", "Edit person";
    StaffNewHeading => "Ny person", "New person";
    StaffIncludeInactive => "Visa inaktiverade", "Show deactivated";
    StaffSort => "Sortera", "Sort";
    SortNameAsc => "Namn A–Ö", "Name A–Ö";
    SortNameDesc => "Namn Ö–A", "Name Ö–A";
    SortEmail => "E-postadress", "E-mail address";
    FilterRole => "Roll", "Role";
    Name => "Namn", "Name";
    Title => "Titel (t.ex. förstelärare)", "Title (e.g. lead teacher)";
    Schools => "Skolor", "Schools";
    Subjects => "Ämnen", "Subjects";
    Stages => "Stadier", "Stages";
    Roles => "Roller", "Roles";
    Expertise => "Kunskaper (skilj med kommatecken)", "Expertise (separate with commas)";
    Status => "Status", "Status";
    Active => "Aktiv", "Active";
    Inactive => "Inaktiverad", "Deactivated";
    Save => "Spara", "Save";
    Cancel => "Avbryt", "Cancel";
    Deactivate => "Inaktivera", "Deactivate";
    Activate => "Aktivera igen", "Activate again";
    ResetPassword => "Återställ lösenord", "Reset password";
    OneTimePassword => "Engångslösenord att lämna över (visas bara nu):", "One-time password to hand over (shown only now):";
    PagePrevious => "Föregående sida", "Previous page";
    PageNext => "Nästa sida", "Next page";
    PageOf => "Sida", "Page";
    SchoolsTitle => "Skolor", "Schools";
    SchoolsIntro => "Kommunens skolor, deras stadier och rektorer. Inaktiverade skolor finns kvar i historiken men visas inte i val.", "The municipality's schools, their stages and principals. Deactivated schools stay in the history but leave pickers.";
    SchoolAdd => "Lägg till skola", "Add a school";
    SchoolNewHeading => "Ny skola", "New school";
    SchoolEditHeading => "Ändra skola", "Edit school";
    SchoolName => "Skolans namn", "School name";
    Principal => "Rektor", "Principal";
    NoPrincipal => "Ingen angiven", "None named";
    NavAdmin => "Administration", "Administration";
    AdminTitle => "Administration", "Administration";
    AdminStaffText => "Lägg till, ändra och inaktivera personal, och återställ lösenord.", "Add, change and deactivate staff, and reset passwords.";
    AdminSchoolsText => "Kommunens skolor, deras stadier och rektorer.", "The municipality's schools, their stages and principals.";
    AdminSubjectsText => "De nationella ämnena och kommunens egna ämnen och områden.", "The national subjects and the municipality's own subjects and areas.";
    AdminImportText => "Läs in personal från skoladministrationens CSV-fil.", "Read staff from the school administration system's CSV file.";
    SubjectsTitle => "Ämnen och områden", "Subjects and areas";
    SubjectsIntro => "Utöver de nationella ämnena kan kommunen lägga till egna ämnen eller områden, till exempel fritids eller elevhälsa. De går sedan att välja för personal och grupper.", "Besides the national subjects, the municipality can add subjects or areas of its own, such as after-school care or pupil health. They can then be chosen for staff and groups.";
    SubjectAdd => "Lägg till ämne eller område", "Add a subject or area";
    SubjectName => "Namn på ämnet eller området", "Name of the subject or area";
    SubjectAdded => "Tillagt:", "Added:";
    SubjectsOwn => "Kommunens egna", "The municipality's own";
    SubjectsNational => "Nationella ämnen (Lgr22)", "National subjects (Lgr22)";
    NavMyGroups => "Mina grupper", "My groups";
    NavGroups => "Grupper", "Groups";
    MyGroupsTitle => "Mina grupper", "My groups";
    NoSchoolYear => "Det finns inget läsår upplagt ännu.", "No school year has been set up yet.";
    SchoolYear => "Läsår", "School year";
    NotInAnyGroup => "Du är inte med i någon grupp det här läsåret.", "You are in no group this school year.";
    GroupTitle => "Grupp", "Group";
    GroupNoLeader => "Ingen ledare utsedd", "No leader named";
    GroupLeader => "Ledare", "Leader";
    GroupLeaders => "Ledare", "Leaders";
    GroupProcessLeaders => "Processledare", "Process leaders";
    GroupNextDocumenter => "Dokumenterar nästa träff", "Documents the next meeting";
    GroupMeetings => "Träffar enligt årshjulet", "Meetings in the annual wheel";
    GroupMembers => "Medlemmar", "Members";
    GroupMemberCount => "Antal medlemmar", "Number of members";
    GroupRole => "Roll i gruppen", "Role in the group";
    Saved => "Sparat.", "Saved.";
    Reload => "Ladda om", "Reload";
    LearningSubjectHeading => "Ämne för lärgruppen", "Subject for the learning group";
    LearningSubjectHint => "Du undervisar i flera ämnen. Välj det ämne du helst vill utvecklas i tillsammans med kollegor. Valet gäller nästa gång lärgrupperna bildas; den grupp du redan är med i ändras inte.", "You teach several subjects. Choose the one you would most like to develop in together with colleagues. The choice applies the next time learning groups are formed; the group you are already in does not change.";
    LearningSubjectLabel => "Ämne", "Subject";
    LearningSubjectFirst => "Mitt första ämne", "My first subject";
    DocumenterHeading => "Dokumentatör", "Documenter";
    DocumenterHint => "Rollen som dokumentatör går runt i gruppen. Markera vem som blir frånvarande så hoppas de över.", "The documenter role rotates through the group. Mark who will be absent and they are skipped.";
    AbsentLegend => "Frånvarande nästa träff", "Absent from the next meeting";
    DocumenterIs => "Nästa dokumentatör:", "Next documenter:";
    DocumenterNone => "Alla är markerade som frånvarande.", "Everyone is marked absent.";
    DocumenterRecord => "Bekräfta som dokumentatör för träffen", "Confirm as the meeting's documenter";
    RotationHeading => "Turordning för dokumentation", "Documenter rotation";
    RotationHint => "Flytta upp eller ned med knapparna och spara. Ordningen gäller från nästa träff.", "Move people up or down with the buttons and save. The order applies from the next meeting.";
    RotationSave => "Spara turordningen", "Save the rotation";
    MoveUp => "Flytta upp", "Move up";
    MoveDown => "Flytta ned", "Move down";
    MovedUp => "flyttades upp.", "moved up.";
    MovedDown => "flyttades ned.", "moved down.";
    GroupNew => "Ny grupp", "New group";
    GroupCreate => "Skapa gruppen", "Create the group";
    MembersEdit => "Lägg till och ta bort medlemmar", "Add and remove members";
    MemberSearch => "Sök person att lägga till", "Search for a person to add";
    MemberAdd => "Lägg till", "Add";
    MemberRemove => "Ta bort", "Remove";
    GroupEditHeading => "Ändra gruppen", "Edit the group";
    GroupDescription => "Beskrivning", "Description";
    GroupTargetSize => "Önskad storlek (lämna tomt om ingen)", "Target size (leave empty for none)";
    GroupTargetInvalid => "Skriv ett heltal, eller lämna fältet tomt.", "Enter a whole number, or leave the field empty.";
    RosterTitle => "Grupper", "Groups";
    RosterIntro => "Läsårets alla grupper och deras medlemmar.", "All groups of the school year and their members.";
    RosterIntroEditor => "Läsårets alla grupper. Flytta en lärare genom att dra i handtaget ⠿ till en annan grupp, eller med knappen Flytta.", "All groups of the school year. Move a teacher by dragging the handle ⠿ to another group, or with the Move button.";
    RosterSearch => "Sök grupp eller person", "Search group or person";
    GroupKindLabel => "Typ av grupp", "Kind of group";
    RosterWarningsOnly => "Bara grupper med varningar", "Only groups with warnings";
    RosterPerGroup => "per lärgrupp", "per learning group";
    RosterWarnings => "att se över", "to look into";
    RosterWarningsList => "Varningar", "Warnings";
    RosterGroupsShown => "grupper visas", "groups shown";
    Print => "Skriv ut", "Print";
    ExportCsv => "Exportera CSV", "Export CSV";
    DownloadFailed => "Filen kunde inte sparas.", "The file could not be saved.";
    DragHint => "Dra till en annan grupp", "Drag to another group";
    MoveTo => "Flytta …", "Move …";
    MoveToLabel => "Flytta", "Move";
    MoveLabelPrefix => "Flytta", "Move";
    MoveLabelSuffix => "till", "to";
    MoveConfirm => "Flytta", "Move";
    MergeWith => "Slå ihop", "Merge";
    MergeWithShort => "Slå ihop med …", "Merge with …";
    MergeLabel => "Slå ihop med gruppen", "Merge with the group";
    MergeHint => "Medlemmarna går över till den valda gruppen och den här gruppen tas bort. Byt sedan namn på gruppen om det behövs.", "The members join the chosen group and this group is removed. Rename the group afterwards if needed.";
    MergeConfirm => "Slå ihop", "Merge";
    MergedInto => "slogs ihop med", "was merged into";
    MovedTo => "flyttades till", "moved to";
    FormationTitle => "Bilda lärgrupper", "Form learning groups";
    FormationIntro => "Förslaget räknas fram direkt när du ändrar gränserna. Lärare som redan är med i en grupp stannar kvar; bara de som saknar grupp placeras. Spara när förslaget ser bra ut.", "The proposal is worked out as you change the bounds. Teachers already in a group stay; only those in none are placed. Save when the proposal looks right.";
    BoundsMin => "Minst per grupp", "At least per group";
    BoundsMax => "Högst per grupp", "At most per group";
    GroupingLabel => "Gruppera efter", "Group by";
    FormationSave => "Spara lärgrupperna", "Save the learning groups";
    FormationComputed => "Förslaget räknades fram på", "Proposal worked out in";
    FormationSummary => "Förslaget", "The proposal";
    FormationGroups => "Lärgrupper", "Learning groups";
    FormationNew => "nya", "new";
    FormationTeachers => "Lärare placerade", "Teachers placed";
    FormationFlagged => "Behöver beslut", "Need a decision";
    FormationSchools => "skolor", "schools";
    FormationShowMembers => "Visa medlemmar och skäl", "Show members and reasons";
    FormationJoined => "Befintlig grupp, får nya medlemmar", "Existing group, gets new members";
    FormationKept => "Befintlig grupp, oförändrad", "Existing group, unchanged";
    NeedsDecision => "Utanför storleksgränserna: behöver beslut", "Outside the size bounds: needs a decision";
    MixHeading => "Skolblandning", "School mix";
    MixRuleHolds => "Regeln håller:", "The rule holds:";
    MixRuleBroken => "Regeln bryts:", "The rule is broken:";
    MixMaxSame => "högst så många från samma skola i en grupp:", "at most this many from one school in a group:";
    MixMeanSchools => "skolor per grupp i snitt:", "schools per group on average:";
    MixRuleText => "Regeln: har en skola c lärare i en kategori som delas i k grupper, hamnar högst ⌈c/k⌉ av dem i samma grupp.", "The rule: when a school has c teachers in a category split into k groups, at most ⌈c/k⌉ of them land in the same group.";
    SchoolYearAdd => "Lägg till ett läsår", "Add a school year";
    SchoolYearName => "Läsårets namn", "Name of the school year";
    SchoolYearStarts => "Höstterminen börjar", "The autumn term starts";
    SchoolYearSpring => "Vårterminen börjar", "The spring term starts";
    SchoolYearEnds => "Läsåret slutar", "The school year ends";
    SchoolRosterTitle => "Grupper per skola", "Groups by school";
    SchoolRosterIntro => "Vilka grupper skolans lärare är med i det här läsåret.", "Which groups the school's teachers are in this school year.";
    SchoolRosterGroups => "Grupper", "Groups";
    SchoolRosterNone => "Ingen grupp", "No group";
    SchoolRosterUngrouped => "lärare är inte med i någon grupp.", "teachers are in no group.";
    SchoolRosterNoSchool => "Du är inte kopplad till någon skola.", "You are not linked to a school.";
    NavWheel => "Årshjul", "Annual wheel";
    NavLibrary => "Bibliotek", "Library";
    LibraryTitle => "Bibliotek", "Library";
    LibraryIntro => "Forskning, filmer, goda exempel och digitala verktyg för kollegialt lärande.", "Research, films, good examples and digital tools for collegial learning.";
    LibrarySearch => "Sök i biblioteket", "Search the library";
    LibraryFilters => "Filtrera", "Filter";
    FilterKind => "Typ", "Type";
    FilterTheme => "Tema", "Theme";
    FilterArea => "Område i läroplanen", "Curriculum area";
    FilterGoal => "Agenda 2030-mål", "Agenda 2030 goal";
    FilterYear => "År", "Year";
    LibraryHits => "träffar", "results";
    LibraryNoHits => "Inget i biblioteket matchar sökningen.", "Nothing in the library matches the search.";
    LibraryCorrected => "Visar resultat för", "Showing results for";
    LibraryFeatured => "Utvalt", "Featured";
    LibraryLatest => "Nytt i biblioteket", "New in the library";
    LibraryForMe => "Nytt för dina ämnen och stadier", "New for your subjects and stages";
    LibraryMySubmissions => "Mina inskickade exempel", "My submitted examples";
    LibraryWaiting => "Att granska", "To review";
    LibraryCollections => "Samlingar", "Collections";
    LibraryAdd => "Lägg till material", "Add material";
    LibrarySubmit => "Skicka in ett gott exempel", "Submit a good example";
    LibraryImportLink => "Importera och exportera", "Import and export";
    LibraryEmpty => "Inget här ännu.", "Nothing here yet.";
    ItemFilm => "Film", "Film";
    ItemFiles => "Filer", "Files";
    ItemOpenLink => "Öppna länken", "Open the link";
    ItemSource => "Källa", "Source";
    ItemYear => "År", "Year";
    ItemLanguage => "Språk", "Language";
    ItemTags => "Taggar", "Tags";
    ItemUsedIn => "I samlingar", "In collections";
    ItemUsedInWheel => "I årshjulet", "On the annual wheel";
    ItemUsedInMeetings => "Förberedelse till träffar", "Preparation for meetings";
    ItemAuthor => "Tillagt av", "Added by";
    ItemEdit => "Ändra", "Edit";
    ItemStatusSubmitted => "Väntar på granskning", "Waiting for review";
    ItemStatusReturned => "Återsänt för komplettering", "Returned for changes";
    ItemStatusPublished => "Publicerat", "Published";
    ItemStatusRejected => "Inte antaget", "Not accepted";
    ItemStatusArchived => "Arkiverat", "Archived";
    ItemReviewComment => "Kommentar från granskningen", "Comment from the review";
    ReviewHeading => "Granskning", "Review";
    ReviewComment => "Kommentar till den som skickade in", "Comment to the author";
    ReviewApprove => "Godkänn och publicera", "Approve and publish";
    ReviewReturn => "Skicka tillbaka för komplettering", "Return for changes";
    ReviewReject => "Avböj", "Reject";
    ItemFeature => "Lyft fram som utvalt", "Feature";
    ItemUnfeature => "Ta bort från utvalt", "Stop featuring";
    ItemArchive => "Arkivera", "Archive";
    ItemRestore => "Publicera igen", "Publish again";
    ItemFeaturedBadge => "Utvalt", "Featured";
    ItemNewHeading => "Nytt material", "New material";
    ItemNewExampleHeading => "Skicka in ett gott exempel", "Submit a good example";
    ItemEditHeading => "Ändra material", "Edit material";
    ItemKindLabel => "Typ", "Type";
    ItemTitleLabel => "Titel", "Title";
    ItemSummaryLabel => "Sammanfattning", "Summary";
    ItemSummaryHint => "Markdown: **fet**, *kursiv*, - punktlista, [länk](https://…).", "Markdown: **bold**, *italic*, - bullet list, [link](https://…).";
    ItemPreview => "Förhandsvisning", "Preview";
    ItemSourceLabel => "Källa eller upphovsperson", "Source or author";
    ItemYearLabel => "Utgivningsår", "Year published";
    ItemLanguageLabel => "Språk (kod, t.ex. sv)", "Language (code, e.g. sv)";
    ItemUrlLabel => "Länk (https://…)", "Link (https://…)";
    ItemUrlHint => "Filmer från YouTube och Vimeo spelas upp i sidan.", "Films from YouTube and Vimeo play in the page.";
    ItemThemesLabel => "Teman (skilj med kommatecken)", "Themes (separate with commas)";
    ItemKeywordsLabel => "Nyckelord (skilj med kommatecken)", "Keywords (separate with commas)";
    ItemSave => "Spara", "Save";
    ItemSubmitSave => "Skicka in för granskning", "Submit for review";
    ItemResubmit => "Skicka in igen", "Submit again";
    ItemConflict => "Någon annan har ändrat materialet. Ladda om sidan för att se ändringen innan du sparar.", "Someone else has changed the material. Reload the page to see the change before you save.";
    ItemUpload => "Ladda upp fil", "Upload a file";
    ItemUploadHint => "PDF, bilder, Office-dokument eller video (MP4, WebM), högst 100 MB.", "PDF, images, office documents or video (MP4, WebM), at most 100 MB.";
    ItemUploading => "Laddar upp …", "Uploading …";
    ItemRemoveFile => "Ta bort", "Remove";
    ItemFilesAfterSave => "Spara först; sedan kan du ladda upp filer.", "Save first; then you can upload files.";
    ItemSubmittedInfo => "Tack! Ditt exempel granskas av IKT-strategen innan det publiceras.", "Thank you! Your example is reviewed by the ICT strategist before it is published.";
    ItemBack => "Till biblioteket", "Back to the library";
    CollectionNew => "Ny samling", "New collection";
    CollectionTitleLabel => "Namn på samlingen", "Name of the collection";
    CollectionNoteLabel => "Anteckning", "Note";
    CollectionItems => "Material i samlingen", "Material in the collection";
    CollectionAddItem => "Lägg till material", "Add material";
    CollectionFind => "Sök material att lägga till", "Search for material to add";
    CollectionUp => "Flytta upp", "Move up";
    CollectionDown => "Flytta ner", "Move down";
    CollectionRemove => "Ta bort ur samlingen", "Remove from the collection";
    CollectionDelete => "Ta bort samlingen", "Delete the collection";
    CollectionItemCount => "material", "items";
    CollectionBy => "av", "by";
    LibraryImportTitle => "Importera och exportera biblioteket", "Import and export the library";
    LibraryImportIntro => "Ladda upp en CSV-fil med kolumnerna titel, länk, beskrivning, typ, ämnen, stadier och taggar. Länkar som redan finns i biblioteket hoppas över.", "Upload a CSV file with the columns titel, länk, beskrivning, typ, ämnen, stadier and taggar. Links already in the library are skipped.";
    LibraryImportNew => "Nytt material", "New material";
    LibraryImportSkipped => "Finns redan", "Already there";
    LibraryExportCsv => "Exportera som CSV", "Export as CSV";
    LibraryExportJson => "Exportera som JSON", "Export as JSON";
    HomeLibrary => "Nytt i biblioteket för dig", "New in the library for you";
    WheelTitle => "Årshjul", "Annual wheel";
    WheelListTitle => "Årshjulet som lista", "The annual wheel as a list";
    WheelAsList => "Visa som lista", "Show as a list";
    WheelAsCircle => "Visa som hjul", "Show as a wheel";
    WheelZoom => "Visa", "Show";
    WheelWholeYear => "Hela läsåret", "The whole school year";
    WheelAutumn => "Hösttermin (HT)", "Autumn term";
    WheelSpring => "Vårtermin (VT)", "Spring term";
    WheelRings => "Ringar", "Rings";
    WheelRing => "Ring", "Ring";
    WheelMonth => "Månad", "Month";
    WheelWhen => "När", "When";
    WheelActivity => "Aktivitet", "Activity";
    WheelAudience => "För vem", "For whom";
    WheelTheme => "Tema", "Theme";
    WheelNewActivity => "Ny aktivitet", "New activity";
    WheelEditActivity => "Ändra aktivitet", "Edit activity";
    WheelActivityTitle => "Rubrik", "Title";
    WheelStarts => "Första dag", "First day";
    WheelEnds => "Sista dag", "Last day";
    WheelStartTime => "Starttid (lämna tomt för heldag)", "Start time (empty for all day)";
    WheelEndTime => "Sluttid", "End time";
    WheelRemoved => "Aktiviteten är borttagen.", "The activity was removed.";
    WheelHistory => "Ändringshistorik", "History of changes";
    WheelCreatedBy => "lade till", "added";
    WheelChangedBy => "ändrade", "changed";
    WheelDeletedBy => "tog bort", "removed";
    WheelUndo => "Ångra", "Undo";
    WheelUndone => "Ändringen är ångrad.", "The change was undone.";
    WheelAddToCalendar => "Lägg till i kalendern (.ics)", "Add to calendar (.ics)";
    WheelScope => "Visa aktiviteter", "Show activities";
    WheelMine => "Det som gäller mig", "What concerns me";
    WheelEverything => "Hela årshjulet", "The whole wheel";
    RingEditorTitle => "Årshjulets ringar", "The wheel's rings";
    RingEditorHint => "Byt namn och färg, flytta en ring utåt eller inåt, eller lägg till en egen. Mallens ringar finns kvar men kan döljas i hjulet.", "Rename and recolour, move a ring out or in, or add one of your own. The template's rings stay but can be hidden on the wheel.";
    RingName => "Namn på ringen", "Name of the ring";
    RingColour => "Färg", "Colour";
    RingOutward => "Flytta utåt:", "Move outward:";
    RingInward => "Flytta inåt:", "Move inward:";
    RingNew => "Ny ring", "New ring";
    RingAdd => "Lägg till ringen", "Add the ring";
    WheelCopyTitle => "Kopiera till nästa läsår", "Copy to the next school year";
    WheelCopyIntro => "Gör nästa läsårs årshjul av det här: samma ringar, aktiviteterna på samma veckonummer och veckodag och det nya läsårets lov. Du granskar kopian innan den sparas.", "Make next year's wheel from this one: the same rings, the activities on the same week number and weekday, and the new year's holidays. You review the copy before it is saved.";
    WheelCopyStart => "Förhandsgranska en kopia", "Preview a copy";
    CopyFrom => "Kopiera från", "Copy from";
    CopyTo => "Till läsår", "To school year";
    CopyPreview => "Förhandsgranska", "Preview";
    CopyReview => "Granska kopian", "Review the copy";
    CopyKept => "aktiviteter kopieras", "activities are copied";
    CopyLeft => "lämnas utanför", "are left out";
    CopyNote => "Anmärkning", "Note";
    CopyNotCopied => "Kopieras inte", "Not copied";
    CopySave => "Spara kopian", "Save the copy";
    CopyNoteNewHoliday => "Lov från det nya läsårets mall", "A holiday from the new year's template";
    CopyNoteOldHoliday => "Ersätts av det nya läsårets lov", "Replaced by the new year's holidays";
    CopyNoteOutside => "Skulle hamna utanför läsåret", "Would fall outside the school year";
    CopyNoteAudience => "Gällde namngivna grupper; gäller nu alla grupper av samma slag", "Was for named groups; now for all groups of that kind";
    CopyNoLaterYear => "Det finns inget senare läsår att kopiera till. Lägg upp det här:", "There is no later school year to copy to. Add it here:";
    WheelOutput => "Skriv ut eller spara som bild", "Print or save as a picture";
    WheelPaper => "Papper", "Paper";
    WheelPaperA4 => "A4 liggande", "A4 landscape";
    WheelPaperA3 => "A3 liggande", "A3 landscape";
    WheelSaveSvg => "Spara som SVG", "Save as SVG";
    WheelSavePng => "Spara som PNG", "Save as PNG";
    AudienceEveryone => "Alla", "Everyone";
    AudienceNamedGroups => "Namngivna grupper", "Named groups";
    AudienceChooseGroups => "Vilka grupper?", "Which groups?";
    AudienceGroups => "grupper", "groups";
    AudienceAllOfKind => "alla", "all";
    Close => "Stäng", "Close";
    FeedHeading => "Årshjulet i din kalender", "The wheel in your calendar";
    FeedHint => "Skapa en privat länk och lägg till den i kalendern på din iPad, i Google Kalender eller Outlook. Där syns det som gäller dig och dina grupper, och ändringar kommer med automatiskt. Dela inte länken; skapar du en ny slutar den gamla att fungera.", "Make a private link and add it to the calendar on your iPad, in Google Calendar or Outlook. It shows what concerns you and your groups, and changes follow automatically. Do not share the link; making a new one stops the old.";
    FeedUrl => "Din kalenderlänk (visas bara nu)", "Your calendar link (shown only now)";
    FeedOpen => "Öppna i kalenderappen", "Open in the calendar app";
    FeedMake => "Skapa kalenderlänk", "Make a calendar link";
    FeedRenew => "Skapa ny länk (den gamla slutar fungera)", "Make a new link (the old one stops working)";
    PublicFeedHeading => "Offentlig kalender för hela årshjulet", "Public calendar of the whole wheel";
    PublicFeedHint => "En länk som vem som helst kan prenumerera på, till exempel för skolornas webbplatser eller vårdnadshavare. Den visar alla aktiviteter. Stäng av den när den inte behövs.", "A link anyone can subscribe to, for example for the schools' websites or guardians. It shows every activity. Switch it off when it is not needed.";
    PublicFeedUrl => "Länken till den offentliga kalendern (visas bara nu)", "The public calendar's link (shown only now)";
    PublicFeedOn => "Slå på offentlig kalender", "Switch the public calendar on";
    PublicFeedOff => "Stäng av", "Switch off";
    FeedRevoke => "Sluta dela", "Stop the feed";
    NavMeetings => "Träffar", "Meetings";
    MeetingsTitle => "Mina träffar", "My meetings";
    MeetingsIntro => "Träffarna i dina grupper det här läsåret. Öppna en träff för dagordning, förberedelse, din handlingsplan och protokollet.", "The meetings of your groups this school year. Open a meeting for its agenda, preparation, your action plan and the protocol.";
    MeetingsNone => "Inga träffar här.", "No meetings here.";
    MeetingsComing => "Kommande träffar", "Coming meetings";
    MeetingsHeld => "Hållna träffar", "Past meetings";
    MeetingTitle => "Träff", "Meeting";
    MeetingVideoLink => "Anslut via videolänk", "Join by video link";
    MeetingQuestion => "Frågeställning", "Question";
    MeetingNoQuestion => "Ingen frågeställning angiven ännu.", "No question set yet.";
    MeetingTheme => "Tema", "Theme";
    MeetingDocumenter => "Dokumenterar", "Documenter";
    MeetingPreparation => "Förberedelse", "Preparation";
    MeetingAgenda => "Dagordning", "Agenda";
    PlanHeading => "Min handlingsplan", "My action plan";
    PlanIntro => "Planen sparas medan du skriver. Bara du ser den, om du inte delar den med gruppen.", "The plan is saved as you write. Only you see it unless you share it with the group.";
    PlanShare => "Dela planen med gruppen", "Share the plan with the group";
    ProtocolHeading => "Protokoll", "Protocol";
    ProtocolWrittenBy => "Protokollet skrivs av", "The protocol is written by";
    ProtocolIntro => "Protokollet sparas medan du skriver. När det publiceras blir det skrivskyddat och skickas med e-post till gruppen.", "The protocol is saved as you write. Once published it becomes read-only and is e-mailed to the group.";
    ProtocolPublish => "Publicera protokollet", "Publish the protocol";
    ProtocolPublishConfirm => "Efter publiceringen kan protokollet inte ändras, bara rättas med synliga tillägg. Det skickas med e-post till gruppens medlemmar.", "After publishing, the protocol cannot be changed, only corrected with visible amendments. It is e-mailed to the group's members.";
    ProtocolPublishNow => "Publicera och skicka", "Publish and send";
    ProtocolPublishedOn => "Publicerat", "Published";
    By => "av", "by";
    ProtocolAmendments => "Rättelser", "Amendments";
    PlansHeading => "Handlingsplaner", "Action plans";
    PlansOf => "av", "of";
    PlansWritten => "har skrivit sin handlingsplan.", "have written their action plan.";
    PlanWritten => "Skriven", "Written";
    PlanNotWritten => "Inte skriven", "Not written";
    PlanSharedBy => "Delad plan:", "Shared plan:";
    RecordConflict => "Någon annan ändrade det här fältet samtidigt. Fältet visar den andra texten; din text är:", "Someone else changed this field at the same time. The field shows their text; yours is:";
    RecordUseMine => "Använd min text", "Use my text";
    RecordKeepTheirs => "Behåll den andra texten", "Keep the other text";
    RecordSaved => "Sparat", "Saved";
    RecordPending => "Sparas strax …", "Saving shortly …";
    RecordOffline => "Inte sparat ännu: texten finns kvar i webbläsaren och skickas när nätverket är tillbaka.", "Not saved yet: the text is kept in the browser and sent when the network is back.";
    RecordConflictState => "Välj vilken text som ska gälla i de markerade fälten.", "Choose which text to keep in the marked fields.";
    HomeNextMeeting => "Nästa träff", "Next meeting";
    HomeYouDocument => "Du dokumenterar den här träffen.", "You document this meeting.";
    HomeOpenPlan => "Min handlingsplan för träffen", "My action plan for the meeting";
    HomeLatestProtocols => "Senaste protokollen", "Latest protocols";
    MeetingEdit => "Ändra träffen", "Edit the meeting";
    MeetingPlace => "Plats (rum)", "Place (room)";
    MeetingVideo => "Videolänk (https://…)", "Video link (https://…)";
    MeetingPreparationTask => "Förberedelseuppgift", "Preparation task";
    ProtocolAmend => "Rätta protokollet", "Correct the protocol";
    ProtocolAmendField => "Fält", "Field";
    ProtocolAmendText => "Rättelse", "Correction";
    ProtocolAmendAdd => "Lägg till rättelsen", "Add the correction";
    LiveTitle => "Mötesvy", "Live meeting";
    LiveNow => "Just nu", "Now";
    LiveNotStarted => "Mötet har inte börjat.", "The meeting has not started.";
    LiveStep => "Punkt", "Item";
    LivePaused => "Pausad", "Paused";
    LiveNext => "Nästa:", "Next:";
    LiveLastStep => "Sista punkten.", "The last item.";
    LiveControls => "Styr mötet", "Run the meeting";
    LiveStart => "Starta mötet", "Start the meeting";
    LiveRestart => "Starta om", "Start again";
    LivePrevious => "Föregående", "Previous";
    LivePause => "Pausa", "Pause";
    LiveResume => "Fortsätt", "Resume";
    LiveNextButton => "Nästa punkt", "Next item";
    LiveFinish => "Avsluta mötet", "End the meeting";
    LiveAttendance => "Närvaro", "Attendance";
    LiveDocumenter => "Dokumenterar idag", "Documenting today";
    LiveReassign => "Byt dokumentatör", "Change documenter";
    LiveHere => "Här", "Here";
    LiveAbsent => "Frånvarande", "Absent";
    LiveUnmarked => "Inte markerad", "Not marked";
    MeetingOpenLive => "Öppna mötesvyn", "Open the live meeting";
    ThreadTitle => "Min röda tråd", "My red thread";
    ThreadIntro => "Dina handlingsplaner under läsåret, en för varje träff. Det du fokuserar på blir början på nästa plan.", "Your action plans over the school year, one for each meeting. What you focus on becomes the start of the next plan.";
    ThreadPrint => "Skriv ut", "Print";
    ThreadExport => "Spara som text (Markdown)", "Save as text (Markdown)";
    ThreadEmpty => "Du har inte skrivit någon handlingsplan ännu i år.", "You have written no action plan this year yet.";
    HomeThread => "Min röda tråd: alla mina handlingsplaner", "My red thread: all my action plans";
    OutboxTitle => "Utgående e-post", "Outgoing mail";
    OutboxIntro => "Publicerade protokoll skickas härifrån. Meddelanden som inte gått fram försöks igen, med allt längre väntan.", "Published protocols are sent from here. Messages that did not go through are tried again, waiting longer each time.";
    AdminOutboxText => "Se om publicerade protokoll har skickats med e-post.", "See whether published protocols have been e-mailed.";
    OutboxNotConfigured => "Ingen e-postserver är inställd (KOLLEGIUM_SMTP_HOST). Meddelandena väntar här tills en ställs in.", "No mail server is configured (KOLLEGIUM_SMTP_HOST). Messages wait here until one is.";
    OutboxSubject => "Ämne", "Subject";
    OutboxRecipients => "Mottagare", "Recipients";
    OutboxCreated => "Skapat", "Created";
    OutboxState => "Läge", "State";
    OutboxSent => "Skickat", "Sent";
    OutboxWaiting => "Väntar, nästa försök", "Waiting, next attempt";
    OutboxAttempts => "försök", "attempts";
    AgendaAddStep => "Lägg till punkt", "Add a step";
    AgendaFromTemplate => "Dagordningsmall", "Agenda template";
    AgendaGuidance => "Stöd till ledaren", "Guidance for the leader";
    AgendaMinutes => "Minuter", "Minutes";
    AgendaStepTitle => "Rubrik", "Heading";
    AgendaStep => "Punkt", "Step";
    AgendaSteps => "punkter", "steps";
    AgendaStepLower => "punkt", "step";
    AgendaUseTemplate => "Använd mallen", "Use the template";
    ArchiveTitle => "Protokollarkiv", "Protocol archive";
    ArchiveIntro => "Alla publicerade protokoll i kommunen. Sök på ord i alla böjningsformer och filtrera på ämne, stadium, tema, grupp och datum.", "Every published protocol in the municipality. Search words in any form and filter by subject, stage, theme, group and date.";
    ArchiveSearch => "Sök i protokollen", "Search the protocols";
    ArchiveFrom => "Från och med", "From";
    ArchiveTo => "Till och med", "To";
    ArchiveGroup => "Grupp", "Group";
    ArchiveAllGroups => "Visa alla grupper", "Show every group";
    ArchiveOnlyGroup => "Bara den här gruppen", "Only this group";
    ArchiveFound => "protokoll", "protocols";
    ArchivePages => "Sidor i arkivet", "Archive pages";
    ArchiveNotPublished => "Protokollet är inte publicerat ännu.", "The protocol is not published yet.";
    SearchCorrected => "Visar träffar för", "Showing results for";
    Edit => "Ändra", "Edit";
    Remove => "Ta bort", "Remove";
    Search => "Sök", "Search";
    MeetingDay => "Datum", "Date";
    MeetingStart => "Starttid", "Start time";
    MeetingEnd => "Sluttid", "End time";
    MeetingRemove => "Ta bort träffen", "Remove the meeting";
    NewMeeting => "Lägg till en egen träff", "Add a meeting of your own";
    NewMeetingGroup => "Grupp", "Group";
    NewMeetingChooseGroup => "Välj en grupp.", "Choose a group.";
    NewMeetingAdd => "Lägg till träffen", "Add the meeting";
    PrepNothing => "Ingen förberedelse är angiven ännu.", "No preparation has been set yet.";
    PrepDone => "Jag har förberett mig", "I have prepared";
    PrepCount => "har förberett sig", "have prepared";
    PrepEdit => "Ändra förberedelsen", "Change the preparation";
    PrepCollection => "Samling från biblioteket", "Collection from the library";
    PrepNoCollection => "Ingen samling", "No collection";
    PrepItems => "Material från biblioteket", "Material from the library";
    PrepSearch => "Sök material i biblioteket", "Search the library for material";
    PrepAdd => "Lägg till", "Add";
    PickerNoHits => "Inget publicerat material hittades.", "No published material was found.";
    ProtocolPrintView => "Utskrift och export", "Print and export";
    ProtocolPrint => "Skriv ut", "Print";
    ProtocolSaveMarkdown => "Spara som Markdown", "Save as Markdown";
    ProtocolSavePdf => "Spara som PDF", "Save as PDF";
    RecipientsTitle => "Mottagare av alla protokoll", "Recipients of every protocol";
    RecipientsLabel => "E-postadresser", "E-mail addresses";
    RecipientsHint => "En adress per rad. Varje publicerat protokoll skickas också hit, utöver gruppens medlemmar.", "One address per line. Every published protocol is also sent here, besides the group's members.";
    TemplatesTitle => "Dagordningsmallar", "Agenda templates";
    TemplatesIntro => "Nya träffar får standardmallens dagordning. En ledare kan anpassa dagordningen för en enskild träff.", "New meetings take the default template's agenda. A leader may adjust the agenda of a single meeting.";
    TemplateNew => "Ny mall", "New template";
    TemplateEdit => "Ändra mallen", "Edit the template";
    TemplateName => "Mallens namn", "Template name";
    TemplateDefault => "Standard", "Default";
    TemplateMakeDefault => "Gör till standard", "Make default";
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
        let mut out = String::new();
        let mut args = args.iter();
        let mut parts = self.t(key).split("{}").peekable();
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

    /// Switches between Swedish and English.
    pub fn toggle(self) {
        self.lang
            .update(|l| *l = if *l == Lang::Sv { Lang::En } else { Lang::Sv });
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
