"""Template context shared by every page."""


def csp_nonce(request):
    """The nonce that lets this page's own inline script and style blocks run."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}
