"""Provides `NoteInput`, a one-line field whose enter hands its text over and empties it in the same step.

Textual's `Input` only posts `Submitted(value)` on enter and leaves clearing to whoever handles it; keys that
arrive before that handler runs (fast typing, a busy machine, a slow redraw) are inserted into the old text and
saved as part of the previous note. Worse, enter reaches `Input`'s `submit` binding only after the key has
bubbled up to the App, while the keys typed after it are already being inserted by the field: under load they
join the line before enter. Here enter is handled in the field's own key handler, in the order the keys
arrived, and the value is taken and the field cleared in that same step, so every later key lands in the
next note, at any typing speed and under any load.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.message import Message
from textual.widgets import Input

from infoview_tui.call import MAX_NOTE, split_lines


class NoteInput(Input):
    """The call's note field: enter posts `NoteInput.Entered` with the line and leaves the field empty.

    A paste of several lines posts one `Entered` per complete line, in order, and keeps the text after the
    last newline in the field; a line longer than the field's limit is split, never cut.
    """

    @dataclass
    class Entered(Message):
        """A line left the note field (enter, or a complete line of a paste); `text` is exactly what it held."""

        note_input: NoteInput
        """The field it came from."""
        text: str
        """The line as typed (the screen parses its kind marker and cleans it)."""

        @property
        def control(self) -> NoteInput:
            """The field, so `@on(NoteInput.Entered, "#note")` can match it."""
            return self.note_input

    def __init__(self, *, placeholder: str = "", id: str | None = None, limit: int = MAX_NOTE) -> None:
        super().__init__(placeholder=placeholder, id=id, max_length=limit, select_on_focus=False)
        self.limit = limit

    async def _on_key(self, event: events.Key) -> None:
        """enter is taken here, in key order, instead of through the App's binding check after bubbling."""
        if event.key == "enter":
            event.stop()
            event.prevent_default()  # Input's own key handler has nothing to add
            self.take_line()

    async def action_submit(self) -> None:
        """The `submit` binding (and code that calls it): the same as enter."""
        self.take_line()

    def take_line(self) -> None:
        """Take the line and clear the field in one step (nothing can run in between)."""
        text = self.value
        self.clear()
        if text.strip():
            self.post_message(self.Entered(self, text))

    def _on_paste(self, event: events.Paste) -> None:
        """A paste (terminal bracketed paste): every complete line becomes a note; nothing is dropped."""
        event.stop()
        event.prevent_default()  # Input's own handler keeps only the first line
        self.take_paste(event.text)

    def action_paste(self) -> None:
        """ctrl+v from the app's own clipboard: the same rules as a terminal paste."""
        self.take_paste(self.app.clipboard)

    def take_paste(self, pasted: str) -> None:
        """Insert `pasted` at the cursor (over a selection); post each complete line, keep the rest."""
        if not pasted:
            return
        start, end = sorted(self.selection)
        before, after = self.value[:start], self.value[end:]
        lines, rest = split_lines(before + pasted + after, self.limit)
        for line in lines:
            self.post_message(self.Entered(self, line))
        self.value = rest
        self.cursor_position = max(0, len(rest) - len(after))
