//! The SMS channel's text protocol, for people without the app or data: commands in, and the
//! length rules of replies out (160 GSM-7 characters per SMS, or a few numbered parts).

/// A command as texted, words in any case, extra spaces ignored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmsCommand {
    /// `JADWAL <office>`: the earliest days with places at an office (by id, city or name).
    Schedule(String),
    /// `CEK <billing code>`: a booking's status.
    Check(String),
    /// `BATAL <billing code>`: cancel a booking.
    Cancel(String),
    /// `NILAI <billing code> <1-5> [comment]` (or `RATE`): rate a visit after check-in.
    Rate {
        code: String,
        rating: u8,
        comment: String,
    },
    /// `PESAN <office> <person> [DD-MM]` (or `BOOK`): book the earliest regular place at the
    /// office (or that day's earliest) for one of the account's applicants, named by their number
    /// in the account's list (1 to 5) or their first name. The office may take several words;
    /// `person` is empty when only the office was texted.
    Book {
        office: String,
        person: String,
        date: Option<DayMonth>,
    },
    /// `BANTUAN` (or `HELP`, or anything not understood): how to use the channel.
    Help,
    /// A known command without its argument.
    MissingArgument(&'static str),
}

/// A date as texted: `8-12`, `08/12`, `08.12`, or with a year `08-12-2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DayMonth {
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
}

impl DayMonth {
    pub fn parse(word: &str) -> Option<DayMonth> {
        let parts = word.split(['-', '/', '.']).collect::<Vec<_>>();
        if !(2..=3).contains(&parts.len())
            || parts
                .iter()
                .any(|p| p.is_empty() || !p.chars().all(|c| c.is_ascii_digit()) || p.len() > 4)
        {
            return None;
        }
        let day = parts[0]
            .parse::<u32>()
            .ok()
            .filter(|d| (1..=31).contains(d))?;
        let month = parts[1]
            .parse::<u32>()
            .ok()
            .filter(|m| (1..=12).contains(m))?;
        let year = match parts.get(2) {
            None => None,
            Some(y) if y.len() == 4 => Some(y.parse::<i32>().ok()?),
            Some(y) if y.len() == 2 => Some(2000 + y.parse::<i32>().ok()?),
            Some(_) => return None,
        };
        Some(DayMonth { day, month, year })
    }

    /// The date meant: with its year, or the first such day on or after `today`. `None` if
    /// there is no such day (31-02).
    pub fn resolve(self, today: chrono::NaiveDate) -> Option<chrono::NaiveDate> {
        use chrono::{Datelike, NaiveDate};
        match self.year {
            Some(y) => NaiveDate::from_ymd_opt(y, self.month, self.day),
            None => [today.year(), today.year() + 1]
                .into_iter()
                .filter_map(|y| NaiveDate::from_ymd_opt(y, self.month, self.day))
                .find(|d| *d >= today),
        }
    }
}

impl SmsCommand {
    pub fn parse(text: &str) -> SmsCommand {
        let mut words = text.split_whitespace();
        let Some(first) = words.next() else {
            return SmsCommand::Help;
        };
        let rest = words.collect::<Vec<_>>().join(" ");
        let word = first.to_uppercase();
        let needs = |name: &'static str, build: fn(String) -> SmsCommand| {
            if rest.is_empty() {
                SmsCommand::MissingArgument(name)
            } else {
                build(rest.clone())
            }
        };
        match word.as_str() {
            "JADWAL" | "SCHEDULE" => needs("JADWAL", SmsCommand::Schedule),
            "CEK" | "CHECK" => needs("CEK", |c| SmsCommand::Check(c.replace(' ', ""))),
            "BATAL" | "CANCEL" => needs("BATAL", |c| SmsCommand::Cancel(c.replace(' ', ""))),
            "NILAI" | "RATE" => {
                let mut rest = rest.splitn(3, ' ');
                let code = rest.next().unwrap_or_default().to_string();
                let rating = rest
                    .next()
                    .and_then(|r| r.parse::<u8>().ok())
                    .filter(|r| (1..=5).contains(r));
                match rating {
                    Some(rating) if !code.is_empty() => SmsCommand::Rate {
                        code,
                        rating,
                        comment: rest.next().unwrap_or_default().trim().to_string(),
                    },
                    _ => SmsCommand::MissingArgument("NILAI"),
                }
            }
            "PESAN" | "BOOK" if rest.is_empty() => SmsCommand::MissingArgument("PESAN"),
            "PESAN" | "BOOK" => {
                let mut words = rest.split(' ').collect::<Vec<_>>();
                let date = words.last().and_then(|w| DayMonth::parse(w));
                if date.is_some() {
                    words.pop();
                }
                let person = if words.len() >= 2 {
                    words.pop().unwrap_or_default().to_string()
                } else {
                    String::new()
                };
                if words.is_empty() {
                    return SmsCommand::MissingArgument("PESAN");
                }
                SmsCommand::Book {
                    office: words.join(" "),
                    person,
                    date,
                }
            }
            _ => SmsCommand::Help,
        }
    }
}

/// Characters of one SMS in GSM-7.
pub const SMS_CHARS: usize = 160;
/// Characters of each part of a split message (the user data header takes the rest).
pub const PART_CHARS: usize = 153;
/// The most parts a reply is split into.
pub const MAX_PARTS: usize = 4;

/// GSM 03.38's basic character set (the characters one septet encodes).
const GSM7_BASIC: &str = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
/// The extension table: two septets each.
const GSM7_EXTENDED: &str = "^{}\\[~]|€\x0c";

/// The septets a character takes in GSM-7, or `None` if it has none.
pub fn gsm7_septets(c: char) -> Option<usize> {
    if GSM7_BASIC.contains(c) {
        Some(1)
    } else if GSM7_EXTENDED.contains(c) {
        Some(2)
    } else {
        None
    }
}

/// Text made sendable in GSM-7: common letters with accents lose them, other characters
/// become `?`; typographic quotes and dashes become plain ones.
pub fn to_gsm7(text: &str) -> String {
    text.chars()
        .map(|c| {
            if gsm7_septets(c).is_some() {
                return c;
            }
            match c {
                '‘' | '’' => '\'',
                '“' | '”' => '"',
                '–' | '—' => '-',
                'á' | 'â' | 'ã' => 'a',
                'í' | 'î' => 'i',
                'ó' | 'ô' | 'õ' => 'o',
                'ú' | 'û' => 'u',
                'ê' | 'ë' => 'e',
                'ç' => 'c',
                '\u{2068}' | '\u{2069}' => ' ',
                _ => '?',
            }
        })
        .collect()
}

fn septets(text: &str) -> usize {
    text.chars().map(|c| gsm7_septets(c).unwrap_or(1)).sum()
}

/// A reply as the SMS it is sent in: one message of at most 160 septets, or parts of at most
/// 153 numbered `(1/3) ` (the number counts), split between words, at most `MAX_PARTS`
/// (the last cut with `..` if the text is longer still).
pub fn split_reply(text: &str) -> Vec<String> {
    let text = to_gsm7(text.trim());
    if septets(&text) <= SMS_CHARS {
        return vec![text];
    }
    let budget = PART_CHARS - "(1/4) ".len();
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let word_len = septets(word);
        let needed = if current.is_empty() {
            word_len
        } else {
            septets(&current) + 1 + word_len
        };
        if needed <= budget {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
            continue;
        }
        if !current.is_empty() {
            parts.push(std::mem::take(&mut current));
        }
        // A word longer than a part (never in our texts) is cut.
        let mut w = word.to_string();
        while septets(&w) > budget {
            let cut: String = w.chars().take(budget).collect();
            w = w.chars().skip(budget).collect();
            parts.push(cut);
        }
        current = w;
    }
    if !current.is_empty() {
        parts.push(current);
    }
    if parts.len() > MAX_PARTS {
        parts.truncate(MAX_PARTS);
        let last = parts.last_mut().expect("parts");
        while septets(last) + 2 > budget {
            last.pop();
        }
        last.push_str("..");
    }
    let n = parts.len();
    parts
        .into_iter()
        .enumerate()
        .map(|(i, p)| format!("({}/{n}) {p}", i + 1))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn commands_in_any_case_with_their_argument() {
        assert_eq!(
            SmsCommand::parse("  jadwal   Bekasi "),
            SmsCommand::Schedule("Bekasi".into())
        );
        assert_eq!(
            SmsCommand::parse("CEK 8201 2345 6789"),
            SmsCommand::Check("820123456789".into())
        );
        assert_eq!(
            SmsCommand::parse("batal"),
            SmsCommand::MissingArgument("BATAL")
        );
        assert_eq!(
            SmsCommand::parse("nilai 820112345678 5 Cepat dan ramah"),
            SmsCommand::Rate {
                code: "820112345678".into(),
                rating: 5,
                comment: "Cepat dan ramah".into()
            }
        );
        assert_eq!(
            SmsCommand::parse("NILAI 820112345678 4"),
            SmsCommand::Rate {
                code: "820112345678".into(),
                rating: 4,
                comment: String::new()
            }
        );
        assert_eq!(
            SmsCommand::parse("NILAI 820112345678 9"),
            SmsCommand::MissingArgument("NILAI")
        );
        assert_eq!(
            SmsCommand::parse("NILAI"),
            SmsCommand::MissingArgument("NILAI")
        );
        assert_eq!(
            SmsCommand::parse("pesan bekasi 2"),
            SmsCommand::Book {
                office: "bekasi".into(),
                person: "2".into(),
                date: None
            }
        );
        assert_eq!(
            SmsCommand::parse("PESAN  Jakarta Selatan  Siti 8/12"),
            SmsCommand::Book {
                office: "Jakarta Selatan".into(),
                person: "Siti".into(),
                date: Some(DayMonth {
                    day: 8,
                    month: 12,
                    year: None
                })
            }
        );
        assert_eq!(
            SmsCommand::parse("PESAN BEKASI"),
            SmsCommand::Book {
                office: "BEKASI".into(),
                person: String::new(),
                date: None
            }
        );
        assert_eq!(
            SmsCommand::parse("PESAN 08-12"),
            SmsCommand::MissingArgument("PESAN")
        );
        assert_eq!(
            SmsCommand::parse("PESAN"),
            SmsCommand::MissingArgument("PESAN")
        );
        assert_eq!(SmsCommand::parse("BANTUAN"), SmsCommand::Help);
        assert_eq!(SmsCommand::parse(""), SmsCommand::Help);
        assert_eq!(SmsCommand::parse("halo"), SmsCommand::Help);
    }

    #[test]
    fn texted_dates_are_the_next_such_day() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
        let d = |t: &str| DayMonth::parse(t).and_then(|d| d.resolve(today));
        assert_eq!(d("08-12"), chrono::NaiveDate::from_ymd_opt(2026, 12, 8));
        assert_eq!(d("4.12"), Some(today));
        assert_eq!(d("05/01"), chrono::NaiveDate::from_ymd_opt(2027, 1, 5));
        assert_eq!(d("05-01-27"), chrono::NaiveDate::from_ymd_opt(2027, 1, 5));
        assert_eq!(d("31-02"), None);
        assert_eq!(DayMonth::parse("32-01"), None);
        assert_eq!(DayMonth::parse("1"), None);
        assert_eq!(DayMonth::parse("SITI"), None);
    }

    #[test]
    fn short_replies_are_one_sms() {
        assert_eq!(
            split_reply("Jadwal Anda dibatalkan."),
            vec!["Jadwal Anda dibatalkan."]
        );
        assert_eq!(split_reply("Café “x”"), vec!["Café \"x\""]);
    }

    proptest! {
        #[test]
        fn every_part_fits_and_no_word_is_lost(words in proptest::collection::vec("[a-zA-Z0-9]{1,12}", 1..80)) {
            let text = words.join(" ");
            let parts = split_reply(&text);
            prop_assert!(parts.len() <= MAX_PARTS);
            if parts.len() == 1 {
                prop_assert!(septets(&parts[0]) <= SMS_CHARS);
                prop_assert_eq!(&parts[0], &text);
            } else {
                for p in &parts {
                    prop_assert!(septets(p) <= PART_CHARS, "{} chars: {}", septets(p), p);
                }
                let joined: Vec<String> = parts.iter().map(|p| p.split_once(") ").unwrap().1.to_string()).collect();
                let joined = joined.join(" ");
                if !joined.ends_with("..") {
                    prop_assert_eq!(joined, text);
                }
            }
        }
    }
}
