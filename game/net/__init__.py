"""The networked classroom (`summit host`, `summit join`): every student at their own device, the teacher
hosting. table (one table's seats, devices, teacher's controls and clock, plain synchronous code), view (what
each device is sent, and a device's move made into an Action), server (Starlette and uvicorn: the pages, the
WebSocket; docs/protocol.md), resume (the tokens kept beside each log, and `--resume`), client (`summit join`: a seat played from elsewhere by a built-in
agent), words (the browser pages' own words, in the host's language), static/ (the browser client: plain HTML,
CSS and JavaScript, nothing loaded from outside the host). Every text the host sends is in its language
(game.i18n: `summit host --lang`); ids, codes and numbers never change.

May import: play, report, agents, engine, scenario, files, and starlette, uvicorn and websockets. Never pygame
or ui: the projector window (game/ui/projector.py) is handed the Host by the command line.
"""
