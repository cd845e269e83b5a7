"""Text made safe and figures made readable, for every layer that shows something."""
