"""The default theme's templates, compiled by `python -m generator.theme_code`: do not edit."""
