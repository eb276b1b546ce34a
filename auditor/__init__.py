"""auditor: checks IT hosting, maintenance, managed-services and SaaS contracts against French case law."""

__version__ = "0.1.0"
