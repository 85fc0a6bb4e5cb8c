//! `portico demo --releases N [--seed S]`: a fresh database filled with the demo content, then
//! with N generated press releases spread over the demo's sites and their languages, with
//! countries, themes, partners and contacts, and bodies of 300 to 900 words assembled from
//! sentence fragments written for it — the same corpus for the same seed. It is how the
//! benchmark and anyone curious get an organization of realistic size.
//!
//! The words are ours and illustrative: every figure, name and quotation is invented.

use std::collections::BTreeMap;
use std::sync::OnceLock;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use portico_content::{Draft, Kind, SiteId, Status, slugify};
use portico_geo::Lang;
use portico_store::{ImportDocument, ImportVariant, Store};
use serde::Deserialize;
use time::{Date, Month, OffsetDateTime};

use crate::server::ServeConfig;

/// Releases written per transaction. Fewer, larger transactions write the pages that every
/// batch changes (the ends of the per-site indexes, the unique index of slugs) fewer times:
/// at 200 000 releases, 5 000 a batch wrote 16 GB where 2 000 wrote 19 GB. More would pass
/// SQLite's limit of bound values in the statements that take a batch's ids.
const BATCH: usize = 5_000;
/// Releases written between two checkpoints of the write-ahead log: it holds at most about
/// this many releases' pages (some 300 MB).
const CHECKPOINT_EVERY: u64 = 20_000;
/// An early first checkpoint: on PostgreSQL it is when the planner first learns that the
/// tables are no longer empty (see `Store::checkpoint`).
const FIRST_CHECKPOINT: u64 = BATCH as u64;
/// The most releases one run generates.
pub const MAX_RELEASES: u64 = 5_000_000;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct CorpusOptions {
    /// How many releases (documents; their translations come on top).
    pub releases: u64,
    /// The seed: the same seed gives the same corpus.
    pub seed: u64,
}

/// What was generated.
#[derive(Debug, Clone, Copy)]
pub struct CorpusSummary {
    /// Releases created.
    pub releases: u64,
    /// Their language versions, translations included.
    pub variants: u64,
    /// The database's size at the end (SQLite: file and write-ahead log).
    pub database_bytes: u64,
    /// The most disk the database and the search index took together, measured just before
    /// each checkpoint and at the end.
    pub largest_disk_bytes: u64,
    /// Pages and releases in the search index, built alongside the import.
    pub indexed: u64,
    /// The search index's size at the end.
    pub index_bytes: u64,
}

/// A tiny, well-known pseudo-random generator (splitmix64): reproducible everywhere, and
/// enough for picking words.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn word<'a>(&mut self, items: &'a [String]) -> &'a str {
        items.get(self.below(items.len())).map_or("", String::as_str)
    }

    /// `true` with probability `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Draws fragments without repeating one before all were used, like cards from a deck.
struct Deck<'a> {
    items: &'a [String],
    order: Vec<usize>,
}

impl<'a> Deck<'a> {
    fn new(items: &'a [String]) -> Deck<'a> {
        Deck { items, order: Vec::new() }
    }

    fn draw(&mut self, rng: &mut SplitMix64) -> &'a str {
        if self.order.is_empty() {
            self.order = (0..self.items.len()).collect();
            // Fisher–Yates.
            for i in (1..self.order.len()).rev() {
                let j = rng.below(i + 1);
                self.order.swap(i, j);
            }
        }
        self.order.pop().and_then(|i| self.items.get(i)).map_or("", String::as_str)
    }
}

/// What releases are assembled from: `data/corpus.toml`, built into the binary.
#[derive(Debug, Deserialize)]
struct Fragments {
    /// People quoted, for languages that have no names of their own.
    names: Vec<String>,
    places: Vec<Place>,
    /// By language code; English stands in for a language without its own.
    words: BTreeMap<String, Words>,
}

/// A country releases are about, with the city its datelines name.
#[derive(Debug, Deserialize)]
struct Place {
    country: String,
    city: String,
    /// The city's Arabic spelling, for the Arab world's offices.
    city_ar: Option<String>,
}

/// The fragments of one language.
#[derive(Debug, Deserialize)]
struct Words {
    /// Title: `{actor} {verb} {object}` placed in a pattern with `{country}`.
    title: String,
    actors: Vec<String>,
    verbs: Vec<String>,
    objects: Vec<String>,
    summaries: Vec<String>,
    openers: Vec<String>,
    sentences: Vec<String>,
    quotes: Vec<String>,
    /// How a quotation is attributed: `{quote}`, `{name}`, `{role}`.
    said: String,
    roles: Vec<String>,
    /// People quoted; empty takes [`Fragments::names`].
    #[serde(default)]
    names: Vec<String>,
    headings: Vec<String>,
    list_intro: String,
    items: Vec<String>,
    closings: Vec<String>,
}

/// The built-in fragments, read once.
fn fragments() -> Result<&'static Fragments> {
    static FRAGMENTS: OnceLock<Result<Fragments, String>> = OnceLock::new();
    FRAGMENTS
        .get_or_init(|| {
            toml::from_str(include_str!("../data/corpus.toml")).map_err(|e| format!("data/corpus.toml: {e}"))
        })
        .as_ref()
        .map_err(|e| anyhow::anyhow!("{e}"))
}

impl Fragments {
    fn words(&self, language: &str) -> Result<&Words> {
        self.words
            .get(language)
            .or_else(|| self.words.get("en"))
            .with_context(|| format!("data/corpus.toml has no words for {language} nor English"))
    }
}

/// The facts a release and its translations share.
struct Facts {
    countries: Vec<String>,
    place: usize,
    themes: Vec<String>,
    partners: Vec<String>,
    contacts: Vec<String>,
    programme: String,
    published_at: OffsetDateTime,
    /// Goal and target codes.
    goals: Vec<String>,
}

/// The goals of release `number`, from a generator of their own so that adding them left
/// every other draw of the corpus as it was: most releases serve one or two goals, migration's
/// own target 10.7 most often, as an agency's archive does.
fn goals_of(number: u64) -> Vec<String> {
    let mut rng = SplitMix64(number.wrapping_mul(0xD1B5_4A32_D192_ED03) ^ 0x2030);
    let mut goals: Vec<String> = Vec::new();
    if rng.chance(40) {
        goals.push("10.7".to_owned());
    }
    for _ in 0..rng.below(3) {
        let goal =
            portico_content::sdg::GOALS[rng.below(portico_content::sdg::GOALS.len())].number.to_string();
        if !goals.contains(&goal) {
            goals.push(goal);
        }
    }
    goals
}

/// What the generator draws from: the store's sites and taxonomy.
struct Universe {
    /// (site, its languages, its country): the global site first.
    sites: Vec<(SiteId, Vec<String>, Option<String>)>,
    themes: Vec<String>,
    partners: Vec<(String, String)>,
    contacts: Vec<String>,
    /// Keys of the programmes every site may link.
    programmes: Vec<String>,
    fragments: &'static Fragments,
    /// Seconds from the first release's date to the last's.
    span: i64,
    first: OffsetDateTime,
    /// How many releases the corpus has: release `n` of them is dated `n / total` of the way
    /// through the span.
    total: u64,
}

impl Universe {
    fn place_of(&self, country: &str) -> Option<usize> {
        self.fragments.places.iter().position(|place| place.country == country)
    }

    fn facts(&self, rng: &mut SplitMix64, site: usize, number: u64) -> Facts {
        let mut countries: Vec<String> = Vec::new();
        let own = self.sites[site].2.as_deref().and_then(|c| self.place_of(c));
        if let Some(own) = own {
            countries.push(self.fragments.places[own].country.clone());
        }
        let extra = if own.is_some() { rng.below(2) } else { rng.between(1, 3) };
        for _ in 0..extra {
            let code = rng.pick(&self.fragments.places).country.clone();
            if !countries.contains(&code) {
                countries.push(code);
            }
        }
        let place = own.unwrap_or_else(|| self.place_of(&countries[0]).unwrap_or(0));
        let mut pick_some = |from: &[String], low: usize, high: usize| {
            let mut chosen: Vec<String> = Vec::new();
            if from.is_empty() {
                return chosen;
            }
            for _ in 0..rng.between(low, high) {
                let item = rng.pick(from).clone();
                if !chosen.contains(&item) {
                    chosen.push(item);
                }
            }
            chosen
        };
        let themes = pick_some(&self.themes, 1, 3);
        let partner_slugs: Vec<String> = self.partners.iter().map(|(slug, _)| slug.clone()).collect();
        let partners = pick_some(&partner_slugs, 0, 2);
        let contacts = pick_some(&self.contacts, 1, 1);
        let programme = if rng.chance(50) && !self.programmes.is_empty() {
            rng.word(&self.programmes).to_owned()
        } else {
            String::new()
        };
        // Dated in the order they are numbered, as a newsroom's archive is (a CMS's ids grow
        // with time); the moment within the release's share of the span is drawn. Drawn over
        // the whole span, every release landed in the middle of every date-ordered index.
        let step = (self.span as u64 / self.total.max(1)).max(1);
        let offset = (number.saturating_sub(1) * step).min(self.span as u64) + rng.next() % step;
        let published_at = self.first + time::Duration::seconds(offset.min(self.span as u64) as i64);
        Facts {
            countries,
            place,
            themes,
            partners,
            contacts,
            programme,
            published_at,
            goals: goals_of(number),
        }
    }

    /// The name shown for a partner in running text: its acronym when it has one.
    fn partner_name(&self, facts: &Facts, rng: &mut SplitMix64) -> String {
        let slug = if facts.partners.is_empty() {
            self.partners.get(rng.below(self.partners.len().max(1))).map(|(slug, _)| slug.clone())
        } else {
            Some(rng.pick(&facts.partners).clone())
        };
        slug.and_then(|slug| self.partners.iter().find(|(s, _)| *s == slug).map(|(_, name)| name.clone()))
            .unwrap_or_else(|| "UNHCR".to_owned())
    }
}

/// Fills the placeholders of a fragment.
fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// A release's slug: its title's, shortened to leave room for a number that keeps it unique.
fn unique_slug(title: &str, number: u64) -> String {
    let suffix = format!("-{number}");
    let mut slug = slugify(title);
    while slug.len() + suffix.len() > 80 {
        match slug.rfind('-') {
            Some(cut) => slug.truncate(cut),
            None => slug.truncate(80 - suffix.len()),
        }
    }
    if slug.is_empty() {
        slug.push_str("release");
    }
    slug + &suffix
}

/// One language version of a release.
fn write_release(
    universe: &Universe,
    facts: &Facts,
    language: &str,
    number: u64,
    rng: &mut SplitMix64,
) -> Result<Draft> {
    let fragments = universe.fragments;
    let words = fragments.words(language)?;
    let lang = Lang::from_code(language).unwrap_or(Lang::En);
    let place = fragments.places.get(facts.place).context("data/corpus.toml has no places")?;
    let code = place.country.as_str();
    let city = match (&place.city_ar, language) {
        (Some(arabic), "ar") => arabic.as_str(),
        _ => place.city.as_str(),
    };
    let country = portico_geo::country(code).map_or(code, |c| c.name(lang));
    let names = if words.names.is_empty() { &fragments.names } else { &words.names };
    let values = |rng: &mut SplitMix64| -> Vec<(&'static str, String)> {
        vec![
            ("country", country.to_owned()),
            ("city", city.to_owned()),
            ("year", (facts.published_at.year() - rng.between(1, 6) as i32).to_string()),
            ("n", (rng.between(2, 400) * 25).to_string()),
            ("partner", universe.partner_name(facts, rng)),
        ]
    };
    let sentence = |template: &str, rng: &mut SplitMix64| {
        let values = values(rng);
        let pairs: Vec<(&str, &str)> = values.iter().map(|(k, v)| (*k, v.as_str())).collect();
        fill(template, &pairs)
    };
    let title = fill(
        &words.title,
        &[
            ("actor", rng.word(&words.actors)),
            ("verb", rng.word(&words.verbs)),
            ("object", rng.word(&words.objects)),
            ("country", country),
        ],
    );
    let summary = sentence(rng.word(&words.summaries), rng);
    let target = rng.between(300, 900);
    let mut sentences = Deck::new(&words.sentences);
    let mut paragraphs = vec![sentence(rng.word(&words.openers), rng)];
    let count =
        |paragraphs: &[String]| paragraphs.iter().map(|p| p.split_whitespace().count()).sum::<usize>();
    let mut quoted = false;
    let mut listed = false;
    while count(&paragraphs) < target {
        let paragraph: Vec<String> =
            (0..rng.between(3, 5)).map(|_| sentence(sentences.draw(rng), rng)).collect();
        paragraphs.push(paragraph.join(" "));
        if !quoted && rng.chance(60) {
            let quote = sentence(rng.word(&words.quotes), rng);
            let role = sentence(rng.word(&words.roles), rng);
            paragraphs
                .push(fill(&words.said, &[("quote", &quote), ("name", rng.word(names)), ("role", &role)]));
            quoted = true;
        } else if !listed && rng.chance(30) {
            let mut items: Vec<&str> = Vec::new();
            for _ in 0..rng.between(3, 5) {
                let item = rng.word(&words.items);
                if !items.contains(&item) {
                    items.push(item);
                }
            }
            let list: Vec<String> = items.iter().map(|item| format!("- {item}")).collect();
            paragraphs.push(format!("{}\n\n{}", words.list_intro, list.join("\n")));
            listed = true;
        } else if rng.chance(25) {
            paragraphs.push(format!("### {}", rng.word(&words.headings)));
        }
    }
    paragraphs.push(sentence(rng.word(&words.closings), rng));
    Ok(Draft {
        slug: unique_slug(&title, number),
        title,
        dateline: city.to_owned(),
        published_at: Some(facts.published_at),
        summary,
        body_markdown: paragraphs.join("\n\n") + "\n",
        countries: facts.countries.clone(),
        themes: facts.themes.clone(),
        partners: facts.partners.clone(),
        programme: facts.programme.clone(),
        contacts: facts.contacts.clone(),
        image: None,
        goals: facts.goals.clone(),
        vacancy: None,
        publication: None,
        file: None,
    })
}

/// The releases numbered `from..to`, reproducibly: release `n` depends on the seed, `n` and
/// the corpus size only, so batches can be generated in any order.
fn releases(universe: &Universe, seed: u64, from: u64, to: u64) -> Result<Vec<ImportDocument>> {
    let mut documents = Vec::with_capacity((to - from) as usize);
    for number in from..to {
        let mut rng = SplitMix64(seed ^ number.wrapping_mul(0xA076_1D64_78BD_642F));
        // Six in ten releases are the global site's; the country offices share the rest.
        let site = if universe.sites.len() == 1 || rng.chance(60) {
            0
        } else {
            1 + rng.below(universe.sites.len() - 1)
        };
        let facts = universe.facts(&mut rng, site, number);
        let (site_id, languages, _) = &universe.sites[site];
        let mut variants = Vec::new();
        for (index, language) in languages.iter().enumerate() {
            // The original in the site's default language; fewer translations the further
            // down the site's list a language is.
            let translated = index == 0
                || rng.chance(match index {
                    1 => 30,
                    2 => 15,
                    _ => 5,
                });
            if !translated {
                continue;
            }
            let draft = write_release(universe, &facts, language, number, &mut rng)?;
            let problems = draft.validate(Kind::Release, |code| portico_geo::country(code).is_some());
            if let Some(problem) = problems.first() {
                bail!(
                    "generated release {number} ({language}) is invalid: {}: {}",
                    problem.field,
                    problem.message
                );
            }
            variants.push(ImportVariant { language: language.clone(), draft, status: Status::Published });
        }
        documents.push(ImportDocument { site: *site_id, kind: Kind::Release, variants });
    }
    Ok(documents)
}

async fn universe(store: &Store, total: u64) -> Result<Universe> {
    let sites = store.sites().await?;
    if sites.is_empty() {
        bail!("the database has no site to write releases for");
    }
    let first = Date::from_calendar_date(2012, Month::January, 1)?.midnight().assume_utc();
    let last = Date::from_calendar_date(2025, Month::June, 30)?.midnight().assume_utc();
    Ok(Universe {
        sites: sites.iter().map(|s| (s.id, s.languages.clone(), s.country.clone())).collect(),
        themes: store.themes().await?.into_iter().map(|t| t.slug).collect(),
        partners: store
            .partners()
            .await?
            .into_iter()
            .map(|p| {
                let shown = if p.acronym.is_empty() { p.name } else { p.acronym };
                (p.slug, shown)
            })
            .collect(),
        contacts: store.contacts().await?.into_iter().map(|c| c.key).collect(),
        programmes: store
            .programmes()
            .await?
            .into_iter()
            .filter(|p| p.site_id.is_none())
            .map(|p| p.slug)
            .collect(),
        fragments: fragments()?,
        span: (last - first).whole_seconds(),
        first,
        total,
    })
}

/// Batches being rendered or written at once.
const IN_FLIGHT: usize = 2;

type ImportTask =
    tokio::task::JoinHandle<Result<Vec<portico_content::DocumentId>, portico_store::StoreError>>;

async fn wait_for(task: Option<ImportTask>) -> Result<()> {
    if let Some(task) = task {
        task.await.context("import task")?.context("cannot write releases")?;
    }
    Ok(())
}

/// `portico demo --releases N`: loads the demo into a fresh database, then writes N generated
/// releases in batches, reporting progress on standard error.
pub async fn generate(config: &ServeConfig, options: CorpusOptions) -> Result<CorpusSummary> {
    if options.releases > MAX_RELEASES {
        bail!("--releases takes at most {MAX_RELEASES}");
    }
    // The same database `open` uses; checked before it loads the demo into an empty one.
    std::fs::create_dir_all(&config.data)
        .with_context(|| format!("cannot create the data folder {}", config.data.display()))?;
    let url = match &config.database {
        Some(url) => url.clone(),
        None => format!("sqlite:{}", config.data.join("portico.db").display()),
    };
    let probe = Store::connect(&url)
        .await
        .with_context(|| format!("cannot open the database {}", crate::server::redact(&url)))?;
    probe.migrate().await.context("cannot migrate the database")?;
    let fresh = probe.is_empty().await?;
    probe.close().await;
    if !fresh {
        bail!("the database already has content: generate the corpus into a fresh data folder or database");
    }
    // `portico demo` is the demo on any database, PostgreSQL too.
    let store = crate::server::open(&ServeConfig { demo: true, ..config.clone() }).await?;
    let universe = universe(&store, options.releases).await?;
    store.start_bulk_load().await.context("cannot prepare the database for the import")?;
    // The search index is built on the other core while the import runs, following it, so
    // that the corpus is searchable when the command ends without a second pass after it
    // (on SQLite; see `in_id_order`).
    let index = crate::indexer::open_index(&config.data).await?;
    let index_dir = crate::indexer::index_dir(&config.data);
    let (writing, follow) = tokio::sync::watch::channel(true);
    let indexed = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    // A follower reads by variant id, so it needs the import's ids to become visible in
    // order. On SQLite they do (ids are taken inside the one writing transaction); on
    // PostgreSQL two batches in flight draw from the sequences and may commit out of order,
    // and a follower could pass over the earlier one: there the index is built after the
    // import.
    let in_id_order = store.backend() == "sqlite";
    let indexing = {
        let (store, index, indexed) = (store.clone(), index.clone(), indexed.clone());
        let mut follow = follow;
        tokio::spawn(async move {
            if !in_id_order {
                while *follow.borrow_and_update() {
                    if follow.changed().await.is_err() {
                        break;
                    }
                }
            }
            let follow = in_id_order.then_some(follow);
            crate::indexer::rebuild_following(&store, &index, follow, |done, _| {
                indexed.store(done, std::sync::atomic::Ordering::Relaxed);
            })
            .await
        })
    };
    let indexed_so_far = || indexed.load(std::sync::atomic::Ordering::Relaxed);
    let started = Instant::now();
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(options.releases),
        indicatif::ProgressDrawTarget::stderr(),
    );
    bar.set_style(
        indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} releases ({eta} left) {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    let sqlite_file = config.database.is_none().then(|| config.data.join("portico.db"));
    let mut largest_disk = 0_u64;
    let mut variants = 0_u64;
    let mut from = 0_u64;
    // Two batches in flight: one has its Markdown rendered while the other is written (the
    // store lets one writing transaction in at a time), and the next is generated meanwhile.
    let mut pending = std::collections::VecDeque::new();
    while from < options.releases {
        let to = (from + BATCH as u64).min(options.releases);
        let batch = releases(&universe, options.seed, from + 1, to + 1)?;
        variants += batch.iter().map(|d| d.variants.len() as u64).sum::<u64>();
        if pending.len() == IN_FLIGHT {
            wait_for(pending.pop_front()).await?;
        }
        let writer = store.clone();
        pending.push_back(tokio::spawn(async move {
            writer.import_documents(batch, &portico_store::Audit::system("demo", "document.import")).await
        }));
        bar.set_position(from);
        from = to;
        if from.is_multiple_of(CHECKPOINT_EVERY) || from == FIRST_CHECKPOINT || from == options.releases {
            // Bounds the write-ahead log: with a batch always in flight, SQLite's own
            // checkpoints never catch a moment without a reader, and the log would grow by
            // the whole corpus.
            while let Some(task) = pending.pop_front() {
                wait_for(Some(task)).await?;
            }
            let before = store.disk_bytes(sqlite_file.as_deref()).await?;
            store.checkpoint().await.context("cannot checkpoint the database")?;
            let after = store.disk_bytes(sqlite_file.as_deref()).await?;
            let index_bytes = folder_bytes(&index_dir);
            largest_disk = largest_disk.max(before + index_bytes);
            bar.set_message(format!(
                "database {} MB, search index {} MB ({} indexed)",
                after / 1_000_000,
                index_bytes / 1_000_000,
                indexed_so_far()
            ));
        }
    }
    while let Some(task) = pending.pop_front() {
        wait_for(Some(task)).await?;
    }
    bar.set_message("making the indexes of titles and slugs");
    store.finish_bulk_load().await.context("cannot make the indexes the import left out")?;
    // The rest of the index, with its own bar: on two cores it trails the import.
    let _ = writing.send(false);
    bar.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {pos}/{len} pages and releases indexed ({eta} left)",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    bar.set_length(variants.max(indexed_so_far()));
    while !indexing.is_finished() {
        bar.set_position(indexed_so_far());
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    let indexed = indexing
        .await
        .context("search index task")?
        .with_context(|| format!("cannot build the search index in {}", index_dir.display()))?;
    bar.finish_and_clear();
    let index_bytes = folder_bytes(&index_dir);
    let disk = store.disk_bytes(sqlite_file.as_deref()).await?;
    tracing::info!(
        releases = options.releases,
        variants,
        seconds = started.elapsed().as_secs_f64(),
        database_mb = disk / 1_000_000,
        largest_disk_mb = largest_disk.max(disk + index_bytes) / 1_000_000,
        indexed,
        index_mb = index_bytes / 1_000_000,
        "generated the corpus"
    );
    store.close().await;
    Ok(CorpusSummary {
        releases: options.releases,
        variants,
        database_bytes: disk,
        largest_disk_bytes: largest_disk.max(disk + index_bytes),
        indexed,
        index_bytes,
    })
}

/// The bytes of the files in `dir` and below (0 when it cannot be read): the search index's
/// share of the disk.
fn folder_bytes(dir: &std::path::Path) -> u64 {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    entries
        .flatten()
        .map(|entry| match entry.metadata() {
            Ok(meta) if meta.is_dir() => folder_bytes(&entry.path()),
            Ok(meta) => meta.len(),
            Err(_) => 0,
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn test_universe() -> Universe {
        let first = Date::from_calendar_date(2012, Month::January, 1).expect("date").midnight().assume_utc();
        Universe {
            sites: vec![
                (SiteId(1), vec!["en".into(), "fr".into(), "es".into()], None),
                (SiteId(2), vec!["ar".into(), "en".into()], Some("JO".into())),
                (SiteId(3), vec!["de".into(), "en".into()], Some("DE".into())),
            ],
            themes: vec!["health".into(), "migrant-children".into()],
            partners: vec![("unhcr".into(), "UNHCR".into())],
            contacts: vec!["press".into()],
            programmes: vec!["regional-migration".into()],
            fragments: fragments().expect("data/corpus.toml reads"),
            span: 3600 * 24 * 365 * 10,
            first,
            total: 400,
        }
    }

    #[test]
    fn every_place_is_a_known_country() {
        let fragments = fragments().expect("data/corpus.toml reads");
        assert!(fragments.places.len() > 50);
        for place in &fragments.places {
            let code = place.country.as_str();
            assert!(portico_geo::country(code).is_some_and(|c| c.iso2 == code), "{code}");
        }
        for language in ["en", "fr", "es", "de", "ar"] {
            let words = fragments.words.get(language).expect("every demo language has its words");
            assert!(words.title.contains("{country}") && words.said.contains("{quote}"), "{language}");
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_releases_and_another_seed_others() {
        let universe = test_universe();
        let a = releases(&universe, 42, 1, 60).expect("generate");
        let b = releases(&universe, 42, 1, 60).expect("generate");
        let c = releases(&universe, 43, 1, 60).expect("generate");
        let titles = |docs: &[ImportDocument]| -> Vec<String> {
            docs.iter().flat_map(|d| d.variants.iter().map(|v| v.draft.body_markdown.clone())).collect()
        };
        assert_eq!(titles(&a), titles(&b));
        assert_ne!(titles(&a), titles(&c));
        // A batch boundary does not change a release.
        let tail = releases(&universe, 42, 30, 60).expect("generate");
        assert_eq!(titles(&a[29..]), titles(&tail));
    }

    #[test]
    fn releases_are_dated_in_the_order_they_are_numbered_across_the_span() {
        let universe = test_universe();
        let dates: Vec<OffsetDateTime> = releases(&universe, 42, 1, 401)
            .expect("generate")
            .iter()
            .map(|d| d.variants[0].draft.published_at.expect("dated"))
            .collect();
        assert!(dates.windows(2).all(|pair| pair[0] < pair[1]), "newer with each number");
        let span = time::Duration::seconds(universe.span);
        assert!(dates[0] < universe.first + span / 100, "the first near the start: {}", dates[0]);
        assert!(dates[399] > universe.first + span * 99 / 100, "the last near the end: {}", dates[399]);
        assert!(dates[399] <= universe.first + span);
    }

    #[test]
    fn bodies_are_of_varied_realistic_length_in_each_language() {
        let universe = test_universe();
        let documents = releases(&universe, 7, 1, 400).expect("generate");
        let mut languages = std::collections::BTreeSet::new();
        let mut lengths = Vec::new();
        for variant in documents.iter().flat_map(|d| &d.variants) {
            let words = variant.draft.body_markdown.split_whitespace().count();
            assert!((300..=1100).contains(&words), "{words} words");
            lengths.push(words);
            languages.insert(variant.language.clone());
            assert!(portico_content::is_valid_slug(&variant.draft.slug), "{}", variant.draft.slug);
        }
        assert_eq!(languages.into_iter().collect::<Vec<_>>(), ["ar", "de", "en", "es", "fr"]);
        let (min, max) = (lengths.iter().min().copied(), lengths.iter().max().copied());
        assert!(min < Some(400) && max > Some(800), "{min:?}..{max:?}");
        let country_site: Vec<&ImportDocument> = documents.iter().filter(|d| d.site == SiteId(2)).collect();
        assert!(!country_site.is_empty());
        assert!(
            country_site
                .iter()
                .all(|d| d.variants[0].language == "ar" && d.variants[0].draft.countries[0] == "JO")
        );
    }
}
