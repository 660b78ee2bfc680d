"""``fdx_content.ContentWriter`` writes what ElementTree writes for the same paragraphs."""

from __future__ import annotations

from xml.etree.ElementTree import Element, SubElement, indent, tostring

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.script.emphasis import CACHED_LENGTH
from assistant.script.fdx_content import ContentWriter, Paragraph
from assistant.script.fdx_styles import add_text_runs, markup_pieces, markup_to_runs, style_value

TEXTS = st.text(alphabet=" \nab*_\\&<>\"'é", max_size=10)
NOTES = st.lists(st.tuples(st.integers(1, 99), TEXTS), max_size=2)
ATTRIBUTES = st.lists(
    st.tuples(st.sampled_from(["Type", "Number", "StartsNewPage"]), TEXTS),
    max_size=3,
    unique_by=lambda item: item[0],
)


@st.composite
def paragraphs(draw: st.DrawFn, depth: int = 0) -> Paragraph:
    paragraph = Paragraph(draw(ATTRIBUTES))
    paragraph.leading = draw(NOTES)
    paragraph.trailing = draw(NOTES)
    if depth == 0 and draw(st.booleans()):
        paragraph.inner = draw(st.lists(paragraphs(depth=1), min_size=1, max_size=3))
    elif draw(st.booleans()):
        paragraph.text = draw(TEXTS)
        paragraph.styled = draw(st.booleans())
    return paragraph


def tree_of(paragraph: Paragraph, parent: Element) -> None:
    """The ElementTree nodes the old exporter built for a paragraph."""
    node = SubElement(parent, "Paragraph", dict(paragraph.attributes))
    for note in paragraph.leading:
        note_node(note, node)
    if paragraph.text is not None:
        runs = markup_to_runs(paragraph.text) if paragraph.styled else []
        if not paragraph.styled:
            add_text_runs(node, [])
            node[-1].text = paragraph.text
        else:
            add_text_runs(node, runs)
    if paragraph.inner:
        dual = SubElement(node, "DualDialogue")
        for inner in paragraph.inner:
            tree_of(inner, dual)
    for note in paragraph.trailing:
        note_node(note, node)


def note_node(note: tuple[int, str], parent: Element) -> None:
    number, text = note
    node = SubElement(parent, "ScriptNote", ID=str(number))
    for line in text.split("\n"):
        add_text_runs(SubElement(node, "Paragraph"), markup_to_runs(line))


@settings(max_examples=300, deadline=None)
@given(st.lists(paragraphs(), max_size=4))
def test_content_is_written_as_elementtree_writes_it(written: list[Paragraph]) -> None:
    root = Element("FinalDraft")
    content = SubElement(root, "Content")
    writer = ContentWriter()
    for paragraph in written:
        tree_of(paragraph, content)
        writer.add(paragraph)
    indent(root, space="  ")
    expected = tostring(root, encoding="unicode").split("\n", 1)[1].rsplit("\n", 1)[0].strip()
    assert writer.text() == expected


def test_an_empty_content_is_one_empty_element() -> None:
    assert ContentWriter().text() == "<Content />"


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="ab *_\\\n", max_size=24))
def test_markup_pieces_are_the_normalised_runs(text: str) -> None:
    expected = [(run.text, style_value(run.styles)) for run in markup_to_runs(text)]
    assert markup_pieces(text) == expected


def test_markup_pieces_of_a_long_text_are_its_runs() -> None:
    text = "*_**a _b_ \\* **c**\n" * (CACHED_LENGTH // 10)  # longer than any cached text
    expected = [(run.text, style_value(run.styles)) for run in markup_to_runs(text)]
    assert len(expected) > 1000
    assert markup_pieces(text) == expected
