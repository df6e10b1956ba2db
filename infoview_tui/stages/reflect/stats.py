"""Provides the numbers behind the Insights charts, and text bars and sparklines to draw them in a terminal.

Every function takes records and returns plain lists of tuples, ready for a table or a bar chart: how many
conversations a month, average interest by industry or goal and over time, response rates by channel, the
questions that proved most useful and who introduced whom. `bar` and `sparkline` draw with Unicode block
characters, so no charting library is needed.

Months are the calendar months of the call's start in the zone of `now` (the user's zone when `now` is not
given). Pure core: no Textual and no TinyDB import.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Literal, TypeVar

from infoview_tui.domain.models import Contact, Goal, Interview, Outreach, OutreachStatus, Question, RecordId
from infoview_tui.stages.conduct.call import is_conducted
from infoview_tui.stages.prepare.question_bank import score

__all__ = [
    "BAR_BLOCKS",
    "NO_GOAL",
    "NO_INDUSTRY",
    "SPARK_BLOCKS",
    "bar",
    "conversations_per_month",
    "interest_by",
    "interest_over_time",
    "month_labels",
    "most_useful_questions",
    "referral_graph",
    "response_rate_by_channel",
    "sparkline",
]

BAR_BLOCKS = "▏▎▍▌▋▊▉█"
"""One eighth of a cell to a full cell."""
SPARK_BLOCKS = "▁▂▃▄▅▆▇█"
NO_INDUSTRY = "(no industry)"
NO_GOAL = "(no goal)"

T = TypeVar("T")


def _values(items: Iterable[T] | Mapping[RecordId, T]) -> list[T]:
    return list(items.values()) if isinstance(items, Mapping) else list(items)


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now().astimezone()


def _call_time(interview: Interview) -> datetime | None:
    """When a conversation happened: its call's start; None when the call has not ended."""
    if not is_conducted(interview):
        return None
    return interview.call.started_at or interview.scheduled_at or interview.call.ended_at


def _month_key(when: datetime, now: datetime) -> str:
    local = when.astimezone(now.tzinfo) if now.tzinfo is not None else when.astimezone()
    return f"{local.year:04d}-{local.month:02d}"


def month_labels(months: int, now: datetime | None = None) -> list[str]:
    """The last `months` calendar months as "YYYY-MM", oldest first, ending with the month of `now`."""
    now = _now(now)
    year, month = now.year, now.month
    labels = []
    for _ in range(max(0, months)):
        labels.append(f"{year:04d}-{month:02d}")
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return labels[::-1]


def conversations_per_month(
    interviews: Iterable[Interview], months: int = 12, now: datetime | None = None
) -> list[tuple[str, int]]:
    """("2026-11", n) for each of the last `months` months, oldest first, months without calls at 0.

    A conversation is an interview whose call has ended, counted in the month its call started.
    """
    now = _now(now)
    labels = month_labels(months, now)
    counts = dict.fromkeys(labels, 0)
    for interview in interviews:
        when = _call_time(interview)
        if when is not None:
            key = _month_key(when, now)
            if key in counts:
                counts[key] += 1
    return [(label, counts[label]) for label in labels]


def interest_over_time(
    interviews: Iterable[Interview], months: int = 12, now: datetime | None = None
) -> list[tuple[str, float | None]]:
    """("2026-11", average interest 1–5) for each of the last `months` months; None for a month with no
    rated conversation. Months are those of the call, not of the reflection."""
    now = _now(now)
    labels = month_labels(months, now)
    sums: dict[str, list[int]] = {label: [] for label in labels}
    for interview in interviews:
        when = _call_time(interview)
        interest = interview.reflection.interest
        if when is None or interest is None:
            continue
        key = _month_key(when, now)
        if key in sums:
            sums[key].append(interest)
    return [(label, sum(v) / len(v) if v else None) for label, v in sums.items()]


def interest_by(
    interviews: Iterable[Interview],
    contacts: Iterable[Contact] | Mapping[RecordId, Contact],
    goals: Iterable[Goal] | Mapping[RecordId, Goal],
    key: Literal["industry", "goal"],
) -> list[tuple[str, float, int]]:
    """(industry or goal title, average interest, rated conversations), highest average first.

    Only reflections with an interest rating count. By goal, a reflection tied to two goals counts for
    both, and one tied to none counts under "(no goal)"; by industry, a contact without one under
    "(no industry)". Industries are grouped ignoring case and spacing (the first spelling seen is shown).
    """
    if key not in ("industry", "goal"):
        raise ValueError(f"key must be 'industry' or 'goal', not {key!r}")
    by_contact = {c.id: c for c in _values(contacts)}
    titles = {g.id: g.title for g in _values(goals)}
    groups: dict[str, list[int]] = defaultdict(list)
    shown: dict[str, str] = {}
    for interview in interviews:
        interest = interview.reflection.interest
        if interest is None:
            continue
        if key == "industry":
            contact = by_contact.get(interview.contact_id)
            label = " ".join(contact.industry.split()) if contact is not None else ""
            labels = [label or NO_INDUSTRY]
        else:
            labels = [titles[g] for g in interview.reflection.goal_ids if g in titles] or [NO_GOAL]
        for label in dict.fromkeys(labels):
            group = label.casefold()
            shown.setdefault(group, label)
            groups[group].append(interest)
    rows = [(shown[g], sum(v) / len(v), len(v)) for g, v in groups.items()]
    return sorted(rows, key=lambda r: (-r[1], -r[2], r[0].casefold()))


def response_rate_by_channel(outreach: Iterable[Outreach]) -> list[tuple[str, int, int]]:
    """(channel label, requests sent, responses), most sent first. A response is a reply, a scheduled
    call or a decline, as in the outreach response rate; channels never used are left out."""
    sent: dict[str, int] = defaultdict(int)
    responded: dict[str, int] = defaultdict(int)
    answered = (OutreachStatus.REPLIED, OutreachStatus.SCHEDULED, OutreachStatus.DECLINED)
    for item in outreach:
        label = item.channel.label
        sent[label] += 1
        if item.status in answered:
            responded[label] += 1
    rows = [(label, n, responded[label]) for label, n in sent.items()]
    return sorted(rows, key=lambda r: (-r[1], r[0]))


def most_useful_questions(questions: Iterable[Question], limit: int = 10) -> list[tuple[str, float, int]]:
    """(question, average usefulness 1–5, ratings) for rated questions, best first.

    Ordered like the question bank: by the average pulled towards a neutral 3 for few ratings (so one 5
    does not beat ten 4.8s), then by the number of ratings. Archived questions are left out.
    """
    rated = [q for q in questions if q.rating_count > 0 and not q.archived]
    rated.sort(key=lambda q: (-score(q), -q.rating_count, q.text.casefold(), q.id))
    return [(q.text, q.rating_total / q.rating_count, q.rating_count) for q in rated[: max(0, limit)]]


def referral_graph(contacts: Iterable[Contact] | Mapping[RecordId, Contact]) -> list[tuple[str, list[str]]]:
    """(introducer, [people they introduced you to]) for every contact who introduced someone, most
    introductions first, then by name; the names in each list alphabetically. Only introductions recorded
    with `introduced_by_id` (a contact) count."""
    everyone = _values(contacts)
    by_id = {c.id: c for c in everyone}
    introduced: dict[RecordId, list[str]] = defaultdict(list)
    for contact in everyone:
        via = contact.introduced_by_id
        if via is not None and via in by_id and via != contact.id:
            introduced[via].append(contact.name)
    rows = [(by_id[via].name, sorted(names, key=str.casefold)) for via, names in introduced.items()]
    return sorted(rows, key=lambda r: (-len(r[1]), r[0].casefold()))


def bar(value: float, maximum: float, width: int) -> str:
    """A horizontal bar `value / maximum` of `width` cells, in eighths of a cell (█▉▊▋▌▍▎▏).

    Not padded. Values are clamped to 0..maximum; any value above zero shows at least ▏ so it is never
    mistaken for nothing; a maximum of zero or less draws nothing.
    """
    if width <= 0 or maximum <= 0 or not value > 0 or math.isnan(maximum):
        return ""
    eighths = round(min(value, maximum) / maximum * width * 8)
    eighths = max(1, eighths)
    full, part = divmod(eighths, 8)
    return "█" * full + (BAR_BLOCKS[part - 1] if part else "")


def sparkline(values: Sequence[float | None]) -> str:
    """One character a value (▁▂▃▄▅▆▇█), scaled from min(0, lowest) to the highest; None is a space.

    Scaling from zero keeps counts honest: a month with 0 calls is ▁ and the busiest █, so equal positive
    values are all █ and all zeros all ▁.
    """
    present = [v for v in values if v is not None and not math.isnan(v)]
    if not present:
        return " " * len(values)
    low, high = min(0.0, min(present)), max(present)
    out = []
    for v in values:
        if v is None or math.isnan(v):
            out.append(" ")
        elif high == low:
            out.append(SPARK_BLOCKS[0] if high == 0 else SPARK_BLOCKS[3])
        else:
            out.append(SPARK_BLOCKS[round((v - low) / (high - low) * (len(SPARK_BLOCKS) - 1))])
    return "".join(out)
