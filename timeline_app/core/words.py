"""A document's parse as plain Python objects: one `Word` per spaCy token, made once per pass.

spaCy makes a new Token object at every `doc[i]` and `token.head`, looks a string up at every
`.dep_` or `.lower_`, and builds nested generators for `children` and `subtree`: each read costs
about 0.2 µs. The events pass reads the same tokens' properties dozens of times while it builds
titles; a `Word` holds them as attributes of the same names (`text`, `lower_`, `dep_`, `pos_`,
`tag_`, `head`, `children`, `subtree`, ...), read from the Doc's arrays (`Doc.to_array`) once, so
code written for Tokens runs on Words unchanged and a read costs what an attribute does.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from spacy.attrs import DEP, HEAD, IDX, LIKE_URL, LOWER, ORTH, POS, SPACY, TAG
from spacy.tokens import Doc, Span

#: Where a parse is kept in `Doc.user_data` while a pass uses it (`drop_words` removes it again).
_KEY = "timeline_app.words"


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
    """The document's Words, one per token (made on the first call, kept until `drop_words`)."""
    words = doc.user_data.get(_KEY)
    if words is None:
        words = doc.user_data[_KEY] = _make_words(doc)
    return words


def drop_words(doc: Doc) -> None:
    """Forget the document's Words (they do not survive `Doc.to_bytes`), with the links between
    them, so that they are freed at once rather than left to the garbage collector."""
    for word in doc.user_data.pop(_KEY, None) or ():
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


def _make_words(doc: Doc) -> list[Word]:
    n = len(doc)
    if n == 0:
        return []
    heads, idxs, spaces = (doc.to_array(attr).astype("int64").tolist() for attr in (HEAD, IDX, SPACY))
    texts, lowers, poss, tags, deps = (_names(doc.to_array(attr).tolist(), doc) for attr in (ORTH, LOWER, POS, TAG, DEP))
    urls = map(bool, doc.to_array(LIKE_URL).tolist())
    words = [Word() for _ in range(n)]
    for i, word, text, start, space, lower, pos, tag, dep, url in zip(
            range(n), words, texts, idxs, spaces, lowers, poss, tags, deps, urls):
        word.i = i
        word.text = text
        word.whitespace_ = " " if space else ""
        word.idx = start
        word.lower_ = lower
        word.pos_ = pos
        word.tag_ = tag
        word.dep_ = dep
        word.like_url = url
        word.doc = doc
        word.children = _NO_CHILDREN
        word._subtree = word._ancestors = None
    for word, offset in zip(words, heads):
        head = word.head = words[word.i + offset]
        if head is not word:
            if head.children is _NO_CHILDREN:
                head.children = [word]
            else:
                head.children.append(word)
    return words


_NO_CHILDREN: tuple[Word, ...] = ()
#: The strings of the hashes and symbols seen (the same in every vocabulary), kept within a bound.
_STRINGS: dict[int, str] = {0: ""}
_MAX_STRINGS = 200_000


def _names(hashes: list[int], doc: Doc) -> list[str]:
    """The strings of a column of hashes (0: no string)."""
    try:
        return list(map(_STRINGS.__getitem__, hashes))
    except KeyError:
        if len(_STRINGS) > _MAX_STRINGS:
            _STRINGS.clear()
            _STRINGS[0] = ""
        strings = doc.vocab.strings
        for key in set(hashes).difference(_STRINGS):
            _STRINGS[key] = strings[key]
        return list(map(_STRINGS.__getitem__, hashes))
