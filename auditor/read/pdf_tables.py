"""A pdfplumber page that turns into character objects only the characters its tables hold.

pdfplumber converts every pdfminer object of a page into a dict before the table finder can
look at its ruling lines, and most of a page's objects are characters: on the portfolio's pages
with tables that conversion cost about as much as pdfminer's own parse, and three characters in
five lay outside the tables. The finder needs only the rulings; ``Table.extract`` needs only the
characters inside the table. So characters wait, unconverted, until the tables are known, and
those that can fall in one are then converted by pdfplumber itself: the cells read the same.

Imported only when a page has ruling lines, like pdfplumber.
"""

from __future__ import annotations

from pdfminer.layout import LTAnno, LTChar, LTContainer
from pdfplumber.page import Page

# Table.extract takes a character whose middle lies in a cell; the characters handed to it may
# include more (it tests each), so the coarse test here can afford a margin against rounding.
MARGIN = 1.0


class TablePage(Page):
    """The same page as ``plumber_page``; its ``chars`` are empty until ``keep_chars_in``."""

    def __init__(self, plumber_page: Page) -> None:
        super().__init__(plumber_page.pdf, plumber_page.page_obj, plumber_page.page_number,
                         plumber_page.initial_doctop)
        self.pending_chars: list[LTChar] = []

    def parse_objects(self) -> dict[str, list[dict]]:
        """``Page.parse_objects`` (without layout analysis, as the reader opens PDFs) with the
        characters set aside."""
        assert self.pdf.laparams is None, "with laparams pdfplumber would also keep the containers"
        objects: dict[str, list[dict]] = {}
        self.pending_chars = []
        stack = [iter(self.layout._objs)]
        while stack:
            obj = next(stack[-1], None)
            if obj is None:
                stack.pop()
            elif isinstance(obj, LTContainer):  # a form XObject: its contents, in order
                stack.append(iter(obj._objs))
            elif isinstance(obj, LTChar):
                self.pending_chars.append(obj)
            elif not isinstance(obj, LTAnno):
                attr = self.process_object(obj)
                objects.setdefault(attr["object_type"], []).append(attr)
        return objects

    def keep_chars_in(self, bboxes: list[tuple[float, float, float, float]]) -> None:
        """Converts the characters whose middle may lie in one of ``bboxes`` (pdfplumber's
        coordinates), in drawing order, as ``Page.parse_objects`` would have."""
        # pdfplumber's frame from pdfminer's, as in Page.process_object.
        mb_x0, mb_top = self.mediabox[:2]
        height = self.height

        def may_fall_in(char: LTChar) -> bool:
            middle_x = (char.x0 + char.x1) / 2 + mb_x0
            middle_y = height - (char.y0 + char.y1) / 2 + mb_top
            return any(x0 - MARGIN <= middle_x <= x1 + MARGIN and top - MARGIN <= middle_y <= bottom + MARGIN
                       for x0, top, x1, bottom in bboxes)

        self.objects["char"] = [self.process_object(char) for char in self.pending_chars if may_fall_in(char)]
