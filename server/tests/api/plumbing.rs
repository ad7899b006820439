//! The API's shape: error bodies for unreadable requests, roles, municipalities,
//! versioned changes, health, the OpenAPI document and the served site.

use crate::helpers::{Call, engines};
use axum::http::StatusCode;
use serde_json::json;

#[tokio::test]
async fn health_answers_while_the_database_does() {
    for app in engines().await {
        let reply = app.send(Call::get("/api/v1/health")).await;
        assert_eq!(reply.status, StatusCode::OK, "[{}]", app.engine);
        assert_eq!(reply.body, json!({"status": "ok"}));
        app.store.close().await;
        let down = app.send(Call::get("/api/v1/health")).await;
        assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(down.code(), "unavailable");
    }
}

#[tokio::test]
async fn unreadable_requests_get_the_error_shape() {
    for app in engines().await {
        let login = || Call::post("/api/v1/auth/login");
        let cases = [
            (
                "malformed",
                app.send(login().raw("application/json", "{\"email\": "))
                    .await,
                StatusCode::BAD_REQUEST,
            ),
            (
                "wrong type",
                app.send(login().json(&json!({"email": 5, "password": "x"})))
                    .await,
                StatusCode::BAD_REQUEST,
            ),
            (
                "missing field",
                app.send(login().json(&json!({"email": "a@b.se"}))).await,
                StatusCode::BAD_REQUEST,
            ),
            (
                "not json",
                app.send(login().raw("text/plain", "email=a")).await,
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            (
                "too large",
                app.send(login().raw(
                    "application/json",
                    format!("{{\"email\":\"{}\"}}", "a".repeat(100_000)),
                ))
                .await,
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
        ];
        for (what, reply, status) in cases {
            assert_eq!(
                reply.status, status,
                "[{}] {what}: {:?}",
                app.engine, reply.body
            );
            assert!(
                reply.body["error"]["code"].is_string(),
                "{what}: {:?}",
                String::from_utf8_lossy(&reply.bytes)
            );
            assert!(!reply.message().is_empty(), "{what}");
            assert!(
                reply.body["error"].get("field").is_some(),
                "{what}: field is present (null)"
            );
        }
    }
}

#[tokio::test]
async fn unknown_api_paths_are_json_404s() {
    for app in engines().await {
        let reply = app.send(Call::get("/api/v1/finns-inte")).await;
        assert_eq!(reply.status, StatusCode::NOT_FOUND, "[{}]", app.engine);
        assert_eq!(reply.code(), "not_found");
    }
}

#[tokio::test]
async fn everyone_sees_their_own_municipalitys_schools_only() {
    for app in engines().await {
        let demo = app.login("larare@demo.test").await;
        let schools = app.send(Call::get("/api/v1/schools").token(&demo)).await;
        let names: Vec<&str> = schools
            .body
            .as_array()
            .expect("list")
            .iter()
            .map(|s| s["name"].as_str().expect("name"))
            .collect();
        assert_eq!(names.len(), 8, "[{}]", app.engine);
        assert_eq!(
            names.last(),
            Some(&"Ängsskolan"),
            "Swedish order puts Ä last"
        );
        assert!(!names.contains(&"Övningsskolan"));

        let ovning = app.login("admin@ovning.test").await;
        let theirs = app.send(Call::get("/api/v1/schools").token(&ovning)).await;
        assert_eq!(theirs.body.as_array().expect("list").len(), 1);
    }
}

#[tokio::test]
async fn another_municipalitys_school_is_not_found() {
    for app in engines().await {
        let demo_admin = app.login("admin@demo.test").await;
        let id = app.school_id(&demo_admin, "Ekbackeskolan").await;
        let ovning_admin = app.login("admin@ovning.test").await;

        let get = app
            .send(Call::get(&format!("/api/v1/schools/{id}")).token(&ovning_admin))
            .await;
        assert_eq!(get.status, StatusCode::NOT_FOUND, "[{}]", app.engine);
        assert_eq!(get.code(), "not_found");
        let patch = app
            .send(
                Call::patch(&format!("/api/v1/schools/{id}"))
                    .token(&ovning_admin)
                    .json(&json!({"name": "Kapad", "version": 1})),
            )
            .await;
        assert_eq!(patch.status, StatusCode::NOT_FOUND);

        let unchanged = app
            .send(Call::get(&format!("/api/v1/schools/{id}")).token(&demo_admin))
            .await;
        assert_eq!(unchanged.body["name"], "Ekbackeskolan");
    }
}

#[tokio::test]
async fn only_an_administrator_changes_a_school() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let id = app.school_id(&admin, "Solrosskolan").await;
        for login in [
            "larare@demo.test",
            "rektor@demo.test",
            "styrgrupp@demo.test",
            "ikt@demo.test",
        ] {
            let token = app.login(login).await;
            let reply = app
                .send(
                    Call::patch(&format!("/api/v1/schools/{id}"))
                        .token(&token)
                        .json(&json!({"name": "Nytt namn", "version": 1})),
                )
                .await;
            assert_eq!(
                reply.status,
                StatusCode::FORBIDDEN,
                "[{}] {login}",
                app.engine
            );
            assert_eq!(reply.code(), "forbidden");
        }
        let school = app
            .send(Call::get(&format!("/api/v1/schools/{id}")).token(&admin))
            .await;
        assert_eq!(school.body["name"], "Solrosskolan");
    }
}

#[tokio::test]
async fn a_stale_change_to_a_school_is_refused_and_loses_nothing() {
    for app in engines().await {
        let admin = app.login("admin@demo.test").await;
        let id = app.school_id(&admin, "Tallåsskolan").await;
        let path = format!("/api/v1/schools/{id}");

        let first = app
            .send(Call::patch(&path).token(&admin).json(
                &json!({"name": "Tallåsskolan 7–9", "stages": ["ak7_9", "ak4_6"], "version": 1}),
            ))
            .await;
        assert_status!(app, first, StatusCode::OK);
        assert_eq!(first.body["version"], 2);
        assert_eq!(first.body["stages"], json!(["ak4_6", "ak7_9"]));

        let stale = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"name": "Någon annans namn", "version": 1})),
            )
            .await;
        assert_eq!(stale.status, StatusCode::CONFLICT);
        assert_eq!(stale.code(), "conflict");

        let blank = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"name": "  ", "version": 2})),
            )
            .await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(blank.field(), Some("name"));
        assert_eq!(blank.message(), "Fältet måste fyllas i.");

        let taken = app
            .send(
                Call::patch(&path)
                    .token(&admin)
                    .json(&json!({"name": "Kvarnbyskolan", "stages": [], "version": 2})),
            )
            .await;
        assert_eq!(taken.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(taken.field(), Some("name"));

        let now = app.send(Call::get(&path).token(&admin)).await;
        assert_eq!(
            now.body["name"], "Tallåsskolan 7–9",
            "nothing of the refused changes was stored"
        );
        assert_eq!(now.body["stages"], json!(["ak4_6", "ak7_9"]));
        assert_eq!(now.body["version"], 2);
    }
}

#[tokio::test]
async fn the_openapi_document_describes_every_route_that_exists() {
    for app in engines().await {
        let reply = app.send(Call::get("/api/v1/openapi.json")).await;
        assert_eq!(reply.status, StatusCode::OK, "[{}]", app.engine);
        let spec = &reply.body;
        assert_eq!(
            spec["components"]["securitySchemes"]["bearer"]["scheme"],
            "bearer"
        );
        let paths = spec["paths"].as_object().expect("paths");
        for expected in [
            "/api/v1/health",
            "/api/v1/auth/login",
            "/api/v1/auth/password",
            "/api/v1/me",
            "/api/v1/schools",
            "/api/v1/schools/{id}",
        ] {
            assert!(paths.contains_key(expected), "{expected} is documented");
        }
        // Every documented operation is routed: unauthenticated calls get 200/401/4xx from
        // the handler, never the JSON 404 of an unknown path.
        for (path, item) in paths {
            // A calendar feed's path is its secret token: any other answers 404 by design
            // (tests/wheel.rs fetches them with real tokens).
            if path.contains("{file}") {
                continue;
            }
            for method in item.as_object().expect("item").keys() {
                // So is a file read without its signed key (tests/library.rs reads them
                // with real ones).
                if path == "/api/v1/library/files/{id}" && method == "get" {
                    continue;
                }
                // A showcase's path is its key: the demo project's, which is on.
                let concrete = path
                    .replace("{id}", "1")
                    .replace("{key}", "hallbar-framtid-demo");
                let call = Call::new(method.to_uppercase().parse().expect("method"), &concrete)
                    .raw("application/json", "{}");
                let r = app.send(call).await;
                assert!(
                    r.status != StatusCode::NOT_FOUND && r.status != StatusCode::METHOD_NOT_ALLOWED,
                    "{method} {path} is documented but answers {}",
                    r.status
                );
            }
        }
    }
}

/// Every schema a document refers to (`#/components/schemas/X`).
fn references(value: &serde_json::Value, found: &mut Vec<String>) {
    match value {
        serde_json::Value::Object(map) => {
            if let Some(r) = map.get("$ref").and_then(|r| r.as_str()) {
                found.push(r.to_owned());
            }
            map.values().for_each(|v| references(v, found));
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| references(v, found)),
        _ => {}
    }
}

#[tokio::test]
async fn every_parameter_is_where_the_router_reads_it_and_every_schema_is_there() {
    let app = engines().await.into_iter().next().expect("an engine");
    let spec = app.send(Call::get("/api/v1/openapi.json")).await.body;
    let mut operations = 0;
    for (path, item) in spec["paths"].as_object().expect("paths") {
        // The router's parameters of this path: its `{name}` segments.
        let in_path: Vec<&str> = path
            .split('/')
            .filter_map(|s| s.strip_prefix('{').and_then(|s| s.strip_suffix('}')))
            .collect();
        for (method, operation) in item.as_object().expect("item") {
            operations += 1;
            let params = operation["parameters"]
                .as_array()
                .cloned()
                .unwrap_or_default();
            let declared: Vec<(&str, &str)> = params
                .iter()
                .map(|p| {
                    (
                        p["name"].as_str().expect("name"),
                        p["in"].as_str().expect("in"),
                    )
                })
                .collect();
            for (name, location) in &declared {
                match *location {
                    "path" => assert!(
                        in_path.contains(name),
                        "{method} {path}: {name} is no path segment"
                    ),
                    "query" => assert!(
                        !in_path.contains(name),
                        "{method} {path}: {name} is in the path"
                    ),
                    other => panic!("{method} {path}: {name} in {other}"),
                }
            }
            for name in &in_path {
                assert!(
                    declared.contains(&(name, "path")),
                    "{method} {path}: the segment {name} is not declared"
                );
            }
        }
    }
    assert!(operations > 80, "{operations} operations");
    // Generated clients name their functions by operation id: each is unique.
    let mut ids: Vec<&str> = spec["paths"]
        .as_object()
        .expect("paths")
        .values()
        .flat_map(|item| item.as_object().expect("item").values())
        .map(|op| op["operationId"].as_str().expect("an operation id"))
        .collect();
    ids.sort_unstable();
    let before = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), before, "operation ids are unique");
    let mut refs = Vec::new();
    references(&spec, &mut refs);
    let schemas = spec["components"]["schemas"].as_object().expect("schemas");
    for r in refs {
        let name = r
            .strip_prefix("#/components/schemas/")
            .expect("a schema reference");
        assert!(schemas.contains_key(name), "{r} is referred to but missing");
    }
}

#[tokio::test]
async fn the_site_is_served_with_fallback_types_and_cache_lifetimes() {
    for app in engines().await {
        let deep = app.send(Call::get("/profil")).await;
        assert_eq!(
            deep.status,
            StatusCode::OK,
            "[{}] deep links get index.html",
            app.engine
        );
        assert!(String::from_utf8_lossy(&deep.bytes).contains("<title>Kollegium</title>"));
        assert_eq!(deep.headers["cache-control"], "no-cache");

        let wasm = app
            .send(Call::get("/kollegium-app-0123456789abcdef.wasm"))
            .await;
        assert_eq!(wasm.status, StatusCode::OK);
        assert_eq!(wasm.headers["content-type"], "application/wasm");
        assert_eq!(
            wasm.headers["cache-control"],
            "public, max-age=31536000, immutable"
        );

        let css = app
            .send(Call::get("/style-0123456789abcdef.css").header("accept-encoding", "gzip"))
            .await;
        assert_eq!(
            css.headers["content-encoding"], "gzip",
            "the precompressed file is served"
        );
        assert!(
            css.headers["content-type"]
                .to_str()
                .expect("ascii")
                .starts_with("text/css")
        );

        let api = app.send(Call::get("/api/v1/health")).await;
        assert_eq!(api.headers["cache-control"], "no-store");
        assert!(api.headers.contains_key("x-request-id"));
        assert!(
            api.headers["content-security-policy"]
                .to_str()
                .expect("ascii")
                .contains("frame-ancestors 'none'")
        );
    }
}
