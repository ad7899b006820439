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
    MissingJsonField,
    UnsupportedMediaType,
    PayloadTooLarge,
    Internal,
    Unavailable,
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
            Msg::MissingJsonField => "Ett obligatoriskt fält saknas i förfrågan.",
            Msg::UnsupportedMediaType => "Förfrågan måste skickas som JSON.",
            Msg::PayloadTooLarge => "Förfrågan är för stor.",
            Msg::Internal => "Något gick fel hos oss. Försök igen om en stund.",
            Msg::Unavailable => "Tjänsten är inte tillgänglig just nu.",
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
            Msg::MissingJsonField => "A required field is missing from the request.",
            Msg::UnsupportedMediaType => "The request must be sent as JSON.",
            Msg::PayloadTooLarge => "The request is too large.",
            Msg::Internal => "Something went wrong on our side. Try again in a while.",
            Msg::Unavailable => "The service is not available right now.",
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
