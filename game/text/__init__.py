"""Text front end: the terminal game and the plain-text debrief."""
