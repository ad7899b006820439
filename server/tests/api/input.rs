//! What people send, by the one rule of `shared::text`: control characters, direction
//! overrides and invisible names are refused with 422 naming the field, in bodies,
//! query strings, paths and CSV files alike, and both engines answer the same (a NUL
//! was a 500 on PostgreSQL). And every other refusal in the error body.

use crate::helpers::{Call, engines};
use axum::http::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn a_nul_anywhere_is_refused_naming_the_field_on_both_engines() {
    for app in engines().await {
        let login = app
            .send(
                Call::post("/api/v1/auth/login")
                    .json(&json!({"email": "a\u{0}@x.se", "password": "x"})),
            )
            .await;
        assert_status!(app, login, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(login.field(), Some("email"));
        assert!(
            login.message().contains("otillåtna tecken"),
            "{}",
            login.message()
        );

        let ict = app.login("ikt@demo.test").await;
        // In a field, deep in a body, and in a key.
        for (body, field) in [
            (json!({"title": "a\u{0}", "items": []}), "title"),
            (
                json!({"title": "Läsning", "items": [], "note": ["ok", "b\u{7}"]}),
                "note[1]",
            ),
            (json!({"title": "Läsning", "items": [], "x\u{0}": 1}), "key"),
        ] {
            let reply = app
                .send(
                    Call::post("/api/v1/library/collections")
                        .token(&ict)
                        .json(&body),
                )
                .await;
            assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(reply.field(), Some(field), "{body}");
        }

        let admin = app.login("admin@demo.test").await;
        let search = app
            .send(Call::get("/api/v1/staff?q=a%00b").token(&admin))
            .await;
        assert_status!(app, search, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(search.field(), Some("q"));
        let search = app
            .send(Call::get("/api/v1/staff?q=rad%0Atv%C3%A5").token(&admin))
            .await;
        assert_status!(app, search, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(search.message().contains("en rad"), "{}", search.message());

        let path = app
            .send(Call::get("/api/v1/schools/1%00").token(&admin))
            .await;
        assert_status!(app, path, StatusCode::BAD_REQUEST);
        assert_eq!(path.field(), Some("id"));

        for (endpoint, file) in [
            (
                "/api/v1/staff/import",
                "namn;e-post\nEva Ek;nyimport@demo.test\nBo\u{0} Ek;bo@demo.test\n",
            ),
            (
                "/api/v1/library/import",
                "titel;länk\nLäsning;https://example.se/a\nSkriv\u{0};https://example.se/b\n",
            ),
        ] {
            let token = if endpoint.contains("staff") {
                &admin
            } else {
                &ict
            };
            let preview = app
                .send(
                    Call::post(&format!("{endpoint}/preview"))
                        .token(token)
                        .raw("text/csv", file),
                )
                .await;
            assert_status!(app, preview, StatusCode::OK);
            assert_eq!(
                preview.body["errors"][0]["line"], 3,
                "{endpoint}: {:?}",
                preview.body
            );
            assert!(
                preview.body["errors"][0]["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("otillåtna tecken")),
                "{:?}",
                preview.body
            );
            let import = app
                .send(Call::post(endpoint).token(token).raw("text/csv", file))
                .await;
            assert_status!(app, import, StatusCode::UNPROCESSABLE_ENTITY);
        }
        // Nothing of either file was stored.
        let eva = app
            .send(Call::get("/api/v1/staff?q=nyimport%40demo.test").token(&admin))
            .await;
        assert_eq!(eva.body["total"], 0, "[{}]", app.engine);
    }
}

#[tokio::test]
async fn a_name_must_be_one_visible_line_without_direction_overrides() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let school = app.school_id(&admin, "Tallåsskolan").await;
        let person = |name: &str| {
            json!({
                "name": name, "email": "ny@demo.test", "title": "",
                "school_ids": [school], "subjects": [], "stages": [], "roles": ["larare"],
                "expertise": []
            })
        };
        for (name, message) in [
            ("\u{202E}nosrep", "otillåtna tecken"),
            ("\u{200B}\u{200D}\u{2060}", "synliga tecken"),
            ("Ring\u{7}", "otillåtna tecken"),
            ("Åsa\nÖberg", "en rad"),
        ] {
            let reply = app
                .send(
                    Call::post("/api/v1/staff")
                        .token(&admin)
                        .json(&person(name)),
                )
                .await;
            assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(reply.field(), Some("name"), "{name:?}");
            assert!(
                reply.message().contains(message),
                "{name:?}: {}",
                reply.message()
            );
        }
        let reply = app
            .send(
                Call::post("/api/v1/staff")
                    .token(&admin)
                    .json(&person("Nguyễn Thị Hà")),
            )
            .await;
        assert_status!(app, reply, StatusCode::CREATED);
    }
}

#[tokio::test]
async fn every_refusal_is_in_the_error_body_in_the_language_asked_for() {
    for app in engines().await {
        let teacher = app.login("larare@demo.test").await;
        let error = |v: &Value| v["error"]["code"].is_string() && v["error"]["message"].is_string();

        // A path that exists, a method that does not: 405 with Allow and the body.
        let reply = app
            .send(Call::new(axum::http::Method::DELETE, "/api/v1/me").token(&teacher))
            .await;
        assert_status!(app, reply, StatusCode::METHOD_NOT_ALLOWED);
        assert_eq!(reply.code(), "method_not_allowed");
        assert!(reply.headers.contains_key("allow"), "{:?}", reply.headers);

        // No sign-in: 401 names the scheme.
        let reply = app.send(Call::get("/api/v1/me")).await;
        assert_status!(app, reply, StatusCode::UNAUTHORIZED);
        assert_eq!(
            reply
                .headers
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok()),
            Some("Bearer")
        );
        let reply = app
            .send(Call::get("/api/v1/me").token("forged.token.here"))
            .await;
        assert_eq!(
            reply
                .headers
                .get("www-authenticate")
                .and_then(|v| v.to_str().ok()),
            Some("Bearer")
        );

        // An id that is not one, a query value of the wrong type, a body of the wrong
        // shape: each names what it is about.
        let reply = app
            .send(Call::get("/api/v1/meetings/abc").token(&teacher))
            .await;
        assert_status!(app, reply, StatusCode::BAD_REQUEST);
        assert_eq!(reply.field(), Some("id"));
        let reply = app
            .send(Call::get("/api/v1/meetings?year=n%C3%A4sta").token(&teacher))
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("year"));
        let reply = app
            .send(Call::post("/api/v1/auth/login").json(&json!("a@b.se")))
            .await;
        assert_status!(app, reply, StatusCode::BAD_REQUEST);
        assert_eq!(reply.field(), Some("body"));

        // In English when asked.
        let reply = app
            .send(
                Call::get("/api/v1/meetings/abc")
                    .token(&teacher)
                    .header("accept-language", "en"),
            )
            .await;
        assert!(error(&reply.body), "{:?}", reply.body);
        assert!(reply.message().starts_with("The"), "{}", reply.message());
    }
}

#[tokio::test]
async fn a_body_declared_over_the_limit_is_refused_before_it_is_read() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        // The declared length alone decides: the body that would follow is never read.
        let call = |path: &str, content_type: &str| {
            Call::post(path)
                .token(&admin)
                .raw(content_type, "{}")
                .header("content-length", "1000000000")
        };
        let reply = app.send(call("/api/v1/schools", "application/json")).await;
        assert_status!(app, reply, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(reply.code(), "payload_too_large");
        let reply = app
            .send(call("/api/v1/staff/import/preview", "text/csv"))
            .await;
        assert_status!(app, reply, StatusCode::PAYLOAD_TOO_LARGE);
    }
}

#[tokio::test]
async fn excel_unicode_text_imports_and_a_mixed_file_is_refused_by_line() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let text =
            "namn\te-post\nŁukasz Wiśniewski\tlukasz@demo.test\nAyşe Yılmaz\tayse@demo.test\n";
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        let preview = app
            .send(
                Call::post("/api/v1/staff/import/preview")
                    .token(&admin)
                    .raw("text/csv", utf16.clone()),
            )
            .await;
        assert_status!(app, preview, StatusCode::OK);
        assert_eq!(preview.body["encoding"], "UTF-16LE");
        assert_eq!(preview.body["created"], 2, "{:?}", preview.body);
        let import = app
            .send(
                Call::post("/api/v1/staff/import")
                    .token(&admin)
                    .raw("text/csv", utf16),
            )
            .await;
        assert_status!(app, import, StatusCode::OK);
        let found = app
            .send(Call::get("/api/v1/staff?q=lukasz%40demo.test").token(&admin))
            .await;
        assert_eq!(
            found.body["items"][0]["name"], "Łukasz Wiśniewski",
            "[{}]",
            app.engine
        );

        let mut mixed = "namn;e-post\nÅsa Ek;asa.ek@demo.test\n".as_bytes().to_vec();
        mixed.extend_from_slice(b"\xD6rjan Ek;orjan.ek@demo.test\n");
        let preview = app
            .send(
                Call::post("/api/v1/staff/import/preview")
                    .token(&admin)
                    .raw("text/csv", mixed),
            )
            .await;
        assert_status!(app, preview, StatusCode::OK);
        assert_eq!(preview.body["errors"][0]["line"], 3);
        assert!(
            preview.body["errors"][0]["message"]
                .as_str()
                .is_some_and(|m| m.contains("blandar teckenkodningar")),
            "{:?}",
            preview.body
        );
    }
}
