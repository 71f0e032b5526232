"""Pure prerequisite rules (Perwali Kota Kupang 23/2025 Pasal 14 and Pasal 17 ayat 11).

Plain data in, plain data out: no Django and no other integritas app is imported here.
"""

from .checker import RULES, TABEL5_RULES, CheckResult, Failure, check_prerequisites, result_json
from .dates import add_years, format_date_id
from .grades import GRADES, INSTITUTION_KINDS, LEVELS, OPINIONS, grade_at_least
from .inputs import (
    CheckInput,
    InstitutionFacts,
    InvalidInput,
    PredicateRecord,
    UnitFacts,
    parse_check_input,
)
from .monitoring import is_due_soon, is_overdue, monitoring_due

__all__ = [
    "GRADES", "INSTITUTION_KINDS", "LEVELS", "OPINIONS", "RULES", "TABEL5_RULES", "CheckInput",
    "CheckResult", "Failure", "InstitutionFacts", "InvalidInput", "PredicateRecord", "UnitFacts",
    "add_years", "check_prerequisites", "format_date_id", "grade_at_least", "is_due_soon", "is_overdue",
    "monitoring_due", "parse_check_input",
    "result_json",
]  # fmt: skip
