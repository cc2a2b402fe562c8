"""Fic header labels as authors write them ("Title: ...", "Rating: T", "A/N: ...") and the
values they give, written into work and chapter fields.

``match_key`` says which field a labelled line names, in its real spellings and in Spanish,
Portuguese, German, French and Italian; ``FieldWriter`` turns a value into the field's type
(a rating, warnings, a list of characters...) and offers it to the work or the chapter, so
a second, different value never overwrites the first. ``read_labels`` reads a notes field
(AO3's, eFiction's), where every line is front matter. A chapter's own text goes through
``edges``, which finds where its story starts and ends and uses this module to write. Fields
that hold prose (disclaimer, summary, dedication, prompt, notes) go on over the following
lines of their paragraph, or over the next paragraph when the label stands alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from editor.formats.importers import cues
from editor.formats.importers.split import (
    Line,
    block_of,
    finish,
    is_blank,
    is_separator,
    lines_of,
    parse_heading,
    slice_line,
    strip_line,
    text_of,
    unmarked,
)
from editor.model import ArchiveWarning, Category, FfnRating, Rating, Status
from editor.text.richtext import Block, Run, plain_text

# -- the keys -----------------------------------------------------------------------------

_KEYS: dict[str, str] = {}
for _key, _spellings in {
    "title": "title|story title|fic title|work title|story|título|titulo|titel|titre|titolo",
    "chapter_title": "chapter title|chapter name|kapitelname|título del capítulo",
    "author": "author|authors|author name|writer|written by|by|pen name|penname|creator|"
    "autor|autora|autorin|auteur|autrice|autore|escrito por|escrita por|geschrieben von|"
    "écrit par|scritto da|scritta da",
    "fandoms": "fandom|fandoms|fandom(s)|original/fandom|serie|série|fandom/serie",
    "rating": "rating|ratings|rated|clasificación|clasificacion|calificación|rating/altersfreigabe|"
    "altersfreigabe|freigabe|classement|classificação|classificacao|classificazione|"
    "classificação etária",
    "relationships": "pairing|pairings|relationship|relationships|ship|ships|"
    "pairings (if any)|pareja|parejas|emparejamiento|emparejamientos|pärchen|couple|couples|"
    "coppia|coppie|casal|casais|shipp",
    "characters": "character|characters|main character|main characters|cast|personajes|"
    "personagens|charaktere|figuren|personnages|personaggi",
    "warnings": "warning|warnings|archive warning|archive warnings|content warning|"
    "content warnings|content note|content notes|cn|cns|content advisory|"
    "trigger warning|trigger warnings|cw|cws|tw|tws|cw/tw|tw/cw|"
    "warnings for the chapter|warnings for this chapter|spoilers|spoiler|spoiler warning|"
    "advertencia|advertencias|aviso|avisos|warnung|warnungen|triggerwarnung|"
    "avertissement|avertissements|attention|avviso|avvisi|avvertenze|avvertenza|avvertimenti|"
    "avvertimento|alerta|alertas",
    "chapter_warnings": "chapter warning|chapter warnings",
    "disclaimer": "disclaimer|disclaimers|disclamer|disclaimor|descargo|"
    "descargo de responsabilidad|aviso legal|haftungsausschluss|isenção de responsabilidade|"
    "avviso legale|déni|esclusione di responsabilità|derechos",
    "summary": "summary|description|blurb|resumen|sinopsis|resumo|sinopse|zusammenfassung|"
    "kurzbeschreibung|beschreibung|inhalt|résumé|resume|sommaire|riassunto|trama|synopsis",
    "chapter_summary": "chapter summary|resumen del capítulo|kapitelzusammenfassung|"
    "previously|previously on|last time|last time on|recap|last chapter|anteriormente|"
    "en el capítulo anterior|no capítulo anterior|was bisher geschah|bisher|précédemment|"
    "dans le chapitre précédent|nel capitolo precedente|riassunto",
    "dedication": "dedicated to|dedication|dedications|gift for|gifted to|dedicado a|"
    "dedicada a|dedicatoria|dedicatória|widmung|gewidmet|dédicace|dédié à|dedica|dedicato a",
    "prompt": "prompt|prompts|prompt used|prompts used|prompt fill|reto|desafío|thema|sujet|"
    "requested by|request|request from|requested|pedido|petición|anfrage|demande|richiesta",
    "prompt_by": "prompted by|prompt by|prompt from|prompter",
    "prompt_collection": "written for|challenge|collection|collections|exchange|fest",
    "ignore_words": "word count|wordcount|words|length|palabras|wörter|mots|parole|palavras|"
    "número de palabras|wortanzahl",
    "ignore_stats": "stats|published|updated|completed|read|reads|hits|kudos|bookmarks|"
    "comments|reviews|favs|follows|publicado|actualizado|veröffentlicht|aktualisiert",
    "category": "category|categories|genre|genres|género|genero|gênero|generos|géneros|"
    "genere|generi|kategorie|catégorie|categoría|categoria|tipo di coppia",
    "additional_tags": "tags|tag|additional tags|freeform|freeforms|other tags|etiquetas|"
    "schlagwörter",
    "language": "language|idioma|sprache|langue|lingua",
    # Credits: kept as a note, label and all ("Beta'd by: corvidae" says who, and for what).
    "beta": "beta|betas|beta'd by|betaed by|beta-read by|beta read by|beta reader|"
    "beta readers|beta'd|beta-reader|edited by|proofread by|proofreader|betareader|"
    "betaleser|betaleserin|beta-leser|betagelesen von|revisado por|beta-lectrice|beta-lecteur|"
    "bêta|bêta-lectrice|bêta-lecteur",
    "series": "series|serie|reihe|série",
    "status": "status|estado|estado de la historia|stato|stato della storia|statut",
    "expected": "chapters|capítulos|kapitel",
    "notes": "a/n|an|a.n|a/ns|a.n.|author's note|author's notes|authors note|authors notes|"
    "authors' note|authors' notes|author note|author notes|note|notes|author's corner|"
    "authors corner|story notes|author's note & update|beginning notes|chapter notes|"
    "nota|notas|nota del autor|nota de la autora|notas del autor|notas de la autora|"
    "notas del capítulo|notas del capitulo|n/a|nda|notas iniciais|notas iniciais do capítulo|"
    "notas da autora|notas do capítulo|notas iniciales|nota inicial|"
    "nota da autora|nota do autor|notas do autor|anmerkung|anmerkungen|anmerkung des autors|"
    "anmerkung der autorin|vorwort|vorwort zu diesem kapitel|note de l'auteur|"
    "note de l'autrice|notes de l'auteur|note de l'auteure|n.d.a|nda|note dell'autore|"
    "note dell'autrice|nota dell'autrice|nota dell'autore|n.d.a.|author's notes & update|"
    "taglist|tag list|perm taglist|permanent taglist|tags list|"
    "important|important note|update|updates|edit|edited|psa|announcement|heads up|news|"
    "review replies|replies to reviews|reviewer replies|review responses|review corner|"
    "respuestas a los reviews|respuestas a reviews|contestando reviews|antworten auf reviews|"
    "réponses aux reviews|risposte alle recensioni|respostas aos comentários",
    "notes_end": "end notes|end note|ending notes|chapter end notes|nachwort|"
    "nachwort zu diesem kapitel|notas finales|notas finais|notas finais do capítulo|"
    "notas del final|note finali|notas finales del capítulo|"
    "note de fin|notes de fin",
}.items():
    for _spelling in _spellings.split("|"):
        _KEYS[_spelling] = _key

# Keys written without a colon ("by wren", "Written for Yuletide"): only on a short line.
_LOOSE = {"by": "author", "written by": "author", "written for": "prompt_collection",
          "prompted by": "prompt_by", "dedicated to": "dedication", "von": "author",
          "por": "author", "par": "author", "escrito por": "author", "escrita por": "author",
          "geschrieben von": "author", "écrit par": "author", "scritto da": "author"}  # fmt: skip
_LOOSE_LINE = re.compile(
    r"^[\s*_]*(?P<key>written by|by|written for|prompted by|dedicated to|von|por|par|"
    r"escrito por|escrita por|geschrieben von|écrit par|scritto da)\s+(?P<value>\S.*)$",
    re.IGNORECASE,
)
_KEY_LINE = re.compile(
    r"^[\s*_#>\[]*(?P<key>[^\W\d_][\w'’/.() &-]{0,40}?)[\s*_]*"
    r"!?[\s*_]*(?::|(?<=\s)[-–—](?=\s)|(?<=!)[-–—]|[–—])[\s*_]*(?P<value>.*)$",
    re.DOTALL,
)
PREFIXED = {"dedicated to", "gift for", "gifted to"}
_NAMED_LABELS = {"requested by ": "prompt", "prompted by ": "prompt", "request from ": "prompt",
                 "prompt from ": "prompt", "gift for ": "dedication"}  # fmt: skip
FOR_TO = re.compile(r"(?i)\s*(?:for|to)\b")
MULTILINE = {"disclaimer", "summary", "chapter_summary", "dedication", "prompt", "notes",
              "notes_end"}  # fmt: skip
_LABELS = {
    "title": "Title",
    "author": "Author",
    "fandoms": "Fandoms",
    "rating": "Rating",
    "ffn_rating": "FFN rating",
    "archive_warnings": "Archive warnings",
    "content_warnings": "Content warnings",
    "categories": "Categories",
    "relationships": "Relationships",
    "characters": "Characters",
    "additional_tags": "Additional tags",
    "language": "Language",
    "summary": "Summary",
    "series_name": "Series",
    "series_part": "Part of series",
    "expected_chapters": "Expected chapters",
    "status": "Status",
    "disclaimer": "Disclaimer",
    "dedication": "Dedication",
    "prompt": "Prompt",
    "prompt_by": "Prompt given by",
    "prompt_collection": "Challenge or collection",
}
CHAPTER_LABELS = {
    "title": "title",
    "summary": "summary",
    "notes_begin": "beginning notes",
    "notes_end": "end notes",
    "warnings": "warnings",
}


def label(name: str) -> str:
    return _LABELS.get(name, name.replace("_", " ").capitalize())


@dataclass(frozen=True, slots=True)
class KeyMatch:
    key: str  # a value of _KEYS
    value_start: int  # where the value starts in the line's text
    spelled: str  # the key as written, lowercased


def match_key(text: str, *, loose: bool = False) -> KeyMatch | None:
    """The header key a line starts with ("**Rating:** T" -> rating), if any."""
    head = text[:64]
    # (most lines of a story have no colon or dash near their start: no regex for them)
    m = _KEY_LINE.match(text) if ":" in head or "-" in head or "–" in head or "—" in head else None
    if m:
        spelled = _normal_key(m.group("key"))
        key = _KEYS.get(spelled)
        if key is None and "/" in spelled:  # "Tags/Warnings/Spoilers:": its first known part
            key = next((_KEYS[p.strip()] for p in spelled.split("/") if p.strip() in _KEYS), None)
        if key is None:  # "Requested by anon:", "Gift for Jo:": a label with a name in it
            key = next((k for p, k in _NAMED_LABELS.items() if spelled.startswith(p)), None)
        if key is None and "(" in spelled:  # "Warnings (Non-Con/Dub-Con/Underage):"
            key = _KEYS.get(_normal_key(re.sub(r"\([^)]*\)", "", spelled)))
        if key is None:
            key = _misspelled(spelled)
        if key is not None:
            return KeyMatch(key, m.start("value"), spelled)
    bare = _normal_key(unmarked(text).strip(_BARE_DECORATION)) if len(text) <= 60 else ""
    if bare in _KEYS and _KEYS[bare] in _BARE_KEYS:
        # "Notas iniciais do capítulo", "Summary" alone on a line: the label of what follows
        return KeyMatch(_KEYS[bare], len(text), bare)
    if loose:
        m = _LOOSE_LINE.match(text)
        spelled = m.group("key").lower() if m else ""
        # "By the time." is a sentence; "Written for the Lantern Exchange 2021." is not.
        ends = ("!", "?", ",") if " " in spelled else (".", "!", "?", ",")
        if m and len(text.split()) <= 8 and not text.rstrip().endswith(ends):
            return KeyMatch(_LOOSE[spelled], m.start("value"), spelled)
    return None


# Labels that may stand alone on a line, without a colon, over what they label.
_BARE_KEYS = {"notes", "notes_end", "summary", "chapter_summary", "disclaimer", "dedication"}
_BARE_DECORATION = " \t*_#=~-–—:.|[](){}<>«»"
# Long labels authors misspell ("Diclaimer:", "Summery:", "Charaters:"): one slip in seven
# letters, two in ten.
_SPELLED_OUT = {k: v for k, v in _KEYS.items() if " " not in k and len(k) >= 7}


def _misspelled(spelled: str) -> str | None:
    if " " in spelled or not 6 <= len(spelled) <= 16 or not spelled.isalpha():
        return None
    for known, key in _SPELLED_OUT.items():
        if abs(len(known) - len(spelled)) <= 2 and _slips(spelled, known) <= len(known) // 5:
            return key
    return None


def _slips(a: str, b: str) -> int:
    """Edits (insert, delete, change, swap two letters) from one spelling to the other."""
    before = list(range(len(b) + 1))
    previous: list[int] = []
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            cost = min(before[j] + 1, row[j - 1] + 1, before[j - 1] + (x != y))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, previous[j - 2] + 1)
            row.append(cost)
        previous, before = before, row
    return before[-1]


# "Series: None": a field left empty in words (warnings excepted: "None" says something there)
_NONE = {"none", "n/a", "na", "nil", "nothing", "ninguna", "ninguno", "keine", "keiner", "aucune",
         "aucun", "nessuna", "nessuno", "nenhum", "nenhuma"}  # fmt: skip
_AUTHOR_TAIL = re.compile(
    r"(?i)\s+(?:<[^<>\s]+@[^<>\s]+>|\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d[\d,.]*\s+(?:reviews?|recensioni|comentarios"
    r"|comentários|kommentare|commentaires|reads|views|followers|stories|storie|historias)\b)"
    r".*$"
)


def is_bare_label(text: str) -> bool:
    """ "Summary", "Notes", "Chapter Notes" alone: a label over what follows it."""
    found = match_key(text)
    return found is not None and found.value_start >= len(text.rstrip())


def is_key_line(text: str) -> bool:
    return match_key(text) is not None


def _normal_key(key: str) -> str:
    key = key.lower().replace("’", "'").replace("(s)", "").rstrip(".! ")
    return " ".join(key.split())


# -- values ---------------------------------------------------------------------------------

_RATINGS: dict[str, tuple[Rating, FfnRating | None]] = {
    **dict.fromkeys(("not rated", "unrated", "nr", "no rating"), (Rating.NOT_RATED, None)),
    **dict.fromkeys(
        ("general audiences", "general audience", "general", "g", "gen", "all ages", "everyone"),
        (Rating.GENERAL, None),
    ),
    "k": (Rating.GENERAL, FfnRating.K),
    "k+": (Rating.GENERAL, FfnRating.K_PLUS),
    "k plus": (Rating.GENERAL, FfnRating.K_PLUS),
    "pg": (Rating.GENERAL, None),
    **dict.fromkeys(
        ("teen and up audiences", "teen and up", "teen", "teens", "pg-13", "pg13", "pg 13", "13+"),
        (Rating.TEEN, None),
    ),
    "t": (Rating.TEEN, FfnRating.T),
    **dict.fromkeys(("mature", "r", "15+", "16+", "r-16"), (Rating.MATURE, None)),
    "m": (Rating.MATURE, FfnRating.M),
    **dict.fromkeys(
        ("explicit", "e", "nc-17", "nc17", "x", "18+", "adult"), (Rating.EXPLICIT, None)
    ),
    # FFN's MA is not allowed on FFN itself: its stories there are rated M.
    "ma": (Rating.EXPLICIT, FfnRating.M),
}
# A chapter's "None" or "Chose not to warn" names no warning to add to the chapter's own.
_NO_WARNING = frozenset({ArchiveWarning.CHOSE_NOT_TO_USE, ArchiveWarning.NONE_APPLY})
_ARCHIVE_WARNINGS: dict[str, ArchiveWarning] = {
    **dict.fromkeys(
        (
            "creator chose not to use archive warnings",
            "author chose not to use archive warnings",
            "chose not to use archive warnings",
            "choose not to use archive warnings",
            "chose not to warn",
            "choose not to warn",
            "cntw",
        ),
        ArchiveWarning.CHOSE_NOT_TO_USE,
    ),
    **dict.fromkeys(
        ("graphic depictions of violence", "graphic violence"), ArchiveWarning.VIOLENCE
    ),
    **dict.fromkeys(("major character death", "mcd"), ArchiveWarning.MAJOR_CHARACTER_DEATH),
    **dict.fromkeys(
        ("no archive warnings apply", "no archive warnings", "none", "no warnings", "n/a"),
        ArchiveWarning.NONE_APPLY,
    ),
    **dict.fromkeys(
        ("rape/non-con", "rape/noncon", "rape / non-con", "non-con", "noncon", "dubcon/noncon"),
        ArchiveWarning.NON_CON,
    ),
    **dict.fromkeys(("underage", "underage sex"), ArchiveWarning.UNDERAGE),
}
_CATEGORIES: dict[str, Category] = {
    "f/f": Category.FF,
    "femslash": Category.FF,
    "f/m": Category.FM,
    "m/f": Category.FM,
    "het": Category.FM,
    "gen": Category.GEN,
    "m/m": Category.MM,
    "slash": Category.MM,
    "multi": Category.MULTI,
    "other": Category.OTHER,
}
_STATUS = {
    **dict.fromkeys(("complete", "completed", "finished", "done"), Status.COMPLETE),
    **dict.fromkeys(("wip", "in progress", "ongoing", "incomplete", "unfinished"),
                    Status.IN_PROGRESS),
}  # fmt: skip


def parse_rating(value: str) -> tuple[Rating, FfnRating | None] | None:
    """ "T", "Teen And Up Audiences", "PG-13", "M for violence", "Fiction K+" -> the rating."""
    v = " ".join(value.lower().replace("fiction ", "").split()).strip(" .")
    for prefix in ("teen and up", "general audience", "not rated"):
        if v.startswith(prefix):
            return _RATINGS[prefix]
    candidates = [v, v.split(" for ")[0].strip(), re.split(r"[\s(,;/]", v)[0].strip(" .")]
    for candidate in candidates:
        if candidate in _RATINGS:
            return _RATINGS[candidate]
    return None


def _warning_key(item: str) -> str:
    item = " ".join(item.lower().replace("non con", "non-con").split()).strip(" .")
    return item


def split_list(value: str) -> list[str]:
    """Comma- or semicolon-separated items, not cut inside brackets: "Cloud/Tifa, Zack & Aerith"
    is two relationships ("&" is AO3's friendship mark), "Tifa (Final Fantasy)" one."""
    items: list[str] = []
    depth = 0
    current = ""
    for char in value:
        if char in "([{":
            depth += 1
        elif char in ")]}":
            depth = max(0, depth - 1)
        if char in ",;" and depth == 0:
            items.append(current)
            current = ""
        else:
            current += char
    items.append(current)
    out: list[str] = []
    for item in items:
        item = item.strip()
        if item and item not in out:
            out.append(item)
    return out


_BRACKETS = re.compile(r"\[([^\]]+)\]")


def _characters(value: str) -> tuple[list[str], list[str]]:
    """Characters and the relationships FFN's "[Cloud S., Tifa L.] Zack F." writes."""
    pairs = ["/".join(split_list(group)) for group in _BRACKETS.findall(value)]
    flat = _BRACKETS.sub(lambda m: ", " + m.group(1) + ", ", value)
    return split_list(flat), [p for p in pairs if "/" in p]


def _genres(item: str) -> list[str]:
    # "Romance/Angst" is two genres, "Hurt/Comfort" one.
    protected = re.sub(r"hurt\s*/\s*comfort", "Hurt\0Comfort", item, flags=re.IGNORECASE)
    parts = re.split(r"\s*/\s*|\s+&\s+|\s+and\s+", protected)
    return [p.replace("\0", "/").strip() for p in parts if p.strip()]


def unquoted(text: str) -> str:
    text = unmarked(text)
    if len(text) > 1 and text[0] + text[-1] in ('""', "“”", "''", "‘’"):
        return text[1:-1].strip()
    return text


# -- gathering ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Found:
    """One recognised thing. ``field``: a WorkMeta field, "" for a line read and not kept, or
    ":<ChapterMeta field>" / ":title" for the chapter it belongs to (numbered later)."""

    field: str
    label: str
    value: str
    source: str


@dataclass(slots=True)
class PartMeta:
    """A chapter's own front matter as found (each rich value canonical HTML)."""

    title: str | None = None
    title_source: str = ""
    summary: list[str] = field(default_factory=list)
    notes_begin: list[str] = field(default_factory=list)
    notes_end: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    found: list[Found] = field(default_factory=list)

    def add(self, name: str, html: str, source: str) -> None:
        getattr(self, name).append(html)
        self.found.append(Found(f":{name}", CHAPTER_LABELS[name], preview(html), source))

    def take(self, other: PartMeta) -> None:
        """Add ``other``'s front matter before this one's (a header above chapter 1)."""
        if other.title and not self.title:
            self.title, self.title_source = other.title, other.title_source
        self.summary[:0] = other.summary
        self.notes_begin[:0] = other.notes_begin
        self.notes_end[:0] = other.notes_end
        self.warnings[:0] = [w for w in other.warnings if w not in self.warnings]
        self.found[:0] = other.found


@dataclass(slots=True)
class Part:
    """A chapter to be: its blocks and front matter, and the file it came from."""

    meta: PartMeta
    blocks: list[Block]
    source: str
    lines_are_paragraphs: bool = False
    exact: bool = False  # blocks as written (a file Ficwright wrote): nothing to tidy


@dataclass(slots=True)
class WorkFields:
    """The work fields gathered over a whole import: the first value found wins."""

    values: dict[str, Any] = field(default_factory=dict)
    found: list[Found] = field(default_factory=list)

    def offer(self, name: str, value: Any, source: str, *, quiet: bool = False) -> bool:
        """Set ``name`` unless it holds another value; lists are merged, and so are
        dedications ("For Hannelore, …" over "Dedicated to: the writing group"). True: taken."""
        current = self.values.get(name)
        if name == "dedication" and current and isinstance(value, str) and value not in current:
            value, current = current + value, None
            self.values.pop(name)
        if isinstance(value, tuple):
            merged = tuple(dict.fromkeys((*(current or ()), *value)))
            self.values[name] = merged
            if merged != current and not quiet:
                self.found.append(Found(name, label(name), preview_value(value), source))
            return True
        if current is None or current == "":
            self.values[name] = value
            if not quiet:
                self.found.append(Found(name, label(name), preview_value(value), source))
            return True
        return current == value

    def merge(self, other: WorkFields) -> None:
        """Another file's fields, where this import has none yet."""
        for name, value in other.values.items():
            self.offer(name, value, "", quiet=True)
        self.found.extend(other.found)


def preview(html: str, limit: int = 80) -> str:
    return shorten(plain_text(html).replace("\n", " "), limit)


def preview_value(value: Any) -> str:
    if isinstance(value, tuple):
        return shorten(", ".join(str(v) for v in value))
    if isinstance(value, str) and value.startswith("<"):
        return preview(value)
    return shorten(str(value))


def shorten(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- reading a header ----------------------------------------------------------------------


@dataclass(slots=True)
class _Token:
    block: int
    line: Line | None  # None: a separator block
    first: bool  # the first line of its block
    consumed: bool = False

    @property
    def text(self) -> str:
        return text_of(self.line) if self.line is not None else ""


@dataclass(slots=True)
class _Pending:
    """A field that may go on over the following lines."""

    key: str
    spelled: str
    tokens: list[_Token]
    lines: list[Line]
    open_block: bool  # the key stood alone: the next paragraph is its value


def _tokens(blocks: list[Block]) -> list[_Token]:
    tokens: list[_Token] = []
    for i, block in enumerate(blocks):
        if is_separator(block):
            tokens.append(_Token(i, None, True))
        elif not is_blank(block):
            tokens.extend(_Token(i, line, n == 0) for n, line in enumerate(lines_of(block)))
    return tokens


def _rebuild(blocks: list[Block], tokens: list[_Token]) -> list[Block]:
    by_block: dict[int, list[_Token]] = {}
    for token in tokens:
        by_block.setdefault(token.block, []).append(token)
    out: list[Block] = []
    for i, block in enumerate(blocks):
        mine = by_block.get(i)
        if not mine or not any(t.consumed for t in mine):
            out.append(block)
        elif mine[0].line is not None and not all(t.consumed for t in mine):
            out.append(block_of([t.line for t in mine if not t.consumed and t.line], block))
    return out


def read_labels(
    blocks: list[Block], work: WorkFields, part: PartMeta, *, work_scope: bool
) -> list[Block]:
    """A notes field's blocks (AO3's, an eFiction story's) without the labelled lines read
    into ``work`` and ``part``: every line is looked at, as the whole field is front matter.
    A chapter's text goes through ``edges`` instead, which finds where its story starts.

    ``work_scope``: the work's notes (a summary is the work's), else a chapter's."""
    reader = FieldWriter(work, part, work_scope=work_scope)
    tokens = _tokens(blocks)
    reader.scan(tokens)
    return _rebuild(blocks, tokens)


class FieldWriter:
    def __init__(self, work: WorkFields, part: PartMeta, *, work_scope: bool) -> None:
        self.work = work
        self.part = part
        self.work_scope = work_scope
        self.found_any = False

    def scan(self, tokens: list[_Token]) -> None:
        pending: _Pending | None = None
        dedications: list[_Token] = []  # "For X" lines
        for token in tokens:
            if token.line is None:  # a rule or symbol line
                pending = self._close(pending)
                continue
            text = token.text
            key = None if parse_heading(text) else match_key(text)
            if pending is not None and key is None:
                same = token.block == pending.tokens[-1].block and not token.first
                if same or (pending.open_block and token.first):
                    pending.open_block = False
                    pending.lines.append(token.line)
                    pending.tokens.append(token)
                    token.consumed = True
                    continue
            pending = self._close(pending)
            if key is None:  # "by wren": never inside a field's text
                key = match_key(text, loose=True)
            if key is not None:
                value = slice_line(token.line, key.value_start)
                if key.key in MULTILINE:
                    alone = not text_of(value).strip()
                    pending = _Pending(key.key, key.spelled, [token], [value], alone)
                    token.consumed = True
                    continue
                token.consumed = self.plain(key.key, key.spelled, text_of(value), text)
            elif cues.for_someone(text):
                dedications.append(token)
        self._close(pending)
        for token in dedications:
            self._dedication_line(token)

    # -- what a line was ----------------------------------------------------------------

    def _dedication_line(self, token: _Token) -> None:
        assert token.line is not None
        html = finish([block_of([strip_line(token.line)], Block("p"))])
        token.consumed = self.work.offer("dedication", html, _source(token.text))

    def _close(self, pending: _Pending | None) -> None:
        if pending is None:
            return None
        lines = [strip_line(x) for x in pending.lines]
        source = _source("\n".join(t.text for t in pending.tokens))
        if pending.spelled in PREFIXED and lines and not FOR_TO.match(text_of(lines[0])):
            lines[0] = [Run("For "), *lines[0]]  # "Dedicated to: Lou" -> "For Lou"
        html = finish([block_of(lines, Block("p"))])
        # A key with nothing after it reads nothing: the line stays.
        if not html or not self.rich(pending.key, html, source):
            for token in pending.tokens:
                token.consumed = False
        return None

    def rich(self, key: str, html: str, source: str) -> bool:
        if key == "notes":
            self.part.add("notes_begin", html, source)
            return True
        if key == "notes_end":
            self.part.add("notes_end", html, source)
            return True
        if key == "chapter_summary" or (key == "summary" and not self.work_scope):
            self.part.add("summary", html, source)
            return True
        return self.work.offer(key, html, source)

    def plain(self, key: str, spelled: str, value: str, line: str) -> bool:
        value = unquoted(value)
        if value.endswith("]") and "[" not in value:
            value = value[:-1].rstrip()  # "[Word count: 1804]"
        nothing = value.lower().strip(" .") in _NONE and "warning" not in key
        if value and (nothing or not value.strip(" /-–—.·*_")):
            # "Pairings (if any): /": the author left it empty on purpose
            self.work.found.append(Found("", f"{spelled.capitalize()} (left empty)", value, line))
            return True
        source = _source(line)
        offer = self.work.offer
        if key.startswith("ignore"):
            chapters = re.search(r"(?i)chapters:\s*(\d+)\s*/\s*(\d+|\?)", value)
            if chapters and chapters.group(2).isdigit():
                offer("expected_chapters", int(chapters.group(2)), source)
            what = "Word count" if key == "ignore_words" else "Statistics"
            self.work.found.append(Found("", f"{what} (not kept)", shorten(value), source))
            return True
        if not value:
            return False
        if key == "title":
            # "The Long Thaw (1/3)": the title, and how many parts the work has
            parts = re.search(r"\s*[(\[]\s*\d{1,3}\s*/\s*(\d{1,3})\s*[)\]]\s*$", value)
            if parts:
                offer("expected_chapters", int(parts.group(1)), source)
                value = value[: parts.start()]
            return offer("title", value, source)
        if key == "chapter_title":
            if self.part.title is None:
                self.part.title, self.part.title_source = value, source
                return True
            return self.part.title == value
        if key == "author":
            # "Lucciola_Notturna 12/05/2019 7 recensioni": the name, not the page's stats
            return offer("author", _AUTHOR_TAIL.sub("", value) or value, source)
        if key in ("fandoms", "relationships", "additional_tags"):
            return offer(key, tuple(split_list(value)), source)
        if key == "characters":
            names, pairs = _characters(value)
            if pairs:
                offer("relationships", tuple(pairs), source)
            return offer("characters", tuple(names), source)
        if key == "rating":
            found = parse_rating(value)
            if found is None:
                return False
            rating, ffn = found
            taken = offer("rating", rating, source)
            if taken and ffn is not None:
                offer("ffn_rating", ffn, source)
            return taken
        if key in ("warnings", "chapter_warnings"):
            return self._warnings(value, source, chapter=key == "chapter_warnings")
        if key == "category" and " > " in value:
            # eFiction's "Fandom > Subcategory": the fandom, then pairings or tags
            paths = [[c.strip() for c in p.split(" > ") if c.strip()] for p in value.split(",")]
            offer("fandoms", tuple(dict.fromkeys(p[0] for p in paths if p)), source)
            for rest in (c for p in paths for c in p[1:]):
                if "/" in rest:  # "Mara/Jun"
                    offer("relationships", (rest,), source)
                else:
                    self.plain("category", spelled, rest, line)
            return True
        if key == "category":
            categories: list[Category] = []
            genres: list[str] = []
            for item in split_list(value):
                for piece in [item] if item.lower() in _CATEGORIES else _genres(item):
                    if piece.lower() in _CATEGORIES:
                        categories.append(_CATEGORIES[piece.lower()])
                    else:
                        genres.append(piece)
            if categories:
                offer("categories", tuple(categories), source)
            if genres:
                offer("additional_tags", tuple(genres), source)
            return bool(categories or genres)
        if key == "language":
            return offer("language", value, source)
        if key in ("prompt_by", "prompt_collection"):
            return offer(key, value, source)
        if key == "series":
            m = re.match(r"(?i)part\s+(\d+)\s+of\s+(.+)", value)
            if m:
                taken = offer("series_name", m.group(2).strip(), source)
                return offer("series_part", int(m.group(1)), source) and taken
            return offer("series_name", value, source)
        if key == "status":
            status = _STATUS.get(value.lower().strip(" ."))
            return status is not None and offer("status", status, source)
        if key == "expected":
            m = re.match(r"\s*(\d+)\s*/\s*(\d+|\?)", value)
            if m is None:
                return False
            if m.group(2).isdigit():
                offer("expected_chapters", int(m.group(2)), source)
                if m.group(1) == m.group(2):
                    offer("status", Status.COMPLETE, source)
            return True
        return False

    def _warnings(self, value: str, source: str, *, chapter: bool) -> bool:
        archive: list[ArchiveWarning] = []
        other: list[str] = []
        for item in split_list(value):
            warning = _ARCHIVE_WARNINGS.get(_warning_key(item))
            if warning is None:
                other.append(item)
            elif chapter:  # "Chapter warnings: None" says nothing about the work
                if warning not in _NO_WARNING:
                    other.append(item)
            else:
                archive.append(warning)
        if archive:
            # Warnings combine on AO3 (otwarchive has no exclusivity rule): keep each one.
            merged = (*self.work.values.get("archive_warnings", ()), *archive)
            self.work.values.pop("archive_warnings", None)
            self.work.offer("archive_warnings", tuple(dict.fromkeys(merged)), source)
        if other:
            if chapter or not self.work_scope:
                self.part.warnings.extend(w for w in other if w not in self.part.warnings)
                self.part.found.append(Found(":warnings", "warnings", ", ".join(other), source))
            else:
                self.work.offer("content_warnings", tuple(other), source)
        return True


_SOME_KEY = re.compile(r"^[\s*_]*([^\W\d_][\w'’/.&() -]{0,30}?)[\s*_]*:")


def looks_keyed(text: str) -> bool:
    """A header line of a kind not read here ("Beta: Lou", "Song: ...")."""
    m = _SOME_KEY.match(text)
    return m is not None and len(m.group(1).split()) <= 3


# Keys no story sentence starts with: a line led by one is a header even when it is alone.
UNMISTAKABLE = {"a/n", "an", "a.n", "a/ns", "disclaimer", "disclaimers",
                 "cw", "cws", "tw", "tws", "cw/tw", "tw/cw"}  # fmt: skip
UNMISTAKABLE |= {k for k in _KEYS if "author" in k}
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)*_]*$")
_INNER_PUNCTUATION = re.compile(r"[,;:.!?…—]\s")


def reads_like_narration(value: str) -> bool:
    """A sentence with a clause in it ("the bridge is out, the sign said."), not a list
    ("character death, violence.") nor a one-line summary ("Cloud finds a letter.")."""
    value = unmarked(value).strip()
    if not _SENTENCE_END.search(value) or not _INNER_PUNCTUATION.search(value):
        return False
    return any(len(piece.split()) >= 4 for piece in re.split(r"[,;]", value))


def _source(text: str) -> str:
    return shorten(text.strip(), 120)
