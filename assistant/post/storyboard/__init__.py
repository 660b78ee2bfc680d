"""The storyboard: the shot list drawn as schematic frames, written as HTML (inline SVG) and PDF.

``write.write_storyboard`` is the entry (``api.storyboard`` calls it). It sits in ``post/``, above
``analysis/``, because it renders the planner's output, as the other exporters do.
"""
