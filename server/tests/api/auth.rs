//! Sign-in, tokens, password change and the limits on attempts: who gets in, who is
//! turned away, and what they are told.

use crate::helpers::{Call, LIMITS, Limits, engines, engines_with};
use axum::http::StatusCode;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use serde_json::json;

fn login_body(email: &str, password: &str) -> serde_json::Value {
    json!({"email": email, "password": password})
}

#[tokio::test]
async fn a_teacher_signs_in_and_sees_who_they_are() {
    for app in engines().await {
        let reply = app
            .send(
                Call::post("/api/v1/auth/login")
                    .json(&login_body("LARARE@demo.test ", "kollegium")),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let token = reply.body["token"].as_str().expect("token");
        let exp = reply.body["expires_at"].as_i64().expect("expires_at");
        let now = chrono::Utc::now().timestamp();
        assert!(
            exp > now && exp <= now + 12 * 3600,
            "[{}] token lives at most 12 h",
            app.engine
        );

        let me = app.send(Call::get("/api/v1/me").token(token)).await;
        assert_eq!(me.status, StatusCode::OK);
        assert_eq!(me.body["email"], "larare@demo.test");
        assert_eq!(me.body["municipality"]["name"], "Demo kommun");
        assert_eq!(me.body["roles"], json!(["larare"]));
        assert_eq!(me.body["schools"][0]["name"], "Tallåsskolan");
        assert_eq!(me.body["subjects"], json!(["matematik", "fysik"]));
        assert_eq!(me.body["stages"], json!(["ak7_9"]));
    }
}

#[tokio::test]
async fn a_person_with_two_roles_gets_both() {
    for app in engines().await {
        let token = app.login("styrgrupp@demo.test").await;
        let me = app.send(Call::get("/api/v1/me").token(&token)).await;
        assert_eq!(
            me.body["roles"],
            json!(["styrgrupp", "rektor"]),
            "[{}]",
            app.engine
        );
    }
}

#[tokio::test]
async fn wrong_password_and_unknown_email_get_the_same_answer() {
    for app in engines().await {
        let wrong = app
            .send(
                Call::post("/api/v1/auth/login")
                    .json(&login_body("larare@demo.test", "fel-losenord")),
            )
            .await;
        let unknown = app
            .send(
                Call::post("/api/v1/auth/login").json(&login_body("ingen@demo.test", "kollegium")),
            )
            .await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED, "[{}]", app.engine);
        assert_eq!(unknown.status, StatusCode::UNAUTHORIZED);
        assert_eq!(wrong.body, unknown.body);
        assert_eq!(wrong.code(), "unauthorized");
        assert_eq!(wrong.message(), "Fel e-postadress eller lösenord.");
    }
}

#[tokio::test]
async fn bad_login_input_names_the_field_in_swedish() {
    for app in engines().await {
        let reply = app
            .send(Call::post("/api/v1/auth/login").json(&login_body("larare.demo.test", "x")))
            .await;
        assert_eq!(
            reply.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            app.engine
        );
        assert_eq!(reply.code(), "validation");
        assert_eq!(reply.field(), Some("email"));
        assert!(
            reply.message().contains("e-postadress"),
            "{}",
            reply.message()
        );

        let english = app
            .send(
                Call::post("/api/v1/auth/login")
                    .header("accept-language", "en-GB,en;q=0.9")
                    .json(&login_body("", "x")),
            )
            .await;
        assert_eq!(english.field(), Some("email"));
        assert_eq!(english.message(), "This field is required.");
    }
}

fn token_with(claims: &serde_json::Value, secret: &[u8]) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret),
    )
    .expect("encode")
}

fn claims(person: i64, municipality: i64, exp: i64) -> serde_json::Value {
    json!({"sub": person.to_string(), "mun": municipality, "iat": exp - 3600, "exp": exp, "iss": "kollegium", "aud": "kollegium-api"})
}

#[tokio::test]
async fn forged_expired_and_missing_tokens_are_refused() {
    for app in engines().await {
        let token = app.login("larare@demo.test").await;
        let me = app.send(Call::get("/api/v1/me").token(&token)).await;
        let (person, municipality) = (
            me.body["id"].as_i64().expect("id"),
            me.body["municipality"]["id"].as_i64().expect("mun"),
        );
        let now = chrono::Utc::now().timestamp();

        // The same claims, correctly signed, are accepted: the refusals below are about the defect alone.
        let good = token_with(
            &claims(person, municipality, now + 600),
            crate::helpers::SECRET,
        );
        assert_eq!(
            app.send(Call::get("/api/v1/me").token(&good)).await.status,
            StatusCode::OK
        );

        let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
        let sig = parts[2].clone();
        let flipped = if sig.starts_with('A') { "B" } else { "A" };
        parts[2] = format!("{flipped}{}", &sig[1..]);
        let tampered = parts.join(".");

        let header_none = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0";
        let payload = token.split('.').nth(1).expect("payload");
        let alg_none = format!("{header_none}.{payload}.");

        let expired = token_with(
            &claims(person, municipality, now - 3600),
            crate::helpers::SECRET,
        );
        let other_secret = token_with(
            &claims(person, municipality, now + 600),
            b"some-other-secret-0123456789-0123456789",
        );
        let wrong_audience = token_with(
            &json!({"sub": person.to_string(), "mun": municipality, "exp": now + 600, "iss": "kollegium", "aud": "elsewhere"}),
            crate::helpers::SECRET,
        );

        for (what, bad) in [
            ("tampered signature", tampered.as_str()),
            ("alg none", alg_none.as_str()),
            ("expired", expired.as_str()),
            ("other secret", other_secret.as_str()),
            ("wrong audience", wrong_audience.as_str()),
            ("garbage", "not-a-token"),
        ] {
            let reply = app.send(Call::get("/api/v1/me").token(bad)).await;
            assert_eq!(
                reply.status,
                StatusCode::UNAUTHORIZED,
                "[{}] {what}",
                app.engine
            );
            assert_eq!(reply.code(), "unauthorized", "{what}");
        }
        let missing = app.send(Call::get("/api/v1/me")).await;
        assert_eq!(missing.status, StatusCode::UNAUTHORIZED);
        assert_eq!(missing.message(), "Du behöver logga in.");
        let schools = app.send(Call::get("/api/v1/schools")).await;
        assert_eq!(schools.status, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn a_token_for_a_person_of_another_municipality_id_is_refused() {
    for app in engines().await {
        let token = app.login("larare@demo.test").await;
        let me = app.send(Call::get("/api/v1/me").token(&token)).await;
        let person = me.body["id"].as_i64().expect("id");
        let other = app
            .send(Call::get("/api/v1/me").token(&app.login("admin@ovning.test").await))
            .await;
        let other_mun = other.body["municipality"]["id"].as_i64().expect("mun");
        let now = chrono::Utc::now().timestamp();
        let mixed = token_with(
            &claims(person, other_mun, now + 600),
            crate::helpers::SECRET,
        );
        assert_eq!(
            app.send(Call::get("/api/v1/me").token(&mixed)).await.status,
            StatusCode::UNAUTHORIZED,
            "[{}]",
            app.engine
        );
    }
}

#[tokio::test]
async fn a_person_changes_their_password() {
    for app in engines().await {
        let token = app.login("rektor@demo.test").await;
        let change = |current: &str, new: &str| {
            Call::post("/api/v1/auth/password")
                .token(&token)
                .json(&json!({"current_password": current, "new_password": new}))
        };

        let wrong = app
            .send(change("inte-det-gamla", "ett-helt-nytt-losen"))
            .await;
        assert_eq!(
            wrong.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            app.engine
        );
        assert_eq!(wrong.field(), Some("current_password"));

        let short = app.send(change("kollegium", "kort")).await;
        assert_eq!(short.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(short.field(), Some("new_password"));
        assert_eq!(short.message(), "Lösenordet måste ha minst 10 tecken.");

        // Signed in on another device too.
        let elsewhere = app.login("rektor@demo.test").await;
        let ok = app.send(change("kollegium", "ett-helt-nytt-losen")).await;
        assert_eq!(ok.status, StatusCode::OK, "[{}]", app.engine);
        // Every session from before has ended; the one that changed it goes on.
        for ended in [&token, &elsewhere] {
            assert_eq!(
                app.send(Call::get("/api/v1/me").token(ended)).await.status,
                StatusCode::UNAUTHORIZED,
                "[{}]",
                app.engine
            );
        }
        let renewed = ok.body["token"].as_str().expect("a new token");
        let me = app.send(Call::get("/api/v1/me").token(renewed)).await;
        assert_eq!(me.status, StatusCode::OK);
        assert_eq!(me.body["email"], "rektor@demo.test");

        let old = app
            .send(
                Call::post("/api/v1/auth/login").json(&login_body("rektor@demo.test", "kollegium")),
            )
            .await;
        assert_eq!(old.status, StatusCode::UNAUTHORIZED);
        let new = app
            .send(
                Call::post("/api/v1/auth/login")
                    .json(&login_body("rektor@demo.test", "ett-helt-nytt-losen")),
            )
            .await;
        assert_eq!(new.status, StatusCode::OK);
    }
}

/// A sign-in of `email` with `password` from `ip`.
fn attempt(ip: [u8; 4], email: &str, password: &str) -> Call {
    Call::post("/api/v1/auth/login")
        .client_ip(ip)
        .json(&login_body(email, password))
}

fn retry_after(r: &crate::helpers::Reply) -> u64 {
    r.headers["retry-after"]
        .to_str()
        .expect("ascii")
        .parse()
        .expect("seconds")
}

#[tokio::test]
async fn guessing_from_one_address_is_slowed_there_and_does_not_lock_the_account() {
    for app in engines_with(Limits {
        free_failures: 3,
        ..LIMITS
    })
    .await
    {
        let guesser = [10, 1, 0, 66];
        for i in 0..3 {
            let r = app.send(attempt(guesser, "larare@demo.test", "fel")).await;
            assert_eq!(
                r.status,
                StatusCode::UNAUTHORIZED,
                "[{}] attempt {i}",
                app.engine
            );
        }
        // The fourth failure makes the guesser wait before the fifth, even with the
        // right password.
        let r = app.send(attempt(guesser, "larare@demo.test", "fel")).await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let r = app
            .send(attempt(guesser, "larare@demo.test", "kollegium"))
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "[{}]", app.engine);
        assert_eq!(r.code(), "rate_limited");
        assert_eq!(retry_after(&r), 1);
        // The teacher at her school, another address, signs in at once.
        let r = app
            .send(attempt([10, 1, 0, 9], "larare@demo.test", "kollegium"))
            .await;
        assert_eq!(r.status, StatusCode::OK, "[{}] not locked out", app.engine);
        // Other accounts from the guessing address are unaffected.
        let r = app
            .send(attempt(guesser, "rektor@demo.test", "kollegium"))
            .await;
        assert_eq!(r.status, StatusCode::OK);
    }
}

#[tokio::test]
async fn guessing_from_many_addresses_slows_the_account_but_not_where_it_signs_in() {
    for app in engines_with(Limits {
        free_failures: 3,
        account_ceiling: 6,
        ..LIMITS
    })
    .await
    {
        let school = [10, 3, 0, 1];
        let r = app
            .send(attempt(school, "larare@demo.test", "kollegium"))
            .await;
        assert_eq!(r.status, StatusCode::OK);
        for i in 0..6 {
            let r = app
                .send(attempt([192, 0, 2, i], "larare@demo.test", "fel"))
                .await;
            assert_eq!(
                r.status,
                StatusCode::UNAUTHORIZED,
                "[{}] guess {i}",
                app.engine
            );
        }
        // Over the ceiling: one attempt per half minute among unfamiliar addresses.
        let r = app
            .send(attempt([192, 0, 2, 100], "larare@demo.test", "fel"))
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED);
        let r = app
            .send(attempt([198, 51, 100, 7], "larare@demo.test", "kollegium"))
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS, "[{}]", app.engine);
        assert!((1..=30).contains(&retry_after(&r)), "{}", retry_after(&r));
        // The school she signed in from is familiar: no wait there.
        let r = app
            .send(attempt(school, "larare@demo.test", "kollegium"))
            .await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "[{}] familiar address",
            app.engine
        );
        app.login("rektor@demo.test").await;
    }
}

#[tokio::test]
async fn two_servers_on_one_database_count_the_same_failures_and_attempts() {
    let limits = Limits {
        free_failures: 2,
        per_ip: 6,
        ..LIMITS
    };
    for first in engines_with(limits).await {
        let second = first.second_server(limits);
        let guesser = [10, 4, 0, 66];
        // Two failures through one server, a third through the other: the third is
        // past the free ones only if both count into one place.
        for app in [&first, &second] {
            let r = app.send(attempt(guesser, "larare@demo.test", "fel")).await;
            assert_eq!(r.status, StatusCode::UNAUTHORIZED, "[{}]", app.engine);
        }
        let r = first
            .send(attempt(guesser, "larare@demo.test", "fel"))
            .await;
        assert_eq!(r.status, StatusCode::UNAUTHORIZED, "[{}]", first.engine);
        let r = second
            .send(attempt(guesser, "larare@demo.test", "kollegium"))
            .await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "[{}] the second server knows the first one's failures",
            first.engine
        );
        // Attempts per address too: four so far, two more are allowed over both.
        for app in [&first, &second] {
            let r = app
                .send(attempt(guesser, "rektor@demo.test", "kollegium"))
                .await;
            assert_eq!(r.status, StatusCode::OK, "[{}]", app.engine);
        }
        let r = first
            .send(attempt(guesser, "rektor@demo.test", "kollegium"))
            .await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "[{}] the address's seventh attempt over two servers",
            first.engine
        );
        // Rows that no longer matter are swept; those that do are kept.
        first.store.sweep_sign_in_state().await.expect("sweeps");
        let r = second
            .send(attempt(guesser, "rektor@demo.test", "kollegium"))
            .await;
        assert_eq!(
            r.status,
            StatusCode::TOO_MANY_REQUESTS,
            "[{}] the address's window is kept by the sweep",
            first.engine
        );
    }
}

#[tokio::test]
async fn many_attempts_from_one_address_are_rate_limited() {
    for app in engines_with(Limits {
        per_ip: 4,
        ..LIMITS
    })
    .await
    {
        for _ in 0..4 {
            let r = app
                .send(
                    Call::post("/api/v1/auth/login")
                        .client_ip([10, 2, 0, 1])
                        .json(&login_body("larare@demo.test", "kollegium")),
                )
                .await;
            assert_eq!(r.status, StatusCode::OK, "[{}]", app.engine);
        }
        let r = app
            .send(
                Call::post("/api/v1/auth/login")
                    .client_ip([10, 2, 0, 1])
                    .json(&login_body("larare@demo.test", "kollegium")),
            )
            .await;
        assert_eq!(r.status, StatusCode::TOO_MANY_REQUESTS);
        assert!(r.headers.contains_key("retry-after"));
        let other = app
            .send(
                Call::post("/api/v1/auth/login")
                    .client_ip([10, 2, 0, 2])
                    .json(&login_body("larare@demo.test", "kollegium")),
            )
            .await;
        assert_eq!(
            other.status,
            StatusCode::OK,
            "another address is not limited"
        );
    }
}

#[tokio::test]
async fn an_address_in_two_municipalities_asks_which_one() {
    for app in engines().await {
        let hash = kollegium_server::security::password::hash("gemensamt-losen").expect("hash");
        app.store
            .create_admin("demo", None, "delad@skola.test", "Delad Person", &hash)
            .await
            .expect("demo");
        app.store
            .create_admin("ovning", None, "delad@skola.test", "Delad Person", &hash)
            .await
            .expect("ovning");

        let ambiguous = app
            .send(
                Call::post("/api/v1/auth/login")
                    .json(&login_body("delad@skola.test", "gemensamt-losen")),
            )
            .await;
        assert_eq!(
            ambiguous.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "[{}]",
            app.engine
        );
        assert_eq!(ambiguous.field(), Some("municipality"));

        let chosen = app
            .send(Call::post("/api/v1/auth/login").json(&json!({"email": "delad@skola.test", "password": "gemensamt-losen", "municipality": "ovning"})))
            .await;
        assert_eq!(chosen.status, StatusCode::OK);
        assert_eq!(chosen.body["me"]["municipality"]["slug"], "ovning");
    }
}

#[tokio::test]
async fn deactivation_ends_every_session_for_good() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let before = app.login("larare@demo.test").await;
        assert_status!(
            app,
            app.send(Call::get("/api/v1/me").token(&before)).await,
            StatusCode::OK
        );
        let (id, version) = app.staff_row(&admin, "larare@demo.test").await;
        let path = format!("/api/v1/staff/{id}");
        let off = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"active": false, "version": version})),
            )
            .await;
        assert_status!(app, off, StatusCode::OK);
        assert_status!(
            app,
            app.send(Call::get("/api/v1/me").token(&before)).await,
            StatusCode::UNAUTHORIZED
        );
        // Back again: the old token stays dead; a new sign-in works.
        let on = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"active": true, "version": version + 1})),
            )
            .await;
        assert_status!(app, on, StatusCode::OK);
        assert_status!(
            app,
            app.send(Call::get("/api/v1/me").token(&before)).await,
            StatusCode::UNAUTHORIZED
        );
        let after = app.login("larare@demo.test").await;
        assert_status!(
            app,
            app.send(Call::get("/api/v1/me").token(&after)).await,
            StatusCode::OK
        );
        // Changing anything else ends no session.
        let renamed = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"title": "Förstelärare", "version": version + 2})),
            )
            .await;
        assert_status!(app, renamed, StatusCode::OK);
        assert_status!(
            app,
            app.send(Call::get("/api/v1/me").token(&after)).await,
            StatusCode::OK
        );
    }
}
