"""Reading a knowledge base file: YAML with positions, then the schema that turns it into records."""
