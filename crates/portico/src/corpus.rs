//! `portico demo --releases N [--seed S]`: a fresh database filled with the demo content, then
//! with N generated press releases spread over the demo's sites and their languages, with
//! countries, themes, partners and contacts, and bodies of 300 to 900 words assembled from
//! sentence fragments written for it — the same corpus for the same seed. It is how the
//! benchmark and anyone curious get an organization of realistic size.
//!
//! The words are ours and illustrative: every figure, name and quotation is invented.

use std::time::Instant;

use anyhow::{Context, Result, bail};
use portico_content::{Draft, Kind, SiteId, Status, slugify};
use portico_geo::Lang;
use portico_store::{ImportDocument, ImportVariant, Store};
use time::{Date, Month, OffsetDateTime};

use crate::server::ServeConfig;

/// Releases written per transaction.
const BATCH: usize = 500;
/// Releases written between two checkpoints of the write-ahead log: it holds at most about
/// this many releases' pages (some 300 MB).
const CHECKPOINT_EVERY: u64 = 20_000;
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
    /// Its largest size measured during the import, just before a checkpoint.
    pub largest_database_bytes: u64,
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

    fn word(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len())]
    }

    /// `true` with probability `percent` in 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Draws fragments without repeating one before all were used, like cards from a deck.
struct Deck {
    items: &'static [&'static str],
    order: Vec<usize>,
}

impl Deck {
    fn new(items: &'static [&'static str]) -> Deck {
        Deck { items, order: Vec::new() }
    }

    fn draw(&mut self, rng: &mut SplitMix64) -> &'static str {
        if self.order.is_empty() {
            self.order = (0..self.items.len()).collect();
            // Fisher–Yates.
            for i in (1..self.order.len()).rev() {
                let j = rng.below(i + 1);
                self.order.swap(i, j);
            }
        }
        self.order.pop().map_or("", |i| self.items[i])
    }
}

/// The fragments of one language.
struct Words {
    /// Title: `{actor} {verb} {object}` placed in a pattern with `{country}`.
    title: &'static str,
    actors: &'static [&'static str],
    verbs: &'static [&'static str],
    objects: &'static [&'static str],
    summaries: &'static [&'static str],
    openers: &'static [&'static str],
    sentences: &'static [&'static str],
    quotes: &'static [&'static str],
    /// How a quotation is attributed: `{quote}`, `{name}`, `{role}`.
    said: &'static str,
    roles: &'static [&'static str],
    names: &'static [&'static str],
    headings: &'static [&'static str],
    list_intro: &'static str,
    items: &'static [&'static str],
    closings: &'static [&'static str],
}

const NAMES: &[&str] = &[
    "Amina Diallo",
    "Carlos Mejía",
    "Fatima Haddad",
    "Jonas Becker",
    "Marie Dubois",
    "Ana Lucía Torres",
    "Samir Khoury",
    "Grace Wanjiru",
    "Omar Farouk",
    "Lena Hoffmann",
    "Ibrahima Sarr",
    "Rosa Quispe",
];

const EN: Words = Words {
    title: "{actor} {verb} {object} in {country}",
    actors: &[
        "IOM",
        "The IOM mission",
        "A joint IOM programme",
        "IOM's country office",
        "IOM, with its partners,",
        "IOM, with local authorities,",
    ],
    verbs: &["expands", "launches", "scales up", "strengthens", "renews", "steps up", "opens", "extends"],
    objects: &[
        "support for returning migrants",
        "health screening at border crossings",
        "shelter for displaced families",
        "protection for unaccompanied children",
        "job training for young migrants",
        "data collection on displacement",
        "assistance to flood-affected communities",
        "counter-trafficking work with police",
        "community stabilization projects",
        "safe migration information campaigns",
        "cash assistance for vulnerable households",
        "mental health services for survivors",
    ],
    summaries: &[
        "Some {n} people in {country} will benefit from the new support, which IOM delivers with {partner} and the national authorities.",
        "The initiative, announced in {city} this week, builds on work that began in {year} and will run for the next two years.",
        "IOM and {partner} say the needs in {country} have grown sharply, and call on donors to sustain their support.",
        "More than {n} migrants and members of host communities in {country} are expected to take part in the first phase.",
        "Officials from {country} and IOM met in {city} to agree on the next steps, with a focus on the most vulnerable.",
    ],
    openers: &[
        "IOM and the authorities of {country} this week announced a new phase of support for migrants and the communities that host them.",
        "A new programme launched in {city} aims to reach some {n} people across {country} by the end of next year.",
        "Humanitarian needs in {country} continue to rise, and IOM is stepping up its response together with {partner}.",
        "Hundreds of people gathered in {city} to mark the opening of a new migrant resource centre.",
        "IOM has completed the first round of a survey of displaced households in {country}, covering more than {n} families.",
    ],
    sentences: &[
        "Since {year}, IOM has worked alongside the national authorities of {country} to improve conditions for people on the move.",
        "Teams in {city} report that demand for services has grown steadily over the past months.",
        "The project combines direct assistance with training for local officials, health workers and volunteers.",
        "Some {n} people received information on safe and regular migration during the last campaign.",
        "Partners including {partner} contribute expertise in protection, health and logistics.",
        "Many of the families interviewed said they had left home because of violence, drought or the loss of their livelihoods.",
        "Mobile teams travel to remote areas where public services are scarce and roads are often cut off during the rainy season.",
        "Local authorities have offered premises for two new reception centres, which are due to open before the end of the year.",
        "The programme pays particular attention to women, children and people with disabilities.",
        "Data collected at flow monitoring points help governments plan services where they are needed most.",
        "Returning migrants receive counselling, medical checks and, where possible, support to start a small business.",
        "Community leaders in {city} have been closely involved in choosing the projects that will receive funding.",
        "The funding covers the next eighteen months, but IOM warns that the needs are likely to outlast it.",
        "Training sessions for border officials focus on identifying victims of trafficking and referring them to specialized care.",
        "Volunteers from the host community help newcomers register for schools, clinics and job placement services.",
        "A hotline set up last year has already answered more than {n} calls from migrants and their relatives.",
    ],
    quotes: &[
        "No one should have to risk their life in search of safety and dignity",
        "What we see in {city} shows what is possible when communities and authorities work together",
        "These families have lost almost everything, and they need support now, not in six months",
        "Migration can be a powerful engine of development when it is safe, orderly and regular",
        "We are grateful to our partners, but the scale of the needs calls for a much larger response",
        "Every child on the move is first and foremost a child, with the right to protection",
    ],
    said: "“{quote},” said {name}, {role}.",
    roles: &[
        "IOM Chief of Mission in {country}",
        "IOM Regional Director",
        "a programme officer with IOM in {city}",
        "the national coordinator of the programme",
        "a community leader in {city}",
    ],
    names: NAMES,
    headings: &[
        "Reaching the most vulnerable",
        "What comes next",
        "A growing need",
        "Working with communities",
        "Funding and partners",
    ],
    list_intro: "The assistance includes:",
    items: &[
        "medical screening and referrals",
        "temporary shelter and household items",
        "legal counselling and help with documents",
        "psychosocial support for children and adults",
        "vocational training and small grants",
        "information on safe migration routes",
        "family tracing and reunification",
        "transport for voluntary return",
    ],
    closings: &[
        "The programme is funded by international donors and implemented in close coordination with the Government of {country}.",
        "IOM continues to call for sustained funding to meet the needs of migrants and host communities in {country}.",
        "For more information, journalists can contact the IOM media team in {city}.",
    ],
};

const FR: Words = Words {
    title: "{country} : {actor} {verb} {object}",
    actors: &[
        "L'OIM",
        "La mission de l'OIM",
        "Un programme conjoint de l'OIM",
        "Le bureau de pays de l'OIM",
        "L'OIM, avec ses partenaires,",
        "L'OIM, avec les autorités locales,",
    ],
    verbs: &["renforce", "lance", "étend", "intensifie", "renouvelle", "élargit", "ouvre", "accélère"],
    objects: &[
        "l'aide aux migrants de retour",
        "le dépistage sanitaire aux frontières",
        "l'hébergement des familles déplacées",
        "la protection des enfants non accompagnés",
        "la formation professionnelle des jeunes migrants",
        "la collecte de données sur les déplacements",
        "l'assistance aux communautés sinistrées",
        "la lutte contre la traite avec la police",
        "les projets de stabilisation communautaire",
        "l'information sur la migration sûre",
        "l'aide en espèces aux ménages vulnérables",
        "le soutien psychologique aux survivants",
    ],
    summaries: &[
        "Quelque {n} personnes bénéficieront de ce nouveau soutien, mis en œuvre avec {partner} et les autorités nationales.",
        "L'initiative, annoncée cette semaine à {city}, prolonge un travail engagé en {year} et se poursuivra pendant deux ans.",
        "L'OIM et {partner} constatent une forte hausse des besoins et appellent les donateurs à maintenir leur soutien.",
        "Plus de {n} migrants et membres des communautés d'accueil devraient participer à la première phase.",
        "Des responsables nationaux et l'OIM se sont réunis à {city} pour convenir des prochaines étapes.",
    ],
    openers: &[
        "L'OIM et les autorités ont annoncé cette semaine une nouvelle phase d'appui aux migrants et aux communautés qui les accueillent.",
        "Un nouveau programme lancé à {city} vise à atteindre quelque {n} personnes d'ici la fin de l'année prochaine.",
        "Les besoins humanitaires continuent d'augmenter, et l'OIM renforce sa réponse aux côtés de {partner}.",
        "Des centaines de personnes se sont réunies à {city} pour l'ouverture d'un nouveau centre de ressources pour les migrants.",
        "L'OIM a achevé le premier cycle d'une enquête auprès des ménages déplacés, qui a couvert plus de {n} familles.",
    ],
    sentences: &[
        "Depuis {year}, l'OIM travaille aux côtés des autorités nationales pour améliorer les conditions de vie des personnes en déplacement.",
        "Les équipes de {city} constatent que la demande de services a augmenté régulièrement au cours des derniers mois.",
        "Le projet associe une aide directe à la formation d'agents publics, de personnels de santé et de bénévoles.",
        "Quelque {n} personnes ont reçu des informations sur la migration sûre et régulière lors de la dernière campagne.",
        "Des partenaires tels que {partner} apportent leur expertise en matière de protection, de santé et de logistique.",
        "Beaucoup de familles interrogées disent avoir quitté leur foyer à cause de la violence, de la sécheresse ou de la perte de leurs moyens de subsistance.",
        "Des équipes mobiles se rendent dans des zones isolées où les services publics sont rares et les routes souvent coupées pendant la saison des pluies.",
        "Les autorités locales ont mis à disposition des locaux pour deux nouveaux centres d'accueil, qui doivent ouvrir avant la fin de l'année.",
        "Le programme accorde une attention particulière aux femmes, aux enfants et aux personnes handicapées.",
        "Les données recueillies aux points de suivi des flux aident les gouvernements à planifier les services là où ils sont le plus nécessaires.",
        "Les migrants de retour bénéficient de conseils, d'examens médicaux et, si possible, d'un appui pour créer une petite entreprise.",
        "Les responsables communautaires de {city} ont participé de près au choix des projets financés.",
        "Le financement couvre les dix-huit prochains mois, mais l'OIM prévient que les besoins risquent de durer au-delà.",
        "Les formations destinées aux agents des frontières portent sur l'identification des victimes de la traite et leur orientation vers une prise en charge spécialisée.",
        "Des bénévoles de la communauté d'accueil aident les nouveaux arrivants à s'inscrire à l'école, au centre de santé et aux services de placement.",
        "Une ligne d'assistance créée l'an dernier a déjà répondu à plus de {n} appels de migrants et de leurs proches.",
    ],
    quotes: &[
        "Personne ne devrait risquer sa vie pour trouver la sécurité et la dignité",
        "Ce que nous voyons à {city} montre ce qui est possible lorsque les communautés et les autorités travaillent ensemble",
        "Ces familles ont presque tout perdu, et elles ont besoin d'aide maintenant, pas dans six mois",
        "La migration peut être un puissant moteur de développement lorsqu'elle est sûre, ordonnée et régulière",
        "Nous remercions nos partenaires, mais l'ampleur des besoins exige une réponse bien plus importante",
        "Chaque enfant en déplacement est avant tout un enfant, qui a droit à une protection",
    ],
    said: "« {quote} », a déclaré {name}, {role}.",
    roles: &[
        "chef de mission de l'OIM",
        "directeur régional de l'OIM",
        "chargée de programme de l'OIM à {city}",
        "coordinateur national du programme",
        "responsable communautaire à {city}",
    ],
    names: NAMES,
    headings: &[
        "Atteindre les plus vulnérables",
        "Les prochaines étapes",
        "Des besoins croissants",
        "Travailler avec les communautés",
        "Financement et partenaires",
    ],
    list_intro: "L'assistance comprend :",
    items: &[
        "le dépistage médical et l'orientation",
        "un hébergement temporaire et des articles ménagers",
        "des conseils juridiques et l'aide aux documents",
        "un soutien psychosocial pour les enfants et les adultes",
        "la formation professionnelle et de petites subventions",
        "l'information sur les voies de migration sûres",
        "la recherche et la réunification des familles",
        "le transport pour le retour volontaire",
    ],
    closings: &[
        "Le programme est financé par des donateurs internationaux et mis en œuvre en étroite coordination avec le gouvernement.",
        "L'OIM continue d'appeler à un financement durable pour répondre aux besoins des migrants et des communautés d'accueil.",
        "Pour plus d'informations, les journalistes peuvent contacter l'équipe médias de l'OIM à {city}.",
    ],
};

const ES: Words = Words {
    title: "{actor} {verb} {object} en {country}",
    actors: &[
        "La OIM",
        "La misión de la OIM",
        "Un programa conjunto de la OIM",
        "La oficina de país de la OIM",
        "La OIM, junto con sus socios,",
        "La OIM, con las autoridades locales,",
    ],
    verbs: &["amplía", "lanza", "refuerza", "intensifica", "renueva", "extiende", "abre", "acelera"],
    objects: &[
        "el apoyo a migrantes retornados",
        "los controles de salud en los pasos fronterizos",
        "el alojamiento para familias desplazadas",
        "la protección de niños no acompañados",
        "la formación laboral para jóvenes migrantes",
        "la recopilación de datos sobre desplazamiento",
        "la asistencia a comunidades afectadas por inundaciones",
        "la lucha contra la trata junto a la policía",
        "los proyectos de estabilización comunitaria",
        "las campañas de información sobre migración segura",
        "la ayuda en efectivo a hogares vulnerables",
        "la atención en salud mental para sobrevivientes",
    ],
    summaries: &[
        "Unas {n} personas en {country} se beneficiarán del nuevo apoyo, que la OIM ejecuta con {partner} y las autoridades nacionales.",
        "La iniciativa, anunciada esta semana en {city}, continúa un trabajo iniciado en {year} y se extenderá durante dos años.",
        "La OIM y {partner} advierten que las necesidades en {country} han crecido con fuerza y piden a los donantes mantener su apoyo.",
        "Se espera que más de {n} migrantes y miembros de comunidades de acogida participen en la primera fase.",
        "Funcionarios de {country} y de la OIM se reunieron en {city} para acordar los próximos pasos.",
    ],
    openers: &[
        "La OIM y las autoridades de {country} anunciaron esta semana una nueva fase de apoyo a las personas migrantes y a las comunidades que las acogen.",
        "Un nuevo programa lanzado en {city} busca llegar a unas {n} personas en todo el país antes de finales del próximo año.",
        "Las necesidades humanitarias en {country} siguen en aumento, y la OIM refuerza su respuesta junto con {partner}.",
        "Cientos de personas se reunieron en {city} para la apertura de un nuevo centro de atención al migrante.",
        "La OIM concluyó la primera ronda de una encuesta a hogares desplazados en {country}, que abarcó a más de {n} familias.",
    ],
    sentences: &[
        "Desde {year}, la OIM trabaja junto a las autoridades nacionales de {country} para mejorar las condiciones de las personas en movimiento.",
        "Los equipos en {city} informan que la demanda de servicios ha crecido de forma constante en los últimos meses.",
        "El proyecto combina la asistencia directa con la capacitación de funcionarios locales, personal de salud y voluntarios.",
        "Unas {n} personas recibieron información sobre migración segura y regular durante la última campaña.",
        "Socios como {partner} aportan su experiencia en protección, salud y logística.",
        "Muchas de las familias entrevistadas dijeron haber dejado su hogar por la violencia, la sequía o la pérdida de sus medios de vida.",
        "Equipos móviles viajan a zonas remotas donde los servicios públicos son escasos y los caminos suelen cortarse en la temporada de lluvias.",
        "Las autoridades locales ofrecieron locales para dos nuevos centros de recepción, que abrirán antes de fin de año.",
        "El programa presta especial atención a las mujeres, la niñez y las personas con discapacidad.",
        "Los datos recogidos en los puntos de monitoreo de flujos ayudan a los gobiernos a planificar los servicios donde más se necesitan.",
        "Las personas migrantes retornadas reciben orientación, chequeos médicos y, cuando es posible, apoyo para iniciar un pequeño negocio.",
        "Los líderes comunitarios de {city} participaron de cerca en la elección de los proyectos que recibirán financiamiento.",
        "El financiamiento cubre los próximos dieciocho meses, pero la OIM advierte que las necesidades probablemente durarán más.",
        "Las capacitaciones para funcionarios de frontera se centran en identificar a víctimas de trata y derivarlas a atención especializada.",
        "Voluntarios de la comunidad de acogida ayudan a los recién llegados a inscribirse en escuelas, clínicas y servicios de empleo.",
        "Una línea de atención creada el año pasado ya respondió más de {n} llamadas de migrantes y sus familiares.",
    ],
    quotes: &[
        "Nadie debería arriesgar su vida en busca de seguridad y dignidad",
        "Lo que vemos en {city} muestra lo que es posible cuando las comunidades y las autoridades trabajan juntas",
        "Estas familias lo han perdido casi todo y necesitan apoyo ahora, no dentro de seis meses",
        "La migración puede ser un poderoso motor de desarrollo cuando es segura, ordenada y regular",
        "Agradecemos a nuestros socios, pero la magnitud de las necesidades exige una respuesta mucho mayor",
        "Cada niño o niña en movimiento es ante todo un niño, con derecho a protección",
    ],
    said: "“{quote}”, afirmó {name}, {role}.",
    roles: &[
        "jefe de misión de la OIM en {country}",
        "directora regional de la OIM",
        "oficial de programa de la OIM en {city}",
        "coordinador nacional del programa",
        "lideresa comunitaria en {city}",
    ],
    names: NAMES,
    headings: &[
        "Llegar a quienes más lo necesitan",
        "Próximos pasos",
        "Una necesidad creciente",
        "Trabajo con las comunidades",
        "Financiamiento y socios",
    ],
    list_intro: "La asistencia incluye:",
    items: &[
        "controles médicos y derivaciones",
        "alojamiento temporal y artículos para el hogar",
        "asesoría legal y documentación",
        "apoyo psicosocial para niños y adultos",
        "formación profesional y pequeñas subvenciones",
        "información sobre rutas de migración seguras",
        "búsqueda y reunificación familiar",
        "transporte para el retorno voluntario",
    ],
    closings: &[
        "El programa cuenta con financiamiento de donantes internacionales y se ejecuta en estrecha coordinación con el Gobierno de {country}.",
        "La OIM sigue pidiendo financiamiento sostenido para atender las necesidades de migrantes y comunidades de acogida en {country}.",
        "Para más información, los periodistas pueden contactar al equipo de prensa de la OIM en {city}.",
    ],
};

const DE: Words = Words {
    title: "{country}: {actor} {verb} {object}",
    actors: &[
        "Die IOM",
        "Die IOM-Mission",
        "Ein gemeinsames Programm der IOM",
        "Das Länderbüro der IOM",
        "Die IOM, gemeinsam mit Partnern,",
        "Die IOM, zusammen mit lokalen Behörden,",
    ],
    verbs: &[
        "erweitert",
        "startet",
        "verstärkt",
        "erneuert",
        "intensiviert",
        "verlängert",
        "eröffnet",
        "beschleunigt",
    ],
    objects: &[
        "die Unterstützung für Rückkehrende",
        "die Gesundheitskontrollen an Grenzübergängen",
        "die Unterbringung vertriebener Familien",
        "den Schutz unbegleiteter Kinder",
        "die Berufsausbildung junger Migrantinnen und Migranten",
        "die Datenerhebung zu Vertreibung",
        "die Hilfe für hochwassergeschädigte Gemeinden",
        "die Bekämpfung des Menschenhandels mit der Polizei",
        "die Projekte zur Stabilisierung von Gemeinden",
        "die Informationskampagnen zu sicherer Migration",
        "die Bargeldhilfe für bedürftige Haushalte",
        "die psychologische Betreuung von Überlebenden",
    ],
    summaries: &[
        "Rund {n} Menschen sollen von der neuen Unterstützung profitieren, die die IOM gemeinsam mit {partner} und den nationalen Behörden leistet.",
        "Die Initiative, die diese Woche in {city} vorgestellt wurde, setzt eine Arbeit fort, die {year} begann, und läuft zwei Jahre.",
        "Die IOM und {partner} berichten von stark gestiegenem Bedarf und rufen Geber auf, ihre Unterstützung fortzusetzen.",
        "Mehr als {n} Migrantinnen, Migranten und Mitglieder der Aufnahmegemeinden sollen an der ersten Phase teilnehmen.",
        "Vertreter der Behörden und der IOM trafen sich in {city}, um die nächsten Schritte zu vereinbaren.",
    ],
    openers: &[
        "Die IOM und die Behörden haben diese Woche eine neue Phase der Unterstützung für Migrantinnen, Migranten und ihre Aufnahmegemeinden angekündigt.",
        "Ein neues Programm, das in {city} gestartet wurde, soll bis Ende nächsten Jahres rund {n} Menschen erreichen.",
        "Der humanitäre Bedarf wächst weiter, und die IOM verstärkt ihre Hilfe gemeinsam mit {partner}.",
        "Hunderte Menschen kamen in {city} zur Eröffnung eines neuen Beratungszentrums für Migrantinnen und Migranten zusammen.",
        "Die IOM hat die erste Runde einer Befragung vertriebener Haushalte abgeschlossen, an der mehr als {n} Familien teilnahmen.",
    ],
    sentences: &[
        "Seit {year} arbeitet die IOM mit den nationalen Behörden zusammen, um die Lage von Menschen unterwegs zu verbessern.",
        "Die Teams in {city} berichten, dass die Nachfrage nach Leistungen in den vergangenen Monaten stetig gestiegen ist.",
        "Das Projekt verbindet direkte Hilfe mit Schulungen für Behördenmitarbeitende, Gesundheitspersonal und Freiwillige.",
        "Rund {n} Menschen erhielten bei der letzten Kampagne Informationen über sichere und reguläre Migration.",
        "Partner wie {partner} bringen ihre Erfahrung in Schutz, Gesundheit und Logistik ein.",
        "Viele der befragten Familien gaben an, ihr Zuhause wegen Gewalt, Dürre oder dem Verlust ihrer Lebensgrundlage verlassen zu haben.",
        "Mobile Teams fahren in abgelegene Gebiete, in denen es kaum öffentliche Dienste gibt und die Straßen in der Regenzeit oft unpassierbar sind.",
        "Die örtlichen Behörden haben Räume für zwei neue Aufnahmezentren bereitgestellt, die noch vor Jahresende öffnen sollen.",
        "Das Programm richtet sich besonders an Frauen, Kinder und Menschen mit Behinderungen.",
        "Daten aus der Beobachtung von Migrationsbewegungen helfen Regierungen, Angebote dort zu planen, wo sie am dringendsten gebraucht werden.",
        "Rückkehrende erhalten Beratung, medizinische Untersuchungen und, wenn möglich, Hilfe bei der Gründung eines kleinen Unternehmens.",
        "Gemeindevertreter in {city} waren eng an der Auswahl der geförderten Projekte beteiligt.",
        "Die Finanzierung deckt die nächsten achtzehn Monate ab, doch die IOM warnt, dass der Bedarf länger anhalten dürfte.",
        "Schulungen für Grenzbeamte konzentrieren sich darauf, Betroffene von Menschenhandel zu erkennen und an spezialisierte Stellen zu vermitteln.",
        "Freiwillige aus der Aufnahmegemeinde helfen Neuankömmlingen bei der Anmeldung in Schulen, Kliniken und bei der Arbeitsvermittlung.",
        "Eine im vergangenen Jahr eingerichtete Hotline hat bereits mehr als {n} Anrufe von Migrantinnen, Migranten und Angehörigen beantwortet.",
    ],
    quotes: &[
        "Niemand sollte sein Leben riskieren müssen, um Sicherheit und Würde zu finden",
        "Was wir in {city} sehen, zeigt, was möglich ist, wenn Gemeinden und Behörden zusammenarbeiten",
        "Diese Familien haben fast alles verloren und brauchen jetzt Unterstützung, nicht in sechs Monaten",
        "Migration kann ein starker Motor für Entwicklung sein, wenn sie sicher, geordnet und regulär ist",
        "Wir danken unseren Partnern, aber das Ausmaß des Bedarfs verlangt eine viel größere Antwort",
        "Jedes Kind auf der Flucht ist zuerst ein Kind, mit einem Recht auf Schutz",
    ],
    said: "„{quote}“, sagte {name}, {role}.",
    roles: &[
        "Missionsleiter der IOM",
        "Regionaldirektorin der IOM",
        "Programmreferentin der IOM in {city}",
        "nationaler Koordinator des Programms",
        "Gemeindevertreterin in {city}",
    ],
    names: NAMES,
    headings: &[
        "Die Verletzlichsten erreichen",
        "Die nächsten Schritte",
        "Wachsender Bedarf",
        "Zusammenarbeit mit den Gemeinden",
        "Finanzierung und Partner",
    ],
    list_intro: "Die Hilfe umfasst:",
    items: &[
        "medizinische Untersuchungen und Überweisungen",
        "vorübergehende Unterkünfte und Haushaltsgegenstände",
        "Rechtsberatung und Hilfe bei Dokumenten",
        "psychosoziale Unterstützung für Kinder und Erwachsene",
        "Berufsausbildung und kleine Zuschüsse",
        "Informationen über sichere Migrationswege",
        "Suche nach Angehörigen und Familienzusammenführung",
        "Transport für die freiwillige Rückkehr",
    ],
    closings: &[
        "Das Programm wird von internationalen Gebern finanziert und in enger Abstimmung mit der Regierung umgesetzt.",
        "Die IOM ruft weiterhin zu einer dauerhaften Finanzierung auf, um den Bedarf von Migrantinnen, Migranten und Aufnahmegemeinden zu decken.",
        "Für weitere Informationen können sich Journalistinnen und Journalisten an das Medienteam der IOM in {city} wenden.",
    ],
};

const AR: Words = Words {
    title: "{actor} {verb} {object} في {country}",
    actors: &[
        "المنظمة الدولية للهجرة",
        "بعثة المنظمة الدولية للهجرة",
        "المنظمة الدولية للهجرة، بالتعاون مع شركائها،",
        "المنظمة الدولية للهجرة، بالتنسيق مع السلطات المحلية،",
    ],
    verbs: &["توسّع", "تطلق", "تعزّز", "تكثّف", "تجدّد", "تمدّد", "تفتتح", "تسرّع"],
    objects: &[
        "دعم المهاجرين العائدين",
        "الفحوص الصحية عند المعابر الحدودية",
        "إيواء الأسر النازحة",
        "حماية الأطفال غير المصحوبين",
        "التدريب المهني للمهاجرين الشباب",
        "جمع البيانات عن النزوح",
        "مساعدة المجتمعات المتضررة من الفيضانات",
        "مكافحة الاتجار بالبشر مع الشرطة",
        "مشاريع الاستقرار المجتمعي",
        "حملات التوعية بالهجرة الآمنة",
        "المساعدات النقدية للأسر الأشد ضعفاً",
        "خدمات الصحة النفسية للناجين",
    ],
    summaries: &[
        "سيستفيد نحو {n} شخص من الدعم الجديد الذي تقدمه المنظمة بالتعاون مع {partner} والسلطات الوطنية.",
        "تأتي المبادرة التي أُعلن عنها هذا الأسبوع في {city} استكمالاً لعمل بدأ عام {year}، وستستمر لمدة عامين.",
        "تقول المنظمة و{partner} إن الاحتياجات ازدادت بشكل حاد، وتدعوان المانحين إلى مواصلة دعمهم.",
        "من المتوقع أن يشارك أكثر من {n} من المهاجرين وأفراد المجتمعات المضيفة في المرحلة الأولى.",
        "اجتمع مسؤولون وطنيون وممثلو المنظمة في {city} للاتفاق على الخطوات التالية.",
    ],
    openers: &[
        "أعلنت المنظمة الدولية للهجرة والسلطات هذا الأسبوع عن مرحلة جديدة من الدعم للمهاجرين والمجتمعات التي تستضيفهم.",
        "يهدف برنامج جديد أُطلق في {city} إلى الوصول إلى نحو {n} شخص بحلول نهاية العام المقبل.",
        "تواصل الاحتياجات الإنسانية ارتفاعها، وتعزز المنظمة استجابتها بالتعاون مع {partner}.",
        "تجمّع مئات الأشخاص في {city} لافتتاح مركز جديد لخدمة المهاجرين.",
        "أنهت المنظمة الجولة الأولى من مسح للأسر النازحة شمل أكثر من {n} أسرة.",
    ],
    sentences: &[
        "منذ عام {year}، تعمل المنظمة مع السلطات الوطنية على تحسين أوضاع الأشخاص المتنقلين.",
        "تفيد الفرق العاملة في {city} بأن الطلب على الخدمات ازداد باطراد خلال الأشهر الماضية.",
        "يجمع المشروع بين المساعدة المباشرة وتدريب الموظفين المحليين والعاملين الصحيين والمتطوعين.",
        "تلقى نحو {n} شخص معلومات عن الهجرة الآمنة والنظامية خلال الحملة الأخيرة.",
        "يقدم شركاء مثل {partner} خبراتهم في مجالات الحماية والصحة والخدمات اللوجستية.",
        "قالت كثير من الأسر التي أُجريت معها مقابلات إنها غادرت ديارها بسبب العنف أو الجفاف أو فقدان مصادر رزقها.",
        "تتنقل فرق متنقلة إلى مناطق نائية تندر فيها الخدمات العامة وتنقطع طرقها غالباً في موسم الأمطار.",
        "وفرت السلطات المحلية مباني لمركزي استقبال جديدين من المقرر افتتاحهما قبل نهاية العام.",
        "يولي البرنامج اهتماماً خاصاً بالنساء والأطفال والأشخاص ذوي الإعاقة.",
        "تساعد البيانات التي تُجمع في نقاط رصد التدفقات الحكومات على تخطيط الخدمات حيث تشتد الحاجة إليها.",
        "يحصل المهاجرون العائدون على الإرشاد والفحوص الطبية، وعلى دعم لبدء مشروع صغير متى أمكن ذلك.",
        "شارك قادة المجتمع في {city} عن قرب في اختيار المشاريع التي ستحصل على التمويل.",
        "يغطي التمويل الأشهر الثمانية عشر المقبلة، لكن المنظمة تحذر من أن الاحتياجات ستستمر على الأرجح بعد ذلك.",
        "تركز الدورات التدريبية لموظفي الحدود على التعرف على ضحايا الاتجار وإحالتهم إلى رعاية متخصصة.",
        "يساعد متطوعون من المجتمع المضيف الوافدين الجدد على التسجيل في المدارس والعيادات وخدمات التوظيف.",
        "أجاب خط مساعدة أُنشئ العام الماضي على أكثر من {n} مكالمة من المهاجرين وذويهم.",
    ],
    quotes: &[
        "لا ينبغي لأحد أن يخاطر بحياته بحثاً عن الأمان والكرامة",
        "ما نراه في {city} يبيّن ما يمكن تحقيقه عندما تعمل المجتمعات والسلطات معاً",
        "فقدت هذه الأسر كل شيء تقريباً، وهي بحاجة إلى الدعم الآن وليس بعد ستة أشهر",
        "يمكن للهجرة أن تكون محركاً قوياً للتنمية عندما تكون آمنة ومنظمة ونظامية",
        "نحن ممتنون لشركائنا، لكن حجم الاحتياجات يتطلب استجابة أكبر بكثير",
        "كل طفل متنقل هو طفل أولاً وقبل كل شيء، وله الحق في الحماية",
    ],
    said: "وقال {name}، {role}: «{quote}».",
    roles: &[
        "رئيس بعثة المنظمة",
        "المديرة الإقليمية للمنظمة",
        "مسؤولة برامج في المنظمة في {city}",
        "المنسق الوطني للبرنامج",
        "أحد قادة المجتمع في {city}",
    ],
    names: &["أمينة ديالو", "سمير خوري", "فاطمة حداد", "عمر فاروق", "ليلى منصور", "يوسف العلي"],
    headings: &[
        "الوصول إلى الفئات الأشد ضعفاً",
        "الخطوات المقبلة",
        "احتياجات متزايدة",
        "العمل مع المجتمعات",
        "التمويل والشركاء",
    ],
    list_intro: "تشمل المساعدة ما يلي:",
    items: &[
        "الفحوص الطبية والإحالة",
        "المأوى المؤقت والمواد المنزلية",
        "الاستشارات القانونية والمساعدة في الوثائق",
        "الدعم النفسي والاجتماعي للأطفال والبالغين",
        "التدريب المهني والمنح الصغيرة",
        "معلومات عن طرق الهجرة الآمنة",
        "البحث عن الأسر ولمّ شملها",
        "النقل من أجل العودة الطوعية",
    ],
    closings: &[
        "يموّل البرنامج مانحون دوليون، ويُنفَّذ بالتنسيق الوثيق مع الحكومة.",
        "تواصل المنظمة الدعوة إلى تمويل مستدام لتلبية احتياجات المهاجرين والمجتمعات المضيفة.",
        "لمزيد من المعلومات، يمكن للصحفيين التواصل مع الفريق الإعلامي للمنظمة في {city}.",
    ],
};

/// Countries releases are about, with the city a dateline names (and its Arabic spelling for
/// the Arab world's offices).
const PLACES: &[(&str, &str, Option<&str>)] = &[
    ("SV", "San Salvador", None),
    ("GT", "Guatemala City", None),
    ("HN", "Tegucigalpa", None),
    ("MX", "Mexico City", None),
    ("CO", "Bogotá", None),
    ("VE", "Caracas", None),
    ("PE", "Lima", None),
    ("EC", "Quito", None),
    ("BR", "Brasília", None),
    ("AR", "Buenos Aires", None),
    ("CL", "Santiago", None),
    ("HT", "Port-au-Prince", None),
    ("DO", "Santo Domingo", None),
    ("PA", "Panama City", None),
    ("CR", "San José", None),
    ("NI", "Managua", None),
    ("SN", "Dakar", None),
    ("ML", "Bamako", None),
    ("NE", "Niamey", None),
    ("NG", "Abuja", None),
    ("GH", "Accra", None),
    ("CI", "Abidjan", None),
    ("GN", "Conakry", None),
    ("GM", "Banjul", None),
    ("MR", "Nouakchott", Some("نواكشوط")),
    ("BF", "Ouagadougou", None),
    ("TD", "N'Djamena", None),
    ("SD", "Khartoum", Some("الخرطوم")),
    ("SS", "Juba", None),
    ("ET", "Addis Ababa", None),
    ("SO", "Mogadishu", Some("مقديشو")),
    ("KE", "Nairobi", None),
    ("UG", "Kampala", None),
    ("TZ", "Dodoma", None),
    ("CD", "Kinshasa", None),
    ("CM", "Yaoundé", None),
    ("LY", "Tripoli", Some("طرابلس")),
    ("TN", "Tunis", Some("تونس")),
    ("MA", "Rabat", Some("الرباط")),
    ("EG", "Cairo", Some("القاهرة")),
    ("JO", "Amman", Some("عمّان")),
    ("LB", "Beirut", Some("بيروت")),
    ("IQ", "Baghdad", Some("بغداد")),
    ("YE", "Aden", Some("عدن")),
    ("TR", "Gaziantep", None),
    ("AF", "Kabul", None),
    ("PK", "Islamabad", None),
    ("BD", "Cox's Bazar", None),
    ("MM", "Yangon", None),
    ("NP", "Kathmandu", None),
    ("LK", "Colombo", None),
    ("PH", "Manila", None),
    ("ID", "Jakarta", None),
    ("FJ", "Suva", None),
    ("VU", "Port Vila", None),
    ("UA", "Kyiv", None),
    ("MD", "Chisinau", None),
    ("DE", "Berlin", None),
    ("IT", "Rome", None),
    ("GR", "Athens", None),
    ("ES", "Madrid", None),
    ("BA", "Sarajevo", None),
];

const PROGRAMMES: &[&str] = &[
    "Regional Migration Programme",
    "Migrant Protection and Assistance Programme",
    "Displacement Tracking Matrix",
    "Assisted Voluntary Return and Reintegration",
    "Community Stabilization Initiative",
    "Migration Health Programme",
];

fn words_for(language: &str) -> &'static Words {
    match language {
        "fr" => &FR,
        "es" => &ES,
        "de" => &DE,
        "ar" => &AR,
        _ => &EN,
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
}

/// What the generator draws from: the store's sites and taxonomy.
struct Universe {
    /// (site, its languages, its country): the global site first.
    sites: Vec<(SiteId, Vec<String>, Option<String>)>,
    themes: Vec<String>,
    partners: Vec<(String, String)>,
    contacts: Vec<String>,
    /// Seconds from [`Universe::first`] to [`Universe::last`].
    span: i64,
    first: OffsetDateTime,
}

impl Universe {
    fn place_of(&self, country: &str) -> Option<usize> {
        PLACES.iter().position(|(code, _, _)| *code == country)
    }

    fn facts(&self, rng: &mut SplitMix64, site: usize) -> Facts {
        let mut countries: Vec<String> = Vec::new();
        let own = self.sites[site].2.as_deref().and_then(|c| self.place_of(c));
        if let Some(own) = own {
            countries.push(PLACES[own].0.to_owned());
        }
        let extra = if own.is_some() { rng.below(2) } else { rng.between(1, 3) };
        for _ in 0..extra {
            let code = PLACES[rng.below(PLACES.len())].0.to_owned();
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
        let programme = if rng.chance(50) { rng.pick(PROGRAMMES).to_string() } else { String::new() };
        let published_at = self.first + time::Duration::seconds((rng.next() % self.span as u64) as i64);
        Facts { countries, place, themes, partners, contacts, programme, published_at }
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
) -> Draft {
    let words = words_for(language);
    let lang = Lang::from_code(language).unwrap_or(Lang::En);
    let (code, city_latin, city_arabic) = PLACES[facts.place];
    let city = if language == "ar" { city_arabic.unwrap_or(city_latin) } else { city_latin };
    let country = portico_geo::country(code).map_or(code, |c| c.name(lang));
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
        words.title,
        &[
            ("actor", rng.word(words.actors)),
            ("verb", rng.word(words.verbs)),
            ("object", rng.word(words.objects)),
            ("country", country),
        ],
    );
    let summary = sentence(rng.word(words.summaries), rng);
    let target = rng.between(300, 900);
    let mut sentences = Deck::new(words.sentences);
    let mut paragraphs = vec![sentence(rng.word(words.openers), rng)];
    let count =
        |paragraphs: &[String]| paragraphs.iter().map(|p| p.split_whitespace().count()).sum::<usize>();
    let mut quoted = false;
    let mut listed = false;
    while count(&paragraphs) < target {
        let paragraph: Vec<String> =
            (0..rng.between(3, 5)).map(|_| sentence(sentences.draw(rng), rng)).collect();
        paragraphs.push(paragraph.join(" "));
        if !quoted && rng.chance(60) {
            let quote = sentence(rng.word(words.quotes), rng);
            let role = sentence(rng.word(words.roles), rng);
            paragraphs.push(fill(
                words.said,
                &[("quote", &quote), ("name", rng.word(words.names)), ("role", &role)],
            ));
            quoted = true;
        } else if !listed && rng.chance(30) {
            let mut items: Vec<&str> = Vec::new();
            for _ in 0..rng.between(3, 5) {
                let item = rng.word(words.items);
                if !items.contains(&item) {
                    items.push(item);
                }
            }
            let list: Vec<String> = items.iter().map(|item| format!("- {item}")).collect();
            paragraphs.push(format!("{}\n\n{}", words.list_intro, list.join("\n")));
            listed = true;
        } else if rng.chance(25) {
            paragraphs.push(format!("### {}", rng.word(words.headings)));
        }
    }
    paragraphs.push(sentence(rng.word(words.closings), rng));
    Draft {
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
    }
}

/// The releases numbered `from..to`, reproducibly: release `n` depends on the seed and `n`
/// only, so batches can be generated in any order.
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
        let facts = universe.facts(&mut rng, site);
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
            let draft = write_release(universe, &facts, language, number, &mut rng);
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

async fn universe(store: &Store) -> Result<Universe> {
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
        span: (last - first).whole_seconds(),
        first,
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
    let universe = universe(&store).await?;
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
        pending.push_back(tokio::spawn(async move { writer.import_documents(batch).await }));
        bar.set_position(from);
        from = to;
        if from.is_multiple_of(CHECKPOINT_EVERY) || from == options.releases {
            // Bounds the write-ahead log: with a batch always in flight, SQLite's own
            // checkpoints never catch a moment without a reader, and the log would grow by
            // the whole corpus.
            while let Some(task) = pending.pop_front() {
                wait_for(Some(task)).await?;
            }
            let before = store.disk_bytes(sqlite_file.as_deref()).await?;
            store.checkpoint().await.context("cannot checkpoint the database")?;
            let after = store.disk_bytes(sqlite_file.as_deref()).await?;
            largest_disk = largest_disk.max(before);
            bar.set_message(format!("database {} MB", after / 1_000_000));
        }
    }
    while let Some(task) = pending.pop_front() {
        wait_for(Some(task)).await?;
    }
    bar.finish_and_clear();
    let disk = store.disk_bytes(sqlite_file.as_deref()).await?;
    tracing::info!(
        releases = options.releases,
        variants,
        seconds = started.elapsed().as_secs_f64(),
        database_mb = disk / 1_000_000,
        largest_database_mb = largest_disk.max(disk) / 1_000_000,
        "generated the corpus"
    );
    store.close().await;
    Ok(CorpusSummary {
        releases: options.releases,
        variants,
        database_bytes: disk,
        largest_database_bytes: largest_disk.max(disk),
    })
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
            span: 3600 * 24 * 365 * 10,
            first,
        }
    }

    #[test]
    fn every_place_is_a_known_country() {
        for (code, _, _) in PLACES {
            assert!(portico_geo::country(code).is_some_and(|c| c.iso2 == *code), "{code}");
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
