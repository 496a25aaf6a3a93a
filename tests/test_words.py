"""`core.words`: a document's parse as plain objects must read exactly as spaCy's Tokens do."""

from timeline_app.core.resources import bundled_article
from timeline_app.core.words import drop_words, span_words, words_of

_PROPERTIES = ("i", "text", "whitespace_", "idx", "lower_", "pos_", "tag_", "dep_", "ent_type_", "lemma_",
               "is_punct", "is_space", "is_alpha", "like_url")


def _check(doc):
    words = words_of(doc)
    assert len(words) == len(doc)
    for word, token in zip(words, doc):
        for name in _PROPERTIES:
            assert getattr(word, name) == getattr(token, name), (token.text, name)
        assert word.head is words[token.head.i]
        assert [w.i for w in word.children] == [t.i for t in token.children]
        assert [w.i for w in word.subtree] == [t.i for t in token.subtree]
        assert [w.i for w in word.ancestors] == [t.i for t in token.ancestors]
        assert word.left_edge is words[token.left_edge.i]
        assert [w.i for w in word.conjuncts] == [t.i for t in token.conjuncts]
        assert word.sent == token.sent
    for sent in doc.sents:
        assert [w.i for w in span_words(sent)] == [t.i for t in sent]


def test_words_read_as_the_tokens_do(nlp):
    doc = nlp(bundled_article().read_text(encoding="utf-8"))
    _check(doc)
    assert words_of(doc) is words_of(doc)  # made once per pass
    drop_words(doc)
    assert "timeline_app.words" not in doc.user_data


def test_words_of_odd_text(nlp):
    # a non-projective or broken parse, URLs, spaces, hyphens, an empty text
    for text in ("", "   ", "http://t.co/x1 lol!! @you e-mail me 2-22 Nov\n\n\nok",
                 "The First Punic War (264 BC - 241 BC) was fought.\n\nHe was named Man."):
        _check(nlp(text))



def test_a_sentence_is_read_when_one_of_its_words_is_first_read(nlp):
    doc = nlp("The storm hit the coast on Sunday. Ferries stopped. The road reopened on Monday.")
    sents = list(doc.sents)
    assert len(sents) == 3
    words = words_of(doc)
    second = sents[1]
    assert words[second.start].lower_ == "ferries"  # the first read of a word of the second sentence
    assert doc.user_data["timeline_app.words.sheet"].read == [(second.start, second.end)]
    assert all(type(w).__name__ == "Word" for w in words[second.start:second.end])
    assert type(words[0]).__name__ == "_Unread" and words[0].i == 0  # (its index needs no reading)
    _check(doc)  # and every word reads as spaCy's token, read on demand
    drop_words(doc)
    assert "timeline_app.words.sheet" not in doc.user_data
