"""Plotting: matplotlib drawings for the course, one module per kind of picture.

Every function takes an optional ``ax`` (a new figure is made when it is None),
returns what it drew, and never calls ``plt.show()``.
"""
