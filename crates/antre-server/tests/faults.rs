//! Faults: the server process killed (SIGKILL) in the middle of a booking flood, and the network
//! between client and server cut by a proxy in the middle of bookings. Whatever happens, no
//! acknowledged booking is lost, none is half-written (the operator's `antre-server check`
//! passes), and retrying with the same idempotency key makes exactly one booking per request.
//! SQLite by default, PostgreSQL with `ANTRE_TEST_POSTGRES_URL` (`cargo xtask test` runs both).
//! The moments of the faults come from a seed (`ANTRE_FAULTS_SEED`, printed) so that a failure
//! can be replayed.

mod support;

use antre_api::bookings::CreateBookingRequest;
use antre_api::{ApplicationKind, BookingStatus, Lane, PassportKind, Validity};
use antre_client::{Client, ClientError};
use antre_server::store::invariants;
use futures::future::join_all;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use sqlx::Row;
use std::collections::{HashMap, HashSet};
use std::net::SocketAddr;
use std::time::{Duration, Instant};
use support::process::Process;
use support::{applicant, day, spawn_app, TestApp};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::watch;
use uuid::Uuid;

const BEKASI: &str = "kanim-bekasi";
/// Kill-and-restart rounds per engine.
const ROUNDS: usize = 10;
/// Accounts per round, each booking for its 5 applicants: 20 concurrent bookings a round.
const ACCOUNTS_PER_ROUND: usize = 4;
const PEOPLE_PER_ACCOUNT: u32 = 5;
/// The flood's requests start spread over this many milliseconds...
const FLOOD_SPREAD_MS: u64 = 300;
/// ...and the kill lands somewhere in this range after the first.
const KILL_WITHIN_MS: (u64, u64) = (20, 320);

fn seed() -> u64 {
    let seed = std::env::var("ANTRE_FAULTS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(rand::random);
    println!("ANTRE_FAULTS_SEED={seed}");
    seed
}

fn request(applicant: Uuid, slot: i64) -> CreateBookingRequest {
    CreateBookingRequest {
        applicant_id: applicant,
        slot_id: slot,
        passport_kind: PassportKind::Ordinary,
        validity: Validity::FiveYears,
        application_kind: ApplicationKind::New,
    }
}

/// One person's booking request: who asks (the account's session token), for whom, with which
/// idempotency key.
#[derive(Clone)]
struct Attempt {
    token: String,
    applicant: Uuid,
    key: String,
}

/// How a request ended for the client.
enum Outcome {
    /// A 2xx answer naming the booking.
    Acknowledged(Uuid),
    /// No answer (connection refused, reset or closed).
    Unanswered,
}

fn outcome(result: Result<(antre_api::bookings::BookingView, bool), ClientError>) -> Outcome {
    match result {
        Ok((view, created)) => {
            assert!(created, "a fresh key creates its booking");
            Outcome::Acknowledged(view.id)
        }
        Err(e) if e.is_network() => Outcome::Unanswered,
        Err(e) => panic!("a booking request answered with an error: {e}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_server_killed_during_a_booking_flood_loses_and_half_writes_nothing() {
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(seed());
    let mut server = Process::start().await;
    println!("server up in {:?}", started.elapsed());

    // Everyone signs up before the first round: 40 accounts of 5 people, 200 NIKs.
    let accounts = join_all((0..ROUNDS * ACCOUNTS_PER_ROUND).map(|i| {
        let server = &server;
        async move {
            let client = signed_in(server, &format!("flood{i}@example.id")).await;
            let mut people = Vec::new();
            for p in 0..PEOPLE_PER_ACCOUNT {
                let a = applicant("BUDI SANTOSO", day(1996, 5, 17), i as u32 * 10 + p + 1);
                people.push(client.add_applicant(&a).await.expect("add applicant").id);
            }
            (client.token().unwrap().to_string(), people)
        }
    }))
    .await;
    // A slot of its own for each round, with room for everyone.
    let client = server.client();
    let mut slots = Vec::new();
    for d in 8..=11 {
        for s in client
            .day_slots(BEKASI, day(2026, 12, d), Some(Lane::Regular))
            .await
            .unwrap()
        {
            slots.push(s.slot_id);
        }
    }
    assert!(slots.len() >= ROUNDS, "{} regular slots", slots.len());
    slots.truncate(ROUNDS);
    for slot in &slots {
        server
            .db()
            .execute(
                sqlx::query("UPDATE slots SET capacity = $1, protected = 0 WHERE id = $2")
                    .bind(100i64)
                    .bind(*slot),
            )
            .await
            .unwrap();
    }
    println!("200 people signed up: {:?}", started.elapsed());

    let (mut acknowledged_total, mut unanswered_total, mut committed_unanswered_total) = (0, 0, 0);
    for (round, slot) in slots.iter().copied().enumerate() {
        let t = Instant::now();
        let attempts: Vec<Attempt> = accounts
            [round * ACCOUNTS_PER_ROUND..(round + 1) * ACCOUNTS_PER_ROUND]
            .iter()
            .flat_map(|(token, people)| {
                people.iter().map(|p| Attempt {
                    token: token.clone(),
                    applicant: *p,
                    key: Uuid::new_v4().to_string(),
                })
            })
            .collect();
        let delays: Vec<u64> = attempts
            .iter()
            .map(|_| rng.gen_range(0..FLOOD_SPREAD_MS))
            .collect();
        let kill_after = Duration::from_millis(rng.gen_range(KILL_WITHIN_MS.0..KILL_WITHIN_MS.1));
        let url = server.url();
        let flood = join_all(attempts.iter().zip(&delays).map(|(a, delay)| {
            let client = Client::new(&url).with_token(a.token.clone());
            async move {
                tokio::time::sleep(Duration::from_millis(*delay)).await;
                outcome(
                    client
                        .create_booking(&request(a.applicant, slot), &a.key)
                        .await,
                )
            }
        }));
        let killer = async {
            tokio::time::sleep(kill_after).await;
            server.kill();
        };
        let (outcomes, ()) = tokio::join!(flood, killer);
        server.restart().await;

        // The server's own check, as an operator runs it after a crash.
        let (ok, report) = server.check().await;
        assert!(
            ok,
            "round {round}: antre-server check after the restart: {report}"
        );

        // Every acknowledged booking is there, and its proof (once paid) verifies.
        let url = server.url();
        let keys = server.client().proof_keys().await.unwrap();
        let mut acknowledged = HashMap::new();
        for (a, o) in attempts.iter().zip(&outcomes) {
            let Outcome::Acknowledged(id) = o else {
                continue;
            };
            acknowledged.insert(a.key.clone(), *id);
            let owner = Client::new(&url).with_token(a.token.clone());
            let booking = owner
                .booking(*id)
                .await
                .unwrap_or_else(|e| panic!("round {round}: acknowledged booking {id} lost: {e}"));
            assert_eq!(
                (booking.slot_id, booking.applicant.id, booking.status),
                (slot, a.applicant, BookingStatus::PendingPayment)
            );
            server.pay(&booking).await;
            let paid = owner.booking(*id).await.unwrap();
            assert_eq!(paid.status, BookingStatus::Confirmed);
            let proof = paid.proof.expect("a paid booking has a proof");
            let kid = antre_proof::claimed_key_id(&proof).unwrap();
            let key = keys
                .iter()
                .find(|k| k.kid == kid)
                .expect("the proof's key is published");
            let payload = antre_proof::verify(
                &antre_proof::decode_public_key(&key.public_key).unwrap(),
                &proof,
            )
            .expect("the proof verifies");
            assert_eq!(payload.booking_id, id.to_string());
        }

        // What the kill left: each booking with its idempotency key (the request it answers).
        let found = bookings_on(&server, slot).await;
        let keyless: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM bookings b WHERE b.slot_id = $1
               AND NOT EXISTS (SELECT 1 FROM idempotency_keys k WHERE k.booking_id = b.id)",
        )
        .bind(slot)
        .fetch_one(&server.db().read)
        .await
        .unwrap()
        .get("n");
        assert_eq!(
            keyless, 0,
            "round {round}: a booking without its idempotency key"
        );

        // Every request retried with its key: the acknowledged ones name their booking again,
        // the unanswered ones make it now or find the one made before the kill; one each.
        let retries = join_all(attempts.iter().map(|a| {
            let client = Client::new(&url).with_token(a.token.clone());
            async move {
                client
                    .create_booking(&request(a.applicant, slot), &a.key)
                    .await
                    .unwrap_or_else(|e| panic!("round {round}: retry: {e}"))
            }
        }))
        .await;
        let mut committed_unanswered = 0;
        for (a, (view, created)) in attempts.iter().zip(&retries) {
            assert_eq!(view.applicant.id, a.applicant);
            match acknowledged.get(&a.key) {
                Some(id) => assert_eq!((view.id, *created), (*id, false), "replay of {id}"),
                None if !created => committed_unanswered += 1,
                None => {}
            }
        }
        let ids: HashSet<String> = retries.iter().map(|(v, _)| v.id.to_string()).collect();
        assert_eq!(ids.len(), attempts.len(), "one booking per request");
        assert!(
            found.is_subset(&ids),
            "round {round}: a booking after the kill that no request names"
        );
        assert_eq!(
            found.len(),
            acknowledged.len() + committed_unanswered,
            "round {round}: the kill left the acknowledged bookings and those whose answer it cut"
        );
        let (booked, held) = slot_counts(&server, slot).await;
        assert_eq!(
            (booked, held),
            (attempts.len() as i64, attempts.len() as i64),
            "round {round}: the slot holds exactly the round's bookings"
        );
        let (ok, report) = server.check().await;
        assert!(
            ok,
            "round {round}: antre-server check after the retries: {report}"
        );

        let unanswered = attempts.len() - acknowledged.len();
        println!(
            "round {round}: killed after {kill_after:?}; {} acknowledged, {unanswered} unanswered \
             ({committed_unanswered} of them committed before the kill); {:?}",
            acknowledged.len(),
            t.elapsed()
        );
        acknowledged_total += acknowledged.len();
        unanswered_total += unanswered;
        committed_unanswered_total += committed_unanswered;
    }
    println!(
        "{ROUNDS} kills: {acknowledged_total} acknowledged, {unanswered_total} unanswered \
         ({committed_unanswered_total} committed); {:?}",
        started.elapsed()
    );
    // The seeded moments must have hit floods in progress, or the test tested nothing.
    assert!(
        unanswered_total > 0 && acknowledged_total > 0,
        "the kills fell inside the floods"
    );
    drop(client);
    let t = Instant::now();
    server.finish().await;
    println!("stopped and cleaned up in {:?}", t.elapsed());
}

async fn signed_in(server: &Process, email: &str) -> Client {
    use antre_api::accounts::{LoginRequest, RegisterRequest, VerifyRequest};
    let client = server.client();
    client
        .register(&RegisterRequest {
            email: email.into(),
            phone: "081234567890".into(),
            password: support::PASSWORD.into(),
        })
        .await
        .expect("register");
    let body = antre_server::store::accounts::latest_outbox(server.db(), email)
        .await
        .unwrap()
        .expect("a code was sent");
    let code = body
        .split(|c: char| !c.is_ascii_digit())
        .find(|w| w.len() == 6)
        .expect("a 6-digit code")
        .to_string();
    client
        .verify(&VerifyRequest {
            email: email.into(),
            code,
            channel: None,
        })
        .await
        .expect("verify");
    let session = client
        .login(&LoginRequest {
            email: email.into(),
            password: support::PASSWORD.into(),
            device: None,
        })
        .await
        .expect("login");
    client.with_token(session.token)
}

/// The ids of a slot's bookings, whatever their status.
async fn bookings_on(server: &Process, slot: i64) -> HashSet<String> {
    sqlx::query("SELECT id FROM bookings WHERE slot_id = $1")
        .bind(slot)
        .fetch_all(&server.db().read)
        .await
        .unwrap()
        .iter()
        .map(|r| r.get("id"))
        .collect()
}

/// (booked, bookings holding a place) of a slot.
async fn slot_counts(server: &Process, slot: i64) -> (i64, i64) {
    let row = sqlx::query(
        "SELECT booked, (SELECT COUNT(*) FROM bookings b WHERE b.slot_id = s.id
                  AND b.status IN ('pending_payment', 'confirmed')) AS held
         FROM slots s WHERE id = $1",
    )
    .bind(slot)
    .fetch_one(&server.db().read)
    .await
    .unwrap();
    (row.get("booked"), row.get("held"))
}

// The network cut by a proxy.

/// What the proxy does to the traffic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Link {
    /// Bytes pass both ways.
    Up,
    /// Every connection is closed, new ones as soon as they are accepted.
    Down,
    /// Requests reach the server; its answers are thrown away and the client's connection
    /// closed (the request was done, the client never hears).
    LoseAnswers,
    /// Half of a request reaches the server, then both connections are closed.
    CutRequests,
}

/// A TCP proxy on 127.0.0.1 in front of `upstream`, its link set by the test.
struct Proxy {
    addr: SocketAddr,
    link: watch::Sender<Link>,
    accepting: tokio::task::JoinHandle<()>,
}

impl Proxy {
    async fn start(upstream: SocketAddr) -> Proxy {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        let (link, watching) = watch::channel(Link::Up);
        let accepting = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(relay(client, upstream, watching.clone()));
            }
        });
        Proxy {
            addr,
            link,
            accepting,
        }
    }

    fn set(&self, link: Link) {
        self.link.send_replace(link);
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        // Closes the connections it relays, so that the server's graceful stop has none to
        // wait for.
        self.link.send_replace(Link::Down);
        self.accepting.abort();
    }
}

/// Relays one connection until either side closes or the link says otherwise; returning drops
/// (closes) both sockets.
async fn relay(client: TcpStream, upstream: SocketAddr, mut link: watch::Receiver<Link>) {
    if *link.borrow_and_update() == Link::Down {
        return;
    }
    let Ok(server) = TcpStream::connect(upstream).await else {
        return;
    };
    let (mut from_client, mut to_client) = client.into_split();
    let (mut from_server, mut to_server) = server.into_split();
    let (mut up, mut down) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        tokio::select! {
            changed = link.changed() => {
                if changed.is_err() || *link.borrow_and_update() == Link::Down {
                    return;
                }
            }
            read = from_client.read(&mut up) => {
                let n = match read { Ok(0) | Err(_) => return, Ok(n) => n };
                let now = *link.borrow();
                match now {
                    Link::Down => return,
                    Link::CutRequests => {
                        let _ = to_server.write_all(&up[..n / 2]).await;
                        return;
                    }
                    Link::Up | Link::LoseAnswers => {
                        if to_server.write_all(&up[..n]).await.is_err() {
                            return;
                        }
                    }
                }
            }
            read = from_server.read(&mut down) => {
                let n = match read { Ok(0) | Err(_) => return, Ok(n) => n };
                let now = *link.borrow();
                match now {
                    Link::Up | Link::CutRequests => {
                        if to_client.write_all(&down[..n]).await.is_err() {
                            return;
                        }
                    }
                    Link::Down | Link::LoseAnswers => return,
                }
            }
        }
    }
}

/// The bookings of `applicant` that hold a place, read from the tables.
async fn places_held_by(app: &TestApp, applicant: Uuid) -> Vec<String> {
    sqlx::query(
        "SELECT id FROM bookings WHERE applicant_id = $1
           AND status IN ('pending_payment', 'confirmed')",
    )
    .bind(applicant.to_string())
    .fetch_all(&app.db().read)
    .await
    .unwrap()
    .iter()
    .map(|r| r.get("id"))
    .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_network_cut_in_the_middle_of_bookings_makes_exactly_the_expected_bookings() {
    let started = Instant::now();
    let mut rng = StdRng::seed_from_u64(seed());
    let app = spawn_app().await;
    let proxy = Proxy::start(app.url.trim_start_matches("http://").parse().unwrap()).await;
    let (direct, people) = app.family("cut@example.id", 3, 1).await;
    let token = direct.token().unwrap().to_string();
    let through = Client::new(&proxy.url()).with_token(token.clone());
    let slot = direct
        .day_slots(BEKASI, day(2026, 12, 8), Some(Lane::Regular))
        .await
        .unwrap()[0]
        .slot_id;
    app.set_capacity(slot, 100).await;
    // The link works.
    through.server_time().await.expect("through the proxy");

    // 1. The answer is lost: the booking was made, the client does not know. The retry with
    // the same key names it and makes no second one.
    let key = Uuid::new_v4().to_string();
    proxy.set(Link::LoseAnswers);
    let lost = through
        .create_booking(&request(people[0].id, slot), &key)
        .await;
    assert!(
        lost.as_ref().is_err_and(ClientError::is_network),
        "{lost:?}"
    );
    let made = places_held_by(&app, people[0].id).await;
    assert_eq!(made.len(), 1, "the server made the booking");
    proxy.set(Link::Up);
    let (view, created) = through
        .create_booking(&request(people[0].id, slot), &key)
        .await
        .unwrap();
    assert_eq!((view.id.to_string(), created), (made[0].clone(), false));
    assert_eq!(places_held_by(&app, people[0].id).await, made);

    // 2. The request is cut halfway: nothing is made; the retry makes it, once.
    let key = Uuid::new_v4().to_string();
    proxy.set(Link::CutRequests);
    let cut = through
        .create_booking(&request(people[1].id, slot), &key)
        .await;
    assert!(cut.as_ref().is_err_and(ClientError::is_network), "{cut:?}");
    assert!(places_held_by(&app, people[1].id).await.is_empty());
    proxy.set(Link::Up);
    let (view, created) = through
        .create_booking(&request(people[1].id, slot), &key)
        .await
        .unwrap();
    assert!(created);
    assert_eq!(
        places_held_by(&app, people[1].id).await,
        [view.id.to_string()]
    );

    // 3. The link is down: nothing is made; the retry once it is back makes it, once.
    let key = Uuid::new_v4().to_string();
    proxy.set(Link::Down);
    let down = through
        .create_booking(&request(people[2].id, slot), &key)
        .await;
    assert!(
        down.as_ref().is_err_and(ClientError::is_network),
        "{down:?}"
    );
    assert!(places_held_by(&app, people[2].id).await.is_empty());
    proxy.set(Link::Up);
    let (view, created) = through
        .create_booking(&request(people[2].id, slot), &key)
        .await
        .unwrap();
    assert!(created);
    assert_eq!(
        places_held_by(&app, people[2].id).await,
        [view.id.to_string()]
    );

    // 4. A flood of 20 people, each retrying with its key until answered, and the link cut
    // for a moment at a seeded time in the middle of it.
    let families = join_all((0..4u32).map(|i| {
        let app = &app;
        async move {
            app.family(&format!("crowd{i}@example.id"), 5, 10 * i + 11)
                .await
        }
    }))
    .await;
    let cut_after = Duration::from_millis(rng.gen_range(50..250));
    let cut_for = Duration::from_millis(rng.gen_range(100..400));
    let mut crowd: Vec<(Client, Uuid, String, u64)> = families
        .iter()
        .flat_map(|(c, people)| {
            let token = c.token().unwrap().to_string();
            people
                .iter()
                .map(move |p| (token.clone(), p.id))
                .collect::<Vec<_>>()
        })
        .map(|(token, id)| {
            (
                Client::new(&proxy.url()).with_token(token),
                id,
                Uuid::new_v4().to_string(),
                rng.gen_range(0..FLOOD_SPREAD_MS),
            )
        })
        .collect();
    // One of them, at least, asks while the link is down.
    crowd[0].3 = (cut_after + cut_for / 2).as_millis() as u64;
    let flood = join_all(
        crowd
            .iter()
            .map(|(client, applicant, key, delay)| async move {
                tokio::time::sleep(Duration::from_millis(*delay)).await;
                let deadline = Instant::now() + Duration::from_secs(20);
                let mut tries = 0;
                loop {
                    tries += 1;
                    match client.create_booking(&request(*applicant, slot), key).await {
                        Ok((view, created)) => return (view, created, tries),
                        Err(e) if e.is_network() && Instant::now() < deadline => {
                            tokio::time::sleep(Duration::from_millis(50)).await;
                        }
                        Err(e) => panic!("a booking through the proxy: {e}"),
                    }
                }
            }),
    );
    let cutter = async {
        tokio::time::sleep(cut_after).await;
        proxy.set(Link::Down);
        tokio::time::sleep(cut_for).await;
        proxy.set(Link::Up);
    };
    let (answers, ()) = tokio::join!(flood, cutter);
    let retried = answers.iter().filter(|(_, _, tries)| *tries > 1).count();
    let answer_lost = answers
        .iter()
        .filter(|(_, created, tries)| *tries > 1 && !created)
        .count();
    for ((_, applicant, _, _), (view, _, _)) in crowd.iter().zip(&answers) {
        assert_eq!(
            places_held_by(&app, *applicant).await,
            [view.id.to_string()],
            "exactly the booking the client was told of"
        );
    }
    // The 3 bookings above and the crowd's 20, each once.
    let expected = 3 + crowd.len() as i64;
    assert_eq!(app.slot_counts(slot).await, (100, expected, expected));
    let broken = invariants::check(app.db()).await.unwrap();
    assert!(broken.is_empty(), "{broken:?}");
    println!(
        "cut after {cut_after:?} for {cut_for:?}: {retried} of {} retried, {answer_lost} of them \
         had been made before the cut; {:?}",
        crowd.len(),
        started.elapsed()
    );
    assert!(
        retried > 0,
        "a request asked while the link was down was retried"
    );
    drop((crowd, through, direct, proxy));
    let t = Instant::now();
    app.stop().await;
    println!("stopped in {:?}", t.elapsed());
}
