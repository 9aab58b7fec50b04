"""HTML to plain text that keeps paragraphs and drops page furniture.

Scripts, styles, navigation, headers, footers and figure captions are not
part of a report, nor are comments and CDATA; block elements become paragraph breaks so that the
normaliser sees the same shape as in a text file. The headline (``<h1>``,
else ``<title>``) becomes the first line.
"""
from __future__ import annotations

from bs4 import BeautifulSoup
from bs4.element import PreformattedString

DROP = ("script", "style", "noscript", "template", "nav", "header", "footer", "aside",
        "figure", "figcaption", "form", "button", "iframe", "svg", "canvas", "select")
BLOCKS = ("p", "div", "section", "article", "main", "li", "ul", "ol", "tr", "table",
          "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "dd", "dt", "br", "hr")


def html_to_text(markup: str) -> str:
    """The readable text of an HTML page, headline first, paragraphs blank-line separated."""
    soup = BeautifulSoup(markup, "html.parser")
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else ""
    for tag in soup.find_all(DROP):
        tag.decompose()
    for tag in soup.find_all(["title", "head"]):
        tag.decompose()
    # comments, CDATA, processing instructions, doctypes: never article text
    for special in soup.find_all(string=lambda s: isinstance(s, PreformattedString)):
        special.extract()
    h1 = soup.find("h1")
    headline = h1.get_text(" ", strip=True) if h1 else title
    if h1:
        h1.decompose()
    for tag in soup.find_all(BLOCKS):
        tag.insert_before("\n\n")
        tag.insert_after("\n\n")
    body = soup.get_text()
    lines = (" ".join(line.split()) for line in body.split("\n"))
    paragraphs = "\n".join(lines)
    while "\n\n\n" in paragraphs:
        paragraphs = paragraphs.replace("\n\n\n", "\n\n")
    return (headline + "\n\n" + paragraphs.strip()).strip() if headline else paragraphs.strip()
