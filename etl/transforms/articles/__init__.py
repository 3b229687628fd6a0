"""From a scraped news page (plain text with its menus, bylines and sidebars) to an article record.

``extract_article`` is a pure function: text in, `ArticleRecord` out, no I/O, no clock.

How a page is read
==================

1. **Lines and offsets.** The raw text is split on CRLF / CR / LF (and U+2028/U+2029, VT, FF).
   Every line keeps its span in the *original* string, trimmed of surrounding blanks. Text used
   for analysis and for the body is produced by `normalize_block` from a raw span: C1 control
   characters are read as the cp1252 characters they stand for (``\\x92`` -> ``’``), no-break and
   thin spaces become spaces, zero-width characters and soft hyphens are removed, then NFC, then
   runs of whitespace collapse to one space. Because that normalization is applied to a whole raw
   span at a time, no character-level offset map is needed: for every segment,
   ``normalize_block(raw_text[s.raw_start:s.raw_end]) == body[s.body_start:s.body_end]``
   (a block made of several hard-wrapped lines has its line breaks turned into spaces).

2. **Blocks.** Consecutive non-blank lines normally are separate blocks (scrapers put one
   paragraph per line). Lines are joined into one block only when the page looks hard-wrapped
   (many lines of nearly the same maximal width) or when a line stops mid-sentence and the next
   one starts in lower case.

3. **Features per block.** Length in words; whether it ends like a sentence (``. ! ? …``, possibly
   before closing quotes); number of sentences; function-word density (articles, prepositions,
   pronouns and auxiliaries of fr/en/es/pt/it/de/nl); a finite-verb cue (auxiliaries, common
   reporting verbs, subject pronouns, imperfect/conditional endings); capitalisation; indentation;
   whether it only repeats the title or another block, or is a truncated ("…") copy of another
   block; whether it is a date line (a date expression plus only meta words such as "Publié le",
   times, weekdays); and *markers*: general web-furniture conventions (teasers such as "Lire
   aussi :", sidebar headings such as "Les plus lus", comment forms, share/follow widgets, reading
   time, photo captions and credits, copyright lines, bylines, "Source :", breadcrumbs, including
   two-level section paths such as "Politique / Afrique centrale"; consent banners, i.e. a short
   block about cookies/trackers that addresses the reader or speaks for the site, and their
   headings, made only of consent vocabulary: "Gestion des cookies", "Cookie settings").

4. **Zones.** *Running text* starts at the first substantial paragraph (a sentence-like block of
   25+ words, or of 2+ sentences and 15+ words) or at the first of two consecutive sentence
   paragraphs of 15+ words; headline/summary cards never form such a run. The *title* is found in
   the header before it: a line "<title> - <outlet>" (also |, –, —) whose title part repeats on the
   page, or that is the first headline and reads as one (its first part longer than the second and
   not in capitals: "SITE · tagline" is a masthead), else the best-scoring headline-shaped line
   (3-30 words, not a date, rubric, menu word, caption or truncated teaser), scored on: repetition
   on the page, no final period, followed by a byline/date/widget or by text, not inside running
   text, not a longer standfirst right under a shorter headline, not all capitals. The *story*
   starts at the first sentence-like block after the title (without a title: at the running text,
   extended backwards over adjacent sentences). Inside the story, sentence-like blocks are kept;
   everything else is dropped without ending the story (subheadings, inline related headlines,
   captions, teasers, share/follow widgets, date lines, repetitions of the title or of a kept
   block). The story ends for good at a sidebar/footer heading ("Recommandé pour vous", "Les plus
   lus", "AUTRES INFOS", "Articles similaires", "Tags :" ...), a comment form or a copyright line.
   A standalone teaser heading ("À lire aussi", "Sur le même sujet") or a run of three or more
   headline-shaped lines opens a *soft* footer that the story resumes from only with real
   paragraphs (a long one followed by another sentence). Finally, a tail of three or more
   "headline + one-sentence summary" pairs whose summaries are much shorter than the story's
   paragraphs is a list of other stories and is removed.

5. **Metadata.** Author from a byline ("Par X", "By X", "• Par X", "Auteur : X"), else from the
   story's own signature: a name before a wire dateline ("par X SHANGHAI, ... (Reuters)"), "Avec
   notre correspondant à Y, X", "(Reportage X et Z; version française ...)", or a name alone on the
   line after the story that is no office holder of the reviewed list. Outlet, most explicit
   statement first: the title suffix; else the page's last copyright notice ("© 2025 X", "Copyright
   © X", "X © 2024", "X © Copyright – Tous droits réservés", "X – Tous droits réservés", or "© X" as
   an item of a footer strip of links such as "Mentions légales"), read on the raw line split at its
   item separators (runs of spaces, |, ·, •, dashes), the name being a short capitalised proper
   name; a © with no year, rights phrase or footer link beside it, or with a caption before it, is a
   photo credit; else "Source : X" (it may name an agency whose copy is reproduced); else the
   masthead: a short brand-like line (or the first item of "X · tagline") at the top of the page,
   above the first menu strip and not right above the title (the rubric slot), that is no menu entry
   and comes back as a whole item below the story (footer strip, credit); else the news agency the
   story is credited to, as printed (``article_agency_credits.tsv``): "(Reuters)" where a dateline
   puts it, a line "AFP" or "Athènes, AFP", a paragraph opening on "AGI -" or closing on ". AFP";
   else none. Section from a rubric or breadcrumb just above the title. The publication date is
   chosen by zone, best first: a date line or a dated byline between the title and the story (or
   among the first story blocks), preferring "Publié" over "Mis à jour"; a dateline opening one of
   the first story paragraphs ("Bamako, le 1er août 2024 – ..."); an explicit "Publié le ..." line
   after the story; last, a date line just above the title, unless it is written in another language
   than the page (a theme's "today" widget) or equals the fetch date. Dates inside story sentences,
   dates without a year and dates in the footer are never publication dates; a date after
   ``fetched_date`` is rejected.
"""

from etl.transforms.articles.extract import extract_article
from etl.transforms.articles.normalize import normalize_block

__all__ = ["extract_article", "normalize_block"]
