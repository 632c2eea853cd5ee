"""`rnn-tui follow [HOST:]PORT`: a student's app that shows what the presenter shows.

It takes only what `rnn_tui.lecture.protocol` validates. A key that changes the scene's place
detaches it (the lecture line says so, and `F` follows again); when the presenter goes, it keeps
working and says so, and follows again when the presenter comes back. At a guess prompt, the
digit keys answer (once: the presenter counts one answer per follower id, across reconnects)."""

from __future__ import annotations

import secrets
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from rnn_tui.engine.errors import InputError
from rnn_tui.engine.rnn import Model
from rnn_tui.lecture.guess import follower_line
from rnn_tui.lecture.protocol import ASSET_SUFFIXES, FOLLOWER_ID_CHARS, Answer, Asset, AssetRef, Hello, Position
from rnn_tui.lecture.wire import Follow
from rnn_tui.ui.lecture.lecture_app import LectureApp
from rnn_tui.ui.lecture.position import apply_to_session, position_of, state_at
from rnn_tui.ui.scenes.scene import Scene
from rnn_tui.ui.session import Session

KEEP_ASSETS = 6    # assets kept by content: a presenter switching files back and forth re-sends none


class FollowerApp(LectureApp):
    BINDINGS: ClassVar[list[BindingType]] = [
        *LectureApp.BINDINGS,
        Binding("F", "reattach", "Follow", key_display="F", id="lecture.follow",
                tooltip="follow the presenter again"),
        *[Binding(str(i + 1), f"answer({i})", f"Answer {i + 1}", show=False, priority=True,
                  id=f"lecture.answer_{i + 1}") for i in range(8)],
    ]

    def __init__(self, host: str, port: int, theme: str = "dark") -> None:
        super().__init__(Session(), theme=theme, scene="unroll")
        self.host, self.port = host, port
        # Its id, the same on every connection of this process: the presenter counts one answer per
        # prompt under it (a reconnect cannot answer twice). Random, and sent to the presenter only.
        self.follower_id = secrets.token_hex(FOLLOWER_ID_CHARS // 2)
        self.link = Follow(host, port, self.take, self.link_changed, hello=lambda: Hello(self.follower_id))
        self.status = "unreachable"
        self.attached = True
        self.left_on_purpose = False               # detached while the presenter was there
        self.latest: Position | None = None        # the presenter's latest position
        self.shown: Position | None = None         # this app's own place after applying it
        self.pending: Position | None = None       # applied once the scene it switched to is shown
        self.applying = False
        self.store: dict[str, Asset] = {}
        self.loaded: tuple[AssetRef | None, AssetRef | str | None] = (None, None)
        self.loaded_trained: tuple[tuple[str, AssetRef], ...] = ()
        self.trained_models: dict[str, Model] = {}   # sha256 -> a trained model loaded (the last few)
        self.run_model: tuple[str, Model] | None = None   # the presenter's Train run's kept model, loaded
        self.asset_note = ""
        self.mine: dict[int, int] = {}             # prompt id -> this follower's choice
        self._files = tempfile.TemporaryDirectory(prefix="rnn-tui-follow-")

    def on_mount(self) -> None:
        self.run_worker(self.link.run(), name="follow", exit_on_error=False)
        self._say()

    def on_unmount(self) -> None:
        self._files.cleanup()

    # ---- from the presenter -------------------------------------------------------------------

    def link_changed(self, status: str) -> None:
        if status == "connected":
            self.latest = None  # a presenter started again counts from 1
            if not self.left_on_purpose:  # explored while the presenter was away: follow it again
                self.attached = True
                self.refresh_bindings()
        self.status = status
        self._say()

    def take(self, message: Position | Asset) -> None:
        try:
            if isinstance(message, Asset):
                self._keep(message)
                return
            if self.latest is not None and message.seq <= self.latest.seq:
                return
            self.latest = message
            if self.attached:
                self.follow(message)
            self._say()
        except Exception as error:  # noqa: BLE001 - a message we could not apply must not end the class
            self.log.error(f"lecture: could not apply {type(message).__name__}: {error!r}")

    def _keep(self, asset: Asset) -> None:
        self.store[asset.sha256] = asset
        while len(self.store) > KEEP_ASSETS:
            self.store.pop(next(iter(self.store)))

    def follow(self, position: Position) -> None:
        """Show `position`: the presenter's files, topology and sentence, then its scene and step."""
        self._load_assets(position)
        apply_to_session(self.session, position)
        if self.current_mode != position.scene:
            self.pending = position
            self.run_worker(self._switch(position), group="lecture-switch", exclusive=True)
            return
        screen = self.screen
        if isinstance(screen, Scene):
            self._show(screen, position)

    async def _switch(self, position: Position) -> None:
        """Another scene: shown once it is on screen (its own first state, if it makes a new one,
        brings `pending` in earlier, through `scene_state_changed`)."""
        await self.switch_mode(position.scene)
        self._show_pending(position)

    def _show_pending(self, position: Position) -> None:
        screen = self.screen
        if self.pending is position and isinstance(screen, Scene) and screen.NAME == position.scene:
            self.pending = None
            self._show(screen, position)

    def _show(self, scene: Scene[Any], position: Position) -> None:
        self.applying = True
        try:
            scene.state = state_at(scene, position, self._run_model(position))
        finally:
            self.applying = False
        self.shown = self._place(scene)

    def _place(self, scene: Scene[Any]) -> Position:
        corpus, weights = self.loaded
        return position_of(scene.NAME, scene.state, self.session, corpus=corpus, weights=weights)

    def _load_assets(self, position: Position) -> None:
        """The presenter's corpus and weights, then its models trained in the app, through the same
        loaders (and checks) as files named on the command line."""
        self._load_files(position)
        if position.trained != self.loaded_trained:
            self._load_trained(position.trained)

    def _load_trained(self, trained: tuple[tuple[str, AssetRef], ...]) -> None:
        from rnn_tui.engine.models import load_model

        self.loaded_trained = trained
        try:
            models = [(task, self.trained_models.get(ref.sha256) or load_model(str(self._file(ref))))
                      for task, ref in trained]
        except (InputError, KeyError) as error:
            self.asset_note = f"the presenter's trained model could not be loaded here: {error}"
            return
        self.trained_models = {ref.sha256: model for (_, ref), (_, model) in zip(trained, models, strict=True)}
        now = list(self.session.trained.items())
        if len(now) != len(models) or any(a != b or m is not n for (a, m), (b, n) in zip(now, models, strict=False)):
            self.session.trained.clear()
            for task, model in models:
                self.session.use_trained(task, model)

    def _run_model(self, position: Position) -> Model | None:
        """The Train run's kept weights, loaded once (through the same checks as any weights)."""
        from rnn_tui.engine.models import load_model

        ref = position.training.model if position.training is not None else None
        if ref is None:
            return None
        if self.run_model is None or self.run_model[0] != ref.sha256:
            try:
                self.run_model = (ref.sha256, self.trained_models.get(ref.sha256) or load_model(str(self._file(ref))))
            except (InputError, KeyError) as error:
                self.asset_note = f"the presenter's trained model could not be loaded here: {error}"
                return None
        return self.run_model[1]

    def _load_files(self, position: Position) -> None:
        wanted = (position.corpus, position.weights)
        if wanted == self.loaded:
            return
        from rnn_tui.engine.corpus import LECTURE_CORPUS, load_corpus
        from rnn_tui.engine.models import load_model

        try:
            corpus = LECTURE_CORPUS if position.corpus is None else load_corpus(self._file(position.corpus))
            ref = position.weights
            weights = None if ref is None else load_model(ref if isinstance(ref, str) else str(self._file(ref)))
        except (InputError, KeyError) as error:
            self.asset_note = f"the presenter's files could not be loaded here: {error}"
            self.loaded = wanted   # not again for the same files
            return
        self.session = Session(corpus=corpus, weights=weights, topology=self.session.topology)
        self.loaded, self.asset_note, self.loaded_trained = wanted, "", ()   # the trained models: again, below

    def _file(self, ref: AssetRef) -> Path:
        """A travelled file, saved under its hash (with its suffix, which the loaders read)."""
        asset = self.store[ref.sha256]   # KeyError: not received
        suffix = Path(ref.name).suffix.lower()
        path = Path(self._files.name) / (ref.sha256 + (suffix if suffix in ASSET_SUFFIXES else ".txt"))
        if not path.exists():
            path.write_bytes(asset.data)
        return path

    # ---- here: keys, detaching ----------------------------------------------------------------

    def scene_state_changed(self, scene: Screen[Any], state: object) -> None:
        super().scene_state_changed(scene, state)
        if self.applying or not isinstance(scene, Scene) or scene.NAME != self.current_mode:
            return
        if self.pending is not None:
            if self.pending.scene == scene.NAME:
                self.call_later(self._show_pending, self.pending)  # after this state's own watchers have run
            return
        if self.attached and self.shown is not None and not self._place(scene).same_place(self.shown):
            self._detach()

    def mode_changed(self, mode: str) -> None:
        if self.pending is None or self.pending.scene != mode:  # not a switch this app made to follow
            self._detach()

    def _detach(self) -> None:
        if self.attached:
            self.attached = False
            self.left_on_purpose = self.status == "connected"
            self._say()
            self.refresh_bindings()

    def action_reattach(self) -> None:
        self.attached, self.left_on_purpose = True, False
        self.refresh_bindings()
        if self.latest is not None:
            self.follow(self.latest)
        self._say()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer":  # while a prompt waits for its reveal, the digits answer it and nothing else
            prompt = self.latest.prompt if self.latest is not None else None
            return self.attached and prompt is not None and prompt.answer is None
        if action == "reattach":
            return None if self.attached else True   # shown greyed while following
        return super().check_action(action, parameters)

    def action_answer(self, choice: int) -> None:
        """One answer per prompt: the first counts; a digit past the choices does nothing."""
        prompt = self.latest.prompt if self.latest is not None else None
        if prompt is None or prompt.id in self.mine or not 0 <= choice < len(prompt.choices):
            return
        if self.link.answer(Answer(prompt.id, choice)):
            self.mine[prompt.id] = choice
        self._say()

    def _say(self) -> None:
        where = f"{self.host}:{self.port}"
        if self.status == "unreachable":
            line = f"no presenter at {where} yet; trying every second"
        elif self.status == "lost":
            line = f"the presenter ({where}) has gone: carry on; this follows again when it returns"
        elif not self.attached:
            line = "detached: exploring on your own · F follows the presenter again"
        else:
            line = f"following {where}"
            prompt = self.latest.prompt if self.latest is not None else None
            if prompt is not None:
                line = follower_line(prompt, self.mine.get(prompt.id))
        if self.asset_note:
            line += f" ({self.asset_note})"
        self.say(line)


