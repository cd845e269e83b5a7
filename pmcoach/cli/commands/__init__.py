"""One module per command (or group of commands); `pmcoach.cli.main` imports only the one run.

The parser and the dispatch name a command's handler as "module:function" in this
package, and import nothing of it: these are the names both read.
"""

# Plain `pmcoach`: the app.
OPEN_APP = "opening:open_app"
# The commands that open the app (the others never import Textual).
OPENS_THE_APP = (OPEN_APP, "opening:assess", "opening:drill")
# Commands answered from the cache in little more than Python's start when given alone.
BARE_COMMANDS = {"status": "status:run", "config": "config:run"}
