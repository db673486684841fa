"""Front matter and content YAML refuse anchors, aliases and deep nesting (issue 10, item 2)."""

import pytest

from kenniscentrum.knowledge.frontmatter import ContentError, load_yaml, parse_file

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(7)
)


def _document(front: str) -> str:
    return f"---\n{front}---\nTekst.\n"


@pytest.mark.parametrize(
    "front",
    [BOMB, "title: &t Titel\nsummary: *t\n", "a: " + "[" * 30 + "]" * 30 + "\n"],
    ids=["alias-bomb", "one-alias", "30-levels"],
)
def test_front_matter_is_refused_with_file_and_line(front):
    with pytest.raises(ContentError) as caught:
        parse_file("praktijkvoorbeeld/x.md", _document(front))
    message = str(caught.value)
    assert "praktijkvoorbeeld/x.md" in message
    assert "niet toegestaan" in message or "niveaus diep" in message


def test_thousands_of_levels_are_a_content_error_not_a_crash():
    with pytest.raises(ContentError, match="x.md, regel 2"):
        parse_file("x.md", _document("a: " + "[" * 3000 + "]" * 3000 + "\n"))


def test_other_content_yaml_is_refused_too():
    with pytest.raises(Exception, match="niet toegestaan"):
        load_yaml(BOMB)


def test_the_editor_preview_answers_an_alias_bomb_at_once(client, django_user_model):
    from django.contrib.auth.models import Group, Permission

    group, _ = Group.objects.get_or_create(name="redacteur")
    group.permissions.add(*Permission.objects.filter(codename__in=["view_item", "change_item"]))
    user = django_user_model.objects.create_user("rita", password="x", is_staff=True)
    user.groups.add(group)
    client.force_login(user)
    response = client.post(
        "/redactie/voorbeeld/",
        {"kind": "praktijkvoorbeeld", "document": _document(BOMB), "slug": "x"},
    )
    assert response.status_code == 200
    assert "niet toegestaan" in response.content.decode()


def test_a_utf8_byte_order_mark_is_not_content():
    source = parse_file("x.md", "\ufeff" + _document("title: Met BOM\n"))
    assert source.data == {"title": "Met BOM"} and source.body == "Tekst."


def test_a_document_over_the_size_limit_is_refused_before_parsing(content_copy, seeds_dir):
    from kenniscentrum.knowledge.loading import load_corpus

    huge = _document("title: Groot\n") + ("Tekst die zich herhaalt. " * 200_000)
    path = content_copy / "praktijkvoorbeeld" / "te-groot.md"
    path.write_text(huge, encoding="utf-8")
    with pytest.raises(ContentError, match="te-groot.md.*te groot"):
        load_corpus(content_copy, seeds_dir)
