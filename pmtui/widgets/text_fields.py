"""Input and TextArea that apply a burst of keys in the order they were typed.

Textual 8 inserts printable keys in the widget's `_on_key`, but runs bound keys
(backspace, arrows, home, ctrl+k...) only once the key has bubbled back up to
the app, after keys queued behind it may already have been inserted. Over SSH
keys arrive batched, so `abc` backspace `d` could save `abcd`
(Textualize/textual#6605; the fix proposed upstream, textual#6631, does this
same thing inside Textual). Every text field in pmtui is one of these two.

pmtui marks a field whose text was not taken itself (`-invalid`, and the reason
under the field). Textual's `Input` validates on blur by default and, having no
validators, then clears `-invalid`: so an `OrderedInput` validates nothing
unless it is asked to.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.widget import Widget
from textual.widgets import Input, TextArea


async def run_own_binding(widget: Widget, event: events.Key) -> bool:
    """Run the widget's own binding for `event` now, instead of after the key bubbles up.

    What runs is what the app would have run: priority bindings were already
    checked before the key reached the widget, and among the others the focused
    widget's own come first. A key the widget types as text, a key it does not
    bind, or a binding whose action declines (check_action, SkipAction) is left
    to bubble on exactly as before, so app and screen keys still reach them.
    """
    if widget.check_consume_key(event.key, event.character):
        return False
    for binding in widget._bindings.key_to_bindings.get(event.key, ()):
        if not binding.priority and await widget.app.run_action(binding.action, widget):
            event.stop()  # handled: must not reach the app's binding check a second time
            return True
    return False


async def keep_keys_in_order(widget: Widget, event: events.Key) -> None:
    """Handle `event` in the field where it belongs; the field's `_on_key` starts here.

    The app hands each key to the widget focused when it reads the key. In a burst
    (SSH), keys after a tab were handed to this field before the tab moved the
    focus: those go on to the field that has the focus now. Tab and shift+tab
    move the focus at once, here, rather than after bubbling up to the screen's
    binding, when the keys behind them would already have been typed here.
    """
    focused = widget.screen.focused
    if focused is not widget and focused is not None:
        event.stop()
        event.prevent_default()
        focused.post_message(events.Key(event.key, event.character))
        return
    if await run_own_binding(widget, event) or widget.check_consume_key(event.key, event.character):
        return
    if event.key in ("tab", "shift+tab"):
        event.stop()
        event.prevent_default()
        if event.key == "tab":
            widget.screen.focus_next()
        else:
            widget.screen.focus_previous()


class OrderedInput(Input):
    """An `Input` whose editing keys apply in order with the text typed around them."""

    def __init__(self, value: str | None = None, placeholder: str = "", **kwargs: Any) -> None:
        kwargs.setdefault("validate_on", ())
        super().__init__(value, placeholder, **kwargs)

    async def _on_key(self, event: events.Key) -> None:
        # Textual then calls Input's own `_on_key` too (it walks the MRO): that one only types text,
        # unless the event was stopped (prevent_default) here.
        await keep_keys_in_order(self, event)


class OrderedTextArea(TextArea):
    """A `TextArea` whose editing keys apply in order with the text typed around them.

    Its own undo and redo are declined, so ctrl+z and ctrl+y reach the app's one
    undo of the report (typing in a field coalesces there into a step per pause),
    and the footer keeps showing Undo while the field has focus.
    """

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("undo", "redo"):
            return False
        return super().check_action(action, parameters)

    async def _on_key(self, event: events.Key) -> None:
        await keep_keys_in_order(self, event)
