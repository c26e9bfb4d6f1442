"""Bank file layouts as data: one YAML file per layout in ``banks/``, read and checked once.

A county adds its bank's layout by adding a YAML file, not code. A layout has a ``format``
(``csv`` or ``fixed``), an ``encoding`` (``utf-8``, ``gbk``), the records it writes (``header``,
``detail``, optionally ``trailer``) and how the bank's return file reads (``returns``: its
detail fields, the result codes that mean paid, and the bank's reason for each failure code).
Each field takes its text from a ``source`` (see ``HEADER_SOURCES`` and ``DETAIL_SOURCES``) or
is a constant ``value``; a fixed-width field has a ``width`` in bytes of the encoding, an
``align`` and a ``pad``.

The file written for a batch depends only on the batch's lines and the layout, so exporting
the same batch again gives the same bytes and the same SHA-256.
"""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext as _

from minzheng.core.exceptions import ApplicationError

BANKS_DIR = Path(__file__).parent / "banks"
HEADER_SOURCES = frozenset({"batch_number", "month", "row_count", "total_amount", "total_fen"})
DETAIL_SOURCES = frozenset(
    {
        "sequence",
        "account_number",
        "holder_name",
        "holder_id_number",
        "amount",
        "amount_fen",
        "remark",
    }
)
RETURN_SOURCES = frozenset(
    {"sequence", "account_number", "holder_name", "amount", "amount_fen", "result", "reason"}
)


class LayoutError(ValueError):
    """A layout file that cannot be used; raised when the layouts are loaded."""


@dataclass(frozen=True)
class Field:
    label: str
    source: str = ""
    value: str = ""
    width: int = 0
    align: str = "left"
    pad: str = " "


@dataclass(frozen=True)
class BankLayout:
    code: str
    name: str
    reference: str
    format: str
    encoding: str
    line_ending: str
    header: tuple[Field, ...]
    detail: tuple[Field, ...]
    trailer: tuple[Field, ...]
    return_detail: tuple[Field, ...]
    paid_codes: frozenset[str]
    reasons: Mapping[str, str]

    @property
    def suffix(self) -> str:
        return "csv" if self.format == "csv" else "txt"


@dataclass(frozen=True)
class ReturnRow:
    row: int  # line number in the file, as a clerk opening it would count
    sequence: str
    account_number: str
    amount_fen: int | None
    paid: bool
    reason: str


def _fields(raw: object, *, where: str, sources: frozenset[str], fixed: bool) -> tuple[Field, ...]:
    if not isinstance(raw, list) or not raw:
        raise LayoutError(f"{where}: a list of fields is required")
    fields = []
    for index, item in enumerate(raw, start=1):
        if not isinstance(item, dict) or "label" not in item:
            raise LayoutError(f"{where}[{index}]: each field needs a label")
        field = Field(
            label=str(item["label"]),
            source=str(item.get("source", "")),
            value=str(item.get("value", "")),
            width=int(item.get("width", 0)),
            align=str(item.get("align", "left")),
            pad=str(item.get("pad", " ")),
        )
        if bool(field.source) == bool(field.value) or (
            field.source and field.source not in sources
        ):
            raise LayoutError(f"{where}[{index}]: one known source or one value is required")
        if fixed and (field.width <= 0 or field.align not in ("left", "right")):
            raise LayoutError(f"{where}[{index}]: a fixed-width field needs a width and align")
        if len(field.pad) != 1:
            raise LayoutError(f"{where}[{index}]: pad is one character")
        fields.append(field)
    return tuple(fields)


def layout_parse(raw: Mapping[str, object], *, origin: str) -> BankLayout:
    """Check one layout's YAML content; ``LayoutError`` names the file and the field."""
    fmt = raw.get("format")
    if fmt not in ("csv", "fixed"):
        raise LayoutError(f"{origin}: format must be csv or fixed")
    fixed = fmt == "fixed"
    encoding = str(raw.get("encoding", ""))
    try:
        "".encode(encoding)
    except LookupError:
        raise LayoutError(f"{origin}: unknown encoding {encoding!r}") from None
    returns = raw.get("returns")
    if not isinstance(returns, dict):
        raise LayoutError(f"{origin}: returns is required")
    trailer = raw.get("trailer")
    reasons = returns.get("reasons", {})
    if not isinstance(reasons, dict):
        raise LayoutError(f"{origin}: returns.reasons is a mapping of code to reason")
    return BankLayout(
        code=str(raw.get("code", "")),
        name=str(raw.get("name", "")),
        reference=str(raw.get("reference", "")),
        format=str(fmt),
        encoding=encoding,
        line_ending=str(raw.get("line_ending", "\r\n")),
        header=_fields(
            raw.get("header"), where=f"{origin}.header", sources=HEADER_SOURCES, fixed=fixed
        ),
        detail=_fields(
            raw.get("detail"), where=f"{origin}.detail", sources=DETAIL_SOURCES, fixed=fixed
        ),
        trailer=(
            _fields(trailer, where=f"{origin}.trailer", sources=HEADER_SOURCES, fixed=fixed)
            if trailer is not None
            else ()
        ),
        return_detail=_fields(
            returns.get("detail"), where=f"{origin}.returns", sources=RETURN_SOURCES, fixed=fixed
        ),
        paid_codes=frozenset(str(code) for code in returns.get("paid", [])),
        reasons={str(code): str(reason) for code, reason in reasons.items()},
    )


@cache
def bank_layouts() -> dict[str, BankLayout]:
    """Every layout in ``banks/``, by code; a bad file stops the program at its first use."""
    found: dict[str, BankLayout] = {}
    for path in sorted(BANKS_DIR.glob("*.yaml")):
        layout = layout_parse(yaml.safe_load(path.read_text(encoding="utf-8")), origin=path.name)
        if layout.code != path.stem or layout.code in found:
            raise LayoutError(f"{path.name}: code must be the file name and unique")
        found[layout.code] = layout
    return found


def layout_get(code: str) -> BankLayout:
    layout = bank_layouts().get(code)
    if layout is None:
        raise ApplicationError(
            _("没有这种银行文件格式。"), fields={"bank": _("请选择银行文件格式。")}
        )
    return layout


def _fixed(fields: Sequence[Field], values: Mapping[str, str], encoding: str, row: int) -> bytes:
    out = b""
    for field in fields:
        text = field.value or values[field.source]
        data = text.encode(encoding)
        if len(data) > field.width:
            raise ApplicationError(
                _("第 %(row)s 笔的“%(field)s”超出银行文件规定的 %(width)s 字节，请核对后再导出。")
                % {"row": row, "field": field.label, "width": field.width},
                fields={"bank": _("第 %(row)s 笔超长。") % {"row": row}},
            )
        padding = field.pad.encode(encoding) * (field.width - len(data))
        out += padding + data if field.align == "right" else data + padding
    return out


def file_render(
    layout: BankLayout, *, header: Mapping[str, str], details: Iterable[Mapping[str, str]]
) -> bytes:
    """The bank file's bytes for one batch; every value is already text."""
    ending = layout.line_ending.encode(layout.encoding)
    if layout.format == "fixed":
        lines = [_fixed(layout.header, header, layout.encoding, 0)]
        lines += [
            _fixed(layout.detail, values, layout.encoding, index)
            for index, values in enumerate(details, start=1)
        ]
        if layout.trailer:
            lines.append(_fixed(layout.trailer, header, layout.encoding, 0))
        return ending.join(lines) + ending
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=layout.line_ending)
    writer.writerow([field.label for field in layout.header])
    writer.writerow([field.value or header[field.source] for field in layout.header])
    writer.writerow([field.label for field in layout.detail])
    for values in details:
        writer.writerow([field.value or values[field.source] for field in layout.detail])
    return buffer.getvalue().encode(layout.encoding)


def _fen(text: str, *, yuan: bool) -> int | None:
    text = text.strip()
    try:
        if yuan:
            whole, _dot, cents = text.partition(".")
            if len(cents) > 2 or not whole.lstrip("-").isdigit() or (cents and not cents.isdigit()):
                return None
            return int(whole) * 100 + int(cents.ljust(2, "0") or 0)
        return int(text)
    except ValueError:
        return None


def _return_row(layout: BankLayout, row: int, values: Mapping[str, str]) -> ReturnRow:
    result = values.get("result", "").strip()
    if "amount_fen" in values:
        fen = _fen(values["amount_fen"], yuan=False)
    else:
        fen = _fen(values.get("amount", ""), yuan=True)
    paid = result in layout.paid_codes
    reason = (
        "" if paid else layout.reasons.get(result) or values.get("reason", "").strip() or result
    )
    return ReturnRow(
        row=row,
        sequence=values.get("sequence", "").strip().lstrip("0") or "0",
        account_number=values.get("account_number", "").strip(),
        amount_fen=fen,
        paid=paid,
        reason=reason,
    )


def _decode(data: bytes, encoding: str) -> str:
    try:
        return data.decode("utf-8-sig" if encoding == "utf-8" else encoding)
    except UnicodeDecodeError:
        raise ApplicationError(
            _("回盘文件不是该银行格式约定的编码 (%(encoding)s)。") % {"encoding": encoding},
            fields={"file": _("文件编码不符。")},
        ) from None


def _unpad(field: Field, text: str) -> str:
    if field.align == "right":
        return text.lstrip(field.pad) or ("0" if field.pad == "0" else "")
    return text.rstrip(field.pad).strip()


def return_parse(layout: BankLayout, data: bytes) -> list[ReturnRow]:
    """The rows of a bank's return file; a file that is not of the layout is refused whole."""
    fields = layout.return_detail
    rows: list[ReturnRow] = []
    if layout.format == "csv":
        reader = csv.reader(io.StringIO(_decode(data, layout.encoding)))
        header = next(reader, None)
        if header is None or [cell.strip() for cell in header] != [f.label for f in fields]:
            raise ApplicationError(
                _("回盘文件的表头应为：%(labels)s。")
                % {"labels": "，".join(f.label for f in fields)},
                fields={"file": _("表头不符。")},
            )
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue
            values = {f.source: cell for f, cell in zip(fields, cells, strict=False) if f.source}
            rows.append(_return_row(layout, number, values))
        return rows
    ending = layout.line_ending.encode(layout.encoding)
    marker = next((f for f in fields if f.value), None)
    for number, line in enumerate(data.split(ending), start=1):
        if not line.strip() or (
            marker and not line.startswith(marker.value.encode(layout.encoding))
        ):
            continue
        values, offset = {}, 0
        for field in fields:
            chunk = line[offset : offset + field.width]
            offset += field.width
            if field.source:
                values[field.source] = _unpad(field, _decode(chunk, layout.encoding))
        rows.append(_return_row(layout, number, values))
    return rows
