//! Embeds every `i18n/<lang>/*.ftl` file of the repository into the crate.
//!
//! Generates `$OUT_DIR/ftl_files.rs` holding `FTL_FILES: &[(lang, file name, source)]`, each
//! source pulled in with `include_str!`, sorted by language then file name.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::{env, fs};

fn main() {
    let manifest_dir =
        PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR"));
    let root = manifest_dir.join("..").join("..").join("i18n");
    // A directory makes cargo rescan everything below it (new, removed or edited files).
    println!("cargo:rerun-if-changed={}", root.display());
    println!("cargo:rerun-if-changed=build.rs");

    let mut entries: Vec<(String, String, PathBuf)> = Vec::new();
    for lang_dir in sorted_entries(&root) {
        if !lang_dir.is_dir() {
            continue;
        }
        let lang = file_name(&lang_dir);
        println!("cargo:rerun-if-changed={}", lang_dir.display());
        for file in sorted_entries(&lang_dir) {
            if file.is_file() && file.extension().is_some_and(|ext| ext == "ftl") {
                entries.push((lang.clone(), file_name(&file), file));
            }
        }
    }
    assert!(
        !entries.is_empty(),
        "no .ftl files found under {}",
        root.display()
    );

    let mut out =
        String::from("/// Every embedded FTL file: (language folder, file name, contents).\n");
    out.push_str("pub(crate) static FTL_FILES: &[(&str, &str, &str)] = &[\n");
    for (lang, name, path) in &entries {
        let path = path
            .canonicalize()
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let path = path.to_str().expect("i18n paths must be UTF-8");
        writeln!(out, "    ({lang:?}, {name:?}, include_str!({path:?})),")
            .expect("write to String");
    }
    out.push_str("];\n");

    let dest = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR")).join("ftl_files.rs");
    fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    paths.sort();
    paths
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_else(|| panic!("non-UTF-8 name: {}", path.display()))
        .to_owned()
}
