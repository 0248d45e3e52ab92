"""Question understanding: the user's text and history → one typed ``Question``."""
