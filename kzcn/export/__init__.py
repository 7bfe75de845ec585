"""Writing a knowledge base to other formats (SQLite, ClaimReview) and the user's files safely."""
