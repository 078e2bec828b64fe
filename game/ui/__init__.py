"""The pygame-ce desktop front end."""
