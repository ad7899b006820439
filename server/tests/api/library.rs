//! The research-material library: who may add, change and review what, search in
//! Swedish with the same results on every engine, files (limits, types, names, signed
//! links), collections, import and export.

use crate::helpers::{Call, LIMITS, S3Server, TestApp, UPLOAD_LIMIT, engines};
use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

fn good_example(title: &str) -> Value {
    json!({
        "kind": "gott_exempel", "title": title,
        "summary": "Vi provade **exit tickets** i tre veckor. <script>alert(1)</script>",
        "tags": {"subjects": ["matematik"], "stages": ["ak1_3"], "keywords": ["formativ bedömning"]}
    })
}

async fn create(app: &TestApp, token: &str, body: &Value) -> Value {
    let reply = app
        .send(Call::post("/api/v1/library/items").token(token).json(body))
        .await;
    assert_status!(app, reply, StatusCode::CREATED);
    reply.body
}

async fn search(app: &TestApp, token: &str, query: &str) -> Value {
    let reply = app
        .send(Call::get(&format!("/api/v1/library/items?{query}")).token(token))
        .await;
    assert_status!(app, reply, StatusCode::OK);
    reply.body
}

fn titles(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| {
            i["title"]
                .as_array()
                .expect("segments")
                .iter()
                .map(|s| s["text"].as_str().unwrap_or(""))
                .collect()
        })
        .collect()
}

#[tokio::test]
async fn a_teachers_good_example_goes_through_review() {
    for app in engines().await {
        let teacher = app.login("larare@demo.test").await;
        let ict = app.login("ikt@demo.test").await;
        let other_teacher_admin = app.login("admin@ovning.test").await;

        // A teacher may submit good examples only.
        let film =
            json!({"kind": "film", "title": "En film", "url": "https://youtu.be/dQw4w9WgXcQ"});
        let reply = app
            .send(
                Call::post("/api/v1/library/items")
                    .token(&teacher)
                    .json(&film),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("kind"));
        assert!(
            reply.message().contains("goda exempel"),
            "{}",
            reply.message()
        );

        let item = create(&app, &teacher, &good_example("Exit tickets i åk 2")).await;
        let id = item["id"].as_i64().expect("id");
        assert_eq!(item["status"], "submitted");
        assert!(item["editable"].as_bool().expect("editable"));
        // The summary is rendered, the script shown as text.
        let html = item["summary_html"].as_str().expect("html");
        assert!(html.contains("<strong>exit tickets</strong>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;") && !html.contains("<script"),
            "{html}"
        );

        // Nobody else sees it yet; the library does not list it; the strategist's queue does.
        let styrgrupp = app.login("styrgrupp@demo.test").await;
        let reply = app
            .send(Call::get(&format!("/api/v1/library/items/{id}")).token(&styrgrupp))
            .await;
        assert_status!(app, reply, StatusCode::NOT_FOUND);
        assert!(
            !titles(&search(&app, &teacher, "q=exit+tickets+%C3%A5k").await)
                .contains(&"Exit tickets i åk 2".to_owned())
        );
        let queue = search(&app, &ict, "status=submitted").await;
        assert!(
            titles(&queue).contains(&"Exit tickets i åk 2".to_owned()),
            "{queue}"
        );
        let mine = search(&app, &teacher, "mine=true").await;
        assert!(titles(&mine).contains(&"Exit tickets i åk 2".to_owned()));

        // Only curators review; another municipality does not see the item at all.
        let review = |decision: &str, comment: &str, version: i64| json!({"decision": decision, "comment": comment, "version": version});
        let path = format!("/api/v1/library/items/{id}/review");
        let reply = app
            .send(
                Call::post(&path)
                    .token(&teacher)
                    .json(&review("approve", "", 1)),
            )
            .await;
        assert_status!(app, reply, StatusCode::FORBIDDEN);
        let reply = app
            .send(
                Call::post(&path)
                    .token(&other_teacher_admin)
                    .json(&review("approve", "", 1)),
            )
            .await;
        assert_status!(app, reply, StatusCode::NOT_FOUND);
        let reply = app
            .send(Call::get(&format!("/api/v1/library/items/{id}")).token(&other_teacher_admin))
            .await;
        assert_status!(app, reply, StatusCode::NOT_FOUND);

        // Returning needs a comment.
        let reply = app
            .send(
                Call::post(&path)
                    .token(&ict)
                    .json(&review("return", " ", 1)),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("comment"));
        let reply = app
            .send(Call::post(&path).token(&ict).json(&review(
                "return",
                "Lägg till vilken årskurs.",
                1,
            )))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.body["status"], "returned");
        assert_eq!(reply.body["review_comment"], "Lägg till vilken årskurs.");

        // The author edits: back to review. A change from the old version is refused.
        let mut changed = good_example("Exit tickets i åk 2 och 3");
        changed["version"] = json!(1);
        let reply = app
            .send(
                Call::put(&format!("/api/v1/library/items/{id}"))
                    .token(&teacher)
                    .json(&changed),
            )
            .await;
        assert_status!(app, reply, StatusCode::CONFLICT);
        changed["version"] = json!(2);
        let reply = app
            .send(
                Call::put(&format!("/api/v1/library/items/{id}"))
                    .token(&teacher)
                    .json(&changed),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.body["status"], "submitted");
        assert_eq!(reply.body["version"], 3);

        // A decision on an old version is refused; on the current one it publishes.
        let reply = app
            .send(
                Call::post(&path)
                    .token(&ict)
                    .json(&review("approve", "", 2)),
            )
            .await;
        assert_status!(app, reply, StatusCode::CONFLICT);
        let reply = app
            .send(
                Call::post(&path)
                    .token(&ict)
                    .json(&review("approve", "", 3)),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.body["status"], "published");
        assert!(reply.body["published_at"].is_string());
        // Published: everyone reads it; the author no longer edits it; nothing to review.
        let reply = app
            .send(Call::get(&format!("/api/v1/library/items/{id}")).token(&styrgrupp))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let reply = app
            .send(Call::get(&format!("/api/v1/library/items/{id}")).token(&teacher))
            .await;
        assert_eq!(reply.body["editable"], false);
        changed["version"] = json!(4);
        let reply = app
            .send(
                Call::put(&format!("/api/v1/library/items/{id}"))
                    .token(&teacher)
                    .json(&changed),
            )
            .await;
        assert_status!(app, reply, StatusCode::FORBIDDEN);
        let reply = app
            .send(
                Call::post(&path)
                    .token(&ict)
                    .json(&review("reject", "Nej.", 4)),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("decision"));
    }
}

#[tokio::test]
async fn publishers_publish_at_once_and_curators_feature_and_archive() {
    for app in engines().await {
        let researcher = app.login("forskare@demo.test").await;
        let ict = app.login("ikt@demo.test").await;
        let teacher = app.login("larare@demo.test").await;
        let film = json!({
            "kind": "film", "title": "Film om muntlig återkoppling", "url": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            "year": 2026, "tags": {"stages": ["ak4_6"], "areas": ["bedomning_och_betyg"], "goals": [4], "themes": ["Bedömning och betyg"]}
        });
        let item = create(&app, &researcher, &film).await;
        let id = item["id"].as_i64().expect("id");
        assert_eq!(item["status"], "published");
        assert_eq!(
            item["embed"]["src"],
            "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
        );

        // Featuring and archiving are for curators.
        let path = format!("/api/v1/library/items/{id}/state");
        let reply = app
            .send(
                Call::post(&path)
                    .token(&researcher)
                    .json(&json!({"featured": true, "version": 1})),
            )
            .await;
        assert_status!(app, reply, StatusCode::FORBIDDEN);
        // Another municipality's administrator (a curator there) does not find it.
        let foreign = app.login("admin@ovning.test").await;
        let reply = app
            .send(
                Call::post(&path)
                    .token(&foreign)
                    .json(&json!({"featured": true, "version": 1})),
            )
            .await;
        assert_status!(app, reply, StatusCode::NOT_FOUND);
        let reply = app
            .send(
                Call::put(&format!("/api/v1/library/items/{id}"))
                    .token(&foreign)
                    .json(&film),
            )
            .await;
        assert_status!(app, reply, StatusCode::NOT_FOUND);
        let reply = app
            .send(
                Call::post(&path)
                    .token(&ict)
                    .json(&json!({"featured": true, "version": 1})),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let front = app
            .send(Call::get("/api/v1/library/front").token(&teacher))
            .await;
        assert_status!(app, front, StatusCode::OK);
        assert!(
            titles(&json!({"items": front.body["featured"]}))
                .contains(&"Film om muntlig återkoppling".to_owned())
        );
        assert!(
            front.body["waiting_for_review"].is_null(),
            "a teacher is not told the queue"
        );
        let reply = app
            .send(
                Call::post(&path)
                    .token(&ict)
                    .json(&json!({"archived": true, "version": 2})),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.body["status"], "archived");
        assert_eq!(reply.body["featured"], false);
        // Archived: gone from the library and its front page, still readable by curators.
        let reply = app
            .send(Call::get(&format!("/api/v1/library/items/{id}")).token(&teacher))
            .await;
        assert_status!(app, reply, StatusCode::NOT_FOUND);
        let reply = app
            .send(Call::get(&format!("/api/v1/library/items/{id}")).token(&ict))
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let front = app
            .send(Call::get("/api/v1/library/front").token(&ict))
            .await;
        assert!(front.body["waiting_for_review"].as_u64().expect("count") >= 1);
    }
}

#[tokio::test]
async fn bad_input_names_its_field_and_stores_nothing() {
    for app in engines().await {
        let ict = app.login("ikt@demo.test").await;
        let before = search(&app, &ict, "per_page=1").await["total"]
            .as_u64()
            .expect("total");
        for (body, field) in [
            (json!({"kind": "artikel", "title": " "}), "title"),
            (
                json!({"kind": "artikel", "title": "A", "url": "javascript:alert(1)"}),
                "url",
            ),
            (
                json!({"kind": "artikel", "title": "A", "year": 20250}),
                "year",
            ),
            (
                json!({"kind": "artikel", "title": "A", "language": "svenska"}),
                "language",
            ),
            (
                json!({"kind": "artikel", "title": "A", "tags": {"goals": [18]}}),
                "goals",
            ),
            (
                json!({"kind": "artikel", "title": "A", "tags": {"subjects": ["trolldom"]}}),
                "subjects",
            ),
        ] {
            let reply = app
                .send(Call::post("/api/v1/library/items").token(&ict).json(&body))
                .await;
            assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
            assert_eq!(reply.field(), Some(field), "[{}] {body}", app.engine);
            assert!(!reply.message().is_empty());
        }
        let reply = app
            .send(
                Call::post("/api/v1/library/items")
                    .token(&ict)
                    .json(&json!({"kind": "podd", "title": "A"})),
            )
            .await;
        assert_status!(app, reply, StatusCode::BAD_REQUEST);
        let after = search(&app, &ict, "per_page=1").await["total"]
            .as_u64()
            .expect("total");
        assert_eq!(before, after, "[{}] nothing stored", app.engine);
        // Without a sign-in, nothing at all.
        let reply = app.send(Call::get("/api/v1/library/items")).await;
        assert_status!(app, reply, StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn search_finds_swedish_word_forms_the_same_on_every_engine() {
    let mut results: Vec<Vec<Vec<String>>> = Vec::new();
    for app in engines().await {
        let ict = app.login("ikt@demo.test").await;
        let teacher = app.login("larare@demo.test").await;
        for (title, stages) in [
            ("Kamratbedömningar i slöjd", json!(["ak4_6"])),
            ("Kamratbedömningsstöd för de yngsta", json!(["ak1_3"])),
            ("Kamratbedömning: en forskningsöversikt", json!([])),
        ] {
            create(
                &app,
                &ict,
                &json!({"kind": "artikel", "title": title, "tags": {"stages": stages}}),
            )
            .await;
        }
        let mut seen = Vec::new();
        // Word forms and compounds; the word being typed; filters.
        let all = search(&app, &teacher, "q=kamratbed%C3%B6mning+").await;
        let found = titles(&all);
        assert_eq!(found.len(), 3, "[{}] {found:?}", app.engine);
        assert_eq!(
            found.last().map(String::as_str),
            Some("Kamratbedömningsstöd för de yngsta"),
            "the compound ranks last"
        );
        let marked: Vec<&str> = all["items"][0]["title"]
            .as_array()
            .expect("segments")
            .iter()
            .filter(|s| s["hit"] == true)
            .map(|s| s["text"].as_str().unwrap_or(""))
            .collect();
        assert!(
            !marked.is_empty() && marked[0].to_lowercase().starts_with("kamratbedömning"),
            "{marked:?}"
        );
        seen.push(found);
        seen.push(titles(&search(&app, &teacher, "q=kamratbed%C3%B6m").await));
        let young = titles(&search(&app, &teacher, "q=kamratbed%C3%B6mning&stage=ak1_3").await);
        assert_eq!(
            young,
            vec!["Kamratbedömningsstöd för de yngsta"],
            "[{}]",
            app.engine
        );
        seen.push(young);
        // A typo is corrected, and said so; å, ä and ö are letters of their own.
        let typo = search(&app, &teacher, "q=kamratbedomningar+").await;
        assert_eq!(titles(&typo).len(), 3, "[{}] {typo}", app.engine);
        assert!(
            typo["corrected"]
                .as_str()
                .is_some_and(|c| c.starts_with("kamratbedömning")),
            "{typo}"
        );
        seen.push(titles(&typo));
        // The demo library answers the same on both engines.
        for q in [
            "q=bed%C3%B6mning+",
            "q=digital+kompetens+",
            "q=l%C3%A4sf%C3%B6rst%C3%A5else+",
            "q=matematik&stage=ak1_3",
            "kind=film&per_page=50",
        ] {
            seen.push(titles(&search(&app, &teacher, q).await));
        }
        assert!(
            seen[seen.len() - 5].len() >= 10,
            "bedömning finds much of the demo library: {:?}",
            seen[seen.len() - 5]
        );
        results.push(seen);
    }
    for r in &results[1..] {
        assert_eq!(r, &results[0], "every engine answers alike");
    }
}

/// A PDF of `len` bytes (only its first bytes make it one).
fn pdf(len: usize) -> Vec<u8> {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.resize(len, b'x');
    bytes
}

/// The id of the first file item `id` lists, as `token`'s caller reads it.
async fn first_file(app: &TestApp, token: &str, id: i64) -> i64 {
    let item = app
        .send(Call::get(&format!("/api/v1/library/items/{id}")).token(token))
        .await;
    item.body["files"][0]["id"].as_i64().expect("file")
}

/// Removing file `file_id` as `token`'s caller.
fn remove_file(file_id: i64, token: &str) -> Call {
    Call::new(Method::DELETE, &format!("/api/v1/library/files/{file_id}")).token(token)
}

fn stored_files(app: &TestApp) -> Vec<String> {
    let mut out = Vec::new();
    for dir in std::fs::read_dir(app.files.path())
        .expect("files dir")
        .flatten()
    {
        for f in std::fs::read_dir(dir.path())
            .expect("municipality dir")
            .flatten()
        {
            out.push(f.file_name().to_string_lossy().into_owned());
        }
    }
    out
}

#[tokio::test]
async fn uploads_are_checked_by_content_and_size_and_stored_under_names_of_our_own() {
    for app in engines().await {
        let ict = app.login("ikt@demo.test").await;
        let teacher = app.login("larare@demo.test").await;
        let foreign = app.login("admin@ovning.test").await;
        let item = create(
            &app,
            &ict,
            &json!({"kind": "forskningssammanfattning", "title": "Med bilaga"}),
        )
        .await;
        let id = item["id"].as_i64().expect("id");
        let upload = |name: &str, token: &str, body: Vec<u8>| {
            Call::post(&format!("/api/v1/library/items/{id}/files?name={name}"))
                .token(token)
                .raw("application/octet-stream", body)
        };
        // Larger than the JSON limit: uploads stream and have a limit of their own.
        let content = pdf(200 * 1024);
        let reply = app
            .send(upload("..%2F..%2Fetc%2Fpasswd.pdf", &ict, content.clone()))
            .await;
        assert_status!(app, reply, StatusCode::CREATED);
        assert_eq!(reply.body["name"], "passwd.pdf");
        assert_eq!(reply.body["file_type"], "pdf");
        let url = reply.body["url"].as_str().expect("url").to_owned();
        let on_disk = stored_files(&app);
        assert_eq!(on_disk.len(), 1, "{on_disk:?}");
        assert!(
            on_disk[0].len() == 32 && on_disk[0].chars().all(|c| c.is_ascii_hexdigit()),
            "{on_disk:?}"
        );

        // Refused: a script named .pdf, an SVG, too large (by header or by content).
        for (name, body, status, field) in [
            (
                "bedomning.pdf",
                b"<script>alert(1)</script>".to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "file",
            ),
            (
                "bild.svg",
                b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".to_vec(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "file",
            ),
            (
                "stor.pdf",
                pdf(usize::try_from(UPLOAD_LIMIT).expect("limit") + 1),
                StatusCode::PAYLOAD_TOO_LARGE,
                "file",
            ),
            (
                "tom.pdf",
                Vec::new(),
                StatusCode::UNPROCESSABLE_ENTITY,
                "file",
            ),
        ] {
            let reply = app.send(upload(name, &ict, body)).await;
            assert_status!(app, reply, status);
            assert_eq!(reply.field(), Some(field), "{name}");
        }
        assert_eq!(
            stored_files(&app).len(),
            1,
            "refused uploads leave nothing behind"
        );
        // Not the teacher's item; not the other municipality's.
        let reply = app.send(upload("a.pdf", &teacher, pdf(100))).await;
        assert_status!(app, reply, StatusCode::FORBIDDEN);
        let reply = app.send(upload("a.pdf", &foreign, pdf(100))).await;
        assert_status!(app, reply, StatusCode::NOT_FOUND);

        // The signed link reads it (whole and in ranges) without a sign-in; a changed
        // link or another file's id does not.
        let reply = app.send(Call::get(&url)).await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.bytes, content);
        assert_eq!(reply.headers["content-type"], "application/pdf");
        assert!(
            reply.headers["content-disposition"]
                .to_str()
                .expect("ascii")
                .starts_with("inline; filename=\"passwd.pdf\"")
        );
        let reply = app.send(Call::get(&url).header("range", "bytes=0-4")).await;
        assert_status!(app, reply, StatusCode::PARTIAL_CONTENT);
        assert_eq!(reply.bytes, b"%PDF-");
        let tampered = format!("{}x", url);
        assert_status!(
            app,
            app.send(Call::get(&tampered)).await,
            StatusCode::NOT_FOUND
        );
        let other_id = url.replacen("/files/", "/files/9", 1);
        assert_status!(
            app,
            app.send(Call::get(&other_id)).await,
            StatusCode::NOT_FOUND
        );
        let unsigned = url.split('?').next().expect("path").to_owned();
        assert_status!(
            app,
            app.send(Call::get(&unsigned)).await,
            StatusCode::NOT_FOUND
        );

        // The item lists it; removing it removes it from disk.
        let file_id = first_file(&app, &teacher, id).await;
        let reply = app.send(remove_file(file_id, &teacher)).await;
        assert_status!(app, reply, StatusCode::FORBIDDEN);
        let reply = app.send(remove_file(file_id, &ict)).await;
        assert_status!(app, reply, StatusCode::NO_CONTENT);
        assert!(stored_files(&app).is_empty());
        assert_status!(app, app.send(Call::get(&url)).await, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_file_in_an_s3_store_is_uploaded_through_one_server_and_read_through_another() {
    for app in engines().await {
        let s3 = S3Server::start().await;
        // Two servers keep their files in one bucket; on SQLite, one server.
        let first = app.server_with_files(LIMITS, s3.files("filer"));
        let other;
        let second = if app.engine == "PostgreSQL" {
            other = app.server_with_files(LIMITS, s3.files("filer"));
            &other
        } else {
            &first
        };
        let ict = first.login("ikt@demo.test").await;
        let item = create(
            &first,
            &ict,
            &json!({"kind": "forskningssammanfattning", "title": "I hinken"}),
        )
        .await;
        let id = item["id"].as_i64().expect("id");
        let upload = |body: Vec<u8>| {
            Call::post(&format!("/api/v1/library/items/{id}/files?name=studie.pdf"))
                .token(&ict)
                .raw("application/octet-stream", body)
        };
        // Refused uploads leave nothing in the bucket.
        let reply = first.send(upload(b"<script>x</script>".to_vec())).await;
        assert_status!(first, reply, StatusCode::UNPROCESSABLE_ENTITY);
        let reply = first
            .send(upload(pdf(
                usize::try_from(UPLOAD_LIMIT).expect("limit") + 1
            )))
            .await;
        assert_status!(first, reply, StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(s3.objects(), Vec::<String>::new(), "[{}]", app.engine);

        let content = pdf(150 * 1024);
        let reply = first.send(upload(content.clone())).await;
        assert_status!(first, reply, StatusCode::CREATED);
        let url = reply.body["url"].as_str().expect("url").to_owned();
        let objects = s3.objects();
        assert_eq!(objects.len(), 1, "[{}] {objects:?}", app.engine);
        assert!(
            objects[0].starts_with("filer/m") && objects[0].len() == "filer/m1/".len() + 32,
            "[{}] {objects:?}",
            app.engine
        );
        assert!(
            app.files.path().read_dir().expect("dir").next().is_none(),
            "[{}] nothing on the server's own disk",
            app.engine
        );

        // Read through the other server: whole, a range, a range past the end.
        let reply = second.send(Call::get(&url)).await;
        assert_status!(second, reply, StatusCode::OK);
        assert_eq!(reply.bytes, content, "[{}]", app.engine);
        assert_eq!(reply.headers["content-type"], "application/pdf");
        assert_eq!(reply.headers["accept-ranges"], "bytes");
        let reply = second
            .send(Call::get(&url).header("range", "bytes=1-4"))
            .await;
        assert_status!(second, reply, StatusCode::PARTIAL_CONTENT);
        assert_eq!(reply.bytes, b"PDF-", "[{}]", app.engine);
        assert_eq!(
            reply.headers["content-range"],
            format!("bytes 1-4/{}", content.len()).as_str()
        );
        let reply = second
            .send(Call::get(&url).header("range", "bytes=-3"))
            .await;
        assert_status!(second, reply, StatusCode::PARTIAL_CONTENT);
        assert_eq!(reply.bytes, &content[content.len() - 3..]);
        let reply = second
            .send(Call::get(&url).header("range", "bytes=999999999-"))
            .await;
        assert_status!(second, reply, StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(
            reply.headers["content-range"],
            format!("bytes */{}", content.len()).as_str()
        );

        // Removed through the other server: gone from the bucket for both.
        let ict = second.login("ikt@demo.test").await;
        let file_id = first_file(second, &ict, id).await;
        let reply = second.send(remove_file(file_id, &ict)).await;
        assert_status!(second, reply, StatusCode::NO_CONTENT);
        assert_eq!(s3.objects(), Vec::<String>::new(), "[{}]", app.engine);
        assert_status!(
            first,
            first.send(Call::get(&url)).await,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn collections_gather_published_items_and_show_where_they_are_used() {
    for app in engines().await {
        let ict = app.login("ikt@demo.test").await;
        let teacher = app.login("larare@demo.test").await;
        let foreign = app.login("admin@ovning.test").await;
        let a = create(&app, &ict, &json!({"kind": "film", "title": "Film A"})).await["id"].clone();
        let b = create(
            &app,
            &ict,
            &json!({"kind": "artikel", "title": "Artikel B"}),
        )
        .await["id"]
            .clone();
        let pending = create(&app, &teacher, &good_example("Inte granskad")).await["id"].clone();
        let body = json!({"title": "Inför lärgruppsträff 3", "note": "Se *filmen* först.", "items": [b, a]});
        let reply = app
            .send(
                Call::post("/api/v1/library/collections")
                    .token(&teacher)
                    .json(&body),
            )
            .await;
        assert_status!(app, reply, StatusCode::FORBIDDEN);
        let bad = json!({"title": "X", "items": [a, pending]});
        let reply = app
            .send(
                Call::post("/api/v1/library/collections")
                    .token(&ict)
                    .json(&bad),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(reply.field(), Some("items"));
        let reply = app
            .send(
                Call::post("/api/v1/library/collections")
                    .token(&ict)
                    .json(&body),
            )
            .await;
        assert_status!(app, reply, StatusCode::CREATED);
        let id = reply.body["id"].as_i64().expect("id");
        assert_eq!(titles(&reply.body), vec!["Artikel B", "Film A"]);
        assert_eq!(reply.body["note_html"], "<p>Se <em>filmen</em> först.</p>");
        let item = app
            .send(Call::get(&format!("/api/v1/library/items/{a}")).token(&teacher))
            .await;
        assert_eq!(item.body["used_in"][0]["title"], "Inför lärgruppsträff 3");
        // Everyone reads it; another municipality does not; stale changes are refused.
        let path = format!("/api/v1/library/collections/{id}");
        assert_status!(
            app,
            app.send(Call::get(&path).token(&teacher)).await,
            StatusCode::OK
        );
        assert_status!(
            app,
            app.send(Call::get(&path).token(&foreign)).await,
            StatusCode::NOT_FOUND
        );
        let change = json!({"title": "Inför träff 3", "items": [a], "version": 1});
        assert_status!(
            app,
            app.send(Call::put(&path).token(&teacher).json(&change))
                .await,
            StatusCode::FORBIDDEN
        );
        assert_status!(
            app,
            app.send(Call::put(&path).token(&ict).json(&change)).await,
            StatusCode::OK
        );
        assert_status!(
            app,
            app.send(Call::put(&path).token(&ict).json(&change)).await,
            StatusCode::CONFLICT
        );
        let reply = app
            .send(Call::new(Method::DELETE, &format!("{path}?version=2")).token(&ict))
            .await;
        assert_status!(app, reply, StatusCode::NO_CONTENT);
        assert_status!(
            app,
            app.send(Call::get(&path).token(&teacher)).await,
            StatusCode::NOT_FOUND
        );
    }
}

#[tokio::test]
async fn a_list_of_links_imports_after_a_preview_and_the_library_exports() {
    for app in engines().await {
        let ict = app.login("ikt@demo.test").await;
        let teacher = app.login("larare@demo.test").await;
        let file = "titel;länk;beskrivning;typ;ämnen;stadier;taggar\n\
                    Taluppfattning i förskoleklass;https://example.se/tal;Om tal och antal;Länk;Matematik;F-3;taluppfattning\n\
                    Läsfilm;https://example.se/las;;film;svenska;4–6;läsning\n";
        let preview = |token: &str, body: &str| {
            Call::post("/api/v1/library/import/preview")
                .token(token)
                .raw("text/csv", body.to_owned())
        };
        assert_status!(
            app,
            app.send(preview(&teacher, file)).await,
            StatusCode::FORBIDDEN
        );
        let reply = app.send(preview(&ict, file)).await;
        assert_status!(app, reply, StatusCode::OK);
        assert_eq!(reply.body["created"], 2);
        assert_eq!(reply.body["errors"], json!([]));
        // A file with an error is refused whole.
        let broken = format!("{file}Trasig;inte-en-länk;;;;;\n");
        let reply = app
            .send(
                Call::post("/api/v1/library/import")
                    .token(&ict)
                    .raw("text/csv", broken),
            )
            .await;
        assert_status!(app, reply, StatusCode::UNPROCESSABLE_ENTITY);
        let imported = "Taluppfattning i förskoleklass".to_owned();
        assert!(
            !titles(&search(&app, &teacher, "q=taluppfattning+f%C3%B6rskoleklass").await)
                .contains(&imported)
        );
        let reply = app
            .send(
                Call::post("/api/v1/library/import")
                    .token(&ict)
                    .raw("text/csv", file.to_owned()),
            )
            .await;
        assert_status!(app, reply, StatusCode::OK);
        let found = search(&app, &teacher, "q=taluppfattning+f%C3%B6rskoleklass").await;
        assert_eq!(
            titles(&found)[0],
            imported,
            "the title's words rank it first"
        );
        // Again: nothing new.
        let reply = app.send(preview(&ict, file)).await;
        assert_eq!(reply.body["created"], 0);
        assert_eq!(reply.body["unchanged"], 2);

        // Export, for curators.
        assert_status!(
            app,
            app.send(Call::get("/api/v1/library/export.csv").token(&teacher))
                .await,
            StatusCode::FORBIDDEN
        );
        let csv = app
            .send(Call::get("/api/v1/library/export.csv").token(&ict))
            .await;
        assert_status!(app, csv, StatusCode::OK);
        let text = String::from_utf8(csv.bytes.clone()).expect("utf-8");
        assert!(
            text.starts_with("\u{feff}titel;länk;beskrivning;typ;ämnen;stadier;taggar"),
            "{}",
            &text[..80]
        );
        assert!(text.contains("Taluppfattning i förskoleklass;https://example.se/tal;Om tal och antal;Länk;Matematik;Förskoleklass, Åk 1–3;taluppfattning"));
        let json = app
            .send(Call::get("/api/v1/library/export.json").token(&ict))
            .await;
        assert_status!(app, json, StatusCode::OK);
        let items = json.body.as_array().expect("items");
        assert!(items.len() > 50, "{}", items.len());
        assert!(items.iter().all(|i| i["status"] == "published"));
    }
}
