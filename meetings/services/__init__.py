"""Use cases. Every function takes the session as a keyword argument and never commits:
the caller's one transaction decides."""
