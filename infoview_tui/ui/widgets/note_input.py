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

from infoview_tui.stages.conduct.call import MAX_NOTE, split_lines


class NoteInput(Input):
    """The call's note field: enter posts `NoteInput.Entered` with the line and leaves the field empty.

    A paste of several lines posts one `Entered` with every complete line, in order, and keeps the text after
    the last newline in the field; a line longer than the field's limit is split, never cut.

    A line is out of the field but not yet saved until the screen `claim`s its message: if the app has to
    quit first (a signal), the screen saves whatever `claim_all` returns, so not even that moment loses a line.
    """

    @dataclass
    class Entered(Message):
        """Lines left the note field: one on enter, every complete line of a paste at once (so a paste of a
        thousand lines is saved and drawn once, not a thousand times); `lines` are exactly what it held."""

        note_input: NoteInput
        """The field it came from."""
        lines: tuple[str, ...]
        """The lines as typed, in order (the screen parses each one's kind marker and cleans it)."""
        number: int
        """Its place in the order lines left the field, for `NoteInput.claim`."""

        @property
        def control(self) -> NoteInput:
            """The field, so `@on(NoteInput.Entered, "#note")` can match it."""
            return self.note_input

    def __init__(
        self,
        *,
        placeholder: str = "",
        id: str | None = None,
        classes: str | None = None,
        limit: int = MAX_NOTE,
    ) -> None:
        super().__init__(
            placeholder=placeholder, id=id, classes=classes, max_length=limit, select_on_focus=False
        )
        self.limit = limit
        self._in_flight: dict[int, tuple[str, ...]] = {}
        """Lines posted but not yet claimed by the screen, oldest first."""
        self._posted = 0

    async def _on_key(self, event: events.Key) -> None:
        """enter is taken here, in key order, instead of through the App's binding check after bubbling.

        A key that reaches the field after it lost focus (the App forwarded it while escape, queued just
        before it, was still on its way) is not the field's: it is never inserted, and bubbles on to the
        bindings of whatever has focus now, so `escape` then `4` switches to section 4 at any speed.
        """
        if self.screen.focused is not self:
            event.prevent_default()  # Input's handler would insert it
            return
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
            self._post_lines((text,))

    def _post_lines(self, lines: tuple[str, ...]) -> None:
        self._posted += 1
        self._in_flight[self._posted] = lines
        self.post_message(self.Entered(self, lines, self._posted))

    def claim(self, entered: Entered) -> bool:
        """The screen is saving this line: True the first time, False if `claim_all` already took it."""
        return self._in_flight.pop(entered.number, None) is not None

    def claim_all(self) -> list[str]:
        """Every line that left the field but whose message has not been handled yet, in order."""
        lines = [line for entered in self._in_flight.values() for line in entered]
        self._in_flight.clear()
        return lines

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
        if lines:
            self._post_lines(tuple(lines))
        self.value = rest
        self.cursor_position = max(0, len(rest) - len(after))
