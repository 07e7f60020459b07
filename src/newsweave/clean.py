"""Cleaning: find the debris of scraped news while keeping offsets into the original text.

Nothing is deleted: :func:`find_debris` returns spans of the original text that are not
article prose (embedded posts, captions, credits, link lists, bylines, stamps, prompts,
boilerplate), :func:`kept_regions` their complement, and :func:`clean_article` splits
only the kept regions into sentences, so every offset still points into ``Article.text``.

The rules favour precision: a span is debris only when a strong marker says so (a tweet
signature, a photo credit, a "Related coverage" heading, a byline shape...). Sentences
are pulled into a debris span only next to such a marker (the tweet's own sentences
before its signature, the caption a credit belongs to).
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterator, Sequence

from .language import guess_language, script_language, stopword_counts
from .models import Article, CleanArticle, Debris, Sentence
from .sentences import quoted_mask, split_sentences

__all__ = ["AGENCY", "DEBRIS_KINDS", "TERMINAL", "clean_article", "find_debris", "kept_regions"]

DEBRIS_KINDS = (
    "social_embed",
    "caption",
    "credit",
    "related_links",
    "byline",
    "updated_stamp",
    "prompt",
    "boilerplate",
)

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
AGENCY = (
    r"(?:AP|Reuters|AFP|EPA|EPA-EFE|Xinhua|Kyodo|Yonhap|UPI|PA|ANP|dpa|ANSA|TASS|Bloomberg|"
    r"Getty|Getty Images|Getty Images/iStockphoto|Shutterstock|Alamy|REX|Rex Features|"
    r"REX/Shutterstock|Pool|Pool photo|NurPhoto|Sipa|SIPA|Anadolu|WireImage|iStock)"
)

# "— Rishi Sunak (@RishiSunak) January 11, 2023": the signature that ends an embedded tweet
_TWEET_TAIL = re.compile(
    r"(?:[—–]|--?)\s?[^—–()\n]{1,60}?\s?\(@\w{1,15}\)(?:\s*" + _MONTH + r"\s\d{1,2},\s\d{4})?"
    # Instagram: "A post shared by Ana Lind (@analind) on Oct 1, 2017 at 10:56pm PDT"
    r"|A post shared by [^\n]{1,80}?\(@[\w.]{1,30}\)(?: on [A-Z][a-z]{2} \d{1,2}, \d{4}"
    r"(?: at \d{1,2}:\d{2}\s?[ap]m(?: [A-Z]{2,4})?)?)?"
)
# "Photo: Kestrel Bay Coastguard" closing a caption line
_LABEL_CREDIT = re.compile(
    r"(?:Photo|Photograph|Picture|Image|Credit)s?:\s?[A-Z][^\n.!?]{1,60}?(?=[ \t]*(?:\n|$))"
)
_VIA = re.compile(r"(?:\s[A-Z][\w&.'’-]*){0,3}\svia\s[A-Z][\w&'’-]*(?:\s[A-Z][\w&'’-]*){0,2}")
# "(AP Photo/Evan Vucci)", "(Photo by Jo Marsh/Getty Images)" inside a longer line
_INLINE_PHOTO_CREDIT = re.compile(
    r"\((?:[A-Z]{2,6} )?(?:Photo|Photos|photo)(?:\s?(?:/|:|by)\s?[^()\n]{1,80})\)"
    r"(?:\s?\([^()\n]{1,40}\))?"
)
_TWEET_MARK = re.compile(r"pic\.twitter\.com/\w+|https?://t\.co/\w+")
_SOCIALISH = re.compile(
    r"(?<![\w.])[@#][A-Za-z_]\w*|pic\.twitter\.com|https?://t\.co/"
    r"|[\U0001F000-\U0001FAFF\u2600-\u27BF]"
)

# Bloomberg-style "Photographer: Chris J. Ratcliffe/Bloomberg via Getty Images"; the
# agency may be glued to the next sentence ("Getty ImagesDuring"), so stop at its end.
_PHOTOGRAPHER = re.compile(
    r"(?:Photographer|Photo|Photograph|Photos|Image|Credit|Picture)s?:\s?"
    r"[A-Z][^\n/]{1,60}/(?:[A-Z][A-Za-z&.-]*?(?=[A-Z][a-z]|\s|$)|[A-Z][A-Za-z&.-]*)"
    r"(?:\s(?:via|for)\s(?:Getty Images|AP|AFP|Reuters|[A-Z][A-Za-z]+(?= |$)))?"
    r"|(?:Photographer|Photograph):\s?[A-Z][^\n]{1,60}?\svia\sGetty Images"
)
# "(AP Photo/Evan Vucci)", "(Pool photo)(Kyodo)", "(Photo: Jane Doe)", "©Boris Horvat (AFP)"
_PAREN_CREDIT = re.compile(
    r"(?:\((?:"
    + AGENCY
    + r"\s?)?(?:Photo|Photos|photo|Pool photo|File photo|Photo credit|Image|Picture|Pic)"
    r"(?:\s?(?:/|:|by)\s?[^()\n]{1,80})?\)(?:\s?\(" + AGENCY + r"(?:/[^()\n]{1,40})?\))?"
    r"|©\s?[^()\n]{1,60}?\s?\([^()\n]{1,40}\)"
    r"|\((?:Getty Images|Getty|AFP|Reuters|AP|EPA|PA|Shutterstock|Alamy|REX/Shutterstock|"
    r"Kyodo|Xinhua|Yonhap|Associated Press)(?:/[^()\n]{1,40})?\)"
    r"|\((?:Photo\s(?:by\s)?)?[A-Z][^()\n]{1,60}/[^()\n]{0,40}(?:Getty Images|Getty|AP|AFP|Reuters|"
    r"EPA|PA|Shutterstock|Alamy|Bloomberg|Pool|[Ff]ile|FILE|iStock)\)"
    r"|\[(?:Photo|Photos|Image)/[^\[\]\n]{1,40}\])(?:\s?\([^()\n]{1,40}\))?\s*$"
)
_FULL_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2},\s\d{4}\b"
    r"|\b\d{1,2}\s(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\s\d{4}\b"
)
_INLINE_BYLINE = re.compile(
    r"\((?:(?:Additional\s)?[Rr]eporting|Writing|Written|Editing|Compiled|Edited)\sby\s[^()\n]{2,400}\)"
)
_COPYRIGHT = re.compile(
    r"(?:Copyright\s?(?:©\s?)?(?:\(c\)\s?)?\d{4}|©\s?\d{4}|\(c\)\s\d{4})[^\n]*"
    r"|All rights reserved\.?[^\n]{0,200}$",
    re.M,
)

_WHOLE_LINE: list[tuple[str, re.Pattern[str]]] = [
    (
        "boilerplate",
        re.compile(
            r"(?:Advertisement|ADVERTISEMENT|Advertisement Continue reading the main story|"
            r"Continue reading the main story|Advertisement - Continue Reading Below|Scroll down for video|(?:Save)+|_{3,}|-{3,}|\*{3}|"
            # a feed item's link to the rest ("Continue Reading at GameSpot", 787 items of
            # the January 2023 stream) and an embed's placeholder
            r"Continue [Rr]eading(?:\s(?:at|on)\s[A-Z][\w.&' -]{1,40})?\s?(?:…|\.\.\.|›|»|→)?|"
            r"View this (?:post|photo|video|profile) on (?:Instagram|Twitter|Facebook|TikTok|YouTube)|"
            # a shop's buttons and price tags ("$1599.99 at Best Buy", "See Prime Video at
            # Amazon", "Now: $699.99 ($400 off)")
            r"(?:Was|Now|Price|List price|Sale price|Deal price):\s?[$£€][\d,.]+(?:\s?\([$£€][\d,.]+ off\))?|"
            r"[$£€][\d,.]+ at [A-Z][\w&'’. -]{1,30}|"
            r"(?:See|Shop|Buy|Get)\b[^.!?\n]{0,50}\bat (?:Amazon|Best Buy|Walmart|Target|Newegg|"
            r"B&H(?: Photo)?|eBay|Costco|Currys|Argos|John Lewis|Adorama|Apple|Samsung|Dell|Lenovo)|"
            r"Video|Photo|Photos|Image|Images|Gallery|Enlarge (?:this )?[Ii]mage.*|Play Video|"
            r"Share|Share this (?:article|story)|Share on (?:Facebook|Twitter)|Tweet|Email|"
            r"Print|Comments?|Loading\.*|Close|Skip to .{1,40}|Story continues below|"
            r"Embed|Hide Caption|Back to top|Top of page|Media playback is unsupported on your device|"
            r"This post has been updated\.|Sponsored|Sponsored content|Promoted|"
            r"\([^()\n]{3,60}\s\d{1,2}/\d{1,2}/\d{4}\s?page\s?\d+\)|"
            r"The opinions expressed in this commentary are (?:his|hers|her own|his own|solely those of the authors?|their own)\.?|"
            r"[A-Z][\w .&'-]{2,40}:\s*https?://\S+(?:\s(?:and|or)\shttps?://\S+)*|"
            r"Information from:.{1,120}|.{0,80}contributed to this report\.?)"
        ),
    ),
    (
        "updated_stamp",
        re.compile(
            r"(?i)(?:[^|\n]{0,40}\|\s*)?(?:updated|published|posted|last updated|first published|"
            r"last modified|modified)(?::|\son|\sat)?\s(?:\d|"
            + _MONTH
            + r"|(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\w+ (?:minutes?|hours?|days?) ago|today|"
            r"yesterday)[^\n]{0,80}"
        ),
    ),
    (
        "byline",
        re.compile(
            r"(?:By|BY|by)\s+[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|de|van|von|da|bin|al)){0,4}"
            r"(?:\s*(?:,|and|&)\s*(?:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,4}))*"
            r"(?:\s*[|,]\s*[^\n]{0,60})?"
        ),
    ),
    (
        "caption",
        re.compile(
            r"(?:Photos?:\s.*Hide Caption\s\d+\sof\s\d+.*|.*\bHide Caption\s\d+\sof\s\d+|"
            r"(?:FILE|File)\s?[-–—]\s?(?:In )?[Tt]his\b.*|In this\s[^\n]{0,40}\d{4},?\s(?:file\s)?photo\b.*|"
            r"(?:Image|Media)\s(?:copyright|caption|source)\b.*|"
            r"(?:Photo|Photograph|Picture|Image)\s(?:by|courtesy of|credit|credits)\b.{0,120}|"
            # a still from a video, told without a full stop: "Grab from a video obtained
            # via ... shows 15 of the girls", "Screenshot: ..."
            r"(?:A\s)?(?:[Ss]creen\s?[Gg]rab|[Vv]ideo\s[Gg]rab|[Gg]rab)\sfrom\s[^.!?\n]{5,250}|"
            r"Screenshot:\s[^\n]{1,120}|"
            # a picture's caption closed by its credit: "Apple's MagSafe puck | Photo by
            # Ana Lind / The Verge", "... | Image: Warner Bros."
            r".{2,300}\s\|\s(?:Photo|Photograph|Image|Illustration|Screenshot|Graphic)s?"
            r"(?:\scredit)?(?::|\sby)\s[^|\n]{2,80}|"
            r"\((?:Photo\s)?(?:[Cc]ourtesy|[Cc]redit)\b[^()\n]{0,120}\))"
        ),
    ),
    (
        "credit",
        re.compile(
            r"\(?[A-Z][\w.'’ -]{1,50}\s?/\s?(?:[A-Z][\w.&'’ -]{1,40})(?:\svia\s[A-Z][\w ]{1,30})?"
            r"(?:,\s?(?:FILE|File))?\)?|"
            r"(?:" + AGENCY + r"|CNN|BBC|Reuters TV|Handout|Supplied|Courtesy)|"
            r".{0,60}\b(?:via|courtesy of|Courtesy of)\s(?:Getty Images|Shutterstock|Reuters|AP|AFP|EPA|Instagram|Twitter|Facebook|YouTube)"
        ),
    ),
    (
        "prompt",
        re.compile(
            r"(?i)(?:(?:sign up|subscribe|get our|get the|join|download|follow|like us|click|tap|"
            r"check us out|"
            r"read (?:our|the|her|his) other|watch|listen)\b[^\n]{0,200}?\b(?:newsletter|e-?mail|"
            r"inbox|twitter|facebook|instagram|app|podcast|here|subscribe|alerts|updates|"
            r"youtube)\b.*|.*\b(?:we use cookies|cookie (?:policy|settings)|accept (?:all )?cookies|"
            r"this (?:site|website) uses cookies|privacy policy|terms of (?:use|service))\b.*|"
            r"(?:for more [^\n:]{1,40}coverage|more [^\n:]{1,30} news):?\s.*|"
            r"(?:see|read) (?:all|more) (?:of )?our [^\n]{1,60}coverage\W{0,3})"
        ),
    ),
    (
        "boilerplate",
        re.compile(
            r"(?i)(?:this is a breaking (?:news )?story|this (?:story|article|is a developing "
            r"story)\b.{0,40}\b(?:developing|being updated|will be updated)|check back (?:later )?"
            r"for (?:more |further )?updates|refresh (?:this page|for updates))\b.{0,80}|"
            r"(?i:more (?:to )?follows?)\W{0,4}"
        ),
    ),
    (
        "caption",
        re.compile(
            # a video's placeholder and caption; a picture's credits before its caption
            # ("SWNS • PA Martin Bamford survived the crash")
            r"Media playback is unsupported on your device\s+Media caption\b.*|"
            r"[A-Z][\w/]*(?:\s?•\s?[A-Z][\w/]*)+\s.*"
        ),
    ),
    (
        "related_links",
        re.compile(
            r"\[[^\[\]\n]{5,200}\]|(?i:read more|read also|see also|also read|related|more|"
            r"watch|listen):\s\S.{0,200}"
        ),
    ),
]

_RELATED_MARKER = re.compile(
    r"(?i)(?:related(?:\s(?:coverage|stories|story|articles|article|content|news|links|reading|"
    r"topics))?|read more|read next|see also|also read|more on this(?:\s(?:story|topic))?|"
    r"more from [\w ]{1,30}|recommended(?:\sfor you|\sreading)?|you (?:may|might) also like|"
    r"most (?:read|popular|viewed)|further reading|more stories|top stories|trending|"
    r"latest news|more news|what to read next)\s*:?"
)
_BIO = re.compile(
    r"[A-Z][\w .'’-]{2,40}\sis\s(?:a|an|the|[A-Z][\w.]*(?:'s|’s))\s[^\n]{0,160}\b(?:correspondent|"
    r"columnist|editor|reporter|writer|contributor|producer|commentator|journalist)\b[^\n]*"
)
_PICTURED = re.compile(
    r"(?:^|[.!?]\s)(?:Pictured|Above|Below|Left|Right|Inset)\b[:,]|\b[Pp]ictured\b"
)
_PICTURED_LEAD = re.compile(r"^Pictured\b|(?:^|[.!?]\s)(?:Pictured|Above|Below|Inset)\b[:,]")
TERMINAL = re.compile(r"[.!?…][\"'”’)\]]*$")
# Who stands where in a picture: "Amy Schumer (left) and Eddie Vedder ..."
_PICTURE_POSITION = re.compile(
    r"\((?:(?:second |third |far |2nd |3rd )?(?:left|right|centre|center)|[LRC](?:-[LRC])?|"
    r"pictured|inset|top|bottom|above|below)\)"
)
# "Cubs fans are seen celebrating ...", "Silverman and Sheen were snapped at an event":
# a line with no end mark that describes a picture (present-tense "is seen"; a witness's
# "was seen fleeing" is prose and stays)
_PICTURE_SEEN = re.compile(
    r"\b(?:is|are) (?:seen|pictured|shown|photographed)\b"
    r"|\b(?:was|were) (?:snapped|pictured|photographed)\b"
)
_URL = re.compile(r"https?://\S+|www\.\S+")


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Non-blank lines as trimmed ``(start, end)`` spans."""
    pos = 0
    n = len(text)
    while pos <= n:
        nl = text.find("\n", pos)
        end = n if nl < 0 else nl
        s, e = pos, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield s, e
        if nl < 0:
            break
        pos = nl + 1


def _words(s: str) -> int:
    return len(s.split())


# (kind, pattern, literals one of which the line must contain: a cheap pre-check,
# since most lines are prose and match none of these)
_LONG_LINE: list[tuple[str, re.Pattern[str], tuple[str, ...]]] = [
    # photo galleries flattened into one line: "Photos: <title> <caption> Hide Caption 3 of 12"
    (
        "caption",
        re.compile(r"(?:Photos?:|Hide Caption|Play slideshow).*\b\d+\sof\s\d+\b.*"),
        ("Photo", "Hide Caption", "Play slideshow"),
    ),
    (
        "caption",
        re.compile(r".{0,200}\bPlay slideshow\b.*\b\d+\sof\s\d+\b.*"),
        ("Play slideshow",),
    ),
    (
        "caption",
        re.compile(r"(?:FILE|File)\s?[-–—]\s?(?:In )?[Tt]his\b.{0,1200}"),
        ("FILE", "File"),
    ),
    (
        "prompt",
        re.compile(r"(?i)(?:e-?mail|twitter|contact|follow (?:him|her|them|me|us)):\s.{0,250}"),
        (":",),
    ),
    ("caption", re.compile(r".*\b\d+ show all\b.*\b\d+/\d+\b.*"), ("show all",)),
    # a photo gallery's player: "1 of 26 Full Screen Autoplay Close Skip Ad × TITLE View
    # Photos CAPTION ... Buy Photo Wait 1 second to continue."
    ("caption", re.compile(r"\d+ of \d+ Full Screen Autoplay Close\b.*"), ("Autoplay",)),
    (
        "prompt",
        re.compile(r"(?:Newsletter Sign Up|Order Reprints|Sign Up for)\b.*", re.I),
        ("Sign", "sign", "SIGN", "Order Reprints"),
    ),
    # video players flattened into text
    (
        "boilerplate",
        re.compile(r"(?:MUST WATCH|JUST WATCHED|Now Playing:?|Replay More Videos)\b.{0,300}"),
        ("WATCH", "Now Playing", "Replay"),
    ),
    (
        "prompt",
        re.compile(r"(?:We pay for your stories|Craving even more\?).*"),
        ("We pay", "Craving"),
    ),
    (
        "updated_stamp",
        re.compile(r".{0,200}\b(?:Updated|Published):\s?\d{4}-\d{2}-\d{2}\s\d{1,2}:\d{2}.{0,80}"),
        ("Updated:", "Published:"),
    ),
]
# The Sun / Independent style: the credit opens or closes a caption line without a full stop
_CREDIT_LEAD = re.compile(
    r"(?:Getty Images(?: - Getty)?|Getty - Contributor|Handout - Getty|[A-Z][\w]+ - Getty|"
    r"(?:Twitter|Instagram|Facebook) / @?\w+|Alamy|Alamy Live News|Rex Features|REX/Shutterstock|"
    r"Shutterstock|©\s?[A-Z][^\n]{0,40}?|"
    # a wire or picture agency before a caption ("Reuters The truck was riddled with ...")
    r"Reuters|AFP|EPA|EFE|Splash News|SWNS|Barcroft Media|AP:Associated Press|Fame Flynet|"
    r"USA Today Sports|Usa Today Sports|"
    # News UK's credit form: "AFP or licensors Kim Jong-Un fired a missile ..."
    r"[A-Z][\w.]+(?: [A-Z][\w.]+)? or licensors|"
    # a platform credited for a screenshot ("Twitter Comedienne Sarah announced ...")
    r"Twitter|Instagram|Facebook)\s[A-Z\d\"'‘“].*"
)
# "Andrew Kelly / Reuters The Security Council said ...": a photographer's credit opens
# the caption, whatever punctuation ends it
_NAMED_CREDIT_LEAD = re.compile(
    r"[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}\s?/\s?" + AGENCY + r"\s+[A-Z\"'‘“]"
)
_CREDIT_TAIL = re.compile(
    r"\s(?:[\w.'’ -]{0,40}/)?(?:Getty Images|Getty|AFP|Reuters|EPA|Shutterstock|Alamy|iStock|"
    r"Rex Features)(?:/[\w]+)*$"
    # "Jo Marsh / Agence France-Presse": a spelled-out agency after a photographer's name
    r"|\s[\w.'’ -]{0,40}/\s?(?:Agence France[- ]?[Pp]resse|Associated Press|"
    r"European Pressphoto Agency)$"
    # "REUTERS/Ammar Awad", "REUTERS/Jo Marsh/File Photo": the agency, then its photographer
    r"|\s(?:" + AGENCY.upper() + r"|Reuters)/[A-Z][\w.'’-]+(?:\s[A-Z][\w.'’-]+){0,3}"
    r"(?:/(?:File|File Photo|Pool))?$"
    # "LAUREN HURLEY/PA", "JOHN SMITH/AFP VIA GETTY IMAGES": a photographer in capitals
    r"|\s[A-Z][A-Z'’-]+(?:\s[A-Z][A-Z.'’-]+){1,3}\s?/\s?" + AGENCY.upper() + r"(?:\s[A-Z ]+)?$"
)
# "— Reporting by Ashford Herald staff", "Additional reporting by Jo Marsh in Orrin"
_REPORTING_LINE = re.compile(
    r"[—–-]?\s?(?:(?:Additional|With additional|With)\s)?(?:[Rr]eporting|Writing|"
    r"Written|Editing|Edited|Compiled)\sby\s[^\n]{1,150}"
)
# A tabloid's picture caption led by its agency in capitals: "GETTY The unmanned space
# laboratory will crash into Earth ...", "VLERICK BUSINESS SCHOOL•GETTY Bitcoin price: ...".
_LEADING_CREDIT = re.compile(
    r"(?:[A-Z][A-Z .&'’-]{1,40}•)?(?:GETTY|ALAMY|REX|SHUTTERSTOCK|EPA|AFP|REUTERS|PA)"
    r"(?: IMAGES)?\s+(?=[A-Z0-9‘'\"“])"
)
# ... or closed by its photographer and outlet in brackets ("Paul Simon, photographed in
# 2016, will embark on his farewell tour ... (Rick Loomis / Los Angeles Times)"; a
# video's blurb: "... Here's why. (Daron Taylor/The Washington Post)").
# An agency's caption ends "(Costa Rica's Public Safety Ministry via AP) ( /Associated
# Press)".
_TRAILING_CREDIT = re.compile(
    r"\((?:[A-Z][\w.'’-]+\s){1,3}[A-Z][\w.'’-]+\s?/\s?[A-Z][\w&.'’ -]{1,40}\)$"
    r"|\([^()\n]{1,80}\svia\s(?:AP|Reuters|AFP|Getty Images|EPA)\)"
    r"(?:\s?\(\s?/?\s?[A-Z][\w ]{1,30}\))?$"
)
# An agency caption's own opening: "This photo released by Costa Rica's Public Safety
# Ministry shows smoke rising ...", "A picture taken on January 1 shows a 'supermoon' ...".
_PHOTO_SHOWS = re.compile(
    r"(?:In )?(?:This|These|A|An)\s(?:[\w'’-]+\s){0,2}(?:photo|image|picture)s?\s"
    r"(?:released|provided|taken|made available|obtained|distributed|supplied)\b[^\n]{0,150}?"
    r"\bshows?\b"
)
# A link list run into one line after its marker: "Related stories It happened to me ...
# PIVOTAL MOMENT ...", "Related What Do the Grammys Have Against Women? Why ...", "more on
# space and astronomy OUT OF THIS WORLD ...". Only with no full stop closing the line, or
# with capitalised kickers in it: "Related charges were dropped." is prose.
_RELATED_RUN = re.compile(
    r"(?:Related(?:\s(?:[Ss]tories|[Aa]rticles|[Cc]overage|[Nn]ews))?|[Mm]ore on [\w ]{1,40}?)"
    r"\s+(?=[A-Z‘'\"“])"
)
# A contributor's line: "Shirley Feng contributed from Beijing.", "Mara Quist and Jo Marsh
# contributed reporting.", "Tom Hale contributed to this report."
_NAME = r"[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){1,3}"
_CONTRIBUTED = re.compile(
    rf"{_NAME}(?:(?:, {_NAME})*,? and {_NAME})? contributed(?: reporting| research)?"
    r"(?: (?:from|in) [A-Z][\w.,' -]{1,40}| to this (?:report|article|story))?\.?"
)
# Deutsche Welle's closing line of its editors' initials and the agencies used:
# "jm/dm (AFP, dpa)", "kw/msh (Reuters, AP)".
# Its author line too: "Author: Carsten Grün / uhe".
_EDITOR_INITIALS = re.compile(
    r"[a-z]{1,4}(?:/[a-z]{1,4})+(?:\s*\([A-Za-z ,.]{2,60}\))?"
    r"|Author:\s[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+){0,3}(?:\s?/\s?[a-z]{1,4})?"
)
_PICTURED_WORDS = ("ictured", "Above", "Below", "Left", "Right", "Inset")
# a newsletter form's labels and errors
_FORM_LABELS = re.compile(
    r"(?i)\b(?:enter your e-?mail(?: address)?|e-?mail address is invalid|please enter an "
    r"e-?mail|register with your social account)\b"
)
# a call for readers' tips ("If you witnessed the accident, ... fill in the form below";
# "Do you have a story for ...? Email us at ...")
_TIPS_CALL = re.compile(
    r"(?i)(?:if you (?:witnessed|saw|were (?:there|affected|at)|have (?:any )?(?:information|"
    r"a story|photos|pictures|videos?|footage))|do you have (?:a story|information|photos|"
    r"pictures|videos?)|have you been affected)\b.{0,200}\b(?:fill in the form|"
    r"get in touch|contact us|e-?mail us|call us|share (?:it|them|your [\w ]{1,20}) "
    r"with us)\b.*"
)
_PROMPT_WORDS = (
    "newsletter",
    "subscrib",
    "sign",
    "click here",
    "like us",
    "follow us",
    "buy photo",
)


def _promptish(s: str) -> bool:
    low = s.lower()
    return any(w in low for w in _PROMPT_WORDS) and _PROMPTISH.search(s) is not None


_PROMPTISH = re.compile(
    r"(?i)(?<!re-)\b(?:newsletters?|subscrib(?:e|ed|ing)|sign(?:ing)? up|click here|"
    r"(?:like|follow) us|buy photo)\b"
)
_PROMPT_LEAD = re.compile(
    r"(?i)(?:sign up|subscribe|get|go|view|you|click|join|like us|follow us|download|"
    r"thank you for|could not|signing up|like this (?:story|article)|the [\w ]{1,30} newsletter|email:|twitter:|contact the writers?)\b"
)
_URL_LINE = re.compile(r"(?:https?://|www\.)\S+")


# "... changes to U.S. tax law Source: Regulatory filings, estimates from bank executives"
_CHART_SOURCE = re.compile(r"\bSources?:\s+[^:]{2,100}$")
# A fact box run into one line: "THE FALCON HEAVY Height: 70 meters (229.6 feet) Stages:
# 2 Boosters: 2 ...": labels each followed by a colon and a figure.
_FACT_FIELD = re.compile(r"\b[A-Z][\w -]{0,30}:\s*[\d$£€]")


# An editor's note on the article's own history: "• This article was amended on 10
# November 2016 to remove ...", "CORRECTION: An earlier version of this story ...".
_CORRECTION_NOTE = re.compile(
    r"[•*\s]*(?:(?:this|the) (?:article|story|post|report|piece) (?:was|has been|had been) "
    r"(?:amended|updated|corrected|changed|edited)\b|(?:correction|clarification)s?:|"
    r"an earlier version of this (?:article|story|post|report|piece)\b)",
    re.IGNORECASE,
)


def _line_kind(line: str) -> str | None:
    """The debris kind of a whole line, or ``None`` when it may be prose."""
    words = _words(line)
    if words <= 3 and re.fullmatch(r"(?:Editor|Publisher)['’]s [Nn]ote:?", line.strip()):
        return "boilerplate"  # the heading of a note under the article
    if words <= 80 and _CORRECTION_NOTE.match(line):
        return "updated_stamp"
    if len(_FACT_FIELD.findall(line)) >= 4 and not TERMINAL.search(line):
        return "boilerplate"
    if words <= 60 and not TERMINAL.search(line) and _CHART_SOURCE.search(line):
        return "caption"  # a chart's title and note, closed by its source
    for kind, pat, needed in _LONG_LINE:
        if any(n in line for n in needed) and pat.fullmatch(line):
            return kind
    if (
        not TERMINAL.search(line)
        and (words <= 60 or line.count("Getty") >= 2)
        and (_CREDIT_LEAD.fullmatch(line) or _CREDIT_TAIL.search(line[-80:]))
    ):
        return "caption"
    if words <= 60 and (line.startswith("©") or _NAMED_CREDIT_LEAD.match(line)):
        return "caption"
    if words <= 60 and not TERMINAL.search(line) and _PICTURE_POSITION.search(line):
        return "caption"  # "Comedian Amy Schumer (left) and Eddie Vedder supported the Cubs"
    if words <= 60 and not TERMINAL.search(line) and _PICTURE_SEEN.search(line):
        return "caption"
    if (
        words <= 20
        and _REPORTING_LINE.fullmatch(line)
        and (
            line[0] in "—–-"
            or line.startswith(("Additional", "With"))
            or ";" in line
            or not TERMINAL.search(line)
        )
    ):
        return "byline"
    if _URL_LINE.fullmatch(line):
        return "boilerplate"
    if _EDITOR_INITIALS.fullmatch(line) or (words <= 25 and _CONTRIBUTED.fullmatch(line)):
        return "byline"
    if words <= 40 and _LEADING_CREDIT.match(line):
        return "caption"
    if words <= 90 and _TRAILING_CREDIT.search(line):
        return "caption"
    if words <= 60 and _PHOTO_SHOWS.match(line):
        return "caption"
    m = _RELATED_RUN.match(line)
    if m and (not TERMINAL.search(line) or len(_KICKER.findall(line)) >= 2):
        return "related_links"
    if (
        words <= 40
        and _promptish(line)
        and (_PROMPT_LEAD.match(line) or ("newsletter" in line.lower() and "you" in line.lower()))
    ):
        return "prompt"
    if words <= 40 and re.fullmatch(r".{5,200}\sRead more", line):
        return "related_links"
    if words <= 80 and re.match(r"CLOSE\s+[A-Z\"“]", line):
        return "caption"  # a video player's blurb: "CLOSE Sheila E. says ..."
    if words <= 60 and ("mail" in line or "social" in line) and _FORM_LABELS.search(line):
        return "prompt"
    if words <= 60 and line[:1] in "IiDdHh" and _TIPS_CALL.fullmatch(line):
        return "prompt"
    if words > 60:
        return None
    for kind, pat in _WHOLE_LINE:
        if kind in {"byline", "credit", "updated_stamp", "related_links"} and words > 25:
            continue
        if pat.fullmatch(line):
            if kind == "byline" and TERMINAL.search(line) and not line.endswith(("Jr.", "Sr.")):
                continue
            if kind == "credit" and TERMINAL.search(line):
                continue
            return kind
    if words <= 50 and _BIO.fullmatch(line) and ("@" in line or words <= 40):
        return "byline"
    if _COPYRIGHT.match(line):
        return "boilerplate"
    if (
        words <= 60
        and any(w in line for w in _PICTURED_WORDS)
        and _PICTURED.search(line)
        and (not TERMINAL.search(line) or _PICTURED_LEAD.search(line))
    ):
        return "caption"
    if (
        words <= 120
        and not line[:1].islower()
        and _PAREN_CREDIT.search(line)
        and len(split_sentences(line)) <= 5
    ):
        return "caption"
    return None


def _caption_start(text: str, lstart: int, cstart: int) -> int:
    """Where the caption that a credit at ``cstart`` belongs to begins.

    Within a long scraped line, go back at most three sentences to the one carrying a
    caption date ("on Wednesday, Jan. 11, 2023."), else take the one sentence before.
    """
    sents = split_sentences(text, [(lstart, cstart)])
    if not sents:
        return cstart
    if len(sents) <= 1:
        return sents[0][0]
    back = sents[-3:]
    for s, e in back:
        if _FULL_DATE.search(text, s, e):
            return s
    return sents[-1][0]


def _tweet_start(text: str, lstart: int, tstart: int) -> int:
    """Where an embedded post whose signature starts at ``tstart`` begins.

    The post's own sentences come before its signature; in scraped pages they are set
    apart by runs of spaces or carry handles, hashtags, links and emoji.
    """
    sents = split_sentences(text, [(lstart, tstart)])
    if not sents:
        return tstart
    glued = any(e == s2 for (_, e), (s2, _) in itertools.pairwise(sents))
    if _words(text[lstart:tstart]) <= 70 and not glued:
        # a short paragraph of its own: the whole embed (scraped pages glue embeds
        # to the prose around them, which the walk below handles)
        return lstart
    start = sents[-1][0]
    for i in range(len(sents) - 2, -1, -1):
        s, e = sents[i]
        gap_after = text[e:start]
        gap_before = text[sents[i - 1][1] : s] if i > 0 else ""
        if (
            _SOCIALISH.search(text, s, e)
            or gap_after.count(" ") >= 2
            or (gap_before.count(" ") >= 2 and "\n" not in gap_before)
        ):
            start = s
        else:
            break
    return start


def _related_block(text: str, lines: list[tuple[int, int]], i: int) -> int:
    """Index of the last line of the link list whose marker is line ``i``."""
    rest = lines[i + 1 :]
    if not rest:
        return i
    if len(rest) <= 8 and all(_words(text[s:e]) <= 20 for s, e in rest):
        return len(lines) - 1
    last = i
    for j in range(i + 1, len(lines)):
        s, e = lines[j]
        seg = text[s:e]
        if _words(seg) <= 20 and not TERMINAL.search(seg):
            last = j
        else:
            break
    return last


# A photo gallery or a numbered thread: "4/34 27 November 2017 David Jones and ... Rex",
# one slide per line under a "UK news in pictures" heading. A slide counter is debris
# when the same total numbers another line too, or a date follows it ("9/11 changed
# everything" is prose).
_SLIDE = re.compile(r"(\d{1,3})/(\d{1,3})\s+\S")
_GALLERY_HEADING = re.compile(r"(?:\d+\s+show all\s+)?[\w'’ ]{0,60}\bin [Pp]ictures")
# A gallery's title, then its button: "Afghanistan: Between Hope and Fear" / "16 show all
# Afghanistan: Between Hope and Fear" / "1/16 2001 Afghans at the ..."
_SHOW_ALL = re.compile(r"(?:\d{1,3}|\+)\s+show all\s+(?P<title>[^\n.!?]{1,120})")


def _slide_total(line: str) -> int | None:
    m = _SLIDE.match(line)
    if not m:
        return None
    n, total = int(m.group(1)), int(m.group(2))
    return total if 1 <= n <= total else None


_SLIDE_OF = re.compile(r"\b\d{1,3} of (\d{1,3})\b")
_PLAYER_BUTTON = re.compile(r"\b(?:Embed|Share|Next Video|Skip)\b")


def _carousel(line: str) -> bool:
    """A video or photo carousel scraped into one line: "... Title | 2:30 Description
    (Dec. 15) AP 1 of 41 Skip in Skip x Embed x Share CLOSE ... 2 of 41 ...": three or
    more "N of M" counters with one total, and the player's buttons."""
    if " of " not in line or not _PLAYER_BUTTON.search(line):
        return False
    totals = Counter(m.group(1) for m in _SLIDE_OF.finditer(line))
    return bool(totals) and max(totals.values()) >= 3


def _teaser_line(line: str) -> bool:
    """A link list run into one line after its heading: "Related stories It happened to
    me ... PIVOTAL MOMENT Tomorrow's clash ...", "MOST READ IN NEWS 'I'M ...'"."""
    m = _RELATED_MARKER.match(line)
    return bool(
        m
        and " " in m.group(0).strip()
        and re.match(r"\s*[A-Z‘'\"“]", line[m.end() :])
        and not TERMINAL.search(line)
        and _words(line) <= 150
    )


def find_debris(text: str) -> list[Debris]:
    """Return the spans of ``text`` that are not article prose, sorted and non-overlapping.

    Each span is a :class:`Debris` with a ``kind`` from :data:`DEBRIS_KINDS`; offsets
    point into ``text`` unchanged. Whitespace around spans is left out.
    """
    found: list[Debris] = []
    lines = list(_lines(text))
    slides = [_slide_total(text[s:e]) for s, e in lines]
    totals = Counter(slides)
    # CNN's "Story highlights" box: its label and the bullets under it, which restate the
    # story before its dateline ("Story highlights Four hours into flight, ...").
    highlights: set[int] = set()
    for i, (ls, _le) in enumerate(lines):
        if text.startswith("Story highlights", ls):
            highlights.add(i)
            for k in range(i + 1, min(i + 6, len(lines))):
                bullet = text[lines[k][0] : lines[k][1]]
                if TERMINAL.search(bullet) or _words(bullet) > 30 or "(CNN)" in bullet:
                    break
                highlights.add(k)
    gallery: set[int] = set()  # lines of a gallery's button and its title above it
    for i, (ls, le) in enumerate(lines):
        m = _SHOW_ALL.fullmatch(text, ls, le) if "show all" in text[ls:le] else None
        if m and _words(m.group("title")) <= 15:
            gallery.add(i)
            if i and text[lines[i - 1][0] : lines[i - 1][1]].strip() == m.group("title").strip():
                gallery.add(i - 1)
    gallery |= _headed_items(text, lines)
    gallery |= _under_copyright(text, lines)
    truncated = _truncated_repeats(text, lines)
    skip_until = -1
    for i, (ls, le) in enumerate(lines):
        if i <= skip_until:
            continue
        line = text[ls:le]
        total = slides[i]
        if total is not None and (
            totals[total] >= 2 or _FULL_DATE.match(line, line.index(" ") + 1)
        ):
            found.append(Debris(ls, le, "social_embed" if "#" in line else "caption"))
            continue
        if (
            i in gallery
            or i in highlights
            or i in truncated
            or (_words(line) <= 10 and _GALLERY_HEADING.fullmatch(line))
        ):
            found.append(Debris(ls, le, "boilerplate"))
            continue
        if _RELATED_MARKER.fullmatch(line):
            last = _related_block(text, lines, i)
            found.append(Debris(ls, lines[last][1], "related_links"))
            skip_until = last
            continue
        if _teaser_line(line):
            found.append(Debris(ls, le, "related_links"))
            continue
        if _carousel(line):
            found.append(Debris(ls, le, "boilerplate"))
            continue
        kind = _line_kind(line)
        if kind is not None:
            found.append(Debris(ls, le, kind))
            continue
        found.extend(_inline_debris(text, ls, le))
    return _merged(found, text)


# A page's footer goes on under its copyright line: "Copyright © 2016 NPR. All rights
# reserved." then "NPR transcripts are created on a rush deadline by ...". Lines after a
# copyright line among the last few, each of footer length and speaking of the text
# itself, are the footer.
FOOTER_LINES = 3
FOOTER_WORDS = 80
_FOOTER_CUE = re.compile(
    r"\b(?:transcripts?|this (?:text|material|article|story|content)|may not be|reproduced"
    r"|redistributed|rewritten|terms of (?:use|service)|permission|authoritative record)\b",
    re.IGNORECASE,
)


def _under_copyright(text: str, lines: Sequence[tuple[int, int]]) -> set[int]:
    first = max(0, len(lines) - FOOTER_LINES - 1)
    for i in range(first, len(lines) - 1):
        if _COPYRIGHT.match(text, lines[i][0], lines[i][1]):
            after = range(i + 1, len(lines))
            if all(
                _words(text[lines[k][0] : lines[k][1]]) <= FOOTER_WORDS
                and _FOOTER_CUE.search(text, lines[k][0], lines[k][1])
                for k in after
            ):
                return set(after)
    return set()


# A line cut off mid-sentence that another line of the article gives in full ("Emergency
# service personnel attend the scene in Croydon," under the full caption; a summary
# bullet "... may have been affected by the massive" above the paragraph it shortens)
# says nothing the article does not say: a truncated repeat. Short lines are left alone,
# a heading may open the paragraph under it.
TRUNCATED_MIN_WORDS = 6


def _truncated_repeats(text: str, lines: Sequence[tuple[int, int]]) -> set[int]:
    norm = [" ".join(text[s:e].split()) for s, e in lines]
    # In sorted order a line that begins a longer one comes just before the first line
    # that extends it, so one pass over the sorted distinct lines finds them all
    # (n log n: a huge file of short lines must not take n squared comparisons).
    distinct = sorted(set(norm))
    cut = {a for a, b in itertools.pairwise(distinct) if b.startswith(a)}
    return {
        i
        for i, line in enumerate(norm)
        if line in cut and not TERMINAL.search(line) and _words(line) >= TRUNCATED_MIN_WORDS
    }


# A picture gallery scraped into the text: each of its items is one paragraph opened by
# the gallery's title and then the item's own heading, glued ("Port of Duisburg turns 300
# Trading place of global significance What started out as ...", "Port of Duisburg turns
# 300 Expansion drive Over the centuries ..."). Three or more paragraphs that open with
# the same words (four or more, no punctuation closing them), each going on with a
# capitalised word and differently from the others, are such items. A paragraph printed
# twice is not (it goes on the same way), nor prose that repeats an opening such as
# "According to the report, ..." (a comma closes it; lower case goes on).
GALLERY_MIN_ITEMS = 3
GALLERY_MIN_WORDS = 4


def _headed_items(text: str, lines: Sequence[tuple[int, int]]) -> set[int]:
    by_opening: dict[tuple[str, ...], list[int]] = {}
    words = [text[ls:le].split() for ls, le in lines]
    for i, w in enumerate(words):
        if len(w) > 2 * GALLERY_MIN_WORDS:
            by_opening.setdefault(tuple(w[:GALLERY_MIN_WORDS]), []).append(i)
    out: set[int] = set()
    for items in by_opening.values():
        if len(items) < GALLERY_MIN_ITEMS:
            continue
        n = GALLERY_MIN_WORDS
        while all(len(words[i]) > n + 1 for i in items) and len({words[i][n] for i in items}) == 1:
            n += 1
        if re.search(r"[.!?,;:]$", words[items[0]][n - 1]):
            continue
        rests = [words[i][n:] for i in items]
        if not all(r[0][:1].isupper() or r[0][:1].isdigit() for r in rests):
            continue
        if len({tuple(r[:3]) for r in rests}) < len(rests):
            continue
        out.update(items)
    return out


# An "Updated" stamp whose date and time the scraper dropped, opening a line of text:
# "Updated | Silicon Valley's Female Problem was well-known ..." (Newsweek).
_BARE_STAMP = re.compile(r"(?:Updated|UPDATED|Last updated|Published)\s*[|:–—]\s*(?=[A-Z\"“‘'])")


def _inline_debris(text: str, ls: int, le: int) -> list[Debris]:
    out: list[Debris] = []
    stamp = _BARE_STAMP.match(text, ls, le)
    if stamp:
        out.append(Debris(stamp.start(), stamp.end(), "updated_stamp"))
    for m in _TWEET_TAIL.finditer(text, ls, le):
        start = _tweet_start(text, ls, m.start())
        out.append(Debris(start, m.end(), "social_embed"))
    for m in _TWEET_MARK.finditer(text, ls, le):
        if any(d.start <= m.start() < d.end for d in out):
            continue
        start = _tweet_start(text, ls, m.start())
        out.append(Debris(start, m.end(), "social_embed"))
    for m in itertools.chain(
        _PHOTOGRAPHER.finditer(text, ls, le), _LABEL_CREDIT.finditer(text, ls, le)
    ):
        cap = _caption_start(text, ls, m.start())
        if cap < m.start():
            out.append(Debris(cap, m.start(), "caption"))
        out.append(Debris(m.start(), _credit_end(text, m.end(), le), "credit"))
    for m in _INLINE_PHOTO_CREDIT.finditer(text, ls, le):
        cap = _caption_start(text, ls, m.start())
        if cap < m.start():
            out.append(Debris(cap, m.start(), "caption"))
        out.append(Debris(m.start(), m.end(), "credit"))
    for m in _INLINE_BYLINE.finditer(text, ls, le):
        out.append(Debris(m.start(), m.end(), "byline"))
    for m in _COPYRIGHT.finditer(text, ls, le):
        out.append(Debris(m.start(), le, "boilerplate"))
    out.extend(_sentence_prompts(text, ls, le))
    out.extend(_link_prompts(text, ls, le))
    out.extend(_contact_prompts(text, ls, le))
    out.extend(_graphic_labels(text, ls, le))
    out.extend(_dated_captions(text, ls, le))
    out.extend(_teaser_lists(text, ls, le))
    return out


# A tabloid's "most read" teasers run together without full stops, each opened by a
# capitalised kicker: "... ENGAGED with royal wedding set JOYRIDE CARNAGE Faces of five
# killed ... SANTA SHOCKER Mum claims ...".
_KICKER = re.compile(r"(?<![\w'’])[A-Z][A-Z'’-]{4,}(?:\s+[A-Z][A-Z'’-]+)*(?![\w'’])")
# a kicker run straight into a headline: not a dateline ("TOKYO/SEOUL (Reuters) -"), a
# transcript's speaker ("SCOTT HORSLEY, BYLINE:") or a subheading ("ANOTHER CURSE BROKEN:")
_KICKER_LEAD = re.compile(_KICKER.pattern + r"\s+(?=[A-Z][a-z])")


def _teaser_lists(text: str, ls: int, le: int) -> list[Debris]:
    """Sentences holding three or more capitalised kickers (words of five letters or
    more: not acronyms such as NATO or FBI) are teaser lists; so are sentences that open
    with a kicker and hold another ("ROAR-SOME Get the lowdown on ... IPHONE KILLER
    Samsung Galaxy S9: Can ...?")."""
    if len(_KICKER.findall(text, ls, le)) < 2:
        return []
    out = []
    for s, e in split_sentences(text, [(ls, le)]):
        kickers = len(_KICKER.findall(text, s, e))
        if kickers >= 3 or (kickers >= 2 and _KICKER_LEAD.match(text, s)):
            out.append(Debris(s, e, "related_links"))
    return out


# The labels of a map or chart scraped into the prose ("200 FEET LAS VEGAS BOULEVARD
# CROWD STAGE"): a run of four or more capitalised words, three of them words.
_CAPS_TOKEN = r"(?:[A-Z][A-Z0-9.'’&/-]*[A-Z0-9.]|\d[\d,.]*|&)"
# with the brackets and the "?", ":" or "!" that close a heading or a transcript label
_CAPS_RUN = re.compile(
    rf"\(?(?<![\w.'’])(?:{_CAPS_TOKEN} ){{3,}}{_CAPS_TOKEN}(?![\w'’])(?:[?!:]|\))?(?:[?!:]|\))?"
    r"(?:(?<=[?!:]) [-–—](?= ))?"  # "WHO IS X? - X was born..."
)


# A wire picture's caption closes on its place and date with no preposition: "Media
# mogul Jimmy Lai arrives at the court in Hong Kong, China Feb. 9, 2021.", "... outside
# Watford City, North Dakota Jan. 21, 2016.", "... in the Kananaskis Valley, Saturday
# June 22, 2002." (prose says "on Feb. 9"; "on Thursday October 26, 2017" stays). Often
# an archive picture: its date must not reach the timeline.
_DATED_CAPTION_END = re.compile(
    r"[A-Z][\w.'’-]*,\s(?:[A-Z][\w.'’-]*,?\s){1,4}"
    r"(?:Jan\.|Feb\.|Aug\.|Sept\.|Sep\.|Oct\.|Nov\.|Dec\.|" + _MONTH[3:-1] + r")"
    r"\s\d{1,2},\s(?:19|20)\d\d\.(?=\s|$)"
)


def _dated_captions(text: str, ls: int, le: int) -> list[Debris]:
    out = []
    for m in _DATED_CAPTION_END.finditer(text, ls, le):
        start = ls
        for t in re.finditer(r"[.!?][\"'”’)]*\s+(?=[A-Z\"“‘'])", text[ls : m.start()]):
            start = ls + t.end()
        if _words(text[start : m.end()]) <= 60:
            out.append(Debris(start, m.end(), "caption"))
    return out


def _graphic_labels(text: str, ls: int, le: int) -> list[Debris]:
    """Runs of capitalised labels inside a prose line; not a dateline opening the line
    ("SALT LAKE CITY, Utah -"), not inside quotation marks (a shouted quote or post)."""
    out = []
    for m in _CAPS_RUN.finditer(text, ls, le):
        if sum(1 for w in m.group(0).split() if w[0].isalpha()) < 3:
            continue
        before = text[ls : m.start()]
        if (
            not before.strip()
            and not m.group(0).endswith(("?", "!", ":"))
            and re.match(r"\s*[,(—–-]", text[m.end() : le])
        ):
            continue  # a dateline ("SALT LAKE CITY, Utah -"), not a heading ("WHO IS X? -")
        if quoted_mask(text[ls : m.end()])[m.start() - ls]:
            continue
        out.append(Debris(m.start(), m.end(), "caption"))
    return out


def _credit_end(text: str, end: int, le: int) -> int:
    """Extend a credit over the rest of its agency's name.

    "Photographer: Jo Marsh/Kestrel" may go on with "Bay Gazette via Pixel Agency":
    take the rest of the line when it is a short fragment without a full stop, or a
    "via ..." clause.
    """
    rest = text[end:le]
    if _words(rest) <= 8 and not re.search(r"[.!?]", rest):
        return le
    m = _VIA.match(text, end, le)
    return m.end() if m else end


def _sentence_prompts(text: str, ls: int, le: int) -> list[Debris]:
    """Prompt sentences inside a prose line ("Click here to upload yours.")."""
    if not _promptish(text[ls:le]):
        return []
    out = []
    sentences = split_sentences(text, [(ls, le)])
    for s, e in sentences:
        sent = text[s:e]
        if _words(sent) <= 25 and _PROMPTISH.search(sent) and _PROMPT_LEAD.match(sent):
            out.append(Debris(s, e, "prompt"))
    if out and len(sentences) <= 5:
        # the outlet's pitch around it, addressed to the reader in its own voice: "LwC is
        # on Substack now! Each day we overwhelm your brains with the content you've come
        # to love ... Subscribe to For the Content!"
        rest = [text[s:e] for s, e in sentences if not any(d.start == s for d in out)]
        if rest and all(_OUTLET_VOICE.search(r) or _PITCH.search(r) for r in rest):
            return [Debris(sentences[0][0], sentences[-1][1], "prompt")]
    return out


# An outlet speaking of itself to its reader: "we ... your", "our ... you".
_OUTLET_VOICE = re.compile(
    r"(?=.*\b(?:[Ww]e|[Oo]ur|[Uu]s)\b)(?=.*\b(?:[Yy]ou|[Yy]our|[Yy]ou've|[Yy]ou're)\b)"
)
# "X is on Substack now!", "The best way to support us?"
_PITCH = re.compile(
    r"\b(?:is|are|we're) (?:now )?on (?:Substack|Patreon|Telegram|WhatsApp|YouTube|"
    r"Instagram|TikTok|Apple News|Google News)\b|\bbest way to (?:support|stick it)\b"
)


# A pointer to a link or a player the scrape left behind: "Read more about the letter
# obtained by the NYT here.", "(You can read more about them here.)", "Watch the new
# trailer below.", "To read this article in full, please click here", "For a fuller
# recap, check out the video above."
_LINK_PROMPT = re.compile(
    r"\(?(?:[A-Z][^.!?,]{0,50},\s)?(?:[Yy]ou can |[Yy]ou'll |[Pp]lease )?"
    r"(?:[Rr]ead|[Ww]atch|[Ss]ee|[Ll]isten to|[Ff]ind|[Cc]heck out|[Cc]lick|[Tt]ap)\b[^.!?]{0,80}?"
    r"\b(?:here|below|above)[.!]?\)?"
)
_LINK_WORDS = re.compile(r"\b(?:here|below|above)\b")


def _link_prompts(text: str, ls: int, le: int) -> list[Debris]:
    if not _LINK_WORDS.search(text, ls, le):
        return []
    return [
        Debris(s, e, "prompt")
        for s, e in split_sentences(text, [(ls, le)])
        if _words(text[s:e]) <= 20 and _LINK_PROMPT.fullmatch(text, s, e)
    ]


# How to reach the outlet or the writer, or follow them: "Blaine Friedlander can be
# reached at SkyWatchPost@gmail.com.", "Got a story? email ...@the-sun.co.uk or call us
# ...", "Contact the writers at zhangzhihao@chinadaily.com.cn", "Email: news@example.com",
# "Follow INSIDER on Facebook.", "Twitter: @AnalemmaSociety Map: goo.gl/ALVk6H."
_CONTACT_SENTENCE = re.compile(
    r"(?i)(?:.{0,40}\b(?:reach(?:ed)?|contact(?:ed)?|e-?mail|write to|call us)\b.{0,60}"
    r"\S@\S+\.[a-z]{2,}.{0,60}"
    r"|follow\s[\w@ ]{1,30}\son\s(?:twitter|facebook|instagram|linkedin|tiktok)\W{0,3}"
    r"|twitter:\s@\w+.{0,60}"
    r"|e-?mail\s[\w'’ ]{1,30}\sor\s(?:tweet\s)?@\w+\W{0,3})"
)


def _contact_prompts(text: str, ls: int, le: int) -> list[Debris]:
    if "@" not in text[ls:le] and "ollow" not in text[ls:le]:
        return []
    return [
        Debris(s, e, "prompt")
        for s, e in split_sentences(text, [(ls, le)])
        if _words(text[s:e]) <= 25 and _CONTACT_SENTENCE.fullmatch(text, s, e)
    ]


def _merged(spans: list[Debris], text: str) -> list[Debris]:
    """Sorted, non-overlapping spans; where two overlap the earlier one's kind wins."""
    out: list[Debris] = []
    for d in sorted(spans, key=lambda d: (d.start, -d.end)):
        start, end = d.start, d.end
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if end <= start:
            continue
        d = Debris(start, end, d.kind)
        if out and d.start < out[-1].end:
            if d.end > out[-1].end:
                last = out[-1]
                out[-1] = Debris(last.start, d.end, last.kind)
            continue
        out.append(d)
    return out


def kept_regions(text: str, debris: list[Debris]) -> list[tuple[int, int]]:
    """The complement of ``debris`` within ``text``: the regions that hold prose."""
    regions: list[tuple[int, int]] = []
    pos = 0
    for d in sorted(debris, key=lambda d: d.start):
        if d.start > pos:
            regions.append((pos, d.start))
        pos = max(pos, d.end)
    if pos < len(text):
        regions.append((pos, len(text)))
    return regions


def clean_article(article: Article) -> CleanArticle:
    """Split ``article`` into prose sentences, setting its debris aside.

    Sentence offsets point into ``article.text`` (``sentence.text ==
    article.text[start:end]``); no sentence overlaps a debris span.
    """
    debris = find_debris(article.text)
    header = _section_header(article)
    if header is not None:
        debris = _merged([*debris, header], article.text)
    spans = split_sentences(article.text, kept_regions(article.text, debris))
    spans, foreign = _other_language(article.text, spans)
    if foreign:
        debris = _merged([*debris, *foreign], article.text)
    spans, unrelated = _unrelated_body(article, spans)
    if unrelated:
        debris = _merged([*debris, *unrelated], article.text)
    sentences = tuple(
        Sentence(article.id, i, s, e, article.text[s:e]) for i, (s, e) in enumerate(spans)
    )
    return CleanArticle(article, sentences, tuple(debris))


def _section_header(article: Article) -> Debris | None:
    """A scraped page's section label and headline run into its standfirst on the first
    line ("Bitcoin Bitcoin price falls below $6,000 as banker signals crackdown BIS head
    says ..."): the label and the headline (which the report shows as the title) are set
    aside so that the standfirst reads as a sentence. Not a dateline ("NEW YORK — ...")."""
    title = (article.title or "").strip()
    text = article.text
    start = len(text) - len(text.lstrip())
    line_end = text.find("\n", start)
    line = text[start : line_end if line_end >= 0 else len(text)]
    at = line.find(title) if len(title.split()) >= 4 else -1
    if at <= 0:
        return None
    label = line[:at].strip()
    rest = line[at + len(title) :]
    if (
        len(label.split()) > 3
        or not label[:1].isupper()
        or re.search(r"[—–:|.,-]", label)
        or not re.match(r"\s+[A-Z‘'\"“]", rest)
    ):
        return None
    return Debris(start, start + at + len(title), "boilerplate")


# A page whose text is not its article: a site's promo, paywall, menu or chat prompt
# scraped in place of the report ("NYC subway work trains collide in tunnel" over
# "Celebrating 125 years of Progress! Look back at the history of Charlottesville each day
# in 2017. Click to read today's story."). On the dev set this sets aside 6 texts, all
# such pages (two chat prompts, a licence notice, a promo, a paywall, a site menu); no
# report shares no word with its headline. Words are compared by the first five letters
# of their singular ("collide"/"collided", "Korea"/"Korean", "chips"/"chip"); short words
# and these common ones do not count. A feed entry's own description is never judged.
UNRELATED_MIN_KEYS = 3
UNRELATED_MIN_SENTENCES = 2
_KEY_WORD = re.compile(r"[^\W\d_]{4,}")
_KEY_STOP = frozenset(
    re.findall(
        r"\w+",
        """that this with from have were been they their them what when where will would
        about after over into more than your says said here there news story today these
        those some also just only other could should""",
    )
)


def _keys(text: str) -> set[str]:
    out = set()
    for w in _KEY_WORD.findall(text):
        low = w.lower()
        if low in _KEY_STOP:
            continue
        if low.endswith("s") and len(low) > 4:
            low = low[:-1]  # "chips" / "chip"
        out.add(low[:5])
    return out


def _unrelated_body(
    article: Article, spans: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[Debris]]:
    """Sentences of a text that shares no word with its headline, set aside as
    boilerplate (the headline itself, where the text repeats it, stays)."""
    title = " ".join((article.title or "").split())
    heads = _keys(title)
    if len(heads) < UNRELATED_MIN_KEYS:
        return spans, []
    text = article.text
    body = [(s, e) for s, e in spans if " ".join(text[s:e].split()) not in title]
    # A feed entry's description is its outlet's own standfirst, written to go with the
    # headline in other words ("Harmeet Dhillon is trying to flip votes." under "RNC chair
    # challenger looks to Never Trumpers for a boost"): never judged.
    standfirst = " ".join(article.description.split())
    if standfirst and all(" ".join(text[s:e].split()) in standfirst for s, e in body):
        return spans, []
    words = set().union(*(_keys(text[s:e]) for s, e in body)) if body else set()
    if len(body) < UNRELATED_MIN_SENTENCES or len(words) < UNRELATED_MIN_KEYS or words & heads:
        return spans, []
    return [x for x in spans if x not in body], [Debris(s, e, "boilerplate") for s, e in body]


FOREIGN_STOPWORDS = 3


def _other_language(
    text: str, spans: list[tuple[int, int]]
) -> tuple[list[tuple[int, int]], list[Debris]]:
    """Sentences in another language than the article's own: a German helpline notice
    closing an English report. Only an article whose language can be guessed is judged,
    and a sentence only when it is clearly foreign (see below)."""
    whole = guess_language(text)
    if not whole:
        return spans, []
    kept: list[tuple[int, int]] = []
    foreign: list[Debris] = []
    for s, e in spans:
        counts = stopword_counts(text[s:e], first=whole)
        other = max((v for k, v in counts.items() if k != whole), default=0)
        # Clearly foreign: three different stop words of another language and at most
        # one of its own ("A truck plowed into a crowd" has Portuguese "a" too; "no one,
        # no dictator" has Spanish "no").
        script = script_language(text[s:e])
        if (other >= FOREIGN_STOPWORDS and counts[whole] <= 1) or (script and script != whole):
            foreign.append(Debris(s, e, "boilerplate"))
        else:
            kept.append((s, e))
    return kept, foreign
