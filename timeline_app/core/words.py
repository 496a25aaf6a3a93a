"""A document's parse as plain Python objects: one `Word` per spaCy token, made once per pass.

spaCy makes a new Token object at every `doc[i]` and `token.head`, looks a string up at every
`.dep_` or `.lower_`, and builds nested generators for `children` and `subtree`: each read costs
about 0.2 µs. The events pass reads the same tokens' properties dozens of times while it builds
titles; a `Word` holds them as attributes of the same names (`text`, `lower_`, `dep_`, `pos_`,
`tag_`, `head`, `children`, `subtree`, ...), read from the Doc's arrays (`Doc.to_array`) once, so
code written for Tokens runs on Words unchanged and a read costs what an attribute does.
"""

from __future__ import annotations

import bisect
import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

import numpy
from spacy.attrs import DEP, HEAD, IDX, LIKE_URL, POS, SENT_START, SPACY, TAG
from spacy.tokens import Doc, Span

from timeline_app.core.dates.syntax import doc_text

#: Where a parse is kept in `Doc.user_data` while a pass uses it (`drop_words` removes it again).
_KEY = "timeline_app.words"
#: ... and the parse's columns they are read from (`_Sheet`).
_SHEET = "timeline_app.words.sheet"


class Word:
    """One token: its spaCy properties as attributes of the same names; `head` and `children` are
    Words, `doc` the spaCy Doc, `sent` the sentence's Span. A document's Words are made once, so
    two Words are the same token exactly when they are the same object. (Plain slots, no
    `__getattr__`: Python reads those fastest.)"""

    __slots__ = ("i", "text", "whitespace_", "idx", "lower_", "pos_", "tag_", "dep_", "like_url", "head",
                 "children", "doc", "_subtree", "_ancestors")

    # read from spaCy at each use: the pass reads these seldom
    @property
    def sent(self) -> Span:
        return self.doc[self.i].sent

    @property
    def ent_type_(self) -> str:
        return self.doc[self.i].ent_type_

    @property
    def lemma_(self) -> str:
        return self.doc[self.i].lemma_

    @property
    def is_punct(self) -> bool:
        return self.doc[self.i].is_punct

    @property
    def is_space(self) -> bool:
        return self.doc[self.i].is_space

    @property
    def is_alpha(self) -> bool:
        return self.doc[self.i].is_alpha

    @property
    def subtree(self) -> list[Word]:
        """The word and its descendants in text order (spaCy's order: left children's subtrees, the
        word, right children's subtrees); a list not to change."""
        got = self._subtree
        if got is None:
            got = []
            for child in self.children:
                if child.i > self.i:
                    break
                got += child.subtree
            got.append(self)
            for child in self.children:
                if child.i > self.i:
                    got += child.subtree
            self._subtree = got
        return got

    @property
    def ancestors(self) -> list[Word]:
        """The word's head, its head's head, ... up to the root; a list not to change."""
        got = self._ancestors
        if got is None:
            got = []
            word = self
            while word.head is not word and len(got) < len(self.doc):
                word = word.head
                got.append(word)
            self._ancestors = got
        return got

    @property
    def left_edge(self) -> Word:
        return words_of(self.doc)[self.doc[self.i].left_edge.i]

    @property
    def conjuncts(self) -> tuple[Word, ...]:
        words = words_of(self.doc)
        return tuple(words[t.i] for t in self.doc[self.i].conjuncts)

    def __str__(self) -> str:
        return self.text

    __repr__ = __str__


def words_of(doc: Doc) -> list[Word]:
    """The document's Words, one per token (made on the first call, kept until `drop_words`).
    A sentence's Words are read from the parse when one of them is first read (`_Unread`): the
    pass reads a third of a news text's sentences not at all."""
    words = doc.user_data.get(_KEY)
    if words is None:
        sheet = doc.user_data[_SHEET] = _Sheet(doc)
        words = doc.user_data[_KEY] = sheet.unread_words(doc)
    return words


def drop_words(doc: Doc) -> None:
    """Forget the document's Words (they do not survive `Doc.to_bytes`), with the links between
    them, so that they are freed at once rather than left to the garbage collector."""
    words = doc.user_data.pop(_KEY, None)
    sheet = doc.user_data.pop(_SHEET, None)
    if words is None or sheet is None:
        return
    for start, end in sheet.read:
        for word in words[start:end]:
            word.head = word.children = word._subtree = word._ancestors = None


_pause_lock = threading.Lock()
_pausing = [0, False]  # passes running, and whether the collector was on when the first began


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a pass uses Words (in any thread). A
    document's Words live through the pass and link to one another, so the collector would scan
    them again and again and promote them into its oldest generation, which sets off collections of
    the whole heap (a third of a second with a spaCy model loaded). `drop_words` unlinks them, so
    they are freed without it."""
    with _pause_lock:
        if _pausing[0] == 0:
            _pausing[1] = gc.isenabled()
            gc.disable()
        _pausing[0] += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pausing[0] -= 1
            if _pausing[0] == 0 and _pausing[1]:
                gc.enable()


def span_words(span: Span) -> list[Word]:
    """The Words of a span (a sentence, an entity), in order."""
    return words_of(span.doc)[span.start:span.end]


class _Unread(Word):
    """A Word whose sentence has not been read from the parse yet: only `i` and `doc` are set. The
    first read of any other property reads its sentence (`_Sheet.read_unit`), which makes each of
    the sentence's words a `Word` (the same object: links to it stay right)."""

    __slots__ = ()

    def __getattr__(self, name: str):
        doc = self.doc
        doc.user_data[_SHEET].read_unit(doc.user_data[_KEY], self.i)
        if type(self) is _Unread:  # (read, it would be a Word)
            raise AttributeError(name)
        return getattr(self, name)


class _Sheet:
    """A document's parse as columns of Python values (from `Doc.to_array`, once), read into Words
    one unit at a time: a unit is a sentence, or the whole document if the parse links a word to
    a head outside its sentence (then a sentence could not be read alone)."""

    __slots__ = ("n", "text", "heads", "idxs", "spaces", "hashes", "urls", "starts", "read", "vocab")

    def __init__(self, doc: Doc) -> None:
        n = self.n = len(doc)
        self.text = doc_text(doc)
        self.vocab = doc.vocab
        self.read: list[tuple[int, int]] = []  # the units read, as (start, end)
        if n == 0:
            self.heads = self.idxs = self.spaces = self.urls = self.hashes = self.starts = []
            return
        small = doc.to_array([HEAD, IDX, SPACY, LIKE_URL, SENT_START]).astype("int64")
        self.heads, self.idxs, self.spaces, self.urls, _ = small.T.tolist()
        self.idxs.append(len(self.text))
        self.hashes = doc.to_array([POS, TAG, DEP]).T.tolist()  # (uint64 hashes: no cast)
        first = small[:, 4] == 1
        first[0] = True
        unit = numpy.cumsum(first)  # each token's sentence, counted from 1
        self.starts = [0] if (unit[small[:, 0] + numpy.arange(n)] != unit).any() else numpy.flatnonzero(first).tolist()

    def unread_words(self, doc: Doc) -> list[Word]:
        words = [_Unread() for _ in range(self.n)]
        for i, word in enumerate(words):
            word.i = i
            word.doc = doc
        return words

    def read_unit(self, words: list[Word], i: int) -> None:
        """Read the unit of token `i` into its Words."""
        starts = self.starts
        k = bisect.bisect_right(starts, i)
        start = starts[k - 1]
        end = starts[k] if k < len(starts) else self.n
        if type(words[start]) is not _Unread:
            return
        self.read.append((start, end))
        text, idxs = self.text, self.idxs  # (idxs ends with the text's length: where a token after the last would start)
        unit = words[start:end]
        vocab = self.vocab
        poss, tags, deps = (_names(column[start:end], vocab) for column in self.hashes)
        for word, begin, after, space, pos, tag, dep, url in zip(
                unit, idxs[start:end], idxs[start + 1:end + 1], self.spaces[start:end], poss, tags, deps,
                self.urls[start:end]):
            word.__class__ = Word
            word.text = token = text[begin:after - space]  # (a token's text, then its space)
            word.whitespace_ = " " if space else ""
            word.idx = begin
            word.lower_ = token.lower()  # (spaCy's LOWER: `str.lower` of the text)
            word.pos_ = pos
            word.tag_ = tag
            word.dep_ = dep
            word.like_url = url == 1
            word.children = _NO_CHILDREN
            word._subtree = word._ancestors = None
        heads = self.heads
        for word in unit:
            head = word.head = words[word.i + heads[word.i]]
            if head is not word:
                if head.children is _NO_CHILDREN:
                    head.children = [word]
                else:
                    head.children.append(word)


_NO_CHILDREN: tuple[Word, ...] = ()
#: The strings of the symbols and hashes seen (the same in every vocabulary), kept within a bound.
_STRINGS: dict[int, str] = {0: ""}
_MAX_STRINGS = 200_000


def _names(hashes: list[int], vocab) -> list[str]:
    """The strings of a column of hashes (0: no string)."""
    try:
        return list(map(_STRINGS.__getitem__, hashes))
    except KeyError:
        if len(_STRINGS) > _MAX_STRINGS:
            _STRINGS.clear()
            _STRINGS[0] = ""
        strings = vocab.strings
        for key in set(hashes).difference(_STRINGS):
            _STRINGS[key] = strings[key]
        return list(map(_STRINGS.__getitem__, hashes))
