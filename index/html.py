"""HTML to plain text that keeps paragraphs and drops page furniture.

Scripts, styles, navigation, headers, footers and figure captions are not
part of a report, nor are comments and CDATA; block elements become
paragraph breaks so that the normaliser sees the same shape as in a text
file. The headline (the first ``<h1>`` outside the furniture, else
``<title>``) becomes the first line.

The parsed tree is read in one pass with an explicit stack: linear time
and no recursion, however many or however deeply nested the elements of a
hostile page are (editing the tree in place takes quadratic time).
"""
from __future__ import annotations

import warnings
from collections.abc import Iterator

from bs4 import BeautifulSoup, MarkupResemblesLocatorWarning
from bs4.element import NavigableString, PageElement, PreformattedString, Tag

DROP = frozenset({"script", "style", "noscript", "template", "nav", "header", "footer", "aside",
                  "figure", "figcaption", "form", "button", "iframe", "svg", "canvas", "select",
                  "head", "title"})
BLOCKS = frozenset({"p", "div", "section", "article", "main", "li", "ul", "ol", "tr", "table",
                    "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "dt", "br", "hr"})
BREAK = "\n\n"
# a page that is only a URL or a file name is still a page, not a mistake
warnings.filterwarnings("ignore", category=MarkupResemblesLocatorWarning)


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page, headline first, paragraphs blank-line separated."""
    soup = BeautifulSoup(markup, "html.parser")
    title_tag = soup.find("title")
    headline = title_tag.get_text(" ", strip=True) if title_tag else ""
    parts: list[str] = []
    found_h1 = False
    for piece in _pieces(soup, headline_tag="h1"):
        if isinstance(piece, Tag):  # an h1: the first is the headline, out of the body
            text = " ".join("".join(p for p in _pieces(piece) if isinstance(p, str)).split())
            if found_h1:
                parts.append(text)
            else:
                headline, found_h1 = text, True
            continue
        parts.append(piece)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    paragraphs = "\n".join(lines)
    while "\n\n\n" in paragraphs:
        paragraphs = paragraphs.replace("\n\n\n", "\n\n")
    return (headline + BREAK + paragraphs.strip()).strip() if headline else paragraphs.strip()


def _pieces(root: Tag, headline_tag: str | None = None) -> Iterator[str | Tag]:
    """The text of ``root`` in document order, with a break around each block element.

    Furniture is skipped whole; a ``headline_tag`` element is yielded as the
    tag itself (its text left to the caller) instead of being read.
    """
    stack: list[PageElement | None] = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if node is None:  # the end of a block element
            yield BREAK
        elif isinstance(node, PreformattedString):  # comments, CDATA, doctypes...
            continue
        elif isinstance(node, NavigableString):
            yield str(node)
        elif isinstance(node, Tag) and node.name not in DROP:
            if node.name == headline_tag:
                yield node
                yield BREAK
                continue
            if node.name in BLOCKS:
                yield BREAK
                stack.append(None)
            stack.extend(reversed(node.contents))
