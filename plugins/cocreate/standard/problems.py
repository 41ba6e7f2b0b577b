"""Problems found in project files: a stable code, a position, a field path and parameters.

A problem holds no text of its own. Messages and hints live in the locale catalogues
(`locales/<lang>.yml`) and are rendered by [cocreate.i18n.messages][] in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

PathPart = str | int
FieldPath = tuple[PathPart, ...]


class Code(StrEnum):
    """Every problem cocreate can report, by its stable kebab-case code: documented in the
    standard's codes table, with a message and a hint in each locale (the tests check all
    three against this list)."""

    ACTIVITY_WRONG_PHASE = "activity-wrong-phase"
    ANSWER_REQUIRED = "answer-required"
    ANSWERED_BEFORE_ASKED = "answered-before-asked"
    BIDI_CONTROL = "bidi-control"
    CALL_CLOSES_BEFORE_OPENING = "call-closes-before-opening"
    CALL_ON_CLOSED_PROJECT = "call-on-closed-project"
    CITY_REQUIRED = "city-required"
    CONSENT_REQUIRED = "consent-required"
    CONTROL_CHARACTER = "control-character"
    CRITERIA_REQUIRED = "criteria-required"
    DATA_FILE_ENCODING = "data-file-encoding"
    DATA_FILE_MISSING = "data-file-missing"
    DATA_FILE_TOO_LARGE = "data-file-too-large"
    DATA_FILE_UNSAFE = "data-file-unsafe"
    DATA_FORMULA = "data-formula"
    DATA_INVALID = "data-invalid"
    DATA_SCHEMA_INVALID = "data-schema-invalid"
    DATA_TOO_MANY_COLUMNS = "data-too-many-columns"
    DATE_IN_FUTURE = "date-in-future"
    DATE_NOT_REAL = "date-not-real"
    DUPLICATE_ITEM = "duplicate-item"
    EMPTY_FILE = "empty-file"
    EMPTY_MAP = "empty-map"
    EMPTY_TEXT = "empty-text"
    FILE_IS_SYMLINK = "file-is-symlink"
    FILE_TOO_LARGE = "file-too-large"
    FILE_UNREADABLE = "file-unreadable"
    INTERNAL_ERROR = "internal-error"
    INVALID_COUNTRY = "invalid-country"
    INVALID_DATA_NAME = "invalid-data-name"
    INVALID_DATA_PATH = "invalid-data-path"
    INVALID_DATE = "invalid-date"
    INVALID_FORMAT = "invalid-format"
    INVALID_HANDLE = "invalid-handle"
    INVALID_LANGUAGE = "invalid-language"
    INVALID_LICENSE = "invalid-license"
    INVALID_SLUG = "invalid-slug"
    INVALID_TAG = "invalid-tag"
    INVALID_URL = "invalid-url"
    INVALID_UTF8 = "invalid-utf8"
    INVALID_VALUE = "invalid-value"
    INVISIBLE_CHARACTER = "invisible-character"
    LICENSE_REQUIRED = "license-required"
    MARKUP_IN_TEXT = "markup-in-text"
    MISPLACED_FILE = "misplaced-file"
    MISSING_FIELD = "missing-field"
    MISSING_PROJECT_FILE = "missing-project-file"
    MISSING_REQUIRED_TRANSLATION = "missing-required-translation"
    MISSING_TRANSLATION = "missing-translation"
    NO_GOVERNMENT_STAKEHOLDER = "no-government-stakeholder"
    NO_INITIATOR = "no-initiator"
    NO_SOCIETY_STAKEHOLDER = "no-society-stakeholder"
    NONCHARACTER = "noncharacter"
    NOT_ONE_LINE = "not-one-line"
    PERSONAL_DATA_EMAIL = "personal-data-email"
    PERSONAL_DATA_NIK = "personal-data-nik"
    PERSONAL_DATA_PHONE = "personal-data-phone"
    PHASE_NOT_LATEST = "phase-not-latest"
    PRINCIPLE_REPEATED = "principle-repeated"
    REASON_REQUIRED = "reason-required"
    ROOT_NOT_MAPPING = "root-not-mapping"
    SCHEMA_VIOLATION = "schema-violation"
    SEEKING_NOTHING = "seeking-nothing"
    SYMLINK_IN_PROJECTS = "symlink-in-projects"
    TEXT_TOO_LONG = "text-too-long"
    TIMELINE_NOT_IN_ORDER = "timeline-not-in-order"
    TIMELINE_PHASE_BACKWARDS = "timeline-phase-backwards"
    TOO_FEW_ITEMS = "too-few-items"
    TOO_MANY_ITEMS = "too-many-items"
    UNKNOWN_FIELD = "unknown-field"
    UNSAFE_MARKUP = "unsafe-markup"
    WRONG_TYPE = "wrong-type"
    YAML_ALIAS = "yaml-alias"
    YAML_ANCHOR = "yaml-anchor"
    YAML_DUPLICATE_KEY = "yaml-duplicate-key"
    YAML_KEY_NOT_STRING = "yaml-key-not-string"
    YAML_MULTIPLE_DOCUMENTS = "yaml-multiple-documents"
    YAML_SYNTAX = "yaml-syntax"
    YAML_TAG = "yaml-tag"
    YAML_TOO_DEEP = "yaml-too-deep"

    @classmethod
    def personal_data(cls, kind: str) -> Code:
        """`personal-data-email`, `-phone` or `-nik`, for a finding of the privacy detector."""
        return cls(f"personal-data-{kind}")


class Severity(StrEnum):
    """How serious a problem is: errors fail validation, warnings do not."""

    ERROR = "error"
    WARNING = "warning"


class Position(NamedTuple):
    """A 1-based line and column in a source file (a tuple: the loader makes one per node)."""

    line: int
    column: int


START = Position(1, 1)


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong with one file.

    Attributes:
        code: Stable kebab-case identifier (`unknown-field`), documented in the standard.
        file: The file the problem is in, as the user named it.
        position: Where in the file, 1-based.
        path: The field path inside the document, e.g. `("stakeholders", 2, "category")`.
        params: Values substituted into the message and hint templates.
        severity: Error or warning.
    """

    code: Code
    file: str
    position: Position = START
    path: FieldPath = ()
    params: dict[str, Any] = field(default_factory=dict)
    severity: Severity = Severity.ERROR

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", Code(self.code))  # an unknown code is a bug: it fails here

    @property
    def field(self) -> str:
        """The field path in dotted form: `stakeholders[2].category`."""
        return format_path(self.path)

    @property
    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.file, self.position.line, self.position.column, self.code)


def format_path(path: FieldPath) -> str:
    """Render a path as `stakeholders[2].category`; the document itself is `(root)`."""
    out: list[str] = []
    for part in path:
        if isinstance(part, int):
            out.append(f"[{part}]")
        else:
            out.append(f".{part}" if out else part)
    return "".join(out) or "(root)"
