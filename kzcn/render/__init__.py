"""Output formats: one module per format, each turning a finished Result into text; listed in options.py."""

from __future__ import annotations

from kzcn.render.options import DelimitedOptions, Format, Renderer, RenderOptions, renderer_of

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (2.8 ms a run: kzcn/records_light.py)

if TYPE_CHECKING:
    from collections.abc import Callable

    from kzcn.model.result import Result

__all__ = ["DelimitedOptions", "Format", "RenderOptions", "Renderer", "load_renderer", "render", "renderer_of"]


def load_renderer(output_format: Format) -> Callable[[Result, RenderOptions], str]:
    """The format's render function; its module is imported here, and only the chosen format's is."""
    entry = renderer_of(output_format)
    # The import statement's own machinery (importlib.import_module bypasses it), so that `python -X importtime`
    # and the start-up tests see the renderer's module like any other.
    module = __import__(f"kzcn.render.{entry.module}", fromlist=[entry.function])
    function: Callable[[Result, RenderOptions], str] = getattr(module, entry.function)
    return function


def render(result: Result, output_format: Format, options: RenderOptions) -> str:
    """The result as text in the chosen format."""
    return load_renderer(output_format)(result, options)
