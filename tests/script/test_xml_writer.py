"""``xml_writer.indented_xml`` gives exactly what ElementTree's ``indent`` + ``tostring`` give."""

from __future__ import annotations

import copy
from xml.etree.ElementTree import Element, SubElement, fromstring, indent, tostring

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.script.fdx_export import to_fdx
from assistant.script.xml_writer import indented_xml
from tests.script.fdx_helpers import read_fixture

TEXTS = st.one_of(
    st.none(),
    st.just(""),
    st.text(alphabet=" \n\t\r&<>\"'ab*_é", max_size=8),
)


@st.composite
def trees(draw: st.DrawFn, depth: int = 0) -> Element:
    element = Element(draw(st.sampled_from(["Paragraph", "Text", "Content", "ScriptNote"])))
    keys = st.lists(st.sampled_from(["Type", "Style", "Number"]), unique=True, max_size=3)
    for key in draw(keys):
        element.set(key, draw(st.text(alphabet=" \n\t\r&<>\"'a", max_size=6)))
    element.text = draw(TEXTS)
    if depth < 3:
        for _ in range(draw(st.integers(0, 3))):
            child = draw(trees(depth + 1))
            child.tail = draw(TEXTS)
            element.append(child)
    return element


def standard(root: Element) -> str:
    tree = copy.deepcopy(root)
    indent(tree, space="  ")
    return tostring(tree, encoding="unicode")


@settings(max_examples=400, deadline=None)
@given(trees())
def test_same_text_as_elementtree_on_any_tree(root: Element) -> None:
    before = tostring(root, encoding="unicode")
    assert indented_xml(root) == standard(root)
    assert tostring(root, encoding="unicode") == before  # the tree is left as it was


def test_same_text_as_elementtree_on_an_exported_script() -> None:
    root = fromstring(to_fdx(read_fixture("every_element.fdx")))
    assert len(root) and indented_xml(root) == standard(root)
    bare = Element("FinalDraft")
    SubElement(SubElement(bare, "Content"), "Paragraph", Type="Action")
    assert indented_xml(bare) == standard(bare)
