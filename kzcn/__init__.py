"""kzcn: a command-line explorer of the claims of one article on Kazakhstan–China economic cooperation."""

__version__ = "0.1.0"
