"""The gated cells, with PyTorch's equations and weight layout (nn.GRU, nn.LSTM): the blocks of
W_ih, W_hh and the biases are stacked gate by gate, in PyTorch's order.

    LSTM (i, f, g, o)                         GRU (r, z, n)
    i = σ(W_ii x + b_ii + W_hi h + b_hi)      r = σ(W_ir x + b_ir + W_hr h + b_hr)
    f = σ(W_if x + b_if + W_hf h + b_hf)      z = σ(W_iz x + b_iz + W_hz h + b_hz)
    g = tanh(W_ig x + b_ig + W_hg h + b_hg)   n = tanh(W_in x + b_in + r * (W_hn h + b_hn))
    o = σ(W_io x + b_io + W_ho h + b_ho)      h' = (1 - z) * n + z * h
    c' = f * c + i * g
    h' = o * tanh(c')

A step records every sub-step a pane shows (each gate's pre-activation and value, the products,
c_t), so a screen reads the numbers and never computes them. The same step works on one
sentence (x an int or None, h of shape (H,)) or on a batch (x an index array (B,), h (B, H), and
a mask: a row without a word keeps its h and c). A decoder may read a context c beside its word:
W_ih's last columns multiply it, as for the Elman cell.

`step_grads` is the backward step: from dL/dh_t (and dL/dc_t for the LSTM) it gives what the
input-side and the hidden-side pre-activations receive (d_ih, d_hh: equal for the LSTM, not for
the GRU, whose W_hn h + b_hn is multiplied by r) and what flows on to h_{t-1} (and c_{t-1})."""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from dataclasses import dataclass, replace
from typing import Any, ClassVar, NamedTuple

import numpy as np

from rnn_tui.engine.arrays import Indices, Mask, read_only, sealed, sigmoid
from rnn_tui.engine.rnn import Array, Recurrent


class Gate(NamedTuple):
    """One gate of one step, as a pane shows it."""

    name: str          # "i", "f", "g", "o" (LSTM) or "r", "z", "n" (GRU)
    squash: str        # "σ" or "tanh": what turns the pre-activation into the value
    pre: Array         # its pre-activation
    value: Array       # squash(pre)


class StepGrads(NamedTuple):
    """One backward step: what the weights of this step receive and what flows back in time."""

    d_ih: Array              # dL/d(W_ih x_t + b_ih), (G*H,) or (B, G*H)
    d_hh: Array              # dL/d(W_hh h_{t-1} + b_hh)
    dh_prev: Array           # dL/dh_{t-1}
    dc_prev: Array | None    # dL/dc_{t-1} (LSTM), None for a cell without a memory cell


def _input_terms(p: Recurrent, x: int | None | Indices, context: Array | None, batch: bool
                 ) -> tuple[Array, Array | None]:
    """W_ih x_t (the word's column, zero for the zero vector) and W_ih's context columns times c."""
    if batch:
        assert isinstance(x, np.ndarray)
        wx = p.W_ih.T[x] * (x >= 0)[:, None]
        return wx, None if context is None else context @ p.W_ih[:, -context.shape[1]:].T
    assert not isinstance(x, np.ndarray)
    wx = p.W_ih[:, x] if x is not None else sealed(np.zeros(p.W_ih.shape[0]))
    return wx, None if context is None else sealed(p.W_ih[:, -len(context):] @ context)


def _times_w_hh(p: Recurrent, h: Array) -> Array:
    return p.W_hh @ h if h.ndim == 1 else h @ p.W_hh.T


def _back_to_h(p: Recurrent, d_hh: Array) -> Array:
    return p.W_hh.T @ d_hh if d_hh.ndim == 1 else d_hh @ p.W_hh


def _blocks(a: Array, k: int, H: int) -> Array:
    """Block k of a stacked (..., G*H) array."""
    return a[..., k * H:(k + 1) * H]


def _sealed_all(*arrays: Array) -> list[Array]:
    return [sealed(a) if a.flags.writeable else a for a in arrays]


class LSTMParts(NamedTuple):
    """What an LSTM step works out on the way to c_t and h_t."""

    wx: Array            # W_ih x_t, (4H,): i, f, g, o stacked (a column of W_ih: a view, no copy)
    wh: Array            # W_hh h_{t-1}, (4H,)
    pre: Array           # wx (+ wc) + b_ih + wh + b_hh: every gate's pre-activation
    act: Array           # σ(i), σ(f), tanh(g), σ(o): every gate's value
    f_c: Array           # f * c_{t-1}: what the memory keeps
    i_g: Array           # i * g: what it writes
    tanh_c: Array        # tanh(c_t)


class GRUParts(NamedTuple):
    """What a GRU step works out on the way to h_t."""

    wx: Array            # W_ih x_t, (3H,): r, z, n stacked (a column of W_ih: a view, no copy)
    wh: Array            # W_hh h_{t-1}, (3H,)
    hn: Array            # W_hn h_{t-1} + b_hn: the candidate's share of the past, before the reset
    r_hn: Array          # r * (W_hn h_{t-1} + b_hn): what the reset gate lets through
    pre: Array           # r, z: wx + b_ih + wh + b_hh; n: W_in x + b_in + r_hn (every gate's pre-activation)
    act: Array           # σ(r), σ(z), tanh(n): every gate's value
    from_n: Array        # (1 - z) * n: the new candidate's share of h_t
    from_h: Array        # z * h_{t-1}: the old state's share


class _Recent:
    """The parts of the last few slim steps read, worked out again from the step's weights, h_{t-1}
    (and c_{t-1}) by the very function that made its h: the same numbers, bit for bit. A pane reads
    a handful of steps at a time, so memory stays bounded however far the user steps. A step is
    held weakly: once its trace is gone its parts go too (they are views of its W_ih)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._parts: OrderedDict[int, tuple[weakref.ref[GatedRecord], Any]] = OrderedDict()
        self._dead: list[weakref.ref[GatedRecord]] = []  # filled by the garbage collector: no lock there
        self._lock = threading.Lock()  # a worker thread may read a step while the screen does

    def get(self, record: GatedRecord) -> Any:
        key = id(record)
        with self._lock:
            self._purge()
            hit = self._parts.get(key)
            if hit is not None and hit[0]() is record:
                self._parts.move_to_end(key)
                return hit[1]
        parts = record.derive()
        with self._lock:
            self._parts[key] = (weakref.ref(record, self._dead.append), parts)
            self._parts.move_to_end(key)
            while len(self._parts) > self._size:
                self._parts.popitem(last=False)
        return parts

    def _purge(self) -> None:
        while self._dead:
            ref = self._dead.pop()
            for key, (held, _) in list(self._parts.items()):
                if held is ref:  # an id may already be reused by a newer step: drop only the dead one
                    del self._parts[key]


RECENT = _Recent(32)


def _part(name: str) -> Any:
    """A read-only attribute that is the same-named field of the step's parts: kept, or worked out
    again when read (see GatedRecord.parts)."""
    return property(lambda record: getattr(record.parts(), name), doc=f"the step's {name}")


class GatedRecord:
    """What a pane reads of a gated step, by gate name: each gate's pre-activation and value, the
    gate's block of the stacked (G*H) arrays. LSTMStep and GRUStep are records of this kind.

    A record keeps its parts (`kept`), or is slim (`slim`: what a trace keeps): then it keeps only
    h (and c), which the next step starts from, and works its parts out again when read (RECENT).
    Either way every attribute reads the same numbers."""

    __slots__ = ("__weakref__",)  # RECENT holds a step weakly
    GATES: ClassVar[tuple[str, ...]]
    SQUASH: ClassVar[tuple[str, ...]]
    p: Recurrent
    x_index: int | None | Indices
    h_prev: Array
    h: Array
    kept: Any

    def derive(self) -> Any:
        raise NotImplementedError

    def parts(self) -> Any:
        return self.kept if self.kept is not None else RECENT.get(self)

    wx = _part("wx")
    wh = _part("wh")
    pre = _part("pre")
    act = _part("act")

    @property
    def b_ih(self) -> Array:
        return self.p.b_ih

    @property
    def b_hh(self) -> Array:
        return self.p.b_hh

    def gate(self, name: str) -> Gate:
        k, H = self.GATES.index(name), self.h.shape[-1]
        parts = self.parts()
        return Gate(name, self.SQUASH[k], _blocks(parts.pre, k, H), _blocks(parts.act, k, H))

    @property
    def gates(self) -> tuple[Gate, ...]:
        return tuple(self.gate(name) for name in self.GATES)


def _word_column(p: Recurrent, x_index: int | None) -> Array:
    """W_ih x_t for one sentence: the word's column of the read-only W_ih (a view), or zeros."""
    return p.W_ih[:, x_index] if x_index is not None else sealed(np.zeros(p.W_ih.shape[0]))


def _sealed_parts(parts: Any) -> Any:
    return type(parts)(*_sealed_all(*parts))


@dataclass(frozen=True, eq=False, slots=True)
class LSTMStep(GatedRecord):
    """One step of nn.LSTM, sub-step by sub-step. For a batch, each array has a row per sentence.
    wx, wh, pre, act, f_c, i_g and tanh_c are the parts (LSTMParts); b_ih and b_hh are p's."""

    GATES: ClassVar[tuple[str, ...]] = ("i", "f", "g", "o")
    SQUASH: ClassVar[tuple[str, ...]] = ("σ", "σ", "tanh", "σ")

    p: Recurrent                   # the weights it stepped with (held, not copied)
    x_index: int | None | Indices  # the hot index of x_t (None, or -1 in a batch: the zero vector)
    h_prev: Array        # h_{t-1}
    c_prev: Array        # c_{t-1}
    c: Array             # c_t = f * c_{t-1} + i * g
    h: Array             # h_t = o * tanh(c_t)
    mask: Mask | None = None      # a batch's rows with a word at this step (the others keep h and c)
    context: Array | None = None  # c read beside the word (None: no context input)
    wc: Array | None = None       # W_ih's context columns times the context, added to pre
    kept: LSTMParts | None = None  # None: slim, the parts worked out again when read

    f_c = _part("f_c")
    i_g = _part("i_g")
    tanh_c = _part("tanh_c")

    def derive(self) -> LSTMParts:
        assert not isinstance(self.x_index, np.ndarray)  # a batch's record keeps its parts
        wx = _word_column(self.p, self.x_index)
        parts, _, _ = _lstm_parts(self.p, wx, self.wc, _times_w_hh(self.p, self.h_prev), self.c_prev)
        return _sealed_parts(parts)  # type: ignore[no-any-return]


@dataclass(frozen=True, eq=False, slots=True)
class GRUStep(GatedRecord):
    """One step of nn.GRU, sub-step by sub-step. For a batch, each array has a row per sentence.
    wx, wh, hn, r_hn, pre, act, from_n and from_h are the parts (GRUParts); b_ih and b_hh are p's."""

    GATES: ClassVar[tuple[str, ...]] = ("r", "z", "n")
    SQUASH: ClassVar[tuple[str, ...]] = ("σ", "σ", "tanh")

    p: Recurrent
    x_index: int | None | Indices
    h_prev: Array        # h_{t-1}
    h: Array             # h_t = from_n + from_h
    mask: Mask | None = None
    context: Array | None = None
    wc: Array | None = None
    kept: GRUParts | None = None   # None: slim, the parts worked out again when read

    hn = _part("hn")
    r_hn = _part("r_hn")
    from_n = _part("from_n")
    from_h = _part("from_h")

    def derive(self) -> GRUParts:
        assert not isinstance(self.x_index, np.ndarray)
        wx = _word_column(self.p, self.x_index)
        parts, _ = _gru_parts(self.p, wx, self.wc, _times_w_hh(self.p, self.h_prev), self.h_prev)
        return _sealed_parts(parts)  # type: ignore[no-any-return]


def slim(record: Any) -> Any:
    """The record as a trace keeps it: a one-sentence gated step without its parts (h and c, a
    few views and references), which it works out again when read. Other records are kept whole,
    as is a step whose weights could still change (not read-only) under it."""
    if not isinstance(record, (LSTMStep, GRUStep)) or isinstance(record.x_index, np.ndarray):
        return record
    p = record.p
    if any(a.flags.writeable for a in (p.W_ih, p.W_hh, p.b_ih, p.b_hh)):
        return record
    return replace(record, kept=None)


def _lstm_parts(p: Recurrent, wx: Array, wc: Array | None, wh: Array, c_prev: Array
                ) -> tuple[LSTMParts, Array, Array]:
    """The LSTM's arithmetic, the only place it is written: its parts, c_t and h_t (unmasked)."""
    H = c_prev.shape[-1]
    pre = (wx if wc is None else wx + wc) + p.b_ih + wh + p.b_hh
    act = np.concatenate([sigmoid(pre[..., :2 * H]), np.tanh(_blocks(pre, 2, H)), sigmoid(_blocks(pre, 3, H))],
                         axis=-1)
    i, f, g, o = (_blocks(act, k, H) for k in range(4))
    f_c, i_g = f * c_prev, i * g
    c = f_c + i_g
    tanh_c = np.tanh(c)
    return LSTMParts(wx, wh, pre, act, f_c, i_g, tanh_c), c, o * tanh_c


def _gru_parts(p: Recurrent, wx: Array, wc: Array | None, wh: Array, h_prev: Array) -> tuple[GRUParts, Array]:
    """The GRU's arithmetic, the only place it is written: its parts and h_t (unmasked)."""
    H = h_prev.shape[-1]
    from_x = (wx if wc is None else wx + wc) + p.b_ih
    rz_pre = from_x[..., :2 * H] + wh[..., :2 * H] + p.b_hh[:2 * H]
    rz = sigmoid(rz_pre)
    r, z = rz[..., :H], rz[..., H:]
    hn = _blocks(wh, 2, H) + p.b_hh[2 * H:]
    r_hn = r * hn
    n_pre = _blocks(from_x, 2, H) + r_hn
    n = np.tanh(n_pre)
    pre = np.concatenate([rz_pre, n_pre], axis=-1)
    act = np.concatenate([rz, n], axis=-1)
    from_n, from_h = (1.0 - z) * n, z * h_prev
    return GRUParts(wx, wh, hn, r_hn, pre, act, from_n, from_h), from_n + from_h


def _masked(mask: Mask | None, new: Array, old: Array) -> Array:
    return new if mask is None else np.where(mask[:, None], new, old)


def _step_inputs(p: Recurrent, x_index: int | None | Indices, h_prev: Array, mask: Mask | None,
                 context: Array | None) -> tuple[bool, Array, Mask | None, Array, Array | None, Array]:
    """What every gated step starts from: whether it is a batch, h_{t-1} (read-only for one
    sentence), the batch's mask (every row, if none was given), W_ih x_t, the context's term and
    W_hh h_{t-1}, all gates stacked."""
    batch = isinstance(x_index, np.ndarray)
    h_prev = np.asarray(h_prev, dtype=np.float64) if batch else read_only(h_prev)
    if batch and mask is None:
        mask = np.ones(len(h_prev), dtype=bool)
    wx, wc = _input_terms(p, x_index, None if context is None else np.asarray(context, np.float64), batch)
    return batch, h_prev, mask, wx, wc, _times_w_hh(p, h_prev)


class LSTM:
    """The LSTM cell with PyTorch's nn.LSTM equations and weight layout (gates i, f, g, o)."""

    name = "lstm"
    gates = 4

    def step(self, p: Recurrent, x_index: int | None | Indices, h_prev: Array, mask: Mask | None = None,
             context: Array | None = None, c_prev: Array | None = None) -> LSTMStep:
        batch, h_prev, mask, wx, wc, wh = _step_inputs(p, x_index, h_prev, mask, context)
        c_prev = np.zeros_like(h_prev) if c_prev is None else np.asarray(c_prev, dtype=np.float64)
        parts, c, h = _lstm_parts(p, wx, wc, wh, c_prev)
        h, c = _masked(mask, h, h_prev), _masked(mask, c, c_prev)
        if not batch:
            c_prev, parts = read_only(c_prev), _sealed_parts(parts)
            c, h = _sealed_all(c, h)
            context = None if context is None else read_only(context)
        return LSTMStep(p, x_index, h_prev, c_prev, c, h, mask, context, wc, parts)

    def step_grads(self, p: Recurrent, s: LSTMStep, dh: Array, dc: Array | None = None) -> StepGrads:
        """dL/dh_t and dL/dc_t (what later steps send into c_t; None: nothing) back to the gates."""
        H = s.h.shape[-1]
        dc = np.zeros_like(dh) if dc is None else dc
        if s.mask is not None:  # a padded row's h and c are its h_prev and c_prev: pass straight through
            keep = s.mask[:, None]
            dh_pass, dc_pass = np.where(keep, 0.0, dh), np.where(keep, 0.0, dc)
            dh, dc = dh - dh_pass, dc - dc_pass
        i, f, g, o = (_blocks(s.act, k, H) for k in range(4))
        dc_total = dc + dh * o * (1.0 - s.tanh_c * s.tanh_c)
        dpre = np.concatenate([dc_total * g * i * (1.0 - i),              # i
                               dc_total * s.c_prev * f * (1.0 - f),       # f
                               dc_total * i * (1.0 - g * g),              # g
                               dh * s.tanh_c * o * (1.0 - o)], axis=-1)   # o
        dh_prev, dc_prev = _back_to_h(p, dpre), dc_total * f
        if s.mask is not None:
            dh_prev, dc_prev = dh_prev + dh_pass, dc_prev + dc_pass
        return StepGrads(dpre, dpre, dh_prev, dc_prev)


class GRU:
    """The GRU cell with PyTorch's nn.GRU equations and weight layout (gates r, z, n; b_hn inside
    the reset product)."""

    name = "gru"
    gates = 3

    def step(self, p: Recurrent, x_index: int | None | Indices, h_prev: Array, mask: Mask | None = None,
             context: Array | None = None, c_prev: Array | None = None) -> GRUStep:
        """c_prev is ignored: a GRU has no memory cell apart from h."""
        batch, h_prev, mask, wx, wc, wh = _step_inputs(p, x_index, h_prev, mask, context)
        parts, h = _gru_parts(p, wx, wc, wh, h_prev)
        h = _masked(mask, h, h_prev)
        if not batch:
            parts, h = _sealed_parts(parts), sealed(h)
            context = None if context is None else read_only(context)
        return GRUStep(p, x_index, h_prev, h, mask, context, wc, parts)

    def step_grads(self, p: Recurrent, s: GRUStep, dh: Array, dc: Array | None = None) -> StepGrads:
        H = s.h.shape[-1]
        if s.mask is not None:
            dh_pass = np.where(s.mask[:, None], 0.0, dh)
            dh = dh - dh_pass
        r, z, n = (_blocks(s.act, k, H) for k in range(3))
        dn_pre = dh * (1.0 - z) * (1.0 - n * n)
        dz_pre = dh * (s.h_prev - n) * z * (1.0 - z)
        dr_pre = dn_pre * s.hn * r * (1.0 - r)
        d_ih = np.concatenate([dr_pre, dz_pre, dn_pre], axis=-1)
        d_hh = np.concatenate([dr_pre, dz_pre, dn_pre * r], axis=-1)
        dh_prev = dh * z + _back_to_h(p, d_hh)
        if s.mask is not None:
            dh_prev = dh_prev + dh_pass
        return StepGrads(d_ih, d_hh, dh_prev, None)


GRU_CELL = GRU()
LSTM_CELL = LSTM()
