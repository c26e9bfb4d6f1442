"""The language menu names each language in its own language (issue 13: it said "英语")."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_the_menu_says_english_and_chinese_in_their_own_words(client, language):
    page = client.get(
        reverse("accounts:login"), headers={"Accept-Language": language}
    ).content.decode()

    menu = re.search(r'<select name="language".*?</select>', page, flags=re.S).group(0)
    options = re.findall(r"<option[^>]*>([^<]*)</option>", menu)
    assert options == ["简体中文", "English"]
