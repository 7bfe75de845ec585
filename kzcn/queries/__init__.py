"""Questions asked of a loaded knowledge base, each answered as a Result for a renderer."""
