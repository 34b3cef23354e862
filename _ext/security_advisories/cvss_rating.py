"""CVSS vectors scored and rated with the ``cvss`` package (versions 2.0, 3.0, 3.1 and 4.0).

The base score and its qualitative severity are always computed from the vector,
never typed by hand, so a record cannot show a score its vector does not give.
"""

from __future__ import annotations

import dataclasses

from cvss import CVSS2, CVSS3, CVSS4, CVSSError


class CvssError(ValueError):
    """A vector the ``cvss`` package cannot parse."""


@dataclasses.dataclass(frozen=True)
class CvssRating:
    """A vector in its normal form, its CVSS version, base score and severity (upper case).

    ``vector`` is empty for a score a source states without its vector (and
    ``version`` too when the source does not say which CVSS it is).
    """

    version: str
    vector: str
    score: float
    severity: str


def vector_version(vector: str) -> str:
    """The CVSS version a vector is written in (a vector without a ``CVSS:`` prefix is 2.0)."""
    if vector.startswith("CVSS:"):
        return vector[5:].split("/", 1)[0]
    return "2.0"


def rate_vector(vector: str) -> CvssRating:
    """Score a vector; raises :class:`CvssError` for one that does not parse."""
    vector = vector.strip()
    version = vector_version(vector)
    try:
        if version == "4.0":
            v4 = CVSS4(vector)
            return CvssRating(version, v4.clean_vector(), float(v4.base_score), str(v4.severity).upper())
        if version in ("3.0", "3.1"):
            v3 = CVSS3(vector)
            return CvssRating(version, v3.clean_vector(), float(v3.scores()[0]), str(v3.severities()[0]).upper())
        if version == "2.0":
            v2 = CVSS2(vector)
            return CvssRating(version, v2.clean_vector(), float(v2.scores()[0]), str(v2.severities()[0]).upper())
    except CVSSError as error:
        raise CvssError(str(error)) from None
    except (ValueError, KeyError, IndexError) as error:  # the package raises these for some malformed vectors
        raise CvssError(f"{type(error).__name__}: {error}") from None
    raise CvssError(f"unknown CVSS version {version!r} (2.0, 3.0, 3.1 and 4.0 are known)")


def score_severity(score: float, version: str = "") -> str:
    """The qualitative rating of a base score (CVSS 3.x and 4.0 bands; 2.0 has no None or Critical)."""
    if version == "2.0":
        return "LOW" if score < 4.0 else "MEDIUM" if score < 7.0 else "HIGH"
    if score == 0:
        return "NONE"
    return "LOW" if score < 4.0 else "MEDIUM" if score < 7.0 else "HIGH" if score < 9.0 else "CRITICAL"


def rate_score(score: float, version: str = "") -> CvssRating:
    """A stated score without a vector: rated with the bands of its version (3.x when it is not given,
    the bands NVD shows for current CVEs)."""
    return CvssRating(version, "", score, score_severity(score, version))
