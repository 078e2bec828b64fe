"""Separate Peace 1943: the Soviet-German-Western triangle, November 1942 - December 1943."""

__version__ = "0.1.0"
