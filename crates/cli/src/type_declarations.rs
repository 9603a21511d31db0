//! `apiroutes-env.d.ts`: the TypeScript declarations of the modules apiroutes provides
//! (`apiroutes/sql`), written by `dev` and `build` into projects that have a
//! `tsconfig.json`, as `next dev`/`next build` write `next-env.d.ts`. A project's `tsc`
//! then type-checks `` sql<User[]>`...` `` with no package to install.

use std::path::{Path, PathBuf};

/// The file name, beside `tsconfig.json`.
pub const FILE_NAME: &str = "apiroutes-env.d.ts";

/// The declarations, kept in `assets/` so they can be type-checked as a file.
pub const CONTENTS: &str = include_str!("../assets/apiroutes-env.d.ts");

/// Writes the declarations into `dir` when it is a TypeScript project and the file is
/// missing or differs. Returns the path written, if any; a failure (a read-only project)
/// is a warning, never an error, since serving does not need the file.
pub fn write_for_typescript_project(dir: &Path) -> Option<PathBuf> {
    if !dir.join("tsconfig.json").is_file() {
        return None;
    }
    let path = dir.join(FILE_NAME);
    if std::fs::read_to_string(&path).is_ok_and(|current| current == CONTENTS) {
        return None;
    }
    match std::fs::write(&path, CONTENTS) {
        Ok(()) => Some(path),
        Err(err) => {
            tracing::warn!("could not write {}: {err}", path.display());
            None
        }
    }
}
