"""Provides `SubmitInput`, a one-line field whose submit holds the keys typed behind it until its screen has
handled the submit, so they go where the submit sends the user (the next field, the list, the screen beneath
a closing dialog).

The app hands keys on one at a time, each once the one before has come back up to the App (`ui.type_ahead`).
For enter that is not enough: its binding only posts `Submitted`, which the screen handles a few hops later,
and the keys behind it used to land in the field before it had moved the focus (`/mari⏎o` filtered "mario";
on the call, `Why now?⏎newsletters⏎` typed the note into the question's prompt and the second enter dismissed
it twice, a crash). A submit the screen refuses (an empty prompt) leaves the focus here, and the keys with it.
"""

from __future__ import annotations

from textual.widgets import Input

from infoview_tui.ui.type_ahead import KeysHandedOn, hold_keys


class SubmitInput(Input):
    """An `Input` whose submit holds the keys typed behind it until the screen has handled it."""

    async def action_submit(self) -> None:
        release = hold_keys(self)
        await super().action_submit()
        if release is not None:
            self.post_message(KeysHandedOn(release))  # right behind Submitted, the same way up
