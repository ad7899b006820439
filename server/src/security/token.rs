//! Sign-in tokens: HS256 JWTs with the algorithm pinned, issuer and audience checked,
//! and a lifetime of at most twelve hours.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use kollegium_shared::ids::{MunicipalityId, PersonId};
use serde::{Deserialize, Serialize};

const ISSUER: &str = "kollegium";
const AUDIENCE: &str = "kollegium-api";
/// The audience of signed file links: never accepted as a sign-in, and the reverse.
const FILE_AUDIENCE: &str = "kollegium-file";
/// The audience of tickets for following a live meeting.
const LIVE_AUDIENCE: &str = "kollegium-live";

/// What a token says.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Claims {
    /// The person's id.
    pub sub: String,
    /// The person's municipality.
    pub mun: i64,
    pub iat: i64,
    pub exp: i64,
    pub iss: String,
    pub aud: String,
    /// The person's session generation at sign-in; tokens of an earlier generation
    /// stop working when the password is changed or reset.
    #[serde(default, rename = "gen")]
    pub generation: i64,
}

/// What a signed file link says.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct FileClaims {
    /// The file's kind and id ([`FileLink::subject`]).
    sub: String,
    mun: i64,
    exp: i64,
    iss: String,
    aud: String,
}

/// The file a link is for: the kind is part of what is signed, so a link to one kind
/// of file never opens another kind's file of the same id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileLink {
    /// A library item's file, for a reader of the municipality.
    Library(i64),
    /// A process log entry's photo or file, for one who may read the log.
    Log(i64),
    /// A process log entry's photo or file on the public page, for anyone: it works
    /// only while the file, its entry and the page are still public.
    Showcase(i64),
}

impl FileLink {
    /// The file's id.
    pub fn id(self) -> i64 {
        match self {
            FileLink::Library(id) | FileLink::Log(id) | FileLink::Showcase(id) => id,
        }
    }

    /// What the link's subject says: a library file by its bare id (as links always
    /// said), the others by a prefix.
    fn subject(self) -> String {
        match self {
            FileLink::Library(id) => id.to_string(),
            FileLink::Log(id) => format!("log:{id}"),
            FileLink::Showcase(id) => format!("showcase:{id}"),
        }
    }

    fn parse(subject: &str) -> Option<FileLink> {
        let number = |s: &str| -> Option<i64> {
            // Digits only: "+7" or " 7" is no subject the server wrote.
            (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
                .then(|| s.parse().ok())
                .flatten()
        };
        if let Some(id) = subject.strip_prefix("log:") {
            number(id).map(FileLink::Log)
        } else if let Some(id) = subject.strip_prefix("showcase:") {
            number(id).map(FileLink::Showcase)
        } else {
            number(subject).map(FileLink::Library)
        }
    }
}

/// Issues and checks tokens with one secret.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    validation: Validation,
    file_validation: Validation,
    lifetime_secs: i64,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TokenKeys")
            .field("lifetime_secs", &self.lifetime_secs)
            .finish_non_exhaustive()
    }
}

/// A verified token's subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Subject {
    pub person: PersonId,
    pub municipality: MunicipalityId,
}

impl TokenKeys {
    /// Keys for `secret`, issuing tokens that live `lifetime_hours`.
    pub fn new(secret: &[u8], lifetime_hours: u32) -> TokenKeys {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[ISSUER]);
        validation.set_audience(&[AUDIENCE]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = 30;
        let mut file_validation = Validation::new(Algorithm::HS256);
        file_validation.set_issuer(&[ISSUER]);
        file_validation.set_audience(&[FILE_AUDIENCE]);
        file_validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        file_validation.leeway = 30;
        TokenKeys {
            encoding: EncodingKey::from_secret(secret),
            decoding: DecodingKey::from_secret(secret),
            validation,
            file_validation,
            lifetime_secs: i64::from(lifetime_hours.clamp(1, 12)) * 3600,
        }
    }

    /// A token for `subject`, and when it expires (Unix seconds).
    pub fn issue(
        &self,
        subject: Subject,
        generation: i64,
        now: i64,
    ) -> anyhow::Result<(String, i64)> {
        let exp = now + self.lifetime_secs;
        let claims = Claims {
            sub: subject.person.0.to_string(),
            mun: subject.municipality.0,
            iat: now,
            exp,
            iss: ISSUER.into(),
            aud: AUDIENCE.into(),
            generation,
        };
        let token = jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)?;
        Ok((token, exp))
    }

    /// The subject of a valid token; `None` for anything else (bad signature, other
    /// algorithm, expired, wrong issuer or audience, malformed).
    /// The session generation it was issued in comes along.
    pub fn verify(&self, token: &str) -> Option<(Subject, i64)> {
        let data = jsonwebtoken::decode::<Claims>(token, &self.decoding, &self.validation).ok()?;
        let person = data.claims.sub.parse().ok()?;
        Some((
            Subject {
                person: PersonId(person),
                municipality: MunicipalityId(data.claims.mun),
            },
            data.claims.generation,
        ))
    }
}

impl TokenKeys {
    /// `claims`, signed.
    fn sign(&self, claims: &impl Serialize) -> anyhow::Result<String> {
        Ok(jsonwebtoken::encode(
            &Header::new(Algorithm::HS256),
            claims,
            &self.encoding,
        )?)
    }

    /// A signature for reading `file` of municipality `m` until `exp` (Unix seconds).
    pub fn file_link(&self, file: FileLink, m: MunicipalityId, exp: i64) -> anyhow::Result<String> {
        let claims = FileClaims {
            sub: file.subject(),
            mun: m.0,
            exp,
            iss: ISSUER.into(),
            aud: FILE_AUDIENCE.into(),
        };
        self.sign(&claims)
    }

    /// The file and municipality of a valid, unexpired file link.
    pub fn verify_file_link(&self, token: &str) -> Option<(FileLink, MunicipalityId)> {
        let data = jsonwebtoken::decode::<FileClaims>(token, &self.decoding, &self.file_validation)
            .ok()?;
        Some((
            FileLink::parse(&data.claims.sub)?,
            MunicipalityId(data.claims.mun),
        ))
    }
}

/// What a live-meeting ticket says.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct LiveClaims {
    /// The person's id.
    sub: String,
    mun: i64,
    /// The meeting's id.
    mtg: i64,
    /// The session generation of the sign-in that asked for the ticket.
    #[serde(rename = "gen")]
    generation: i64,
    exp: i64,
    iss: String,
    aud: String,
}

impl TokenKeys {
    /// A ticket for `subject`, signed in in session generation `generation`, to follow
    /// meeting `meeting` (connecting) until `exp`.
    pub fn live_ticket(
        &self,
        subject: Subject,
        generation: i64,
        meeting: i64,
        exp: i64,
    ) -> anyhow::Result<String> {
        let claims = LiveClaims {
            sub: subject.person.0.to_string(),
            mun: subject.municipality.0,
            mtg: meeting,
            generation,
            exp,
            iss: ISSUER.into(),
            aud: LIVE_AUDIENCE.into(),
        };
        self.sign(&claims)
    }

    /// The subject of a valid, unexpired ticket for meeting `meeting`, with the session
    /// generation it was issued in.
    pub fn verify_live_ticket(&self, token: &str, meeting: i64) -> Option<(Subject, i64)> {
        let mut validation = self.file_validation.clone();
        validation.set_audience(&[LIVE_AUDIENCE]);
        let data = jsonwebtoken::decode::<LiveClaims>(token, &self.decoding, &validation).ok()?;
        (data.claims.mtg == meeting).then_some(())?;
        let subject = Subject {
            person: PersonId(data.claims.sub.parse().ok()?),
            municipality: MunicipalityId(data.claims.mun),
        };
        Some((subject, data.claims.generation))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECRET: &[u8] = b"a-test-secret-that-is-long-enough-for-hs256";

    fn subject() -> Subject {
        Subject {
            person: PersonId(7),
            municipality: MunicipalityId(3),
        }
    }

    fn now() -> i64 {
        chrono::Utc::now().timestamp()
    }

    #[test]
    fn issued_tokens_verify_and_expire_within_twelve_hours() {
        let keys = TokenKeys::new(SECRET, 99);
        let (token, exp) = keys.issue(subject(), 4, now()).expect("issues");
        assert!(exp - now() <= 12 * 3600);
        assert_eq!(keys.verify(&token), Some((subject(), 4)));
    }

    #[test]
    fn expired_tokens_and_other_secrets_fail() {
        let keys = TokenKeys::new(SECRET, 1);
        let (old, _) = keys.issue(subject(), 0, now() - 2 * 3600).expect("issues");
        assert_eq!(keys.verify(&old), None);
        let other = TokenKeys::new(b"another-secret-entirely-different-0123", 1);
        let (foreign, _) = other.issue(subject(), 0, now()).expect("issues");
        assert_eq!(keys.verify(&foreign), None);
    }

    #[test]
    fn unsigned_tokens_fail() {
        let keys = TokenKeys::new(SECRET, 1);
        let (token, _) = keys.issue(subject(), 0, now()).expect("issues");
        let payload = token.split('.').nth(1).expect("payload");
        // {"alg":"none","typ":"JWT"}
        let none = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.");
        assert_eq!(keys.verify(&none), None);
    }

    #[test]
    fn file_links_are_not_sign_ins_and_expire() {
        let keys = TokenKeys::new(SECRET, 1);
        let link = keys
            .file_link(FileLink::Library(42), MunicipalityId(3), now() + 60)
            .expect("signs");
        assert_eq!(
            keys.verify_file_link(&link),
            Some((FileLink::Library(42), MunicipalityId(3)))
        );
        for other in [FileLink::Log(42), FileLink::Showcase(42)] {
            let link = keys
                .file_link(other, MunicipalityId(3), now() + 60)
                .expect("signs");
            assert_eq!(
                keys.verify_file_link(&link),
                Some((other, MunicipalityId(3))),
                "the kind is kept, so no other kind's reader takes it"
            );
        }
        assert_eq!(FileLink::parse("log:+4"), None);
        assert_eq!(FileLink::parse("pub:4"), None);
        assert_eq!(keys.verify(&link), None);
        let (sign_in, _) = keys.issue(subject(), 0, now()).expect("issues");
        assert_eq!(keys.verify_file_link(&sign_in), None);
        let old = keys
            .file_link(FileLink::Library(42), MunicipalityId(3), now() - 120)
            .expect("signs");
        assert_eq!(keys.verify_file_link(&old), None);
    }
}
