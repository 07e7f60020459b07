"""Entities: people, organisations and places, with name variants merged.

Rules (all of them small and explainable):

- Labels: PERSON -> person; ORG -> organisation; GPE, LOC, FAC -> place. NORP
  ("Japanese", "British") is dropped: it names a group or an adjective, not an entity,
  and folding demonyms into countries would need a table of every nationality.
- A mention that runs an employer, a title and a name together ("Port Ellis Fire Chief
  Marcus Hale", whatever its label) is split into the employer and the person.
- A name is stripped of titles and honorifics ("Prime Minister", "Mayor", "Dr."), of a
  possessive ("Sunak's") and of a leading "the". Titles seen right before a person are
  kept as variants ("Prime Minister Rishi Sunak").
- Mentions with the same stripped name (case, dots and hyphens ignored) are one entity;
  a few well-known aliases ("UK", "U.K.", "Britain", "United Kingdom") share one key;
  spellings of one first name ("Mohamed"/"Mohammed" Morsi) merge.
- A shorter person name (a surname alone) joins the only longer person name that ends
  with it (or, failing that, starts with it: "Hua" for "Hua Chunying"; or, when a
  title says the surname is a person's, the one two-word name of any type ending with
  it: "Ms Teigen" and "Chrissy Teigen" called an organisation); an all-caps acronym
  joins the only organisation whose initials it spells, or the one named at least
  DOMINANT_RATIO times as often as any other ("All Nippon Airways", not a slip's "All
  Nippon Airlines"). A known surname the model missed is counted where it stands alone.
- A company's name with its legal form ("Goldman Sachs Group Inc", "Qualcomm Inc") joins
  the same name without it, which is then the entity's name. A one-word "person" with no
  title that is a later word of exactly one organisation's name joins it ("the Astros"
  and "the Houston Astros"; "a spokesperson for All Nippon").
- Type: context cues decide when there are any (a title before -> person; a dateline
  or "in X" -> place, but not "in X case" or "in X' death", where X qualifies the noun
  after it; "X chief executive Y", "the company X", "X, which" -> organisation), else
  the majority of the model's labels (a well-known city the model calls a person is a
  place: "Kyiv" in a headline; a US state is a place unless cues say organisation);
  countries are places and
  social platforms ("Twitter", which the model often calls a person) and armed groups and
  parties ("ISIS", "AfD"), sports teams ("Buffalo Bills": a team's last word) and
  "House of ..." / "Bank of ..." (a body's head before "of") organisations; "Cape X",
  "Mount X", "Lake X" are places. The canonical name is the
  most frequent full form (for people: with at least two words when there is one),
  ties going to the longest.
- Events the model calls a place ("Bastille Day", "the Grand Prix", "the Grammys": a
  name ending in day, prix, cup, festival, series, summit, awards ... or a known award
  or games name) are dropped, as the model's EVENT label is.
- Junk from the model is dropped: names without a capital letter, handles, links,
  numbers, title-cased headlines, comma-joined names, very long spans.
- Headlines (a feed entry or page stored as its title, a line break and its text): a
  mention loses the words at its ends that the story's prose writes in lower case
  ("Damar Hamlin Collapses" -> "Damar Hamlin", "Helicopter Crash Kills" -> nothing), except
  a word that ends a body's or place's name ("Republican Party"). A word at a name's end
  that the prose never writes goes too when it is a common English word by the casing of
  WordLlama's tokenizer vocabulary ("George Santos Has", "William Attack Leak": see
  :func:`common_word`). Two names run together
  across a possessive ("Trump's Facebook") are split when the owner is tagged alone.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .clean import AGENCY
from .models import CleanArticle, Entity, Evidence, Mention, Sentence
from .outlets import dateline_length
from .sentences import quoted_mask

__all__ = [
    "ENTITY_TYPES",
    "TITLE_WORDS",
    "build_name_index",
    "collect_entities",
    "common_word",
    "is_title",
    "name_key",
    "places_in",
    "region_level",
    "resolve_name",
    "strip_name",
    "title_before",
]

ENTITY_TYPES: Mapping[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
}

# Words that make up titles and roles before a name (lower case, dots kept).
TITLE_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
        prime minister ministers president vice mayor governor gov. sen. senator rep.
        representative dr. dr mr. mr mrs. mrs ms. ms miss sir dame lord lady king queen prince
        princess pope chancellor secretary gen. col. col lt. lt sgt. sgt capt. capt captain
        judge chief
        executive ceo chairman chairwoman chair director spokesman spokeswoman spokesperson
        deputy former then acting premier commissioner ambassador officer coach manager leader
        emperor empress sheikh rabbi rev. reverend bishop archbishop cardinal attorney mallam
        alhaji imam ayatollah mullah
        prosecutor inspector detective counterpart congressman congresswoman assemblyman
        president-elect secretary-general mp councillor councilor sheriff superintendent
        professor prof. prof
        constable sergeant commander lieutenant admiral marshal
        vp svp evp reviewer analyst showrunner columnist correspondent
        """,
    )
)
# What a person does or is, written before the name by tabloids ("Lawyer Harjit, from
# London, said"): dropped from a person's name, but not titles (a lawyer is not called
# "Lawyer Sarang"), and never from an organisation's ("Student Loans Company").
_ROLE_NOUNS = frozenset(
    re.findall(
        r"\S+",
        """
        lawyer teacher student nurse mum dad mother father grandmother grandfather gran
        grandad granny grandma grandpa pensioner businessman businesswoman tourist pupil
        schoolgirl schoolboy actor actress rapper footballer holidaymaker carer comedian
        musician journalist photographer filmmaker
        """,
    )
)
# Titles that are part of the name when only one word would be left ("King James").
_NAME_TITLES = frozenset(
    {"king", "queen", "prince", "princess", "pope", "emperor", "empress", "saint", "st."}
)
# Capitalised words that open sentences rather than qualify a title.
_NOT_ADJECTIVES = frozenset(
    re.findall(
        r"\S+",
        """
        the a an on in at and but when after before as by for from if while with then
        monday tuesday wednesday thursday friday saturday sunday january february march
        april may june july august september october november december
        """,
    )
)
# Lower-case words allowed inside a title run ("Minister of State for Trade").
_TITLE_GLUE = frozenset({"of", "for", "the", "and"})

# A few aliases every reader knows; keys are name_key() forms.
_ALIASES: Mapping[str, str] = {
    "uk": "britain",
    "great britain": "britain",
    "united kingdom": "britain",
    "the united kingdom": "britain",
    "us": "united states",
    "usa": "united states",
    "america": "united states",
    "united states of america": "united states",
    "un": "united nations",
    "eu": "european union",
    "uae": "united arab emirates",
    "turkiye": "turkey",
    "burma": "myanmar",
    "czechia": "czech republic",
    "east timor": "timor leste",
}

# A country's adjective the model tags as a name ("Ukrainian forces", "the Russian
# side"): the country. Not "American" (also an airline's short name).
_DEMONYMS: Mapping[str, str] = {
    "afghan": "afghanistan",
    "australian": "australia",
    "belarusian": "belarus",
    "brazilian": "brazil",
    "british": "britain",
    "canadian": "canada",
    "chinese": "china",
    "colombian": "colombia",
    "cuban": "cuba",
    "egyptian": "egypt",
    "ethiopian": "ethiopia",
    "french": "france",
    "german": "germany",
    "greek": "greece",
    "indian": "india",
    "indonesian": "indonesia",
    "iranian": "iran",
    "iraqi": "iraq",
    "irish": "ireland",
    "israeli": "israel",
    "italian": "italy",
    "japanese": "japan",
    "jordanian": "jordan",
    "kenyan": "kenya",
    "lebanese": "lebanon",
    "libyan": "libya",
    "mexican": "mexico",
    "nigerian": "nigeria",
    "pakistani": "pakistan",
    "palestinian": "palestine",
    "peruvian": "peru",
    "polish": "poland",
    "portuguese": "portugal",
    "qatari": "qatar",
    "russian": "russia",
    "saudi": "saudi arabia",
    "somali": "somalia",
    "spanish": "spain",
    "sudanese": "sudan",
    "swedish": "sweden",
    "syrian": "syria",
    "taiwanese": "taiwan",
    "turkish": "turkey",
    "ukrainian": "ukraine",
    "venezuelan": "venezuela",
    "vietnamese": "vietnam",
    "yemeni": "yemen",
    "north korean": "north korea",
    "south korean": "south korea",
    "south african": "south africa",
    "filipino": "philippines",
    "thai": "thailand",
    "dutch": "netherlands",
    "swiss": "switzerland",
    "danish": "denmark",
    "norwegian": "norway",
    "finnish": "finland",
    "austrian": "austria",
    "belgian": "belgium",
    "hungarian": "hungary",
    "romanian": "romania",
    "serbian": "serbia",
    "georgian": "georgia",
    "armenian": "armenia",
    "azerbaijani": "azerbaijan",
    "kazakh": "kazakhstan",
    "scottish": "scotland",
    "welsh": "wales",
    "english": "england",
}

# Countries, territories and world regions (name_key() forms) are always places: the
# small NER model often labels them ORG ("Taiwan", "Indo-Pacific"). The list is general
# knowledge, not tuned to any corpus.
_PLACES = frozenset(
    p.strip()
    for p in re.split(
        ",",
        """
    afghanistan, albania, algeria, andorra, angola, argentina, armenia, australia, austria,
    azerbaijan, bahamas, bahrain, bangladesh, barbados, belarus, belgium, belize, benin,
    bhutan, bolivia, bosnia, bosnia and herzegovina, botswana, brazil, brunei, bulgaria,
    burkina faso, burundi, cambodia, cameroon, canada, cape verde, central african republic,
    chad, chile, china, colombia, comoros, congo, costa rica, croatia, cuba, cyprus,
    czech republic, czechia, denmark, djibouti, dominica, dominican republic, ecuador, egypt,
    el salvador, equatorial guinea, eritrea, estonia, eswatini, ethiopia, fiji, finland,
    france, gabon, gambia, georgia, germany, ghana, greece, grenada, guatemala, guinea,
    guinea bissau, guyana, haiti, honduras, hungary, iceland, india, indonesia, iran, iraq,
    ireland, israel, italy, ivory coast, jamaica, japan, jordan, kazakhstan, kenya, kiribati,
    kosovo, kuwait, kyrgyzstan, laos, latvia, lebanon, lesotho, liberia, libya,
    liechtenstein, lithuania, luxembourg, madagascar, malawi, malaysia, maldives, mali,
    malta, mauritania, mauritius, mexico, micronesia, moldova, monaco, mongolia, montenegro,
    morocco, mozambique, myanmar, burma, namibia, nauru, nepal, netherlands, new zealand,
    nicaragua, niger, nigeria, north korea, north macedonia, norway, oman, pakistan, palau,
    palestine, panama, papua new guinea, paraguay, peru, philippines, poland, portugal,
    qatar, romania, russia, rwanda, samoa, san marino, saudi arabia, senegal, serbia,
    seychelles, sierra leone, singapore, slovakia, slovenia, somalia, south africa,
    south korea, south sudan, spain, sri lanka, sudan, suriname, sweden, switzerland, syria,
    taiwan, tajikistan, tanzania, thailand, timor leste, east timor, togo, tonga, tunisia,
    turkey, turkiye, turkmenistan, tuvalu, uganda, ukraine, united arab emirates, britain,
    united states, uruguay, uzbekistan, vanuatu, vatican, vatican city, holy see, venezuela,
    vietnam, yemen, zambia,
    zimbabwe, hong kong, macau, greenland, puerto rico, crimea, gaza, gaza strip, west bank,
    kashmir, tibet, scotland, wales, england, northern ireland, africa, asia, europe,
    antarctica, oceania, north america, south america, latin america, middle east,
    east asia, southeast asia, south asia, central asia, indo pacific, asia pacific,
    balkans, caribbean, arctic, sahel
    """,
    )
)

# Other names of the places above ("UK" for Britain), for :func:`places_in`; not "us",
# which in lower-case words is mostly the pronoun.
_PLACE_ALIASES = {k: v for k, v in _ALIASES.items() if v in _PLACES and k != "us"}
_PLACE_FIRST: dict[str, list[tuple[str, ...]]] = {}
for _p in (*_PLACES, *_PLACE_ALIASES):
    _PLACE_FIRST.setdefault(_p.split()[0], []).append(tuple(_p.split()))


# Platforms news names in nearly every story ("wrote on Twitter"), which the model often
# calls people: organisations, whatever it says.
_PLATFORMS = frozenset(
    [
        "twitter",
        "facebook",
        "instagram",
        "youtube",
        "tiktok",
        "snapchat",
        "whatsapp",
        "reddit",
        "linkedin",
        "telegram",
        "threads",
        "bluesky",
        "mastodon",
        "weibo",
        "wechat",
    ]
)


# Companies known well enough that the small model's place or person label for them is
# a slip ("Microsoft" after "in", "Oracle" alone): nobody's name and nowhere. Not names
# that are also places or people ("Amazon", "Ford", "Dell", "Mercedes", "Bloomberg").
_COMPANIES = frozenset(
    re.findall(
        r"\S+",
        """
        microsoft google alphabet apple meta netflix spotify nvidia intel amd qualcomm
        broadcom oracle ibm samsung sony nintendo huawei xiaomi oneplus lenovo asus acer
        spacex boeing airbus uber lyft airbnb paypal mastercard ferrari openai chatgpt
        """,
    )
)
# Legislatures named by one word: "in the House" and "in Congress" are no places.
_LEGISLATURES = frozenset(
    [
        "house",
        "senate",
        "congress",
        "parliament",
        "knesset",
        "duma",
        "bundestag",
        "bundesrat",
        "assembly",
        "senedd",
        "dail",
        "oireachtas",
    ]
)
# Armed groups and parties the small model calls a person ("ISIS said", "AfD").
_GROUPS = frozenset(
    [
        *("isis", "isil", "daesh", "taliban", "hamas", "hezbollah", "al qaeda"),
        *("al shabaab", "al shabab", "boko haram", "houthis", "afd", "nato"),
    ]
)
_KNOWN_ORGANISATIONS = _PLATFORMS | _COMPANIES | _LEGISLATURES | _GROUPS
_GROUP_LAST_WORDS = frozenset(g.split()[-1] for g in _GROUPS)


# Last words that make a name a place or a body, never a person's surname ("Harbour",
# "Temple", "Port" are: David Harbour, Shirley Temple).
_PLACE_HEADS = frozenset(
    [
        *("airport", "station", "hospital", "stadium", "bridge", "street", "road"),
        *("avenue", "square", "zoo", "museum", "cathedral", "mosque", "synagogue"),
        *("prison", "airbase", "estate", "hotel", "restaurant", "tavern"),
        *("port", "terminal", "pier", "quay", "wharf", "marina"),  # "Yeosu Port"
        *("st", "rd", "ave", "blvd"),  # "N. Quincy St"
    ]
)
# Last words of sports teams' names ("Buffalo Bills", "Kansas City Chiefs", "Leeds
# United"), which the small model calls a place after the city in them.
_TEAM_NAMES = frozenset(
    re.findall(
        r"\S+",
        """
        bills chiefs eagles patriots bengals steelers ravens browns texans titans colts
        jaguars broncos chargers raiders cowboys giants commanders packers bears lions
        vikings falcons panthers saints buccaneers 49ers seahawks rams cardinals dolphins
        jets lakers celtics knicks warriors bulls clippers mavericks rockets spurs
        nuggets pistons bucks cavaliers raptors grizzlies pelicans timberwolves
        thunder blazers hornets wizards yankees dodgers astros phillies braves padres
        mets cubs mariners orioles guardians brewers twins rangers penguins bruins
        canadiens maple oilers canucks flames senators islanders blackhawks capitals
        united hotspur rovers wanderers albion fc
        """,
    )
)
# Place heads a Title Case headline uses as plain nouns ("Shooting Outside Restaurant",
# "Fire At Hotel"): they do not keep a headline's words in a name.
_HEADLINE_NOUNS = frozenset(["hotel", "restaurant", "tavern"])
# First words that make a two-word name a place: "Cape Erimo", "Mount Etna", "Lake
# Tahoe" (not "Mount Agamenticus Conservation Program").
_PLACE_OPENERS = frozenset(["cape", "mount", "mt", "lake"])
_BODY_HEADS = frozenset(
    [
        *("store", "agreement", "treaty", "act", "council", "committee", "commission"),
        *("ministry", "department", "agency", "university", "college", "school"),
        *("institute", "foundation", "association", "league", "federation", "party"),
        *("corporation", "corp", "inc", "ltd", "plc", "llc", "company", "bank"),
        *("authority", "police", "fund", "club", "organisation", "organization"),
        *("zeitung", "observatory"),  # "Sueddeutsche Zeitung", "U.S. Naval Observatory"
    ]
)
# First-level regions that news names like countries: US states (not New York or
# Washington, which are cities too) and Canadian provinces. Not in :data:`_PLACES`: the
# clustering's places rule compares countries and world regions only.
_STATES = frozenset(
    p.strip()
    for p in re.split(
        ",",
        """
    alabama, alaska, arizona, arkansas, california, colorado, connecticut, delaware, florida,
    hawaii, idaho, illinois, indiana, iowa, kansas, kentucky, louisiana, maine, maryland,
    massachusetts, michigan, minnesota, mississippi, missouri, montana, nebraska, nevada,
    new hampshire, new jersey, new mexico, north carolina, north dakota, ohio, oklahoma,
    oregon, pennsylvania, rhode island, south carolina, south dakota, tennessee, texas, utah,
    vermont, virginia, west virginia, wisconsin, wyoming, ontario, quebec, british columbia,
    alberta, manitoba, saskatchewan, nova scotia
    """,
    )
)


# Cities that news names without saying what they are, and that are nobody's first name or
# surname (not Paris, Sydney, Houston, Washington, Florence): the small model sometimes
# calls them a person in headlines ("Kyiv"), which they never are. Used for the entity
# type only: the clustering and conflict rules compare countries and regions, not these.
_CITIES = frozenset(
    p.strip()
    for p in re.split(
        ",",
        """
    kyiv, kiev, kharkiv, odesa, odessa, lviv, mariupol, bakhmut, soledar, donetsk, luhansk,
    kherson, zaporizhzhia, dnipro, makiivka, moscow, st petersburg, minsk, warsaw, berlin,
    munich, frankfurt, hamburg, vienna, prague, budapest, bucharest, belgrade, zagreb,
    bratislava, brussels, amsterdam, the hague, rotterdam, copenhagen, stockholm, oslo,
    helsinki, reykjavik, dublin, belfast, edinburgh, glasgow, cardiff, manchester, liverpool,
    birmingham, london, madrid, barcelona, lisbon, rome, milan, naples, athens, istanbul,
    ankara, tbilisi, yerevan, baku, tehran, baghdad, damascus, beirut, amman, jerusalem,
    tel aviv, gaza, ramallah, riyadh, jeddah, doha, dubai, abu dhabi, kuwait city, muscat,
    sanaa, cairo, tripoli, tunis, algiers, rabat, casablanca, khartoum, addis ababa, nairobi,
    mogadishu, kampala, kigali, kinshasa, lagos, abuja, accra, dakar, johannesburg, pretoria,
    cape town, harare, luanda, kabul, islamabad, karachi, lahore, delhi, new delhi, mumbai,
    kolkata, chennai, bengaluru, bangalore, dhaka, kathmandu, colombo, beijing, shanghai,
    shenzhen, guangzhou, wuhan, hong kong, macau, taipei, tokyo, osaka, hiroshima, seoul,
    pyongyang, ulaanbaatar, bangkok, hanoi, ho chi minh city, phnom penh, yangon, kuala lumpur,
    jakarta, manila, canberra, melbourne, brisbane, auckland, ottawa, toronto, montreal,
    vancouver, mexico city, havana, bogota, caracas, quito, lima, la paz, buenos aires,
    montevideo, brasilia, sao paulo, rio de janeiro, new york, new york city, los angeles,
    chicago, san francisco, seattle, miami, atlanta, boston, philadelphia, detroit,
    las vegas, new orleans, baltimore, pittsburgh, minneapolis, san diego, oakland,
    sacramento, davos, geneva, zurich, strasbourg, hague, são paulo, bogotá, brasília, zürich
    """,
    )
)

# Regions of several countries, in :data:`_PLACES` too.
_WORLD_REGIONS = frozenset(
    [
        "africa",
        "asia",
        "europe",
        "antarctica",
        "oceania",
        "north america",
        "south america",
        "latin america",
        "middle east",
        "east asia",
        "southeast asia",
        "south asia",
        "central asia",
        "indo pacific",
        "asia pacific",
        "balkans",
        "caribbean",
        "arctic",
        "sahel",
    ]
)


# Every place the tables know by name: countries and regions, US states, big cities
_KNOWN_PLACES = _PLACES | _STATES | _CITIES


def region_level(name: str) -> int:
    """3 for a region of several countries ("North America"), 2 for a country ("U.S.",
    "the United Kingdom"), 1 for a US state or a Canadian province ("Texas"), 0 for
    anything else (a city, which any of the others may contain)."""
    key = " ".join(name.lower().replace(".", "").replace("-", " ").split()).removeprefix("the ")
    key = _ALIASES.get(key, key)
    if key in _WORLD_REGIONS:
        return 3
    if key in _PLACES:
        return 2
    return 1 if key in _STATES else 0


def places_in(words: Sequence[str]) -> frozenset[str]:
    """The countries and world regions named by a sequence of lower-case words
    (``["japan", "uk", "sign", "pact"]`` -> ``{"japan", "britain"}``)."""
    found: set[str] = set()
    for i, w in enumerate(words):
        for place in _PLACE_FIRST.get(w, ()):
            if tuple(words[i : i + len(place)]) == place:
                name = " ".join(place)
                found.add(_PLACE_ALIASES.get(name, name))
    # "North Korea" names North Korea, not Korea and the North.
    return frozenset(p for p in found if not any(p != q and p in q for q in found))


_APOSTROPHE_S = re.compile(r"['’´`]s$")
_SPACES = re.compile(r"\s+")
_OUTER = " \t\n,;:-–—\"“”‘’'()[]"
_LAST_WORD = re.compile(r"(\S+) $")
_TITLE_WINDOW = 80
_GLUED = re.compile(r"(?<=[a-z][.!?])(?=[A-Z])")
_ACRONYM_SKIP = frozenset({"of", "the", "and", "for", "&", "de", "du", "la"})
_MAX_NAME_CHARS = 60
_MAX_NAME_WORDS = 7
_EVIDENCE_PER_ENTITY = 3
# Capitalised function words and verbs: inside a "name" they mean a title-cased headline.
_HEADLINE_WORDS = frozenset(
    re.findall(
        r"\S+",
        """
        To And For In On At With Is Are Was Were Will Set Says Said After Over From As By
        Into Up Down Out Takes Lands Launch Launches Who What How Why
        """,
    )
)
# Common nouns written as acronyms: no person, place or organisation.
_COMMON_ACRONYMS = frozenset(
    re.findall(
        r"\S+",
        """ai agi ev evs covid covid-19 api apis ceo ceos cfo gdp nft nfts vr xr 5g 4g 4k 8k tv
        pc pcs gpu gpus cpu cpus ipo esg dna rna faq iot ui ux ssd hdr cto coo cmo usb usb-c
        wi-fi wifi rsv hiv gps""",
    )
)
# Verbs that open a Title Case headline's clause ("Biden Warns Putin ...").
_HEADLINE_VERBS = frozenset(
    re.findall(
        r"\S+",
        """
        Warns Blasts Slams Urges Vows Rips Mocks Praises Accuses Sues Defends Denies Tells
        Asks Calls Claims Admits Reveals Confirms Announces Unveils Fires Meets Joins Visits
        Rejects Blames Attacks Threatens Orders Signs Wins Loses Beats Faces Hits Backs Hails
        Demands Seeks Pledges Condemns Criticizes Criticises Responds Slaps Insists Dismisses
        Welcomes Thanks Mourns Recalls Grills Touts Defies Weighs Files Sends Gives Gets Makes
        Debuts Returns Launches Drops Quits Resigns Dies Arrives Leaves Plans Says Admits
        Shares Posts Talks Opens Breaks
        """,
    )
)
_COMPANY_NOUNS = (
    "company|firm|operator|airline|carrier|agency|charity|union|club|bank|insurer|retailer"
    "|broadcaster|newspaper|group|maker|manufacturer|developer|owner|supplier|contractor"
)
# roles held in a company, not in a country or a city ("president", "mayor")
_COMPANY_ROLES = (
    "ceo|cfo|cto|founder|co-founder|chairman|chairwoman|chief executive|spokesman"
    "|spokeswoman|spokesperson|employees?|shareholders|investors"
)
_SPELLING_RATIO = 0.8  # "mohamed" ~ "mohammed" (0.93); "lena" vs "tunde" (0.2)


def is_title(word: str) -> bool:
    """True for a word of a title or honorific ("Minister", "Dr.", "then-President")."""
    low = word.lower()
    if low.startswith("then-"):
        low = low[5:]
    return low in TITLE_WORDS or low.rstrip(".") in TITLE_WORDS


def strip_name(text: str, titles: bool = True) -> str:
    """The bare name: no title, honorific, possessive, leading "the" or outer punctuation.

    With ``titles=False`` leading titles stay (for organisations: "General Motors").

    >>> strip_name("Prime Minister Rishi Sunak's")
    'Rishi Sunak'
    """
    name = _SPACES.sub(" ", text).strip(_OUTER)
    name = _APOSTROPHE_S.sub("", name)
    if name.lower().startswith("the "):
        name = name[4:].strip(_OUTER)
    if titles and name.startswith("PM ") and name[3:4].isupper():
        name = name[3:]  # a headline's "PM Theresa May" (not a title word: "5 pm EDT")
    words = name.split(" ")
    # Drop a leading run of titles, and a capitalised adjective right before a title
    # ("Japanese Prime Minister Fumio Kishida"), but never the last word.
    i = 0
    while titles and i < len(words) - 1:
        w = words[i]
        if is_title(w):
            i += 1
            continue
        # Up to two capitalised words before a title ("Eastland Transport Minister").
        j = i
        while j < min(i + 2, len(words) - 2) and words[j][:1].isupper() and not is_title(words[j]):
            j += 1
        if j > i and is_title(words[j]) and j < len(words) - 1:
            i = j
            continue
        break
    if i and words[i] == "of" and is_title(words[i - 1]):
        # A title "of" somewhere: "Secretary of State Antony Blinken" is Antony Blinken
        # (the name is the last two words, and any initials before them); "the Prince of
        # Wales", "Duke of Sussex", "Minister of Health" are titles that name someone.
        rest = words[i + 1 :]
        if rest and rest[0].lower() == "the":
            rest = rest[1:]
        if len(rest) <= 2:
            return " ".join(words).strip(" ,")
        k = len(words) - 2
        while k > i + 2 and re.fullmatch(r"[A-Z]\.", words[k]):
            k -= 1
        words = words[k:]
    elif i and any(is_title(w) for w in words[:i]):
        if len(words) - i == 1 and words[i - 1].lower() in _NAME_TITLES:
            i -= 1
        words = words[i:]
    # NER debris such as "two Group of": no lower-case word may open or close a name.
    while len(words) > 1 and words[0][:1].islower():
        words = words[1:]
    name = " ".join(words).strip(" ,")
    if name.endswith(".") and not re.search(r"\b[A-Z]\.$", name):
        name = name.rstrip(".")  # a full stop, not the dot of an initial ("T.J.")
    return name


_QUOTE_MARKS = "\"“”‘'’"
_NICKNAME = re.compile(r"\s[\"“‘']([^\"“”‘’']{2,30})[\"”’']\s")


def _without_nickname(key: str) -> str:
    """'joaquin "el chapo" guzman' -> "joaquin guzman"; a name cut inside its nickname
    ('joaquin “el chapo') -> "joaquin"."""
    key = _NICKNAME.sub(" ", key)
    cut = min((key.find(q) for q in ('"', "“", "‘", " '") if key.find(q) > 0), default=-1)
    if cut > 0:
        key = key[:cut]
    return key.strip(" " + _QUOTE_MARKS)


def nickname(name: str) -> str:
    """The nickname quoted inside a name ('Joaquin "El Chapo" Guzmán' -> "El Chapo")."""
    m = _NICKNAME.search(name)
    return m.group(1) if m else ""


def name_key(text: str, titles: bool = True) -> str:
    """Comparison key of a name: stripped, case-folded, dots and apostrophes removed, aliased."""
    key = strip_name(text, titles).casefold().replace(".", "").replace("’", "'").replace("´", "'")
    if not key.isascii():
        # "Pelé" and "Pele", "Guzmán" and "Guzman": one name with or without its accents
        key = "".join(c for c in unicodedata.normalize("NFKD", key) if not unicodedata.combining(c))
    if any(q in key for q in _QUOTE_MARKS):
        key = _without_nickname(key)
    key = key.replace("-", " ")  # "Abdel-Fattah" and "Abdel Fattah"
    key = _SPACES.sub(" ", key).strip()
    return _ALIASES.get(key) or _DEMONYMS.get(key, key)


# A family name with the Arabic article, which stays lower case: "Karim al-Hadidi",
# "Abdel-Fattah el-Sissi".
_PARTICLE_SURNAME = re.compile(r"(?:al|el|ad|an|ar|as|ash|at|az|ud|ul)[-‐][A-Z]")


def _is_junk(name: str) -> bool:
    if not name or len(name) > _MAX_NAME_CHARS or len(name.split()) > _MAX_NAME_WORDS:
        return True
    if not any(c.isupper() for c in name):
        return True
    if "," in name or ";" in name:
        return True  # "Auckland, New Zealand": two names the model ran together
    if any(w in _HEADLINE_WORDS or w in _HEADLINE_VERBS for w in name.split()[1:]):
        # "SpaceX Set To Launch World", "Meloni Visits": a headline, not a name
        return True
    if name.lower().replace(".", "") in _COMMON_ACRONYMS:
        return True  # "AI", "EV", "COVID": things, which the small model types at random
    if len(name.split()) > 1 and name.split()[0] in _HEADLINE_VERBS:
        return True  # "Warns Putin", "Blasts Congress's Refusal": a headline's verb run in
    if "(" in name and ")" not in name:
        return True  # "RAISR (Rapid": cut inside brackets (a name before " (" is kept)
    if all(is_title(w) for w in name.split()):
        return True  # "Col", "President": a title the model took for a name
    last = name.split()[-1]
    if last[:1].islower() and len(name.split()) > 1 and not _PARTICLE_SURNAME.match(last):
        return True
    if not any(c.isalpha() for c in name):
        return True
    words = name.split()
    if all(w.isupper() and len(w) > 2 for w in words) and _shouted(words):
        return True  # a headline's shouting: "AGAIN", "VERY FIRST THING" (not "US")
    low = name.lower()
    if re.search(r"\w\.[a-z]{2,}/\S", low):
        return True  # "goo.gl/q9iwrS": a link
    return "@" in name or "http" in low or "www." in low or "pic.twitter" in low or "\n" in name


SHOUTED_RANK = 10_000  # a word alone in capitals is shouted if it is this common


def _shouted(words: Sequence[str]) -> bool:
    """Ordinary words written in capitals for emphasis, not a name: every word common
    ("VERY FIRST THING"); one word alone only when it is among the commonest as written
    ("AGAIN", "NEVER"; not "DALLAS" opening a dateline, nor "US" or "WHO")."""
    if " ".join(w.lower() for w in words) in _KNOWN_PLACES:
        return False
    if len(words) > 1:
        return all(common_word(w) and name_key(w) not in _PLACES for w in words)
    ranks = _token_ranks()
    low = words[0].lower()
    rank = ranks.get(low)
    cap = ranks.get(low.capitalize())
    return (
        len(low) >= 5
        and rank is not None
        and rank < SHOUTED_RANK
        and (cap is None or rank < cap)
        and name_key(low) not in _PLACES
    )


def title_before(text: str, start: int) -> str:
    """The run of title words right before ``text[start:]`` ("Japanese Prime Minister").

    Only words separated by single spaces count; the run must contain a title word and
    may start with a capitalised adjective ("British", "Japanese").
    """
    words: list[str] = []
    adjectives = 0
    pos = start
    while len(words) < 6:
        # A window, not the whole prefix: this runs for every mention.
        lo = max(0, pos - _TITLE_WINDOW)
        m = _LAST_WORD.search(text, lo, pos)
        if not m:
            break
        word = m.group(1)
        glued = _GLUED.split(word)
        if len(glued) > 1:  # "assertiveness.Prime": only the part after the full stop
            word = glued[-1]
        bare = word.split("-", 1)[1] if word.lower().startswith("then-") else word
        if bare.endswith((".", ",", ";", ":")) and bare.lower() not in TITLE_WORDS:
            break  # "... to the former pope. NBC News' Claudio Lavanga": a sentence ended
        if is_title(bare) or (words and bare.lower() in _TITLE_GLUE and bare.islower()):
            words.insert(0, bare)
        elif (
            words
            and words[0].lower() not in _TITLE_GLUE  # "Sunak and Japanese Prime Minister"
            and adjectives < 2
            and bare[:1].isupper()
            and bare.isalpha()
            and bare.lower() not in _NOT_ADJECTIVES
        ):
            words.insert(0, bare)
            adjectives += 1
        else:
            break
        pos = m.end(1) - len(word)
        if word is not bare or len(glued) > 1:
            break
    while words and words[0].lower() in _TITLE_GLUE:
        words.pop(0)
    return " ".join(words) if any(is_title(w) for w in words) else ""


# A club's or company's marker at either end of its name: "FC Santos", "Chelsea FC",
# "Orrin Ferries Ltd" (never a person, whatever the model says; "Santos" alone is no
# surname of "FC Santos")
_ORG_MARKERS = frozenset({"fc", "afc", "cf", "inc", "corp", "ltd", "llc", "plc", "gmbh"})


def _org_marked(words: Sequence[str]) -> bool:
    return len(words) > 1 and (words[0] in _ORG_MARKERS or words[-1] in _ORG_MARKERS)


@dataclass
class _Group:
    key: str
    forms: Counter[str]
    variants: Counter[str]
    labels: Counter[str]  # the model's labels, one vote per mention
    spans: list[tuple[str, int, int, str]]  # article id, start, end, text
    titled: Counter[str]  # "Prime Minister Rishi Sunak": variants kept if a person
    cues: Counter[str] = field(default_factory=Counter)  # context evidence, see _cues
    given_only: int = 0  # mentions of someone known by this name alone ("gave his name as")
    speaks: int = 0  # mentions followed by a speech verb ("Hankey told Time magazine")
    things: int = 0  # mentions after "the"/"a" that qualify nothing: a thing, no person

    def absorb(self, other: _Group) -> None:
        self.given_only += other.given_only
        self.speaks += other.speaks
        self.things += other.things
        self.titled.update(other.titled)
        self.forms.update(other.forms)
        self.variants.update(other.variants)
        self.labels.update(other.labels)
        self.cues.update(other.cues)
        self.spans.extend(other.spans)

    @property
    def type(self) -> str:
        """Context cues decide when there are any; else the model's majority label.

        Countries, regions and platforms the tables know, and names whose last word is a kind of
        place or body ("the App Store", "Croydon University Hospital", "the Reciprocal
        Access Agreement") or whose first word is a platform ("Telegram X"), are what
        they say whatever the model and the cues say.
        """
        if self.key in _PLACES or self.key.removeprefix("the ") in _PLACES:
            return "place"
        if (
            self.key in _KNOWN_ORGANISATIONS
            or _org_marked(self.words)
            or (  # "pro-ISIS"
                self.words[-1] in _GROUP_LAST_WORDS
                and any(name_key(f, titles=False) in _GROUPS for f in self.forms)
            )
        ):
            return "organisation"
        words = self.words
        if len(words) >= 2 and words[-1] in _TEAM_NAMES:
            return "organisation"  # "Buffalo Bills", not a place in Buffalo
        # "Office of Rail and Road": the head stands before "of"
        if "of" in words[1:] and (
            words[words.index("of") - 1] in _BODY_HEADS
            or words[words.index("of") - 1] in _LEGISLATURES
        ):
            return "organisation"  # "House of Representatives", "Bank of England"
        if len(words) >= 2 and "of" not in words:
            if words[-1] in _PLACE_HEADS or (len(words) == 2 and words[0] in _PLACE_OPENERS):
                return "place"
            if words[-1] in _BODY_HEADS or words[0] in _PLATFORMS:
                return "organisation"
        order = {"person": 0, "place": 1, "organisation": 2}
        votes = self.cues if self.cues else self.labels
        found = min(votes, key=lambda t: (-votes[t], -self.labels[t], order[t]))
        if (found == "person" and self.key in _CITIES) or (
            self.key in _STATES and not self.cues["organisation"]
        ):
            # "Kyiv" or "Tennessee" is nobody's name. A city called an organisation may
            # be a team or a government ("Pittsburgh beat Houston", "Moscow says"), left
            # so; a state too where the words around it say so ("Texas, which sued"),
            # but the model's label alone does not ("Idaho murders suspect": ORG)
            return "place"
        if found == "person" and self.things > self.cues["person"]:
            # "the Xbox Adaptive Controller is", "a Razer Blade": no one is named so
            return "organisation"
        if found == "person" and any(c.isdigit() for c in self.key):
            # No one's name holds a digit: "Galaxy S9", "Pixel 2", "F1", a ship "Sam
            # Jong 2", a flight "NH175" are things their makers or operators name.
            return "organisation"
        return found

    @property
    def words(self) -> list[str]:
        return self.key.split()


def _trimmed_span(text: str, m: Mention) -> tuple[int, int]:
    """The mention without a trailing possessive or punctuation, as offsets."""
    surface = text[m.start : m.end]
    end = m.end
    pm = _APOSTROPHE_S.search(surface)
    if pm:
        end = m.start + pm.start()
    bracket = surface.find(" (")
    if bracket > 0 and ")" not in surface[bracket:]:
        # "World Intellectual Property Organization (WIPO": the name before the bracket
        end = min(end, m.start + bracket)
    while (
        end > m.start
        and text[end - 1] in " ,;:.-–—"
        and not surface.endswith(tuple(f"{c}." for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    ):
        end -= 1
    return m.start, end


def _split_titled(text: str, m: Mention) -> list[Mention]:
    """Split "Port Ellis Fire Chief Marcus Hale" into its employer and its person.

    The small model often runs an organisation or place, a title and a name into one
    mention (and labels it anything). Without a title inside, the mention is unchanged.
    """
    words = [(m.start + w.start(), m.start + w.end()) for w in re.finditer(r"\S+", m.text)]
    for i in range(1, len(words) - 1):
        if not is_title(text[words[i][0] : words[i][1]]):
            continue
        j = i
        while j < len(words) and is_title(text[words[j][0] : words[j][1]]):
            j += 1
        tail = [text[a:b] for a, b in words[j:]]
        if not tail or not all(w[:1].isupper() for w in tail):
            return [m]
        # One capitalised word right before a title qualifies it ("Fire Chief").
        k = i - 1 if i >= 2 and text[words[i][0]].isupper() else i
        parts = [Mention(words[j][0], m.end, text[words[j][0] : m.end], "PERSON")]
        head = text[m.start : words[k - 1][1]]
        if head[:1].isupper():
            label = m.label if m.label in ("ORG", "GPE", "FAC", "LOC") else "ORG"
            parts.insert(0, Mention(m.start, words[k - 1][1], head, label))
        return parts
    return [m]


# Words taken for titles that name no role: "former NASA (administrator)".
_NOT_ROLES = frozenset({"former", "ex", "late", "acting", "interim"})


# What only a person does: no place or organisation mourns, poses, weeps or pleads.
_PERSON_ACT = re.compile(
    r"\s+(?:is mourning|mourns|mourned|poses|posed|smiled|smiles|wept|married|"
    r"died|was arrested|pleaded (?:not )?guilty)\b"
)


# "invested $10 billion in", "a stake in", "shares in": what follows is a company
_HOLDING_IN = re.compile(
    r"\b(?:invest(?:s|ed|ing|ment|ments|ors?)?|stakes?|shares?|holdings?|equity|"
    r"interests?|bets?)\b[^.,;]{0,30}\bin\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# After "in X": X qualifies the noun that follows, so it is no place where something
# happens: "in Tyre Nichols' death", "charged in Tyre Nichols case", "in Carrow's port"
# (an ordinary lower-case word after the name). Still a place: "in Carrow on Tuesday",
# "in Carrow, a town", "in Carrow.", "in the Sambisa forest", "in Promenade des Anglais".
_MODIFIES_NEXT = re.compile(
    r"['’]|\s+(?!(?:on|at|and|or|but|where|when|while|after|before|since|as|to|for|from|"
    r"with|by|this|that|these|last|next|in|into|of|the|a|an|which|who|is|was|were|are|"
    r"has|had|have|will|would|said|says|during|amid|over|until|earlier|later|late|early|"
    r"overnight|today|yesterday|tomorrow|"
    r"de|des|du|del|della|di|da|la|le|van|von|der|al|el|bin|"  # inside a name
    r"forests?|rivers?|valley|region|province|state|county|city|town|village|district|"
    r"areas?|border|coast|islands?|mountains?|hills?|desert|sea|bay|lake|park|square|"
    r"street|road|airport|neighbou?rhood|suburbs?|prison|camps?|capital)\b)[a-z]"
)


# "X, a research scientist from NASA,", "X, an operations manager at the society":
# the head noun of an apposition right after the name
_ROLE_APPOSITION = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,3}?([a-z]+)(?=\s+(?:at|of|for|from|with|in|on)\b|,)"
)
# (not "owner", "manager", "leader", "player", "victim": "the owner of the building",
# "an asset manager", "a leader in cloud computing" are companies as often)
_PERSON_NOUNS = _ROLE_NOUNS | frozenset(
    re.findall(
        r"\S+",
        """
        scientist researcher resident witness expert engineer worker founder co-founder
        economist historian doctor surgeon physician pilot farmer survivor volunteer
        activist politician lawmaker legislator diplomat negotiator author writer
        novelist singer striker goalkeeper midfielder quarterback pitcher veteran
        neighbour neighbor friend spokesman spokeswoman spokesperson woman man professor
        senator congressman congresswoman mayor governor minister ambassador
        """,
    )
)
_MISTERS = "Mr|Mrs|Ms|Miss|Mx"  # never part of an organisation's name ("Dr Pepper" is)
_MISTER = re.compile(rf"(?:{_MISTERS})\.?\s+[A-Z]")
_HONORIFIC = re.compile(rf"(?:{_MISTERS}|Dr|Sir|Dame|PM)\.?\s+[A-Z]")


def _cues(
    text: str, start: int, end: int, surface: str, title: str, weak: bool = True
) -> Counter[str]:
    """Type evidence from the words around a mention; it outweighs the model's label.

    Person: a title before ("Mayor Lena Okafor"), ", who" after. Place: a dateline
    ("ASHFORD —" opening a line), "in"/"near" before. Organisation: a title after
    ("Skerry Line chief executive Helen Varga"), a company role or a company-like noun
    before ("the CEO of Skerry Line", "the ferry company Skerry Line", "operated by"),
    ", which" or "its" after. ``weak=False`` leaves out "in"/"near" (for occurrences the
    model did not tag: "investors in Skerry Line").
    """
    cues: Counter[str] = Counter()
    before = text[max(0, start - 40) : start]
    after = text[end : end + 60]
    line_start = start == 0 or text[start - 1] == "\n"
    if line_start and surface.isupper() and len(surface) > 2 and re.match(r"\s*[(—–-]", after):
        cues["place"] += 1
    if (
        weak
        and re.search(r"\b(?:in|near|outside|across)\s+(?:the\s+)?$", before)
        and not _MODIFIES_NEXT.match(after)
        and not _HOLDING_IN.search(before)
    ):
        cues["place"] += 1  # "in Carrow" (weak: "investors in Carrow Lines")
    if title and title.lower() not in _NOT_ROLES:
        cues["person"] += 1  # not "former NASA", "former Apollo": no role named
    if _HONORIFIC.match(surface):
        cues["person"] += 1  # "Ms Okesola", tagged with its title
    set_beside = re.search(r"\b([a-z][a-z-]+),\s+$", before)
    if set_beside and is_title(set_beside.group(1)):
        cues["person"] += 1  # "his Ukrainian counterpart, Volodymyr Zelenskiy"
    if re.match(r",\s+\d{1,3},\s", after):
        cues["person"] += 1  # "Kudirat Okesola, 46, rushed to her husband's side"
    role = _ROLE_APPOSITION.match(after)
    if role and role.group(1) in _PERSON_NOUNS:
        cues["person"] += 1  # "Noah Petro, a research scientist from NASA"
    if (
        re.match(r",\s+who\b", after)
        and not re.search(r"\b(?:[Tt]he|of)\s+$", before)
        and not surface.lower().startswith("the ")
    ):
        # not "The Cubs, who were last crowned ...": a team; not "Damar Hamlin of the
        # Buffalo Bills, who went into cardiac arrest": the one before "of"
        cues["person"] += 1
    if _PERSON_ACT.match(after):
        cues["person"] += 1  # "Rihanna is mourning the death of her cousin"
    titled = re.match(r"\s+((?:[a-z]+\s+){0,2}?)([A-Za-z.]+)\s+[A-Z]", after)
    if titled and is_title(titled.group(2)) and all(is_title(w) for w in titled.group(1).split()):
        cues["organisation"] += 1
    if re.search(rf"\b(?:{_COMPANY_ROLES})\s+(?:of|at)\s+$", before, re.IGNORECASE):
        cues["organisation"] += 1  # "the CEO of SpaceX", "a spokesman at Qualcomm"
    if (
        re.search(rf"\b(?:{_COMPANY_NOUNS}),?\s+$", before)
        or re.search(r"\b(?:operated|owned|run|managed|founded|employed)\s+by\s+$", before)
        or re.match(r",?\s+(?:which|its)\b", after)
    ):
        cues["organisation"] += 1
    return cues


_WORD = re.compile(r"[A-Za-z][a-z'’\-]+")
# a capitalised word inside a sentence: after a lower-case word, a digit or a comma
_MID_CAPITAL = re.compile(r"(?<=[a-z0-9,;:] )[A-Z][a-z'’\-]+")


class _Casing:
    """How a story writes its words: a word capitalised only where a sentence starts and
    written in lower case elsewhere is an ordinary word, not part of a name."""

    def __init__(self, texts: Iterable[str]) -> None:
        self.lower: Counter[str] = Counter()
        self.mid_capital: Counter[str] = Counter()
        for t in texts:
            self.lower.update(w for w in _WORD.findall(t) if w[0].islower())
            self.mid_capital.update(_MID_CAPITAL.findall(t))

    def ordinary(self, word: str) -> bool:
        return bool(self.lower[word.lower()]) and not self.mid_capital[word]

    def unseen(self, word: str) -> bool:
        """The story's prose never writes the word, in either case."""
        return not self.lower[word.lower()] and not self.mid_capital[word]


@functools.lru_cache(maxsize=1)
def _token_ranks() -> Mapping[str, int]:
    """Whole words of WordLlama's tokenizer (Llama 2's 32,000-token BPE vocabulary, in
    the wheel) with their ranks: a merge learnt earlier is a more frequent string."""
    try:
        import wordllama

        path = Path(wordllama.__file__).parent / "tokenizers" / "l2_supercat_tokenizer_config.json"
        vocab = json.loads(path.read_text(encoding="utf-8"))["model"]["vocab"]
    except (ImportError, OSError, ValueError, KeyError, TypeError):  # pragma: no cover
        return {}
    return {k[1:]: int(v) for k, v in vocab.items() if k.startswith("▁") and k[1:].isalpha()}


def common_word(word: str) -> bool:
    """Whether ``word`` is an ordinary English word rather than a name, when a story's
    prose cannot tell: its lower-case form (or that of its stem: "Pleads", "Blocked") is
    a whole token of the tokenizer, learnt before the capitalised form if that is one
    too ("attack", "leak", "storm" are; "Harry", "Apple", "Prince" are not)."""
    ranks = _token_ranks()
    low = word.lower()
    forms = [low]
    if low.endswith("ies"):
        forms.append(low[:-3] + "y")
    if low.endswith("es"):
        forms.append(low[:-2])
    if low.endswith("s"):
        forms.append(low[:-1])
    if low.endswith("ed"):
        forms += [low[:-2], low[:-1]]
    if low.endswith("ing"):
        forms += [low[:-3], low[:-3] + "e"]
    for form in forms:
        rank = ranks.get(form)
        if rank is not None:
            cap = ranks.get(form.capitalize())
            return cap is None or rank < cap
    return False


# "Andrew Kelly / Reuters": a photographer's credit, whatever the agency's case
_PHOTO_CREDIT = re.compile(r"\s?/\s?(?i:" + AGENCY + r")\b")
_CREDIT_WORD = re.compile(
    r"(?:GETTY|Getty Images|REUTERS|AFP|EPA|REX|SPLASH|SWNS|PA|AP)\s+(?=[A-Z])"
)


def _without_opening_word(text: str, sent: Sentence, m: Mention, casing: _Casing) -> Mention:
    """ "Tranquilizing Harambe" -> "Harambe": the model runs a sentence's capitalised first
    word into the name after it."""
    credit = _CREDIT_WORD.match(m.text)
    if credit and credit.end() < len(m.text):
        # "GETTY Max Verstappen": a picture credit run into the caption's name
        return Mention(m.start + credit.end(), m.end, m.text[credit.end() :], m.label)
    if text[sent.start : m.start].strip(" \"'“‘(") or is_title(m.text.split()[0]):
        return m
    first = re.match(r"([A-Z][a-z'’\-]+)\s+(?=[A-Z])", m.text)
    if not first or not casing.ordinary(first.group(1)):
        return m
    return Mention(m.start + first.end(), m.end, m.text[first.end() :], m.label)


def _headline_end(article: CleanArticle) -> int:
    """Where the article's headline ends when its text opens with it (a feed entry or a
    page stored as its title, a line break and its text), else 0."""
    title = article.article.title.strip()
    text = article.article.text
    if title and text.startswith(title) and text[len(title) : len(title) + 1] in ("", "\n"):
        return len(title)
    return 0


# Ordinary words that end names of bodies and places ("Supreme Court", "Labour Party")
_NAME_HEADS = (
    (_PLACE_HEADS - _HEADLINE_NOUNS)
    | _BODY_HEADS
    | frozenset(
        [
            *("court", "house", "office", "service", "forces", "army", "navy", "guard"),
            *("administration", "government", "senate", "assembly", "parliament", "congress"),
            *("park", "county", "city", "island", "islands", "river", "lake", "bay", "coast"),
            *("valley", "center", "centre", "hall", "church", "games", "cup", "awards"),
        ]
    )
)
# Words at the edge of a headline's mention that join rather than name ("Daughter Of Elvis")
_EDGE_GLUE = frozenset({"of", "for", "the", "and", "in", "on", "at", "to", "a", "an", "as"})


def _trim_headline_words(
    text: str,
    m: Mention,
    casing: _Casing,
    prose_names: Counter[str],
    known: Mapping[str, str],
) -> Mention | None:
    """A mention in a headline without the ordinary words the model ran into it.

    A Title Case headline capitalises every word, and the small model takes the words
    next to a name for part of it: "Damar Hamlin Collapses", "Bolsonaro Supporters
    Storm", "Mega Millions Jackpot", "Daughter Of Elvis", "Helicopter Crash Kills". A
    word at either end that the story's prose writes in lower case (and never with a
    capital inside a sentence) is an ordinary word: it goes, and a mention of nothing
    but such words is no name (None). A mention the model also tags in the prose
    (``prose_names``) is a name as it stands ("Preston North End"); one word left that
    the prose never capitalises inside a sentence nor tags ("Releases Statement",
    "Clue Left") is no name either.
    """
    if prose_names[m.text]:
        return m
    words = list(re.finditer(r"\S+", m.text))

    def bare(w: re.Match[str]) -> str:
        return w.group().strip("'’\"“”‘,:;.!?")

    def plain(w: re.Match[str], prior: bool = False) -> bool:
        word = bare(w)
        if not word or word.lower() in _EDGE_GLUE:
            return True
        # an acronym ("US") is a name even where its letters spell a word ("us")
        if not word[1:].islower():
            return False
        if casing.ordinary(word):
            return True
        # Words the prose never uses: ordinary by the tokenizer's prior (common_word),
        # at the end of the mention only ("Sam Bankman-Fried Pleads"; "New Zealand" and
        # "House of Representatives" keep their words).
        return prior and casing.unseen(word) and common_word(word)

    i, j = 0, len(words)
    while i < j and plain(words[i]):
        i += 1
    while j > i and plain(words[j - 1], prior=j - i > 1 and bare(words[j - 2]) not in _EDGE_GLUE):
        if j - i > 1 and words[j - 1].group().lower().strip("'’") in _NAME_HEADS:
            break  # "Republican Party", "Supreme Court": the word ends the name
        j -= 1
    if i == j:
        return None
    for k in range(j - 1, i, -1):
        # "Sam Bankman-Fried Pleads", "Mexico Detains": a name the prose tags (a person's
        # in full, or a place's or organisation's), then words the prose never writes;
        # not "Chuck Hughes" (a given name, then a surname), nor "Nvidia GeForce" or
        # "Radeon 7000" (a product's own name or number)
        named = m.text[words[i].start() : words[k - 1].end()]
        if (
            prose_names[named]
            and (k - i > 1 or known.get(named) != "PERSON")
            and all(
                casing.unseen(bare(w)) and bare(w)[1:].islower() and bare(w).isalpha()
                for w in words[k:j]
            )
        ):
            j = k
            break
    if i == 0 and j == len(words):
        return m
    start, end = m.start + words[i].start(), m.start + words[j - 1].end()
    left = text[start:end]
    if j - i == 1:
        if left.lower().strip("'’") in _NAME_HEADS:
            return m  # "Man City": not "City"
        if (
            not casing.mid_capital[left]
            and not prose_names[left]
            and left.lower() not in _KNOWN_ORGANISATIONS
        ):
            return None
    return Mention(start, end, left, m.label)


_INNER_POSSESSIVE = re.compile(r"['’]s?\s+(?=[A-Z])")


def _split_possessive(m: Mention, known: Mapping[str, str]) -> list[Mention]:
    """ "Trump’s Facebook", "Sicily’s Cosa Nostra", "Shakhtar's Darijo Srna": two names
    the model ran together across a possessive, when the model tags the owner on its
    own elsewhere in the story. The owner becomes a mention with that label; the rest
    too when it is tagged on its own as well, or ends like the name of a body ("Nepal's
    Civil Aviation Authority"). A name whose owner is never tagged alone ("St. Peter's
    Basilica") stays whole, and so does one whose rest is one word of that kind
    ("Hancock County Sheriff's Office")."""
    cut = _INNER_POSSESSIVE.search(m.text)
    if cut is None:
        return [m]
    head, tail = m.text[: cut.start()], m.text[cut.end() :]
    last = tail.split()[-1].lower()
    if known.get(head) not in ENTITY_TYPES or (" " not in tail and last in _NAME_HEADS):
        return [m]
    parts = [Mention(m.start, m.start + len(head), head, known[head])]
    if known.get(tail) in ENTITY_TYPES or last in _NAME_HEADS:
        parts.append(Mention(m.start + cut.end(), m.end, tail, known.get(tail, m.label)))
    return parts


def _groups(articles: Sequence[CleanArticle]) -> dict[str, _Group]:
    groups: dict[str, _Group] = {}
    # How the prose writes its words: Title Case headlines would make every word a name.
    casing = _Casing(a.article.text[_headline_end(a) :] for a in articles)
    tagged: dict[str, list[tuple[int, int]]] = {}  # article -> the model's mention spans
    known: dict[str, str] = {
        m.text: m.label for a in articles for s in a.sentences for m in s.mentions
    }
    told = Counter(m.text for a in articles for s in a.sentences for m in s.mentions)
    prose_names = Counter(
        m.text
        for a in articles
        for s in a.sentences
        for m in s.mentions
        if m.start >= _headline_end(a)
    )
    for art in articles:
        text = art.article.text
        headline = _headline_end(art)
        for sent in art.sentences:
            credit_end = sent.start + dateline_length(sent.text) if sent.index == 0 else 0
            for found in _rejoined(sent.mentions, text, known):
                whole: Mention | None = _undoubled(found, told)
                if whole is not None and whole.end <= headline:
                    whole = _trim_headline_words(text, whole, casing, prose_names, known)
                if whole is None:
                    continue
                tagged.setdefault(art.article.id, []).append((whole.start, whole.end))
                if _PHOTO_CREDIT.search(whole.text):
                    continue  # "Andrew Kelly / Reuters": a photographer, not the news
                if whole.start < credit_end and text[whole.start - 1 : whole.start] == "(":
                    continue  # the agency of a dateline, "LONDON (AP) –": the source itself
                whole = _without_opening_word(text, sent, whole, casing)
                for part in _split_possessive(whole, known):
                    for m in _split_titled(text, part):
                        _add_mention(groups, art.article.id, text, m, sent)
    _untagged_cues(groups, articles, tagged)
    return groups


def _undoubled(m: Mention, told: Mapping[str, int]) -> Mention:
    """A name run into itself where a caption's label meets its text ("Equifax Equifax
    holds data on 800 million individuals") is that name once, when the model tags the
    doubled form once and the name alone at least three times in the story ("Sirhan
    Sirhan", "Duran Duran" stay)."""
    words = m.text.split(" ")
    half = len(words) // 2
    if not half or len(words) % 2 or words[:half] != words[half:]:
        return m
    single = " ".join(words[:half])
    if told.get(m.text, 0) > 1 or told.get(single, 0) < 3:
        return m
    return Mention(m.start, m.start + len(single), single, m.label)


def _rejoined(mentions: Sequence[Mention], text: str, known: Mapping[str, str]) -> list[Mention]:
    """Two mentions one space apart that the model tags as one name elsewhere in the
    story are that name: "Falcon" + "Heavy" where it also tagged "Falcon Heavy"."""
    out: list[Mention] = []
    for m in mentions:
        prev = out[-1] if out else None
        if (
            prev is not None
            and text[prev.end : m.start] == " "
            and prev.label in ENTITY_TYPES
            and m.label in ENTITY_TYPES
        ):
            joined = f"{prev.text} {m.text}"
            if known.get(joined) in ENTITY_TYPES:
                out[-1] = Mention(prev.start, m.end, joined, known[joined])
                continue
        out.append(m)
    return out


def _untagged_cues(
    groups: Mapping[str, _Group],
    articles: Sequence[CleanArticle],
    tagged: Mapping[str, list[tuple[int, int]]],
) -> None:
    """Type cues from the places where a name stands untagged in the story's prose.

    The small model tags a name here and there, and calls it different things ("SpaceX"
    a person 38 times, a place twice); the words around every occurrence ("the CEO of
    SpaceX", "SpaceX President Gwynne Shotwell", "the rocket company SpaceX") say more.
    An occurrence inside another tagged name ("Bitcoin" in "Bitcoin Cash") or right
    after a capitalised word (part of a longer name) is not counted.
    """
    owners: dict[str, list[_Group]] = {}  # surface -> the groups written so
    for g in groups.values():
        for v in g.variants:
            if len(v) > 2 and v[:1].isupper():
                owners.setdefault(v, []).append(g)
    if not owners:
        return
    # One scan per article: the longest surface at each place wins.
    pattern = re.compile(
        r"(?<![\w’'-])(?:"
        + "|".join(map(re.escape, sorted(owners, key=len, reverse=True)))
        + r")(?![\w’-])"
    )
    counted = {(a, s) for g in groups.values() for a, s, _, _ in g.spans}
    for art in articles:
        aid, text = art.article.id, art.article.text
        spans = tagged.get(aid, [])
        starts = [s.start for s in art.sentences]
        for m in pattern.finditer(text):
            start, end = m.start(), m.end()
            k = bisect_right(starts, start) - 1
            if k < 0 or end > art.sentences[k].end or (aid, start) in counted:
                continue  # debris, or a mention already counted
            if any(a <= start and end <= b and (a, b) != (start, end) for a, b in spans):
                continue
            s_start = art.sentences[k].start
            prev = _LAST_WORD.search(text, max(s_start, start - 40), start)
            if prev and prev.group(1)[:1].isupper() and start > s_start:
                continue
            cues = _cues(text, start, end, m.group(), title_before(text, start), weak=False)
            if cues:
                for g in owners[m.group()]:
                    g.cues.update(cues)


# The words of someone speaking for themselves: no place or organisation says "I" or
# "my husband".
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|my|me|myself)\b")
_SPEAKS_AFTER = re.compile(
    r",?\s+(?:said|says|told|tells|added|adds|recalled|recalls|explained|wrote|writes)\b"
)
_SAYS_HE = re.compile(
    r"(?:,\s+an?\s+[a-z]+(?:\s+[a-z]+)?,)?\s+(?:said|says|told reporters|recalled)\s+(?:she|he)\b"
)
_QUALIFIES = re.compile(r"\b(?:of|at|for|from|with|by)\s+(?:the\s+)?$", re.IGNORECASE)
_SPEAKS_BEFORE = re.compile(r"\b(?:said|says|added|recalled|wrote)\s+$")


def _speaks_as_i(text: str, start: int, end: int, sentence: Sentence) -> bool:
    """ "“I made some plays on third down,” Bell said": the name speaks, in the first
    person singular, the quotation of its sentence."""
    if _SPEAKS_AFTER.match(text, end) is None and (
        _SPEAKS_BEFORE.search(text, max(sentence.start, start - 12), start) is None
        or re.match(r"['’]s\b", text[end : end + 2])
    ):
        return False
    inner = sentence.text
    if _FIRST_PERSON.search(inner):
        mask = quoted_mask(inner)
        quoted = "".join(c if q else " " for c, q in zip(inner, mask, strict=True))
        if _FIRST_PERSON.search(quoted):
            return True
    # "“It just shows how many weapons we have,” Bell said. “I made some plays ...”":
    # the quotation the attribution runs on into
    if re.fullmatch(r",?\s+\w+\.", text[end : sentence.end]):
        more = _NEXT_QUOTE.match(text, sentence.end)
        return bool(more and _FIRST_PERSON.search(more.group(1)))
    return False


_NEXT_QUOTE = re.compile(r"[ \t]+[“\"]([^”\"\n]{1,600})[”\"]")


def _add_mention(
    groups: dict[str, _Group],
    article: str,
    text: str,
    m: Mention,
    sentence: Sentence | None = None,
) -> None:
    etype = ENTITY_TYPES.get(m.label)
    if etype is None:
        return
    start, end = _trimmed_span(text, m)
    surface = text[start:end]
    if re.match(r"['’]s\s", surface):
        # "AMD’s Ryzen 7000": the model's span began at the possessive
        start += 3
        surface = text[start:end]
    form = strip_name(surface)
    if etype == "place" or (
        etype == "organisation" and len(form.split()) < 2 and not _MISTER.match(surface)
    ):
        form = strip_name(surface, titles=False)  # "General Motors", but "Ms Brenner": Brenner
    if etype == "person":
        form = _without_role(form)
    if _is_junk(form):
        return
    key = name_key(form, titles=False)
    if not key:
        return
    g = groups.setdefault(key, _Group(key, Counter(), Counter(), Counter(), [], Counter()))
    g.forms[form] += 1
    g.labels[etype] += 1
    title = title_before(text, start)
    g.cues.update(_cues(text, start, end, surface, title))
    if _SPEAKS_AFTER.match(text, end):
        g.speaks += 1
    if (
        re.search(r"\b(?:[Tt]he|an?|An?)\s+$", text[max(0, start - 6) : start])
        and not title
        and not re.match(r"['’]|\s+[a-z]", text[end : end + 3])
        and not is_title(surface.split()[0])
        and " of " not in surface
    ):
        # (not "a Taylor Swift concert": the name qualifies "concert"; not "the Duke of
        # Sussex", a title naming someone)
        g.things += 1
    # (not "Ana Lind of Lind Group said she": the name qualifies the speaker)
    if not _QUALIFIES.search(text, max(0, start - 12), start):
        if sentence is not None and _speaks_as_i(text, start, end, sentence):
            g.cues["person"] += 1
        elif _SAYS_HE.match(text, end):
            g.cues["person"] += 1  # "Maryam Violet, a witness, said she was walking"
    if etype == "person" and _GIVEN_ONLY.search(text, max(0, start - 60), start):
        g.given_only += 1
    g.variants[surface] += 1
    if etype != "place" and title:
        g.titled[f"{title} {surface}"] += 1
    g.spans.append((article, start, end, surface))


# Someone the article knows by one name only: "a man who gave his name as Michel",
# "identified only as Ahmed", "a woman named only as Sarah".
_GIVEN_ONLY = re.compile(
    r"(?:\bgave (?:his|her|their) (?:first )?name as|\bidentified (?:herself |himself )?"
    r"(?:only )?(?:by (?:his|her|their) first name )?as|\b(?:known|named) only as|"
    r"\bwho (?:would )?only gave (?:his|her|their) (?:first )?name,?|\bfirst name only,?)"
    r"\s+$"
)


def _without_role(name: str) -> str:
    """ "Lawyer Harjit" -> "Harjit"; but "Mother Teresa" and "Father Christmas" stay,
    names of their own."""
    words = name.split(" ")
    role = words[0].lower()
    if len(words) < 2 or role not in _ROLE_NOUNS or not words[1][:1].isupper():
        return name
    if len(words) == 2 and role in ("mother", "father"):
        return name
    return " ".join(words[1:])


def _add_surnames(groups: Sequence[_Group], articles: Sequence[CleanArticle]) -> None:
    """Count a known person's surname where the model missed it ("Hale said…").

    Only for a surname that no other entity shares and outside every other mention.
    """
    people = [g for g in groups if g.type == "person" and len(g.words) >= 2]
    last_words = Counter(g.words[-1] for g in people)
    # every name another entity goes by ("Cubs" of the Chicago Cubs, not the surname of
    # a caption's "Overjoyed Cubs")
    taken = {name_key(f, titles=False) for g in groups if g.type != "person" for f in g.forms}
    taken |= {g.key for g in groups if g.type != "person"}
    owners: dict[str, _Group] = {}
    for g in people:
        form = _canonical(g).split()[-1]
        if last_words[g.words[-1]] == 1 and g.words[-1] not in taken and form[:1].isupper():
            owners[form] = g
    if not owners:
        return
    alternatives = "|".join(re.escape(f) for f in sorted(owners, key=len, reverse=True))
    pattern = re.compile(rf"(?<![\w-])(?:{alternatives})(?![\w-])")
    for art in articles:
        text = art.article.text
        for sent in art.sentences:
            covered = [(m.start, m.end) for m in sent.mentions]
            for hit in pattern.finditer(text, sent.start, sent.end):
                if any(a < hit.end() and hit.start() < b for a, b in covered):
                    continue
                form = hit.group()
                g = owners[form]
                g.spans.append((art.article.id, hit.start(), hit.end(), form))
                g.variants[form] += 1
                g.forms[form] += 1


def _drop_place_prefixes(groups: dict[str, _Group]) -> None:
    """ "United Nations Nikki Haley" -> "Nikki Haley": the model glued a known name on."""
    others = {k for k, g in groups.items() if g.type != "person"}
    people = {k for k, g in groups.items() if g.type == "person"}
    for g in list(groups.values()):
        if len(g.words) < 3:
            continue
        for n in range(len(g.words) - 2, 0, -1):
            prefix = " ".join(g.words[:n])
            if _ALIASES.get(prefix, prefix) not in others:
                continue
            if g.type != "person" and " ".join(g.words[n:]) not in people:
                continue
            groups.pop(g.key)
            g.key = " ".join(g.words[n:])
            g.forms = Counter({" ".join(f.split()[n:]): c for f, c in g.forms.items()})
            if g.key in groups:
                groups[g.key].absorb(g)
            else:
                groups[g.key] = g
            break


def _merge_spellings(groups: dict[str, _Group]) -> None:
    """ "Mohamed Morsi" and "Mohammed Morsi": same surname, first names spelled alike."""
    people = sorted(
        (g for g in groups.values() if g.labels["person"] and len(g.words) >= 2),
        key=lambda g: -len(g.spans),
    )
    for i, g in enumerate(people):
        if g.key not in groups:
            continue
        for other in people[i + 1 :]:
            if other.key not in groups or len(other.words) != len(g.words):
                continue
            if _transliterated(g.words, other.words):
                g.absorb(groups.pop(other.key))
                continue
            if g.type != "person" or other.type != "person":
                continue
            if other.words[-1] != g.words[-1] or other.words[:-1] == g.words[:-1]:
                continue
            first, second = " ".join(g.words[:-1]), " ".join(other.words[:-1])
            if SequenceMatcher(None, first, second).ratio() >= _SPELLING_RATIO:
                g.absorb(groups.pop(other.key))


_ARTICLES = frozenset({"al", "el"})


def _transliterated(a: Sequence[str], b: Sequence[str]) -> bool:
    """Two romanisations of one Arabic name: "Abdel Fattah al-Sisi" and "Abdel-Fattah
    el-Sissi" (both with the article, the other words alike one by one)."""
    if not (_ARTICLES & set(a) and _ARTICLES & set(b)):
        return False
    wa = [w for w in a if w not in _ARTICLES]
    wb = [w for w in b if w not in _ARTICLES]
    return len(wa) == len(wb) and all(
        _skeleton(x) == _skeleton(y) or SequenceMatcher(None, x, y).ratio() >= _SPELLING_RATIO
        for x, y in zip(wa, wb, strict=True)
    )


def _skeleton(word: str) -> str:
    """The consonants of a word, doubled ones once: "muhammad" and "mohammed" -> "mhmd"."""
    return re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiouy]", "", word))


DOMINANT_MIN, DOMINANT_RATIO = 3, 3
SURNAME_ORG_RATIO = 10


def _merge_nicknames(groups: dict[str, _Group]) -> None:
    """A nickname written inside a person's name ('Joaquin "El Chapo" Guzmán') names that
    person when it stands alone ("El Chapo")."""
    for g in list(groups.values()):
        if g.key not in groups or g.type != "person":
            continue
        for form in list(g.forms):
            alias = name_key(nickname(form)) if nickname(form) else ""
            other = groups.get(alias)
            if other is not None and other is not g:
                g.absorb(groups.pop(alias))


def _merge(groups: dict[str, _Group]) -> list[_Group]:
    _merge_nicknames(groups)
    _drop_place_prefixes(groups)
    _merge_spellings(groups)
    # Anyone the model ever called a PERSON can receive a surname, whatever the majority.
    people = [
        g
        for g in groups.values()
        if (g.type == "person" or g.labels["person"]) and not _org_marked(g.words)
    ]
    by_last: dict[str, list[_Group]] = {}
    by_first: dict[str, list[_Group]] = {}
    for p in people:
        if len(p.words) > 1:
            by_last.setdefault(p.words[-1], []).append(p)
            by_first.setdefault(p.words[0], []).append(p)
    into: dict[str, _Group] = {}  # key of a name that joined a longer one -> that one
    # Names that open two or more model numbers ("Ryzen 7040", "Galaxy S9"): product lines
    numbered = Counter(
        g.words[0]
        for g in groups.values()
        if len(g.words) > 1 and any(c.isdigit() for c in g.words[1])
    )
    families = {w for w, c in numbered.items() if c >= 2}
    initials: dict[str, list[_Group]] = {}
    for o in groups.values():
        if len(o.words) >= 2 and o.type == "organisation":
            spelled = "".join(w[0] for w in o.words if w not in _ACRONYM_SKIP)
            initials.setdefault(spelled, []).append(o)
    # Longer names first: "Lai Mohammed" joins "Alhaji Lai Mohammed" before "Mohammed"
    # looks for the one longer name that ends with it. A group never joins a shorter one.
    for g in sorted(groups.values(), key=lambda g: -len(g.words)):
        if g.key not in groups:
            continue
        kind = g.type
        # a word the model calls a place but that speaks, and no place the tables know:
        # "Mike Hankey ... Hankey told Time magazine"
        speaking = kind == "place" and len(g.words) == 1 and g.speaks and g.key not in _KNOWN_PLACES
        if g.labels["person"] or kind in ("organisation", "person") or speaking:
            n = len(g.words)
            longer = [
                p
                for p in by_last.get(g.words[-1], [])
                if p.key in groups and len(p.words) > n and p.words[-n:] == g.words
            ]
            if (
                not longer
                and n == 1
                and g.labels["person"]
                and kind != "organisation"
                and not g.given_only
            ):
                # A given name alone, or a family name written first ("Hua" for
                # "Hua Chunying"): only when no other person starts with it, and not a
                # name the model mostly calls an organisation ("Equifax", one 54 times and
                # a person twice, is not the first name of "Equifax Twitter"). Never a
                # name someone is known by alone: a witness "who gave his name as
                # Michel" is not Michel Temer, whom another outlet quotes.
                # (a name that joined a longer one counts as that one: "Sarah Silverman"
                # inside "Comedian Sarah Silverman")
                longer = list(
                    {
                        id(x): x
                        for p in by_first.get(g.key, [])
                        if (x := into.get(p.key, p)) is not g and x.key in groups
                    }.values()
                )
            if not longer and n == 1 and g.cues["person"]:
                # "Ms Teigen", a person by her title, and "Chrissy Teigen" named once and
                # called an organisation: the one two-word name that ends with it.
                longer = [
                    o
                    for o in groups.values()
                    if len(o.words) == 2 and o.words[-1] == g.key and o.key in groups
                ]
            # "Thurman" is Uma Thurman, not her father Robert Thurman named once: a
            # surname alone goes to a bearer named far more often than the others.
            longer = _dominant(longer, least=DOMINANT_MIN)
            if n == 1 and g.key in families:
                # "Ryzen" beside "Ryzen 7040" and "Ryzen 7 7700": a product line, no
                # one's surname ("Mainstream Ryzen" in one headline)
                longer = []
                g.cues["organisation"] += 1
            if (
                len(longer) == 1
                and kind == "organisation"
                and longer[0].type == "person"
                and g.labels["organisation"] >= SURNAME_ORG_RATIO * max(1, len(longer[0].spans))
            ):
                # "Microsoft", an organisation 104 times, is not the surname of a
                # headline's "Helping Microsoft" that the model once called a person.
                # (The small model often calls a surname alone an organisation, a few
                # times for each time it names the person in full: "Nakano" four
                # times, "Koichi Nakano" once.)
                longer = []
            if len(longer) == 1:
                shorter = groups.pop(g.key)
                into[g.key] = longer[0]
                for k, v in into.items():
                    if v is shorter:
                        into[k] = longer[0]
                # The shorter mentions name a person ("Haynes" for "Toby Haynes"),
                # whatever label the model gave them; but not when neither the longer
                # name nor the shorter one is mostly a person's: "Cubs" (an organisation
                # 148 times, a person once) in "Chicago Cubs" keeps its labels.
                mostly = 2 * shorter.labels["person"] >= len(shorter.spans)
                if longer[0].type == "person" or mostly or shorter.cues["person"]:
                    shorter.labels = Counter({"person": len(shorter.spans)})
                    # its titles ("Mr. Adnani") still say person
                    shorter.cues = Counter({"person": shorter.cues["person"]})
                longer[0].absorb(shorter)
                continue
        if kind == "organisation" and len(g.words) == 1 and g.key.isalpha() and len(g.key) >= 2:
            expansions = [o for o in initials.get(g.key, []) if o is not g and o.key in groups]
            # "All Nippon Airways" (9 mentions), not a slip's "All Nippon Airlines" (1)
            expansions = _dominant(expansions)
            if len(expansions) == 1:
                expansions[0].absorb(groups.pop(g.key))
                into[g.key] = expansions[0]
    _merge_company_names(groups)
    _merge_short_names(groups)
    _merge_name_fragments(groups)
    return list(groups.values())


def _dominant(candidates: list[_Group], least: int = 0) -> list[_Group]:
    """The candidates, or only the one named at least ``DOMINANT_RATIO`` times as often
    as any other (and at least ``least`` times) when there are several."""
    if len(candidates) < 2:
        return candidates
    ranked = sorted(candidates, key=lambda g: -len(g.spans))
    if len(ranked[0].spans) >= max(least, DOMINANT_RATIO * len(ranked[1].spans)):
        return ranked[:1]
    return candidates


def _merge_name_fragments(groups: dict[str, _Group]) -> None:
    """A one-word "person" the text never gives a title, that is a later word of exactly
    one organisation's name (or of one named far more often than the others), is that
    organisation cut short by the model: "Nippon" in "a spokesperson for All Nippon" is
    All Nippon Airways."""
    orgs = [g for g in groups.values() if g.type == "organisation" and len(g.words) > 1]
    for g in [g for g in groups.values() if g.type == "person" and len(g.words) == 1]:
        if g.cues["person"] or g.titled:
            continue
        hosts = _dominant([o for o in orgs if o.key in groups and g.key in o.words[1:]])
        if len(hosts) == 1:
            fragment = groups.pop(g.key)
            fragment.labels = Counter({"organisation": len(fragment.spans)})
            hosts[0].absorb(fragment)


# Words that only say what legal form a company has: "Goldman Sachs Group Inc" (not
# "Holdings": a holding company is often another entity than the one it holds).
_CORPORATE = frozenset(
    {"group", "inc", "incorporated", "co", "corp", "corporation", "company", "ltd", "limited"}
    | {"llc", "plc", "sa", "ag", "nv", "se"}
)


def _merge_company_names(groups: dict[str, _Group]) -> None:
    """One company under its names with and without its legal form: "Goldman Sachs Group
    Inc" joins "Goldman Sachs", "Qualcomm Inc" joins "Qualcomm". (A short name joining the
    one longer name it starts was tried: "Goldman" / "Goldman Sachs" and "Delta" / "Delta
    Air Lines" came right, "Tesla" / "Tesla Roadster" and "Amazon" / "Amazon Alexa" wrong.)"""
    orgs = [g for g in groups.values() if g.type == "organisation"]
    for g in sorted(orgs, key=lambda g: -len(g.words)):
        words = g.words
        k = len(words)
        while k > 1 and words[k - 1].strip(".") in _CORPORATE:
            k -= 1
        base = " ".join(words[:k])
        if (
            k < len(words)
            and base in groups
            and groups[base] is not g
            and groups[base].type == "organisation"
        ):
            groups[base].absorb(groups.pop(g.key))


def _merge_short_names(groups: dict[str, _Group]) -> None:
    """An organisation named by the end of its name, "Bengals" for "Cincinnati Bengals",
    "Red Sox" for "Boston Red Sox": it joins the one longer name that ends with it (or
    the one named far more often). Not when the short name is made of ordinary words:
    "House" is not the White House, nor "Police" the Capitol Police."""
    orgs = [g for g in groups.values() if g.type == "organisation"]
    by_last: dict[str, list[_Group]] = {}
    for o in orgs:
        if len(o.words) > 1:
            by_last.setdefault(o.words[-1], []).append(o)
    for g in sorted(orgs, key=lambda g: len(g.words)):
        n = len(g.words)
        if g.key not in groups or all(common_word(w) for w in g.words):
            continue
        longer = [
            o
            for o in by_last.get(g.words[-1], [])
            if o.key in groups
            and len(o.words) > n
            and o.words[-n:] == g.words
            and _naming_prefix(o, len(o.words) - n)
        ]
        longer = _dominant(longer)
        if len(longer) == 1:
            longer[0].absorb(groups.pop(g.key))


def _naming_prefix(g: _Group, k: int) -> bool:
    """Whether the first ``k`` words of the name, as written, are names themselves
    ("Cincinnati", "U.N.", "Sony"), not a headline's words ("Mercedes Building Tesla",
    "Jubilant Chicago Cubs", "Tavon Alleyne on Instagram", "ex-Facebook")."""
    form = max(g.forms, key=lambda f: g.forms[f])
    words = form.split()
    if len(words) < k:
        return False
    return all(
        w[:1].isupper()
        and not any(c.isdigit() for c in w)
        and (not common_word(w) or name_key(w) in _PLACES)  # "US State Department"
        for w in words[:k]
    )


FULL_NAME_MIN = 3


def _canonical(g: _Group) -> str:
    forms = g.forms
    if g.type == "person":
        full = {f: c for f, c in forms.items() if len(f.split()) >= 2}
        # a person's name over a title that names them ("Prince Harry", not "Duke of Sussex")
        named = {f: c for f, c in full.items() if not re.fullmatch(_TITLE_OF, f)}
        if full:
            forms = Counter(named or full)
    if g.type == "organisation":
        # "Bank of America" rather than "Bank of America Corp" when both are as frequent

        def plain(f: str) -> bool:
            words = f.split()
            k = len(words)
            while k > 1 and words[k - 1].lower().strip(".") in _CORPORATE:
                k -= 1
            return k == len(words) or " ".join(words[:k]) not in forms

        best = max(forms, key=lambda f: (forms[f], plain(f), len(f), f))
        # "Chicago Cubs" (27 mentions) rather than "Cubs" (149): the full name that ends
        # with the usual short one, when it is written out at least a few times.
        fuller = [
            f for f in forms if f.endswith(f" {best}") and plain(f) and forms[f] >= FULL_NAME_MIN
        ]
        return max(fuller, key=lambda f: (forms[f], len(f), f)) if fuller else best
    if g.type == "place" and all(f.casefold() in _DEMONYMS for f in forms):
        # only "Ukrainian" in the story: the entity is Ukraine
        return " ".join(w.capitalize() for w in g.key.split())
    countries = Counter({f: c for f, c in forms.items() if f.casefold() not in _DEMONYMS})
    forms = countries or forms
    return max(forms, key=lambda f: (forms[f], len(f), f))


# Names of events that the model sometimes calls a place (it calls most of them EVENT,
# which is dropped like NORP): their last word, or the whole one-word name.
_EVENT_HEADS = frozenset(
    [
        "day",
        "prix",
        "cup",
        "championship",
        "championships",
        "festival",
        "series",
        "marathon",
        "summit",
        "awards",
        *("globes", "open", "slam", "games", "expo"),  # "Golden Globes", "Australian Open"
    ]
)
_EVENT_NAMES = frozenset(["grammys", "oscars", "emmys", "olympics", "paralympics", "baftas"])


def _is_event(words: Sequence[str]) -> bool:
    """Whether a name's words name an event ("bastille day", "grand prix", "grammys")."""
    if len(words) == 1:
        return words[0] in _EVENT_NAMES
    return words[-1] in _EVENT_HEADS


# A title that names one person, set beside that person's name and closed like an
# apposition: "Prince Harry, the Duke of Sussex, said" / "the Duke of Sussex, Prince
# Harry, said" (not "In his book Spare, the Duke of Sussex claims").
_TITLE_OF = (
    r"(?:Duke|Duchess|Prince|Princess|Earl|Countess|Marquess|King|Queen|Archbishop|Emir|"
    r"Sultan|Crown Prince) of [A-Z][\w-]+(?: [A-Z][\w-]+)?(?![\w'’])"
)
_PERSON_NAME = r"[A-Z][\w'’.-]+(?: [A-Z][\w'’.-]+){0,3}"
_TITLE_APPOSITION = re.compile(
    rf"(?P<name>{_PERSON_NAME}),\s(?:the\s)?(?P<title>{_TITLE_OF})(?=\s?[,;)—–]|\.(?:\s|$))"
    rf"|(?:\b[Tt]he\s)?(?P<title2>{_TITLE_OF}),\s(?P<name2>{_PERSON_NAME})(?=\s?[,;)—–]|\.(?:\s|$))"
    # "Nouriel Roubini, professor of economics, also known as Dr Doom": a nickname
    # (after other appositions only with "also known as": "Musk, 46, said ..., stating
    # that a rocket, known as the Falcon Heavy" names the rocket)
    rf"|(?P<name3>{_PERSON_NAME})(?:,\s(?:(?:also|better|widely)\s)?(?:known\sas|dubbed|nicknamed)"
    rf"|(?:,\s[^,.;:\n]{{1,80}}){{1,3}},\s(?:also|better|widely)\sknown\sas)"
    rf"\s(?:the\s)?(?P<alias>{_PERSON_NAME})"
)


def _merge_title_appositions(
    merged: list[_Group], articles: Sequence[CleanArticle]
) -> list[_Group]:
    """A title naming someone ("the Duke of Sussex") joins the person an article sets it
    beside ("Prince Harry, the Duke of Sussex, said"), when both are names in the story
    and the model calls the person one; so does a nickname ("Nouriel Roubini, ...,
    also known as Dr Doom")."""
    index = {name_key(f, titles=False): g for g in merged for f in g.forms}
    for a in articles:
        text = a.article.text
        if " of " not in text and " as " not in text and "named " not in text:
            continue
        for m in _TITLE_APPOSITION.finditer(text):
            name = m.group("name") or m.group("name2") or m.group("name3")
            title = m.group("title") or m.group("title2") or m.group("alias")
            person = index.get(name_key(name, titles=False))
            holder = index.get(name_key(title, titles=False)) or index.get(name_key(title))
            if person is None or holder is None or person is holder:
                continue
            if not person.labels["person"] or person.type != "person":
                continue
            person.absorb(holder)
            for k, g in index.items():
                if g is holder:
                    index[k] = person
            merged = [g for g in merged if g is not holder]
    return merged


_LOWER_CAMEL = re.compile(r"[a-z]{1,2}[A-Z]")


def collect_entities(articles: Sequence[CleanArticle]) -> list[Entity]:
    """Merge the PERSON/ORG/GPE/LOC/FAC mentions of all sentences into entities.

    Sorted by the number of articles naming the entity, then by mentions.
    """
    order = {a.article.id: i for i, a in enumerate(articles)}
    merged = _merge_title_appositions(_merge(_groups(articles)), articles)
    _add_surnames(merged, articles)
    texts = {a.article.id: a.article.text for a in articles}
    common = _CommonWords(texts.values())
    built: list[tuple[tuple[int, int, str], Entity]] = []
    for g in merged:
        name = _canonical(g)
        if common.all_common(name):
            continue  # "Plane Crash", "Crash Leaves": words of a Title Case headline
        if g.type == "place" and _is_event(g.words):
            continue  # "Bastille Day", "the Grand Prix", "the Grammys": events, not places
        if g.type == "place" and _LOWER_CAMEL.match(name):
            continue  # "iPhones", "iPad": products the small model took for places
        sources = tuple(sorted({s[0] for s in g.spans}, key=lambda a: order[a]))
        evidence = _evidence(g.spans, sources, texts)
        counts = g.variants + g.titled if g.type == "person" else g.variants
        variants = tuple(v for v, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        entity = Entity(
            id="",
            name=name,
            type=g.type,
            variants=variants,
            mentions=len(g.spans),
            sources=sources,
            evidence=evidence,
        )
        built.append(((-len(sources), -len(g.spans), name), entity))
    built.sort(key=lambda kv: kv[0])
    return [_with_id(e, i) for i, (_, e) in enumerate(built, 1)]


class _CommonWords:
    """Whether a "name" is only ordinary words of the story, written in lower case in the
    story's texts at least as often as capitalised: a Title Case headline ("Plane Crash
    Leaves 68 Dead") makes the model see names in ordinary words. A name of several words
    is ordinary when the phrase is ("plane crash", not "national security council");
    acronyms ("US", "NATO"), inner capitals ("SpaceX") and words never written in lower
    case ("Nepal") are names."""

    _WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*")

    def __init__(self, texts: Iterable[str]) -> None:
        self.text = " ".join(texts)
        self.counts = Counter(self._WORD.findall(self.text))

    def all_common(self, name: str) -> bool:
        words = self._WORD.findall(name)
        if not words or any(
            w.isupper() or not w[0].isupper() or not w[1:].islower() for w in words
        ):
            return False
        if len(words) == 1:
            w = words[0]
            return 0 < self.counts[w] <= self.counts[w.lower()]
        if not all(self.counts[w.lower()] for w in words):
            return False  # a word never written in lower case: a name (cheap, and common)
        phrase = r"\s+".join(re.escape(w) for w in words)
        capitalised = len(re.findall(rf"\b{phrase}\b", self.text))
        lower = len(re.findall(rf"\b{phrase.lower()}\b", self.text))
        return 0 < capitalised <= lower


def _with_id(e: Entity, i: int) -> Entity:
    return Entity(f"e{i}", e.name, e.type, e.variants, e.mentions, e.sources, e.evidence)


def _evidence(
    spans: Sequence[tuple[str, int, int, str]],
    sources: Sequence[str],
    texts: Mapping[str, str],
) -> tuple[Evidence, ...]:
    """Up to three spans, one per article first."""
    picked: list[tuple[str, int, int, str]] = []
    for src in sources:
        first = min((s for s in spans if s[0] == src), key=lambda s: s[1])
        picked.append(first)
        if len(picked) == _EVIDENCE_PER_ENTITY:
            break
    if len(picked) < _EVIDENCE_PER_ENTITY:
        for s in sorted(spans, key=lambda s: (sources.index(s[0]), s[1])):
            if s not in picked:
                picked.append(s)
            if len(picked) == _EVIDENCE_PER_ENTITY:
                break
    return tuple(Evidence(a, s, e, texts[a][s:e]) for a, s, e, _ in picked)


def build_name_index(entities: Iterable[Entity]) -> dict[str, Entity]:
    """``name_key`` of every name, variant and unambiguous surname -> its entity."""
    index: dict[str, Entity] = {}
    surnames: dict[str, list[Entity]] = {}
    for e in entities:
        for form in (e.name, *e.variants):
            key = name_key(form)
            if key:
                index.setdefault(key, e)
        if e.type == "person" and len(e.name.split()) >= 2:
            surnames.setdefault(name_key(e.name.split()[-1]), []).append(e)
    for key, owners in surnames.items():
        if len(owners) == 1:
            index.setdefault(key, owners[0])
    return index


def resolve_name(text: str, index: Mapping[str, Entity]) -> Entity | None:
    """The entity a name refers to ("Sunak", "Prime Minister Rishi Sunak"), if known."""
    key = name_key(text)
    return index.get(key) if key else None
