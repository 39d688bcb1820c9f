# How JupyterLab opens the course, the same on a laptop and on Binder:
#   on a laptop: .venv/bin/jupyter lab --config=binder/jupyter_config.py   (README, "Start here")
#   on Binder:   binder/start puts this folder on JUPYTER_CONFIG_PATH, so the server reads it
#   in the tests: tests/browser/conftest.py starts JupyterLab with the README's command
#
# - The repository's root is the server's root, so the file browser reaches helpers/ and the
#   README, wherever the command is started from.
# - Lesson 00 opens first. (The file browser then shows notebooks/, the lessons; its folder
#   icon leads up to the root. A "?file-browser-path=/" here would show the root instead, but
#   the server prints its URL as "...?file-browser-path=/?token=...", which loses the token
#   when copied: jupyter_server issue 1301.)
# - No "Would you like to get notified about official Jupyter news?" prompt and no update
#   check: lab_settings/overrides.json sets their defaults to off (a learner can still turn
#   them on in Settings). Nothing is written to the learner's home folder.
from pathlib import Path

BINDER = Path(__file__).resolve().parent

c = get_config()  # noqa: F821 (Jupyter defines get_config when it reads this file)
c.ServerApp.root_dir = str(BINDER.parent)
c.LabApp.default_url = "/lab/tree/notebooks/00_welcome.ipynb"
c.LabApp.app_settings_dir = str(BINDER / "lab_settings")
