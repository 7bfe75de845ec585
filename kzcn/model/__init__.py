"""The data: records of a knowledge base, the source text, quantities in words, derived arithmetic and results."""
