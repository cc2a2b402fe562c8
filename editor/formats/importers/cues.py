"""What a line at a chapter's edge says about itself, before its neighbours are weighed.

Each detector looks at one unit's text and answers with evidence: which field it would fill
and how strongly it is front matter (positive) or story (negative). ``edges`` weighs the
evidence of every unit together to find where the story starts and ends; nothing here decides
that alone. The vocabulary comes from real chapter pages (``shared/reference/fic-headers.md``):
FFN, AO3, Wattpad, LiveJournal, eFiction and German, Spanish, French, Italian and Portuguese
sites.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from editor.formats.importers.split import unmarked


@dataclass(frozen=True, slots=True)
class Cue:
    field: str  # "notes", "disclaimer", "dedication", "warnings", "furniture", "story", ...
    weight: float  # > 0: front matter; < 0: story
    why: str  # for the preview, in an author's words


def _words(*phrases: str) -> str:
    """The phrases as one alternation, each tried only where its first letter stands: Python's
    engine tries every alternative at every position otherwise, and this one is long."""
    groups: dict[str, list[str]] = {}
    for phrase in phrases:
        first = phrase[:1].lower()
        literal = first.isalpha() and phrase[1:2] not in ("?", "*", "{")
        groups.setdefault(first if literal else "", []).append(phrase)
    parts = [f"(?={re.escape(c)})(?:{'|'.join(ps)})" for c, ps in groups.items() if c]
    return "|".join([*parts, *groups.get("", [])])


# An author talking about the work or to the readers. Each hit counts once.
_META = re.compile(
    r"\b(?:"
    + _words(
        r"fics?",
        r"fanfics?",
        r"fanfiction",
        r"one-?shots?",
        r"drabbles?",
        r"oneshots?",
        r"(?:this|next|last|previous|new|first|the next|that|an?other) "
        r"(?:chapter|update|story|fic|part)s?",
        r"updat(?:e|es|ed|ing)",
        r"reviews?",
        r"reviewers?",
        r"reviewing",
        r"r&r",
        r"readers?",
        r"beta(?:'d|ed|s)?",
        r"unbeta'?d",
        r"hiatus",
        r"kudos",
        r"favs",
        r"favou?rites",
        r"followers",
        r"fandom",
        r"prompt",
        r"otp",
        r"canon(?:ically)?",
        r"wattpad",
        r"ao3",
        r"ffn",
        r"fanfiction\.net",
        r"lol",
        r"omg",
        r"tbh",
        r"pls",
        r"plz",
        r"y'?all",
        r"you guys",
        r"thanks? (?:you )?(?:again |so much |all |everyone |guys )*for",
        r"for reading",
        r"concrit",
        r"con-?crit",
        r"constructive criticism",
        r"(?:comments?|reviews?|feedback|kudos|concrit)(?: and \w+)? (?:are|is) (?:always )?"
        r"(?:welcome|appreciated|loved|love)",
        r"happy (?:new year|holidays|christmas|easter|halloween|valentine'?s day|reading)",
        r"merry christmas",
        r"(?:only|originally) (?:ever )?(?:meant|supposed|planned) to be",
        r"shout-?out",
        r"written for",
        r"sorry (?:this|it|the chapter|the update)(?:'s| is| was) (?:so |a bit |really )?late",
        r"(?:the )?next one (?:is|will be)",
        r"this (?:one|chapter|update) took",
        r"(?:part|chapter) [\w-]+ (?:tomorrow|soon|next week|is coming|coming soon|on its way)",
        r"grab (?:some |the |your )?tissues",
        r"(?:sequel|prequel)s?",
        r"reviewed",
        r"favou?rited",
        r"vote if (?:you|u)",
        r"if (?:you|u) want (?:chapter|part|more|the next|another)",
        r"tell (?:me|us)",
        r"(?:your|any) theories",
        r"in the comments",
        r"comment (?:below|down below)",
        r"(?:what|who) do (?:you|u) (?:guys |all )?think",
        r"thanks (?:so much )?to",
        r"ficathon",
        r"look-?over",
        r"(?:short|shorter|shortish|long|longer|longest|quick|little|tiny|small|filler"
        r"|transition(?:al)?|bonus|final|latest|double) (?:chapter|update|part|installment"
        r"|instalment)s?",
        r"(?:chapter|update)s? (?:today|tonight|this week)",
        r"no regrets",
        r"(?:don'?t forget to |please |pls )?(?:vote|comment)s? (?:and|&|\+|or) "
        r"(?:vote|comment|share|follow)",
        r"if (?:you|u) (?:liked|enjoyed|loved) (?:it|this)",
        r"love (?:u|you|ya) (?:all|guys|lots)",
        r"see (?:u|ya|you) (?:all |guys )?(?:soon|next|later|on|tomorrow|in)",
        r"thank u",
        r"ty",
        r"ily(?:sm)?",
        r"besties",
        r"(?:this|that) is the end",
        r"thank you (?:all|so much|guys|everyone|to everyone)",
        r"hope (?:you|y'all|everyone) (?:enjoy|like|love)",
        r"let me know",
        r"enjoy(?=\s*!)",
        r"proof-?read",
        r"typos?",
        r"writer'?s block",
        r"feedback",
        r"i wrote",
        r"i'?m writing",
        r"author'?s note",
        r"a/n",
        r"sorry for",
        r"sorry about",
        r"please review",
        r"stay tuned",
        r"see you (?:all |guys )?(?:soon|next)",
        r"happy reading",
        r"next time",
        r"until next time",
        r"bis zum n[äa]chsten mal",
        r"hasta (?:la pr[óo]xima|pronto)",
        r"[àa] la prochaine",
        r"alla prossima",
        r"at[ée] a pr[óo]xima",
        r"next chapter",
        r"not a chapter",
        r"sorry(?=!)",
        r"on (?:a )?(?:hiatus|pause|break)",
        r"taking a break",
        r"not abandon\w*",
        r"pausier\w*",
        r"eine pause",
        r"weitergehen",
        r"fortsetzung",
        r"keine sorge",
        r"en pausa",
        r"en pause",
        r"in pausa",
        r"em pausa",
        # Spanish, Portuguese, German, French, Italian
        r"cap[ií]tulos?",
        r"(?:esta|mi|minha|essa) hist[óo]ria",
        r"comentarios",
        r"coment[áa]rios",
        r"lector(?:es|as)",
        r"leitor(?:es|as)",
        r"gracias",
        r"obrigad[oa]s?",
        r"espero que (?:les|lhes|os|te|vos)",
        r"saludos",
        r"beijos",
        r"besos",
        r"actualiza\w*",
        r"atualiza\w*",
        r"hola a todos",
        r"ol[áa] (?:a todos|pessoal|gente)",
        r"kapitel",
        r"(?:diese|meine)(?: erste| neue| kleine)? geschichte",
        r"seid (?:bitte )?nett",
        r"(?:please )?be (?:nice|gentle|kind)(?= ?[.!,(]| to me| with me)",
        r"kommentare?",
        r"leser(?:innen)?",
        r"danke",
        r"viel spa(?:ß|ss)",
        r"chapitres?",
        r"(?:cette|mon) histoire",
        r"commentaires?",
        r"lect(?:eurs|rices)",
        r"merci",
        r"bonne lecture",
        r"capitol[oi]",
        r"(?:questa|mia) storia",
        r"recensioni",
        r"lett(?:ori|rici)",
        r"grazie",
        r"buona lettura",
        r"boa leitura",
        r"buena lectura",
    )
    + r")\b",
    re.IGNORECASE,
)
_CASED_META = re.compile(r"\b(?:AU|OOC|OC|POV switch|WIP|TW|CW|OTP|AN)\b")
_GROUP = (
    r"(?:all|everyone|everybody|guys|lovelies|lovely readers|readers|people|friends|fandom"
    r"|a todos|gente|pessoal|leute|leser(?:innen)?|leserinnen und leser|lectores|lecteurs"
    r"|lectrices|lettori|leitores|tout le monde|a tutti)"
)
# "Hi everyone!", "Dear readers," "Liebe Leser": not "Dear Diary," nor "Dear Tom," (a letter)
_GREETING = re.compile(
    r"^(?:(?:hey|hi|hello|hiya|heya|howdy|hola|ol[áa]|oi|hallo|huhu|salut|bonjour|ciao)\b"
    rf"(?:\s+(?:again|there|{_GROUP}))?"
    r"|(?:my )?(?:dear|dearest|liebe|lieber|queridos?|queridas?|chers?|ch[èe]res?|cari|care)"
    rf"\s+{_GROUP}\b)",
    re.IGNORECASE,
)
# "Last one, everybody." / "Sorry, guys!": the readers called on
_VOCATIVE = re.compile(
    r"(?i),\s+(?:everyone|everybody|guys|folks|y'all|lovelies|my lovelies|dear readers|readers"
    r"|friends|fam)\s*[.!?]"
)
_SALUTATION = re.compile(
    r"(?i)^(?:my )?(?:dear|dearest|liebe|lieber|queridos?|queridas?|chers?"
    r"|ch[èe]res?|cari|care)\b"
)
_EMOTICON = re.compile(
    r"(?:^|\s)(?:[:;=]-?[)(DPp3/\\|]|<3+|\^\^|\^_\^|xD+|XD+|T_T|;_;|o\.o|:'\()(?=\s|$|[.,!?])"
    r"|[\U0001F300-\U0001FAFF\u2764\u2665\u2661\u263A\u2728]"
)
_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'll|I'd|my|me|we|our)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you'll|ya)\b", re.IGNORECASE)

_DISCLAIMER = re.compile(
    r"\b(?:(?:I|we|author)\s+(?:do\s*n[o']?t|don'?t|does\s*n[o']?t|doesn'?t|never)\s+own"
    r"|(?:I|we)\s+own\s+nothing|own nothing|not mine|n't mine|isn'?t mine|aren'?t mine"
    r"|no (?:copyright )?infringement|(?:make|making|earn|earning) no (?:money|profit)"
    r"|(?:no|not for) profit|(?:are|is) (?:the )?property of|belongs? to (?:the (?:amazing|"
    r"wonderful|brilliant|great) |their |its )?(?:rightful )?(?:owners?|creators?|authors?)"
    r"|(?:characters|everything|all(?: characters)?|rights|world|universe)\s+"
    r"(?:\w+\s+){0,3}belongs?\s+to|all rights reserved|copyright"
    # Spanish, Portuguese, German, French, Italian
    r"|no me pertenece|(?:no )?son m[íi]os|pertenecen a|propiedad de|n[ãa]o me pertence"
    r"|pertenc\w* [aàá]o?|n[ãa]o s[ãa]o meus|geh[öo]ren (?:nicht )?(?:mir|zu)|geh[öo]rt nicht mir"
    r"|nicht mir|appartien(?:t|nent) (?:pas )?(?:à|a)|ne m'appartien|non mi appartien"
    r"|appartengono a|propriet[àa] d)",
    re.IGNORECASE,
)
_DEDICATION = re.compile(
    r"^(?:dedicated to|this (?:one|chapter|fic|story|is)\s+(?:is\s+)?(?:dedicated )?(?:to|for)"
    r"|dedicad[oa] (?:a|à|ao|al)|gewidmet|f[üu]r meine|d[ée]di[ée]e? [àa]|dedicato a|dedicata a"
    r"|(?:chapter|part|this) [\w-]+ (?:is|goes out) (?:dedicated )?to)\b",
    re.IGNORECASE,
)
_DEDICATED = re.compile(
    r"\b(?:is|è|está|ist|est|é) (?:dedicated|dedicato|dedicata|dedicado|dedicada|gewidmet"
    r"|dédié|dédiée) (?:to|a|à|an|al|ao)\b",
    re.IGNORECASE,
)
# "For Jo, always." / "For my sister": a name, not "For a moment" nor "For years".
_FOR_NAME = re.compile(r"^[Ff]or\s+(?:(?:[Mm]y|[Aa]ll|[Ee]veryone)\b|[A-Z@][\w@'’.-]*)")
_WARNING = re.compile(
    r"\b(?:(?:this|the) (?:chapter|story|fic|part|one)\s+(?:contains|includes|deals with"
    r"|features|mentions|depicts)|trigger warnings?|content warnings?|\btw:|\bcw:|mentions of "
    r"(?:self-harm|suicide|abuse|violence|death)|contiene|enth[äa]lt|contient|contiene|"
    r"contém)",
    re.IGNORECASE,
)
_SIGN_OFF = re.compile(
    # "- kestrel ♡", "~wren, 12/03/2019"; not "- No tardes." (dialogue): one name, no full stop
    r"^(?:[~\-–—]+\s*(?:[\w@][\w@.]{0,19}(?<!\.)|(?:[A-Z]\.){1,3})\s*[~\-–—]*"
    r"(?:,?\s+(?=.*(?:\d{4}|\d[./-]\d))[\w/.,: -]{0,30})?"
    r"[^\w\s.?!]{0,4}|xoxo\W*\S*"
    r"|love,?\s*\S{0,20}|cheers,?\s*\S{0,20}"
    r"|signing off\S*.*|until next time\S*.*|(?:hugs|kisses|besos|beijos|bisous|baci)[!,.]*"
    r"\s*\S{0,20}|@\w+.*|.*\b(?:tumblr|twitter|instagram|discord|ko-?fi|patreon)\b.*)$",
    re.IGNORECASE,
)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = re.compile(
    rf"^(?:(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTHS})\.?(?:\s+\d{{1,2}}(?:st|nd|rd|th)?,?)?"
    rf"\s+\d{{4}}|\d{{1,4}}[./-]\d{{1,2}}[./-]\d{{1,4}}|(?:posted|written|updated|edited)"
    rf"(?: on)?:?\s+.*\d{{2,4}})\.?$",
    re.IGNORECASE,
)
# What warnings name: "Warning: do not feed the keeper after dark." names none of it.
_WARNED = re.compile(
    r"(?i)\b(?:violen\w*|deaths?|dies|dying|kill\w*|murder\w*|blood\w*|gore|gory|abus\w*"
    r"|self[- ]harm|suicid\w*|swear\w*|language|curs\w*|profanity|spoilers?|slash|femslash"
    r"|yaoi|yuri|shounen|smut|lemons?|limes?|sex\w*|nsfw|explicit|graphic|mature|angst\w*"
    r"|tortur\w*|injur\w*|wounds?|drugs?|alcohol\w*|panic|anxiety|depress\w*|trauma\w*"
    r"|ptsd|non-?con\w*|dub-?con\w*|rape|incest|underage|ooc|au|fluff\w*|triggers?|mentions?"
    r"|implied|references?|canon[- ]typical|eating disorder|\w*phobi\w*|racism|war|weapons?"
    r"|kidnap\w*|grief|illness|sick\w*|hospital|vomit\w*|needles?|cheating|infidelity"
    r"|content|themes?|scenes?|descriptions?|depictions?|ahead|read at your own risk|none"
    r"|no archive warnings|creator chose|tw|cw)\b"
)
_UNEDITED = re.compile(
    r"^(?:not (?:fully )?(?:edited|proof-?read|beta'?d)|unedited|unbeta'?d|no beta"
    r"|(?:edited|updated|reposted|revised)(?: on)? \d{1,4}[./-]\d{1,2}"
    r"|\*?please (?:feel free to )?(?:review|comment|provide)|r\s*&\s*r|read and review"
    r"|please review|tbc|to be continued)\b",
    re.IGNORECASE,
)
# Site furniture: what a page copied from a browser carries around the chapter.
_FURNITURE = re.compile(
    r"^(?:\d[\d.,]*[km]?\s+\d[\d.,]*[km]?\s+\d[\d.,]*[km]?"  # Wattpad: reads votes comments
    r"|(?:actions|work header|chapter text|chapter management|entire work|chapter index"
    r"|share|download|kudos|bookmark|bookmarks|comments|hits|subscribe|mark for later"
    r"|next chapter\s*(?:→|>+)?|(?:←|<+)?\s*previous chapter|table of contents|contents"
    r"|printer friendly|print|report this|review this (?:story|chapter)|add to favorites"
    r"|back to top|top of page|story text|end notes|notes|chapter end notes|work text"
    # AO3's and Wattpad's menus, copied with the page
    r"|archive of our own(?: beta)?|log ?in|sign ?up|site navigation|user navigation|fandoms"
    r"|browse|search|about|skip header|main content|post new|works|bookmarks|collections"
    r"|comments?\s*\(\d+\)|kudos\s*\(\d+\)|you(?:'ll| may| might) also like|add to library"
    r"|reading list|continue reading(?: next part)?|start reading|keep reading"
    r"|vote|comment|votes|follow|fav(?:orite|ourite)?|segui la storia|ricorda la storia"
    r"|preferit[ae]|capitoli:?(?:\s*<<\s*>>)?)\W*"
    # A Tumblr post's links: "Masterlist | Requests | Ask"
    r"|(?:(?:masterlist|master list|requests?|ask|rules|navigation|nav|commissions|ko-?fi"
    r"|about me|faq|submit|archive)\s*(?:[|•·/]\s*|$)){2,}"
    # "Log in to review", "Per recensire esegui il login", "Text size A A A"
    r"|.{0,40}\b(?:log ?in|sign ?in|registrati|registrieren|inscrivez-vous|reg[íi]strate)\b.{0,30}"
    r"|(?:text size|font size|dimensione del testo|taille du texte|schriftgr[öo](?:ß|ss)e"
    r"|tama[ñn]o de (?:la )?letra)\b.{0,20}"
    r"|\(?see the end of the (?:chapter|work) for (?:more )?notes\.?\)?"
    # "[ Part 1 | Part 2 | Part 3 ]", "« Chapter 2 | Chapter 4 »": links to the other parts
    r"|[\[(«<]?\s*(?:(?:part|chapter|ch\.?)\s*\d+\s*[|•·/,]\s*)+(?:part|chapter|ch\.?)\s*\d+"
    r"\s*[\])»>]?"
    r"|\(?see the beginning of the (?:chapter|work) for notes\.?\)?"
    r"|.*\s>\s.*\s>\s.*"  # breadcrumbs: Fan Fiction > Anime > Series
    r"|\[\s*[kKtTmM]\+?\s*-\s*[\w\s-]+:.*\]"  # MediaMiner's rating badge
    r"|(?:chapters?|completed?|word ?count|words|read|reads|reviews?|hits|published"
    r"|updated|votes|status|id)\s*:\s*[\w,./ -]{0,30}(?:\s+\w+\s*:\s*[\w,./ -]{0,30}){1,}"
    r"|(?:rated|rating):\s*fiction\s+[kKtTmM]\+?\s*-.*"  # FFN's stats line
    r"|\d{1,3}(?:,\d{3})*\s+(?:reads|votes|views)(?:\s*[·•|]?\s*\d[\d,]*\s+\w+)*"
    r"|(?:←|→|«|»|<|>|prev|next|\s)+)$",
    re.IGNORECASE,
)
_POV = re.compile(
    r"^(?:[\w.'’ -]{1,30}'s\s+(?:pov|perspective|point of view)|pov:?\s*[\w.'’ -]{1,30}"
    r"|[A-Z][A-Z'’ ]{1,20}:)$",
    re.IGNORECASE,
)
# "From: Margery Quell", "Subject: Re: the pears": an e-mail or memo the story shows
_MEMO = re.compile(r"(?i)^(?:from|to|subject|cc|bcc|sent|re|memo|von|an|betreff|de|para|asunto):\s")
_DIALOGUE = re.compile(r"^\s*(?:[\"“”„«»‘'‹›]|[—–-]\s*[¿¡]?\w)")
# "- panic attack", "• swearing": an item of a list under a label. Not "— ¿Qué?" nor "– Ja":
# dashes longer than a hyphen open dialogue in Spanish, French, German and Russian.
_LIST_ITEM = re.compile(r"^\s*(?:(?P<bullet>[-*•·◦▪‣])|\d{1,2}[.)])\s+(?P<item>\S.*)$")
_X_READER = re.compile(r"(?i)\b(?:x|/)\s*(?:[fmy]!|gn!|nb!|male!|fem!)?\s*readers?\b")
# What characters say is not the author talking: "Sorry about your sleeve," he said.
_SPEECH = re.compile(r"[\"“„«][^\"“”„«»]{0,400}[\"”“»]")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)*_]*$")
# ", said the sign", ", the sign said", ", she said": speech in a story, not a dedication
_ATTRIBUTION = re.compile(
    r"(?i),\s+(?:(?:the|a|an|his|her|their|my|our)\s+(?:[\w-]+\s+){1,5}(?:said|says|read|reads|asked)"
    r"|(?:he\s+|she\s+|they\s+|it\s+)?(?:said|says|asked|asks|whispered|shouted|called"
    r"|announced|added|replied))\b"
)
_SENTENCE_BREAK = re.compile(r"[.!?…]\s+\S")


def words_of(text: str) -> int:
    return len(text.split())


def is_dialogue(text: str) -> bool:
    return bool(_DIALOGUE.match(text))


def says_who_owns(text: str) -> bool:
    """A disclaimer's words ("I don't own…", "pertencem à…"), under whatever label."""
    return bool(_DISCLAIMER.search(unmarked(text)))


# "Marlowe88 – Ha, so close!", "inkandembers- I know", "Guest: Thank you!": a review reply
_REPLY = re.compile(r"^(?P<name>[\w.@'’-]{2,30}|[A-Z][\w'’]+ [A-Z][\w'’]+)\s*(?:[-–—:]|\))\s+\S")
_HANDLE = re.compile(r"^(?:[Gg]uests?|[Aa]non(?:ymous)?|.*[\d_@].*)$")


def review_reply(text: str, *, among_replies: bool = False) -> bool:
    """A reply to a reviewer: a handle and a dash or colon, then the reply. A lowercase word
    and a colon may open any line, and a name spelled like a person's ("Marco - …") too:
    alone, only a handle ("Marlowe88", "@fern", "Guest") says a reviewer is answered; other
    names count where replies are already going on."""
    m = _REPLY.match(unmarked(text).strip())
    if m is None or words_of(text) > 120:
        return False
    return among_replies or bool(_HANDLE.match(m.group("name")))


def for_someone(text: str) -> bool:
    """ "For Jo, always." / "For my sister": a dedication's line; not "For the winter prompt"."""
    plain = unmarked(text).strip()
    return bool(_FOR_NAME.match(plain)) and 2 <= words_of(plain) <= 25


def list_item(text: str) -> str | None:
    """A list item's text without its bullet ("- panic attack" -> "panic attack")."""
    m = _LIST_ITEM.match(unmarked(text))
    if m is None or (m.group("bullet") and len(m.group("item").split()) > 20):
        return None  # a long "- …" line is dialogue more often than an item
    return m.group("item").strip()


def voice(text: str) -> tuple[int, list[str]]:
    """How much a text sounds like an author talking to readers: hits, and the first few."""
    hits: list[str] = []
    if len(text) > 900:  # a long paragraph: an author's aside is at its start or end
        text = f"{text[:450]} {text[-450:]}"
    text = _SPEECH.sub(" ", text)
    text = _X_READER.sub(" ", text)  # "Roan x Reader" names a pairing, not the readers
    for m in _META.finditer(text):
        word = m.group(0).lower()
        if word not in hits:
            hits.append(word)
    hits += [m.group(0) for m in _CASED_META.finditer(text)][:2]
    if _GREETING.match(text):
        hits.append("a greeting")
    if _VOCATIVE.search(text):
        hits.append("readers addressed")
    if _EMOTICON.search(text):
        hits.append("an emoticon")
    if _FIRST_PERSON.search(text) and _SECOND_PERSON.search(text):
        hits.append("I and you")
    return len(hits), hits[:3]


# A page's breadcrumb: "Libri > Il Castello di Vetro", "Anime/Manga » Naruto".
_CRUMB = re.compile(r"\s+(?:>|»|›|❯|→)\s+")
_ORIGINAL = r"originali|originals?|original fiction|original stories|storie originali|originales"
_SITE_SECTIONS = re.compile(
    rf"(?i)^(?:fan ?fic(?:tion)?s?|fanfiktion|anime(?:\s*(?:/|&|e|and|und|y)\s*manga)?|manga"
    r"|books?|libri|libros?|livros?|b[üu]cher|buch|livres?|movies?|films?|filme|tv(?: shows?)?"
    r"|serie tv|series|serien|cartoons?|cartoni|comics?|fumetti|c[óo]mics|games?|videogames"
    r"|videogiochi|spiele|misc(?:ellaneous)?|plays/musicals|musicals?|crossovers?|originali"
    rf"|music|musik|cine|televisi[óo]n|celebrities|j-?pop|k-?pop|{_ORIGINAL})$"
)


def breadcrumb(text: str) -> list[str] | None:
    """A site's breadcrumb, as its crumbs ("Books", "Il Castello di Vetro"), if a line is one."""
    crumbs = [c.strip() for c in _CRUMB.split(unmarked(text).strip())]
    crumbs[0] = crumbs[0].rpartition(" | ")[2]  # "FanFiction | Books > Harbourlight Saga"
    if len(crumbs) < 2 or any(not c or len(c) > 60 for c in crumbs):
        return None
    if len(crumbs) == 2 and not _SITE_SECTIONS.match(crumbs[0]):
        return None  # "A > B" alone may be anything; a site's section first says it is a path
    return crumbs


_FANDOM_SECTION = re.compile(r"(?i)^(?P<fandom>.+?)\s+(?:fan ?fiction|fanfic|fanfiction)$")
_BADGE = re.compile(r"^\[\s*(?P<rating>[kKtTmM]\+?|MA)\s*-\s*[\w\s-]+:.*\]$")


def site_fandom(crumbs: list[str]) -> str | None:
    """The fandom a breadcrumb names: after a site's section ("Books > Fandom"), or as its
    own section ("Greyfront Fan Fiction > Title > Chapter 9")."""
    own = _FANDOM_SECTION.match(crumbs[0])
    if own and not _SITE_SECTIONS.match(own.group("fandom")):
        return own.group("fandom")
    if not _SITE_SECTIONS.match(crumbs[0]) or _SITE_SECTIONS.match(crumbs[-1]):
        return None
    if re.fullmatch(_ORIGINAL, crumbs[0], re.IGNORECASE):
        return None  # original fiction: the path ends in a genre, not a fandom
    return crumbs[-1]


def badge_rating(text: str) -> str | None:
    """MediaMiner's "[ T - Teen: Not suitable for readers under 13 ]": the rating."""
    m = _BADGE.match(unmarked(text).strip())
    return m.group("rating") if m else None


_PAIRING = re.compile(
    r"^[\w.'’ !-]{1,40}(?:\s+x\s+|\s*/\s*|\s+&\s+)[\w.'’ !-]{1,40}$", re.IGNORECASE
)


def names_a_pairing(text: str) -> bool:
    """ "Captain Roan Ashby x Reader", "Della/June": two names and a pairing's mark."""
    return bool(_PAIRING.match(unmarked(text).strip()))


# FFN's genres, as its story lines print them ("Friendship/Family", "Hurt/Comfort/Angst")
_FFN_GENRES = {"romance", "humor", "drama", "poetry", "adventure", "mystery", "horror", "parody",
               "angst", "supernatural", "suspense", "sci-fi", "fantasy", "spiritual", "tragedy",
               "western", "crime", "family", "hurt/comfort", "friendship", "general"}  # fmt: skip
_INFO_LINE = re.compile(
    r"(?i)^(?:\[\s*(?P<badge>k\+?|t|m|ma|g|pg(?:-?13)?|r|nc-?17)\s*\]|rated:?\s+"
    r"(?P<rated>k\+?|t|m|ma|g|pg(?:-?13)?|r|nc-?17))\s*[-–—|:]?\s*(?P<rest>\S.*)$"
)


def info_line(text: str) -> tuple[str, list[str], list[str]] | None:
    """ "[K+] Saltmarsh Academy - Friendship/Family", "Rated T - Lantern Court - Romance":
    a story line's rating, its other pieces, and which of them are genres."""
    m = _INFO_LINE.match(unmarked(text).strip())
    if m is None:
        return None
    pieces = [p.strip() for p in re.split(r"\s+[-–—|]\s+", m.group("rest")) if p.strip()]
    genres = [p for p in pieces if all_genres(p)]
    if not genres or len(pieces) > 5:
        return None  # "Rated T for language." is a rating line of another kind
    return m.group("badge") or m.group("rated"), pieces, genres


def all_genres(piece: str) -> bool:
    """Whether a piece is FFN genres only ("Drama/Hurt/Comfort")."""
    protected = re.sub(r"(?i)hurt\s*/\s*comfort", "hurt&comfort", piece)
    names = [n.strip().lower().replace("&", "/") for n in protected.split("/")]
    return all(n in _FFN_GENRES for n in names)


_LANGUAGES = re.compile(
    r"(?i)^(?:english|spanish|español|portuguese|português|german|deutsch|french|français"
    r"|italian|italiano|dutch|nederlands|polish|polski|russian|русский|japanese|chinese"
    r"|indonesian|tagalog|filipino|swedish|svenska|norwegian|norsk|danish|dansk|finnish|suomi"
    r"|czech|čeština|hungarian|magyar|turkish|türkçe|vietnamese|catalan|català)$"
)


def is_language(text: str) -> bool:
    return bool(_LANGUAGES.match(text.strip()))


def names_a_warning(text: str) -> bool:
    """Whether a warning's value names something warned of ("violence", "mentions of blood")."""
    return bool(_WARNED.search(text) or _WARNING.search(text))


def is_furniture(text: str) -> bool:
    plain = unmarked(text)
    if _FURNITURE.match(plain):
        return True
    if " | " in plain:  # "Segui la storia | Ricorda la storia": a row of the site's buttons
        return all(_FURNITURE.match(piece.strip()) for piece in plain.split(" | "))
    return bool(_FURNITURE.match(plain))


def unkeyed(text: str, *, first_in_work: bool) -> Cue:
    """The evidence of a unit that has no known label."""
    plain = unmarked(text)
    words = words_of(plain)
    if not plain:
        return Cue("", 0.0, "empty")
    if is_furniture(plain) or breadcrumb(plain):
        return Cue("furniture", 5.0, "the site's page furniture")
    if _MEMO.match(plain):
        return Cue("letter", -2.0, "a letter's or e-mail's header, in the story")
    if _POV.match(plain) and words <= 6:
        return Cue("pov", -3.0, "a point-of-view marker opens the story")
    if words <= 6 and _SIGN_OFF.match(text.strip()):  # "— Wren", "~ wren, 4 March 2017"
        return Cue("notes", 3.0, "a sign-off")
    if is_dialogue(plain):
        return Cue("story", -4.0, "dialogue")
    dedicated = _DEDICATED.search(plain) if words <= 30 else None
    if dedicated and _SENTENCE_BREAK.search(plain, 0, dedicated.start()) and voice(plain)[0] >= 2:
        dedicated = None  # a note that dedicates the chapter in passing: the note's
    if _DEDICATION.match(plain) or (dedicated and words <= 30):
        return Cue("dedication", 5.0, "a dedication")
    owned = _DISCLAIMER.search(plain) if words <= 80 else None
    if owned and _SENTENCE_BREAK.search(plain, 0, owned.start()) and voice(plain)[0] >= 2:
        owned = None  # "Hallo zusammen! … Die Figuren gehören mir": a note that says it too
    if owned:
        return Cue("disclaimer", 5.0, "says who owns the characters")
    if words <= 60 and _WARNING.search(plain):
        return Cue("warnings", 4.0, "names what the chapter contains")
    if (
        words <= 8
        and names_a_pairing(plain)
        and " & " not in plain  # "Ember & Ash" is as often a title
        and not _SENTENCE_END.search(plain)
    ):
        return Cue("relationships", 3.0, "a pairing")  # "Mara x Jun" alone on its line
    # (not the plain text: unmarked would take a leading "#" for a heading's)
    tags = re.split(r"[\s,]+(?=#)", text.strip())
    if len(tags) >= 2 and all(t.startswith("#") and len(t) > 1 for t in tags):
        return Cue("notes", 4.0, "the post's tags")  # "#rafe x reader #bookseller au"
    if review_reply(plain) and not _POV.match(plain):
        return Cue("notes", 3.0, "a reply to a reviewer")
    if _UNEDITED.match(plain) and words <= 20:
        return Cue("notes", 3.0, "a note about the chapter")
    if words <= 12 and (_SIGN_OFF.match(text.strip()) or _DATE.match(plain)):
        return Cue("notes", 3.0, "a sign-off or date")
    if _ATTRIBUTION.search(plain):
        return Cue("story", -2.0, "words said in the story (“…, it said.”)")
    hits, which = voice(plain)
    if (
        _FOR_NAME.match(plain)
        and 2 <= words <= 25
        and not plain.endswith(":")
        and hits <= 1
        and not _ATTRIBUTION.search(plain)  # "For my sister's guests: …, said the sign"
    ):
        return Cue("dedication", 3.0, "a “For …” line")
    if which == ["I and you"]:
        hits = 0  # a first-person story says "I" and "you" too: only with other signs
    if ("a greeting" in which or _SALUTATION.match(plain)) and words <= 3:
        return Cue("notes", 1.0, "a greeting")  # "Dear Reader," may open a letter story
    if hits:
        weight = min(2.0 * hits, 7.0) - (1.5 if words > 120 else 0.0)
        return Cue("notes", weight, "the author talking: " + ", ".join(which))
    if words >= 40:
        return Cue("story", -3.0, "a long paragraph of prose")
    if words >= 12 or (_SENTENCE_END.search(plain) and words >= 5):
        return Cue("story", -2.0, "prose")
    return Cue("", -0.5, "a short line")


def title_like(text: str) -> bool:
    """A bare title line: short, no closing punctuation, capitalised like a title."""
    plain = unmarked(text)
    words = plain.split()
    if not 0 < len(words) <= 10 or plain.endswith((".", ",", ";", "!", "?", ":")):
        return False
    if is_dialogue(plain) or _POV.match(plain):
        return False
    capitals = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    if plain.isupper() or capitals >= max(1, (len(words) + 1) // 2):
        return True
    # Sentence case, as Romance-language titles are: "La notte delle maschere"
    return words[0][:1].isupper() and len(words) <= 6 and "," not in plain


_BY_LINE = re.compile(
    r"^(?P<title>.{1,80}?)\s+(?:written by|escrita por|escrito por|geschrieben von|écrit par"
    r"|scritto da|scritta da|by|von|por|par)\s+(?P<author>\S.{0,40})$",
    re.IGNORECASE,
)


_AFTERWORD = re.compile(r"\s*[(\[](?P<extra>[^)\]]{1,80})[)\]]\s*$")


def title_by_author(text: str) -> tuple[str, str, str] | None:
    """ "The Long Way Home by wren" (or "von", "por", "par") as title and author, and what
    stands in brackets after them ("(Teil 2 der Glasturm-Reihe)")."""
    plain = unmarked(text)
    extra = ""
    m = _AFTERWORD.search(plain)
    if m:
        extra, plain = m.group("extra").strip(), plain[: m.start()]
    m = _BY_LINE.match(plain)
    if m is None or not title_like(m.group("title")) or words_of(m.group("author")) > 4:
        return None
    if re.search(r"[.!?]\s|[!?]$", m.group("author")):
        return None  # "… by marrowlark. Translated with permission!": a credit, not a byline
    return m.group("title").strip(), m.group("author").strip(" ()"), extra
