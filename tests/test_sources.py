"""Input detection, decoding, limits and the errors a person sees."""

from __future__ import annotations

import codecs

import pytest

from bot.config import Settings
from bot.errors import EmptyInputError, InputTooLargeError, NoArticleError, NotTextError
from bot.ingest.load import decode_bytes, load_article, looks_like_html, truncate

ARTICLE = (
    "Ferry service resumes after strike\n\n"
    "Ferries between Port Elwyn and the outer islands sailed again on Wednesday after crews accepted "
    "a new pay offer.\n\n"
    "The first boat left the harbour at 7.15 a.m. with about 120 passengers on board, many of them "
    "islanders stranded on the mainland.\n\n"
    "Shops on the islands had run short of fresh food, and the council arranged two supply runs by boat.\n"
)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("Café déjà vu".encode(), "Café déjà vu"),
        (codecs.BOM_UTF8 + "Café".encode(), "Café"),
        (
            "Fête à la crème, naïve “quotes” — and more".encode("cp1252"),
            "Fête à la crème, naïve “quotes” — and more",
        ),
        ("Grüße aus Köln".encode("latin-1"), "Grüße aus Köln"),
        ("Ferry resumes".encode("utf-16"), "Ferry resumes"),
        (
            "Паром снова ходит между островами после забастовки экипажей.".encode("cp1251"),
            "Паром снова ходит между островами после забастовки экипажей.",
        ),
        (
            "フェリーの運航が再開されました。乗組員のストライキが終わりました。".encode("shift_jis"),
            "フェリーの運航が再開されました。乗組員のストライキが終わりました。",
        ),
        (
            b'<html><head><meta charset="iso-8859-1"></head><body>caf\xe9</body></html>',
            '<html><head><meta charset="iso-8859-1"></head><body>café</body></html>',
        ),
    ],
    ids=["utf-8", "utf-8 BOM", "cp1252", "latin-1", "utf-16 BOM", "cp1251", "shift_jis", "meta charset"],
)
def test_decode_bytes(data, text):
    assert decode_bytes(data) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "This looks like a PDF file, not text or HTML."),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "This looks like a PNG image, not text or HTML."),
        (
            b"PK\x03\x04\x14\x00\x06\x00",
            "This looks like a ZIP archive or an Office document, not text or HTML.",
        ),
        (bytes(range(256)) * 4, "This is binary data, not text or HTML."),
    ],
)
def test_binary_input_is_refused(data, message):
    with pytest.raises(NotTextError) as err:
        load_article(data)
    assert str(err.value).startswith(message)
    assert "Paste the article's text, or give a .txt or .html file." in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.parametrize("source", ["", "   \n\t\n ", b"", b" \n \r\n"])
def test_empty_input(source):
    with pytest.raises(EmptyInputError, match=r"^The input is empty\. Paste an article"):
        load_article(source)


@pytest.mark.parametrize(
    "source",
    [
        "Home\nNews\nSport\nSign in\nShare this article\nFollow us on Facebook",
        "<html><body><nav><a href='/'>Home</a></nav></body></html>",
        "Read More\nRelated Articles\n(Image: Getty Images)",
    ],
)
def test_no_article_left_after_cleaning(source):
    with pytest.raises(NoArticleError, match=r"^No article text was found in the input"):
        load_article(source)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "Hello",
            "That is too short to be an article (1 word); paste the whole article text, HTML, or a URL.",
        ),
        ("Hello there Port Elwyn harbour", "That is too short to be an article (5 words); paste the whole"),
        ("# Harbour", "That is too short to be an article (1 word); paste"),
        ("Read More\nRelated Articles", "No article text was found in the input"),
        ("<html><body><p>Hello</p></body></html>", "No article text was found in the input"),
    ],
)
def test_too_short_or_only_debris(source, message):
    with pytest.raises(NoArticleError) as err:
        load_article(source)
    assert str(err.value).startswith(message)


MARKDOWN_ARTICLE = (
    "# Ferry service **resumes** after strike #\n\n"
    "*Updated 2 hours ago*\n\n"
    "Ferries between [Port Elwyn](https://example.com/port) and the outer islands sailed again on "
    "Wednesday after crews accepted a **new pay offer**.\n\n"
    "> The first boat left the harbour at 7.15 a.m. with about 120 passengers on board, many of them "
    "islanders stranded on the mainland.\n\n"
    "---\n\n"
    "Shops on the islands had run short of fresh food, and the council arranged `two` supply runs by boat.\n"
)


@pytest.mark.parametrize(
    ("source", "headline", "paragraph", "text"),
    [
        (
            MARKDOWN_ARTICLE,
            "Ferry service resumes after strike",
            1,
            "Ferries between Port Elwyn and the outer",
        ),
        (MARKDOWN_ARTICLE, "Ferry service resumes after strike", 1, "accepted a new pay offer."),
        (MARKDOWN_ARTICLE, "Ferry service resumes after strike", 2, "The first boat left the harbour"),
        (MARKDOWN_ARTICLE, "Ferry service resumes after strike", 3, "arranged two supply runs by boat."),
        (MARKDOWN_ARTICLE.encode(), "Ferry service resumes after strike", 3, "arranged two supply runs"),
        # Plain text is left alone: a "#" without a space and lone stars are not Markdown.
        (
            ARTICLE.replace("strike", "strike #ferries").replace("120", "5 * 24"),
            "Ferry service resumes after strike #ferries",
            2,
            "with about 5 * 24 passengers",
        ),
    ],
)
def test_markdown_input_becomes_plain_text(source, headline, paragraph, text):
    article = load_article(source)
    assert article.headline == headline
    assert text in article.paragraph(paragraph).text
    body = article.headline + "\n" + article.text
    for syntax in ("# ", "**", "](", "> ", "`", "---"):
        assert syntax not in body


def test_input_over_the_size_limit():
    with pytest.raises(InputTooLargeError, match=r"381 bytes, over the 100-byte limit.*MAX_INPUT_BYTES"):
        load_article(ARTICLE, settings=Settings(max_input_bytes=100))
    with pytest.raises(InputTooLargeError):
        load_article(ARTICLE.encode(), settings=Settings(max_input_bytes=100))


def test_long_article_is_truncated_at_a_paragraph_with_a_note():
    article = load_article(ARTICLE, settings=Settings(max_article_words=45))
    assert article.word_count <= 45
    assert len(article.paragraphs) == 2
    assert article.notes == ("The article is long (61 words); only the first 45 words are used.",)


def test_short_article_has_no_note():
    assert load_article(ARTICLE).notes == ()


@pytest.mark.parametrize(
    ("paragraphs", "limit", "kept"),
    [
        (["a b c.", "d e."], 10, ["a b c.", "d e."]),
        (["a b c.", "d e."], 4, ["a b c."]),
        (["One two. Three four five."], 3, ["One two."]),
        (
            ["onelongsentencewithoutbreaks " * 5],
            2,
            ["onelongsentencewithoutbreaks onelongsentencewithoutbreaks"],
        ),
    ],
)
def test_truncate(paragraphs, limit, kept):
    assert truncate(paragraphs, limit)[0] == kept


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("  \n<html lang='en'><p>x</p></html>", True),
        ("<?xml version='1.0'?>\n<html><body>x</body></html>", True),
        ("<div><p>One</p><p>Two</p></div>", True),
        (ARTICLE, False),
        ("Use <b> for bold and 3 < 4 > 2 in maths.", False),
        # copied page text with a tracking pixel's tags on one line of many stays text
        ('<div><img src="https://t.example/p.gif" width="1"></div>\n' + ARTICLE + "\nMore news\n" * 4, False),
        # a fragment that opens with a long style block is still HTML
        ("<style>\n" + ".a { color: red; }\n" * 40 + "</style>\n<div>\n<p>One</p>\n<p>Two</p>\n</div>", True),
        ("<style>\n" + ".a { color: red; }\n" * 400, True),  # a style block longer than the head looked at
        ("<article>\n<h1>Port bans ships</h1>\n<p>\nThe council voted.\n</p>\n</article>", True),
    ],
)
def test_looks_like_html(text, html):
    assert looks_like_html(text) is html


def test_text_article_is_cleaned_and_segmented(harbour_text):
    article = load_article(harbour_text.encode("utf-8"), url="https://example.org/harbour")
    assert article.headline == "Harbour town votes to ban cruise ships after summer of crowding"
    assert [p.number for p in article.paragraphs] == list(range(1, 9))
    assert article.metadata.url == "https://example.org/harbour"
    assert "(Image: Elwyn Gazette)" in article.removed
    assert all(s.paragraph in range(1, 9) for s in article.sentences)


PIXEL = (
    '<div style="position:absolute;"><img width=1 height=1 alt="" src="https://px.example/b?P='
    + "9TLjE4Mi66" * 30
    + '"></div>'
)


@pytest.mark.parametrize(
    "body",
    [
        # a Japanese article: the pixels' long addresses must not make it look like encoded data
        [
            "港湾局は火曜日、大型クルーズ船の入港を来年から禁止すると発表した。" * 3,
            "市議会は夏の混雑を受けて、観光客の数を制限する方針を決めていた。" * 3,
        ],
        [
            "The harbour board voted on Tuesday to ban large cruise ships from next April.",
            "Councillors said the town had reached a breaking point during the summer crowds.",
        ],
    ],
)
def test_copied_text_with_tracking_pixels_is_read_as_text(harbour_text, body):
    # pages copied whole carry their <noscript> pixels as lines of markup among the text
    menu = [f"メニュー{i}" for i in range(30)]
    page = "\n".join([PIXEL, *menu, PIXEL, *body, PIXEL, PIXEL, "Most read", *menu, *[PIXEL] * 4])
    article = load_article(page)
    paragraphs = [p.text for p in article.paragraphs]
    assert all(line in paragraphs for line in body)
    assert not any("<img" in p for p in paragraphs)


def test_html_whose_scripts_write_tags_is_not_flattened():
    # 300 "<div>" strings inside a script are no nesting: the page keeps its structure, so the
    # navigation stays out of the article
    script = "<script>" + "document.write('<div>');" * 300 + "</script>"
    page = (
        "<!doctype html><html><head><title>Harbour bans cruise ships</title>" + script + "</head><body>"
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li><li><a href='/sport'>Sport"
        "</a></li></ul></nav><article><h1>Harbour bans cruise ships</h1>"
        "<p>The harbour board voted on Tuesday to ban large cruise ships from next April, after a summer"
        " in which crowds overwhelmed the old town.</p><p>Councillors said the town had reached a breaking"
        " point and that smaller ships would still be welcome at the quay.</p></article></body></html>"
    )
    article = load_article(page)
    text = " ".join(p.text for p in article.paragraphs)
    assert "breaking point" in text
    assert "Sport" not in text


def test_html_bytes_are_detected_without_flags(data_dir):
    article = load_article((data_dir / "library-article.html").read_bytes())
    assert article.headline == "Valley library reopens after flood repairs"
    assert article.metadata.author == "Jane Castell"
    assert article.paragraphs[0].text.startswith("The Valley Library in Ashford Mill")
    assert "Read More" in article.removed


def test_cp1252_file_with_windows_line_endings():
    data = ARTICLE.replace("\n", "\r\n").replace("Ferry service", "Café ferry service").encode("cp1252")
    article = load_article(data)
    assert article.headline == "Café ferry service resumes after strike"
    assert len(article.paragraphs) == 3
