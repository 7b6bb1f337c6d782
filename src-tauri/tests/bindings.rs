//! The UI's list of commands, written from Rust: `ui/src/generated/app/commands.ts` gives every
//! `#[tauri::command]` of `src/commands.rs` its name, its arguments as the UI passes them
//! (camelCase, as Tauri expects them) with their TypeScript types, and its answer's type.
//! `ui/src/ipc.ts` calls commands only through it, so a command renamed, an argument renamed or
//! retyped in Rust fails the UI's typecheck. The file is read with `syn` (the parser Tauri's own
//! command macro uses); the types are the ts-rs twins in `ui/src/generated/`. The test fails
//! when the checked-in file was stale (and rewrites it), and when a command is not registered
//! in `generate_handler!` of `src/lib.rs` or registered twice.
//!
//! Why not tauri-specta: it needs `specta::Type` derived on every type the commands take or
//! give (about 160 types in four crates, each with its ts-rs attributes carried over); see
//! ARCHITECTURE.md ("IPC").

use antre_api::codegen::{ensure_file_contents, generated_dir};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use syn::{FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// Arguments Tauri fills in itself: never passed by the UI.
const INJECTED: &[&str] = &["Core_", "State", "AppHandle", "Window", "WebviewWindow"];

struct Command {
    name: String,
    args: Vec<(String, String)>,
    result: String,
    doc: Vec<String>,
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(p) => p.path.segments.last(),
        Type::Reference(r) => last_segment(&r.elem),
        _ => None,
    }
}

fn generic(seg: &syn::PathSegment) -> Vec<&Type> {
    match &seg.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => vec![],
    }
}

/// The TypeScript of a Rust type as it crosses IPC (serde JSON), naming ts-rs's types.
fn ts(ty: &Type) -> String {
    if let Type::Tuple(t) = ty {
        assert!(t.elems.is_empty(), "tuples are not used across IPC");
        return "null".into();
    }
    let seg = last_segment(ty).expect("commands take and give named types");
    let name = seg.ident.to_string();
    let inner = generic(seg);
    match name.as_str() {
        "R" | "Result" => ts(inner[0]),
        "Option" => format!("{} | null", ts(inner[0])),
        "Vec" => format!("Array<{}>", ts(inner[0])),
        "String" | "str" | "PathBuf" | "NaiveDate" | "DateTime" | "Uuid" => "string".into(),
        "bool" => "boolean".into(),
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" | "usize" | "f32" | "f64" => {
            "number".into()
        }
        _ => name,
    }
}

fn commands(source: &str) -> Vec<Command> {
    let file = syn::parse_file(source).expect("src/commands.rs parses");
    let mut out = vec![];
    for item in file.items {
        let Item::Fn(f) = item else { continue };
        let is_command = f.attrs.iter().any(|a| {
            let p = a.path();
            p.segments.len() == 2
                && p.segments[0].ident == "tauri"
                && p.segments[1].ident == "command"
        });
        if !is_command {
            continue;
        }
        let doc = f
            .attrs
            .iter()
            .filter(|a| a.path().is_ident("doc"))
            .filter_map(|a| match &a.meta {
                syn::Meta::NameValue(nv) => match &nv.value {
                    syn::Expr::Lit(syn::ExprLit {
                        lit: syn::Lit::Str(s),
                        ..
                    }) => Some(s.value().trim().to_owned()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let mut args = vec![];
        for input in &f.sig.inputs {
            let FnArg::Typed(t) = input else {
                panic!("{}: methods are not commands", f.sig.ident)
            };
            let injected = last_segment(&t.ty)
                .is_some_and(|s| INJECTED.contains(&s.ident.to_string().as_str()));
            if injected {
                continue;
            }
            let Pat::Ident(name) = &*t.pat else {
                panic!("{}: arguments need plain names", f.sig.ident)
            };
            args.push((camel(&name.ident.to_string()), ts(&t.ty)));
        }
        let result = match &f.sig.output {
            ReturnType::Default => "null".into(),
            ReturnType::Type(_, ty) => ts(ty),
        };
        out.push(Command {
            name: f.sig.ident.to_string(),
            args,
            result,
            doc,
        });
    }
    out
}

/// Where ts-rs wrote each named type: `./X` (the app's types) or `../X` (the API's).
fn import_of(name: &str, generated: &Path) -> String {
    if generated.join("app").join(format!("{name}.ts")).exists() {
        format!("./{name}")
    } else if generated.join(format!("{name}.ts")).exists() {
        format!("../{name}")
    } else {
        panic!("{name}: no ts-rs type in ui/src/generated (derive TS with export)")
    }
}

fn commands_ts(list: &[Command], generated: &Path) -> String {
    let mut used = BTreeSet::new();
    for c in list {
        for t in c.args.iter().map(|(_, t)| t).chain([&c.result]) {
            for word in t.split(|ch: char| !ch.is_alphanumeric() && ch != '_') {
                if word.chars().next().is_some_and(char::is_uppercase) && word != "Array" {
                    used.insert(word.to_owned());
                }
            }
        }
    }
    let mut out = String::from(
        "// Written by `cargo test -p antre-app --test bindings` from src-tauri/src/commands.rs. Do not edit.\n",
    );
    for name in &used {
        out.push_str(&format!(
            "import type {{ {name} }} from \"{}\";\n",
            import_of(name, generated)
        ));
    }
    out.push_str(
        "\n/** Every Tauri command: the arguments the UI passes (camelCase) and the answer. */\n\
         export type Commands = {\n",
    );
    for c in list {
        for line in &c.doc {
            out.push_str(&format!("  // {line}\n"));
        }
        let args = if c.args.is_empty() {
            "Record<string, never>".to_owned()
        } else {
            let fields: Vec<String> = c.args.iter().map(|(n, t)| format!("{n}: {t}")).collect();
            format!("{{ {} }}", fields.join("; "))
        };
        out.push_str(&format!(
            "  {}: {{ args: {args}; result: {} }};\n",
            c.name, c.result
        ));
    }
    out.push_str("};\n\nexport type CommandName = keyof Commands;\n");
    out
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn commands_ts_is_up_to_date_and_every_command_is_registered() {
    let source = std::fs::read_to_string(root().join("src/commands.rs")).unwrap();
    let list = commands(&source);
    assert!(list.len() > 50, "{} commands", list.len());
    let mut names = BTreeMap::new();
    for c in &list {
        assert!(
            names.insert(c.name.clone(), ()).is_none(),
            "{} twice",
            c.name
        );
    }
    // generate_handler! in lib.rs names exactly these, once each.
    let lib = std::fs::read_to_string(root().join("src/lib.rs")).unwrap();
    let start = lib
        .find("generate_handler![")
        .expect("generate_handler! in lib.rs");
    let end = start + lib[start..].find(']').unwrap();
    let mut registered = BTreeSet::new();
    for entry in lib[start + "generate_handler![".len()..end].split(',') {
        let entry = entry.trim();
        if entry.is_empty() {
            continue;
        }
        let name = entry.rsplit("::").next().unwrap().to_owned();
        assert!(registered.insert(name.clone()), "{name} registered twice");
    }
    let defined: BTreeSet<String> = names.into_keys().collect();
    assert_eq!(
        registered, defined,
        "generate_handler! and the #[tauri::command]s differ"
    );
    let generated = generated_dir();
    ensure_file_contents(
        &generated.join("app/commands.ts"),
        &commands_ts(&list, &generated),
    )
    .unwrap();
}

#[test]
fn arguments_and_answers_as_the_ui_sees_them() {
    let list = commands(
        r#"
        /// Says hello.
        #[tauri::command]
        pub async fn check_nik(core: Core_<'_>, nik: String, birth_date: Option<NaiveDate>) -> R<NikCheck> { todo!() }
        #[tauri::command]
        pub fn saved<Rt: Runtime>(app: AppHandle<Rt>, ids: Vec<Uuid>) -> R<Vec<BookingView>> { todo!() }
        #[tauri::command]
        pub fn logout(core: Core_<'_>) -> R<()> { todo!() }
        fn helper() {}
        "#,
    );
    let shape: Vec<_> = list
        .iter()
        .map(|c| {
            (
                c.name.as_str(),
                c.args.clone(),
                c.result.as_str(),
                c.doc.clone(),
            )
        })
        .collect();
    assert_eq!(
        shape,
        vec![
            (
                "check_nik",
                vec![
                    ("nik".to_owned(), "string".to_owned()),
                    ("birthDate".to_owned(), "string | null".to_owned())
                ],
                "NikCheck",
                vec!["Says hello.".to_owned()]
            ),
            (
                "saved",
                vec![("ids".to_owned(), "Array<string>".to_owned())],
                "Array<BookingView>",
                vec![]
            ),
            ("logout", vec![], "null", vec![]),
        ]
    );
}
