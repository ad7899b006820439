//! The SQLite and PostgreSQL migrations stay in lockstep: the same files, and after
//! migrating, the same tables with the same columns.

use std::collections::BTreeMap;
use std::path::Path;

use sqlx::Connection;

fn migration_names(engine: &str) -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("migrations")
        .join(engine);
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("migrations dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn both_engines_have_the_same_migration_files() {
    let sqlite = migration_names("sqlite");
    assert!(!sqlite.is_empty());
    assert_eq!(sqlite, migration_names("postgres"));
}

type Schema = BTreeMap<String, Vec<String>>;

async fn sqlite_schema() -> Schema {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("schema.db").display());
    let store = kollegium_server::store::Store::connect(&url)
        .await
        .expect("connect");
    store.migrate().await.expect("migrate");
    store.close().await;
    let mut conn = sqlx::SqliteConnection::connect(&url)
        .await
        .expect("connect");
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_sqlx%'",
    )
    .fetch_all(&mut conn)
    .await
    .expect("tables");
    let mut schema = Schema::new();
    for (table,) in tables {
        let cols: Vec<(String,)> =
            sqlx::query_as(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .fetch_all(&mut conn)
                .await
                .expect("cols");
        let mut cols: Vec<String> = cols.into_iter().map(|(c,)| c).collect();
        cols.sort();
        schema.insert(table, cols);
    }
    schema
}

#[tokio::test]
async fn both_engines_end_with_the_same_tables_and_columns() {
    let Ok(admin_url) = std::env::var("KOLLEGIUM_TEST_POSTGRES_URL") else {
        // Without PostgreSQL, the file comparison above is the check; `cargo xtask test`
        // in CI always sets the URL.
        return;
    };
    let sqlite = sqlite_schema().await;
    let name = format!("kollegium_schema_{}", uuid::Uuid::new_v4().simple());
    let mut admin = sqlx::PgConnection::connect(&admin_url)
        .await
        .expect("postgres");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&mut admin)
        .await
        .expect("create");
    let url = crate::helpers::with_database(&admin_url, &name);
    let result = async {
        let store = kollegium_server::store::Store::connect(&url)
            .await
            .expect("connect");
        store.migrate().await.expect("migrate");
        store.close().await;
        let mut conn = sqlx::PgConnection::connect(&url).await.expect("connect");
        let rows: Vec<(String, String)> = sqlx::query_as(
            "SELECT table_name::text, column_name::text FROM information_schema.columns \
             WHERE table_schema = 'public' AND table_name NOT LIKE '_sqlx%'",
        )
        .fetch_all(&mut conn)
        .await
        .expect("columns");
        conn.close().await.ok();
        let mut schema = Schema::new();
        for (table, col) in rows {
            schema.entry(table).or_default().push(col);
        }
        schema.values_mut().for_each(|c| c.sort());
        schema
    }
    .await;
    sqlx::query(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .execute(&mut admin)
        .await
        .expect("drop");
    assert_eq!(sqlite, result);
}
