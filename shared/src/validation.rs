//! Validation rules that run twice: in the browser for instant feedback beside the
//! field, and on the server, which has the last word.

use crate::i18n::Msg;

/// The shortest password a person may choose.
pub const PASSWORD_MIN_CHARS: usize = 10;
/// The longest password accepted (bounds the hashing work an attacker can cause).
pub const PASSWORD_MAX_CHARS: usize = 200;
/// The longest e-mail address accepted (RFC 5321's limit).
pub const EMAIL_MAX_CHARS: usize = 254;

/// A rule broken by the value of one field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FieldError {
    /// The field's name as it stands in the request JSON.
    pub field: &'static str,
    pub msg: Msg,
}

impl FieldError {
    pub fn new(field: &'static str, msg: Msg) -> FieldError {
        FieldError { field, msg }
    }
}

/// A request whose fields can be checked without a database.
pub trait Validate {
    /// Every broken rule, in the order the fields appear in the form; empty when valid.
    fn validate(&self) -> Vec<FieldError>;
}

/// Checks the shape of an e-mail address: one `@`, a non-empty local part, a domain
/// with a dot and no spaces. Deliverability is not the point; catching typos is.
pub fn check_email(email: &str) -> Result<(), Msg> {
    let email = email.trim();
    if email.is_empty() {
        return Err(Msg::FieldRequired);
    }
    if email.chars().count() > EMAIL_MAX_CHARS || email.chars().any(char::is_whitespace) {
        return Err(Msg::EmailInvalid);
    }
    let Some((local, domain)) = email.split_once('@') else {
        return Err(Msg::EmailInvalid);
    };
    let domain_ok = !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if local.is_empty() || !domain_ok {
        return Err(Msg::EmailInvalid);
    }
    Ok(())
}

/// Normalises an e-mail address for storage and lookup: trimmed and lower-case.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Checks a password a person chooses (counted in characters, not bytes, so å counts once).
pub fn check_new_password(password: &str) -> Result<(), Msg> {
    let n = password.chars().count();
    if n == 0 {
        Err(Msg::FieldRequired)
    } else if n < PASSWORD_MIN_CHARS {
        Err(Msg::PasswordTooShort)
    } else if n > PASSWORD_MAX_CHARS {
        Err(Msg::PasswordTooLong)
    } else {
        Ok(())
    }
}

/// Checks that a required text field is not blank.
pub fn check_required(value: &str) -> Result<(), Msg> {
    if value.trim().is_empty() {
        Err(Msg::FieldRequired)
    } else {
        Ok(())
    }
}

/// The longest name (of a school, a person, a group) accepted.
pub const NAME_MAX_CHARS: usize = 200;

/// Checks a required name (of a person, a school, a group, a title): one line of
/// allowed characters (`text::check_text`) with something visible, not too long.
pub fn check_name(value: &str) -> Result<(), Msg> {
    check_required(value)?;
    crate::text::check_text(value, false)?;
    if !crate::text::has_visible(value) {
        return Err(Msg::NameInvisible);
    }
    if value.trim().chars().count() > NAME_MAX_CHARS {
        Err(Msg::NameTooLong)
    } else {
        Ok(())
    }
}

/// Collects the errors of several field checks.
pub fn collect(
    checks: impl IntoIterator<Item = (&'static str, Result<(), Msg>)>,
) -> Vec<FieldError> {
    checks
        .into_iter()
        .filter_map(|(field, r)| r.err().map(|msg| FieldError::new(field, msg)))
        .collect()
}

/// A path on this site, safe to lead "back" to: one leading slash, no scheme, host
/// or backslash (`//evil.example`, `/\\evil.example` lead elsewhere in browsers).
pub fn is_local_path(path: &str) -> bool {
    path.starts_with('/') && !path.starts_with("//") && !path.contains('\\')
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_paths_of_this_site_are_followed_back() {
        use super::is_local_path;
        assert!(is_local_path("/traffar/12"));
        assert!(is_local_path("/bibliotek?q=bed%C3%B6mning"));
        assert!(!is_local_path("//evil.example/x"));
        assert!(!is_local_path("https://evil.example/"));
        assert!(!is_local_path("/\\evil.example"));
        assert!(!is_local_path(""));
    }

    use super::*;

    #[test]
    fn accepts_ordinary_school_addresses() {
        for ok in [
            "anna.berg@skola.se",
            "Åsa.Öberg@kommun.se",
            " x@y.se ",
            "a+b@sub.domain.org",
        ] {
            assert_eq!(check_email(ok), Ok(()), "{ok}");
        }
    }

    #[test]
    fn rejects_typos_in_addresses() {
        for bad in [
            "anna",
            "anna@",
            "@skola.se",
            "anna@skola",
            "anna@@skola.se",
            "an na@skola.se",
            "a@.se",
            "a@skola.se.",
            "a@skola..se",
        ] {
            assert_eq!(check_email(bad), Err(Msg::EmailInvalid), "{bad}");
        }
        assert_eq!(check_email("   "), Err(Msg::FieldRequired));
    }

    #[test]
    fn normalizes_case_and_space() {
        assert_eq!(
            normalize_email("  Åsa.Öberg@Kommun.SE "),
            "åsa.öberg@kommun.se"
        );
    }

    #[test]
    fn password_length_counts_characters_not_bytes() {
        assert_eq!(check_new_password(""), Err(Msg::FieldRequired));
        assert_eq!(check_new_password("kort"), Err(Msg::PasswordTooShort));
        // Nine characters, eighteen bytes: still too short.
        assert_eq!(check_new_password("ååååååååå"), Err(Msg::PasswordTooShort));
        assert_eq!(check_new_password("åååååååååå"), Ok(()));
        assert_eq!(
            check_new_password(&"x".repeat(201)),
            Err(Msg::PasswordTooLong)
        );
    }

    #[test]
    fn names_must_be_present_and_bounded() {
        assert_eq!(check_name("  "), Err(Msg::FieldRequired));
        assert_eq!(check_name("Åsa\nÖberg"), Err(Msg::TextLineBreak));
        assert_eq!(check_name("Ring\u{7}"), Err(Msg::TextControlChars));
        assert_eq!(check_name("\u{202E}nosrep"), Err(Msg::TextControlChars));
        assert_eq!(check_name("\u{200B}\u{200B}"), Err(Msg::NameInvisible));
        assert_eq!(check_name("Łukasz Wiśniewski"), Ok(()));
        assert_eq!(check_name("Ängsskolan"), Ok(()));
        assert_eq!(check_name(&"å".repeat(201)), Err(Msg::NameTooLong));
        assert_eq!(check_name(&"å".repeat(200)), Ok(()));
    }

    #[test]
    fn collect_keeps_only_failures_in_order() {
        let errs = collect([
            ("a", Ok(())),
            ("b", Err(Msg::FieldRequired)),
            ("c", Err(Msg::EmailInvalid)),
        ]);
        assert_eq!(
            errs,
            vec![
                FieldError::new("b", Msg::FieldRequired),
                FieldError::new("c", Msg::EmailInvalid)
            ]
        );
    }
}
