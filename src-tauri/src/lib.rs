//! The Antre app's Tauri shell. Commands ([`commands`]) are one-line adapters over
//! `antre_app_core`; this file wires the window, the tray (desktop), notifications and the
//! background loop (reminders, writes queued offline, the bookings' status, and the check of
//! draw outcomes and waitlist offers).
//!
//! Environment: `ANTRE_SERVER_URL` (default `http://127.0.0.1:8080`), `ANTRE_APP_DATA_DIR`
//! (default: the platform's app data folder).

pub mod camera;
pub mod commands;

use antre_app_core::app::{AppConfig, RETRY_DELAYS_MS};
use antre_app_core::http::HttpBackend;
use antre_app_core::session::SessionVault;
use antre_app_core::App;
use std::path::PathBuf;
use std::sync::Arc;
use tauri::{AppHandle, Manager, Runtime};

pub const DEFAULT_SERVER_URL: &str = "http://127.0.0.1:8080";
/// How often the background loop looks for due reminders, at most this long apart; sooner when
/// the check of draw outcomes and offers is due (see `antre_app_core::outcomes`).
pub const REMINDER_TICK_SECS: u64 = 30;

pub type Core = Arc<App<HttpBackend>>;

pub fn server_url() -> String {
    std::env::var("ANTRE_SERVER_URL")
        .ok()
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| DEFAULT_SERVER_URL.to_owned())
}

/// Builds the app core: server client, keyring vault, data folder, system language.
pub fn make_core(data_dir: PathBuf, vault: SessionVault) -> Core {
    let url = server_url();
    let system_locale = antre_app_core::settings::system_locale_from_env(|k| std::env::var(k).ok());
    Arc::new(App::new(
        HttpBackend::new(&url),
        vault,
        AppConfig {
            server_url: url,
            data_dir,
            system_locale,
            platform: if cfg!(mobile) { "mobile" } else { "desktop" },
            retry_delays_ms: RETRY_DELAYS_MS,
        },
    ))
}

/// Registers every command. Shared by the real app and the mock-runtime tests.
pub fn with_commands<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder.invoke_handler(tauri::generate_handler![
        commands::app_info,
        commands::set_locale,
        commands::set_text_size,
        commands::set_start_at_login,
        commands::dismiss_start_at_login_offer,
        commands::ping,
        commands::server_clock,
        commands::register,
        commands::verify,
        commands::login,
        commands::logout,
        commands::restore_session,
        commands::resend_code,
        commands::forgot_password,
        commands::reset_password,
        commands::check_password,
        commands::account,
        commands::send_phone_code,
        commands::verify_phone,
        commands::list_sessions,
        commands::end_session,
        commands::sign_out_everywhere,
        commands::delete_account,
        commands::ended_session,
        commands::saved_bookings,
        commands::check_nik,
        commands::list_applicants,
        commands::add_applicant,
        commands::update_applicant,
        commands::delete_applicant,
        commands::list_offices,
        commands::search_availability,
        commands::office_calendar,
        commands::day_slots,
        commands::fee_preview,
        commands::create_booking,
        commands::list_bookings,
        commands::get_booking,
        commands::desk_day,
        commands::office_feedback,
        commands::desk_check_in,
        commands::walk_in,
        commands::no_show_sweep,
        commands::create_event_site,
        commands::list_drives,
        commands::create_drive,
        commands::get_drive,
        commands::add_members,
        commands::import_members,
        commands::export_members,
        commands::hajj_check,
        commands::capture_member,
        commands::capture_status,
        commands::sync_captures,
        commands::discard_capture,
        commands::save_drive_print,
        commands::reschedule_booking,
        commands::cancel_booking,
        commands::export_ics,
        commands::save_slip,
        commands::open_saved_file,
        commands::proof_qr,
        commands::confirm_attendance,
        commands::write_queue,
        commands::send_queued_writes,
        commands::dismiss_refused_write,
        commands::remind_at_release,
        commands::release_reminders,
        commands::list_draws,
        commands::get_draw,
        commands::draw_office,
        commands::check_draw,
        commands::save_draw_result,
        commands::enter_draw,
        commands::withdraw_entry,
        commands::fair_release,
        commands::join_waitlist,
        commands::leave_waitlist,
        commands::accept_offer,
        commands::decline_offer,
        commands::notifications,
        commands::special_reschedule,
        commands::service_status,
        commands::rate_visit,
        commands::report_integrity,
    ])
}

/// Opens a saved file with the system's handler (the calendar for `.ics`). Desktop only.
/// Where the user wants a file saved: the system's save dialog (tauri-plugin-dialog, called
/// from Rust only, so the window needs no dialog permission), starting at the offer's folder
/// and name with its filter; `None` when cancelled. Without a dialog (an app built without
/// the plugin, as in the command tests, or a mobile build), or with `ANTRE_NO_DIALOG` set (a
/// test-only setting for the end-to-end test, which cannot click a native dialog; warned on
/// stderr), the offer's path as is.
pub async fn ask_save_path<R: Runtime>(
    app: &AppHandle<R>,
    offer: antre_app_core::types::SaveOffer,
) -> Option<PathBuf> {
    #[cfg(desktop)]
    {
        use tauri_plugin_dialog::DialogExt;
        let dialog = app.try_state::<tauri_plugin_dialog::Dialog<R>>().is_some();
        if std::env::var_os("ANTRE_NO_DIALOG").is_some() {
            eprintln!("warning: ANTRE_NO_DIALOG is set (test only): saving without asking where");
        } else if dialog {
            let (tx, rx) = tokio::sync::oneshot::channel();
            let mut ask = app
                .dialog()
                .file()
                .set_title(offer.title)
                .add_filter(offer.filter, &["pdf"]);
            if let Some(dir) = offer.path.parent() {
                // The dialog opens there even before anything was saved.
                let _ = std::fs::create_dir_all(dir);
                ask = ask.set_directory(dir);
            }
            if let Some(name) = offer.path.file_name() {
                ask = ask.set_file_name(name.to_string_lossy());
            }
            if let Some(window) = app.get_webview_window("main") {
                ask = ask.set_parent(&window);
            }
            ask.save_file(move |chosen| {
                let _ = tx.send(chosen.and_then(|f| f.into_path().ok()));
            });
            return rx.await.ok().flatten();
        }
    }
    #[cfg(not(desktop))]
    let _ = app;
    Some(offer.path)
}

pub fn open_file<R: Runtime>(app: &AppHandle<R>, path: &str) {
    #[cfg(desktop)]
    {
        // try_state: an app built without the plugin (the command tests) opens nothing.
        if std::env::var_os("ANTRE_NO_OPEN").is_none() {
            if let Some(opener) = app.try_state::<tauri_plugin_opener::Opener<R>>() {
                let _ = opener.open_path(path, None::<&str>);
            }
        }
    }
    #[cfg(not(desktop))]
    let _ = (app, path);
}

/// Shows every due reminder; marks one delivered only once the system took it, so a failure is
/// retried on the next tick and nothing is lost across restarts (the plan is on disk).
pub fn deliver_due<R: Runtime>(app: &AppHandle<R>, core: &Core) -> usize {
    use tauri_plugin_notification::NotificationExt;
    let mut shown = 0;
    for r in core.due_reminders(core.now()) {
        let sent = app
            .notification()
            .builder()
            .id(r.numeric_id())
            .title(&r.title)
            .body(&r.body)
            .show();
        if sent.is_ok() && core.mark_delivered(&r.id).is_ok() {
            shown += 1;
        }
    }
    shown
}

/// Shows every notice of a draw outcome or a waitlist offer that is due (desktop and mobile:
/// they are news now, not planned ahead); marked delivered once the system took it.
pub fn deliver_notices<R: Runtime>(app: &AppHandle<R>, core: &Core) -> usize {
    use tauri_plugin_notification::NotificationExt;
    let mut shown = 0;
    for n in core.due_notices(core.now()) {
        let sent = app
            .notification()
            .builder()
            .id(n.numeric_id())
            .title(&n.title)
            .body(&n.body)
            .show();
        if sent.is_ok() && core.mark_notice_delivered(&n.id).is_ok() {
            shown += 1;
        }
    }
    shown
}

/// How long the background loop sleeps: until the next reminder tick, or sooner when the check
/// of draw outcomes and offers is due (never less than a second).
pub fn next_tick(core: &Core) -> std::time::Duration {
    let tick = std::time::Duration::from_secs(REMINDER_TICK_SECS);
    let now = core.now();
    let until_watch = core
        .next_watch_at(now)
        .map(|at| (at - now).to_std().unwrap_or_default());
    until_watch
        .map_or(tick, |w| w.min(tick))
        .max(std::time::Duration::from_secs(1))
}

/// Mobile: hands the planned reminders to the platform scheduler, which fires them even when the
/// app is not running (the same id replaces an earlier schedule, so repeating this is harmless).
#[cfg(mobile)]
pub fn schedule_on_platform<R: Runtime>(app: &AppHandle<R>, core: &Core) {
    use tauri_plugin_notification::{NotificationExt, Schedule};
    // The plan is on the server's clock; the platform fires on the device's.
    let offset = chrono::Duration::milliseconds(core.server_clock().offset_ms);
    for r in core.upcoming_reminders(core.now()) {
        let on_device = r.fire_at - offset;
        let Ok(date) = time::OffsetDateTime::from_unix_timestamp(on_device.timestamp()) else {
            continue;
        };
        let _ = app
            .notification()
            .builder()
            .id(r.numeric_id())
            .title(&r.title)
            .body(&r.body)
            .schedule(Schedule::At {
                date,
                repeating: false,
                allow_while_idle: true,
            })
            .show();
    }
}

#[cfg(desktop)]
fn setup_tray<R: Runtime>(app: &tauri::App<R>, core: &Core) -> tauri::Result<()> {
    use tauri::menu::{Menu, MenuItem};
    use tauri::tray::TrayIconBuilder;
    let locale = core.locale();
    let l10n = core.localizer();
    let open = MenuItem::with_id(
        app,
        "open",
        l10n.message(locale, "app-tray-open", &[]),
        true,
        None::<&str>,
    )?;
    let quit = MenuItem::with_id(
        app,
        "quit",
        l10n.message(locale, "app-tray-quit", &[]),
        true,
        None::<&str>,
    )?;
    let menu = Menu::with_items(app, &[&open, &quit])?;
    let mut tray = TrayIconBuilder::with_id("antre")
        .tooltip(l10n.message(locale, "app-tray-tooltip", &[]))
        .menu(&menu)
        .on_menu_event(|app, event| match event.id().as_ref() {
            "open" => show_main(app),
            "quit" => app.exit(0),
            _ => {}
        });
    if let Some(icon) = app.default_window_icon() {
        tray = tray.icon(icon.clone());
    }
    tray.build(app)?;
    Ok(())
}

fn show_main<R: Runtime>(app: &AppHandle<R>) {
    if let Some(w) = app.get_webview_window("main") {
        let _ = w.show();
        let _ = w.unminimize();
        let _ = w.set_focus();
    }
}

/// Registers (or removes) the app with the OS to start at login. Desktop only; elsewhere the
/// platform's scheduler delivers reminders and there is nothing to register.
pub fn register_start_at_login<R: Runtime>(
    app: &AppHandle<R>,
    enabled: bool,
) -> Result<(), antre_app_core::AppError> {
    #[cfg(desktop)]
    {
        use tauri_plugin_autostart::ManagerExt;
        let launcher = app.autolaunch();
        let done = if enabled {
            launcher.enable()
        } else if launcher.is_enabled().unwrap_or(false) {
            launcher.disable()
        } else {
            Ok(())
        };
        done.map_err(|e| antre_app_core::AppError::new("start_at_login", e.to_string()))
    }
    #[cfg(not(desktop))]
    {
        let _ = (app, enabled);
        Ok(())
    }
}

#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    let builder = tauri::Builder::default();
    // First, so that a second start hands over before anything else starts: it brings this
    // window forward and exits, instead of doubling the reminders and the writes.
    #[cfg(desktop)]
    let builder = builder.plugin(tauri_plugin_single_instance::init(|app, _, _| {
        show_main(app)
    }));
    let builder = builder.plugin(tauri_plugin_notification::init());
    #[cfg(desktop)]
    let builder = builder
        .plugin(tauri_plugin_opener::init())
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_autostart::init(
            tauri_plugin_autostart::MacosLauncher::LaunchAgent,
            None,
        ));
    with_commands(builder)
        .setup(|app| {
            let data_dir = match std::env::var_os("ANTRE_APP_DATA_DIR") {
                Some(dir) => PathBuf::from(dir),
                None => app.path().app_data_dir()?,
            };
            let core = make_core(data_dir, SessionVault::open());
            app.manage(core.clone());
            // Re-register a chosen start at login: the entry names this executable, which an
            // update may have moved.
            if core.info().settings.start_at_login {
                let _ = register_start_at_login(app.handle(), true);
            }
            // The desk's camera (WebKitGTK needs it turned on and granted; see camera.rs).
            if let Some(window) = app.get_webview_window("main") {
                let _ = camera::enable(&window);
            }
            #[cfg(desktop)]
            let tray_ok = setup_tray(app, &core).is_ok();
            #[cfg(not(desktop))]
            let tray_ok = false;
            // With a tray the app keeps running when its window is closed, for the reminders.
            if tray_ok {
                if let Some(window) = app.get_webview_window("main") {
                    let w = window.clone();
                    window.on_window_event(move |event| {
                        if let tauri::WindowEvent::CloseRequested { api, .. } = event {
                            api.prevent_close();
                            let _ = w.hide();
                        }
                    });
                }
            }
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                // Refresh the bookings (re-plans the reminders) and the entries and places in
                // line once, then tick. The check of draw outcomes and offers asks the server
                // only while something can change (pending entries past their release instant,
                // places in line): an idle app sends nothing.
                if core.restore_session().is_some() {
                    let _ = core.bookings().await;
                    let _ = core.fair_release().await;
                }
                loop {
                    // Queued offline writes, and the bookings' status (every 15 minutes, and
                    // just before a "pay now" is shown) before any reminder goes out.
                    core.background_sync(core.now()).await;
                    #[cfg(desktop)]
                    deliver_due(&handle, &core);
                    #[cfg(mobile)]
                    schedule_on_platform(&handle, &core);
                    let _ = core.watch(core.now()).await;
                    deliver_notices(&handle, &core);
                    tokio::time::sleep(next_tick(&core)).await;
                }
            });
            Ok(())
        })
        .run(tauri::generate_context!())
        .expect("error while running the Antre app");
}
