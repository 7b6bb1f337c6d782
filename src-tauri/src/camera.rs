//! The desk's camera (check-in by the QR proof, `ui/src/lib/camera-scan.ts`) in the app's own
//! window.
//!
//! - **Linux (WebKitGTK)**: a user-media permission request nobody answers is refused
//!   (`NotAllowedError`: WebKitGTK's documented default), so the desk could never open a camera;
//!   and media streams are off in WebKitGTK releases before they became the default. [`enable`]
//!   turns media streams on and answers the web view's `permission-request` signal: a request
//!   for the camera alone, from a page of the app's own origin, is allowed; anything else
//!   (microphone, screen, camera with microphone, another origin, other kinds of permission) is
//!   left to WebKitGTK's default, which refuses. A machine without a camera gets a "no device"
//!   error before any request (WebKitGTK 2.50 names it `OverconstrainedError`, others
//!   `NotFoundError`), which the desk words as "no camera found, use the scanner or type the
//!   code".
//! - **Windows (WebView2)** and **macOS (WKWebView)** ask the user themselves the first time a
//!   page opens the camera; nothing is granted here. macOS also needs the app's
//!   `NSCameraUsageDescription` (in `src-tauri/Info.plist`, merged into the bundle's by Tauri),
//!   without which the system ends the app at the first request.
//! - Android and iOS need the platform's camera permission in their manifests when mobile
//!   builds are made (not yet).

use tauri::{Runtime, WebviewWindow};

/// Lets the desk's page open the camera in `window` (see the module's notes). Does nothing on
/// platforms whose web view asks the user itself.
pub fn enable<R: Runtime>(window: &WebviewWindow<R>) -> tauri::Result<()> {
    #[cfg(any(
        target_os = "linux",
        target_os = "dragonfly",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd"
    ))]
    {
        let own = Origin::of(&window.url()?);
        window.with_webview(move |webview| linux::enable(&webview.inner(), own))?;
    }
    #[cfg(not(any(
        target_os = "linux",
        target_os = "dragonfly",
        target_os = "freebsd",
        target_os = "netbsd",
        target_os = "openbsd"
    )))]
    let _ = window;
    Ok(())
}

/// A page's origin as compared here: scheme, host and port (`tauri://localhost` for the built
/// app; the dev server's address in development). The `url` crate calls the origin of a
/// custom scheme opaque (never equal to anything), hence these three parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    scheme: String,
    host: Option<String>,
    port: Option<u16>,
}

impl Origin {
    pub fn of(url: &tauri::Url) -> Self {
        Self {
            scheme: url.scheme().to_owned(),
            host: url.host_str().map(str::to_owned),
            port: url.port_or_known_default(),
        }
    }

    /// Whether the page at `uri` (as the web view reports it) is of this origin.
    pub fn holds(&self, uri: &str) -> bool {
        tauri::Url::parse(uri).is_ok_and(|u| Self::of(&u) == *self)
    }
}

/// What a media request asks for, as WebKitGTK describes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MediaRequest {
    pub video: bool,
    pub audio: bool,
}

/// The one request granted: the camera alone, from a page of the app's own origin.
pub fn grants(own: &Origin, page: Option<&str>, request: MediaRequest) -> bool {
    request.video && !request.audio && page.is_some_and(|uri| own.holds(uri))
}

#[cfg(any(
    target_os = "linux",
    target_os = "dragonfly",
    target_os = "freebsd",
    target_os = "netbsd",
    target_os = "openbsd"
))]
mod linux {
    use super::{grants, MediaRequest, Origin};
    use webkit2gtk::glib::prelude::Cast;
    use webkit2gtk::{
        PermissionRequestExt, SettingsExt, UserMediaPermissionRequest,
        UserMediaPermissionRequestExt, WebView, WebViewExt,
    };

    pub(super) fn enable(webview: &WebView, own: Origin) {
        if let Some(settings) = WebViewExt::settings(webview) {
            settings.set_enable_media_stream(true);
            settings.set_enable_mediasource(true);
        }
        webview.connect_permission_request(move |webview, request| {
            let Some(media) = request.downcast_ref::<UserMediaPermissionRequest>() else {
                return false;
            };
            let asked = MediaRequest {
                video: media.is_for_video_device(),
                audio: media.is_for_audio_device(),
            };
            let page = webview.uri();
            if grants(&own, page.as_deref(), asked) {
                request.allow();
                true
            } else {
                // WebKitGTK's default handler refuses it.
                false
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own() -> Origin {
        Origin::of(&tauri::Url::parse("tauri://localhost").unwrap())
    }

    const CAMERA: MediaRequest = MediaRequest {
        video: true,
        audio: false,
    };

    #[test]
    fn only_the_camera_alone_is_granted_and_only_to_the_apps_own_pages() {
        let own = own();
        assert!(grants(&own, Some("tauri://localhost/#/desk"), CAMERA));
        assert!(grants(&own, Some("tauri://localhost/index.html"), CAMERA));
        // Not the microphone, alone or with the camera, nor a screen (neither device).
        for request in [
            MediaRequest {
                video: false,
                audio: true,
            },
            MediaRequest {
                video: true,
                audio: true,
            },
            MediaRequest {
                video: false,
                audio: false,
            },
        ] {
            assert!(!grants(&own, Some("tauri://localhost/#/desk"), request));
        }
        // Not another origin, nor a page the web view cannot name.
        for page in [
            "https://example.com/#/desk",
            "tauri://evil.example/#/desk",
            "http://localhost/#/desk",
            "not a url",
        ] {
            assert!(!grants(&own, Some(page), CAMERA), "{page}");
        }
        assert!(!grants(&own, None, CAMERA));
        // The dev server: its scheme, host and port.
        let dev = Origin::of(&tauri::Url::parse("http://localhost:1420/").unwrap());
        assert!(grants(&dev, Some("http://localhost:1420/#/desk"), CAMERA));
        assert!(!grants(&dev, Some("http://localhost:1421/#/desk"), CAMERA));
    }
}
