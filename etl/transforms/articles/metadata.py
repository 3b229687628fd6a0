"""Article metadata besides the date: the section (rubric or breadcrumb above the title), the
outlet (title suffix, copyright notice, "Source :" line, masthead) and the author (byline).
"""

from __future__ import annotations

import re

from etl.transforms.articles.furniture import BREADCRUMB_SPLIT_RE
from etl.transforms.articles.model import Block, Title
from etl.transforms.articles.normalize import (
    LINE_BREAK_RE,
    WS_RE,
    core_text,
    ends_sentence,
    normalize_block,
    repeat_key,
)
from etl.transforms.articles.structure import section_like
from etl.transforms.articles.vocabulary import (
    AGENCY_ALTERNATION,
    AGENCY_CREDITS,
    CONNECTORS,
    FOOTER_LINKS,
    PHOTO_AGENCIES,
    PUBLIC_FIGURES,
    SIDEBAR_HEADINGS,
    STOPWORDS,
    TAIL_CREDIT_RE,
    UI_WORDS,
)
from etl.transforms.text import fold_match


def find_section(blocks: list[Block], title: Title | None) -> str | None:
    if title is None:
        return None
    for b in reversed(blocks[max(0, title.index - 3) : title.index]):
        if b.kind == "breadcrumb":
            if not re.search(r"[>»›/]", b.text):
                continue  # "A | B | C" is a menu, not a path to this page
            parts = [p for p in BREADCRUMB_SPLIT_RE.split(b.text) if p]
            last = parts[-1].strip() if parts else ""
            if last and fold_match(last) not in UI_WORDS and len(last.split()) <= 4:
                return last
            continue
        if b.kind is not None or b.is_date_line:
            continue
        if section_like(b) and fold_match(b.text) not in UI_WORDS:
            return b.text
        return None
    return None


# Footer strips and notices are saved with their items apart: runs of spaces, a tab, or a pipe,
# middle dot, bullet or dash between spaces ("À propos   Mentions légales   © Site").
_FOOTER_SEP_RE = re.compile(r"\s{2,}|\t|\s+[|·•◆▪–—]\s+|\s+-\s+")

_NOTICE_MARK_RE = re.compile(r"©|\(c\)|\bcopyright\b", re.IGNORECASE)

_NOTICE_YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b(?:\s*[-–]\s*(?:19|20)\d{2}\b)?")

_RIGHTS_TEXT_RE = re.compile(
    r"(?:tous\s+)?droits\s+(?:de\s+reproduction\s+)?r[ée]serv[ée]s|all\s+rights\s+reserved",
    re.IGNORECASE,
)


def _raw_segments(raw: str, b: Block) -> list[str]:
    """The items of a block as saved (split where the raw line has footer separators)."""
    items: list[str] = []
    for line in LINE_BREAK_RE.split(raw[b.raw_start : b.raw_end]):
        for piece in _FOOTER_SEP_RE.split(line):
            text = normalize_block(piece)
            if text:
                items.append(text)
    return items


def _strip_notice(text: str) -> str:
    """What is left of a notice once ©, "Copyright", years and "all rights reserved" are gone."""
    text = _RIGHTS_TEXT_RE.sub(" ", text)
    text = _NOTICE_MARK_RE.sub(" ", text)
    text = _NOTICE_YEAR_RE.sub(" ", text)
    text = WS_RE.sub(" ", text).strip(" .,;:-–—|")
    return re.split(r"\s*[.|,–—]\s+|\s+-\s+", text, maxsplit=1)[0].strip(" .,;:-–—|")


def _brand_like(name: str) -> bool:
    """A short proper name (a site's name), not a sentence, a credit, a link or a menu word."""
    words = name.split()
    if not 1 <= len(words) <= 6 or len(name) > 50:
        return False
    if re.search(r"[!?;:«»\"“”()/@©]", name) or name.endswith("."):
        return False
    domain_like = bool(re.fullmatch(r"[\w.-]+\.[a-z]{2,6}", name, re.IGNORECASE))
    if not (name[0].isupper() or name[0].isdigit() or domain_like):
        return False
    folded = fold_match(name)
    if folded in PHOTO_AGENCIES or folded in UI_WORDS or folded in FOOTER_LINKS:
        return False
    if folded in SIDEBAR_HEADINGS:
        return False
    # Names are capitalised: most of their content words start upper case ("Le Courrier du
    # Fleuve", "L'Éclaireur d'Abidjan"), unlike a caption's words ("Le ministre à Dakar").
    content = [
        w
        for w in re.findall(r"[^\W\d_][\w'’.-]*", name)
        if fold_match(w) not in STOPWORDS
        and fold_match(w) not in CONNECTORS
        and not fold_match(w).startswith(("d'", "l'"))
    ]
    if not content and not re.search(r"[^\W\d_]", name):
        return False
    upper = sum(1 for w in content if w[0].isupper())
    return not content or upper >= 2 / 3 * len(content)


def _notice_owner(items: list[str]) -> str | None:
    """The site named by a copyright notice: "© 2025 Site", "Copyright © Site", "Site © 2025",
    "Site © Copyright – Tous droits réservés", "© Site" among a footer strip's links, or
    "Site – Tous droits réservés". A photo credit ("Légende. © Agence / Photographe") is no
    notice: no year, rights or footer links beside it, or a caption before the mark."""
    has_rights = any(_RIGHTS_TEXT_RE.search(item) for item in items)
    nav = any(core_text(fold_match(item)).rstrip(" ?") in FOOTER_LINKS for item in items)
    for i, item in enumerate(items):
        mark = _NOTICE_MARK_RE.search(item)
        if mark is None:
            continue
        evidence = (
            has_rights or nav or _NOTICE_YEAR_RE.search(item) or "copyright" in fold_match(item)
        )
        if not evidence:
            continue
        before = item[: mark.start()].strip(" -–—|:")
        after = _strip_notice(item[mark.end() :])
        if before:
            # "Site © 2025": the name precedes the mark, nothing but notice words follow it; a
            # sentence before the mark is a caption.
            name = "" if after or ends_sentence(before) else _strip_notice(before)
        else:
            name = after
            if not name and i + 1 < len(items) and not _RIGHTS_TEXT_RE.search(items[i + 1]):
                name = _strip_notice(items[i + 1])  # "© 2025 | Site"
        if name and _brand_like(name):
            return name
    for i, item in enumerate(items):
        # "Site – Tous droits réservés" (no mark): the name opens the item, or is the one before.
        rights = _RIGHTS_TEXT_RE.search(item)
        if rights is None or _NOTICE_MARK_RE.search(item):
            continue
        name = _strip_notice(item[: rights.start()])
        if not name and i > 0 and not _NOTICE_MARK_RE.search(items[i - 1]):
            name = _strip_notice(items[i - 1])
        if name and _brand_like(name):
            return name
    return None


def _copyright_owner(raw: str, blocks: list[Block], skip: set[int]) -> str | None:
    """The owner in the page's copyright notice, the last one on the page (the footer's)."""
    for b in reversed(blocks):
        if b.index in skip:
            continue
        if not (_NOTICE_MARK_RE.search(b.text) or _RIGHTS_TEXT_RE.search(b.text)):
            continue
        items = _raw_segments(raw, b)
        if len(items) > 40:
            continue
        owner = _notice_owner(items)
        if owner is not None:
            return owner
    return None


def _header_brand(raw: str, blocks: list[Block], title: Title, footer_from: int) -> str | None:
    """The site's name as a page's masthead gives it: a short brand-like line (or the first
    item of "Site · tagline") at the top of the page, above the first menu strip and not in the
    rubric slot right above the title, that comes back as a whole item below the story (footer
    strip, notice, photo credit). Without the repetition it could be a rubric: no outlet."""
    menus: list[tuple[int, set[str]]] = []
    for b in blocks[: title.index]:
        items = _raw_segments(raw, b)
        if len(items) >= 3:
            menus.append((b.index, {repeat_key(item) for item in items}))
    top = min([idx for idx, _ in menus], default=title.index)
    header = [
        b
        for b in blocks[: max(0, min(top, title.index - 1))]
        if b.kind is None and not b.is_date_line and b.n_words <= 25
    ][:2]
    if not header:
        return None
    footer_names: dict[str, str] = {}
    for b in blocks[footer_from:]:
        for item in _raw_segments(raw, b):
            for part in re.split(r"\s+/\s+", item):
                name = _strip_notice(part)
                if name:
                    footer_names.setdefault(repeat_key(name), name)
    for b in header:
        items = _raw_segments(raw, b)
        if not items or not _brand_like(items[0]):
            continue
        key = repeat_key(items[0])
        if not key or any(key in keys for _, keys in menus):
            continue  # a menu entry, not the site's name
        if key in footer_names:
            name, other = items[0], footer_names[key]
            return other if name.isupper() and not other.isupper() else name
    return None


def find_outlet(
    raw: str, blocks: list[Block], title: Title | None, kept: list[Block]
) -> str | None:
    """The site's name, most explicit statement first: the title suffix ("Title | Site"), the
    copyright notice (the site's own statement of its name), a "Source :" line (which may name
    an agency whose copy is reproduced), then a header brand line that the footer repeats."""
    if title is not None and title.outlet:
        return title.outlet
    skip = {b.index for b in kept}
    if title is not None:
        skip.add(title.index)
    owner = _copyright_owner(raw, blocks, skip)
    if owner is not None:
        return owner
    for b in blocks:
        if b.kind == "source":
            value = b.text.split(":", 1)[1].strip(" .")
            value = re.split(r"\s*[,;(]\s*", value)[0].strip()
            if value and len(value.split()) <= 6:
                return value
    if title is not None:
        footer_from = kept[-1].index + 1 if kept else title.index + 1
        brand = _header_brand(raw, blocks, title, footer_from)
        if brand is not None:
            return brand
    return _agency_credit(blocks, title, kept)


# "(AFP)", "PARIS, 9 janvier (Reuters) -", "(AFP/Belga)"; in print the credit is written as the
# agency writes it, so the match keeps case ("(ap)" is not a credit).
_PAREN_CREDIT_RE = re.compile(rf"\((?P<credit>{AGENCY_ALTERNATION})(?:\s*[/,]\s*[^()]{{1,30}})?\)")
# A line that is the credit alone, maybe bulleted or after the place: "AFP", "• AFP", "Athènes,
# AFP".
_LINE_CREDIT_RE = re.compile(
    rf"(?:[•·*–—-]\s*)?(?:[A-ZÀ-Ý][\w'’ -]{{0,30}},\s*)?(?P<credit>{AGENCY_ALTERNATION})\.?"
)
# A paragraph that opens on the credit: "AGI - La présidente ...", "AA / Istanbul / <author>".
_LEAD_CREDIT_RE = re.compile(rf"(?P<credit>{AGENCY_ALTERNATION})\s*(?:[-–—/]|\.-)\s")


def _dateline_credit(text: str, m: re.Match[str]) -> bool:
    """A credit in parentheses signs the copy where a dateline puts it: at the start of the
    paragraph, after a place in capitals ("SEOUL (Reuters)"), before the dash that opens the
    story, or at the paragraph's end. Elsewhere it glosses a name ("l'Agence France-Presse
    (AFP) a constaté")."""
    before, after = text[: m.start()].rstrip(), text[m.end() :].lstrip(" .")
    if not before or not after or after[0] in "-–—:":
        return True
    last = before.split()[-1].strip(",")
    return (len(last) >= 2 and last.isupper()) or last[-1].isdigit()


def _agency_credit(blocks: list[Block], title: Title | None, kept: list[Block]) -> str | None:
    """The news agency the story is credited to, as the page prints it, looked for between the
    title and the line after the story (a teaser further down may carry another story's
    credit): a credit in parentheses first (the dateline's "(Reuters) -"), then a line that is
    the credit alone or opening a paragraph, then the last words of the story or of the line
    after it."""
    if not kept:
        return None
    start = title.index + 1 if title is not None else kept[0].index
    region = blocks[min(start, kept[0].index) : kept[-1].index + 2]
    for b in region:
        for paren in _PAREN_CREDIT_RE.finditer(b.text):
            if _dateline_credit(b.text, paren):
                return paren.group("credit")
    for b in region:
        line = b.text.strip()
        if alone := _LINE_CREDIT_RE.fullmatch(line) or _LEAD_CREDIT_RE.match(line):
            return alone.group("credit")
    for b in blocks[kept[-1].index : kept[-1].index + 2]:
        if tail := TAIL_CREDIT_RE.search(b.text.strip()):
            return tail.group("credit")
    return None


_NAME_WORD = r"[A-ZÀ-Ý][a-zà-ÿ'’-]+"
# Wire and radio copy sign in the story itself: "par Casey Hall SHANGHAI, 25 novembre
# (Reuters) -" (the name runs into the dateline's place in capitals), "Avec notre correspondant
# à Moscou, <name>", "(Reportage <names>; version française ...)".
_DATELINE_BYLINE_RE = re.compile(
    rf"[Pp]ar\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}}?)\s+"
    r"(?=[A-ZÀ-Ý]{2,}[\s,/])"
)
_CORRESPONDENT_RE = re.compile(
    r"Avec (?:notre|nos) (?:envoyée?s? spéciale?s?|correspondante?s?)\b[^,]{0,50},\s*"
    r"(?P<name>[^,.;()]{3,60}?)\s*$"
)
_REPORTING_RE = re.compile(
    r"\((?:Reportage|Reporting)\s+(?P<name>[^;()]+?)"
    r"(?=\s*(?:;|\)|,\s*(?:rédigé|édité|écrit|version)|\savec\s))"
)
# A story signed by a name alone on its last line ("Jephté Matondo").
_SIGNATURE_RE = re.compile(rf"(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{1,2}})[^\w]*")


def find_author(
    blocks: list[Block], title: Title | None, end: int, kept: list[Block]
) -> str | None:
    """The byline's name; else the story's own signature: a name before the wire dateline, the
    correspondent a radio report credits, a wire's reporting credit, a name on the last line."""
    after = [b for b in blocks[:end] if b.author and (title is None or b.index > title.index)]
    before = [b for b in blocks[:end] if b.author and title is not None and b.index < title.index]
    for b in after + before:
        return b.author
    if not kept:
        return None
    if m := _DATELINE_BYLINE_RE.match(kept[0].text):
        return m.group("name")
    for b in blocks[(title.index + 1 if title else 0) : end]:
        if m := _CORRESPONDENT_RE.match(b.text):
            return m.group("name")
    for b in reversed(kept):
        m = _REPORTING_RE.search(b.text)
        if m and m.group("name").strip() not in AGENCY_CREDITS:
            return m.group("name").strip()
    last = blocks[kept[-1].index + 1 : kept[-1].index + 2] if kept[-1].index + 1 < end else []
    for b in (*last, kept[-1]):
        m = _SIGNATURE_RE.fullmatch(b.text.strip())
        if m is None:
            continue
        folded = fold_match(m.group("name"))
        if folded.split()[0] not in STOPWORDS and folded not in PUBLIC_FIGURES:
            return m.group("name")
    return None
