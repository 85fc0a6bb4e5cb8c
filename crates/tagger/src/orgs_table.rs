//! The built-in list of organizations a release names: the UN system, the Red Cross and Red
//! Crescent movement, regional bodies, major donors and a few large NGOs — by acronym
//! (matched with its exact case) and full name (matched ignoring case and accents) in the
//! seven languages. Written by hand; add a line to add an organization.
//!
//! One line per organization: `acronyms | names`, each list separated by `;`. The first
//! acronym is the organization's usual one; the first name its English name.

pub(crate) const ORGANIZATIONS: &str = "
IOM; OIM; UN Migration | International Organization for Migration; UN Migration Agency; Organisation internationale pour les migrations; Organización Internacional para las Migraciones; Internationale Organisation für Migration; Organizzazione Internazionale per le Migrazioni; Organização Internacional para as Migrações; المنظمة الدولية للهجرة
UNHCR; ACNUR; HCR | Office of the United Nations High Commissioner for Refugees; UN Refugee Agency; United Nations High Commissioner for Refugees; UN High Commissioner for Refugees; Haut-Commissariat des Nations Unies pour les réfugiés; Agence des Nations Unies pour les réfugiés; Alto Comisionado de las Naciones Unidas para los Refugiados; Agencia de la ONU para los Refugiados; Hoher Flüchtlingskommissar der Vereinten Nationen; UN-Flüchtlingshilfswerk; UNO-Flüchtlingshilfswerk; Flüchtlingshilfswerk der Vereinten Nationen; Alto Commissariato delle Nazioni Unite per i Rifugiati; Agenzia ONU per i Rifugiati; Alto Comissariado das Nações Unidas para Refugiados; Agência da ONU para Refugiados; مفوضية الأمم المتحدة لشؤون اللاجئين; المفوضية السامية للأمم المتحدة لشؤون اللاجئين
UNICEF | United Nations Children's Fund; UN Children's Fund; Fonds des Nations Unies pour l'enfance; Fondo de las Naciones Unidas para la Infancia; Kinderhilfswerk der Vereinten Nationen; Fondo delle Nazioni Unite per l'Infanzia; Fundo das Nações Unidas para a Infância; منظمة الأمم المتحدة للطفولة; اليونيسف; يونيسف
WFP; PAM; PMA | World Food Programme; World Food Program; Programme alimentaire mondial; Programa Mundial de Alimentos; Welternährungsprogramm; Programma Alimentare Mondiale; Programa Alimentar Mundial; برنامج الأغذية العالمي
WHO; OMS | World Health Organization; Organisation mondiale de la santé; Organización Mundial de la Salud; Weltgesundheitsorganisation; Organizzazione Mondiale della Sanità; Organização Mundial da Saúde; منظمة الصحة العالمية
PAHO; OPS | Pan American Health Organization; Organisation panaméricaine de la santé; Organización Panamericana de la Salud; Panamerikanische Gesundheitsorganisation; Organizzazione Panamericana della Sanità; Organização Pan-Americana da Saúde; منظمة الصحة للبلدان الأمريكية
UNDP; PNUD | United Nations Development Programme; UN Development Programme; Programme des Nations Unies pour le développement; Programa de las Naciones Unidas para el Desarrollo; Entwicklungsprogramm der Vereinten Nationen; Programma delle Nazioni Unite per lo Sviluppo; Programa das Nações Unidas para o Desenvolvimento; برنامج الأمم المتحدة الإنمائي
OCHA; BCAH | Office for the Coordination of Humanitarian Affairs; UN Office for the Coordination of Humanitarian Affairs; Bureau de la coordination des affaires humanitaires; Oficina de Coordinación de Asuntos Humanitarios; Amt der Vereinten Nationen für die Koordinierung humanitärer Angelegenheiten; Ufficio delle Nazioni Unite per il Coordinamento degli Affari Umanitari; Escritório de Coordenação de Assuntos Humanitários; مكتب الأمم المتحدة لتنسيق الشؤون الإنسانية; مكتب تنسيق الشؤون الإنسانية
UNFPA | United Nations Population Fund; UN Population Fund; Fonds des Nations Unies pour la population; Fondo de Población de las Naciones Unidas; Bevölkerungsfonds der Vereinten Nationen; Fondo delle Nazioni Unite per la Popolazione; Fundo de População das Nações Unidas; صندوق الأمم المتحدة للسكان
ILO; OIT; IAO; OIL | International Labour Organization; International Labor Organization; Organisation internationale du Travail; Organización Internacional del Trabajo; Internationale Arbeitsorganisation; Organizzazione Internazionale del Lavoro; Organização Internacional do Trabalho; منظمة العمل الدولية
UNESCO | United Nations Educational, Scientific and Cultural Organization; Organisation des Nations Unies pour l'éducation, la science et la culture; Organización de las Naciones Unidas para la Educación, la Ciencia y la Cultura; Organisation der Vereinten Nationen für Erziehung, Wissenschaft und Kultur; Organizzazione delle Nazioni Unite per l'Educazione, la Scienza e la Cultura; Organização das Nações Unidas para a Educação, a Ciência e a Cultura; منظمة الأمم المتحدة للتربية والعلم والثقافة; اليونسكو
UN Women; ONU Femmes; ONU Mujeres; UN-Frauen; ONU Donne; ONU Mulheres | United Nations Entity for Gender Equality and the Empowerment of Women; هيئة الأمم المتحدة للمرأة
UNODC; ONUDC | United Nations Office on Drugs and Crime; UN Office on Drugs and Crime; Office des Nations Unies contre la drogue et le crime; Oficina de las Naciones Unidas contra la Droga y el Delito; Büro der Vereinten Nationen für Drogen- und Verbrechensbekämpfung; Ufficio delle Nazioni Unite contro la droga e il crimine; Escritório das Nações Unidas sobre Drogas e Crime; مكتب الأمم المتحدة المعني بالمخدرات والجريمة
FAO | Food and Agriculture Organization of the United Nations; Food and Agriculture Organization; Organisation des Nations Unies pour l'alimentation et l'agriculture; Organización de las Naciones Unidas para la Alimentación y la Agricultura; Ernährungs- und Landwirtschaftsorganisation der Vereinten Nationen; Organizzazione delle Nazioni Unite per l'Alimentazione e l'Agricoltura; Organização das Nações Unidas para a Alimentação e a Agricultura; منظمة الأغذية والزراعة
OHCHR; HCDH; ACNUDH | Office of the United Nations High Commissioner for Human Rights; UN Human Rights Office; Haut-Commissariat des Nations Unies aux droits de l'homme; Alto Comisionado de las Naciones Unidas para los Derechos Humanos; Oficina del Alto Comisionado de las Naciones Unidas para los Derechos Humanos; Hochkommissar der Vereinten Nationen für Menschenrechte; Alto Commissariato delle Nazioni Unite per i Diritti Umani; Alto Comissariado das Nações Unidas para os Direitos Humanos; مفوضية الأمم المتحدة السامية لحقوق الإنسان
UN-Habitat; ONU-Habitat | United Nations Human Settlements Programme; Programme des Nations Unies pour les établissements humains; Programa de las Naciones Unidas para los Asentamientos Humanos; برنامج الأمم المتحدة للمستوطنات البشرية
UNRWA | United Nations Relief and Works Agency for Palestine Refugees in the Near East; الأونروا; وكالة الأمم المتحدة لإغاثة وتشغيل اللاجئين الفلسطينيين
UNEP; PNUE; PNUMA | United Nations Environment Programme; Programme des Nations Unies pour l'environnement; Programa de las Naciones Unidas para el Medio Ambiente; Umweltprogramm der Vereinten Nationen; برنامج الأمم المتحدة للبيئة
UNAIDS; ONUSIDA | Joint United Nations Programme on HIV/AIDS
IFAD; FIDA | International Fund for Agricultural Development; Fonds international de développement agricole; Fondo Internacional de Desarrollo Agrícola; الصندوق الدولي للتنمية الزراعية
UNOPS | United Nations Office for Project Services
UNDRR | United Nations Office for Disaster Risk Reduction; Bureau des Nations Unies pour la réduction des risques de catastrophe; Oficina de las Naciones Unidas para la Reducción del Riesgo de Desastres
CERF | Central Emergency Response Fund; Fonds central d'intervention pour les urgences humanitaires; Fondo Central para la Acción en Casos de Emergencia; الصندوق المركزي للاستجابة لحالات الطوارئ
World Bank; Banque mondiale; Banco Mundial; Weltbank; Banca Mondiale | World Bank Group; Groupe de la Banque mondiale; Grupo Banco Mundial; البنك الدولي
ADB; AsDB | Asian Development Bank; Banque asiatique de développement; Banco Asiático de Desarrollo; Asiatische Entwicklungsbank; Banca Asiatica di Sviluppo; Banco Asiático de Desenvolvimento; بنك التنمية الآسيوي
AfDB; BAfD | African Development Bank; Banque africaine de développement; Banco Africano de Desarrollo; Afrikanische Entwicklungsbank; بنك التنمية الأفريقي
IDB; BID | Inter-American Development Bank; Banque interaméricaine de développement; Banco Interamericano de Desarrollo; Interamerikanische Entwicklungsbank; Banco Interamericano de Desenvolvimento
ICRC; CICR; IKRK; CICV | International Committee of the Red Cross; Comité international de la Croix-Rouge; Comité Internacional de la Cruz Roja; Internationales Komitee vom Roten Kreuz; Comitato Internazionale della Croce Rossa; Comitê Internacional da Cruz Vermelha; Comité Internacional da Cruz Vermelha; اللجنة الدولية للصليب الأحمر
IFRC; FICR; IFRK; FICV | International Federation of Red Cross and Red Crescent Societies; Fédération internationale des Sociétés de la Croix-Rouge et du Croissant-Rouge; Federación Internacional de Sociedades de la Cruz Roja y de la Media Luna Roja; Internationale Föderation der Rotkreuz- und Rothalbmondgesellschaften; Federazione Internazionale delle Società di Croce Rossa e Mezzaluna Rossa; Federação Internacional das Sociedades da Cruz Vermelha e do Crescente Vermelho; الاتحاد الدولي لجمعيات الصليب الأحمر والهلال الأحمر
EU; UE | European Union; Union européenne; Unión Europea; Europäische Union; Europäischen Union; Unione Europea; União Europeia; الاتحاد الأوروبي
European Commission; EC | European Commission; Commission européenne; Comisión Europea; Europäische Kommission; Europäischen Kommission; Commissione Europea; Comissão Europeia; المفوضية الأوروبية
ECHO; DG ECHO | European Civil Protection and Humanitarian Aid Operations; Directorate-General for European Civil Protection and Humanitarian Aid Operations; Direction générale pour la protection civile et les opérations d'aide humanitaire européennes; Protección Civil y Operaciones de Ayuda Humanitaria Europeas; Dirección General de Protección Civil y Operaciones de Ayuda Humanitaria Europeas; Generaldirektion Europäischer Katastrophenschutz und humanitäre Hilfe; Protezione Civile e Operazioni di Aiuto Umanitario Europee; Escritório de Ajuda Humanitária da Comissão Europeia; Proteção Civil e Operações de Ajuda Humanitária Europeias; المفوضية الأوروبية للحماية المدنية وعمليات المساعدات الإنسانية
AU; UA | African Union; Union africaine; Unión Africana; Afrikanische Union; Afrikanischen Union; Unione Africana; União Africana; الاتحاد الأفريقي; الاتحاد الإفريقي
ECOWAS; CEDEAO | Economic Community of West African States; Communauté économique des États de l'Afrique de l'Ouest; Comunidad Económica de los Estados de África Occidental; Wirtschaftsgemeinschaft Westafrikanischer Staaten; Comunità Economica degli Stati dell'Africa Occidentale; Comunidade Económica dos Estados da África Ocidental; Comunidade Econômica dos Estados da África Ocidental; الجماعة الاقتصادية لدول غرب أفريقيا
SICA | Central American Integration System; Sistema de la Integración Centroamericana; Système d'intégration centraméricain
OAS; OEA | Organization of American States; Organisation des États américains; Organización de los Estados Americanos; Organisation Amerikanischer Staaten; Organizzazione degli Stati Americani; Organização dos Estados Americanos; منظمة الدول الأمريكية
ASEAN | Association of Southeast Asian Nations; Association des nations de l'Asie du Sud-Est; Asociación de Naciones del Sudeste Asiático; Verband Südostasiatischer Nationen; رابطة دول جنوب شرق آسيا
IGAD | Intergovernmental Authority on Development; Autorité intergouvernementale pour le développement; Autoridad Intergubernamental para el Desarrollo; Zwischenstaatliche Behörde für Entwicklung; Autorità Intergovernativa per lo Sviluppo; Autoridade Intergovernamental para o Desenvolvimento; الهيئة الحكومية الدولية المعنية بالتنمية
League of Arab States | League of Arab States; Arab League; Ligue des États arabes; Ligue arabe; Liga de los Estados Árabes; Liga Árabe; Arabische Liga; Lega Araba; Lega degli Stati Arabi; Liga dos Estados Árabes; Liga Árabe; جامعة الدول العربية
SADC | Southern African Development Community; Communauté de développement d'Afrique australe; Comunidad de Desarrollo de África Austral; Comunidade de Desenvolvimento da África Austral
EAC | East African Community; Communauté d'Afrique de l'Est; Comunidad de África Oriental
ECCAS; CEEAC | Economic Community of Central African States; Communauté économique des États de l'Afrique centrale
CARICOM | Caribbean Community; Communauté caribéenne; Comunidad del Caribe
MERCOSUR; MERCOSUL | Southern Common Market; Mercado Común del Sur; Mercado Comum do Sul
Andean Community | Andean Community; Comunidad Andina; Communauté andine
OSCE | Organization for Security and Co-operation in Europe; Organisation pour la sécurité et la coopération en Europe; Organización para la Seguridad y la Cooperación en Europa; Organisation für Sicherheit und Zusammenarbeit in Europa; Organizzazione per la Sicurezza e la Cooperazione in Europa; Organização para a Segurança e Cooperação na Europa; منظمة الأمن والتعاون في أوروبا
Council of Europe | Council of Europe; Conseil de l'Europe; Consejo de Europa; Europarat; Consiglio d'Europa; Conselho da Europa; مجلس أوروبا
CPLP | Community of Portuguese Language Countries; Communauté des pays de langue portugaise; Comunidad de Países de Lengua Portuguesa; Gemeinschaft der Portugiesischsprachigen Länder; Comunità dei Paesi di Lingua Portoghese; Comunidade dos Países de Língua Portuguesa
OIF | Organisation internationale de la Francophonie; International Organisation of La Francophonie
GCC | Gulf Cooperation Council; Cooperation Council for the Arab States of the Gulf; Conseil de coopération du Golfe; Consejo de Cooperación del Golfo; Golf-Kooperationsrat; مجلس التعاون الخليجي; مجلس التعاون لدول الخليج العربية
OIC; OCI | Organisation of Islamic Cooperation; Organization of Islamic Cooperation; Organisation de la coopération islamique; Organización de Cooperación Islámica; منظمة التعاون الإسلامي
ICMPD | International Centre for Migration Policy Development; Centre international pour le développement des politiques migratoires; Centro Internacional para el Desarrollo de Políticas Migratorias; Internationales Zentrum für Migrationspolitikentwicklung; Internationalen Zentrum für Migrationspolitikentwicklung; Centro Internazionale per lo Sviluppo delle Politiche Migratorie; Centro Internacional para o Desenvolvimento de Políticas Migratórias
USAID | United States Agency for International Development; U.S. Agency for International Development; US Agency for International Development; Agence des États-Unis pour le développement international; Agencia de los Estados Unidos para el Desarrollo Internacional; Agencia de Estados Unidos para el Desarrollo Internacional; Agencia Estadounidense para el Desarrollo Internacional; Agentur der Vereinigten Staaten für internationale Entwicklung; Agenzia degli Stati Uniti per lo Sviluppo Internazionale; Agência dos Estados Unidos para o Desenvolvimento Internacional; الوكالة الأمريكية للتنمية الدولية; الوكالة الأميركية للتنمية الدولية
PRM | Bureau of Population, Refugees, and Migration; Bureau of Population, Refugees and Migration; Oficina de Población, Refugiados y Migración; Bureau de la population, des réfugiés et des migrations
FCDO | Foreign, Commonwealth & Development Office; Foreign, Commonwealth and Development Office; Bureau des affaires étrangères, du Commonwealth et du développement; Ministère des affaires étrangères, du Commonwealth et du développement; Oficina de Asuntos Exteriores, de la Commonwealth y de Desarrollo; Ministerio de Asuntos Exteriores, Commonwealth y Desarrollo; وزارة الخارجية والكومنولث والتنمية
DFID | Department for International Development
GIZ | Deutsche Gesellschaft für Internationale Zusammenarbeit; Deutschen Gesellschaft für Internationale Zusammenarbeit; German Agency for International Cooperation; Agence allemande de coopération internationale; Agencia Alemana de Cooperación Internacional
BMZ | Federal Ministry for Economic Cooperation and Development; Bundesministerium für wirtschaftliche Zusammenarbeit und Entwicklung; Bundesministeriums für wirtschaftliche Zusammenarbeit und Entwicklung
GFFO | German Federal Foreign Office; Auswärtiges Amt; Auswärtige Amt; Auswärtigen Amt; Auswärtigen Amts; Federal Foreign Office; Ministère fédéral allemand des Affaires étrangères; Ministerio Federal de Relaciones Exteriores de Alemania
KfW | KfW Development Bank; Kreditanstalt für Wiederaufbau; KfW Entwicklungsbank
AECID | Spanish Agency for International Development Cooperation; Agencia Española de Cooperación Internacional para el Desarrollo; Agence espagnole de coopération internationale pour le développement; Spanische Agentur für internationale Entwicklungszusammenarbeit; Cooperación Española; Coopération espagnole; Spanish Cooperation
AFD | Agence française de développement; French Development Agency; Agencia Francesa de Desarrollo; Agência Francesa de Desenvolvimento
Sida; SIDA; Asdi; ASDI | Swedish International Development Cooperation Agency; Agence suédoise de coopération internationale au développement; Agencia Sueca de Cooperación Internacional para el Desarrollo; Schwedische Agentur für internationale Entwicklungszusammenarbeit; Agenzia Svedese per la Cooperazione allo Sviluppo Internazionale; Agência Sueca de Cooperação Internacional para o Desenvolvimento
JICA; جايكا | Japan International Cooperation Agency; Agence japonaise de coopération internationale; Agencia de Cooperación Internacional del Japón; Agencia Japonesa de Cooperación Internacional; Japanische Agentur für internationale Zusammenarbeit; Agenzia Giapponese per la Cooperazione Internazionale; Agência Japonesa de Cooperação Internacional; Agência de Cooperação Internacional do Japão; الوكالة اليابانية للتعاون الدولي
KOICA | Korea International Cooperation Agency; Agence coréenne de coopération internationale; Agencia de Cooperación Internacional de Corea; Agência de Cooperação Internacional da Coreia; Koreanische Agentur für internationale Zusammenarbeit; الوكالة الكورية للتعاون الدولي
SDC; DDC; COSUDE; DEZA; DSC | Swiss Agency for Development and Cooperation; Direction du développement et de la coopération; Agencia Suiza para el Desarrollo y la Cooperación; Direktion für Entwicklung und Zusammenarbeit; Direzione dello sviluppo e della cooperazione; Agência Suíça para o Desenvolvimento e a Cooperação; الوكالة السويسرية للتنمية والتعاون
AICS | Italian Agency for Development Cooperation; Agenzia Italiana per la Cooperazione allo Sviluppo; Agence italienne pour la coopération au développement; Agencia Italiana de Cooperación para el Desarrollo
Norad | Norwegian Agency for Development Cooperation; Direktoratet for utviklingssamarbeid
Danida | Danish International Development Agency
DFAT | Department of Foreign Affairs and Trade; Australian Department of Foreign Affairs and Trade; Departamento dos Negócios Estrangeiros e Comércio; Departamento de Relaciones Exteriores y Comercio; Département des Affaires étrangères et du Commerce
GAC | Global Affairs Canada; Affaires mondiales Canada; Asuntos Mundiales Canadá
Irish Aid | Irish Aid
Enabel | Belgian Development Agency; Agence belge de développement; Belgisches Entwicklungsagentur
LuxDev | Luxembourg Agency for Development Cooperation; Agence luxembourgeoise pour la Coopération au Développement
KSrelief | King Salman Humanitarian Aid and Relief Centre; Centre Roi Salmane d'aide humanitaire et de secours; Centro de Ayuda Humanitaria y Socorro Rey Salman; مركز الملك سلمان للإغاثة والأعمال الإنسانية
OFDA | Office of U.S. Foreign Disaster Assistance
BHA | Bureau for Humanitarian Assistance
MSF | Médecins Sans Frontières; Doctors Without Borders; Médicos Sin Fronteras; Ärzte ohne Grenzen; Medici Senza Frontiere; Médicos Sem Fronteiras; أطباء بلا حدود
NRC | Norwegian Refugee Council; Conseil norvégien pour les réfugiés; Consejo Noruego para Refugiados; Norwegischer Flüchtlingsrat; Consiglio Norvegese per i Rifugiati; Conselho Norueguês para Refugiados; المجلس النرويجي للاجئين
IRC | International Rescue Committee; Comité international de secours; Comité Internacional de Rescate; International Rescue Committee
Danish Refugee Council | Danish Refugee Council; Conseil danois pour les réfugiés; Consejo Danés para Refugiados; Dänischer Flüchtlingsrat; المجلس الدنماركي للاجئين
Save the Children | Save the Children; Save the Children International
Oxfam | Oxfam; Oxfam International; Oxfam Intermón
CARE | CARE International
World Vision | World Vision; World Vision International; Visión Mundial; Vision du Monde
Caritas | Caritas; Caritas Internationalis
HelpAge | HelpAge International
Plan International | Plan International
IDMC | Internal Displacement Monitoring Centre; Observatoire des situations de déplacement interne; Centro de Monitoreo del Desplazamiento Interno
R4V | Inter-Agency Coordination Platform for Refugees and Migrants from Venezuela; Plataforma de Coordinación Interagencial para Refugiados y Migrantes de Venezuela; Plataforma de Coordenação Interagencial para Refugiados e Migrantes da Venezuela
";

/// Phrases for "Red Cross" and "Red Crescent" in the seven languages: with a country or
/// demonym next to them they name a national society ("Colombian Red Cross", "Cruz Roja
/// Hondureña", "الهلال الأحمر الليبي").
pub(crate) const RED_CROSS: &[&str] = &[
    "Red Cross Society",
    "Red Crescent Society",
    "Red Cross",
    "Red Crescent",
    "Croix-Rouge",
    "Croissant-Rouge",
    "Cruz Roja",
    "Media Luna Roja",
    "Rotes Kreuz",
    "Roten Kreuz",
    "Roten Kreuzes",
    "Roter Halbmond",
    "Roten Halbmond",
    "Croce Rossa",
    "Mezzaluna Rossa",
    "Cruz Vermelha",
    "Crescente Vermelho",
    "الصليب الأحمر",
    "الهلال الأحمر",
    "جمعية الهلال الأحمر",
    "جمعية الصليب الأحمر",
];
