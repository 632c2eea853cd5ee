"""`rnn-tui present`: the app, which publishes every new position of every scene to its
followers, and shows at its foot how many follow and, at a guess prompt, the tally of answers."""

from __future__ import annotations

import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from rich.console import RenderableType
from textual.screen import Screen

from rnn_tui.engine.rnn import Model
from rnn_tui.lecture.guess import Question, Tally, question, tally_line
from rnn_tui.lecture.protocol import ASSET_MAX_BYTES, Answer, Asset, AssetRef, Position, Prompt
from rnn_tui.lecture.token import new_token, remove_token, write_token
from rnn_tui.lecture.wire import Broadcast
from rnn_tui.ui.lecture.lecture_app import LectureApp
from rnn_tui.ui.lecture.position import position_of
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.session import Session
from rnn_tui.ui.state.train import TrainState
from rnn_tui.ui.state.unroll import UnrollState


def trained_asset(task: str, model: Model) -> Asset | None:
    """A model trained in the app as the .npz bytes `w` would write, or None over the asset cap."""
    from rnn_tui.engine import weights

    with tempfile.TemporaryDirectory(prefix="rnn-tui-present-") as folder:
        data = weights.save(model, Path(folder) / "trained.npz").read_bytes()
    return Asset("weights", f"trained-{task}.npz", data) if len(data) <= ASSET_MAX_BYTES else None

UNSENT_AT_MOST = 0.1   # seconds a new position waits for the frame that shows it


class PresenterApp(LectureApp):
    def __init__(self, session: Session, *, host: str, port: int, assets: list[Asset],
                 weights: AssetRef | str | None = None, corpus: AssetRef | None = None,
                 theme: str = "dark", scene: str = "unroll", token: str | None = None,
                 token_file: bool = True) -> None:
        """`assets`: the files that travel (a "notes" one only to the notes terminal, which sends
        `token`: a new one when None). `token_file`: write it where `rnn-tui notes PORT` finds it."""
        super().__init__(session, theme=theme, scene=scene)
        self.host, self.port = host, port
        self.token = token or new_token()
        self.token_file = token_file
        self.broadcast = Broadcast(on_answer=self.take_answer, on_change=self.followers_changed, token=self.token)
        self.assets = assets
        self.corpus_ref, self.weights_ref = corpus, weights
        self.started = time.monotonic()
        self.seq = 0
        self.followers = 0
        self.tally = Tally()
        self.prompt: Prompt | None = None
        self._asked: tuple[Any, ...] | None = None   # (sentence, topology, step) the prompt is about
        self._question: Question | None = None
        self.last_position: Position | None = None
        self._unsent: Position | None = None   # the newest position, until its frame is drawn (see _display)
        self._trained_assets: dict[str, tuple[Model, Asset | None]] = {}   # task -> the model put to use, as sent
        self._run_asset: tuple[Model, Asset | None] | None = None           # the Train run's kept model, as sent
        self.failed: str | None = None   # why it could not start, said on the command line

    async def on_mount(self) -> None:  # type: ignore[override]  # Textual awaits either
        try:
            await self.broadcast.start(self.host, self.port)
            self.port = self.broadcast.port   # the one it got, when asked for 0
        except OSError as error:  # taken since the command line checked it
            self.failed = f"cannot present on {self.host}:{self.port}: {error.strerror or error}"
            self.exit(return_code=2)
            return
        for asset in self.assets:
            if asset.kind == "notes":
                self.broadcast.add_notes(asset)
            else:
                self.broadcast.add_asset(asset)
        if self.token_file:
            try:
                write_token(self.port, self.token)
            except OSError as error:  # the notes terminal needs --token then: said on the command line before
                self.log.warning(f"lecture: the notes token file could not be written: {error!r}")
        self._say()   # RnnApp.on_mount runs next (Textual calls each class's handler) and opens the scene

    async def on_unmount(self) -> None:  # type: ignore[override]  # Textual awaits either
        if self.token_file and self.failed is None:
            remove_token(self.port, self.token)
        await self.broadcast.close()

    # ---- publishing ---------------------------------------------------------------------------

    def scene_state_changed(self, scene: Screen[Any], state: object) -> None:
        super().scene_state_changed(scene, state)
        if not isinstance(scene, Scene) or scene.NAME != self.current_mode:
            return
        self._update_prompt(state)
        self.seq += 1
        self.last_position = position_of(
            scene.NAME, state, self.session, seq=self.seq, elapsed=time.monotonic() - self.started,
            corpus=self.corpus_ref, weights=self.weights_ref, prompt=self.prompt, trained=self._trained(),
            run_model=self._run_model(state))
        # Sent once the frame that shows it is on the lecturer's terminal (see _display): the projector
        # shows the step first, and the class's apps, woken by it, do not compete with that repaint.
        # A timer sends it anyway when no frame comes (a state change that draws nothing new).
        if self._unsent is None:   # else a timer is already on its way
            self.set_timer(UNSENT_AT_MOST, self._send_unsent)
        self._unsent = self.last_position
        self._say()

    def _display(self, screen: Screen[Any], renderable: RenderableType | None) -> None:
        super()._display(screen, renderable)
        self._send_unsent()

    def _send_unsent(self) -> None:
        if self._unsent is not None:
            position, self._unsent = self._unsent, None
            self.broadcast.publish(position)

    def _trained(self) -> tuple[tuple[str, AssetRef], ...]:
        """The models trained here and put to use, as weights that travel by content (written once
        per model; one over the asset cap stays here, and followers keep their own)."""
        refs = []
        for task, model in self.session.trained.items():
            kept = self._trained_assets.get(task)
            if kept is None or kept[0] is not model:
                if kept is not None and kept[1] is not None:
                    self.broadcast.retire_asset(kept[1].sha256)
                asset = trained_asset(task, model)
                if asset is not None:
                    self.broadcast.add_asset(asset)
                kept = self._trained_assets[task] = (model, asset)
            if kept[1] is not None:
                refs.append((task, kept[1].ref))
        return tuple(refs)

    def _run_model(self, state: object) -> AssetRef | None:
        """The Train scene's kept weights, once its run pauses or ends (not each epoch: 30
        followers x a third of a megabyte a second); while it runs, none (not an older run's)."""
        if not isinstance(state, TrainState) or state.model is None or state.running:
            return None
        if self._run_asset is None or self._run_asset[0] is not state.model:
            old = self._run_asset[1] if self._run_asset is not None else None
            asset = trained_asset(state.task, state.model)
            if asset is not None:
                self.broadcast.add_asset(asset)
            self._run_asset = (state.model, asset)
            in_use = {kept[1].sha256 for kept in self._trained_assets.values() if kept[1] is not None}
            if old is not None and (asset is None or old.sha256 != asset.sha256) and old.sha256 not in in_use:
                self.broadcast.retire_asset(old.sha256)
        return self._run_asset[1].ref if self._run_asset[1] is not None else None

    def mode_changed(self, mode: str) -> None:
        self.call_later(self._publish_screen)   # once the scene is shown

    def _publish_screen(self) -> None:
        screen = self.screen
        if isinstance(screen, Scene) and screen.state is not None:
            self.scene_state_changed(screen, screen.state)

    def _update_prompt(self, state: object) -> None:
        """A hidden step opens a prompt (a new id, a fresh tally); its reveal sends the answer;
        moving on closes it."""
        if not isinstance(state, UnrollState):
            self.prompt, self._asked = None, None
            return
        about = (self.session.text, state.trace.topology.name, state.cursor)
        if state.hidden:
            if about != self._asked or self.prompt is None or self.prompt.answer is not None:
                asked = question(state)
                if asked is None:
                    return
                self._asked, self._question = about, asked
                self.prompt = Prompt(self.seq + 1, asked.text, asked.choices)
                self.tally.open(self.prompt.id, len(asked.choices))
        elif about == self._asked and self.prompt is not None and self._question is not None:
            self.prompt = replace(self.prompt, answer=self._question.answer)
        else:
            self.prompt, self._asked = None, None

    # ---- from the followers -------------------------------------------------------------------

    def take_answer(self, follower: str, answer: Answer) -> bool:
        before = self.tally.counts
        first = self.tally.take(follower, answer.prompt, answer.choice)
        if self.tally.counts != before:
            self._say()
        return first

    def followers_changed(self, followers: int) -> None:
        self.followers = followers
        self._say()

    def _say(self) -> None:
        where = f"presenting on {self.host}:{self.port}: {self.followers} following"
        if self.prompt is not None:
            where = f"{self.followers} following · {tally_line(self.prompt, self.tally.counts, self.followers)}"
        self.say(where)
