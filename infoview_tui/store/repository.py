"""Provides `Store`, the typed repository over the data file, and `Collection`, one kind of record in it.

Records go in and come out as frozen Structs (`domain.models`); TinyDB's tables hold them and our
`AtomicStorage` puts them on disk (encoded by `codec.plain_doc`). Each record is held once: the reader decodes
each document as it reads it, and the tables keep the record in its place (a document stays only while it has
keys this version does not know, so a save does not drop them). Each collection maps ids to the same records,
so reads are served from memory.

When another program changes the file while it is open, the writer merges the two (see `storage.py`) and
the app calls `Store.adopt_outside_changes()` on its own thread: TinyDB's tables, the decoded caches and
TinyDB's next-id counters take the merged data. A record the merge changed remembers the version the app
had before; a screen that still holds that old version and saves it gets a field-by-field merge instead of
overwriting what the other copy brought.
"""

from __future__ import annotations

import contextlib
import gc
import os
import shlex
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from msgspec import Struct
from tinydb import TinyDB
from tinydb.table import Document, Table

from infoview_tui import __version__
from infoview_tui.domain import presence
from infoview_tui.domain.dates import Clock, SystemClock
from infoview_tui.domain.ids import new_id
from infoview_tui.domain.models import (
    Contact,
    Goal,
    Interview,
    IntroRequest,
    Outreach,
    Profile,
    Question,
    Record,
    RecordId,
    replace,
    starter_questions,
)
from infoview_tui.fileio import probe_writable
from infoview_tui.store import codec
from infoview_tui.store.errors import DataFileError, UnusableData
from infoview_tui.store.folder import secure_data_folder
from infoview_tui.store.lock import WriterLock
from infoview_tui.store.merge import COMPUTERS, MergeReport, merge_document, merge_tables
from infoview_tui.store.migrations import KNOWN_TABLES, SCHEMA_VERSION, migrate
from infoview_tui.store.other_copy import read_base
from infoview_tui.store.storage import (
    Adoption,
    AtomicStorage,
    OutsideChange,
    Tables,
    conflict_copy_path,
    made_read_only,
    newest_backup,
    read_data_file,
    remove_stale_temp_files,
)

__all__ = ["SCHEMA_VERSION", "Collection", "Store"]

R = TypeVar("R", bound=Record)


def _replaced(record: R, **changes: Any) -> R:
    """`record` with `changes`: msgspec's `replace` for a record typed by the `Record` protocol."""
    return cast(R, replace(cast(Struct, record), **changes))


class RecordTable(Table):
    """A TinyDB table whose document ids are our record ids (ULID strings), never TinyDB's max+1 numbers."""

    document_id_class = str  # type: ignore[assignment]  # TinyDB types it as int; str is what we keep

    def _get_next_id(self) -> Any:
        raise TypeError("records are always inserted with their own id (see Collection.add)")


class Collection(Generic[R]):
    """All records of one kind: typed add, update, get and list, served from memory."""

    def __init__(
        self,
        table: Table,
        kind: type[R],
        stamp: Callable[[R, bool], R],
        load_lock: threading.RLock,
        read_file: Callable[[], None],
        tombstone: Callable[[], dict[str, Any]] | None = None,
        make_id: Callable[[], RecordId] | None = None,
    ) -> None:
        self._table = table
        self._kind = kind
        self._stamp = stamp
        self._tombstone = tombstone or (lambda: {"deleted": True})
        self._make_id = make_id or new_id
        self._load_lock = load_lock
        self._read_file = read_file
        self._cache: dict[RecordId, R] | None = None
        self._superseded: dict[RecordId, dict[str, Any]] = {}
        """Documents an outside merge replaced, as the app had them: the base for merging a stale save."""

    @property
    def loaded(self) -> bool:
        return self._cache is not None

    def _records(self) -> dict[RecordId, R]:
        cache = self._cache
        if cache is None:
            with self._load_lock:  # a background preload may be decoding this collection right now
                self._read_file()
                if self._cache is None:
                    try:
                        self._cache = self._decode_table()
                    except ValueError as exc:  # codec.DecodeError
                        storage = self._table.storage
                        path = storage.path if isinstance(storage, AtomicStorage) else None
                        newest = newest_backup(path) if path is not None else None
                        raise DataFileError(
                            f"{path or 'The data file'} has a record that does not fit ({exc}); it was left untouched."
                            + (f" The newest good backup is {newest}." if newest else "")
                        ) from None
                cache = self._cache
        return cache

    def _decode_table(self) -> dict[RecordId, R]:
        """Decode this table, and keep the records in it in place of its documents (one copy in memory).

        Sorted by id: ids are time-ordered, so this is the order records were added (also after a merge
        put another copy's records in between). Tombstones are removed records: never decoded, never
        listed, kept as they are. A document with keys this version does not know (written by a newer
        one) is kept as it is too, so saving does not drop them while the record is unchanged.
        """
        kind = self._kind
        known = codec.field_names(kind)
        raw = self._table_docs()
        records: dict[RecordId, R] = {}
        kept: dict[str, Any] = {}
        for key in sorted(raw):
            doc = raw[key]
            if type(doc) is kind:
                record: R = doc
            elif codec.is_tombstone(doc):
                continue
            else:
                record = codec.from_doc(kind, doc, key)
                if doc.keys() <= known:
                    kept[key] = record
            records[key] = record
        codec.check_ids(kind, raw)
        self._keep(kept)
        return records

    def _keep(self, records: dict[str, Any]) -> None:
        """Put decoded records in the table in place of the documents they came from."""
        storage = self._table.storage
        if records and isinstance(storage, AtomicStorage):
            storage.keep(self._table.name, records)

    def _table_docs(self) -> dict[str, Any]:
        """This table's documents as TinyDB holds them (keys are strings)."""
        tables = self._table.storage.read() or {}
        return tables.get(self._table.name, {})

    def all(self) -> list[R]:
        """Every record, in the order they were added (by id)."""
        return list(self._records().values())

    def get(self, record_id: RecordId | None) -> R | None:
        if record_id is None:
            return None
        return self._records().get(record_id)

    def __getitem__(self, record_id: RecordId) -> R:
        """The record with this id; KeyError when there is none (`get` returns None instead)."""
        try:
            return self._records()[record_id]
        except KeyError:
            raise KeyError(f"{self._kind.__name__} {record_id} does not exist") from None

    def __len__(self) -> int:
        return len(self._records())

    def add(self, record: R) -> R:
        """Store a new record; returns it with its id and timestamps.

        A record without an id gets a new ULID at the store's clock; one that has an id (the demo's
        deterministic ids, the question bank's builtins) keeps it. ValueError when that id is taken.
        """
        return self.add_many([record])[0]

    def add_many(self, records: Iterable[R]) -> list[R]:
        """Store many new records in one write (each with its own id, as `add`)."""
        cache = self._records()
        saved: list[R] = []
        for record in records:
            stamped = self._stamp(record, True)
            if not stamped.id:
                stamped = _replaced(stamped, id=self._make_id())
            saved.append(stamped)
        self._table.insert_multiple([Document(codec.to_doc(r), r.id) for r in saved])  # type: ignore[arg-type]
        last = next(reversed(cache), "")
        for record in saved:
            cache[record.id] = record
        if saved and min(r.id for r in saved) <= last:  # a given id older than the newest: keep id order
            self._cache = {k: cache[k] for k in sorted(cache)}
        self._keep({record.id: record for record in saved})
        return saved

    def update(self, record: R) -> R:
        """Replace a stored record with this version of it."""
        return self.update_many([record])[0]

    def update_many(self, records: Iterable[R]) -> list[R]:
        """Replace many stored records in one write."""
        stamped = [self._stamp(r, False) for r in records]
        cache = self._records()
        for record in stamped:
            if record.id not in cache:
                raise KeyError(f"{self._kind.__name__} {record.id} does not exist")
        docs = {r.id: codec.to_doc(r) for r in stamped}  # proves each can be stored, on the caller's thread
        if self._superseded:
            stamped = [self._merge_stale(record, docs) for record in stamped]
        values = {r.id: r for r in stamped}  # the table keeps the records; the writer encodes them

        def replace_docs(table: dict[RecordId, Any]) -> None:
            table.update(values)

        # One table update and one write for the batch. `_update_table` is TinyDB's own single-write
        # primitive (stable through 4.x, pinned <5); the public update() mutates documents in place and
        # rewrites the whole table once per record.
        self._table._update_table(replace_docs)  # type: ignore[arg-type]
        for record in stamped:
            cache[record.id] = record
        return stamped

    def remove(self, record_id: RecordId) -> None:
        """Delete a record (most kinds are archived instead): its document becomes a tombstone,
        `{"deleted": true, "updated_at": ..., "updated_by": ...}` under the same id, so another copy that
        still has the record learns it was removed instead of bringing it back. Nothing lists it again."""
        cache = self._records()
        if record_id not in cache:
            return
        tombstone = self._tombstone()

        def bury(table: dict[RecordId, Any]) -> None:
            table[record_id] = tombstone

        self._table._update_table(bury)  # type: ignore[arg-type]
        cache.pop(record_id, None)
        self._superseded.pop(record_id, None)

    def _merge_stale(self, record: R, docs: dict[RecordId, dict[str, Any]]) -> R:
        """A save of a record an outside merge changed since it was read: merge it, so neither side is lost.

        The version the app had before the merge is the base; what is stored now (with the other copy's
        changes) is theirs. Only the first save after the merge needs this: its result includes both.
        """
        record_id = record.id
        base = self._superseded.pop(record_id, None)
        current = self._table_docs().get(record_id)
        if base is None or current is None or codec.is_tombstone(current):
            return record
        base, current = codec.plain_doc(base), codec.plain_doc(current)
        doc, _ours_kept = merge_document(self._table.name, base, docs[record_id], current)
        docs[record_id] = doc
        return codec.from_doc(self._kind, doc, record_id)

    def _adopt(self, before: dict[str, Any], after: dict[str, Any]) -> None:
        """Take the merged documents of this table (UI thread): refresh decoded records."""
        cache = self._cache
        kept: dict[str, Any] = {}
        added = False
        for record_id, doc in after.items():
            old = before.get(record_id)
            if old is doc:
                continue
            if old is not None and not codec.is_tombstone(old):
                self._superseded[record_id] = old
            if cache is not None:
                if codec.is_tombstone(doc):
                    cache.pop(record_id, None)
                else:
                    added = added or record_id not in cache
                    record = doc if type(doc) is self._kind else codec.from_doc(self._kind, doc, record_id)
                    cache[record_id] = record
                    if isinstance(doc, dict) and doc.keys() <= codec.field_names(self._kind):
                        kept[record_id] = record
        if cache is not None:
            for record_id in before.keys() - after.keys():
                cache.pop(record_id, None)
            if added:  # keep the order by id: the other copy's new records go where their time puts them
                self._cache = {k: cache[k] for k in sorted(cache)}
        self._keep(kept)


class Store:
    """The data file, opened: typed collections, a writer lock and durable background saves."""

    def __init__(
        self,
        path: Path,
        *,
        clock: Clock | None = None,
        read_only: bool = False,
        lock: WriterLock | None = None,
        on_error: Callable[[BaseException], None] | None = None,
        machine_id: str | None = None,
    ) -> None:
        """Use `Store.open`; this only wires the parts together and reads nothing."""
        self.path = path
        self.clock: Clock = clock or SystemClock()
        self._machine_id = machine_id
        self.id_source: Callable[[], RecordId] | None = None
        """Where new records' ids come from instead of `ids.new_id` at the clock (the demo's repeatable ids)."""
        self.read_only = read_only
        self.migrated_from = SCHEMA_VERSION
        """The schema version the file had when it was read (lower means it was migrated)."""
        self.notices: list[str] = []
        """Things the user should hear once about this file (a folder others may write to); the app or the
        CLI shows them."""
        self.changes: list[OutsideChange] = []
        """Every outside change the writer met and merged (or set aside), in order."""
        self._lock = lock
        self._refused = False
        """The file was refused as a data file (`load_all` raised DataFileError)."""
        self._on_error = on_error
        self._on_change: Callable[[OutsideChange | None], None] | None = None
        self._file_read = False
        self._here: tuple[str, str] | None = None
        """(machine id, host name) once this app said in the header that it has the file open."""
        self.set_aside: Path | None = None
        """Where `close` saved the changes made after `open_read_only` (they never reached the file)."""
        self.rescued: Path | None = None
        """Where `close` wrote what it could not save to the data file (see `_rescue`); None when all saved."""
        self.storage = AtomicStorage(
            path,
            {},
            read_only=read_only,
            on_error=self._report_error,
            on_change=self._report_change,
            check=self.check_tables,
            clock=self.clock.now,
            encode=codec.plain_doc,
        )
        self._db = TinyDB(storage=lambda: self.storage)
        self._load_lock = threading.RLock()
        self._bind_collections()

    def _bind_collections(self) -> None:
        self.contacts: Collection[Contact] = self._collection("contacts", Contact)
        self.outreach: Collection[Outreach] = self._collection("outreach", Outreach)
        self.interviews: Collection[Interview] = self._collection("interviews", Interview)
        self.questions: Collection[Question] = self._collection("questions", Question)
        self.goals: Collection[Goal] = self._collection("goals", Goal)
        self.intros: Collection[IntroRequest] = self._collection("intros", IntroRequest)

    # Opening and closing -----------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: Path,
        *,
        clock: Clock | None = None,
        read_only: bool = False,
        on_error: Callable[[BaseException], None] | None = None,
        preload: bool = True,
        machine_id: str | None = None,
    ) -> Store:
        """Open a data file: take the writer lock, then (with `preload`) read, check and decode it.

        Raises StoreLockedError, or DataFileError when the file is unusable (it is never touched then).
        With `preload=False` only the lock is taken; `load_all()` (which the app runs in a background
        thread after its first paint) or the first use of a collection reads the file, and raises
        DataFileError from there.

        A symlink is resolved once, here: writes go to its target (the link stays a link), backups and temp
        files sit beside the target, and the lock is taken on the target, so every name for the file shares
        it. A folder the file cannot be written in is refused at once (not at the first save).

        `machine_id` is what every change is stamped with (`updated_by`); by default this computer's id from
        the config folder (`config.machine_id()`), read at the first change.
        """
        path = Path(os.path.realpath(Path(os.path.expanduser(path)).absolute()))
        lock = None if read_only else WriterLock(path)
        if lock is not None:
            lock.acquire()
        try:
            notice = None
            if lock is not None:
                try:
                    probe_writable(path.parent)
                except OSError as exc:
                    raise DataFileError(
                        f"{path.parent} is read-only for you ({exc.strerror}), so nothing could be saved to "
                        f"{path.name}. Make it writable, or choose a file elsewhere with --data PATH."
                    ) from None
                _refuse_read_only_file(path)
                notice = secure_data_folder(path, default_folder=_default_folder)
                remove_stale_temp_files(path)
            store = cls(
                path, clock=clock, read_only=read_only, lock=lock, on_error=on_error, machine_id=machine_id
            )
            if notice:
                store.notices.append(notice)
            if preload:
                store.load_all()
        except BaseException as exc:
            if lock is not None:
                lock.release(discard=isinstance(exc, DataFileError))
            raise
        return store

    def _read_file(self) -> None:
        """Read, check and migrate the file once; a new file gets its header and question bank."""
        with self._load_lock:
            if self._file_read:
                return
            loaded = read_data_file(self.path, self._loader())
            tables = None if loaded is None else loaded.tables
            if tables is not None:
                tables, self.migrated_from = self._check_and_migrate(self.path, tables)
            if loaded is None:
                self.storage.replace_data({})
            else:
                self.storage.replace_data(tables or {}, loaded.disk, loaded.layout)
            self._file_read = True
            if tables is None and not self.read_only:
                self._initialise()

    def _loader(self) -> Callable[[str, str, Any], Any]:
        """What the reader keeps of each document as it reads the file: its record, decoded at once, so the
        documents are never all in memory beside the records (the load's peak).

        Only when the header, which this writer puts first, says the file needs no migration; a document
        that does not decode, or has keys this version does not know, is kept as it is (its collection
        reports it, or keeps those keys).
        """
        kinds = {name: collection._kind for name, collection in self.all_collections().items()}
        current = False

        def load(name: str, key: str, doc: Any) -> Any:
            nonlocal current
            if name == "meta":
                if key == "1":
                    current = isinstance(doc, dict) and doc.get("schema_version") == SCHEMA_VERSION
                return doc
            kind = kinds.get(name)
            if not current or kind is None or not doc.keys() <= codec.field_names(kind):
                return doc  # tombstones too: they have keys no record has
            try:
                return codec.from_doc(kind, doc, key)
            except ValueError:
                return doc

        return load

    @staticmethod
    def _migrate(tables: Tables) -> tuple[Tables, int]:
        """Bring tables up to this version's schema; raises UnusableData saying why they cannot be used."""
        unknown = set(tables) - KNOWN_TABLES
        if unknown or tables.get("_default"):
            raise UnusableData("foreign", "it is JSON but not an infoview-tui data file")
        # A hand edit: the header's entries are numbered, and writing the header would fail on any other.
        odd = next((k for k in tables.get("meta", {}) if not (k.isascii() and k.isdigit())), None)
        if odd is not None:
            raise UnusableData("header", f"a damaged header (its entry {odd[:40]!r} is not a number)")
        try:
            return migrate(tables)
        except ValueError as exc:
            raise UnusableData("header", f"a damaged header ({exc})") from None
        except KeyError:
            version = tables["meta"]["1"]["schema_version"]
            reason = f"it was written by a newer infoview-tui (schema {version})"
            raise UnusableData("newer", reason) from None

    @classmethod
    def _check_and_migrate(cls, path: Path, tables: Tables) -> tuple[Tables, int]:
        try:
            return cls._migrate(tables)
        except UnusableData as exc:
            if exc.kind == "foreign":
                raise DataFileError(
                    f"{path} is JSON but not an infoview-tui data file; it was left untouched."
                ) from None
            if exc.kind == "header":
                raise DataFileError(f"{path} has {exc.reason}; it was left untouched.") from None
            newest = newest_backup(path)
            hint = f" The newest good backup is {newest}." if newest else ""
            raise DataFileError(
                f"{path} was written by a newer infoview-tui (schema {tables['meta']['1']['schema_version']}, "
                f"this is {__version__} with schema {SCHEMA_VERSION}). It was left untouched; upgrade to open it."
                + hint
            ) from None

    def check_tables(self, tables: Tables) -> Tables:
        """Another program's copy of the file, migrated and checked record by record before it is merged in.

        Raises UnusableData when it cannot be merged (not ours, newer, a record that does not fit).
        """
        migrated, _start = self._migrate(tables)
        for name, collection in self.all_collections().items():
            try:
                codec.check_ids(collection._kind, migrated.get(name, {}))
            except ValueError as exc:
                raise UnusableData("record", f"a record that does not fit: {exc}") from None
            for key, doc in migrated.get(name, {}).items():
                if codec.is_tombstone(doc):
                    continue
                try:
                    codec.from_doc(collection._kind, doc, key)
                except ValueError as exc:
                    raise UnusableData("record", f"a record that does not fit: {exc}") from None
        try:
            _decode_profile(migrated)
        except ValueError as exc:
            raise UnusableData("record", f"a profile that does not fit: {exc}") from None
        return migrated

    def load_all(self, *, prime: bool = True, freeze: bool = False) -> None:
        """Read and decode every record now, so a file of the wrong shape is refused before anything is written.

        The garbage collector is paused meanwhile (see `paused_gc`); `freeze` (the app, whose records live
        for the whole session) moves what was loaded out of its reach for good. `prime=False` leaves the
        writer's priming to the caller: the app starts it once the Dashboard is painted, so it never
        competes with the first useful frame.
        """
        with paused_gc(freeze=freeze):
            try:
                self._read_file()
            except DataFileError:
                # `close` then leaves no lock file of ours beside a file that is not ours
                self._refused = True
                raise
            for collection in self.all_collections().values():
                collection.all()
            self.profile  # noqa: B018 - decoded now so a profile of the wrong shape is refused at open
        if prime:
            self.storage.prime()

    @property
    def loaded(self) -> bool:
        """Every collection is decoded and served from memory."""
        return all(c.loaded for c in self.all_collections().values())

    def _initialise(self) -> None:
        """A new file: write the header and the starter question bank."""
        self._db.table("meta").insert(
            Document({"schema_version": SCHEMA_VERSION, "created_by": __version__}, 1)
        )
        self.questions.add_many(starter_questions())

    def reset(self) -> None:
        """Remove every record and start again with a new header and question bank (backed up first)."""
        self._db.drop_tables()
        self._bind_collections()
        self._initialise()

    # The profile ---------------------------------------------------------------------------------------
    @property
    def profile(self) -> Profile:
        """Who you are (kept in the file's header, so files without one load, and older versions keep it).

        Raises DataFileError when the file holds a profile of the wrong shape.
        """
        self._read_file()
        try:
            return _decode_profile(self.storage.read() or {})
        except ValueError as exc:
            raise DataFileError(
                f"{self.path} has a profile that does not fit ({exc}); it was left untouched."
            ) from None

    def save_profile(self, profile: Profile) -> Profile:
        """Store who you are; an empty profile removes it."""
        self._read_file()
        meta = self._db.table("meta", cache_size=0)
        encoded = None if profile.is_empty else codec.encode(profile, compact=True)

        def put(table: dict[Any, Any]) -> None:
            # A new header document, never the old one changed in place: the writer reuses a document's
            # cached text while the object is the same, so an in-place change would never reach the disk.
            header: dict[str, Any] = dict(
                table.get(1) or {"schema_version": SCHEMA_VERSION, "created_by": __version__}
            )
            if encoded is None:
                header.pop("profile", None)
            else:
                header["profile"] = encoded
            table[1] = header

        meta._update_table(put)  # TinyDB's single-write primitive, as in Collection.update_many
        return profile

    # Who has the file open, for other computers (see domain/presence.py) ------------------------------
    @property
    def header(self) -> dict[str, Any]:
        """The file's header document, a copy: schema version, profile, which computer has it open."""
        self._read_file()
        return dict((self.storage.read() or {}).get("meta", {}).get("1") or {})

    def _set_header(self, key: str, value: Any, *, write: bool = True) -> None:
        """Set (None: remove) one header key. `write=False` only changes the data in memory, for a save that
        is about to happen anyway to carry it."""
        header = self.header or {"schema_version": SCHEMA_VERSION, "created_by": __version__}
        if value is None:
            header.pop(key, None)
        else:
            header[key] = value
        if write:
            self.storage.header_only = key == presence.FIELD  # no backup is made for that alone
            try:
                self._db.table("meta", cache_size=0)._update_table(lambda table: table.__setitem__(1, header))
            finally:
                self.storage.header_only = False
        else:
            tables = self.storage.read()
            tables["meta"] = {**tables.get("meta", {}), "1": header}

    def announce_open(self, machine: str, name: str) -> None:
        """Say in the header that this computer has the file open (one save); later saves refresh it when
        due, and a clean `close` removes it."""
        self._here = (machine, name)
        self.storage.defer_backup()
        computers = dict(self.header.get(COMPUTERS) or {})
        if computers.get(machine) != name:  # named once, so a merge can say "on Sam-laptop", not an id
            computers[machine] = name
            self._set_header(COMPUTERS, computers, write=False)
        self._set_header(presence.FIELD, presence.Presence(machine, name, self.clock.now()).encode())

    def _refresh_presence(self) -> None:
        """A save is about to happen: it carries a fresh heartbeat when one is due (never a save of its own)."""
        if self._here is None:
            return
        machine, name = self._here
        now = self.clock.now()
        if presence.heartbeat_due(self.header, machine, now):
            beat = presence.Presence(machine, name, now).encode()
            self._set_header(presence.FIELD, beat, write=False)

    def _announce_closed(self) -> None:
        """Remove this computer's `open_by` from the header (another computer's is left alone)."""
        here, self._here = self._here, None
        if here is None or self.storage.holding:
            return
        found = presence.read_presence(self.header)
        if found is not None and found.machine == here[0]:
            self._set_header(presence.FIELD, None)

    def open_read_only(self) -> None:
        """Nothing more reaches the file (another computer has it open, and the user chose to look only).

        The lock is released. Changes made from now on stay in memory, so the app keeps working; `close`
        saves them beside the file as a conflict copy (`set_aside`), so nothing typed is lost.
        """
        self.flush()
        self._here = None
        self.storage.holding = True
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    @property
    def holding(self) -> bool:
        """Opened read-only after all (`open_read_only`): changes stay in memory."""
        return self.storage.holding

    def _rescue(self) -> Path | None:
        """The data file could not take the last changes (a full disk, a folder made read-only or replaced by
        something else): write everything in memory, whole, where it can go, so that nothing typed is lost.
        Beside the data file first, as a conflict copy the next start offers to merge; else in a `rescued`
        folder of the app's own data folder; else in a user-only folder of the system's temp folder. The copy
        is atomic and user-only (0600). None when no place could take it."""
        import tempfile

        beside = conflict_copy_path(self.path, self.clock.now())
        default = _default_folder()
        shared = Path(tempfile.gettempdir()) / f"infoview-tui-{os.getuid()}"
        places = [beside, *([default / "rescued" / beside.name] if default is not None else [])]
        for target in [*places, shared / beside.name]:
            try:
                target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                if target.parent == shared and shared.stat().st_uid != os.getuid():
                    continue  # the shared temp folder's name taken by someone else: not ours to write into
                self.storage.write_copy(target)
            except OSError:
                continue
            return target
        return None

    def _set_held_aside(self) -> None:
        """The changes made while read-only, saved whole as `<name>.conflict-<time>.json` beside the file."""
        if not self.storage.held:
            return
        target = conflict_copy_path(self.path, self.clock.now())
        self.storage.write_copy(target)
        self.set_aside = target

    def all_collections(self) -> dict[str, Collection[Any]]:
        return {
            "contacts": self.contacts,
            "outreach": self.outreach,
            "interviews": self.interviews,
            "questions": self.questions,
            "goals": self.goals,
            "intros": self.intros,
        }

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every change is on disk; False if it did not get there in time (or failed)."""
        return True if self.read_only else self.storage.flush(timeout)

    def close(self) -> bool:
        """Save what is pending, stop the writer, release the lock. False if something could not be saved."""
        ok = True
        if not self.read_only:
            self._announce_closed()
            self.storage.close()
            ok = not self.storage.dirty
            try:
                self._set_held_aside()
            except OSError as exc:
                self.storage.last_error = exc
                ok = False
            if not ok:
                self.rescued = self._rescue()
        if self._lock is not None:
            self._lock.release(discard=self._refused)
            self._lock = None
        return ok

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        """Goes up with every change; screens compare it to skip rebuilding what has not changed."""
        return self.storage.generation

    @property
    def data_version(self) -> int:
        """Goes up with every change except noting in the file who has it open (the app does that right after
        loading): what lists built from the records are kept by."""
        return self.storage.data_generation

    @property
    def last_error(self) -> BaseException | None:
        return self.storage.last_error

    def set_error_handler(self, handler: Callable[[BaseException], None] | None) -> None:
        """Who hears about a failed save (the app shows a notification)."""
        self._on_error = handler

    def _report_error(self, exc: BaseException) -> None:
        if self._on_error is not None:
            self._on_error(exc)

    # Outside changes -------------------------------------------------------------------------------
    def set_change_handler(self, handler: Callable[[OutsideChange | None], None] | None) -> None:
        """Who hears, from the writer thread, that the file was changed by another program and merged.

        The handler must hand over to the thread that changes records (the app posts a message) and call
        `adopt_outside_changes()` there. It is also called with None while a merge is waiting to be taken.
        Without a handler (the CLI) every save merges again until the store is closed: nothing is lost.
        """
        self._on_change = handler

    def _report_change(self, change: OutsideChange | None) -> None:
        if change is not None:
            self.changes.append(change)
        if self._on_change is not None:
            self._on_change(change)

    @property
    def merge_pending(self) -> bool:
        """The file holds a merge with another copy that the records in memory do not include yet."""
        return self.storage.merge_pending

    def adopt_outside_changes(self) -> Adoption | None:
        """Make the merged file the records in memory (UI thread); None when there is nothing to take.

        Keeps every change made since the writer merged; the result is saved at once.
        """
        with self._load_lock:
            adoption = self.storage.adopt()
            if adoption is None:
                return None
            for name, collection in self.all_collections().items():
                before = adoption.before.get(name, {})
                after = adoption.after.get(name, {})
                if before is not after:
                    collection._adopt(before, after)
        return adoption

    def merge_copy(self, theirs: Tables, *, dry_run: bool = False) -> MergeReport:
        """Merge another copy of the file (its tables, checked with `check_tables`) into the records: the
        same engine and rules as an outside change, three-way against the base this machine kept when it
        can be used. Saved at once (the run's backup comes first); `dry_run` only reports."""
        base = read_base(self.path)
        with self._load_lock:
            self._read_file()
            before = self.storage.read()
            docs = self.storage.documents()  # the store keeps records; the merge works on documents
            result = merge_tables(base, docs.tables(before), theirs)
            if dry_run or not result.report.changed:
                return result.report
            after = docs.back(result.tables)
            self.storage.write(after)
            for name, collection in self.all_collections().items():
                if before.get(name, {}) is not after.get(name, {}):
                    collection._adopt(before.get(name, {}), after.get(name, {}))
        return result.report

    # Internals ---------------------------------------------------------------------------------------
    def _collection(self, name: str, kind: type[R]) -> Collection[R]:
        return Collection(
            RecordTable(self.storage, name, cache_size=0),
            kind,
            self._stamp,
            self._load_lock,
            self._read_file,
            tombstone=self._tombstone,
            make_id=self.new_id,
        )

    @property
    def machine_id(self) -> str:
        """Who every change is stamped as (`updated_by`): this computer's id unless one was injected."""
        if self._machine_id is None:
            from infoview_tui.config import machine_id

            self._machine_id = machine_id()
        return self._machine_id

    def new_id(self) -> RecordId:
        """A new record id at the store's clock (or from `id_source`, when one is set)."""
        return self.id_source() if self.id_source is not None else new_id(self.clock.now())

    def _stamp(self, record: R, new: bool) -> R:
        """The record with `updated_at` and `updated_by` (and, when new and unset, `created_at`) at the
        store's clock and machine."""
        self._refresh_presence()
        now = self.clock.now()
        changes: dict[str, Any] = {}
        names = record.__struct_fields__
        if new and "created_at" in names and getattr(record, "created_at", None) is None:
            changes["created_at"] = now
        if "updated_at" in names:
            changes["updated_at"] = now
        if "updated_by" in names:
            changes["updated_by"] = self.machine_id
        return _replaced(record, **changes) if changes else record

    def _tombstone(self) -> dict[str, Any]:
        """What a removed record's document becomes."""
        return {
            "deleted": True,
            "updated_at": codec.encode(self.clock.now()),
            "updated_by": self.machine_id,
        }

    @property
    def is_empty(self) -> bool:
        """No contacts, outreach or interviews yet (the question bank does not count)."""
        return not (len(self.contacts) or len(self.outreach) or len(self.interviews))

    def snapshot(self) -> dict[str, list[Any]]:
        """Every record, per kind, as it is now: cheap (lists of immutable records), safe to hand to a thread."""
        return {name: collection.all() for name, collection in self.all_collections().items()}

    def export_dict(self, snapshot: dict[str, list[Any]] | None = None) -> dict[str, Any]:
        """The whole data set as plain JSON types: `schema_version` and one list per kind."""
        out: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "exported_by": f"infoview-tui {__version__}"}
        out["profile"] = codec.encode(self.profile)
        for name, records in (snapshot or self.snapshot()).items():
            out[name] = [codec.encode(r) for r in records]
        return out


class _PausedGc:
    """No garbage collection while the file is parsed and decoded; the collector's state is restored after,
    even on error (nested or concurrent pauses restore it once, when the last one ends).

    Loading allocates millions of long-lived objects and frees almost none, so every automatic collection
    during it is wasted work that grows with what was already allocated: at 50,000 contacts it made decoding
    superlinear (5.6 s instead of 2.3 s). The app freezes what was loaded afterwards (`gc.freeze`).
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._depth = 0
        self._was_enabled = True

    @contextlib.contextmanager
    def __call__(self, *, freeze: bool = False) -> Iterator[None]:
        """`freeze`: on success, move every object alive into the collector's permanent generation before
        it runs again (otherwise its first collection rescans all that was loaded: ~360 ms at 3 million
        objects)."""
        with self._lock:
            if self._depth == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._depth += 1
        ok = False
        try:
            yield
            ok = True
        finally:
            with self._lock:
                self._depth -= 1
                if ok and freeze:
                    gc.freeze()
                if self._depth == 0 and self._was_enabled:
                    gc.enable()


paused_gc = _PausedGc()


def _decode_profile(tables: Tables) -> Profile:
    """The profile in a file's header (an empty one when there is none); ValueError when it does not fit."""
    header = tables.get("meta", {}).get("1") or {}
    doc = header.get("profile") if isinstance(header, dict) else None
    return Profile() if doc is None else codec.decode(Profile, doc)


def _refuse_read_only_file(path: Path) -> None:
    """DataFileError when the data file has no write permission for anyone: someone made it read-only on
    purpose, and the first save (a new file put in its place) would quietly undo that (root can write it
    anyway, so the mode is what is read, not what the system allows)."""
    mode = made_read_only(path)
    if mode is not None:
        raise DataFileError(
            f"{path} is read-only (mode {mode:04o}): saving would replace it with a writable "
            f"file. To work in it, make it writable first: chmod u+w {shlex.quote(str(path))}. "
            "(`infoview-tui export` and `agenda` read it as it is.)"
        )


def _default_folder() -> Path | None:
    """The default data folder (created by the app, so tightening it is always right)."""
    try:
        from infoview_tui.config import default_data_path

        return Path(os.path.realpath(default_data_path().parent))
    except Exception:
        return None
