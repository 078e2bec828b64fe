"""The class game in browsers: ``python -m game serve``.

The teacher's machine runs the server (:mod:`game.web.server`, Starlette on uvicorn);
each team opens its link in any browser, the projector shows the public view, and the
teacher drives the lesson from a console behind a PIN. What a page may show comes from
:mod:`game.web.seat`; the game and its saving live in :mod:`game.web.room`.
"""
