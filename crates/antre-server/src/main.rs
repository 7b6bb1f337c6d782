//! `antre-server`: serve the API, or run an operator command against the same database.

use antre_api::accounts::Role;
use antre_server::config::SecretSource;
use antre_server::secret_file;
use antre_server::store::audit::Actor;
use antre_server::store::{accounts, bookings, payments, Db};
use antre_server::{seed, startup, Config};
use anyhow::{bail, Context};
use clap::{Parser, Subcommand};
use std::net::SocketAddr;

#[derive(Parser)]
#[command(name = "antre-server", about = "Antre booking service")]
struct Cli {
    /// `sqlite://PATH?mode=rwc` or `postgres://...`; default: SQLite in the user's data dir.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the HTTP API (the default).
    Serve {
        #[arg(long, env = "ANTRE_BIND", default_value = "127.0.0.1:8080")]
        bind: SocketAddr,
    },
    /// Create a staff account for an office (its head with --head, who also reads the office's
    /// audit trail; an outreach officer with --outreach), or an admin with --admin. Password from ANTRE_NEW_PASSWORD or standard
    /// input, never from the command line.
    CreateStaff {
        #[arg(long)]
        email: String,
        #[arg(long)]
        phone: String,
        #[arg(long, required_unless_present = "admin")]
        office: Option<String>,
        #[arg(long, conflicts_with = "admin")]
        head: bool,
        /// An outreach officer of the office (drives and their members only).
        #[arg(long, conflicts_with_all = ["admin", "head"])]
        outreach: bool,
        #[arg(long)]
        admin: bool,
    },
    /// Mark a billing code as paid (the local stand-in for a payment provider).
    ConfirmPayment { billing_code: String },
    /// Print a fresh 32-byte secret (base64url): a value for ANTRE_PROOF_KEY or ANTRE_DRAW_SECRET,
    /// or the content of their files.
    GenerateSecret,
    /// Print the newest messages of the local outbox (sign-up and password-reset codes, where
    /// no email or SMS gateway is configured), newest first.
    Outbox {
        /// Only messages to this email address or phone number (as stored: +62...).
        #[arg(long)]
        to: Option<String>,
        #[arg(long, default_value_t = 10)]
        last: i64,
    },
    /// The SMS simulator: `sms-sim send <phone> <text>` handles a message as the gateway's
    /// webhook would and prints the replies (also in the outbox).
    SmsSim {
        #[command(subcommand)]
        action: SmsSimAction,
    },
    /// Write a consistent copy of the embedded SQLite database to FILE while the server runs
    /// (never over an existing file). Secrets (data key, proof and draw keys) are not in it:
    /// keep them separately.
    Backup { file: std::path::PathBuf },
    /// Put a backup in place as the database (`--database-url`, default the data dir's), which
    /// must not exist yet: restore into a fresh data directory.
    Restore { file: std::path::PathBuf },
    /// Check that every slot's counters agree with its bookings and waitlist offers (booked +
    /// offered + free = capacity). Exits non-zero and lists the slots that do not.
    Check,
}

#[derive(Subcommand)]
enum SmsSimAction {
    /// One SMS from a phone number.
    Send { phone: String, text: String },
}

/// A secret from `NAME` (32 bytes, base64url) or else from the file `NAME_FILE` names.
fn secret_from_env(name: &str) -> anyhow::Result<Option<SecretSource>> {
    if let Ok(value) = std::env::var(name) {
        let secret = secret_file::parse(&value).with_context(|| {
            format!("{name} must be 32 bytes, base64url (antre-server generate-secret)")
        })?;
        return Ok(Some(SecretSource::Value(secret)));
    }
    Ok(std::env::var_os(format!("{name}_FILE")).map(|path| SecretSource::File(path.into())))
}

fn config(database_url: Option<String>) -> anyhow::Result<Config> {
    let mut c = Config::local();
    if let Some(url) = database_url {
        c.database_url = url;
    }
    if let Some(source) = secret_from_env("ANTRE_PROOF_KEY")? {
        c.proof_key = source;
    }
    if let Some(source) = secret_from_env("ANTRE_DRAW_SECRET")? {
        c.draw_secret = source;
    }
    if let Some(source) = secret_from_env("ANTRE_DATA_KEY")? {
        c.data_key = source;
    }
    if let Ok(secret) = std::env::var("ANTRE_PAYMENT_SECRET") {
        c.payment_secret = Some(secret.into_bytes());
    }
    if let Ok(secret) = std::env::var("ANTRE_SMS_SECRET") {
        c.sms_secret = Some(secret.into_bytes());
    } else if let Some(path) = std::env::var_os("ANTRE_SMS_SECRET_FILE") {
        let text = std::fs::read_to_string(&path).context("reading ANTRE_SMS_SECRET_FILE")?;
        let secret = text.trim();
        if secret.is_empty() {
            bail!("ANTRE_SMS_SECRET_FILE is empty");
        }
        c.sms_secret = Some(secret.as_bytes().to_vec());
    }
    let number = |name: &str| {
        std::env::var(name)
            .ok()
            .map(|v| {
                v.parse::<u32>()
                    .with_context(|| format!("{name} must be a number"))
            })
            .transpose()
    };
    if let Some(n) = number("ANTRE_RATE_PER_IP_PER_MINUTE")? {
        c.rate_per_ip_per_minute = n;
    }
    if let Some(n) = number("ANTRE_RATE_PER_ACCOUNT_PER_MINUTE")? {
        c.rate_per_account_per_minute = n;
    }
    if let Some(hours) = number("ANTRE_DRAW_ENTRY_HOURS")? {
        c.draw_entry_window = chrono::Duration::hours(i64::from(hours));
    }
    if let Some(n) = number("ANTRE_MAX_IN_FLIGHT")? {
        c.max_in_flight = n as usize;
    }
    if let Some(n) = number("ANTRE_SQLITE_MAX_GROUP")? {
        if n != c.sqlite_max_group as u32 {
            tracing::warn!(max_group = n, "ANTRE_SQLITE_MAX_GROUP is set: a benchmarking knob; writes stay durable, group commits take at most this many");
        }
        c.sqlite_max_group = (n as usize).max(1);
    }
    if let Ok(list) = std::env::var("ANTRE_TRUSTED_PROXIES") {
        c.trusted_proxies = antre_server::ratelimit::parse_trusted_proxies(&list)
            .map_err(|e| anyhow::anyhow!("ANTRE_TRUSTED_PROXIES: {e}"))?;
    }
    if let Some(ms) = number("ANTRE_SEARCH_SNAPSHOT_MS")? {
        c.search_snapshot_max_age = std::time::Duration::from_millis(u64::from(ms));
    }
    if let Some(ms) = number("ANTRE_SWEEP_EVERY_MS")? {
        // The sweeper's timer cannot tick every 0 ms.
        if ms == 0 {
            bail!("ANTRE_SWEEP_EVERY_MS must be at least 1");
        }
        c.sweep_every = std::time::Duration::from_millis(u64::from(ms));
    }
    if let Ok(start) = std::env::var("ANTRE_TEST_CLOCK_START") {
        let start = chrono::DateTime::parse_from_rfc3339(start.trim())
            .context("ANTRE_TEST_CLOCK_START must be an RFC 3339 instant")?
            .with_timezone(&chrono::Utc);
        tracing::warn!(%start, "ANTRE_TEST_CLOCK_START is set: this server's clock is shifted for tests; never set it in production");
        c.clock = antre_server::clock::Clock::starting_at(start);
    }
    Ok(c)
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let json = std::env::var("ANTRE_LOG_FORMAT").is_ok_and(|f| f == "json");
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| "info,sqlx=warn".into());
    if json {
        tracing_subscriber::fmt()
            .json()
            .with_env_filter(filter)
            .init();
    } else {
        tracing_subscriber::fmt().with_env_filter(filter).init();
    }
    let cli = Cli::parse();
    let mut config = config(cli.database_url)?;
    // With no subcommand, serve; ANTRE_BIND applies as it does to `serve`.
    let command = match cli.command {
        Some(command) => command,
        None => Command::Serve {
            bind: std::env::var("ANTRE_BIND")
                .unwrap_or_else(|_| "127.0.0.1:8080".into())
                .parse()
                .context("ANTRE_BIND must be an address like 127.0.0.1:8080")?,
        },
    };
    match command {
        Command::Serve { bind } => {
            config.bind = bind;
            startup::serve(config).await
        }
        Command::CreateStaff {
            email,
            phone,
            office,
            head,
            outreach,
            admin,
        } => {
            let password = match std::env::var("ANTRE_NEW_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().read_line(&mut line)?;
                    line.trim_end().to_string()
                }
            };
            let db = Db::open(&config.database_url).await?;
            seed::load(&db).await?;
            let email =
                antre_domain::person::Email::parse(&email).map_err(|e| anyhow::anyhow!("{e}"))?;
            let phone =
                antre_domain::person::Phone::parse(&phone).map_err(|e| anyhow::anyhow!("{e}"))?;
            antre_domain::person::check_password_strength(&password)
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            let hash = antre_server::passwords::hash_password(&password)?;
            let new = accounts::NewAccount {
                email: email.as_str(),
                phone: phone.as_str(),
                password_hash: &hash,
                role: match (admin, head, outreach) {
                    (true, _, _) => Role::Admin,
                    (false, true, _) => Role::Head,
                    (false, false, true) => Role::Outreach,
                    (false, false, false) => Role::Staff,
                },
                office_id: office.as_deref(),
                verified_at: Some(config.clock.now()),
            };
            match accounts::create(&db, new, config.clock.now()).await? {
                accounts::Created::New(id) | accounts::Created::ReplacedUnverified(id) => {
                    println!("created {id}")
                }
                accounts::Created::Taken => bail!("an account with that email exists"),
            }
            Ok(())
        }
        Command::Outbox { to, last } => {
            let db = Db::open(&config.database_url).await?;
            for m in accounts::recent_outbox(&db, to.as_deref(), last).await? {
                println!(
                    "{} {} {} {}: {}",
                    m.created_at.to_rfc3339(),
                    m.channel,
                    m.purpose,
                    m.recipient,
                    m.body
                );
            }
            Ok(())
        }
        Command::ConfirmPayment { billing_code } => {
            let db = Db::open(&config.database_url).await?;
            let booking = bookings::by_billing_code(&db, &billing_code)
                .await?
                .context("no booking with that billing code")?;
            // The local stand-in for a payment provider: recorded and audited like any payment.
            let recorded = payments::receive(
                &db,
                payments::Received {
                    channel: payments::Channel::Operator,
                    reference: format!("operator:{}", booking.id),
                    billing_code,
                    amount: booking.fee_total,
                },
                Some((Actor::operator(), "payment.operator".to_string())),
                config.clock.now(),
            )
            .await?;
            db.close().await;
            match recorded.outcome {
                payments::Outcome::RefundDue => {
                    bail!(
                        "recorded, but not applied ({:?}): owed back",
                        recorded.reason
                    )
                }
                _ => {
                    println!("confirmed {}", booking.id);
                    Ok(())
                }
            }
        }
        Command::Check => {
            let db = Db::open(&config.database_url).await?;
            let broken = antre_server::store::invariants::check(&db).await?;
            db.close().await;
            for b in &broken {
                println!("{b}");
            }
            if broken.is_empty() {
                println!("every slot: booked + offered + free = capacity, and the counters match the rows");
                Ok(())
            } else {
                bail!("{} slots break the rule", broken.len())
            }
        }
        Command::SmsSim {
            action: SmsSimAction::Send { phone, text },
        } => {
            let db = Db::open(&config.database_url).await?;
            let catalog = std::sync::Arc::new(seed::load(&db).await?);
            let ctx = antre_server::sms::SmsCtx {
                db: db.clone(),
                catalog,
                localizer: std::sync::Arc::new(antre_i18n::Localizer::new()),
                gateway: std::sync::Arc::new(antre_server::sms::OutboxGateway),
                drawn_releases: std::sync::Arc::new(antre_server::draws::DrawnReleases::default()),
            };
            let handled =
                antre_server::sms::handle(&ctx, &phone, &text, None, config.clock.now()).await?;
            db.close().await;
            if handled.replies.is_empty() {
                println!(
                    "(no reply{})",
                    if handled.rate_limited {
                        ": over the limit"
                    } else {
                        ""
                    }
                );
            }
            for reply in &handled.replies {
                println!("{reply}");
            }
            Ok(())
        }
        Command::Backup { file } => {
            let s = antre_server::backup::backup(&config.database_url, &file).await?;
            println!(
                "backed up {} bookings and {} accounts ({} bytes) to {}",
                s.bookings,
                s.accounts,
                s.bytes,
                file.display()
            );
            Ok(())
        }
        Command::Restore { file } => {
            let s = antre_server::backup::restore(&config.database_url, &file).await?;
            println!(
                "restored {} bookings and {} accounts from {}",
                s.bookings,
                s.accounts,
                file.display()
            );
            Ok(())
        }
        Command::GenerateSecret => {
            println!("{}", secret_file::encode(&secret_file::generate()));
            Ok(())
        }
    }
}
