"""Provides a contact's detail view: everything about them, their outreach, interviews and introductions.

It shows and returns what the user chose to do (a `DetailAction`); the Identify screen does it and saves.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from infoview_tui.domain.dates import fmt_local
from infoview_tui.domain.models import Contact, IntroStatus, OutreachStatus, RecordId
from infoview_tui.stages.identify.nudges import nudge
from infoview_tui.store import Store
from infoview_tui.ui.widgets.footer import Footer
from infoview_tui.ui.widgets.plain import assemble

Part = str | tuple[str, str] | Content


@dataclass(frozen=True, slots=True)
class DetailAction:
    """What the user asked for from the detail view."""

    action: str
    intro_id: RecordId | None = None
    contact_id: RecordId | None = None


class ContactDetailScreen(ModalScreen[DetailAction | None]):
    """Everything about one contact. Keys act on them; escape goes back."""

    BINDINGS = [
        # The Footer shows these in this order: the next steps with this person first, escape last.
        Binding("m", "choose('message')", "Reach out"),
        Binding("r", "choose('replied')", "Replied"),
        Binding("s", "choose('schedule')", "Schedule"),
        Binding("e", "choose('edit')", "Edit"),
        Binding("f", "choose('followed_up')", "Followed up"),
        Binding("d", "choose('declined')", "Declined"),
        Binding("i", "choose('introduction')", "Ask intro"),
        Binding("l", "introduced", "Log intro made"),
        Binding("escape,q", "close", "Back"),
        # A dialog: the app's own ? does not reach it, so it has its own (the Footer shows it first).
        Binding("question_mark,f1", "help", "Help", key_display="?"),
    ]

    def __init__(self, contact: Contact, store: Store, now: datetime, colleagues: list[Contact]) -> None:
        super().__init__(classes="detail-screen")
        self.contact = contact
        self.store = store
        self.now = now
        self.colleagues = colleagues
        self.pending_intros = [
            i for i in store.intros.all() if i.via_contact_id == contact.id and i.status is IntroStatus.ASKED
        ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="detail-body"):
            yield Static(assemble(*self._parts()), id="detail-text")
        yield Footer()

    def _parts(self) -> list[Part]:
        c = self.contact
        contacts = {x.id: x for x in self.store.contacts.all()}
        parts: list[Part] = [(c.name, "bold $text-accent"), "\n"]
        role = " at ".join(p for p in (c.title, c.company) if p)
        if role:
            parts += [role, "\n"]
        parts.append("\n")
        for label, value in (
            ("How you know them", c.how_known_label),
            ("Industry", c.industry),
            ("Email", c.email),
            ("LinkedIn", c.linkedin_url),
            ("Tags", ", ".join(c.tags)),
            ("Priority", {1: "high", 2: "normal", 3: "low"}.get(c.priority, "")),
            ("Connected on", f"{c.connected_on:%d %b %Y}" if c.connected_on else ""),
            ("Archived", "yes" if c.archived else ""),
        ):
            if value:
                parts += [(f"{label:<18}", "$text-muted"), value, "\n"]
        introducer = contacts.get(c.introduced_by_id) if c.introduced_by_id else None
        if introducer is not None:
            parts += [
                ("Introduced by     ", "$text-muted"),
                f"{introducer.name} ({introducer.title or introducer.company})",
                "\n",
            ]
        if c.notes:
            parts += ["\n", ("Notes\n", "bold"), c.notes, "\n"]
        if c.merged:
            parts += ["\n", ("Merged from another copy (the other value of a field both changed)\n", "bold")]
            for line in c.merged:
                parts += ["  · ", line, "\n"]

        introduced = [x for x in contacts.values() if x.introduced_by_id == c.id]
        if introduced or self.pending_intros:
            parts += ["\n", ("Introductions through them\n", "bold")]
            for person in introduced:
                parts += ["  ✓ ", person.name, (f"  {person.company}", "$text-muted"), "\n"]
            for number, intro in enumerate(self.pending_intros, 1):
                parts += [f"  … asked {fmt_local(intro.asked_at)}: ", intro.target]
                parts += [
                    (
                        f"  (l logs it{' #' + str(number) if len(self.pending_intros) > 1 else ''})",
                        "$text-muted",
                    ),
                    "\n",
                ]

        history = sorted(
            (o for o in self.store.outreach.all() if o.contact_id == c.id),
            key=lambda o: o.sent_at,
            reverse=True,
        )
        parts += ["\n", ("Outreach\n", "bold")]
        if not history:
            parts += [("  none yet: press m to write a request", "$text-muted"), "\n"]
        for item in history:
            parts += [f"  {fmt_local(item.sent_at)}  {item.channel.label:<10} {item.status.label}"]
            if item.status is OutreachStatus.SENT and item.nudged_at is None:
                clock = nudge(item, self.now)
                tone = "bold $warning" if clock.past_three_b else "$text-muted"
                parts.append(
                    (f"   3B {fmt_local(clock.three_b, with_day=True)} · 7B {fmt_local(clock.seven_b)}", tone)
                )
            elif item.nudged_at is not None:
                parts.append((f"   followed up {fmt_local(item.nudged_at)}", "$text-muted"))
            parts.append("\n")
        open_items = [o for o in history if o.status is OutreachStatus.SENT]
        if open_items and nudge(open_items[0], self.now).past_three_b and self.colleagues:
            parts += [
                ("\n3B: while you wait, try someone else at ", "bold $warning"),
                (c.company, "bold $warning"),
                "\n",
            ]
            for other in self.colleagues[:8]:
                parts += ["  · ", other.name, (f"  {other.title}", "$text-muted"), "\n"]

        interviews = [iv for iv in self.store.interviews.all() if iv.contact_id == c.id]
        parts += ["\n", ("Interviews\n", "bold")]
        if not interviews:
            parts += [("  none yet: when they agree, press s to schedule", "$text-muted"), "\n"]
        for iv in sorted(interviews, key=lambda iv: iv.scheduled_at or self.now):
            parts += [f"  {fmt_local(iv.scheduled_at)}  {iv.duration_minutes} min  {iv.stage.label}", "\n"]
        return parts

    async def action_help(self) -> None:
        """Every key of this screen, as ? lists them everywhere else."""
        await self.app.run_action("help")

    def action_close(self) -> None:
        self.dismiss(None)

    def action_choose(self, action: str) -> None:
        self.dismiss(DetailAction(action))

    def action_introduced(self) -> None:
        if not self.pending_intros:
            self.notify(
                "No introduction is pending through this person. Press i to ask for one.", severity="warning"
            )
            return
        self.dismiss(DetailAction("introduced", intro_id=self.pending_intros[0].id))
