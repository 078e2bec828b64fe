"""Views drawn by the window: the map, the triangle, the state panel, the card, charts."""
