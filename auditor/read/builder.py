"""Assemble a Document's text block by block, recording each block's span and each page's start."""

from __future__ import annotations

from dataclasses import replace

from auditor.models import Block


class TextBuilder:
    """Joins blocks with a newline; the readers call ``add`` in reading order."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.blocks: list[Block] = []
        self.page_starts: list[int] = []

    def start_page(self) -> None:
        """Marks the next block's offset as the start of a new page."""
        self.page_starts.append(self._length + (1 if self._parts else 0))

    def add(self, text: str, **cues) -> Block | None:
        """Appends ``text`` as one block with the given cues (see ``Block``); blank text is skipped."""
        text = text.strip()
        if not text:
            return None
        if self._parts:
            self._parts.append("\n")
            self._length += 1
        start = self._length
        self._parts.append(text)
        self._length += len(text)
        block = Block(start=start, end=self._length, **cues)
        self.blocks.append(block)
        return block

    def replace_last(self, **cues) -> None:
        self.blocks[-1] = replace(self.blocks[-1], **cues)

    @property
    def text(self) -> str:
        return "".join(self._parts)
