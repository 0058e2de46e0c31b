"""SilkRoad-News: an annotated corpus and NLP benchmark of Chinese economic and trade news."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("silkroad-news")
except PackageNotFoundError:  # running from a source tree without installation
    __version__ = "0.0.0"
