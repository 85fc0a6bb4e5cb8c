// Generates crates/geo/src/generated.rs from CLDR (npm packages cldr-core and
// cldr-localenames-full, pinned in package.json). Run: npm install && node generate.mjs
//
// The output is deterministic: the same CLDR version always gives the same file.

import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const here = dirname(fileURLToPath(import.meta.url));
const crateDir = join(here, "..", "..", "crates", "geo");
const outPath = join(crateDir, "src", "generated.rs");
const licensePath = join(crateDir, "LICENSE-CLDR.txt");

// The order of the languages is the order of `Lang` and of every `names` array in Rust.
const LANGS = ["en", "fr", "es", "de", "ar"];

// Country names in further languages, kept in a table of their own (`EXTRA_NAMES`) so that
// `Lang` and its five interface languages keep their meaning. Read by `Country::name_in`.
const EXTRA_LANGS = ["it", "pt"];

// The five continental regions of UN M49, in the order `regions()` returns them.
const CONTINENTS = ["002", "019", "142", "150", "009"];

// Where CLDR's default name carries a qualifier that a news site would not print, use its
// alt="short" name instead. Kept deliberately small; every other name is CLDR's default.
//   HK, MO: "Hong Kong SAR China" / "Macao SAR China" -> "Hong Kong" / "Macao" (all languages)
//   MM: English "Myanmar (Burma)" -> "Myanmar"
// English names join with "&" ("Bosnia & Herzegovina", "Trinidad & Tobago"): a news site
// spells out "and", as the other languages do ("et", "y", "und", "و").
// Not taken: GB "UK", US "US" (abbreviations), BA "Bosnia" (incomplete), PS "Palestine"
// (a political choice for the organization, not a style one), CC and PN (defaults are fine).
const PREFER_SHORT = { HK: [...LANGS, ...EXTRA_LANGS], MO: [...LANGS, ...EXTRA_LANGS], MM: ["en"] };
// Italian "Myanmar (Birmania)" and Portuguese "Mianmar (Birmânia)" have no short form in
// CLDR; the parenthesis is dropped, as for English.
const DROP_PARENTHESIS = { MM: ["it", "pt"] };

// ISO 3166-1 user-assigned codes: alpha-2 AA, QM-QZ, XA-XZ, ZZ and numeric 900-999. CLDR
// maps its private-use territories (QO, XK, ZZ, ...) to such codes, and EU to QUU/967.
const isUserAssigned = (alpha2, numeric) =>
  /^(AA|Q[M-Z]|X[A-Z]|ZZ)$/.test(alpha2) || Number.parseInt(numeric, 10) >= 900;

const readJson = (module) => require(module);

const corePkg = readJson("cldr-core/package.json");
const namesPkg = readJson("cldr-localenames-full/package.json");
if (corePkg.version !== namesPkg.version) {
  throw new Error(`cldr-core ${corePkg.version} and cldr-localenames-full ${namesPkg.version} differ`);
}
const cldrVersion = corePkg.version;

const codeMappings = readJson("cldr-core/supplemental/codeMappings.json").supplemental.codeMappings;
const containment = readJson("cldr-core/supplemental/territoryContainment.json").supplemental
  .territoryContainment;
const territoryAlias = readJson("cldr-core/supplemental/aliases.json").supplemental.metadata.alias
  .territoryAlias;

const territoryNames = Object.fromEntries(
  [...LANGS, ...EXTRA_LANGS].map((lang) => [
    lang,
    readJson(`cldr-localenames-full/main/${lang}/territories.json`).main[lang].localeDisplayNames
      .territories,
  ]),
);

function nameOf(code, lang) {
  const names = territoryNames[lang];
  const short = names[`${code}-alt-short`];
  let name = PREFER_SHORT[code]?.includes(lang) && short ? short : names[code];
  if (!name) throw new Error(`no ${lang} name for ${code}`);
  if (DROP_PARENTHESIS[code]?.includes(lang)) name = name.replace(/ \(.*\)$/, "");
  return lang === "en" ? name.replaceAll(" & ", " and ") : name;
}

const namesOf = (code) => LANGS.map((lang) => nameOf(code, lang));

// --- Countries: CLDR territories with ISO alpha-3 and numeric codes, less deprecated
// codes (AN, SU, YU, ...: CLDR's territoryAlias) and user-assigned ones (EU, XK, ZZ, ...).
// AC, CP, DG and TA have an alpha-3 code but no numeric one: ISO only reserves them.
const countryCodes = Object.keys(codeMappings)
  .filter((code) => /^[A-Z]{2}$/.test(code))
  .filter((code) => codeMappings[code]._alpha3 && codeMappings[code]._numeric)
  .filter((code) => !isUserAssigned(code, codeMappings[code]._numeric) && !territoryAlias[code])
  .sort();
if (countryCodes.length !== 249) {
  throw new Error(`expected 249 ISO 3166-1 countries, got ${countryCodes.length}`);
}

// --- Containment: the parent of each territory, from CLDR's structural containment only
// (not groupings such as EU, UN, 419 Latin America or 202 Sub-Saharan Africa, nor deprecated
// entries, whose keys carry a "-status-" suffix).
const parentOf = {};
for (const [parent, entry] of Object.entries(containment)) {
  if (parent.includes("-status-") || entry._grouping === "true") continue;
  for (const child of entry._contains) {
    if (parentOf[child] && parentOf[child] !== parent) {
      throw new Error(`${child} is in both ${parentOf[child]} and ${parent}`);
    }
    parentOf[child] = parent;
  }
}

// A country's sub-region is the M49 area directly containing it, and its region the
// continent containing that. Antarctica is in CLDR's QO "Outlying Oceania", which is not an
// M49 area (M49 puts Antarctica in no region), so it gets none.
function placeOf(code) {
  const sub = parentOf[code];
  const region = parentOf[sub];
  if (/^\d{3}$/.test(sub ?? "") && CONTINENTS.includes(region)) return { region, sub };
  return { region: null, sub: null };
}

const places = Object.fromEntries(countryCodes.map((code) => [code, placeOf(code)]));
const unplaced = countryCodes.filter((code) => places[code].region === null);
if (unplaced.join(",") !== "AQ") {
  throw new Error(`countries without a region changed: ${unplaced.join(",")}; update the docs`);
}

// Sub-regions that hold at least one country, grouped by continent, then by code.
const subregions = [...new Set(countryCodes.map((code) => places[code].sub).filter(Boolean))].sort(
  (a, b) =>
    CONTINENTS.indexOf(parentOf[a]) - CONTINENTS.indexOf(parentOf[b]) || a.localeCompare(b),
);

// --- Rust output.

function rustString(text) {
  let out = '"';
  for (const ch of text) {
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    // Control and invisible format characters (bidi marks, ...) are escaped so that
    // the source shows them.
    else if (/[\p{Cc}\p{Cf}]/u.test(ch)) out += `\\u{${ch.codePointAt(0).toString(16)}}`;
    else out += ch;
  }
  return `${out}"`;
}

const rustNames = (names) => `[${names.map(rustString).join(", ")}]`;
const continentRef = (code) => `&REGIONS[${CONTINENTS.indexOf(code)}]`;
const subregionRef = (code) => `&SUBREGIONS[${subregions.indexOf(code)}]`;
const english = (code) => nameOf(code, "en");

const lines = [];
const emit = (line = "") => lines.push(line);

emit(`// @generated by scripts/geo/generate.mjs from CLDR ${cldrVersion}. Do not edit by hand:`);
emit("// change the script and run `cd scripts/geo && npm install && node generate.mjs`.");
emit("//");
emit(`// Data from the Unicode Common Locale Data Repository (CLDR) ${cldrVersion}, npm packages`);
emit("// cldr-core and cldr-localenames-full. Copyright © Unicode, Inc. Licensed under the");
emit("// Unicode License v3 (SPDX: Unicode-3.0); see crates/geo/LICENSE-CLDR.txt.");
emit();
emit("use crate::{Country, Region};");
emit();
emit("/// The CLDR release these tables were generated from.");
emit(`pub const CLDR_VERSION: &str = ${rustString(cldrVersion)};`);
emit();
emit("/// The five UN M49 continental regions. Names: en, fr, es, de, ar.");
emit(`pub(crate) static REGIONS: [Region; ${CONTINENTS.length}] = [`);
for (const code of CONTINENTS) {
  emit(`    // ${code} ${english(code)}`);
  emit(`    Region { code: "${code}", parent: None, names: ${rustNames(namesOf(code))} },`);
}
emit("];");
emit();
emit("/// The UN M49 sub-regions that directly contain countries, by continent then code.");
emit(`pub(crate) static SUBREGIONS: [Region; ${subregions.length}] = [`);
for (const code of subregions) {
  const parent = parentOf[code];
  emit(`    // ${code} ${english(code)}, in ${parent} ${english(parent)}`);
  emit(
    `    Region { code: "${code}", parent: Some(${continentRef(parent)}), names: ${rustNames(namesOf(code))} },`,
  );
}
emit("];");
emit();
emit("/// Every ISO 3166-1 country, sorted by alpha-2 code.");
emit(`pub(crate) static COUNTRIES: [Country; ${countryCodes.length}] = [`);
for (const code of countryCodes) {
  const { region, sub } = places[code];
  const numeric = Number.parseInt(codeMappings[code]._numeric, 10);
  const placeComment = region
    ? `${region} ${english(region)} / ${sub} ${english(sub)}`
    : "no M49 region";
  emit(`    // ${code} ${english(code)}: ${placeComment}`);
  emit(
    `    Country { iso2: "${code}", iso3: "${codeMappings[code]._alpha3}", numeric: ${numeric}, ` +
      `region: ${region ? `Some(${continentRef(region)})` : "None"}, ` +
      `subregion: ${sub ? `Some(${subregionRef(sub)})` : "None"}, ` +
      `names: ${rustNames(namesOf(code))} },`,
  );
}
emit("];");
emit();
emit(`/// Country names in ${EXTRA_LANGS.join(", ")}, in the order of \`COUNTRIES\`.`);
emit(`pub(crate) static EXTRA_NAMES: [[&str; ${EXTRA_LANGS.length}]; ${countryCodes.length}] = [`);
for (const code of countryCodes) {
  emit(`    ${rustNames(EXTRA_LANGS.map((lang) => nameOf(code, lang)))}, // ${code}`);
}
emit("];");

// The Unicode License asks that its notice go with copies of the data.
const cldrLicense = readFileSync(require.resolve("cldr-core/LICENSE"), "utf8").trimEnd();
writeFileSync(
  licensePath,
  `The tables in src/generated.rs are data from the Unicode Common Locale Data
Repository (CLDR), version ${cldrVersion}, taken from the npm packages cldr-core and
cldr-localenames-full (published by the Unicode Consortium, https://cldr.unicode.org)
by scripts/geo/generate.mjs, which selects and arranges them. The few changes it
makes to CLDR's names are listed at the top of that script and of src/lib.rs.

That data is used under the Unicode License v3 (SPDX: Unicode-3.0), whose notice,
as shipped in the cldr-core package, follows. Portico's own code in this crate is
under the workspace's licence.

----------------------------------------------------------------------------------

${cldrLicense}
`,
);

const output = `${lines.join("\n")}\n`;
let previous = "";
try {
  previous = readFileSync(outPath, "utf8");
} catch {
  // First run: nothing to compare with.
}
writeFileSync(outPath, output);
console.log(
  `${previous === output ? "unchanged" : "wrote"} ${outPath}: CLDR ${cldrVersion}, ` +
    `${countryCodes.length} countries, ${CONTINENTS.length} regions, ${subregions.length} sub-regions`,
);
