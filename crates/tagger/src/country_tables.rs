//! Hand-written tables that complete CLDR's country names: the short and long forms releases
//! use ("DRC", "Ivory Coast", "Türkiye"), demonyms in the seven languages (CLDR has none),
//! phrases that look like a country but are not ("Latin American", "US dollars"), and the
//! words that make a language-like demonym ("French", "alemán") mean a people or a state.
//!
//! Formats are line-based so that a line can be added without touching code.

/// `ISO2: form; form; =EXACT` — a form prefixed with `=` matches only with exactly that case
/// ("US" but not "us"); other forms match ignoring case and accents, if capitalized in the text.
pub(crate) const ALIASES: &str = "
CD: DRC; =RDC; DR Congo; RD Congo; DR Kongo; Democratic Republic of the Congo; Democratic Republic of Congo; République démocratique du Congo; Congo-Kinshasa; República Democrática del Congo; Demokratische Republik Kongo; Demokratischen Republik Kongo; Repubblica Democratica del Congo; República Democrática do Congo; جمهورية الكونغو الديمقراطية; الكونغو الديمقراطية
CG: Republic of the Congo; Congo-Brazzaville; République du Congo; República del Congo; Republik Kongo; Repubblica del Congo; República do Congo
CI: Ivory Coast; Côte d'Ivoire; Cote d'Ivoire; Costa de Marfil; Elfenbeinküste; Costa d'Avorio; Costa do Marfim; ساحل العاج; كوت ديفوار
TR: Turkey; Türkiye; Turkiye; Turquie; Turquía; Türkei; Turchia; Turquia; تركيا
GB: =UK; =U.K.; United Kingdom; Great Britain; Britain; Royaume-Uni; Grande-Bretagne; Reino Unido; Gran Bretaña; Vereinigtes Königreich; Vereinigten Königreich; Vereinigten Königreichs; Großbritannien; Grossbritannien; Regno Unito; Gran Bretagna; Grã-Bretanha; المملكة المتحدة; بريطانيا
US: =US; =U.S.; =USA; =U.S.A.; United States; United States of America; États-Unis; Etats-Unis; Estados Unidos; =EE. UU.; =EE.UU.; =EEUU; Vereinigte Staaten; Vereinigten Staaten; Stati Uniti; =EUA; الولايات المتحدة; الولايات المتحدة الأمريكية; الولايات المتحدة الأميركية
SY: Syrian Arab Republic; République arabe syrienne; República Árabe Siria; سورية; الجمهورية العربية السورية
IR: Islamic Republic of Iran; Irão; Irã
KR: Republic of Korea; South Korea; République de Corée; Corée du Sud; República de Corea; Corea del Sur; Republik Korea; Südkorea; Repubblica di Corea; Corea del Sud; República da Coreia; Coreia do Sul; كوريا الجنوبية; جمهورية كوريا
KP: North Korea; Democratic People's Republic of Korea; Corée du Nord; Corea del Norte; Nordkorea; Corea del Nord; Coreia do Norte; كوريا الشمالية
LA: Laos; Lao PDR; Lao People's Democratic Republic
VN: Viet Nam; Vietname
CZ: Czech Republic; République tchèque; República Checa; Tschechische Republik; Repubblica Ceca; República Tcheca
SZ: Swaziland
CV: Cape Verde; Cap-Vert; Kap Verde; Capo Verde; Cabo Verde
MM: Burma; Birmanie; Birmania; Birmânia
TL: East Timor; Timor Oriental; Osttimor; Timor Est; Timor-Leste
PS: State of Palestine; Occupied Palestinian Territory; West Bank; Gaza Strip; Palestine; Palestina; Palästina; Territoire palestinien occupé; Cisjordanie; Bande de Gaza; Cisjordania; Franja de Gaza; Westjordanland; Gazastreifen; Cisgiordania; Striscia di Gaza; Cisjordânia; Faixa de Gaza; فلسطين; دولة فلسطين; الأراضي الفلسطينية المحتلة; الأراضي الفلسطينية; الضفة الغربية; قطاع غزة
MD: Republic of Moldova; République de Moldova; República de Moldova; Republik Moldau; Moldawien; Moldavia; Moldávia; مولدوفا
RU: Russian Federation; Fédération de Russie; Federación de Rusia; Russische Föderation; Federazione Russa; Federação Russa; الاتحاد الروسي
BO: Plurinational State of Bolivia; Estado Plurinacional de Bolivia
VE: Bolivarian Republic of Venezuela; República Bolivariana de Venezuela
TZ: Tanzania; United Republic of Tanzania; Tanzanie; Tansania; Tanzânia
MK: North Macedonia; Macédoine du Nord; Macedonia del Norte; Nordmazedonien; Macedonia del Nord; Macedônia do Norte; Macedónia do Norte
NL: Netherlands; Holland; Kingdom of the Netherlands; Pays-Bas; Royaume des Pays-Bas; Países Bajos; Holanda; Niederlande; Niederlanden; Paesi Bassi; Olanda; Países Baixos; هولندا
GM: The Gambia; Gambie
AE: =UAE; United Arab Emirates; Emirats arabes unis; Émirats arabes unis; Emiratos Árabes Unidos; Vereinigte Arabische Emirate; Vereinigten Arabischen Emiraten; Emirati Arabi Uniti; Emirados Árabes Unidos; الإمارات; الإمارات العربية المتحدة
CF: =CAR; Central African Republic; Zentralafrikanische Republik; Zentralafrikanischen Republik; جمهورية أفريقيا الوسطى; جمهورية إفريقيا الوسطى; أفريقيا الوسطى
DO: Dominikanische Republik; Dominikanischen Republik
BA: Bosnia; Bosnie-Herzégovine; Bosnia y Herzegovina; Bosnien-Herzegowina; Bosnien und Herzegowina; Bosnia-Erzegovina
SS: Sud Sudan; Sudão do Sul; Südsudan; جنوب السودان
SA: =KSA; Kingdom of Saudi Arabia; Saudi-Arabien; السعودية; المملكة العربية السعودية
KE: Quénia
PL: Polónia
RO: Roménia
SI: Eslovénia
AM: Arménia
BJ: Benim
SG: Singapura
KH: Camboja
YE: Jemens
SD: Sudans
ZA: South Africa; Afrique du Sud; Sudáfrica; Südafrika; Sudafrica; África do Sul; جنوب أفريقيا; جنوب إفريقيا
PH: Philippinen; Filipinas; الفلبين
LK: Sri Lanka; سريلانكا; سري لانكا
BD: Bangladesch; بنغلاديش; بنغلادش
JO: الأردن
HT: هايتي
CN: China; الصين
";

/// Forms that look like a country or demonym but are not: matched, then dropped.
pub(crate) const NOT_A_COUNTRY: &[&str] = &[
    "Latin America",
    "Latin American",
    "Latin Americans",
    "Central American",
    "Central Americans",
    "South American",
    "South Americans",
    "North American",
    "North Americans",
    "Inter-American",
    "Pan American",
    "Pan-American",
    "US dollars",
    "US dollar",
    "US$",
    "U.S. dollars",
    "Indian Ocean",
    "New Mexico",
    "New Jersey",
    "New South Wales",
    "Guinea pig",
    "Congo Basin",
    "Congo River",
    "Lake Chad",
    "lac Tchad",
    "lago Chad",
    "Tschadsee",
    "lago Ciad",
    "lago Chade",
    "Gulf of Guinea",
    "Golfe de Guinée",
    "Golfo de Guinea",
    "Horn of Africa",
    "Corne de l'Afrique",
    "Cuerno de África",
    "Horn von Afrika",
    "Corno d'Africa",
    "Chifre de África",
    "latinoamericano",
    "latinoamericanos",
    "latinoamericana",
    "latinoamericanas",
    "centroamericano",
    "centroamericanos",
    "centroamericana",
    "centroamericanas",
    "sudamericano",
    "sudamericanos",
    "norteamericano",
    "norteamericanos",
    "latino-américain",
    "latino-américains",
    "centraméricain",
    "centraméricains",
    "sud-américain",
    "nord-américain",
    "lateinamerikanisch",
    "lateinamerikanische",
    "lateinamerikanischen",
    "mittelamerikanisch",
    "mittelamerikanische",
    "mittelamerikanischen",
    "latinoamericani",
    "centroamericani",
    "latino-americano",
    "latino-americanos",
    "centro-americano",
    "centro-americanos",
    "sul-americano",
    "sul-americanos",
    "Arab States",
    "Arab world",
    "Amérique latine",
    "América Latina",
    "Lateinamerika",
    "America Latina",
    "Dominican Sisters",
    "Georgia Tech",
    "Jordan River",
    "Jordan Valley",
    "Hong Kong dollar",
    "Sahara occidental",
    "Western Sahara",
    "New Guinea",
];

/// Demonyms, one language per block: `lang:` then `ISO2 stem, stem` lines. A stem matches
/// with any of its language's endings (see `suffixes`); `!` marks a demonym that is also a
/// language's name ("French", "alemán"), counted only next to a word for people or a state.
pub(crate) const DEMONYMS: &str = "
en:
AF Afghan
AL Albanian
DZ Algerian
AO Angolan
AR Argentine, Argentinian
AM Armenian
AU Australian
AT Austrian
AZ Azerbaijani
BD Bangladeshi
BY Belarusian
BE Belgian
BJ Beninese
BO Bolivian
BA Bosnian
BR Brazilian
BF Burkinabe, Burkinabè
BI Burundian
KH Cambodian
CM Cameroonian
CA Canadian
CF Central African
TD Chadian
CL Chilean
CN !Chinese
CO Colombian
CR Costa Rican
CI Ivorian
HR Croatian
CU Cuban
DK !Danish
DJ Djiboutian
DO Dominican
EC Ecuadorian, Ecuadorean
EG Egyptian
SV Salvadoran, Salvadorean
ER Eritrean
ET Ethiopian
FI !Finnish
FR !French
GA Gabonese
GM Gambian
DE !German
GH Ghanaian
GR !Greek
GT Guatemalan
GN Guinean
GW Bissau-Guinean
HT Haitian
HN Honduran
HU !Hungarian
IN Indian
ID Indonesian
IR Iranian
IQ Iraqi
IE Irish
IL Israeli
IT !Italian
JM Jamaican
JP !Japanese
JO Jordanian
KZ Kazakh
KE Kenyan
KW Kuwaiti
KG Kyrgyz
LB Lebanese
LR Liberian
LY Libyan
MG Malagasy
MW Malawian
MY Malaysian
ML Malian
MR Mauritanian
MX Mexican
MD Moldovan
MN Mongolian
MA Moroccan
MZ Mozambican
NA Namibian
NP Nepali, Nepalese
NL !Dutch
NI Nicaraguan
NE Nigerien
NG Nigerian
NO Norwegian
OM Omani
PK Pakistani
PS Palestinian
PA Panamanian
PY Paraguayan
PE Peruvian
PH Filipino, Filipina
PL !Polish
PT !Portuguese
QA Qatari
RO !Romanian
RU !Russian
RW Rwandan
SA Saudi
SN Senegalese
RS Serbian
SL Sierra Leonean
SO !Somali
ZA South African
KR South Korean
SS South Sudanese
ES !Spanish
LK Sri Lankan
SD Sudanese
SE !Swedish
CH Swiss
SY Syrian
TJ Tajik
TZ Tanzanian
TH !Thai
TG Togolese
TN Tunisian
TR !Turkish
UG Ugandan
UA !Ukrainian
AE Emirati
GB British
US American
UY Uruguayan
UZ Uzbek
VE Venezuelan
VN !Vietnamese
YE Yemeni
ZM Zambian
ZW Zimbabwean
fr:
AF afghan
DZ algérien
AO angolais
AR argentin
BD bangladais
BE belge
BJ béninois
BO bolivien
BR brésilien
BF burkinabè, burkinabé
BI burundais
CM camerounais
CA canadien
CF centrafricain
TD tchadien
CL chilien
CN !chinois
CO colombien
CI ivoirien
CU cubain
DJ djiboutien
DO dominicain
EC équatorien
EG égyptien
SV salvadorien
ER érythréen
ET éthiopien
FR !français
GA gabonais
GM gambien
DE !allemand
GH ghanéen
GT guatémaltèque
GN guinéen
HT haïtien
HN hondurien
IN indien
ID indonésien
IR iranien
IQ irakien
IT !italien
JP !japonais
JO jordanien
KE kényan, kenyan
LB libanais
LR libérien
LY libyen
MG malgache, malagasy
ML malien
MR mauritanien
MX mexicain
MA marocain
MZ mozambicain
NP népalais
NI nicaraguayen
NE nigérien
NG nigérian
PK pakistanais
PS palestinien
PE péruvien
PH philippin
PT !portugais
RU !russe
RW rwandais
SN sénégalais
SL sierra-léonais, sierraléonais
SO somalien
SS sud-soudanais
ES !espagnol
LK sri-lankais
SD soudanais
CH suisse
SY syrien
TG togolais
TN tunisien
TR !turc, !turque
UA !ukrainien
GB britannique
US américain
VE vénézuélien
YE yéménite
es:
AF afgan, afgano
DZ argelin
AO angoleñ
AR argentin
BD bangladesí, bangladesíes
BO bolivian
BR brasileñ
CM camerunés, camerunes
CA canadiense
CL chilen
CN !chino, !china
CO colombian
CR costarricense
CI marfileñ
CU cuban
DO dominican
EC ecuatorian
EG egipci
SV salvadoreñ
ER eritre
ET etíope
FR !francés, !frances
DE !alemán, !aleman
GT guatemaltec
GN guinean
HT haitian
HN hondureñ
IN indi
IR iraní, iraníes
IQ iraquí, iraquíes
IT !italian
JP !japonés, !japones
JO jordan
LB libanés, libanes
LY libi
MX mexican
MA marroquí, marroquíes
NI nicaragüense
NG nigerian
PK paquistaní, paquistaníes, pakistaní, pakistaníes
PS palestin
PA panameñ
PY paraguay
PE peruan
PH filipin
PT !portugués, !portugues
RU !ruso, !rusa
SN senegalés, senegales
SO somalí, somalíes
ES !español, !espanol
SD sudanés, sudanes
SY siri
TR !turco, !turca
UA !ucranian
US estadounidense
UY uruguay
VE venezolan
YE yemení, yemeníes
de:
AF afghan, afghanisch
DZ algerier, algerisch
BD bangladescher, bangladeschisch
BR brasilianer, brasilianisch
CM kameruner, kamerunisch
CO kolumbianer, kolumbianisch
CI ivorer, ivorisch
CU kubaner, kubanisch
EG ägypter, ägyptisch
ER eritreer, eritreisch
ET äthiopier, äthiopisch
FR !französisch, franzose, französin
DE !deutsch
GH ghanaer, ghanaisch
GM gambier, gambisch
GN guineer, guineisch
HT haitianer, haitianisch
IN inder, indisch
IR iraner, iranisch
IQ iraker, irakisch
IT !italienisch, italiener
JO jordanier, jordanisch
KE kenianer, kenianisch
LB libanese, libanesisch
LY libyer, libysch
ML malier, malisch
MA marokkaner, marokkanisch
MX mexikaner, mexikanisch
NG nigerianer, nigerianisch
PK pakistaner, pakistanisch
PS palästinenser, palästinensisch
RU !russisch, russe
SN senegalese, senegalesisch
SO somalier, somalisch
SD sudanese, sudanesisch
SY syrer, syrisch
TR !türkisch
UA ukrainer, !ukrainisch
US amerikaner, us-amerikanisch
VE venezolaner, venezolanisch
YE jemenit, jemenitisch
it:
AF afghan
DZ algerin
BD bengales, bangladese
BR brasilian
CM camerunens
CO colombian
CI ivorian
CU cuban
EG egizian
ER eritre
ET etiop
FR !frances
DE !tedesc
GM gambian
GN guinean
HT haitian
IN indian
IR iranian
IQ iracheni, iracheno, irachena, irachene
IT !italian
LB libanes
LY libic
ML malian
MA marocchin
MX messican
NG nigerian
PK pakistan
PS palestines
SN senegales
SO somal
SS sud-sudanes, sudsudanes
ES !spagnol
SD sudanes
SY sirian
TN tunisin
TR !turc
UA !ucrain
US statunitens
VE venezuelan
YE yemenit
pt:
AF afegã, afegão, afegãos, afegãs, afeganes
AO angolan
BD bengali, bangladeshian
BR brasileir
CV cabo-verdian
CO colombian
CU cuban
EG egípci
FR !francês, !frances, !francesa, !franceses
DE !alemão, !alemães, !alemã
GW guineense
HT haitian
IN indian
IR iranian
IQ iraquian
IT !italian
LB libanês, libanes
MX mexican
MZ moçambican
PT !portuguê, !portugues, !portuguesa
SN senegalês, senegales
SY síri
ES !espanhol, !espanhóis
TR !turc
UA !ucranian
US estadunidense, norte-american
VE venezuelan
ar:
AF أفغاني
DZ جزائري
BD بنغلاديشي
TD تشادي
CO كولومبي
EG مصري
ER إريتري
ET إثيوبي
FR !فرنسي
DE !ألماني
IN هندي
IR إيراني
IQ عراقي
IT !إيطالي
JO أردني
KW كويتي
LB لبناني
LY ليبي
ML مالي
MA مغربي
NG نيجيري
PK باكستاني
PS فلسطيني
PH فلبيني
QA قطري
SA سعودي
SO صومالي
SD سوداني
SS جنوب سوداني
SY سوري
TN تونسي
TR !تركي
GB بريطاني
US أمريكي, أميركي
VE فنزويلي
YE يمني
";

/// Words for a people or a state: a language-like demonym next to one of them ("German
/// government", "gobierno alemán") means its country. Matched as the start of a word.
pub(crate) const PEOPLE_WORDS: &[&str] = &[
    "government",
    "authorit",
    "national",
    "citizen",
    "migrant",
    "refugee",
    "people",
    "worker",
    "embass",
    "ministr",
    "cooperation",
    "consulat",
    "official",
    "famil",
    "child",
    "women",
    "men",
    "asylum",
    "returnee",
    "communit",
    "donor",
    "police",
    "federal",
    "foreign",
    "presiden",
    "gouvernement",
    "autorit",
    "ressortissant",
    "citoyen",
    "refugi",
    "personne",
    "travailleu",
    "ambassade",
    "ministere",
    "enfant",
    "femme",
    "homme",
    "demandeur",
    "rapatri",
    "gobierno",
    "autoridad",
    "nacional",
    "ciudadan",
    "persona",
    "trabajador",
    "embajada",
    "ministerio",
    "cooperacion",
    "nino",
    "mujer",
    "hombre",
    "solicitante",
    "retornad",
    "comunidad",
    "regierung",
    "behord",
    "staatsangehorig",
    "burger",
    "fluchtling",
    "gefluchtet",
    "mensch",
    "arbeit",
    "botschaft",
    "ministerium",
    "bundesministerium",
    "zusammenarbeit",
    "kind",
    "frau",
    "manner",
    "ruckkehr",
    "gemeinschaft",
    "governo",
    "cittadin",
    "rifugiat",
    "lavorat",
    "ambasciata",
    "cooperazione",
    "consolato",
    "famigl",
    "bambin",
    "donn",
    "uomin",
    "richiedent",
    "comunita",
    "autoridade",
    "cidada",
    "nacionai",
    "pessoa",
    "embaixada",
    "cooperacao",
    "crianca",
    "mulher",
    "homen",
    "requerente",
    "حكومه",
    "سلطات",
    "مواطن",
    "مهاجر",
    "لاجئ",
    "اشخاص",
    "عمال",
    "عامل",
    "سفاره",
    "وزاره",
    "تعاون",
    "قنصليه",
    "اسر",
    "عائل",
    "اطفال",
    "نساء",
    "رعايا",
    "جالي",
];
