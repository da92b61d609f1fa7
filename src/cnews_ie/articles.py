"""Articles: a newspaper page holds several; split them where the layout shows it.

Works on the repaired blocks (``clean.Block``, each a body paragraph, heading or credit):

* a group of consecutive headings starts an article when a byline (a credit line) or a dateline
  opening (本报讯, 新华社…电, …讯) follows within two blocks; its text is the headline;
* a body paragraph that opens with a dateline starts an article unless a headline just did;
* any other heading is a subheading inside the current article.

The first byline of an article, or the 记者 names in its dateline (本报讯（记者常建哲 郭鑫）), is
its byline.  Layouts that print the headline after the article (some PDF extractions) are
not recognised as such: the headline then opens the next article.
"""

from __future__ import annotations

from cnews_ie.clean import Block
from cnews_ie.patterns import ARTICLE_START, DATELINE_BYLINE
from cnews_ie.records import Role

__all__ = ["split_articles_in"]


def split_articles_in(
    text: str, blocks: tuple[Block, ...]
) -> list[tuple[int, int, str | None, str | None]]:
    """(start, end, headline, byline) of each article, in repaired-text offsets."""
    starts: list[tuple[int, str | None]] = []  # (block index, headline)
    i = 0
    while i < len(blocks):
        block = blocks[i]
        if block.role is Role.HEADING:
            j = i
            while j < len(blocks) and blocks[j].role is Role.HEADING:
                j += 1
            following = blocks[j : j + 2]
            opens = any(
                b.role is Role.CREDIT
                or (b.role is Role.BODY and ARTICLE_START.match(text[b.start : b.end]))
                for b in following
            )
            if opens:
                title = " ".join(text[b.start : b.end] for b in blocks[i:j])
                starts.append((i, title))
                i = j
                if j < len(blocks) and blocks[j].role is Role.BODY:
                    i = j + 1  # its dateline paragraph belongs to this headline
                continue
            i = j
            continue
        if block.role is Role.BODY and ARTICLE_START.match(text[block.start : block.end]):
            starts.append((i, None))
        i += 1
    if not starts or starts[0][0] != 0:
        starts.insert(0, (0, None))
    out: list[tuple[int, int, str | None, str | None]] = []
    for k, (first, headline) in enumerate(starts):
        last = starts[k + 1][0] if k + 1 < len(starts) else len(blocks)
        members = blocks[first:last]
        if not members:
            continue
        out.append((members[0].start, members[-1].end, headline, _byline(text, members)))
    return out


def _byline(text: str, members: tuple[Block, ...]) -> str | None:
    for block in members[:4]:
        body = text[block.start : block.end]
        if block.role is Role.CREDIT:
            return body
        if block.role is Role.BODY:
            m = DATELINE_BYLINE.search(body[:60])
            return m.group(1) if m else None
    return None
