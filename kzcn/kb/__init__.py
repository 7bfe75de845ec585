"""Loading a knowledge base: finding it, read + check through the parse cache, warming, and starting a new one."""
