//! The `kollegium import-staff` command, run as an administrator would run it: against
//! the database of a running installation, with a file from the school administration
//! system (here Windows-1252 with semicolons, as Excel in Sweden saves it).

use std::path::Path;
use std::process::{Command, Output};

use crate::helpers::{Call, TestApp, engines};

/// Runs `kollegium import-staff --municipality SLUG FILE` against the app's database.
fn import_staff(app: &TestApp, slug: &str, file: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_kollegium"))
        .args(["import-staff", "--municipality", slug])
        .arg(file)
        .env("KOLLEGIUM_DATABASE_URL", &app.url)
        .env("RUST_LOG", "warn")
        .env_remove("RUST_BACKTRACE")
        .output()
        .expect("run kollegium")
}

/// Latin-1 is Windows-1252 for every letter used here (å, ä, ö, é).
fn windows_1252(text: &str) -> Vec<u8> {
    text.chars()
        .map(|c| u8::try_from(u32::from(c)).expect("a Latin-1 letter"))
        .collect()
}

async fn found(app: &TestApp, token: &str, query: &str) -> Vec<String> {
    let reply = app
        .send(Call::get(&format!("/api/v1/staff?q={query}")).token(token))
        .await;
    reply.body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|p| p["email"].as_str().expect("email").to_owned())
        .collect()
}

#[tokio::test]
async fn the_import_command_reports_errors_with_line_and_column_and_imports_a_fixed_file() {
    for app in engines().await {
        let dir = tempfile::tempdir().expect("tempdir");
        let header = "namn;e-post;skola;ämnen;stadier;roller;titel\r\n";
        let good = "Åke Östlund;ake.ostlund@demo.test;Ekbackeskolan;svenska, musik;F-3;lärare;\r\n";
        let bad = "Märta Ekström;marta.ekstrom@demo.test;Ekbackskolan;matematik;4-6;lärare;Förstelärare\r\n";
        let fixed = "Märta Ekström;marta.ekstrom@demo.test;Ekbackeskolan;matematik;4-6;lärare;Förstelärare\r\n";
        let token = app.login("admin@demo.test").await;

        let broken = dir.path().join("broken.csv");
        std::fs::write(&broken, windows_1252(&format!("{header}{good}{bad}"))).expect("write");
        let run = import_staff(&app, "demo", &broken);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!run.status.success(), "[{}] {stderr}", app.engine);
        assert!(
            stderr.contains(
                "rad 3, kolumn skola: Okänd skola \"Ekbackskolan\". Menade du \"Ekbackeskolan\"?"
            ),
            "[{}] {stderr}",
            app.engine
        );
        assert!(
            found(&app, &token, "ostlund").await.is_empty(),
            "[{}] a file with an error imports nobody",
            app.engine
        );

        let good_file = dir.path().join("personal.csv");
        std::fs::write(&good_file, windows_1252(&format!("{header}{good}{fixed}"))).expect("write");
        let run = import_staff(&app, "demo", &good_file);
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert!(
            run.status.success(),
            "[{}] {}",
            app.engine,
            String::from_utf8_lossy(&run.stderr)
        );
        assert_eq!(
            stdout.trim(),
            "Skapade 2, uppdaterade 0, oförändrade 0.",
            "[{}]",
            app.engine
        );
        assert_eq!(
            found(&app, &token, "%C3%B6stlund").await,
            ["ake.ostlund@demo.test"],
            "[{}] the name came through Windows-1252 intact",
            app.engine
        );

        let again = import_staff(&app, "demo", &good_file);
        assert_eq!(
            String::from_utf8_lossy(&again.stdout).trim(),
            "Skapade 0, uppdaterade 0, oförändrade 2.",
            "[{}] importing the same file again changes nothing",
            app.engine
        );

        let nowhere = import_staff(&app, "no-such-town", &good_file);
        assert!(!nowhere.status.success(), "[{}]", app.engine);
        assert!(
            String::from_utf8_lossy(&nowhere.stderr).contains("no municipality with the slug"),
            "[{}]",
            app.engine
        );
    }
}
