"""Readers: every supported input, and every kind of bad input reported without stopping the batch."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from eventwire.analysis import Article
from eventwire.article import InputError, parse_published, read_inputs, BadInput

STORY = "The foreign minister said on Friday that talks with Ankara would resume."


def read(*items: str, **kw) -> list[Article | InputError]:
    return list(read_inputs(items, **kw))


def test_txt_with_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "a.meta.json").write_text(json.dumps({"title": "Talks", "published": "2020-03-06",
                                                      "outlet": "Wire", "url": "http://x"}))
    [art] = read(str(tmp_path / "a.txt"))
    assert isinstance(art, Article)
    assert (art.title, art.published, art.outlet, art.url) == ("Talks", date(2020, 3, 6), "Wire", "http://x")
    assert art.text == STORY and art.id == art.text_sha256[:16]


def test_txt_in_other_encoding_is_detected(tmp_path: Path) -> None:
    text = (
        "Le ministre français a déclaré que la réunion à Genève était « très utile » pour l'été. "
        "Les négociations reprendront en décembre à Genève, a-t-il précisé, après une première "
        "série de rencontres jugées « prometteuses » par les délégués européens."
    )
    (tmp_path / "fr.txt").write_bytes(text.encode("cp1252"))
    [art] = read(str(tmp_path / "fr.txt"))
    assert isinstance(art, Article) and art.text == text


def test_crlf_is_normalised(tmp_path: Path) -> None:
    (tmp_path / "w.txt").write_bytes(b"Line one.\r\nLine two.\r\n")
    [art] = read(str(tmp_path / "w.txt"))
    assert art.text == "Line one.\nLine two.\n"


def test_html_main_text_and_metadata(tmp_path: Path) -> None:
    body = " ".join([STORY] * 6)
    html = f"""<html><head><title>Ankara talks resume | Wire</title>
    <meta property="article:published_time" content="2021-04-02T10:00:00Z">
    <link rel="canonical" href="https://example.org/ankara"></head>
    <body><nav>Home | World | Sport</nav><article><h1>Ankara talks resume</h1><p>{body}</p>
    <p>{body}</p></article><footer>Copyright</footer></body></html>"""
    (tmp_path / "p.html").write_text(html, encoding="utf-8")
    [art] = read(str(tmp_path / "p.html"))
    assert isinstance(art, Article)
    assert "talks with Ankara" in art.text and "Copyright" not in art.text
    assert art.published == date(2021, 4, 2)
    assert art.url == "https://example.org/ankara"


def test_jsonl_keeps_ids_and_reports_bad_lines(tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "a1", "text": STORY, "published": "2019-01-02", "title": "T"}),
        "{not json",
        json.dumps({"id": "a2"}),
        json.dumps({"id": "a3", "text": STORY, "published": "2019-02-30"}),
        json.dumps(["a list"]),
        json.dumps({"id": 7, "text": STORY + " Again."}),
        json.dumps({"id": "a4", "text": STORY, "title": 5}),
    ]
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = read(str(tmp_path / "in.jsonl"))
    good = [r for r in results if isinstance(r, Article)]
    bad = [r for r in results if isinstance(r, InputError)]
    assert [a.id for a in good] == ["a1", "7"]
    assert good[0].published == date(2019, 1, 2)
    assert [e.line for e in bad] == [2, 3, 4, 5, 7]
    assert all(str(e).startswith(f"{tmp_path / 'in.jsonl'}:") for e in bad)
    assert "invalid JSON" in str(bad[0]) and "impossible" in str(bad[2])


def test_folders_are_read_recursively_and_sidecars_skipped(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text(STORY)
    (tmp_path / "b.meta.json").write_text("{}")
    (tmp_path / "sub" / "c.txt").write_text(STORY + " More.")
    (tmp_path / "notes.csv").write_text("x,y")
    results = read(str(tmp_path))
    assert [Path(r.source).name for r in results] == ["b.txt", "c.txt"]


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty text"),
        ("blank.txt", b"  \n\t \n", "empty text"),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
        ("bad.jsonl", b"\xff\xfe\x00\x00garbage", "binary"),
    ],
)
def test_bad_files_give_one_line_errors(tmp_path: Path, name: str, content: bytes, problem: str) -> None:
    (tmp_path / name).write_bytes(content)
    [error] = read(str(tmp_path / name))
    assert isinstance(error, InputError)
    assert problem in error.message and name in str(error) and "\n" not in str(error)


def test_missing_file_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text(STORY)
    results = read(str(tmp_path / "nope.txt"), str(tmp_path / "ok.txt"))
    assert isinstance(results[0], InputError) and "no such file" in results[0].message
    assert isinstance(results[1], Article)


def test_bad_sidecar_and_too_large(tmp_path: Path) -> None:
    (tmp_path / "s.txt").write_text(STORY)
    (tmp_path / "s.meta.json").write_text("{broken")
    (tmp_path / "big.txt").write_text("word " * 100)
    [sidecar] = read(str(tmp_path / "s.txt"))
    [big] = read(str(tmp_path / "big.txt"), max_chars=50)
    assert "sidecar" in sidecar.message
    assert "too large" in big.message


def test_published_override_fills_only_missing_dates(tmp_path: Path) -> None:
    (tmp_path / "x.jsonl").write_text(
        json.dumps({"id": "1", "text": STORY, "published": "2017-01-01"}) + "\n"
        + json.dumps({"id": "2", "text": STORY}) + "\n"
    )
    a, b = read(str(tmp_path / "x.jsonl"), published=date(2018, 5, 4))
    assert a.published == date(2017, 1, 1) and b.published == date(2018, 5, 4)


def test_stdin_text_and_jsonl(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(STORY.encode())))
    [art] = read("-")
    assert art.source == "<stdin>" and art.text == STORY
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "s", "text": "Hi there."}\n')))
    [rec] = read("-")
    assert rec.id == "s"


@pytest.mark.parametrize("value", ["0000-00-00", "2018-13-01", "99999-01-01", "yesterday", "1200-01-01"])
def test_absurd_dates_are_refused(value: str) -> None:
    with pytest.raises(BadInput):
        parse_published(value)


def test_timestamps_are_accepted() -> None:
    assert parse_published("2018-05-04T13:20:00Z") == date(2018, 5, 4)
