"""Chinese text tools, each loaded once per process: OpenCC script conversion and jieba.

Contract
--------
* :func:`to_simplified` and :func:`to_traditional` are OpenCC ``t2s`` and ``s2t`` (the
  ``opencc`` package, never a reimplementation); each converter is built once.
* :func:`simplified_view` is the simplified view the corpus stores beside every text and that
  prelabel rules and baseline features read: OpenCC ``t2s`` of the text, refused (a
  :class:`~silkroad_news.schema.SchemaError` naming ``where``) unless it keeps the length
  character by character and every line break in place, so offsets carry over unchanged.
* :func:`jieba_tokenizer` and :func:`jieba_posseg` are jieba's default tokenizer and its
  part-of-speech module, imported and initialized once, quietly: jieba logs its dictionary
  loading to standard error and imports ``pkg_resources`` (a warning on some setups); neither
  belongs in our output. jieba reads only its bundled dictionary, it never downloads.

>>> simplified_view("喀什地區進出口", "example")
'喀什地区进出口'
>>> to_traditional("进出口总值")
'進出口總值'
"""

from __future__ import annotations

import logging
import threading
import warnings
from functools import cache
from typing import Any

from .schema import SchemaError


@cache
def _opencc(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def to_simplified(text: str) -> str:
    """OpenCC ``t2s`` of ``text`` (its length may change; see :func:`simplified_view`)."""
    return _opencc("t2s").convert(text)


def to_traditional(text: str) -> str:
    """OpenCC ``s2t`` of ``text``."""
    return _opencc("s2t").convert(text)


def traditional_forms(chars: str) -> str:
    """The Traditional forms OpenCC's ``s2t``, ``s2tw`` and ``s2hk`` give for the characters of
    ``chars`` that differ from them (``负债`` -> ``債負``), sorted."""
    forms = {c for config in ("s2t", "s2tw", "s2hk") for c in _opencc(config).convert(chars)}
    return "".join(sorted(forms - set(chars)))


def simplified_view(text: str, where: str) -> str:
    """OpenCC ``t2s`` of ``text``; raise if it does not keep length character by character."""
    simp = to_simplified(text)
    if len(simp) != len(text):
        for a, b in zip(text.split("\n"), simp.split("\n"), strict=False):
            if len(a) != len(b):
                raise SchemaError(
                    f"{where}: OpenCC t2s changed the length of a line ({len(a)} -> {len(b)}): "
                    f"{a[:30]!r}"
                )
        raise SchemaError(f"{where}: OpenCC t2s changed the length of the text")
    if any((a == "\n") != (b == "\n") for a, b in zip(text, simp, strict=True)):
        raise SchemaError(f"{where}: OpenCC t2s moved a line break")
    return simp


_JIEBA_LOCK = threading.Lock()


@cache
def _jieba_module() -> Any:
    """jieba imported quietly (it warns on import and logs its dictionary loading)."""
    with _JIEBA_LOCK, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
        import jieba.posseg

        jieba.setLogLevel(logging.WARNING)
    return jieba


@cache
def _jieba() -> Any:
    jieba = _jieba_module()
    with _JIEBA_LOCK:
        jieba.initialize()
    return jieba


def jieba_dictionary() -> list[tuple[str, str]]:
    """``(word, part of speech)`` of jieba's bundled dictionary, read from its file (no
    segmenter is initialized); lines are ``word frequency [tag]``."""
    with _jieba_module().dt.get_dict_file() as f:
        data = f.read().decode("utf-8")
    out = []
    for line in data.splitlines():
        fields = line.split(" ")
        if fields[0]:
            out.append((fields[0], fields[2] if len(fields) > 2 else ""))
    return out


def jieba_tokenizer() -> Any:
    """jieba's default tokenizer (``jieba.dt``), its dictionary loaded."""
    return _jieba().dt


def jieba_posseg() -> Any:
    """``jieba.posseg``: words with part-of-speech tags, on the same dictionary."""
    return _jieba().posseg


def jieba_version() -> str:
    return str(_jieba().__version__)
