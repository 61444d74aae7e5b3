# The one error type, and error messages composed as C++ composes them (bindings/register_errors.cpp).
class Error(ValueError):
    problems: list[tuple[str, str]]

def error(headline: str, problems: list[tuple[str, str]], more: str = "") -> Error: ...
