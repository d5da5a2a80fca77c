"""The default theme's templates, compiled by `python -m generator.theme_compile`: do not edit."""
