"""The shared PDF mechanism: A4, page numbers, repeated table headers, nothing fetched."""

import re
import zlib

import pytest
from django.test import override_settings
from weasyprint.formatting_structure import boxes

from minzheng.core.pdf import render_document, render_pdf

DOCUMENT = """{% extends "core/print/base.html" %}
{% block title %}测试文档{% endblock title %}
{% block running_header %}<span class="grow">页眉 {{ number }}</span>{% endblock running_header %}
{% block content %}
  {% if css_url %}<link rel="stylesheet" href="{{ css_url }}">{% endif %}
  <h1>标题</h1>
  <table>
    <thead><tr><th>序号</th><th>金额</th></tr></thead>
    <tbody>
      {% for row in rows %}<tr><td>第{{ row }}行</td><td>¥1,234.56</td></tr>{% endfor %}
    </tbody>
  </table>
{% endblock content %}
"""
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "OPTIONS": {
            "loaders": [
                ("django.template.loaders.locmem.Loader", {"test/document.html": DOCUMENT}),
                "django.template.loaders.app_directories.Loader",
            ],
        },
    }
]
MM_PER_CSS_PX = 25.4 / 96

pytestmark = pytest.mark.usefixtures("locmem_templates")


@pytest.fixture
def locmem_templates():
    with override_settings(TEMPLATES=TEMPLATES):
        yield


def page_texts(document) -> list[str]:
    return [
        " ".join(box.text for box in page._page_box.descendants() if isinstance(box, boxes.TextBox))
        for page in document.pages
    ]


def test_pages_are_a4():
    document = render_document("test/document.html", {"rows": range(3), "number": "A1"})

    [page] = document.pages
    assert (round(page.width * MM_PER_CSS_PX), round(page.height * MM_PER_CSS_PX)) == (210, 297)


def test_render_pdf_returns_an_a4_pdf():
    pdf = render_pdf("test/document.html", {"rows": range(3), "number": "A1"})

    assert pdf.startswith(b"%PDF-")
    media_boxes = re.findall(rb"/MediaBox ?\[[^\]]*\]", pdf)
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            media_boxes += re.findall(rb"/MediaBox ?\[[^\]]*\]", zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    assert media_boxes == [b"/MediaBox [0 0 595.275591 841.889764]"]


def test_long_tables_repeat_their_header_and_every_page_is_numbered():
    document = render_document("test/document.html", {"rows": range(120), "number": "A1"})

    texts = page_texts(document)
    assert len(texts) >= 3
    for number, text in enumerate(texts, 1):
        assert text.count("序号") == 1  # the table header, repeated on each page
        assert "页眉 A1" in text
        assert f"第 {number} 页 共 {len(texts)} 页" in text
    rows = [re.findall(r"第(\d+)行", text) for text in texts]
    assert sum(len(found) for found in rows) == 120  # no row lost or split in two


def test_local_files_and_urls_are_never_fetched(tmp_path):
    stylesheet = tmp_path / "hide.css"
    stylesheet.write_text("h1 { display: none; }")

    document = render_document(
        "test/document.html", {"rows": [1], "css_url": stylesheet.as_uri(), "number": "A1"}
    )

    assert "标题" in page_texts(document)[0]
