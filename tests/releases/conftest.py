import pytest


@pytest.fixture
def releases_dir(settings, tmp_path):
    """Write this test's releases to a folder of its own."""
    settings.RELEASES_DIR = tmp_path / "releases"
    return settings.RELEASES_DIR
