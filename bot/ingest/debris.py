"""Rules for debris lines that no article body holds: player strings, sign-up blurbs, link blocks.

These are certain cases, applied on top of the learned line classifier (and alone on the text
trafilatura extracts from HTML). Each rule names the kind of debris it found.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from bot.ingest.linefeatures import Line, ends_sentence, is_credit
from bot.ingest.markup import strip_tags
from bot.text import word_count

_RELATED_ELSEWHERE = (
    r"(?:lesen sie auch|lesen sie mehr|mehr zum thema|das könnte sie auch interessieren|weitere artikel|"
    r"ähnliche artikel|à lire aussi|a lire aussi|lire aussi|sur le même sujet|articles similaires|"
    r"lee también|lea también|te puede interesar|noticias relacionadas|artículos relacionados|"
    r"leia também|veja também|notícias relacionadas|artigos relacionados|leggi anche|articoli correlati|"
    r"lees ook|gerelateerde artikelen|czytaj też|czytaj także|zobacz też|zobacz także|čtěte také|"
    r"související články|читайте также|похожие статьи|関連記事|関連ニュース|相关阅读|相关新闻|相關新聞|"
    r"相关文章|관련\s?기사)"
)
"""The "Read more" / "Related articles" heading in other languages (German, French, Spanish,
Portuguese, Italian, Dutch, Polish, Czech, Russian, Japanese, Chinese, Korean)."""

_SHARE_ELSEWHERE = (
    r"(?:ツイート|シェア|シェアする|いいね！?|コメント|コメントする|印刷|LINEで送る|分享|分享到|评论|評論|转发|收藏|"
    r"打印|공유|공유하기|댓글|teilen|drucken|kommentare|kommentieren|artikel teilen|partager|"
    r"partager cet article|imprimer|commentaires|commenter|compartir|imprimir|comentarios|comentar|"
    r"compartilhar|partilhar|comentários|condividi|stampa|commenti|commenta|delen|reacties|afdrukken|"
    r"udostępnij|drukuj|komentarze|поделиться|комментарии|печать|sdílet|komentáře|tisk)"
)
"""Share, print and comment buttons in other languages (Japanese, Chinese, Korean, German, French,
Spanish, Portuguese, Italian, Dutch, Polish, Russian, Czech): "ツイート", "シェアする", "分享到:",
"Teilen"."""

_COMMENT_VERB = (
    r"(?:says|said|wrote|sagt|schreibt|schrieb|dit|a dit|écrit|a écrit|dice|dijo|escribió|disse|escreveu|"
    r"ha detto|scrive|ha scritto|zegt|schreef|pisze|napisał|napsal|говорит|пишет|написал)"
)
_COMMENT_AUTHOR = re.compile(
    rf"^\S.{{0,80}}?\s{_COMMENT_VERB}(?:\s.{{0,40}})?\s?:$|^\S.{{0,60}}(?:より|说|說)\s?[:：]$", re.I
)
"""A comment's author line, as blog software prints it: "joetoronto says:", "Jamie Cassidy on
November 15, 2018 at 10:12 am said:", "Nikhil Marathe wrote on March 11th, 2015 at 08:00:",
"Anna sagt:", "Marie dit :"."""
_COMMENT_HEAD = re.compile(
    r"^\d+\s+(?:comments?|responses?|replies|thoughts|reactions|kommentare|antworten|commentaires|"
    r"réponses|comentarios|respuestas|comentários|respostas|commenti|risposte|reacties)\s+"
    r"(?:on|to|zu|auf|sur|à|en|a|para|em|su|op)\s+[“\"„«‘'‚‹「]"
    r"|^(?:leave a (?:reply|comment)|post a comment|post your comment|write a comment|"
    r"schreibe? einen kommentar|kommentar (?:verfassen|schreiben)|hinterlasse einen kommentar|"
    r"laisser un commentaire|laisser une réponse|deja (?:un comentario|una respuesta)|"
    r"deixe (?:um comentário|uma resposta)|lascia un commento|lascia una risposta|"
    r"laat een reactie achter|reageer)\W*$",
    re.I,
)
"""A comment thread's heading: "34 responses to “Anthony Lynn: …”", "6 thoughts on “…”",
"3 Kommentare zu „…“", and the reply form's: "Leave a Reply", "Deixe uma resposta"."""
COMMENT_STAMP_WORDS = 10
"""A comment's date line under its author line ("November 19, 2019 at 6:34 am") is this short."""


_STAMP = re.compile(
    r"\b\d{1,2}[:h]\d{2}\b|\b(?:19|20)\d{2}\b|\b\d+\s*(?:[smhdwy]|secs?|seconds?|minutes?|mins?|hours?|hrs?|"
    r"days?|weeks?|months?|years?)\s+ago\b|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d+\s*[年月日時分]",
    re.I,
)


def _stamp(text: str) -> bool:
    """Whether a line is a short date or time stamp (a comment's, under its author line): a time,
    a year or "N hours ago" in at most ``COMMENT_STAMP_WORDS`` words that are not a sentence.

    >>> _stamp("November 19, 2019 at 6:34 am"), _stamp("19. November 2019 um 06:34 Uhr")
    (True, True)
    >>> _stamp("The vote was held in 2019."), _stamp("Sign in")
    (False, False)
    """
    if len(text.split()) > COMMENT_STAMP_WORDS or not _STAMP.search(text):
        return False
    return not ends_sentence(text) or text.endswith(("a.m.", "p.m.", "Uhr.", "h."))


COPYRIGHT = re.compile(
    r"©\s*(?:19|20)\d{2}|\bcopyright\s*(?:©\s*)?(?:19|20)\d{2}|\ball rights reserved\b", re.I
)
"""A page's copyright footer: "© 2019 CBS Interactive Inc. All Rights Reserved."."""
STAMP_GAP = 4
"""In a list of teasers or records, each item's date line is at most this many lines below the last."""
STAMP_RUN = 3
"""A list has at least this many date lines."""


def stamp_runs(lines: Sequence[Line]) -> list[bool]:
    """Which lines are the date lines of a list: ``STAMP_RUN`` or more short date or time lines
    (``_stamp``), each at most ``STAMP_GAP`` lines below the one before ("32M ago", "1H ago",
    "14H ago" under teasers; the dates of a comment thread or an archive's months).

    >>> from bot.ingest.linefeatures import split_lines
    >>> page = ("Ships banned\\n2H ago\\nPort closes\\nA storm shut it.\\n5H ago\\nRates rise\\n"
    ...         "Nov 16, 2019\\nThe end.")
    >>> [i for i, s in enumerate(stamp_runs(split_lines(page))) if s]
    [1, 4, 6]
    """
    stamps = [i for i, ln in enumerate(lines) if _stamp(ln.text)]
    out = [False] * len(lines)
    run: list[int] = []
    for i in [*stamps, len(lines) + STAMP_GAP + 1]:
        if run and i - run[-1] > STAMP_GAP:
            if len(run) >= STAMP_RUN:
                for j in run:
                    out[j] = True
            run = []
        run.append(i)
    return out


def comment_author(lines: Sequence[Line], i: int) -> bool:
    """Whether line ``i`` heads a reader's comment: an author line ending in "says:" (or "wrote:",
    "sagt:", "dit :", ...) that carries its date, or has a date line right under it.

    A quoted speaker in an article ("Makali wrote:") has no date with it.

    >>> from bot.ingest.linefeatures import split_lines
    >>> lines = split_lines("joetoronto says:\\nNovember 19, 2019 at 6:44 am\\nIt is over.\\n"
    ...                     "Makali wrote:\\nSkins.")
    >>> [comment_author(lines, i) for i in range(5)]
    [True, False, False, False, False]
    """
    text = lines[i].text
    if len(text) > 160 or not text.endswith((":", "：")) or not _COMMENT_AUTHOR.match(text):
        return False
    if _STAMP.search(text):
        return True
    return i + 1 < len(lines) and _stamp(lines[i + 1].text)


_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "video player",
        re.compile(
            r"video (?:loading|unavailable|player)|click to play|tap to play|will auto-?play|"
            r"^(?:play|replay|pause|mute|unmute|watch|play now|play video|watch video|watch now|video)$|"
            r"^now playing\b|^up next\b|^autoplay\b|^[▶►]\s*\d{1,2}:\d{2}$|"
            r"^\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?$|"
            # a running time in words: "1m 48s", "Duration: 1 minute 48 seconds"
            r"^\d{1,2}m\s?\d{1,2}s$|^duration\s*:\s*(?:\d+\s*(?:hours?|minutes?|seconds?|h|m|s)\b\s*)+$|"
            r"^scroll down for (?:the )?(?:video|more)\W*$|"
            # a video's title: "WATCH: Drone footage shows scale of landslip", "WATCH | Tenants cheer
            # as council passes rent cap" (no full stop)
            r"^(?:watch|video|watch video)\s*[:|]\s*[^.!?]{5,120}$",
            re.I,
        ),
    ),
    (
        # a live blog's banner: "LIVE UPDATES: Power map ... follow our live coverage of ..."
        "live banner",
        re.compile(
            r"^live(?: updates| blog| coverage)?\s*[:|]\s*.{0,200}"
            r"\b(?:follow|read)\s+(?:our|along|the)\b.{0,30}\blive\b",
            re.I,
        ),
    ),
    (
        "newsletter",
        re.compile(
            r"\bnewsletters?\b.{0,80}\b(?:sign ?up|subscribe|inbox|sends you)|\bsign up\b.{0,40}\bnewsletter|"
            r"^sign ?up\b|when you subscribe|thank you for subscribing|invalid email|"
            r"straight to your inbox|^subscribe(?: now| today| here)?\W*$|unsubscribe at any time|"
            r"enter your email|your email address|^after newsletter promotion$|"
            r"^(?:your e-?mail(?: address)?|e-?mail address)\W*$|"
            r"^sign me up\W*$|^we use your sign-?up\b|^by clicking (?:subscribe|sign up)\b|"
            # "By signing up, you agree to our Terms of Service and Privacy Policy."
            r"^by (?:signing up|subscribing|registering|submitting|continuing)\b"
            r".{0,40}\byou(?: also)? agree\b|"
            r"^(?:get|receive) (?:the|our) (?:[\w'’&-]+\s+){1,4}"
            r"(?:briefing|newsletter|digest|bulletin|alerts)$|"
            r"^(?:free\s+)?(?:daily|weekly|monthly)\s+(?:newsletter|briefing|email)$",
            re.I,
        ),
    ),
    (
        "privacy or cookie notice",
        re.compile(
            r"\b(?:we|this (?:site|website)) uses? cookies\b|\bcookie (?:policy|settings|preferences)\b|"
            r"^(?:accept|reject)(?: all)?(?: cookies)?$|privacy (?:policy|notice)\b.{0,60}"
            r"\b(?:explains|read|see|our)\b|^privacy (?:policy|notice)$|^(?:terms of (?:use|service)|"
            r"all rights reserved\.?)$|©\s*\d{4}|\bcopyright \d{4}|^privacy notice\s*:|"
            # "Copyright The Kestrel Ledger Limited 2025. All rights reserved."
            r"^copyright\b.{0,80}\ball rights reserved\.?$|"
            r"\bnewsletters? may contain\b|"
            # "Your information is being handled in accordance with the ABN Privacy Collection Statement."
            r"^your (?:information|data|details|personal information) (?:is|are|will be) (?:being )?"
            r"(?:handled|used|processed|collected)\b.{0,60}\b(?:privacy|accordance)\b",
            re.I,
        ),
    ),
    (
        "read more / related",
        re.compile(
            r"^(?:read more|read next|related|related articles?|related stories|related content|"
            r"related coverage|more on this(?: story)?|more stories|more from [\w ]{1,30}|"
            r"recommended(?: for you)?|you may also like|you might also like|don't miss|"
            r"most (?:read|popular|viewed)|trending(?: now)?|top stories|see also|also read)\W*$|"
            r"^(?:read more|read next|related|see also|also read|more)\s*:|"
            rf"^\W*{_RELATED_ELSEWHERE}\W*$",
            re.I,
        ),
    ),
    (
        "share / follow / comment prompt",
        re.compile(
            r"^(?:share|share this(?: article| story| page)?|share on \w+|tweet|email|print|copy link|"
            r"comments?|\d+ comments?|show comments|view comments|leave a comment|add a comment|"
            r"join the conversation|have your say|follow us(?: on [\w ]+)?|follow [\w@ ]{1,30} on \w+|"
            r"like us on facebook|"
            r"facebook|twitter|instagram|whatsapp|linkedin|pinterest|reddit|flipboard|messenger|"
            r"advertisement|sponsored(?: content)?|ad|ad feedback|skip (?:ad|advert)|back to top|"
            r"continue reading(?: below)?|story continues below(?: advertisement)?"
            r"|gift (?:this )?article)\W*$"
            rf"|^{_SHARE_ELSEWHERE}\W*$"
            # a share button with its count: "teilen17", "Tweet 0", "Comments (74)"
            r"|^(?:share|shares|tweet|email|print|pin|like|likes|comments?|facebook|twitter|linkedin|"
            r"whatsapp|pinterest|reddit|teilen|tweeten|partager|compartir|condividi|delen)\s*"
            r"\(?\d[\d,.]*[km]?\)?$"
            # "View comments (27)", "Read 12 comments", "Kommentare lesen (1 Beitrag)"
            r"|^(?:read|view|show|see) (?:all )?(?:\d+ )?comments?(?: \(\d+\))?\W*$"
            r"|^kommentare (?:lesen|anzeigen)\b.{0,30}$"
            # "Click to print (Opens in new window)", "Click to share on X (Opens in new window)"
            r"|^click to (?:share|print|email|e-mail)\b.{0,60}$"
            # "Join the Northmoor Echo WhatsApp community for breaking news sent straight to your phone."
            r"|^join (?:the|our) [\w&'’ -]{1,40} (?:whatsapp|telegram|signal)"
            r" (?:community|channel|group)\b.{0,200}$"
            # "Commenting is disabled for this story. Join the discussion on our Facebook page."
            r"|^(?:commenting|comments) (?:is|are|has been|have been) (?:disabled|closed|turned off)\b"
            # "Download the Sentinel app for breaking news alerts and the live restoration map."
            # "Get breaking news alerts on your phone. Download the free KRCW 4 News app for iPhone."
            r"|^(?:get (?:breaking )?news alerts\b[^.]{0,60}\.\s+)?"
            r"(?:download|get) (?:the|our) (?:free )?[\w&'’ -]{1,30} app\b.{0,120}$"
            # "Have your say. Comments are moderated and must follow our community guidelines."
            r"|^(?:have your say|join the conversation)\b.{0,160}\bcomments? (?:are|is) "
            r"(?:moderated|reviewed)\b",
            re.I,
        ),
    ),
    (
        "listen / reading time / live prompt",
        re.compile(
            r"^(?:listen to (?:this )?(?:article|story|page)|listen(?: now)?|audio (?:version|article))\W*"
            r"(?:\d+\s*(?:min|mins|minutes?)\W*)?$"
            r"|^(?:(?:reading|read|listening) time\s*:?\s*)?(?:about\s+)?\d{1,2}\s*(?:min|mins|minutes?)"
            r"(?:\s+(?:read|listen|reading))?\W*$"
            r"|^follow (?:our |the |all )?(?:live|latest)(?: coverage| updates| blog| news| reports?)?"
            r"(?: here| below)?\W*$",
            re.I,
        ),
    ),
    (
        # a caption that says it is one ("Image caption: Volunteers walked ..."), or one that ends
        # in its credit ("The beavers were released at dusk. Photograph: Dorset Wildlife Trust")
        "caption",
        re.compile(
            r"^(?:(?:image|photo|picture|video|media)\s+caption|caption|pictured)\s*:"
            r"|[.!?”\"]\s+(?:Photograph|Photo|Picture|Pic|Image|Illustration|Foto|Bild)s?\s*:\s*[^.!?]{1,80}$"
            # a credit in brackets closing the line: "... on Sunday (Image: Daniel Ferris / Redmere Echo)",
            # "... on Sunday night (Wayan Putra/AP)"
            r"|\s\((?:Photograph|Photo|Picture|Pic|Image|Illustration|Credit)s?\s*:\s*[^()]{2,80}\)$"
            r"|\s\([^()]{2,60}/\s*(?:AP|AFP|Reuters|EPA|PA|Getty(?: Images)?|Alamy|Shutterstock|Bloomberg"
            r"|Staff Photographer|Staff Photo|Staff|Contributor|Special to [^()]{2,40})\)$"
            # the wire services' own form: "... on Oct. 9, 2024. (AP Photo/Evan Vucci)"
            r"|\s\((?:[\w.&'’-]+\s+){1,4}(?:Photo|Photograph|Picture|Image)s?\s*/\s*[^()/]{2,60}\)$"
            r"|\s\((?:(?:photo|image|picture)\s+)?courtesy(?: of)?\s+[^()]{2,60}\)$",
            re.I,
        ),
    ),
    (
        # "CNN's Luis Ortega contributed to this report.", "Reporting by X; Editing by Y", and the
        # author's line under the article: "Carl Anders is a science reporter for The Times."
        "contributor line",
        re.compile(
            r"^(?:[\w'’.-]+\s+){1,8}contributed (?:to )?(?:this |the )?(?:report|reporting|story|article)\W*$"
            # "Kwan-Mercer reported from Harrisburg.", "Stella Kim reported from Seoul, and ..."
            r"|^(?!(?:he|she|they|it|we|i)\b)(?:(?-i:[A-Z])[\w'’.-]+,?\s+(?:and\s+)?){1,6}"
            r"reported (?:from|in) "
            r"(?-i:[A-Z])[\w'’.-]*(?:,?\s+(?:(?-i:[A-Z])|and\b|from\b)[\w'’.-]*){0,8}\.?$"
            r"|^(?:additional )?(?:reporting|writing) by [^.]{2,80}"
            r"(?:;\s*(?:editing|edited) by [^.]{2,80})?\W*$"
            r"|^(?:(?-i:[A-Z])[\w'’.-]+\s+){2,4}is (?:a|an|the) (?:[\w-]+\s+){0,4}"
            r"(?:reporter|correspondent|editor|writer|columnist|journalist|critic)\b"
            r"(?:\s+(?:for|at|with|covering|based in)\s+[^.]{1,80})?\.?$"
            # "Sarah Brennan-Diaz covers City Hall for the Ledger. Reach her at sb@ledger.com."
            r"|^(?:(?-i:[A-Z])[\w'’.-]+\s+){2,4}covers [^.]{2,60} for (?:the )?(?-i:[A-Z])[^.]{1,60}\."
            r"(?:\s+(?:(?:reach|contact|email|e-mail|follow) (?:him|her|them|me) (?:at|on) \S+"
            r"|(?:(?-i:[A-Z])[\w'’.-]+\s+){2,4}is (?:a|an|the) (?:[\w-]+\s+){0,3}"
            r"(?:reporter|correspondent|editor|writer|columnist|journalist)\b[^.]{0,60}\.?))?\s*$"
            # "Have a news tip? Email news@site.com or call 360-555-0143."; "Do you have a story for
            # us? Email newsdesk@site.co.uk or call 01632 960 418."
            r"|^(?:do you )?(?:have|got) (?:a )?(?:news )?(?:tip|story(?: idea)?)\b[^.]{0,20}\?\s+"
            r"(?:email|e-mail|call|contact|send)\b.{0,100}$"
            # a reader appeal: "Have you been affected by the flooding? Email newsdesk@... or message
            # us on WhatsApp on 07700 900418."
            r"|^(?:have you been (?:affected|caught up|impacted)|were you (?:there|affected|caught up)|"
            r"did you (?:see|witness)|do you know more)\b[^.]{0,80}\?\s+"
            r"(?:email|e-mail|call|contact|send|message|get in touch|share)\b.{0,150}$",
            re.I,
        ),
    ),
    (
        # "Updated July 22, 2025 5:18 a.m.", "Published 14 October 2025, 09:42 BST | Updated ...",
        # "Updated 3 hours ago"
        "date line",
        re.compile(
            r"^(?:first |last )?(?:published|updated|posted|modified)(?: on| at)?\s*:?\s*"
            r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
            r"(?:(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+[a-z]{3,9}\.?|[a-z]{3,9}\.?\s+\d{1,2}(?:st|nd|rd|th)?),?\s+\d{4}\b"
            r"[^.!?]{0,90}(?:\b[ap]\.m\.)?[^.!?]{0,40}|\d{1,3}\s+(?:minutes?|mins?|hours?|hrs?|days?)\s+ago)"
            # and a reading time after it: "Updated 2 hours ago · 4 min read"
            r"(?:\s*[·•|–-]\s*\d{1,2}\s*(?:min|mins|minutes?)(?:\s+read)?)?\W*$",
            re.I,
        ),
    ),
    (
        # a photo gallery's counter and button under its caption: "1 of 4", "Enlarge"
        "gallery",
        re.compile(
            r"^(?:(?:image|photo|picture|slide)\s+)?\d{1,2}\s*(?:of|/)\s*\d{1,2}$"
            r"|^enlarge(?: image| photo)?$",
            re.I,
        ),
    ),
    (
        # a share price ticker: "Penrose Foodstores 205.6p ▲22.0%", "Hartwell's 334.3p ▼3.1%"
        "share price",
        re.compile(
            r"^(?:[A-Z][\w'’&.-]*\s+){1,5}[$£€¥]?\d[\d,]*(?:\.\d+)?\s?(?:p|c|pence|cents)?\s*"
            r"(?:[▲▼↑↓△▽]\s?[+−-]?|[+−-])\d{1,3}(?:\.\d+)?\s?%$"
        ),
    ),
    (
        "byline",
        re.compile(
            r"^(?:[Bb]y|[Vv]on|[Pp]ar|[Pp]or|[Dd]i|[Dd]oor)\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}(?:,.{0,40})?$"
        ),
    ),
    ("comment", _COMMENT_HEAD),
)
# Words without which a long line cannot match a rule: a cheap test before the regular expression.
_KEYS: dict[str, tuple[str, ...]] = {
    "video player": ("video", "play", "auto", "scroll", "watch", "up next"),
    "newsletter": (
        "newsletter",
        "sign",
        "subscrib",
        "email",
        "inbox",
        "briefing",
        "digest",
        "bulletin",
        "clicking",
    ),
    "privacy or cookie notice": ("cookie", "privacy", "terms of", "rights reserved", "©", "copyright"),
    "caption": (
        "caption",
        "pic",
        "photo",
        "image",
        "illustration",
        "foto",
        "bild",
        "credit",
        "/",
        "courtesy",
    ),
    "listen / reading time / live prompt": ("listen", "min", "live", "latest", "audio"),
    "comment": (
        "comment",
        "repl",
        "respon",
        "thought",
        "reaction",
        "kommentar",
        "antwort",
        "réponse",
        "respuesta",
        "resposta",
        "risposta",
        "reactie",
        "reageer",
    ),
    "contributor line": (
        "contributed",
        "covers",
        "tip",
        "story",
        "reported",
        "reporting by",
        "writing by",
        "reporter",
        "correspondent",
        "editor",
        "writer",
        "columnist",
        "journalist",
        "critic",
        "affected",
        "caught up",
        "witness",
        "know more",
        "were you",
    ),
}
_SPEECH = re.compile(r"\b(?:said|says|added|told|asked|explained)\b|[\"”’]$")
_PITCH = re.compile(
    r"\b(?:e-?mails?|newsletters?|inbox|delivered|weekly|daily|every (?:morning|day|weekday|week)|"
    r"each (?:morning|day|week)|(?:morning|evening|weekly|daily) (?:briefing|digest|roundup)|"
    r"(?:every|each) (?:mon|tues|wednes|thurs|fri|satur|sun)day)\b",
    re.I,
)
"""What the line under a newsletter's sign-up prompt says of it ("Our morning email breaks down
the key business stories of the day.")."""
PITCH_WORDS = 25
BOX_TITLE_WORDS = 4
"""A newsletter box's title above its pitch is this short and ends without a full stop."""
_DIGIT = re.compile(r"\d")
BOX_LINE_WORDS = 8
"""A blurb is taken as a newsletter box's only between two short lines of the box (its heading, a
form field, a button), not between two sentences that mention signing up."""
BULLET = re.compile(r"^\s*[•·◦▪►›*–-]\s+")
_LINK_BLOCK_HEAD = re.compile(
    r"^(?:read more|read next|related|related articles?|related stories|related coverage|more stories|"
    r"more from [\w ]{1,30}|more on this(?: story)?|don't miss|top stories|"
    r"recommended|you may also like|you might also like|most read|most popular|most viewed|trending|"
    rf"see also|also read)\W*$|^\W*{_RELATED_ELSEWHERE}\W*$",
    re.I,
)
_SUMMARY_BOX = re.compile(r"^(?:in short|key points|the key points|at a glance|quick read)\s*:?$", re.I)
_BOX_NEXT = re.compile(r"^(?:what'?s next|what happens next)\s*\??$", re.I)
BOX_WORDS = 30
"""A summary box's points are short; the first longer line is the article's."""
BOX_POINTS = 4
"""At most this many points follow the box's heading (besides a "What's next?" and its point)."""
_NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s+\S")
"""A numbered item ("1. Five gadgets worth buying"): under a "Most popular" heading, a link."""


LINK_TITLES = 8
"""At most this many unbulleted titles under a "Read more" heading are taken as its links."""
_NO_SPACES = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]{4}")
"""Four kana or CJK characters in a row: a script written without spaces between words."""


def _link_title(text: str) -> bool:
    """Whether a line reads as a linked story's title: a few words, no full stop, nobody speaking.

    >>> _link_title("Garstow bypass plans back before councillors"), _link_title("Engineers said so.")
    (True, False)
    """
    if _NO_SPACES.search(text) and len(text.split()) < 3:  # Japanese, Chinese: count characters
        return 8 <= len(text) <= 60 and not text.rstrip().endswith(("。", "."))
    return 3 <= len(text.split()) <= 14 and not ends_sentence(text) and not _SPEECH.search(text)


_EMBED = re.compile(r"<(?:img|iframe|embed|object)\b|\b(?:src|href)\s*=\s*[\"']?(?:https?:)?//", re.I)


def is_markup(line: str) -> bool:
    """Whether a line is bare HTML that embeds or links something (a tracking pixel, an ad's link, an
    iframe): the ``<noscript>`` content some pages leave in their copied text. Tags alone without an
    embed or an outside link (``<head>``, ``<title>Allow access?</title>``) may be an article's code
    sample, so they stay.

    >>> is_markup('<div><img src="//px.example/b.gif" width="1" height="1" /></div>')
    True
    >>> is_markup("<head>"), is_markup("<title>Allow access?</title>"), is_markup("<The Palace: Jang Noksu>")
    (False, False, False)
    """
    text = line.strip()
    return text.startswith("<") and not strip_tags(text) and bool(_EMBED.search(text))


ARTICLE_END_KINDS = frozenset(
    {
        "comment",
        "newsletter",
        "privacy or cookie notice",
        "share / follow / comment prompt",
        "contributor line",
    }
)
"""Kinds of debris that close an article on the page (``ends_article``)."""
_INLINE_PROMPT = re.compile(
    r"^(?:advertisement|sponsored(?: content)?|ad|ad feedback|skip (?:ad|advert)|continue reading(?: below)?|"
    r"story continues below(?: advertisement)?)\W*$",
    re.I,
)
"""Prompts of the share kind that also stand between an article's paragraphs (an ad's label)."""


def ends_article(line: str, kind: str) -> bool:
    """Whether debris of this kind closes the article above it: a share bar, a newsletter box, a
    comments prompt, a contributor line. Not an ad's label, nor a "Read more" / "Most read"
    heading: both also stand between an article's paragraphs (an inline box of links).

    >>> ends_article("Share this", "share / follow / comment prompt"), ends_article("Most read",
    ...     "read more / related"), ends_article("ADVERTISEMENT", "share / follow / comment prompt")
    (True, False, False)
    >>> ends_article("(Image: Jo Bloggs)", "credit")
    False
    """
    return kind in ARTICLE_END_KINDS and not _INLINE_PROMPT.match(line)


def debris_kind(line: str) -> str | None:
    """The kind of debris a single line is, or None when no rule is sure.

    >>> debris_kind("Video LoadingVideo UnavailableClick to play")
    'video player'
    >>> debris_kind("(Image: AFP via Getty Images)")
    'credit'
    >>> debris_kind("Share this article"), debris_kind("The mayor said the vote was final.")
    ('share / follow / comment prompt', None)
    >>> debris_kind("Image caption: Volunteers walked at a comfortable pace. (Getty Images)")
    'caption'
    >>> debris_kind('<img src="https://px.example/p?c1=2" width="1" height="1" alt="" />')
    'markup'
    """
    if is_markup(line):
        return "markup"
    if len(line) > 400:
        return "credit" if is_credit(line) else None
    return _short_line_kind(line)


@lru_cache(maxsize=8192)
def _short_line_kind(line: str) -> str | None:
    """``debris_kind`` of a line of at most 400 characters, remembered: cleaning asks several times."""
    if is_credit(line):
        return "credit"
    low = line.lower()
    for kind, pattern in _RULES:
        keys = _KEYS.get(kind)
        if keys and len(line) > 40 and not any(k in low for k in keys):
            continue
        if pattern.search(line):
            return kind
    return None


def _pitches(text: str) -> bool:
    return len(text.split()) <= PITCH_WORDS and not _SPEECH.search(text) and bool(_PITCH.search(text))


def _newsletter_pitch(lines: Sequence[Line], kinds: list[str | None], i: int) -> None:
    """Mark the one or two short lines under the newsletter prompt at ``i`` that pitch it ("Get the
    best deals delivered weekly.") as newsletter debris; and, above it in the same block (no blank
    line between), the pitch and the box's title ("Tech Briefing", "TRAVEL ALERTS").

    >>> from bot.ingest.linefeatures import split_lines
    >>> box = "It closed in May.\\nTech Briefing\\nThe day's stories, in your inbox daily.\\nEmail address"
    >>> lines = split_lines(box)
    >>> kinds: list[str | None] = [None, None, None, "newsletter"]
    >>> _newsletter_pitch(lines, kinds, 3); kinds
    [None, 'newsletter', 'newsletter', 'newsletter']
    """
    for j in (i + 1, i + 2):
        if j >= len(lines) or kinds[j] not in (None, "newsletter"):
            break
        if kinds[j] is None:
            if not _pitches(lines[j].text):
                break
            kinds[j] = "newsletter"
    for j in (i - 1, i - 2, i - 3):
        if j < 0 or lines[j].blank_after or kinds[j] not in (None, "newsletter"):
            return
        text = lines[j].text
        if kinds[j] is None:
            below = lines[j + 1].text  # a title heads a pitch or a heading, not a bare button ("Sign up")
            title = (
                len(text.split()) <= BOX_TITLE_WORDS and not ends_sentence(text) and not _DIGIT.search(text)
            )
            if not (_pitches(text) or (title and len(below.split()) > BOX_TITLE_WORDS)):
                return
            kinds[j] = "newsletter"


def _summary_box(lines: Sequence[Line], kinds: list[str | None], i: int) -> None:
    """Mark a summary box whose heading ("In short:", "Key points") is line ``i``: the heading, up to
    ``BOX_POINTS`` short points, and a closing "What's next?" with its one point.

    >>> from bot.ingest.linefeatures import split_lines
    >>> lines = split_lines("In short:\\nRivers rose.\\nWhat's next?\\nWater recedes.\\nFloods hit.")
    >>> kinds: list[str | None] = [None] * len(lines)
    >>> _summary_box(lines, kinds, 0); kinds
    ['summary box', 'summary box', 'summary box', 'summary box', None]
    """
    kinds[i] = "summary box"
    j, points = i + 1, 0
    while j < len(lines) and kinds[j] is None and len(lines[j].text.split()) <= BOX_WORDS:
        if _BOX_NEXT.match(lines[j].text):  # "What's next?" and its one point close the box
            kinds[j] = "summary box"
            if j + 1 < len(lines) and kinds[j + 1] is None:
                kinds[j + 1] = "summary box"
            return
        if points == BOX_POINTS:
            return
        kinds[j] = "summary box"
        j, points = j + 1, points + 1


_PLAYLIST_MARK = re.compile(r"^(?:now playing|up next|playing next|next video)\W*$", re.I)
_RUNNING_TIME = re.compile(r"^[▶►]?\s*\d{1,2}:\d{2}$")
_RUNNING_TIME_ANY = re.compile(r"^[▶►]?\s*\d{1,2}:\d{2}(?:\s*/\s*\d{1,2}:\d{2})?$|^\d{1,2}m\s?\d{1,2}s$")
VIDEO_CAPTION_WORDS = 20
"""A video's one-line caption under its running time, after the player's label, is at most this long."""
_POLL_OPTION = re.compile(r"^.{1,60}?\s\d{1,3}(?:\.\d)?\s?%$")
POLL_WORDS = 15
"""A poll's question, above its first option and share ("Too harsh 41%"), is at most this long."""
VIDEO_TITLE_WORDS = 16
"""A clip title under a playlist's label or running time is at most this long and has no full stop."""


_POLL_BUTTON = re.compile(
    r"^(?:vote|vote now|submit(?: vote)?|view results|see results|show results)\W*$", re.I
)
POLL_OPTIONS = 6
"""A poll's question is followed by at most this many short options before its "Vote" button."""


def _voted_on(lines: Sequence[Line], i: int) -> bool:
    """Whether the question at ``i`` heads a poll: short options in one block, then a "Vote" button.

    >>> from bot.ingest.linefeatures import split_lines
    >>> _voted_on(split_lines("Have you seen one?\\nYes\\nNo\\nVote\\nView results"), 0)
    True
    >>> _voted_on(split_lines("Have you seen one?\\nThe council said no."), 0)
    False
    """
    for j in range(i + 1, min(len(lines), i + 2 + POLL_OPTIONS)):
        if _POLL_BUTTON.match(lines[j].text):
            return j > i + 1
        if lines[j - 1].blank_after or len(lines[j].text.split()) > BOX_LINE_WORDS:
            return False
    return False


def rule_debris(lines: Sequence[Line]) -> list[str | None]:
    """For each line, the kind of debris the rules find, using neighbours for captions and link lists.

    A caption is the line just above a credit (short, or without final punctuation). The bulleted
    (or numbered) links under a "Read More", "Related Articles" or "Most popular" heading go with
    it; so do the one or two short lines under a newsletter's sign-up prompt that pitch it
    (``_newsletter_pitch``), and the points of a summary box above the article (``_summary_box``).

    >>> from bot.ingest.linefeatures import split_lines
    >>> rule_debris(split_lines("The mayor spoke.\\nThe mayor at the vote\\n(Image: Jo Bloggs)\\nRead More\\n"
    ...                         "  • Port closes after storm\\nShe left."))
    [None, 'caption', 'credit', 'read more / related', 'read more / related', None]
    >>> rule_debris(split_lines("Sign up to Business Today\\nOur morning email breaks down the day's news.\\n"
    ...                         "The deal was agreed."))
    ['newsletter', 'newsletter', None]
    >>> rule_debris(split_lines("Up next\\n00:58\\nMoment the quake hit, caught on camera\\nThe road shut."))
    ['video player', 'video player', 'video player', None]
    >>> rule_debris(split_lines("Video\\nNow playing\\nHow does the vaccine work?\\n2:14\\nUp next\\n"
    ...                         "Why is the virus so hard to beat?"))[2:]
    ['video player', 'video player', 'video player', 'video player']
    """
    kinds: list[str | None] = [debris_kind(ln.text) for ln in lines]
    for i, ln in enumerate(lines):
        if kinds[i] is None and comment_author(lines, i):
            kinds[i] = "comment"  # "joetoronto says:" / "November 19, 2019 at 6:44 am"
            if i + 1 < len(lines) and kinds[i + 1] is None and _stamp(lines[i + 1].text):
                kinds[i + 1] = "comment"
        if kinds[i] == "credit" and i > 0 and kinds[i - 1] is None:
            prev = lines[i - 1]
            words = len(prev.text.split())
            if (not ends_sentence(prev.text) and words <= 40) or (
                not prev.blank_after and words <= 15 and not _SPEECH.search(prev.text)
            ):
                kinds[i - 1] = "caption"
        if kinds[i] == "newsletter":
            _newsletter_pitch(lines, kinds, i)
        if (
            kinds[i] == "video player"
            and _RUNNING_TIME_ANY.match(ln.text)
            and i > 0
            and kinds[i - 1] == "video player"
            and i + 1 < len(lines)
            and kinds[i + 1] is None
            and len(lines[i + 1].text.split()) <= VIDEO_CAPTION_WORDS
            and not _SPEECH.search(lines[i + 1].text)
        ):
            kinds[i + 1] = "video player"  # "Watch" / "1m 48s" / "Aerial footage shows oil spreading."
        if (
            kinds[i] is None
            and ln.text.rstrip().endswith("?")
            and len(ln.text.split()) <= POLL_WORDS
            and (_POLL_OPTION.match(lines[i + 1].text if i + 1 < len(lines) else "") or _voted_on(lines, i))
        ):
            kinds[i] = "poll"  # "How do you feel about the ban?" / "Too harsh 41%"
        if kinds[i] == "video player" and _PLAYLIST_MARK.match(ln.text):
            # a playlist's clip title under its label, or under the running time that follows it
            # ("Up next" / "00:58" / "Moment the quake hit, caught on camera")
            j = i + 2 if i + 1 < len(lines) and _RUNNING_TIME.match(lines[i + 1].text) else i + 1
            title = lines[j].text if j < len(lines) else ""
            if (
                title
                and kinds[j] is None
                and (not ends_sentence(title) or title.endswith("?"))  # "Why is norovirus so hard to beat?"
                and len(title.split()) <= VIDEO_TITLE_WORDS
            ):
                kinds[j] = "video player"
        if _SUMMARY_BOX.match(ln.text) and kinds[i] is None:
            _summary_box(lines, kinds, i)
        if kinds[i] == "read more / related" and _LINK_BLOCK_HEAD.match(ln.text):
            j = i + 1
            while j < len(lines) and (
                BULLET.match(lines[j].text)
                or (_NUMBERED.match(lines[j].text) and len(lines[j].text.split()) <= 20)
                or kinds[j] == "read more / related"
                or (j - i <= LINK_TITLES and _link_title(lines[j].text))
            ):
                if kinds[j] is None:
                    kinds[j] = "read more / related"
                j += 1
    for i in range(1, len(lines) - 1):  # a short line inside a newsletter box: its blurb
        if (
            kinds[i] is None
            and kinds[i - 1] == kinds[i + 1] == "newsletter"
            and not lines[i - 1].blank_after
            and not lines[i].blank_after
            and len(lines[i].text.split()) <= PITCH_WORDS
            and not _SPEECH.search(lines[i].text)
            and max(len(lines[k].text.split()) for k in (i - 1, i + 1)) <= BOX_LINE_WORDS
        ):
            kinds[i] = "newsletter"
    return kinds


_DEBRIS = re.compile(
    r"""^(?:by\s*\.|published:|updated:|last\s+updated|scroll\s+down|click\s+here|read\s+more|
    related\s+(?:articles?|stories|links)|advertisement|share\s+this|follow\s+(?:us|@)|sign\s+up|
    subscribe|watch\s+(?:the\s+)?video|image\s+(?:copyright|caption)|photo(?:graph)?\s*:|copyright|
    all\s+rights\s+reserved|e-?mail\s+to\s+a\s+friend)""",
    re.I | re.X,
)
DATELINE = re.compile(
    r"^(?:[A-Z][A-Za-z.'\s,-]{0,60}\s)?\((?:CNN|AP|Reuters|AFP)\)\s*(?:--|—|-)?\s*"
    r"|^[A-Z][A-Z.'’-]{2,}(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z][A-Za-z.]+){0,2}\s+(?:—|–|--)\s+"
)
"""A dateline opening a sentence ("LONDON, England (CNN) -- ", "ALDER CREEK — "); headlines drop it too."""


def is_debris(text: str) -> bool:
    """True for page furniture that must never appear in a summary (bylines, prompts, credits).

    >>> [is_debris(t) for t in ["By . Jane Roe .", "Scroll down for video", "The bridge reopened on Monday."]]
    [True, True, False]
    >>> is_debris("PUBLISHED: . 10:02 EST, 3 May 2014 . |")
    True
    """
    stripped = text.strip()
    if word_count(stripped) < 3:
        return True
    if _DEBRIS.match(stripped):
        return True
    letters = sum(c.isalpha() for c in stripped)
    return letters < 0.5 * len(stripped)


def strip_dateline(text: str) -> str:
    """Drop a wire-service dateline at the start of a sentence; the rest is kept word for word.

    >>> strip_dateline("LONDON, England (CNN) -- The bridge reopened on Monday.")
    'The bridge reopened on Monday.'
    >>> strip_dateline("(CNN)The bridge reopened.")
    'The bridge reopened.'
    >>> strip_dateline("Nothing to strip here.")
    'Nothing to strip here.'
    """
    rest = DATELINE.sub("", text, count=1)
    return rest if word_count(rest) >= 3 else text
