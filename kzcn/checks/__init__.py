"""Checking a knowledge base against its sources: quotes, meaning, reviews and coverage."""
