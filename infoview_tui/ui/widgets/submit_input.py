"""Provides `SubmitInput`, a one-line field whose enter submits in key order and whose later keys go where the
submit sends the user (the next field, the list, the screen beneath a closing dialog).

Textual's `Input` submits through its `enter` binding, which runs only once the key has bubbled up to the App;
by then the keys typed behind enter have been inserted into the field. Typed fast ("Why now?<enter>newsletters"
on the call), the second line joined the first, and a second enter dismissed the dialog twice (a crash). Here
enter submits in the field's own key handler, and from then on the field takes no key: each is handed to the
app's type-ahead (`ui.type_ahead`), held until the screen has handled the submit, then routed to whatever has
focus by then. A submit the screen refuses (an empty prompt) gives the keys back to the field.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

from infoview_tui.ui.type_ahead import KeysHandedOn, Release, TypeAhead


class SubmitInput(Input):
    """An `Input` that submits on enter in key order (see the module)."""

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._handed_on: Release | None = None
        """Set from a submit until the screen has handled it: keys that reach the field meanwhile are not its."""

    def _type_ahead(self) -> TypeAhead | None:
        found = getattr(self.app, "type_ahead", None)
        return found if isinstance(found, TypeAhead) else None

    async def _on_key(self, event: events.Key) -> None:
        if self._handed_on is not None:
            type_ahead = self._type_ahead()
            if type_ahead is not None and type_ahead.keep(event):
                event.stop()
                event.prevent_default()  # Input's handler would insert it
                return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            await self.action_submit()

    def _on_paste(self, event: events.Paste) -> None:
        type_ahead = self._type_ahead()
        if self._handed_on is not None and type_ahead is not None and type_ahead.keep(event):
            event.stop()
            event.prevent_default()
            return
        super()._on_paste(event)

    async def action_submit(self) -> None:
        """Submit (enter, or code that calls it), holding the keys typed behind it until the screen handled it."""
        type_ahead = self._type_ahead()
        if type_ahead is None or self._handed_on is not None:
            await super().action_submit()
            return
        release = type_ahead.hold(until_screen_change=True)

        def give_back() -> None:
            self._handed_on = None
            release()

        self._handed_on = give_back
        await super().action_submit()
        self.post_message(KeysHandedOn(give_back))
