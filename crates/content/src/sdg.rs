//! The 2030 Agenda's Sustainable Development Goals as reference data: each goal's number,
//! official colour and short name in the interface languages, and its targets by number.
//!
//! Documents are tagged with *codes*: a goal's number (`"10"`) or one of its targets
//! (`"10.7"`, `"10.c"`). A target implies its goal, so a release tagged `10.7` is listed
//! under Goal 10. Only the numbers are kept here, never the targets' texts.

/// The site-relative path of the *2030 Agenda* section, in every language; the goals' pages
/// live under it.
pub const AGENDA_PATH: &str = "2030-agenda";

/// One Sustainable Development Goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Goal {
    /// 1 to 17.
    pub number: u8,
    /// The official colour, `#RRGGBB`.
    pub colour: &'static str,
    /// Targets numbered 1, 2, … up to this (`10.1` to `10.7`).
    numbered_targets: u8,
    /// Targets lettered a, b, … up to this many (`10.a` to `10.c`): the means of implementation.
    lettered_targets: u8,
    /// The official short name in English, French, Spanish, German and Arabic.
    names: [&'static str; 5],
}

/// The interface languages [`Goal::name`] knows, in the order of `names`.
const LANGUAGES: [&str; 5] = ["en", "fr", "es", "de", "ar"];

/// The seventeen goals, by number.
pub const GOALS: [Goal; 17] = [
    goal(
        1,
        "#E5243B",
        5,
        2,
        ["No Poverty", "Pas de pauvreté", "Fin de la pobreza", "Keine Armut", "القضاء على الفقر"],
    ),
    goal(
        2,
        "#DDA63A",
        5,
        3,
        ["Zero Hunger", "Faim « zéro »", "Hambre cero", "Kein Hunger", "القضاء التام على الجوع"],
    ),
    goal(
        3,
        "#4C9F38",
        9,
        4,
        [
            "Good Health and Well-being",
            "Bonne santé et bien-être",
            "Salud y bienestar",
            "Gesundheit und Wohlergehen",
            "الصحة الجيدة والرفاه",
        ],
    ),
    goal(
        4,
        "#C5192D",
        7,
        3,
        [
            "Quality Education",
            "Éducation de qualité",
            "Educación de calidad",
            "Hochwertige Bildung",
            "التعليم الجيد",
        ],
    ),
    goal(
        5,
        "#FF3A21",
        6,
        3,
        [
            "Gender Equality",
            "Égalité entre les sexes",
            "Igualdad de género",
            "Geschlechtergleichheit",
            "المساواة بين الجنسين",
        ],
    ),
    goal(
        6,
        "#26BDE2",
        6,
        2,
        [
            "Clean Water and Sanitation",
            "Eau propre et assainissement",
            "Agua limpia y saneamiento",
            "Sauberes Wasser und Sanitäreinrichtungen",
            "المياه النظيفة والنظافة الصحية",
        ],
    ),
    goal(
        7,
        "#FCC30B",
        3,
        2,
        [
            "Affordable and Clean Energy",
            "Énergie propre et d’un coût abordable",
            "Energía asequible y no contaminante",
            "Bezahlbare und saubere Energie",
            "طاقة نظيفة وبأسعار معقولة",
        ],
    ),
    goal(
        8,
        "#A21942",
        10,
        2,
        [
            "Decent Work and Economic Growth",
            "Travail décent et croissance économique",
            "Trabajo decente y crecimiento económico",
            "Menschenwürdige Arbeit und Wirtschaftswachstum",
            "العمل اللائق ونمو الاقتصاد",
        ],
    ),
    goal(
        9,
        "#FD6925",
        5,
        3,
        [
            "Industry, Innovation and Infrastructure",
            "Industrie, innovation et infrastructure",
            "Industria, innovación e infraestructura",
            "Industrie, Innovation und Infrastruktur",
            "الصناعة والابتكار والهياكل الأساسية",
        ],
    ),
    goal(
        10,
        "#DD1367",
        7,
        3,
        [
            "Reduced Inequalities",
            "Inégalités réduites",
            "Reducción de las desigualdades",
            "Weniger Ungleichheiten",
            "الحد من أوجه عدم المساواة",
        ],
    ),
    goal(
        11,
        "#FD9D24",
        7,
        3,
        [
            "Sustainable Cities and Communities",
            "Villes et communautés durables",
            "Ciudades y comunidades sostenibles",
            "Nachhaltige Städte und Gemeinden",
            "مدن ومجتمعات محلية مستدامة",
        ],
    ),
    goal(
        12,
        "#BF8B2E",
        8,
        3,
        [
            "Responsible Consumption and Production",
            "Consommation et production responsables",
            "Producción y consumo responsables",
            "Nachhaltige/r Konsum und Produktion",
            "الاستهلاك والإنتاج المسؤولان",
        ],
    ),
    goal(
        13,
        "#3F7E44",
        3,
        2,
        [
            "Climate Action",
            "Mesures relatives à la lutte contre les changements climatiques",
            "Acción por el clima",
            "Maßnahmen zum Klimaschutz",
            "العمل المناخي",
        ],
    ),
    goal(
        14,
        "#0A97D9",
        7,
        3,
        ["Life Below Water", "Vie aquatique", "Vida submarina", "Leben unter Wasser", "الحياة تحت الماء"],
    ),
    goal(
        15,
        "#56C02B",
        9,
        3,
        [
            "Life on Land",
            "Vie terrestre",
            "Vida de ecosistemas terrestres",
            "Leben an Land",
            "الحياة في البر",
        ],
    ),
    goal(
        16,
        "#00689D",
        10,
        2,
        [
            "Peace, Justice and Strong Institutions",
            "Paix, justice et institutions efficaces",
            "Paz, justicia e instituciones sólidas",
            "Frieden, Gerechtigkeit und starke Institutionen",
            "السلام والعدل والمؤسسات القوية",
        ],
    ),
    goal(
        17,
        "#19486A",
        19,
        0,
        [
            "Partnerships for the Goals",
            "Partenariats pour la réalisation des objectifs",
            "Alianzas para lograr los objetivos",
            "Partnerschaften zur Erreichung der Ziele",
            "عقد الشراكات لتحقيق الأهداف",
        ],
    ),
];

const fn goal(
    number: u8,
    colour: &'static str,
    numbered: u8,
    lettered: u8,
    names: [&'static str; 5],
) -> Goal {
    Goal { number, colour, numbered_targets: numbered, lettered_targets: lettered, names }
}

impl Goal {
    /// The goal numbered `number`, if there is one.
    pub fn by_number(number: u8) -> Option<&'static Goal> {
        GOALS.get(usize::from(number).checked_sub(1)?)
    }

    /// The site-relative path of the goal's page (`2030-agenda/goal-10`).
    pub fn path(&self) -> String {
        format!("{AGENDA_PATH}/goal-{}", self.number)
    }

    /// The official short name in `language`, in English for a language without one.
    pub fn name(&self, language: &str) -> &'static str {
        let index = LANGUAGES.iter().position(|l| *l == language).unwrap_or(0);
        self.names[index]
    }

    /// Its targets' codes in the official order: `10.1` … `10.7`, then `10.a` … `10.c`.
    pub fn targets(&self) -> impl Iterator<Item = String> + '_ {
        let numbered = (1..=self.numbered_targets).map(|n| format!("{}.{n}", self.number));
        let lettered =
            (0..self.lettered_targets).map(|n| format!("{}.{}", self.number, char::from(b'a' + n)));
        numbered.chain(lettered)
    }

    fn has_target(&self, target: &str) -> bool {
        match target.as_bytes() {
            [letter @ b'a'..=b'z'] => letter - b'a' < self.lettered_targets,
            digits if !digits.is_empty() && digits.len() <= 2 && digits[0] != b'0' => {
                target.parse::<u8>().is_ok_and(|n| (1..=self.numbered_targets).contains(&n))
            }
            _ => false,
        }
    }
}

/// The goal a code names: `"10"` and `"10.7"` both name Goal 10. `None` for anything that is
/// not a goal or one of its targets (`"18"`, `"10.8"`, `"10.d"`, `" 10"`).
pub fn goal_of(code: &str) -> Option<&'static Goal> {
    let (number, target) = match code.split_once('.') {
        Some((number, target)) => (number, Some(target)),
        None => (code, None),
    };
    if number.is_empty()
        || number.len() > 2
        || number.starts_with('0')
        || !number.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let goal = Goal::by_number(number.parse().ok()?)?;
    match target {
        Some(target) if !goal.has_target(target) => None,
        _ => Some(goal),
    }
}

/// The goal numbers `codes` name, each once, in ascending order; unknown codes are skipped.
pub fn goals_of<'a>(codes: impl IntoIterator<Item = &'a str>) -> Vec<u8> {
    let mut numbers: Vec<u8> = codes.into_iter().filter_map(goal_of).map(|g| g.number).collect();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
}

/// `codes` in the Agenda's order (goal, then its numbered, then its lettered targets), each
/// once; the order a document's goals are shown and stored in.
pub fn sorted_codes(codes: &[String]) -> Vec<String> {
    let key = |code: &str| -> (u8, u8, u8) {
        let goal = goal_of(code).map_or(u8::MAX, |g| g.number);
        match code.split_once('.') {
            None => (goal, 0, 0),
            Some((_, t)) => match t.parse::<u8>() {
                Ok(n) => (goal, 1, n),
                Err(_) => (goal, 2, t.bytes().next().unwrap_or(0)),
            },
        }
    };
    let mut sorted = codes.to_vec();
    sorted.sort_by_key(|c| key(c));
    sorted.dedup();
    sorted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn there_are_seventeen_goals_and_one_hundred_and_sixty_nine_targets() {
        assert_eq!(GOALS.len(), 17);
        for (i, goal) in GOALS.iter().enumerate() {
            assert_eq!(usize::from(goal.number), i + 1);
            assert!(goal.colour.len() == 7 && goal.colour.starts_with('#'));
            assert!(LANGUAGES.iter().all(|l| !goal.name(l).is_empty()));
        }
        assert_eq!(GOALS.iter().map(|g| g.targets().count()).sum::<usize>(), 169);
        assert_eq!(
            GOALS[9].targets().collect::<Vec<_>>().join(" "),
            "10.1 10.2 10.3 10.4 10.5 10.6 10.7 10.a 10.b 10.c"
        );
        assert_eq!(GOALS[16].targets().last().as_deref(), Some("17.19"));
    }

    #[test]
    fn codes_name_a_goal_or_one_of_its_targets_and_nothing_else() {
        assert_eq!(goal_of("10").map(|g| g.number), Some(10));
        assert_eq!(goal_of("10.7").map(|g| g.number), Some(10));
        assert_eq!(goal_of("10.c").map(|g| g.number), Some(10));
        assert_eq!(goal_of("8.10").map(|g| g.number), Some(8));
        for bad in
            ["", "0", "18", "010", "10.8", "10.d", "10.", ".7", "10.07", "10.A", " 10", "17.a", "1.1.1", "x"]
        {
            assert!(goal_of(bad).is_none(), "{bad:?}");
        }
    }

    #[test]
    fn names_follow_the_interface_language_and_fall_back_to_english() {
        assert_eq!(GOALS[0].name("fr"), "Pas de pauvreté");
        assert_eq!(GOALS[12].name("de"), "Maßnahmen zum Klimaschutz");
        assert_eq!(GOALS[9].name("pt"), "Reduced Inequalities");
    }

    #[test]
    fn codes_sort_in_the_agendas_order() {
        let codes: Vec<String> =
            ["10.c", "3", "8.10", "10", "8.2", "10.2", "10.c"].iter().map(|c| (*c).to_owned()).collect();
        assert_eq!(sorted_codes(&codes), ["3", "8.2", "8.10", "10", "10.2", "10.c"]);
        assert_eq!(goals_of(codes.iter().map(String::as_str)), [3, 8, 10]);
    }
}
