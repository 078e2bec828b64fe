"""The main screen's panels: each builds and draws one part of the screen from the seat's view.

:class:`game.ui.screens.main.MainScreen` composes them; a panel holds only what its part
needs between rebuilds (a draft, a glide, a thread), never a rule of the game.
"""
